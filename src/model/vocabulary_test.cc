#include "model/vocabulary.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include "base/source_dir.h"

namespace recount::model {
namespace {

std::string DataDir() { return SourceDir() + "/data"; }

TEST(VocabularyTest, ShippedVocabulariesLoadAndCoverTheIssueList) {
  auto v = Vocabularies::Load(DataDir());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  for (const char* code :
       {"trafficking", "forced_marriage", "rape", "sexual_violence", "forced_labour",
        "forced_abortion", "torture", "arbitrary_detention", "forced_repatriation",
        "death_in_custody", "disappearance", "execution"}) {
    EXPECT_NE(v->act_types.Find(code), nullptr) << code;
  }
  for (const char* code : {"trafficker", "broker", "buyer", "police_cn", "state_security",
                           "prison_guard"}) {
    EXPECT_NE(v->perpetrator_types.Find(code), nullptr) << code;
  }
  EXPECT_FALSE(v->legal_provisions.empty());
}

TEST(VocabularyTest, ResolvesCodesLabelsAndAliasesInBothLanguages) {
  auto v = Vocabularies::Load(DataDir());
  ASSERT_TRUE(v.ok());
  struct Case {
    const Vocabulary* vocab;
    std::string_view text;
    std::string_view code;
  };
  const Case cases[] = {
      {&v->act_types, "trafficking", "trafficking"},
      {&v->act_types, "Trafficking or sale", "trafficking"},
      {&v->act_types, "인신매매", "trafficking"},
      {&v->act_types, "강제 송환", "forced_repatriation"},
      {&v->act_types, "북송", "forced_repatriation"},
      {&v->act_types, "Forced-Abortion", "forced_abortion"},
      {&v->sexes, "F", "female"},
      {&v->sexes, "여", "female"},
      {&v->perpetrator_types, "보위부", "state_security"},
  };
  for (const Case& c : cases) {
    auto r = c.vocab->Resolve(c.text);
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.status().ToString();
    EXPECT_EQ((*r)->code, c.code) << c.text;
  }
  auto bad = v->act_types.Resolve("kidnaping");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not a known act type"), std::string::npos);
  EXPECT_NE(bad.status().message().find("trafficking"), std::string::npos);
  EXPECT_EQ(v->act_types.Label("rape", "ko"), "강간");
}

TEST(VocabularyTest, AmbiguousAliasIsRejected) {
  std::string path = ::testing::TempDir() + "/ambiguous.csv";
  std::ofstream(path) << "code,en,ko,aliases\na,A,가,x\nb,B,나,x\n";
  auto v = Vocabulary::Load("test", path);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("names both"), std::string::npos);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace recount::model
