#include "model/gazetteer.h"

#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include "base/source_dir.h"

namespace recount::model {
namespace {


const Gazetteer& Shipped() {
  static const Gazetteer* g = [] {
    auto r = Gazetteer::Load(SourceDir() + "/data/gazetteer/places.csv");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new Gazetteer(r.ok() ? std::move(r).value() : Gazetteer());
  }();
  return *g;
}

std::string FindId(std::string_view text) {
  const Place* p = Shipped().Find(text);
  return p == nullptr ? "" : p->id;
}

constexpr char kHeader[] = "id,kind,parent_id,name_en,hangul_north,hangul_south,hanzi,pinyin,mr,rr,aliases,lat,lon\n";

TEST(Gazetteer, ShippedFileLoads) {
  ASSERT_GT(Shipped().size(), 100u);
  for (const char* id : {"kp", "cn", "kp-hamgyongbuk", "kp-hamgyongnam", "kp-ryanggang",
                         "kp-chagang", "kp-pyonganbuk", "kp-pyongannam", "kp-hwanghaebuk",
                         "kp-hwanghaenam", "kp-kangwon", "kp-pyongyang", "kp-rason",
                         "kp-pyongannam-nampo", "kp-kaesong", "cn-jilin-yanbian-yanji"}) {
    EXPECT_NE(Shipped().Get(id), nullptr) << id;
  }
}

TEST(Gazetteer, FindsAnyScriptAndSpelling) {
  const std::string yanji = "cn-jilin-yanbian-yanji";
  for (const char* t : {"Yanji", "yanji", "연길", "옌지", "延吉", "延吉市", "Yenji", "Yŏn’gil",
                        "Yongil", "연길시", "Yanji city", "YANJI"}) {
    EXPECT_EQ(FindId(t), yanji) << t;
  }
  const std::string ryanggang = "kp-ryanggang";
  for (const char* t : {"량강도", "양강도", "Ryanggang", "Yanggang-do", "Ryanggang Province",
                        "两江道", "ryanggang-do", "량강"}) {
    EXPECT_EQ(FindId(t), ryanggang) << t;
  }
  EXPECT_EQ(FindId("룡정"), "cn-jilin-yanbian-longjing");
  EXPECT_EQ(FindId("용정"), "cn-jilin-yanbian-longjing");
  EXPECT_EQ(FindId("Longjing"), "cn-jilin-yanbian-longjing");
  EXPECT_EQ(FindId("Hoeryung"), "kp-hamgyongbuk-hoeryong");
  EXPECT_EQ(FindId("Hoeryŏng-si"), "kp-hamgyongbuk-hoeryong");
  EXPECT_EQ(FindId("회령시"), "kp-hamgyongbuk-hoeryong");
  EXPECT_EQ(FindId("Chongjin"), "kp-hamgyongbuk-chongjin");
  EXPECT_EQ(FindId("Ch'ongjin"), "kp-hamgyongbuk-chongjin");
  EXPECT_EQ(FindId("Hamgyong-bukto"), "kp-hamgyongbuk");
  EXPECT_EQ(FindId("Hamgyongbukto"), "kp-hamgyongbuk");
  EXPECT_EQ(FindId("North Hamgyong Province"), "kp-hamgyongbuk");
  EXPECT_EQ(FindId("Saebyol"), "kp-hamgyongbuk-kyongwon");
  EXPECT_EQ(FindId("심양"), "cn-liaoning-shenyang");
  EXPECT_EQ(FindId("선양"), "cn-liaoning-shenyang");
  EXPECT_EQ(FindId("沈阳市"), "cn-liaoning-shenyang");
  EXPECT_EQ(FindId("단동"), "cn-liaoning-dandong");
  EXPECT_EQ(FindId("Yonbyon"), "cn-jilin-yanbian");
  EXPECT_EQ(FindId("Yeonbyeon"), "cn-jilin-yanbian");
  EXPECT_EQ(FindId("Yanbian Korean Autonomous Prefecture"), "cn-jilin-yanbian");
  EXPECT_EQ(FindId("Camp 15"), "kp-hamgyongnam-yodok-kwalliso15");
  EXPECT_EQ(FindId("전거리 교화소"), "kp-hamgyongbuk-hoeryong-jongori");
  EXPECT_EQ(FindId("图们边防看守所"), "cn-jilin-yanbian-tumen-detention");
  EXPECT_EQ(FindId("집결소"), "kp-type-jipkyolso");
  EXPECT_EQ(FindId("Atlantis"), "");
  EXPECT_EQ(FindId(""), "");
  EXPECT_EQ(FindId("\xff\xfe"), "");
}

TEST(Gazetteer, AmbiguousNamesListEveryCandidateProvinceFirst) {
  const std::vector<const Place*> all = Shipped().FindAll("Jilin");
  ASSERT_GE(all.size(), 2u);
  EXPECT_EQ(all[0]->id, "cn-jilin");
  EXPECT_EQ(all[1]->id, "cn-jilin-jilin");
}

TEST(Gazetteer, HierarchyAndLabels) {
  const Gazetteer& g = Shipped();
  const std::vector<std::string> a = g.Ancestors("cn-jilin-yanbian-yanji");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0], "cn-jilin-yanbian");
  EXPECT_EQ(a[1], "cn-jilin");
  EXPECT_EQ(a[2], "cn");
  EXPECT_TRUE(g.IsWithin("cn-jilin-yanbian-yanji", "cn-jilin"));
  EXPECT_TRUE(g.IsWithin("cn-jilin", "cn-jilin"));
  EXPECT_TRUE(g.IsWithin("kp-hamgyongbuk-hoeryong-jongori", "kp-hamgyongbuk"));
  EXPECT_FALSE(g.IsWithin("cn-jilin", "cn-jilin-yanbian-yanji"));
  EXPECT_FALSE(g.IsWithin("kp-hamgyongbuk-chongjin", "cn"));
  EXPECT_FALSE(g.IsWithin("nowhere", "cn"));
  EXPECT_TRUE(g.Ancestors("nowhere").empty());
  EXPECT_EQ(g.Label("cn-jilin-yanbian-yanji", "ko"), "옌지");
  EXPECT_EQ(g.Label("cn-jilin-yanbian-yanji", "ko-KP"), "연길");
  EXPECT_EQ(g.Label("cn-jilin-yanbian-yanji", "en"), "Yanji");
  EXPECT_EQ(g.Label("cn-jilin-yanbian-yanji", "zh"), "延吉");
  EXPECT_EQ(g.Label("kp-ryanggang", "ko"), "양강도");
  EXPECT_EQ(g.Label("nowhere", "en"), "");
}

