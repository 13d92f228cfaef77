#include "crypto/backup_stream.h"

#include <sodium.h>

#include <cstring>
#include <vector>

#include "crypto/sodium_init.h"
#include "crypto/wire.h"

namespace recount::crypto {
namespace {

constexpr char kMagic[8] = {'R', 'C', 'B', 'A', 'C', 'K', 'U', 'P'};
constexpr uint16_t kFormat = 1;
constexpr size_t kStreamHeaderSize = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr size_t kOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;

Bytes AssociatedData(std::string_view header) {
  Bytes ad;
  wire::PutRaw(ad, AsBytes("recount backup v1"));
  wire::PutLengthPrefixed(ad, header);
  return ad;
}

void PutU32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}
uint32_t GetU32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// Reads exactly n bytes; returns how many were read.
size_t ReadFully(std::istream& in, uint8_t* p, size_t n) {
  in.read(reinterpret_cast<char*>(p), static_cast<std::streamsize>(n));
  return static_cast<size_t>(in.gcount());
}

}  // namespace

Result<SecretBytes> DeriveBackupKey(const SecretBytes& master_key) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (master_key.size() != crypto_kdf_KEYBYTES) {
    return InvalidArgument("the store master key must be 32 bytes");
  }
  ASSIGN_OR_RETURN(SecretBytes key,
                   SecretBytes::Allocate(crypto_secretstream_xchacha20poly1305_KEYBYTES));
  crypto_kdf_derive_from_key(key.data(), key.size(), 1, "rcbackup", master_key.data());
  return key;
}

struct BackupWriter::State {
  std::ostream* out = nullptr;
  crypto_secretstream_xchacha20poly1305_state st;
  Bytes ad;
  std::vector<uint8_t> plain;
  std::vector<uint8_t> cipher;
  bool finished = false;
  ~State() { sodium_memzero(&st, sizeof st); }
};

BackupWriter::BackupWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
BackupWriter::~BackupWriter() = default;

Result<std::unique_ptr<BackupWriter>> BackupWriter::Begin(const SecretBytes& key,
                                                          std::string_view header,
                                                          std::ostream& out) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES) {
    return InvalidArgument("the backup key must be 32 bytes");
  }
  if (header.size() > kBackupMaxHeaderSize) return InvalidArgument("backup header too large");
  auto state = std::make_unique<State>();
  state->out = &out;
  state->ad = AssociatedData(header);
  Bytes prefix;
  wire::PutRaw(prefix, AsBytes(std::string_view(kMagic, sizeof kMagic)));
  wire::PutU16(prefix, kFormat);
  wire::PutLengthPrefixed(prefix, header);
  const size_t at = prefix.size();
  prefix.resize(at + kStreamHeaderSize);
  crypto_secretstream_xchacha20poly1305_init_push(&state->st, prefix.data() + at, key.data());
  out.write(reinterpret_cast<const char*>(prefix.data()),
            static_cast<std::streamsize>(prefix.size()));
  if (!out) return IoError("writing the backup failed (disk full?)");
  state->plain.reserve(kBackupChunkSize);
  state->cipher.resize(4 + kBackupChunkSize + kOverhead);
  return std::unique_ptr<BackupWriter>(new BackupWriter(std::move(state)));
}

