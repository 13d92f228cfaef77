#include "app/store_backup.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "crypto/backup_stream.h"
#include "crypto/encoding.h"
#include "crypto/merkle_frontier.h"
#include "crypto/sha256.h"

namespace recount::app {
namespace {

constexpr std::string_view kFormat = "recount-backup/v1";
// A text or blob value longer than this is damage (evidence files are at most 512 MiB).
constexpr uint32_t kMaxValueBytes = 1u << 30;
constexpr size_t kFlushBytes = 1 << 20;

void PutU16(std::string& out, uint16_t v) {
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v);
}
void PutU32(std::string& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out += static_cast<char>(v >> s);
}
void PutU64(std::string& out, uint64_t v) {
  for (int s = 56; s >= 0; s -= 8) out += static_cast<char>(v >> s);
}
void PutLp(std::string& out, std::string_view v) {
  PutU32(out, static_cast<uint32_t>(v.size()));
  out += v;
}
uint64_t GetBE(const char* p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

// Counts rows per table and remembers the copied tree head.
class CopyCounter {
 public:
  void Begin(const storage::DumpTableSpec& t) {
    summary_.tables.emplace_back(std::string(t.name), 0);
    in_state_ = t.name == "audit_state";
  }
  void Row(const storage::DumpRow& row) {
    ++summary_.tables.back().second;
    ++summary_.rows;
    if (in_state_ && row.size() == 2 && !row[1].s.empty()) frontier_ = row[1].s;
  }
  uint64_t current_rows() const { return summary_.tables.back().second; }
  Result<CopySummary> Finish() {
    if (!frontier_.empty()) {
      Result<crypto::MerkleFrontier> f = crypto::MerkleFrontier::Parse(crypto::AsBytes(frontier_));
      if (!f.ok()) return f.status().WithContext("the copied tree head (audit_state)");
      summary_.log_size = f->size();
      const crypto::MerkleHash root = f->Root();
      summary_.log_root_hex = crypto::HexEncode(crypto::ByteSpan(root.data(), root.size()));
    }
    return summary_;
  }
  CopySummary& summary() { return summary_; }

 private:
  CopySummary summary_;
  bool in_state_ = false;
  std::string frontier_;
};

// Encodes the dump into frames, hashes and encrypts them.
class BackupSink : public storage::DumpSink {
 public:
  explicit BackupSink(crypto::BackupWriter& writer) : writer_(writer) {}

  Status BeginTable(const storage::DumpTableSpec& t) override {
    counter_.Begin(t);
    buf_ += 'T';
    PutLp(buf_, t.name);
    PutU16(buf_, static_cast<uint16_t>(t.columns.size()));
    for (const storage::DumpColumn& c : t.columns) PutLp(buf_, c.name);
    return MaybeFlush();
  }
  Status Row(storage::DumpRow&& row) override {
    buf_ += 'R';
    for (const storage::DumpValue& v : row) {
      buf_ += static_cast<char>(v.kind);
      switch (v.kind) {
        case storage::DumpValue::Kind::kNull: break;
        case storage::DumpValue::Kind::kInt: PutU64(buf_, static_cast<uint64_t>(v.i)); break;
        case storage::DumpValue::Kind::kReal: {
          uint64_t bits;
          std::memcpy(&bits, &v.r, sizeof bits);
          PutU64(buf_, bits);
          break;
        }
        case storage::DumpValue::Kind::kText:
        case storage::DumpValue::Kind::kBlob:
          if (v.s.size() > kMaxValueBytes) {
            return InvalidArgument("a value of " + std::to_string(v.s.size()) +
                                   " bytes is too large for a backup");
          }
          PutLp(buf_, v.s);
          break;
      }
    }
    counter_.Row(row);
    return MaybeFlush();
  }
  Status EndTable() override {
    buf_ += 'E';
    PutU64(buf_, counter_.current_rows());
    return MaybeFlush();
  }
  Result<CopySummary> Finish() {
    RETURN_IF_ERROR(Flush());
    crypto::Sha256Digest digest = hasher_.Finish();
    buf_ += 'Z';
    PutU64(buf_, counter_.summary().rows);
    buf_.append(reinterpret_cast<const char*>(digest.data()), digest.size());
    bytes_ += buf_.size();
    RETURN_IF_ERROR(writer_.Write(buf_));
    buf_.clear();
    RETURN_IF_ERROR(writer_.Finish());
    ASSIGN_OR_RETURN(CopySummary s, counter_.Finish());
    s.bytes = bytes_;
    return s;
  }

 private:
  Status MaybeFlush() { return buf_.size() >= kFlushBytes ? Flush() : Status(); }
  Status Flush() {
    hasher_.Update(crypto::AsBytes(buf_));
    bytes_ += buf_.size();
    Status s = writer_.Write(buf_);
    buf_.clear();
    return s;
  }

  crypto::BackupWriter& writer_;
  crypto::Sha256Hasher hasher_;
  CopyCounter counter_;
  std::string buf_;
  uint64_t bytes_ = 0;
};

// Forwards a dump into a loader (migrate: no file in between).
class LoaderSink : public storage::DumpSink {
 public:
  explicit LoaderSink(storage::TableLoader& loader) : loader_(loader) {}
  Status BeginTable(const storage::DumpTableSpec& t) override {
    counter_.Begin(t);
    return loader_.BeginTable(t);
  }
  Status Row(storage::DumpRow&& row) override {
    counter_.Row(row);
    return loader_.Row(row);
  }
  Status EndTable() override { return loader_.EndTable(); }
  CopyCounter& counter() { return counter_; }

 private:
  storage::TableLoader& loader_;
  CopyCounter counter_;
};

// Reads the decrypted frames, hashing everything before 'Z'.
class FrameReader {
 public:
  explicit FrameReader(crypto::BackupReader& reader) : reader_(reader) {}

  // Exactly n bytes, else kDataLoss naming `what`.
  // Memory grows with the bytes actually read, never with a length the file merely claims.
  Result<std::string_view> Take(size_t n, std::string_view what) {
    scratch_.clear();
    while (scratch_.size() < n) {
      const size_t have = scratch_.size();
      const size_t want = std::min<size_t>(n - have, size_t{1} << 20);
      scratch_.resize(have + want);
      ASSIGN_OR_RETURN(size_t got, reader_.Read(scratch_.data() + have, want));
      scratch_.resize(have + got);
      if (got != want) {
        return DataLoss("the backup ends inside " + std::string(what) +
                        " although its encryption is intact; it was made by a faulty writer");
      }
    }
    if (hashing_) hasher_.Update(crypto::AsBytes(scratch_));
    return std::string_view(scratch_);
  }
  Result<uint64_t> Int(int n, std::string_view what) {
    ASSIGN_OR_RETURN(std::string_view b, Take(n, what));
    return GetBE(b.data(), n);
  }
  Result<std::string> Lp(std::string_view what) {
    ASSIGN_OR_RETURN(uint64_t n, Int(4, what));
    if (n > kMaxValueBytes) return DataLoss("the backup holds an impossible length in " +
                                            std::string(what));
    ASSIGN_OR_RETURN(std::string_view b, Take(n, what));
    return std::string(b);
  }
  Result<char> Tag() {
    ASSIGN_OR_RETURN(std::string_view b, Take(1, "a frame tag"));
    return b[0];
  }
  // Stops hashing (the digest covers the bytes before 'Z', the tag included, see below).
  crypto::Sha256Digest Digest() {
    hashing_ = false;
    return hasher_.Finish();
  }
  Result<bool> AtEnd() {
    char c;
    ASSIGN_OR_RETURN(size_t got, reader_.Read(&c, 1));
    return got == 0;
  }

 private:
  crypto::BackupReader& reader_;
  crypto::Sha256Hasher hasher_;
  bool hashing_ = true;
  std::string scratch_;
};

Status CheckSchema(int version, storage::Store& target, std::string_view what) {
  if (version != storage::LatestSchemaVersion() || target.schema_version() != version) {
    return FailedPrecondition(
        std::string(what) + " has schema version " + std::to_string(version) +
        "; this recount writes version " + std::to_string(storage::LatestSchemaVersion()) +
        ": use the recount that made it, or open the source store once with this recount "
        "(it migrates) and copy it again");
  }
  return Status();
}

}  // namespace

Result<CopySummary> WriteBackup(storage::Store& store, const crypto::SecretBytes& master_key,
                                std::ostream& out) {
  ASSIGN_OR_RETURN(std::optional<std::string> ring, store.LoadKeyRing());
  if (!ring) {
    return FailedPrecondition(store.location() + " has no key ring (made before encryption); "
                              "export it and import into a new store instead");
  }
  nlohmann::json header = {
      {"format", kFormat},
      {"created_at", NowRfc3339()},
      {"schema_version", store.schema_version()},
      {"key_ring", crypto::Base64Encode(crypto::AsBytes(*ring))},
  };
  ASSIGN_OR_RETURN(crypto::SecretBytes key, crypto::DeriveBackupKey(master_key));
  ASSIGN_OR_RETURN(std::unique_ptr<crypto::BackupWriter> writer,
                   crypto::BackupWriter::Begin(key, header.dump(), out));
  BackupSink sink(*writer);
  RETURN_IF_ERROR(store.Dump(sink));
  return sink.Finish();
}

Result<BackupHeader> ReadBackupHeader(std::istream& in) {
  ASSIGN_OR_RETURN(std::string raw, crypto::ReadBackupHeader(in));
  BackupHeader h;
  h.raw = raw;
  try {
    nlohmann::json j = nlohmann::json::parse(raw);
    h.format = j.at("format").get<std::string>();
    h.created_at = j.at("created_at").get<std::string>();
    h.schema_version = j.at("schema_version").get<int>();
    ASSIGN_OR_RETURN(crypto::Bytes ring,
                     crypto::Base64Decode(j.at("key_ring").get<std::string>()));
    h.key_ring = crypto::AsString(ring);
  } catch (const nlohmann::json::exception& e) {
    return DataLoss(std::string("the backup header is damaged (") + e.what() + ")");
  }
  if (h.format != kFormat) {
    return FailedPrecondition("backup format '" + h.format + "' is not " + std::string(kFormat) +
                              "; upgrade recount");
  }
  return h;
}

Result<CopySummary> LoadBackup(std::istream& in, const BackupHeader& header,
                               const crypto::SecretBytes& master_key, storage::Store* target) {
  if (target != nullptr) {
    RETURN_IF_ERROR(CheckSchema(header.schema_version, *target, "the backup"));
  }
  ASSIGN_OR_RETURN(crypto::SecretBytes key, crypto::DeriveBackupKey(master_key));
  ASSIGN_OR_RETURN(std::unique_ptr<crypto::BackupReader> reader,
                   crypto::BackupReader::Begin(key, header.raw, in));
  std::unique_ptr<storage::TableLoader> loader;
  if (target != nullptr) {
    ASSIGN_OR_RETURN(loader, target->BeginLoad());
  }
  FrameReader frames(*reader);
  CopyCounter counter;
  std::optional<std::string> ring_in_body;
  for (const storage::DumpTableSpec& t : storage::DumpTables()) {
    const std::string where = "table " + std::string(t.name);
    ASSIGN_OR_RETURN(char tag, frames.Tag());
    if (tag != 'T') return DataLoss("the backup lacks " + where + " (frame '" +
                                    std::string(1, tag) + "')");
    ASSIGN_OR_RETURN(std::string name, frames.Lp(where));
    if (name != t.name) {
      return DataLoss("the backup holds table '" + name + "' where " + where + " belongs");
    }
    ASSIGN_OR_RETURN(uint64_t ncols, frames.Int(2, where));
    if (ncols != t.columns.size()) {
      return DataLoss("the backup's " + where + " has " + std::to_string(ncols) +
                      " columns, this schema " + std::to_string(t.columns.size()));
    }
    for (const storage::DumpColumn& c : t.columns) {
      ASSIGN_OR_RETURN(std::string col, frames.Lp(where));
      if (col != c.name) {
        return DataLoss("the backup's " + where + " has column '" + col + "' where '" +
                        std::string(c.name) + "' belongs");
      }
    }
    if (loader) RETURN_IF_ERROR(loader->BeginTable(t));
    counter.Begin(t);
    for (;;) {
      ASSIGN_OR_RETURN(char rt, frames.Tag());
      if (rt == 'E') break;
      if (rt != 'R') return DataLoss("the backup's " + where + " has a damaged row frame");
      storage::DumpRow row(t.columns.size());
      for (storage::DumpValue& v : row) {
        ASSIGN_OR_RETURN(uint64_t kind, frames.Int(1, where));
        switch (kind) {
          case 0: break;
          case 1: {
            ASSIGN_OR_RETURN(uint64_t u, frames.Int(8, where));
            v = storage::DumpValue::Int(static_cast<int64_t>(u));
            break;
          }
          case 2: {
            ASSIGN_OR_RETURN(uint64_t u, frames.Int(8, where));
            double d;
            std::memcpy(&d, &u, sizeof d);
            v = storage::DumpValue::Real(d);
            break;
          }
          case 3: {
            ASSIGN_OR_RETURN(std::string s, frames.Lp(where));
            v = storage::DumpValue::Text(std::move(s));
            break;
          }
          case 4: {
            ASSIGN_OR_RETURN(std::string s, frames.Lp(where));
            v = storage::DumpValue::Blob(std::move(s));
            break;
          }
          default:
            return DataLoss("the backup's " + where + " holds a value of unknown kind " +
                            std::to_string(kind));
        }
      }
      if (t.name == "keyring" && row.size() == 3) ring_in_body = row[1].s;
      counter.Row(row);
      Status s = loader ? loader->Row(row) : Status();
      if (!s.ok()) return s.WithContext("row " + std::to_string(counter.current_rows()) +
                                        " of " + where);
    }
    ASSIGN_OR_RETURN(uint64_t count, frames.Int(8, where));
    if (count != counter.current_rows()) {
      return DataLoss("the backup's " + where + " says " + std::to_string(count) +
                      " rows but holds " + std::to_string(counter.current_rows()));
    }
    if (loader) RETURN_IF_ERROR(loader->EndTable());
  }
  crypto::Sha256Digest digest = frames.Digest();
  ASSIGN_OR_RETURN(char z, frames.Tag());
  if (z != 'Z') return DataLoss("the backup holds more tables than this schema knows");
  // The tag 'Z' itself was read after Digest(): the digest covers the bytes before it.
  ASSIGN_OR_RETURN(uint64_t total, frames.Int(8, "the trailer"));
  ASSIGN_OR_RETURN(std::string_view stored, frames.Take(32, "the trailer"));
  if (total != counter.summary().rows ||
      std::memcmp(stored.data(), digest.data(), digest.size()) != 0) {
    return DataLoss("the backup's digest or row count does not match its content");
  }
  ASSIGN_OR_RETURN(bool end, frames.AtEnd());
  if (!end) return DataLoss("the backup has data after its trailer");
  if (!ring_in_body || *ring_in_body != header.key_ring) {
    return DataLoss("the key ring inside the backup is not the one in its header; the backup "
                    "was assembled from two stores");
  }
  if (loader) RETURN_IF_ERROR(loader->Commit());
  return counter.Finish();
}

Result<CopySummary> CopyStore(storage::Store& from, storage::Store& to) {
  RETURN_IF_ERROR(CheckSchema(from.schema_version(), to, from.location()));
  ASSIGN_OR_RETURN(std::unique_ptr<storage::TableLoader> loader, to.BeginLoad());
  LoaderSink sink(*loader);
  RETURN_IF_ERROR(from.Dump(sink));
  RETURN_IF_ERROR(loader->Commit());
  return sink.counter().Finish();
}

}  // namespace recount::app
