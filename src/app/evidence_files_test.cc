// Evidence files: attach, extract, and refusal of altered or truncated stored files; evidence
// bundles: a bundle verifies offline, and every alteration of it is reported by name.
#include "app/evidence_files.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/evidence_bundle.h"
#include "app/log_signing.h"
#include "crypto/sha256.h"

namespace recount::app {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void Spit(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

class EvidenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("evidence_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    master_ = std::move(crypto::SecretBytes::Random(32).value());
    key_ = std::make_shared<crypto::NoteSigner>(std::move(DeriveLogKey(master_).value()));
    path_ = (dir_ / "store.db").string();
    store_ = std::move(storage::OpenStore(path_, storage::OpenMode::kCreate).value());
    store_->SetActor("investigator-7");
    ASSERT_TRUE(AttachLogSigner(*store_, key_).ok());
    auto batch = std::move(store_->BeginImport("ngo-a", "test").value());
    for (int i = 0; i < 3; ++i) {
      model::Record r;
      r.external_id = "A-" + std::to_string(i);
      r.sex = "female";
      r.birth = PartialDate::Year(1985 + i);
      r.narrative = "crossed the Tumen river";
      model::Act a;
      a.act_type = "trafficking";
      a.date = PartialDate::Month(2008, 3 + i);
      a.place_text = "Yanji";
      a.age = 20 + i;
      a.involvements.push_back({"broker", "direct"});
      r.acts.push_back(a);
      ids_.push_back(*batch->Add(r, "identity-" + r.external_id, "sealed-" + r.external_id));
    }
    ASSERT_TRUE(batch->Commit().ok());
    // A binary file of several chunks (64 KiB each) with every byte value.
    for (int i = 0; i < 200000; ++i) content_.push_back(static_cast<char>((i * 131) & 0xff));
    Spit(dir_ / "Interview 1.mp3", content_);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  storage::EvidenceFile Attach(model::RowId record) {
    AttachRequest req{record, (dir_ / "Interview 1.mp3").string(), "handed over in Seoul", ""};
    Result<storage::EvidenceFile> f = AttachEvidence(*store_, master_, req);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : storage::EvidenceFile{};
  }

  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << sql << ": " << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  fs::path dir_;
  std::string path_;
  crypto::SecretBytes master_;
  std::shared_ptr<crypto::NoteSigner> key_;
  std::unique_ptr<storage::Store> store_;
  std::vector<model::RowId> ids_;
  std::string content_;
};

TEST_F(EvidenceTest, AttachedFileComesBackByteForByteWithItsLoggedHash) {
  storage::EvidenceFile f = Attach(ids_[0]);
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(f.file_name, "Interview 1.mp3");
  EXPECT_EQ(f.media_type, "audio/mpeg");
  EXPECT_EQ(f.size, content_.size());
  EXPECT_EQ(f.actor, "investigator-7");
  EXPECT_EQ(f.plaintext_sha256, storage::DigestOfBytes(content_));
  Result<storage::AuditEntry> e = FindAttachEntry(*store_, f.id);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->op, "attach");
  EXPECT_EQ(e->record, ids_[0]);
  EXPECT_EQ(e->digest, storage::EvidenceFileDigest(f));
  EXPECT_NE(e->detail.find(f.plaintext_sha256), std::string::npos);
  const std::string out = (dir_ / "out.mp3").string();
  Result<storage::EvidenceFile> got = ExtractEvidence(*store_, master_, f.id, out);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(Slurp(out), content_);
  // The target exists now: refused, and left as it is.
  EXPECT_EQ(ExtractEvidence(*store_, master_, f.id, out).status().code(),
            StatusCode::kAlreadyExists);
  // The ciphertext in the store is not the plaintext.
  std::string cipher = *store_->ReadEvidenceCiphertext(f.id);
  EXPECT_EQ(cipher.find(content_.substr(1000, 64)), std::string::npos);
  ASSERT_EQ(store_->ListEvidenceFiles(ids_[0])->size(), 1u);
  EXPECT_TRUE(store_->ListEvidenceFiles(ids_[1])->empty());
}

TEST_F(EvidenceTest, BadRequestsAreRefusedWithClearErrors) {
  AttachRequest req{ids_[0], (dir_ / "nope.jpg").string(), "", ""};
  EXPECT_EQ(AttachEvidence(*store_, master_, req).status().code(), StatusCode::kNotFound);
  req = {999999, (dir_ / "Interview 1.mp3").string(), "", ""};
  EXPECT_EQ(AttachEvidence(*store_, master_, req).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ExtractEvidence(*store_, master_, 42, (dir_ / "x").string()).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(store_->ListEvidenceFiles(0)->empty());
}

TEST_F(EvidenceTest, UploadedBytesAreAttachedAndEachLoggedReadNamesTheFile) {
  AttachBytesRequest req{ids_[0], "증언 1.pdf", "application/pdf", ""};
  Result<storage::EvidenceFile> f = AttachEvidenceBytes(*store_, master_, req, content_);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->file_name, "증언 1.pdf");
  EXPECT_EQ(f->plaintext_sha256, storage::DigestOfBytes(content_));
  Result<OpenedEvidence> got = ReadEvidenceLogged(*store_, master_, ids_[0], f->id, "web");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->bytes, content_);
  bool logged = false;
  ASSERT_TRUE(store_->ScanAuditLog([&](int64_t, std::string_view bytes) {
    storage::AuditEntry e = *storage::ParseAuditEntry(bytes);
    if (e.op == "read-attachment") {
      logged = true;
      EXPECT_EQ(e.record, ids_[0]);
      EXPECT_EQ(e.digest, f->plaintext_sha256);
      EXPECT_EQ(e.detail, "web: attachment " + std::to_string(f->id) + " 증언 1.pdf");
    }
    return Status();
  }).ok());
  EXPECT_TRUE(logged);
  // Another record's id, or an unknown attachment: not found (nothing logged for them).
  EXPECT_EQ(ReadEvidenceLogged(*store_, master_, ids_[1], f->id, "web").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ReadEvidenceLogged(*store_, master_, ids_[0], 999, "web").status().code(),
            StatusCode::kNotFound);
}

