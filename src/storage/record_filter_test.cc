// The place and age filters of RecordFilter against every backend: places compared by gazetteer
// id, ages per act (acts.age_lo / age_hi from model/victim_age.h, written by imports, by rows
// that add acts to a record and by edits), and both composed with the act-level filters (one same
// act), sex, keyset paging and per-record sharing (visible_to).
#include <gtest/gtest.h>

#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace recount::storage {
namespace {

using storetest::BackendName;
using storetest::Backends;
using storetest::BackendTest;

model::Act MakeAct(std::string type, const char* date, std::string place,
                   std::optional<int> age = std::nullopt) {
  model::Act a;
  a.act_type = std::move(type);
  if (*date) a.date = PartialDate::Parse(date).value();
  a.place_text = place;
  a.place_id = std::move(place);
  a.age = age;
  return a;
}

template <typename B>
class RecordFilterTest : public BackendTest<B> {
 protected:
  // r1: born 1990, detention at Yanji in 2010 (aged 19-20), then, from a second row that gives
  //     no birth date, rape at Onsong in 2014 (23-24: from the stored birth date);
  // r2: no birth date, forced labour at Onsong in 2012 at a recorded age of 15;
  // r3: no birth date and no age, detention in Jilin province (no age known).
  Store& Open() {
    store_ = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
    store_->SetActor("admin");
    auto batch = std::move(store_->BeginImport("ngo", "test").value());
    model::Record r1;
    r1.external_id = "r1";
    r1.sex = "female";
    r1.birth = PartialDate::Year(1990);
    r1.acts = {MakeAct("detention", "2010", "cn-jilin-yanbian-yanji")};
    r1_ = batch->Add(r1, "", "").value();
    model::Record more = r1;
    more.birth = PartialDate();
    more.acts = {MakeAct("rape", "2014", "kp-hamgyongbuk-onsong")};
    EXPECT_TRUE(batch->Add(more, "", "").ok());
    model::Record r2;
    r2.external_id = "r2";
    r2.sex = "female";
    r2.acts = {MakeAct("forced_labour", "2012", "kp-hamgyongbuk-onsong", 15)};
    r2_ = batch->Add(r2, "", "").value();
    model::Record r3;
    r3.external_id = "r3";
    r3.sex = "male";
    r3.acts = {MakeAct("detention", "", "cn-jilin")};
    r3_ = batch->Add(r3, "", "").value();
    EXPECT_TRUE(batch->Commit().ok());
    return *store_;
  }
  // The ids a scan returns, checked against the count of the same filter (paging aside).
  std::vector<model::RowId> Ids(RecordFilter f) {
    std::vector<model::RowId> out;
    Status s = store_->ScanRecords(f, [&](StoredRecord&& sr) {
      out.push_back(sr.record.id);
      return Status();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (f.limit < 0 && f.offset == 0) {
      EXPECT_EQ(store_->CountRecords(f).value(), static_cast<int64_t>(out.size()));
    }
    return out;
  }
  using Want = std::vector<model::RowId>;

  std::unique_ptr<Store> store_;
  model::RowId r1_ = 0, r2_ = 0, r3_ = 0;
};
TYPED_TEST_SUITE(RecordFilterTest, Backends, BackendName);

TYPED_TEST(RecordFilterTest, PlacesMatchAnyListedIdOfAnyAct) {
  this->Open();
  using Want = typename TestFixture::Want;
  RecordFilter f;
  f.place_ids = {"cn-jilin-yanbian-yanji"};
  EXPECT_EQ(this->Ids(f), (Want{this->r1_}));
  f.place_ids = {"kp-hamgyongbuk-onsong"};  // r1's second act, r2's only act
  EXPECT_EQ(this->Ids(f), (Want{this->r1_, this->r2_}));
  f.place_ids = {"cn-jilin", "cn-jilin-yanbian-yanji", "cn-jilin-yanbian"};
  EXPECT_EQ(this->Ids(f), (Want{this->r1_, this->r3_}));
  f.place_ids = {"nowhere"};
  EXPECT_EQ(this->Ids(f), Want{});
  f.place_ids = {"it's \"quoted\"", "back\\slash"};  // passed as values, never as SQL
  EXPECT_EQ(this->Ids(f), Want{});
}

TYPED_TEST(RecordFilterTest, AgesOverlapPerActAndUnknownAgesNeverMatch) {
  this->Open();
  using Want = typename TestFixture::Want;
  RecordFilter f;
  f.age_from = 18;
  f.age_to = 21;  // r1's first act (19-20)
  EXPECT_EQ(this->Ids(f), (Want{this->r1_}));
  f.age_from = 21;
  f.age_to = 22;  // between r1's two acts: neither overlaps
  EXPECT_EQ(this->Ids(f), Want{});
  f.age_from = 24;
  f.age_to = -1;  // open above: r1's second act (23-24), from the stored birth date
  EXPECT_EQ(this->Ids(f), (Want{this->r1_}));
  f.age_from = 25;
  EXPECT_EQ(this->Ids(f), Want{});
  f.age_from = -1;
  f.age_to = 15;  // the recorded age
  EXPECT_EQ(this->Ids(f), (Want{this->r2_}));
  f.age_from = 0;
  f.age_to = -1;  // any known age: r3 has none
  EXPECT_EQ(this->Ids(f), (Want{this->r1_, this->r2_}));
}

TYPED_TEST(RecordFilterTest, ComposesWithTheOtherFiltersPagingAndSharing) {
  Store& store = this->Open();
  using Want = typename TestFixture::Want;
  RecordFilter f;
  // The act-level conditions hold for one same act: r1's rape was at 23-24, not under 21.
  f.act_type = "rape";
  f.age_to = 20;
  EXPECT_EQ(this->Ids(f), Want{});
  f.act_type = "detention";
  EXPECT_EQ(this->Ids(f), (Want{this->r1_}));
  f.place_ids = {"kp-hamgyongbuk-onsong"};  // r1's detention was at Yanji
  EXPECT_EQ(this->Ids(f), Want{});
  f = {};
  f.place_ids = {"kp-hamgyongbuk-onsong"};
  f.year_from = 2013;
  EXPECT_EQ(this->Ids(f), (Want{this->r1_}));
  f.year_from = 0;
  f.sex = "female";
  f.age_to = 16;
  EXPECT_EQ(this->Ids(f), (Want{this->r2_}));
  // Keyset paging and limits.
  f = {};
  f.place_ids = {"kp-hamgyongbuk-onsong", "cn-jilin"};
  f.limit = 1;
  EXPECT_EQ(this->Ids(f), (Want{this->r1_}));
  f.after_id = this->r1_;
  EXPECT_EQ(this->Ids(f), (Want{this->r2_}));
  f.after_id = this->r2_;
  EXPECT_EQ(this->Ids(f), (Want{this->r3_}));
  f.limit = -1;
  f.after_id = this->r1_;
  EXPECT_EQ(store.CountRecords(f).value(), 2);
  // A restricted record is left out for a user it is not shared with.
  const int64_t amina = store.CreateUser(storetest::TestUser("amina")).value().id;
  const int64_t bora = store.CreateUser(storetest::TestUser("bora")).value().id;
  RecordSharing s = store.GetSharing(this->r2_).value();
  s.restricted = true;
  s.users = {bora};
  ASSERT_TRUE(store.SetSharing(s, "restrict bora").ok());
  f = {};
  f.place_ids = {"kp-hamgyongbuk-onsong"};
  f.age_to = 30;
  f.visible_to = amina;
  EXPECT_EQ(this->Ids(f), (Want{this->r1_}));
  f.visible_to = bora;
  EXPECT_EQ(this->Ids(f), (Want{this->r1_, this->r2_}));
}

// A page of a filter whose matches are rare: the SQLite store walks a window of persons first,
// then takes the rest of the page from the matching acts (docs/web.md, "Filters"). Matches before,
// across and after the window, keyset pages across it, and sharing, on every backend.
TYPED_TEST(RecordFilterTest, PagesOfRareMatchesAcrossTheWalkWindow) {
  this->store_ = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  Store& store = *this->store_;
  store.SetActor("admin");
  auto batch = std::move(store.BeginImport("ngo", "test").value());
  std::vector<model::RowId> rare;
  constexpr int kRecords = 17000;  // more than one walk window (16,384 persons)
  for (int i = 0; i < kRecords; ++i) {
    model::Record r;
    r.external_id = "r" + std::to_string(i);
    r.sex = "female";
    const bool is_rare = i == 10 || i == 16500 || i == 16800 || i == kRecords - 1;
    r.acts = {MakeAct("forced_labour", "2012", "cn-jilin")};
    if (is_rare) r.acts.push_back(MakeAct("rape", "2013", "kp-hamgyongbuk-onsong", 17));
    const model::RowId id = batch->Add(r, "", "").value();
    if (is_rare) rare.push_back(id);
  }
  ASSERT_TRUE(batch->Commit().ok());
  using Want = typename TestFixture::Want;
  RecordFilter f;
  f.act_type = "rape";
  EXPECT_EQ(this->Ids(f), rare);
  f.limit = 2;
  EXPECT_EQ(this->Ids(f), (Want{rare[0], rare[1]}));
  f.after_id = rare[1];
  EXPECT_EQ(this->Ids(f), (Want{rare[2], rare[3]}));
  f.after_id = rare[3];
  EXPECT_EQ(this->Ids(f), Want{});
  f.after_id = 0;
  f.limit = 10;
  f.age_to = 16;  // the one act must match on every condition
  EXPECT_EQ(this->Ids(f), Want{});
  f.age_to = 17;
  EXPECT_EQ(this->Ids(f), rare);
  // The records come back whole: both acts of each.
  Status st = store.ScanRecords(f, [](StoredRecord&& sr) {
    EXPECT_EQ(sr.record.acts.size(), 2u) << sr.record.external_id;
    return Status();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  // A restricted record is left out of the page for a user it is not shared with.
  const int64_t amina = store.CreateUser(storetest::TestUser("amina")).value().id;
  RecordSharing s = store.GetSharing(rare[2]).value();
  s.restricted = true;
  ASSERT_TRUE(store.SetSharing(s, "restrict").ok());
  f.visible_to = amina;
  f.limit = 3;
  EXPECT_EQ(this->Ids(f), (Want{rare[0], rare[1], rare[3]}));
}

TYPED_TEST(RecordFilterTest, EditsRecomputeTheAges) {
  Store& store = this->Open();
  using Want = typename TestFixture::Want;
  RecordFilter f;
  f.age_to = 12;
  EXPECT_EQ(this->Ids(f), Want{});
  // r3 gets a birth date and a dated act: born 2000, detained in 2012 (aged 11-12).
  StoredRecord sr = store.GetRecord(this->r3_).value();
  RecordUpdate u;
  u.id = this->r3_;
  u.expected_version = sr.version;
  u.record = sr.record;
  u.record.birth = PartialDate::Year(2000);
  u.record.acts = {MakeAct("detention", "2012", "cn-jilin")};
  ASSERT_TRUE(store.UpdateRecord(u).ok());
  EXPECT_EQ(this->Ids(f), (Want{this->r3_}));
  f.age_to = 10;
  EXPECT_EQ(this->Ids(f), Want{});
}

}  // namespace
}  // namespace recount::storage
