#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ingest/mapping.h"
#include "ingest/record_builder.h"
#include "ingest/row_source.h"
#include "base/source_dir.h"

namespace recount::ingest {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

model::Vocabularies Vocab() {
  return model::Vocabularies::Load(SourceDir() + "/data").value();
}

TEST(MappingTest, ParsesFieldsAndOptions) {
  auto m = ParseMapping("# comment\nrecord_id = 사례번호\nact=피해유형 # trailing\n"
                        "delimiter = ;\nignore_unknown = true\n",
                        "m.map");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->column[static_cast<int>(Field::kRecordId)], "사례번호");
  EXPECT_EQ(m->delimiter, ';');
  EXPECT_TRUE(m->ignore_unknown);
}

TEST(MappingTest, ReportsMistakesWithLine) {
  struct Case {
    std::string text;
    std::string want;
  };
  const Case cases[] = {
      {"record_id = A\nnonsense\n", "m.map:2: expected 'field = Column header'"},
      {"recordid = A\n", "m.map:1: 'recordid' is not a recount field"},
      {"record_id = A\nrecord_id = B\n", "m.map:2: record_id is mapped twice"},
      {"record_id = A\nact = A\n", "already feeds record_id"},
      {"delimiter = x\n", "delimiter must be"},
      {"", "maps no field"},
  };
  for (const Case& c : cases) {
    auto m = ParseMapping(c.text, "m.map");
    ASSERT_FALSE(m.ok()) << c.text;
    EXPECT_NE(m.status().message().find(c.want), std::string::npos) << m.status().message();
  }
}

TEST(MappingTest, BindingNamesMissingAndUnknownColumns) {
  auto m = ParseMapping("record_id = ID\nact = Type\n", "m.map").value();
  auto missing = BindMapping(m, {"ID", "Kind"}, "f.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("its columns are: ID, Kind"), std::string::npos);
  auto unknown = BindMapping(m, {"ID", "Type", "Extra"}, "f.csv");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("f.csv:1:3: column 'Extra'"), std::string::npos);
  auto no_act = BindMapping(DefaultMapping(), {"record_id", "sex"}, "f.csv");
  ASSERT_FALSE(no_act.ok());
  EXPECT_NE(no_act.status().message().find("required field act"), std::string::npos);
}

TEST(RowSourceTest, ReadsCsvAndJsonLinesThroughMapping) {
  std::string csv = WriteTemp("a.csv", "ID;Type;이름\n1;rape;김금순\n");
  auto m = ParseMapping("record_id=ID\nact=Type\nfull_name=이름\ndelimiter=;\n", "m").value();
  auto src = OpenRowSource(csv, FileFormat::kAuto, m);
  ASSERT_TRUE(src.ok()) << src.status().ToString();
  Row row;
  ASSERT_TRUE(*(*src)->Next(&row));
  EXPECT_EQ(row.Get(Field::kFullName), "김금순");
  EXPECT_EQ(row.line, 2);

  std::string jl = WriteTemp("a.jsonl",
                             "{\"record_id\":\"9\",\"act\":\"torture\",\"age\":23}\n\n"
                             "{\"record_id\":\"10\",\"act\":\"rape\",\"name_variants\":[\"a\",\"b\"]}\n"
                             "[1,2]\n");
  auto js = OpenRowSource(jl, FileFormat::kAuto, DefaultMapping());
  ASSERT_TRUE(js.ok());
  ASSERT_TRUE(*(*js)->Next(&row));
  EXPECT_EQ(row.Get(Field::kAge), "23");
  ASSERT_TRUE(*(*js)->Next(&row));
  EXPECT_EQ(row.line, 3);
  EXPECT_EQ(row.Get(Field::kNameVariants), "a;b");
  auto bad = (*js)->Next(&row);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("a.jsonl:4: each line must be a JSON object"),
            std::string::npos);
}

TEST(RecordBuilderTest, BuildsRecordAndResolvesTerms) {
  auto vocab = Vocab();
  RecordBuilder b(vocab, [](std::string_view t) { return t == "연길" ? "yanji" : ""; }, 2026);
  Row row;
  row.line = 5;
  row.values[static_cast<int>(Field::kRecordId)] = "A-1";
  row.values[static_cast<int>(Field::kAct)] = "인신매매";
  row.values[static_cast<int>(Field::kSex)] = "여";
  row.values[static_cast<int>(Field::kAge)] = "19";
  row.values[static_cast<int>(Field::kEventDate)] = "2010년 3월";
  row.values[static_cast<int>(Field::kEventPlace)] = "연길";
  row.values[static_cast<int>(Field::kPerpetrator)] = "broker";
  model::Record r;
  std::vector<RowProblem> problems;
  ASSERT_TRUE(b.Build(row, "f.csv", &r, &problems)) << problems[0].message;
  EXPECT_EQ(r.sex, "female");
  ASSERT_EQ(r.acts.size(), 1u);
  EXPECT_EQ(r.acts[0].act_type, "trafficking");
  EXPECT_EQ(r.acts[0].place_id, "yanji");
  EXPECT_EQ(r.acts[0].date.ToString(), "2010-03");
  EXPECT_EQ(r.birth.ToString(), "1990/1991");
  EXPECT_EQ(r.acts[0].involvements.size(), 1u);
}

TEST(RecordBuilderTest, ReportsEveryProblemInARow) {
  auto vocab = Vocab();
  RecordBuilder b(vocab, nullptr, 2026);
  Row row;
  row.line = 7;
  row.values[static_cast<int>(Field::kRecordId)] = "A-2";
  row.values[static_cast<int>(Field::kAct)] = "kidnapping";
  row.values[static_cast<int>(Field::kSex)] = "Q";
  row.values[static_cast<int>(Field::kEventDate)] = "2019-02-30";
  row.values[static_cast<int>(Field::kAge)] = "-3";
  row.values[static_cast<int>(Field::kTestimonyDate)] = "2099";
  model::Record r;
  std::vector<RowProblem> problems;
  EXPECT_FALSE(b.Build(row, "f.csv", &r, &problems));
  ASSERT_EQ(problems.size(), 5u);
  std::string all;
  for (auto& p : problems) all += p.message + "\n";
  EXPECT_NE(all.find("f.csv:7: act: 'kidnapping' is not a known act type"), std::string::npos);
  EXPECT_NE(all.find("f.csv:7: sex:"), std::string::npos);
  EXPECT_NE(all.find("day 30 does not exist"), std::string::npos);
  EXPECT_NE(all.find("age: '-3' is not an age"), std::string::npos);
  EXPECT_NE(all.find("in the future"), std::string::npos);
}

}  // namespace
}  // namespace recount::ingest