TEST_F(EvidenceTest, BadUploadsAreRefusedWithClearErrors) {
  struct Case {
    std::string name;
    std::string bytes;
    std::string message;
  };
  const Case cases[] = {
      {"a.pdf", "", "is empty"},
      {"", "x", "file name is missing"},
      {"../a.pdf", "x", "plain name"},
      {"dir\\a.pdf", "x", "plain name"},
      {"..", "x", "plain name"},
      {std::string("a\0b.pdf", 7), "x", "plain name"},
      {"a\nb.pdf", "x", "control characters"},
      {std::string(256, 'n'), "x", "at most 255"},
  };
  for (const Case& c : cases) {
    AttachBytesRequest req{ids_[0], c.name, "application/pdf", ""};
    Result<storage::EvidenceFile> f = AttachEvidenceBytes(*store_, master_, req, c.bytes);
    ASSERT_FALSE(f.ok()) << c.name;
    EXPECT_EQ(f.status().code(), StatusCode::kInvalidArgument) << c.name;
    EXPECT_NE(f.status().message().find(c.message), std::string::npos) << f.status().message();
  }
  AttachBytesRequest missing{999999, "a.pdf", "application/pdf", ""};
  EXPECT_EQ(AttachEvidenceBytes(*store_, master_, missing, "x").status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(store_->ListEvidenceFiles(ids_[0])->empty());
  EXPECT_TRUE(IsAllowedUploadMediaType("application/pdf"));
  EXPECT_FALSE(IsAllowedUploadMediaType("text/html"));
  EXPECT_FALSE(IsAllowedUploadMediaType("image/svg+xml"));
}

TEST_F(EvidenceTest, TruncatedOrAlteredStoredFilesAreRejectedAndNothingIsWritten) {
  storage::EvidenceFile f = Attach(ids_[0]);
  Sql("DROP TRIGGER evidence_files_immutable");
  const std::string cipher = *store_->ReadEvidenceCiphertext(f.id);
  int n = 0;
  for (const std::string& bad : {cipher.substr(0, cipher.size() - 17),  // last chunk gone
                                 cipher.substr(0, 40),
                                 cipher + "x",
                                 cipher.substr(0, 300) + char(cipher[300] ^ 1) +
                                     cipher.substr(301)}) {
    // Even with the logged ciphertext hash forged to match, decryption must fail.
    for (bool fix_hash : {false, true}) {
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
      sqlite3_stmt* st = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE evidence_files SET ciphertext = ?, "
                                   "ciphertext_sha256 = ? WHERE id = ?", -1, &st, nullptr),
                SQLITE_OK);
      sqlite3_bind_blob(st, 1, bad.data(), static_cast<int>(bad.size()), SQLITE_TRANSIENT);
      std::string h = storage::DigestOfBytes(fix_hash ? bad : cipher);
      sqlite3_bind_text(st, 2, h.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(st, 3, f.id);
      ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
      sqlite3_finalize(st);
      sqlite3_close(db);
      const std::string out = (dir_ / ("bad" + std::to_string(++n))).string();
      Result<storage::EvidenceFile> got = ExtractEvidence(*store_, master_, f.id, out);
      EXPECT_EQ(got.status().code(), StatusCode::kDataLoss) << n;
      EXPECT_FALSE(fs::exists(out)) << n;
      EXPECT_FALSE(fs::exists(out + ".partial")) << n;
    }
  }
  // Another master key cannot open it either (restore the original first).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE evidence_files SET ciphertext = ?, "
                               "ciphertext_sha256 = ? WHERE id = ?", -1, &st, nullptr), SQLITE_OK);
  sqlite3_bind_blob(st, 1, cipher.data(), static_cast<int>(cipher.size()), SQLITE_TRANSIENT);
  std::string h = storage::DigestOfBytes(cipher);
  sqlite3_bind_text(st, 2, h.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 3, f.id);
  ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  sqlite3_close(db);
  ASSERT_TRUE(ExtractEvidence(*store_, master_, f.id, (dir_ / "good").string()).ok());
  auto other = std::move(crypto::SecretBytes::Random(32).value());
  EXPECT_EQ(ExtractEvidence(*store_, other, f.id, (dir_ / "other").string()).status().code(),
            StatusCode::kDataLoss);
}

