// Sealed record fields under the store master key (docs/security.md sections 3-5): today the
// testimony narrative, the free text that can name people and places.
//
// A narrative is stored in the testimonies.narrative text column as
//
//   "recount-sealed:1:" base64( wrapped record data key (73 bytes) || sealed field )
//
// where the data key is fresh for every seal (crypto/envelope.h), wrapped under the store master
// key bound to (binding id, key class "record"), and the narrative is sealed with
// XChaCha20-Poly1305 under the data key bound to (binding id, field "narrative", version 1). The
// binding id is the record's source name, 0x1f, and its external id: both are known before the
// row exists and never change (`recount edit` refuses to change record_id). Rollback to an older
// ciphertext of the same record is not caught by the AEAD (the version is always 1) but by the
// audit log: a record's digest covers the stored, sealed text.
//
// The storage layer stores the text as given and digests it as stored; it knows nothing of this.
// A narrative without the prefix is legacy plain text (stores written before sealing) and is read
// as it is. An empty narrative stays empty (nothing is sealed). Clearing the stored text destroys
// the wrapped data key with it: that is the crypto-shred of the narrative.
//
// RecordSealer holds a copy of the master key in guarded memory (wiped when destroyed).
// NarrativeReader is what a command reads narratives through: unlocked (a sealer) or locked (no
// key: sealed narratives are reported as sealed, never guessed).
// Thread-safety: one RecordSealer / NarrativeReader per thread (buffers are reused).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/envelope.h"
#include "crypto/secret_bytes.h"
#include "model/record.h"

namespace recount::app {

inline constexpr std::string_view kSealedNarrativePrefix = "recount-sealed:1:";
inline constexpr std::string_view kNarrativeField = "narrative";
inline constexpr uint64_t kNarrativeVersion = 1;

// The id a record's sealed fields are bound to: source name, 0x1f, external id.
std::string RecordBindingId(std::string_view source, std::string_view external_id);

// True if `stored` is a sealed narrative (as opposed to legacy plain text or empty).
bool IsSealedNarrative(std::string_view stored);

class RecordSealer {
 public:
  static Result<std::unique_ptr<RecordSealer>> FromMasterKey(const crypto::SecretBytes& master_key);

  // The stored form of `narrative` for record (source, external id); "" for "".
  Result<std::string> SealNarrative(std::string_view source, std::string_view external_id,
                                    std::string_view narrative);
  // The narrative of a stored text: opened when sealed, as it is when legacy plain text.
  // kDataLoss if the sealed text is damaged, truncated, moved from another record or sealed
  // under another master key.
  Result<std::string> OpenNarrative(std::string_view source, std::string_view external_id,
                                    std::string_view stored);
  // The record data key inside a sealed narrative (for an evidence bundle, whose reader opens the
  // narrative with it: OpenNarrativeWithDataKey). kInvalidArgument for text that is not sealed.
  Result<crypto::SecretBytes> NarrativeDataKey(std::string_view source,
                                               std::string_view external_id,
                                               std::string_view stored);

 private:
  RecordSealer(crypto::EnvelopeCipher cipher, crypto::SecretBytes master)
      : cipher_(std::move(cipher)), master_(std::move(master)) {}
  crypto::EnvelopeCipher cipher_;
  crypto::SecretBytes master_;  // for NarrativeDataKey only
  crypto::Bytes sealed_;        // reused output buffer
  crypto::Bytes plain_;         // reused plaintext buffer, wiped after each use
};

// Opens a sealed narrative with its record data key (not the master key): what an offline
// checker of an evidence bundle can do. kDataLoss when it does not open.
Result<std::string> OpenNarrativeWithDataKey(const crypto::SecretBytes& data_key,
                                             std::string_view source, std::string_view external_id,
                                             std::string_view stored);

// The line commands print on stderr when narratives are sealed and the store key was not given.
inline constexpr const char* kNarrativesSealedNote =
    "narratives are sealed: the store key was not given (set RECOUNT_PASSPHRASE or "
    "RECOUNT_KEY_FILE, or type the passphrase at a terminal); only coded data is shown";
// What text output shows in place of a sealed narrative.
inline constexpr const char* kNarrativeSealedText = "[narrative sealed]";

class NarrativeReader {
 public:
  static NarrativeReader Locked() { return NarrativeReader(nullptr); }
  static NarrativeReader Unlocked(std::unique_ptr<RecordSealer> sealer) {
    return NarrativeReader(std::move(sealer));
  }
  bool locked() const { return sealer_ == nullptr; }
  RecordSealer* sealer() { return sealer_.get(); }

  // The readable narrative of `record` (its narrative as stored): "" for none, legacy plain text
  // as it is, nullopt when it is sealed and the reader is locked. kDataLoss naming the record
  // when it cannot be opened.
  Result<std::optional<std::string>> Read(const model::Record& record);
  // Replaces record->narrative by its readable text; returns false (leaving it sealed) when the
  // reader is locked and the narrative is sealed.
  Result<bool> OpenInPlace(model::Record* record);

 private:
  explicit NarrativeReader(std::unique_ptr<RecordSealer> sealer) : sealer_(std::move(sealer)) {}
  std::unique_ptr<RecordSealer> sealer_;
};

}  // namespace recount::app
