// The identity vault as the use cases see it (docs/security.md sections 3-5).
//
// A record's identity (model::Identity: names, name variants, interviewer) is stored as one
// opaque blob in the store's `identities` table, joined to the coded record only by a random
// identity id. The blob is sealed:
//
//   u8 format (0x01) || wrapped identity data key (73 bytes) || sealed JSON
//
// where the data key is fresh for each identity and wrapped under the identity-vault key bound to
// (identity id, key class "identity"), and the JSON (identity_codec.h) is sealed with
// XChaCha20-Poly1305 under the data key bound to (identity id, field "identity", version 1).
// Moving a blob to another identity id, editing a byte, or truncating it fails to open
// (kDataLoss). Deleting the blob (Store::ShredRecord) destroys its wrapped data key, so nobody can
// decrypt any copy of the ciphertext afterwards.
//
// IdentityVault holds the unlocked vault key (in guarded memory, wiped when destroyed) and seals
// or opens blobs without per-record key allocation (crypto/envelope.h). IdentityReader is what a
// command reads identities through: unlocked (a vault), locked (no key: identities are reported
// as locked, never guessed), or a legacy store made before encryption (plain JSON blobs).
//
// Thread-safety: one IdentityVault / IdentityReader per thread (buffers are reused).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/envelope.h"
#include "crypto/secret_bytes.h"
#include "model/record.h"
#include "storage/store.h"

namespace recount::app {

inline constexpr uint8_t kSealedIdentityFormat = 0x01;
// The version bound into every identity ciphertext. Identities are written once at import;
// when records become editable, the record's version number belongs here.
inline constexpr uint64_t kIdentityVersion = 1;

class IdentityVault {
 public:
  static Result<std::unique_ptr<IdentityVault>> FromVaultKey(const crypto::SecretBytes& vault_key);

  // A new random identity id and the sealed blob of `identity`.
  Result<std::pair<std::string, std::string>> Seal(const model::Identity& identity);
  // Opens a blob sealed by Seal for `identity_id`. kDataLoss if it is damaged, moved from another
  // identity or sealed under another vault key.
  Result<model::Identity> Open(std::string_view identity_id, std::string_view blob);

 private:
  explicit IdentityVault(crypto::EnvelopeCipher cipher) : cipher_(std::move(cipher)) {}
  crypto::EnvelopeCipher cipher_;
  crypto::Bytes sealed_;  // reused output buffer
  crypto::Bytes plain_;   // reused plaintext buffer, wiped after each use
};

// True if `blob` has the sealed format (as opposed to a legacy plain JSON blob).
bool IsSealedIdentity(std::string_view blob);

class IdentityReader {
 public:
  static IdentityReader Locked() { return IdentityReader(nullptr, false); }
  static IdentityReader Unlocked(std::unique_ptr<IdentityVault> vault) {
    return IdentityReader(std::move(vault), false);
  }
  // A store without a key ring: its blobs are plain JSON, readable by anyone.
  static IdentityReader LegacyPlaintext() { return IdentityReader(nullptr, true); }

  // True when sealed identities cannot be read (no vault key).
  bool locked() const { return vault_ == nullptr && !legacy_; }
  bool legacy() const { return legacy_; }
  IdentityVault* vault() { return vault_.get(); }

  // The record's identity: an empty Identity when it has none (never recorded, or shredded);
  // nullopt when it is sealed and the vault is locked. kDataLoss (naming the record) when the
  // blob cannot be opened.
  Result<std::optional<model::Identity>> Read(const storage::StoredRecord& record);
  // The records whose sealed identity this reader decrypted, in order (for the audit log:
  // identity_reads.h).
  const std::vector<model::RowId>& read_ids() const { return read_ids_; }

 private:
  IdentityReader(std::unique_ptr<IdentityVault> vault, bool legacy)
      : vault_(std::move(vault)), legacy_(legacy) {}
  std::unique_ptr<IdentityVault> vault_;
  bool legacy_ = false;
  std::vector<model::RowId> read_ids_;
};

}  // namespace recount::app