TEST_F(EvidenceTest, StoredRowsCannotBeUpdatedThroughSql) {
  storage::EvidenceFile f = Attach(ids_[0]);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE evidence_files SET file_name = 'x'", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(store_->GetEvidenceFile(f.id)->file_name, "Interview 1.mp3");
}

TEST(EvidenceMediaType, GuessedFromTheExtension) {
  EXPECT_EQ(GuessMediaType("a.JPG"), "image/jpeg");
  EXPECT_EQ(GuessMediaType("statement.pdf"), "application/pdf");
  EXPECT_EQ(GuessMediaType("noext"), "application/octet-stream");
}

// --- Bundles.

class BundleTest : public EvidenceTest {
 protected:
  void SetUp() override {
    EvidenceTest::SetUp();
    Attach(ids_[0]);
    Attach(ids_[2]);
    bundle_ = dir_ / "bundle";
    BundleOptions b;
    b.records = {ids_[0], ids_[2]};
    b.out_dir = bundle_.string();
    b.master_key = &master_;
    b.description = "test";
    Result<BundleSummary> s = WriteEvidenceBundle(*store_, b);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->records, 2u);
    EXPECT_EQ(s->attachments, 2u);
    EXPECT_EQ(s->entries, 4u);  // two creates, two attaches
    vkey_ = key_->verifier().Vkey();
  }

  BundleReport Check() {
    Result<BundleReport> r = VerifyBundle(bundle_.string(), vkey_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : BundleReport{};
  }

  static bool Names(const BundleReport& r, const std::string& what) {
    for (const std::string& p : r.problems) {
      if (p.find(what) != std::string::npos) return true;
    }
    return false;
  }

  static std::string ProblemsOf(const BundleReport& r) {
    std::string s;
    for (const std::string& p : r.problems) s += p + "\n";
    return s;
  }

  fs::path FirstIn(const std::string& sub) {
    std::vector<fs::path> all;
    for (const auto& e : fs::directory_iterator(bundle_ / sub)) all.push_back(e.path());
    std::sort(all.begin(), all.end());
    return all.front();
  }

  void FlipByte(const fs::path& p, size_t at) {
    std::string b = Slurp(p);
    ASSERT_LT(at, b.size());
    b[at] = static_cast<char>(b[at] ^ 0x01);
    Spit(p, b);
  }

  fs::path bundle_;
  std::string vkey_;
};

