// The encrypted container of `recount backup` (docs/operations.md, "Backups"): a clear header
// followed by an XChaCha20-Poly1305 secretstream of the backup's plaintext.
//
// Format (integers big-endian):
//   "RCBACKUP" | u16 format 1 | u32 n | header (n bytes, clear) | secretstream header (24 bytes) |
//   chunks: u32 len | ciphertext (len bytes = plaintext of at most 1 MiB + 17), the last FINAL.
// Every chunk's associated data is "recount backup v1" | u32 n | header: the clear header cannot
// be altered without every chunk failing. The stream binds order; a missing FINAL chunk
// (truncation at any byte, also at a chunk boundary), bytes after it, a flipped bit, a reordered
// or dropped chunk and a wrong key are rejected (kDataLoss). The clear header is the caller's: the
// backup keeps there what is needed before decryption (the wrapped key ring) and what may be
// shown without a key (sizes, tree head).
//
// The key is derived from the store master key (crypto_kdf, context "rcbackup", subkey 1), so
// whoever can unlock the store can read its backups and nobody else; the random secretstream
// header makes every backup's keystream different.
//
// Memory: one chunk. Ownership: streams and key are borrowed and must outlive the object.
// Thread-safety: one object per thread.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

inline constexpr size_t kBackupChunkSize = 1 << 20;
inline constexpr size_t kBackupMaxHeaderSize = 1 << 20;

// The backup key of a store (32 bytes) from its master key.
Result<SecretBytes> DeriveBackupKey(const SecretBytes& master_key);

class BackupWriter {
 public:
  // Writes the magic, `header` and the stream header to `out`.
  static Result<std::unique_ptr<BackupWriter>> Begin(const SecretBytes& key,
                                                     std::string_view header, std::ostream& out);
  ~BackupWriter();
  // Buffers plaintext, writing full chunks as they fill.
  Status Write(std::string_view plaintext);
  // Writes the rest as the FINAL chunk and flushes `out`. Nothing may be written after.
  Status Finish();

 private:
  struct State;
  explicit BackupWriter(std::unique_ptr<State> state);
  Status WriteChunk(bool final);
  std::unique_ptr<State> state_;
};

// Reads the magic and the clear header, leaving `in` at the stream header. kInvalidArgument for a
// file that is not a backup, kDataLoss for a damaged header.
Result<std::string> ReadBackupHeader(std::istream& in);

class BackupReader {
 public:
  // `in` positioned after ReadBackupHeader; `header` what it returned.
  static Result<std::unique_ptr<BackupReader>> Begin(const SecretBytes& key,
                                                     std::string_view header, std::istream& in);
  ~BackupReader();
  // Reads up to `n` authenticated plaintext bytes into `out`; returns 0 only at the end of an
  // intact stream (FINAL chunk seen, nothing after it).
  Result<size_t> Read(char* out, size_t n);

 private:
  struct State;
  explicit BackupReader(std::unique_ptr<State> state);
  Status NextChunk();
  std::unique_ptr<State> state_;
};

}  // namespace recount::crypto