TEST(Gazetteer, EveryPlaceResolvesByItsOwnNames) {
  const Gazetteer& g = Shipped();
  for (const Place& p : g.places()) {
    for (const std::string* n : {&p.name_en, &p.hangul_south, &p.hangul_north, &p.mr, &p.rr}) {
      if (n->empty()) continue;
      const std::vector<const Place*> all = g.FindAll(*n);
      bool found = false;
      for (const Place* q : all) found = found || q->id == p.id;
      EXPECT_TRUE(found) << p.id << " not found by '" << *n << "'";
    }
    // Every chain ends at a country.
    const std::vector<std::string> a = g.Ancestors(p.id);
    const std::string& top = a.empty() ? p.id : a.back();
    EXPECT_EQ(g.Get(top)->kind, PlaceKind::kCountry) << p.id;
  }
}

struct BadCase {
  const char* csv;
  const char* message_part;
};

TEST(Gazetteer, ErrorsNameFileLineAndProblem) {
  const BadCase cases[] = {
      {"id,kind\nkp,country\n", "t.csv:1: the header must be exactly"},
      {"kp,country,,North Korea,조선,북한,,,,,,,\nkp,country,,X,,,,,,,,,\n", "t.csv:3: duplicate id 'kp' (first defined on line 2)"},
      {"kp,country,,North Korea,,,,,,,,,\nkp-x,city,nowhere,X,,,,,,,,,\n", "t.csv:3: place 'kp-x' has unknown parent_id 'nowhere'"},
      {"a,city,b,A,,,,,,,,,\nb,city,a,B,,,,,,,,,\n", "parent cycle a -> b -> a"},
      {"a,planet,,A,,,,,,,,,\n", "t.csv:2: field kind: unknown place kind 'planet'"},
      {"A B,city,,A,,,,,,,,,\n", "t.csv:2: id 'A B' must be a non-empty slug"},
      {"a,city,,A,,,,,,,,91,0\n", "t.csv:2: field lat: '91' is not a coordinate"},
      {"a,city,,A,,,,,,,,1,\n", "t.csv:2: give both lat and lon"},
      {"a,city,,,,,,,,,,,\n", "t.csv:2: place 'a' has no name"},
      {"a,city,,A\n", "t.csv:2: expected 13 fields, found 4"},
      {"a,city,a,A,,,,,,,,,\n", "t.csv:2: place 'a' is its own parent"},
  };
  for (const BadCase& c : cases) {
    std::string csv = c.csv;
    if (std::string_view(csv).substr(0, 3) != "id,") csv = kHeader + csv;
    auto r = Gazetteer::Parse(csv, "t.csv");
    ASSERT_FALSE(r.ok()) << c.csv;
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos)
        << r.status().message();
  }
  auto missing = Gazetteer::Load("/nonexistent/places.csv");
  EXPECT_FALSE(missing.ok());
  EXPECT_TRUE(Gazetteer::Parse("", "t.csv").status().message().find("empty") != std::string::npos);
}

TEST(Gazetteer, QuotedFieldsAndOptionalCoordinates) {
  auto r = Gazetteer::Parse(std::string(kHeader) +
                                "kp,country,,North Korea,조선,북한,朝鲜,Chaoxian,Chosŏn,Bukhan,"
                                "\"DPRK;Korea, North\",40.0,127.0\n"
                                "kp-x,facility,kp,\"Camp (a, b)\",,,,,,,,,\n",
                            "t.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Find("Korea, North")->id, "kp");
  EXPECT_EQ(r->Get("kp-x")->name_en, "Camp (a, b)");
  EXPECT_FALSE(r->Get("kp-x")->lat.has_value());
  EXPECT_DOUBLE_EQ(*r->Get("kp")->lat, 40.0);
}

}  // namespace
}  // namespace recount::model