TEST_F(BundleTest, AFreshBundleVerifies) {
  BundleReport r = Check();
  EXPECT_TRUE(r.ok()) << ProblemsOf(r);
  EXPECT_EQ(r.records, 2u);
  EXPECT_EQ(r.entries, 4u);
  EXPECT_EQ(r.attachments, 2u);
  EXPECT_EQ(Slurp(FirstIn("files")), content_);
  // Redacted: the sealed identity appears only as a hash.
  std::string rec = Slurp(FirstIn("records"));
  EXPECT_NE(rec.find("\"identity\": \"redacted\""), std::string::npos);
  EXPECT_EQ(rec.find("sealed-A-0"), std::string::npos);
  // The bundle's own key works too, and says so.
  Result<BundleReport> own = VerifyBundle(bundle_.string(), std::nullopt);
  ASSERT_TRUE(own.ok());
  EXPECT_TRUE(own->ok());
  EXPECT_NE(own->key_source.find("key in the bundle"), std::string::npos);
}

TEST_F(BundleTest, AnAlteredRecordFileIsNamed) {
  fs::path rec = bundle_ / ("records/" + std::to_string(ids_[0]) + ".json");
  std::string t = Slurp(rec);
  size_t at = t.find("Tumen");
  ASSERT_NE(at, std::string::npos);
  t[at] = 'X';
  Spit(rec, t);
  BundleReport r = Check();
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(Names(r, rec.filename().string() + ": differs from the record as logged in entry"))
      << ProblemsOf(r);
}

TEST_F(BundleTest, AnAlteredAttachmentIsNamed) {
  fs::path f = FirstIn("files");
  FlipByte(f, 12345);
  BundleReport r = Check();
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(Names(r, f.filename().string() + "): its SHA-256 differs from the one logged"))
      << ProblemsOf(r);
}

TEST_F(BundleTest, AnAlteredEntryIsNamed) {
  fs::path e = FirstIn("entries");
  std::string t = Slurp(e);
  size_t at = t.find("investigator-7");
  ASSERT_NE(at, std::string::npos);
  t.replace(at, 14, "investigator-8");
  Spit(e, t);
  BundleReport r = Check();
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(Names(r, "entry 1 (entries/00000001.txt): not in the signed log")) << ProblemsOf(r);
}

TEST_F(BundleTest, AnAlteredProofHashIsNamed) {
  fs::path p = bundle_ / "proofs/00000001.json";
  std::string t = Slurp(p);
  size_t at = t.find("\"path\": [\n    \"");
  ASSERT_NE(at, std::string::npos) << t;
  at += 15;
  t[at] = t[at] == '0' ? '1' : '0';
  Spit(p, t);
  BundleReport r = Check();
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(Names(r, "entry 1 (entries/00000001.txt): not in the signed log")) << ProblemsOf(r);
  EXPECT_TRUE(Names(r, "proofs/00000001.json: its SHA-256 differs")) << ProblemsOf(r);
}

TEST_F(BundleTest, AnAlteredCheckpointIsNamed) {
  fs::path p = bundle_ / "checkpoint.txt";
  std::string t = Slurp(p);
  // The tree size line (second line) claims one more entry.
  size_t nl = t.find('\n');
  size_t nl2 = t.find('\n', nl + 1);
  uint64_t size = std::stoull(t.substr(nl + 1, nl2 - nl - 1));
  t.replace(nl + 1, nl2 - nl - 1, std::to_string(size + 1));
  Spit(p, t);
  BundleReport r = Check();
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(Names(r, "checkpoint.txt: does not verify with the log key")) << ProblemsOf(r);
}

TEST_F(BundleTest, ARemovedFileIsNamed) {
  for (const char* sub : {"files", "records", "proofs", "entries"}) {
    SCOPED_TRACE(sub);
    fs::remove_all(bundle_);
    BundleOptions b;
    b.records = {ids_[0], ids_[2]};
    b.out_dir = bundle_.string();
    b.master_key = &master_;
    ASSERT_TRUE(WriteEvidenceBundle(*store_, b).ok());
    fs::path gone = FirstIn(sub);
    fs::remove(gone);
    BundleReport r = Check();
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(Names(r, std::string(sub) + "/" + gone.filename().string() + ")") ||
                Names(r, std::string(sub) + "/" + gone.filename().string() + ": missing"))
        << ProblemsOf(r);
  }
}

TEST_F(BundleTest, AnotherKeyIsRefused) {
  auto other = std::move(crypto::SecretBytes::Random(32).value());
  std::string other_vkey = DeriveLogKey(other)->verifier().Vkey();
  Result<BundleReport> r = VerifyBundle(bundle_.string(), other_vkey);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->ok());
  EXPECT_TRUE(Names(*r, "checkpoint.txt: does not verify"));
}

}  // namespace
}  // namespace recount::app