Status BackupWriter::WriteChunk(bool final) {
  State& s = *state_;
  unsigned long long len = 0;
  crypto_secretstream_xchacha20poly1305_push(
      &s.st, s.cipher.data() + 4, &len, s.plain.data(), s.plain.size(), s.ad.data(), s.ad.size(),
      final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
  PutU32(s.cipher.data(), static_cast<uint32_t>(len));
  s.out->write(reinterpret_cast<const char*>(s.cipher.data()),
               static_cast<std::streamsize>(4 + len));
  sodium_memzero(s.plain.data(), s.plain.size());
  s.plain.clear();
  if (!*s.out) return IoError("writing the backup failed (disk full?)");
  return Status();
}

Status BackupWriter::Write(std::string_view plaintext) {
  State& s = *state_;
  if (s.finished) return Internal("backup written after Finish");
  while (!plaintext.empty()) {
    const size_t room = kBackupChunkSize - s.plain.size();
    const size_t n = std::min(room, plaintext.size());
    s.plain.insert(s.plain.end(), plaintext.begin(), plaintext.begin() + n);
    plaintext.remove_prefix(n);
    if (s.plain.size() == kBackupChunkSize) RETURN_IF_ERROR(WriteChunk(false));
  }
  return Status();
}

Status BackupWriter::Finish() {
  if (state_->finished) return Status();
  RETURN_IF_ERROR(WriteChunk(true));
  state_->finished = true;
  state_->out->flush();
  if (!*state_->out) return IoError("writing the backup failed (disk full?)");
  return Status();
}

Result<std::string> ReadBackupHeader(std::istream& in) {
  uint8_t prefix[sizeof kMagic + 2 + 4];
  if (ReadFully(in, prefix, sizeof prefix) != sizeof prefix ||
      std::memcmp(prefix, kMagic, sizeof kMagic) != 0) {
    return InvalidArgument("not a recount backup (it does not start with RCBACKUP); check the "
                           "file name");
  }
  const uint16_t format = static_cast<uint16_t>((prefix[8] << 8) | prefix[9]);
  if (format != kFormat) {
    return FailedPrecondition("backup format " + std::to_string(format) +
                              " is newer than this recount knows (1); upgrade recount");
  }
  const uint32_t n = GetU32(prefix + 10);
  if (n > kBackupMaxHeaderSize) return DataLoss("the backup header is damaged (length " +
                                                std::to_string(n) + ")");
  std::string header(n, '\0');
  if (ReadFully(in, reinterpret_cast<uint8_t*>(header.data()), n) != n) {
    return DataLoss("the backup is truncated inside its header");
  }
  return header;
}

struct BackupReader::State {
  std::istream* in = nullptr;
  crypto_secretstream_xchacha20poly1305_state st;
  Bytes ad;
  std::vector<uint8_t> cipher;
  std::vector<uint8_t> plain;
  size_t at = 0;  // next unread byte of `plain`
  bool final_seen = false;
  uint64_t chunks = 0;
  ~State() {
    sodium_memzero(&st, sizeof st);
    if (!plain.empty()) sodium_memzero(plain.data(), plain.size());
  }
};

BackupReader::BackupReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
BackupReader::~BackupReader() = default;

Result<std::unique_ptr<BackupReader>> BackupReader::Begin(const SecretBytes& key,
                                                          std::string_view header,
                                                          std::istream& in) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES) {
    return InvalidArgument("the backup key must be 32 bytes");
  }
  auto state = std::make_unique<State>();
  state->in = &in;
  state->ad = AssociatedData(header);
  uint8_t stream_header[kStreamHeaderSize];
  if (ReadFully(in, stream_header, sizeof stream_header) != sizeof stream_header) {
    return DataLoss("the backup is truncated before its encrypted part");
  }
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state->st, stream_header, key.data()) !=
      0) {
    return DataLoss("the backup's stream header is damaged");
  }
  state->cipher.resize(kBackupChunkSize + kOverhead);
  state->plain.resize(kBackupChunkSize);
  state->plain.clear();
  return std::unique_ptr<BackupReader>(new BackupReader(std::move(state)));
}

Status BackupReader::NextChunk() {
  State& s = *state_;
  uint8_t len_bytes[4];
  const size_t got = ReadFully(*s.in, len_bytes, 4);
  if (got == 0) {
    return DataLoss("the backup is truncated: it ends after chunk " + std::to_string(s.chunks) +
                    " without its final chunk (an incomplete copy?); use another backup");
  }
  if (got != 4) return DataLoss("the backup is truncated inside chunk " +
                                std::to_string(s.chunks + 1));
  const uint32_t len = GetU32(len_bytes);
  if (len < kOverhead || len > kBackupChunkSize + kOverhead) {
    return DataLoss("the backup is damaged: chunk " + std::to_string(s.chunks + 1) +
                    " has an impossible length");
  }
  if (ReadFully(*s.in, s.cipher.data(), len) != len) {
    return DataLoss("the backup is truncated inside chunk " + std::to_string(s.chunks + 1));
  }
  s.plain.resize(len - kOverhead);
  unsigned long long plain_len = 0;
  unsigned char tag = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(&s.st, s.plain.data(), &plain_len, &tag,
                                                 s.cipher.data(), len, s.ad.data(),
                                                 s.ad.size()) != 0) {
    return DataLoss("the backup is damaged or was altered: chunk " +
                    std::to_string(s.chunks + 1) + " does not authenticate");
  }
  s.plain.resize(plain_len);
  s.at = 0;
  ++s.chunks;
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    s.final_seen = true;
    if (s.in->peek() != std::char_traits<char>::eof()) {
      return DataLoss("the backup has bytes after its final chunk; it was altered");
    }
  }
  return Status();
}

Result<size_t> BackupReader::Read(char* out, size_t n) {
  State& s = *state_;
  size_t done = 0;
  while (done < n) {
    if (s.at == s.plain.size()) {
      if (s.final_seen) break;
      RETURN_IF_ERROR(NextChunk());
      continue;
    }
    const size_t k = std::min(n - done, s.plain.size() - s.at);
    std::memcpy(out + done, s.plain.data() + s.at, k);
    s.at += k;
    done += k;
  }
  return done;
}

}  // namespace recount::crypto
