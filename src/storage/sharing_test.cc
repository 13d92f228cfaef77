// Per-record sharing (Store::GetSharing, SetSharing, ListSharing, RecordFilter::visible_to)
// against every backend: each change is logged with the digest of the rows, stale changes and
// unknown users or records are refused, lists and counts leave out what a user may not see,
// and the migration is idempotent.
#include <gtest/gtest.h>

#include "storage/audit_entry.h"
#include "storage/record_sharing.h"
#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace recount::storage {
namespace {

using storetest::BackendName;
using storetest::Backends;
using storetest::BackendTest;

template <typename B>
class SharingTest : public BackendTest<B> {
 protected:
  // A store with three records and users amina (id a_) and bora (id b_).
  Store& Open() {
    store_ = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
    store_->SetActor("admin");
    auto batch = std::move(store_->BeginImport("ngo", "test").value());
    for (int i = 0; i < 3; ++i) {
      model::Record r;
      r.external_id = "r" + std::to_string(i);
      r.sex = "female";
      ids_.push_back(batch->Add(r, "", "").value());
    }
    EXPECT_TRUE(batch->Commit().ok());
    a_ = store_->CreateUser(storetest::TestUser("amina")).value().id;
    b_ = store_->CreateUser(storetest::TestUser("bora")).value().id;
    return *store_;
  }
  std::vector<model::RowId> Visible(std::optional<int64_t> user) {
    RecordFilter f;
    f.visible_to = user;
    std::vector<model::RowId> out;
    EXPECT_TRUE(store_
                    ->ScanRecords(f,
                                  [&](StoredRecord&& sr) {
                                    out.push_back(sr.record.id);
                                    return Status();
                                  })
                    .ok());
    EXPECT_EQ(store_->CountRecords(f).value(), static_cast<int64_t>(out.size()));
    return out;
  }

  std::unique_ptr<Store> store_;
  std::vector<model::RowId> ids_;
  int64_t a_ = 0, b_ = 0;
};
TYPED_TEST_SUITE(SharingTest, Backends, BackendName);

TYPED_TEST(SharingTest, ChangesAreLoggedWithTheDigestOfTheRows) {
  Store& store = this->Open();
  const model::RowId r = this->ids_[1];
  RecordSharing none = store.GetSharing(r).value();
  EXPECT_FALSE(none.restricted);
  EXPECT_EQ(none.version, 0);

  RecordSharing want = none;
  want.restricted = true;
  want.users = {this->b_, this->a_, this->a_};  // sorted and deduplicated by the store
  auto set = store.SetSharing(want, "restrict amina,bora");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->version, 1);
  EXPECT_EQ(set->users, (std::vector<int64_t>{this->a_, this->b_}));
  RecordSharing got = store.GetSharing(r).value();
  EXPECT_TRUE(got.restricted);
  EXPECT_EQ(got.users, set->users);
  EXPECT_EQ(got.log_seq, set->log_seq);
  AuditEntry e = ParseAuditEntry(*store.AuditEntryAt(got.log_seq).value()).value();
  EXPECT_EQ(e.op, "share");
  EXPECT_EQ(e.record, static_cast<int64_t>(r));
  EXPECT_EQ(e.version, 1);
  EXPECT_EQ(e.actor, "admin");
  EXPECT_EQ(e.detail, "restrict amina,bora");
  EXPECT_EQ(e.digest, RecordSharingDigest(got));

  // A change made from a stale read is refused and changes nothing.
  RecordSharing stale = none;
  stale.restricted = false;
  EXPECT_EQ(store.SetSharing(stale, "unrestrict").status().code(), StatusCode::kConflict);
  EXPECT_EQ(store.GetSharing(r)->version, 1);

  // Unrestricting drops the users.
  RecordSharing open = got;
  open.restricted = false;
  auto opened = store.SetSharing(open, "unrestrict");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->version, 2);
  EXPECT_TRUE(store.GetSharing(r)->users.empty());
  EXPECT_EQ(store.ListSharing()->size(), 1u);
}

TYPED_TEST(SharingTest, UnknownRecordsAndUsersAreRefused) {
  Store& store = this->Open();
  EXPECT_EQ(store.GetSharing(99999).status().code(), StatusCode::kNotFound);
  RecordSharing s;
  s.record = 99999;
  s.restricted = true;
  s.users = {this->a_};
  EXPECT_EQ(store.SetSharing(s, "x").status().code(), StatusCode::kNotFound);
  s.record = this->ids_[0];
  s.users = {this->a_, 4242};
  EXPECT_EQ(store.SetSharing(s, "x").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store.ListSharing()->empty());
  int64_t shares = 0;
  ASSERT_TRUE(store
                  .ScanAuditLog([&](int64_t, std::string_view bytes) {
                    shares += ParseAuditEntry(bytes)->op == "share";
                    return Status();
                  })
                  .ok());
  EXPECT_EQ(shares, 0);
}

TYPED_TEST(SharingTest, ListsAndCountsLeaveOutWhatAUserMayNotSee) {
  Store& store = this->Open();
  RecordSharing s = store.GetSharing(this->ids_[1]).value();
  s.restricted = true;
  s.users = {this->a_};
  ASSERT_TRUE(store.SetSharing(s, "restrict").ok());
  const std::vector<model::RowId> all = this->ids_;
  EXPECT_EQ(this->Visible(std::nullopt), all);
  EXPECT_EQ(this->Visible(this->a_), all);
  EXPECT_EQ(this->Visible(this->b_), (std::vector<model::RowId>{this->ids_[0], this->ids_[2]}));
  // Keyset paging over what b may see skips the hidden record without a short page.
  RecordFilter page;
  page.visible_to = this->b_;
  page.limit = 1;
  page.after_id = this->ids_[0];
  std::vector<model::RowId> next;
  ASSERT_TRUE(store
                  .ScanRecords(page,
                               [&](StoredRecord&& sr) {
                                 next.push_back(sr.record.id);
                                 return Status();
                               })
                  .ok());
  EXPECT_EQ(next, (std::vector<model::RowId>{this->ids_[2]}));
}

TYPED_TEST(SharingTest, MigrationIsIdempotent) {
  Store& store = this->Open();
  RecordSharing s = store.GetSharing(this->ids_[0]).value();
  s.restricted = true;
  s.users = {this->b_};
  ASSERT_TRUE(store.SetSharing(s, "restrict").ok());
  // Running the migration's statements again changes nothing.
  const std::string again =
      "CREATE TABLE IF NOT EXISTS record_sharing (record_id bigint PRIMARY KEY, restricted "
      "boolean NOT NULL, version bigint NOT NULL, log_seq bigint NOT NULL); CREATE TABLE IF NOT "
      "EXISTS record_shares (record_id bigint NOT NULL, user_id bigint NOT NULL, PRIMARY KEY "
      "(record_id, user_id))";
  this->store_.reset();
  ASSERT_TRUE(this->backend_.Exec(this->location_, again).ok());
  this->store_ = std::move(OpenStore(this->location_, OpenMode::kOpenExisting).value());
  EXPECT_EQ(this->store_->schema_version(), LatestSchemaVersion());
  EXPECT_EQ(this->store_->GetSharing(this->ids_[0])->users, (std::vector<int64_t>{this->b_}));
  EXPECT_EQ(this->backend_.QueryInt(this->location_, "SELECT count(*) FROM record_shares").value(),
            1);
}

}  // namespace
}  // namespace recount::storage
