#include "app/evidence_files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/data_key.h"
#include "crypto/encoding.h"
#include "crypto/evidence_stream.h"
#include "crypto/random_id.h"

namespace recount::app {
namespace {

namespace fs = std::filesystem;

std::string ShaText(const crypto::Sha256Digest& d) { return "sha256:" + crypto::HexEncode(d); }

// Encrypts `in` (`size` bytes, read once) as a new attachment of `meta.record` and saves it with
// its "attach" entry. `what` names the input in messages.
Result<storage::EvidenceFile> AttachStream(storage::Store& store,
                                           const crypto::SecretBytes& master_key,
                                           const AttachBytesRequest& meta, std::istream& in,
                                           uint64_t size, const std::string& what) {
  ASSIGN_OR_RETURN(storage::StoredRecord sr, store.GetRecord(meta.record));
  (void)sr;  // existence check with the store's own message; the save checks again
  storage::EvidenceFile f;
  f.record = meta.record;
  ASSIGN_OR_RETURN(std::string rid, crypto::NewRandomId());
  f.evidence_id = "ev-" + rid;
  f.file_name = meta.file_name;
  f.media_type = meta.media_type.empty() ? GuessMediaType(f.file_name) : meta.media_type;
  f.source_note = meta.source_note;
  ASSIGN_OR_RETURN(crypto::SecretBytes key, crypto::NewDataKey());
  ASSIGN_OR_RETURN(crypto::Bytes wrapped, crypto::WrapDataKey(master_key, key, f.evidence_id,
                                                              crypto::DataKeyClass::kEvidence));
  f.wrapped_key = crypto::AsString(wrapped);
  std::ostringstream cipher;
  ASSIGN_OR_RETURN(crypto::EvidenceDigest d,
                   crypto::EncryptEvidence(key, f.evidence_id, in, cipher));
  if (d.plaintext_bytes != size) {
    return IoError(what + " changed while it was read (" + std::to_string(size) +
                   " bytes before, " + std::to_string(d.plaintext_bytes) + " read); try again");
  }
  f.size = d.plaintext_bytes;
  f.plaintext_sha256 = ShaText(d.plaintext_sha256);
  return store.SaveEvidenceFile(std::move(f), cipher.str());
}

}  // namespace

std::string GuessMediaType(std::string_view file_name) {
  std::string ext = fs::path(std::string(file_name)).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::pair<const char*, const char*> kTypes[] = {
      {".jpg", "image/jpeg"},  {".jpeg", "image/jpeg"},     {".png", "image/png"},
      {".tif", "image/tiff"},  {".tiff", "image/tiff"},     {".gif", "image/gif"},
      {".heic", "image/heic"}, {".mp3", "audio/mpeg"},      {".m4a", "audio/mp4"},
      {".wav", "audio/wav"},   {".ogg", "audio/ogg"},       {".opus", "audio/opus"},
      {".mp4", "video/mp4"},   {".pdf", "application/pdf"}, {".txt", "text/plain"},
  };
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

bool IsAllowedUploadMediaType(std::string_view media_type) {
  static constexpr std::string_view kAllowed[] = {
      "application/pdf", "text/plain",  "image/jpeg", "image/png",  "image/gif",
      "image/tiff",      "image/heic",  "image/webp", "audio/mpeg", "audio/mp4",
      "audio/wav",       "audio/x-wav", "audio/ogg",  "audio/opus", "audio/webm",
      "audio/aac",       "audio/flac",  "video/mp4",  "video/webm",
  };
  for (std::string_view t : kAllowed) {
    if (media_type == t) return true;
  }
  return false;
}

Result<storage::EvidenceFile> AttachEvidence(storage::Store& store,
                                             const crypto::SecretBytes& master_key,
                                             const AttachRequest& request) {
  std::error_code ec;
  if (!fs::is_regular_file(request.path, ec)) {
    return NotFound("cannot attach " + request.path + ": no such file (give a regular file)");
  }
  const uint64_t size = fs::file_size(request.path, ec);
  if (ec) return IoError("cannot read the size of " + request.path + ": " + ec.message());
  if (size > kMaxEvidenceBytes) {
    return InvalidArgument(request.path + " is " + std::to_string(size) +
                           " bytes; evidence files are limited to " +
                           std::to_string(kMaxEvidenceBytes) +
                           " bytes (split long recordings, or compress them first)");
  }
  std::ifstream in(request.path, std::ios::binary);
  if (!in) return IoError("cannot open " + request.path + " for reading");
  AttachBytesRequest meta;
  meta.record = request.record;
  meta.file_name = fs::path(request.path).filename().string();
  meta.media_type = request.media_type;
  meta.source_note = request.source_note;
  return AttachStream(store, master_key, meta, in, size, request.path);
}

Result<storage::EvidenceFile> AttachEvidenceBytes(storage::Store& store,
                                                  const crypto::SecretBytes& master_key,
                                                  const AttachBytesRequest& request,
                                                  std::string_view bytes) {
  const std::string& name = request.file_name;
  if (bytes.empty()) return InvalidArgument("the file '" + name + "' is empty; nothing attached");
  if (bytes.size() > kMaxEvidenceBytes) {
    return InvalidArgument("the file '" + name + "' is " + std::to_string(bytes.size()) +
                           " bytes; evidence files are limited to " +
                           std::to_string(kMaxEvidenceBytes) + " bytes");
  }
  if (name.empty()) return InvalidArgument("the file name is missing");
  if (name.size() > kMaxEvidenceNameBytes) {
    return InvalidArgument("the file name is " + std::to_string(name.size()) +
                           " bytes long; at most " + std::to_string(kMaxEvidenceNameBytes));
  }
  if (name.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos || name == "." ||
      name == "..") {
    return InvalidArgument("the file name '" + name +
                           "' must be a plain name, without '/', '\\' or a directory part");
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      return InvalidArgument("the file name must not contain control characters");
    }
  }
  std::istringstream in{std::string(bytes)};
  return AttachStream(store, master_key, request, in, bytes.size(), "the upload");
}

Result<storage::AuditEntry> FindAttachEntry(storage::Store& store, int64_t id) {
  std::optional<storage::AuditEntry> found;
  RETURN_IF_ERROR(store.ScanAuditLog([&](int64_t, std::string_view bytes) {
    Result<storage::AuditEntry> e = storage::ParseAuditEntry(bytes);
    if (e.ok() && e->op == "attach" && storage::AttachmentIdOfDetail(e->detail) == id) {
      found = std::move(*e);
    }
    return Status();
  }));
  if (!found) {
    return DataLoss("attachment " + std::to_string(id) +
                    " has no attach entry in the log: it was added outside recount");
  }
  return *found;
}

Result<storage::EvidenceFile> DecryptEvidenceTo(storage::Store& store,
                                                const crypto::SecretBytes& master_key, int64_t id,
                                                std::ostream& out) {
  ASSIGN_OR_RETURN(storage::EvidenceFile f, store.GetEvidenceFile(id));
  ASSIGN_OR_RETURN(storage::AuditEntry entry, FindAttachEntry(store, id));
  const std::string name = "attachment " + std::to_string(id) + " (" + f.file_name + ")";
  if (storage::EvidenceFileDigest(f) != entry.digest) {
    return DataLoss(name + " differs from its attach entry (log entry " +
                    std::to_string(entry.seq) + "): changed outside recount");
  }
  ASSIGN_OR_RETURN(std::string cipher, store.ReadEvidenceCiphertext(id));
  if (storage::DigestOfBytes(cipher) != f.ciphertext_sha256) {
    return DataLoss("the stored ciphertext of " + name +
                    " differs from the hash logged at intake (log entry " +
                    std::to_string(entry.seq) + "): altered or truncated outside recount");
  }
  Result<crypto::SecretBytes> key =
      crypto::UnwrapDataKey(master_key, crypto::AsBytes(f.wrapped_key), f.evidence_id,
                            crypto::DataKeyClass::kEvidence);
  if (!key.ok()) {
    return DataLoss("cannot unwrap the key of " + name + ": " + key.status().message());
  }
  std::istringstream in(cipher);
  Result<crypto::EvidenceDigest> d = crypto::DecryptEvidence(*key, f.evidence_id, in, out);
  if (!d.ok()) return DataLoss("cannot decrypt " + name + ": " + d.status().message());
  if (ShaText(d->plaintext_sha256) != f.plaintext_sha256 || d->plaintext_bytes != f.size) {
    return DataLoss(name + " decrypts to bytes whose SHA-256 differs from the one logged at "
                    "intake (log entry " + std::to_string(entry.seq) + ")");
  }
  return f;
}

Result<OpenedEvidence> ReadEvidenceLogged(storage::Store& store,
                                          const crypto::SecretBytes& master_key,
                                          model::RowId record, int64_t id,
                                          std::string_view command) {
  const std::string missing =
      "no attachment " + std::to_string(id) + " on record " + std::to_string(record);
  Result<storage::EvidenceFile> meta = store.GetEvidenceFile(id);
  if (!meta.ok()) {
    return meta.status().code() == StatusCode::kNotFound ? NotFound(missing) : meta.status();
  }
  if (meta->record != record) return NotFound(missing);
  std::ostringstream out;
  ASSIGN_OR_RETURN(storage::EvidenceFile f, DecryptEvidenceTo(store, master_key, id, out));
  storage::AuditEntry e;
  e.op = "read-attachment";
  e.record = record;
  e.digest = f.plaintext_sha256;
  e.detail = std::string(command) + ": attachment " + std::to_string(id) + " " + f.file_name;
  RETURN_IF_ERROR(store.AppendAuditEntry(std::move(e)).status());
  return OpenedEvidence{std::move(f), std::move(out).str()};
}

Result<storage::EvidenceFile> ExtractEvidence(storage::Store& store,
                                              const crypto::SecretBytes& master_key, int64_t id,
                                              const std::string& out_path) {
  std::error_code ec;
  if (fs::exists(out_path, ec)) {
    return AlreadyExists(out_path + " exists; give a new file name with --out");
  }
  const std::string tmp = out_path + ".partial";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("cannot write " + tmp);
  Result<storage::EvidenceFile> f = DecryptEvidenceTo(store, master_key, id, out);
  out.close();
  if (f.ok() && !out) f = IoError("cannot write " + tmp + " (disk full?)");
  if (!f.ok()) {
    fs::remove(tmp, ec);
    return f.status();
  }
  fs::rename(tmp, out_path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return IoError("cannot rename " + tmp + " to " + out_path);
  }
  return f;
}

}  // namespace recount::app
