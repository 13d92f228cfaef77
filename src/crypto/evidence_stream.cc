#include "crypto/evidence_stream.h"

#include <sodium.h>

#include <string>
#include <vector>

#include "crypto/sodium_init.h"
#include "crypto/wire.h"

namespace recount::crypto {
namespace {

constexpr char kEvidenceMagic[8] = {'R', 'C', 'E', 'V', 'I', 'D', '0', '1'};
constexpr size_t kHeaderSize = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr size_t kChunkOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;

Bytes ChunkAssociatedData(std::string_view evidence_id, uint32_t chunk_size) {
  Bytes ad;
  wire::PutRaw(ad, AsBytes("recount evidence v1"));
  wire::PutLengthPrefixed(ad, evidence_id);
  wire::PutU32(ad, chunk_size);
  return ad;
}

Status CheckArgs(const SecretBytes& key, std::string_view evidence_id) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES) {
    return InvalidArgument("evidence key must be 32 bytes");
  }
  if (evidence_id.empty()) return InvalidArgument("an evidence id is required to bind the file");
  return Status::Ok();
}

// Reads up to n bytes; returns how many were read. Sets `failed` if the stream reports an error
// other than end of file.
size_t ReadUpTo(std::istream& in, uint8_t* buf, size_t n, bool& failed) {
  in.read(reinterpret_cast<char*>(buf), static_cast<std::streamsize>(n));
  const size_t got = static_cast<size_t>(in.gcount());
  if (in.bad()) failed = true;
  return got;
}

bool AtEof(std::istream& in) { return in.peek() == std::char_traits<char>::eof(); }

Status Write(std::ostream& out, const uint8_t* p, size_t n) {
  out.write(reinterpret_cast<const char*>(p), static_cast<std::streamsize>(n));
  if (!out) return IoError("writing the evidence output failed (disk full?)");
  return Status::Ok();
}

}  // namespace

Result<EvidenceDigest> EncryptEvidence(const SecretBytes& key, std::string_view evidence_id,
                                       std::istream& in, std::ostream& out, uint32_t chunk_size) {
  RETURN_IF_ERROR(CheckArgs(key, evidence_id));
  if (chunk_size == 0 || chunk_size > kEvidenceMaxChunkSize) {
    return InvalidArgument("evidence chunk size must be between 1 byte and 16 MiB");
  }
  const Bytes ad = ChunkAssociatedData(evidence_id, chunk_size);

  Bytes header;
  wire::PutRaw(header, AsBytes(std::string_view(kEvidenceMagic, sizeof(kEvidenceMagic))));
  wire::PutU32(header, chunk_size);
  const size_t prefix = header.size();
  header.resize(prefix + kHeaderSize);
  crypto_secretstream_xchacha20poly1305_state st;
  crypto_secretstream_xchacha20poly1305_init_push(&st, header.data() + prefix, key.data());
  RETURN_IF_ERROR(Write(out, header.data(), header.size()));

  std::vector<uint8_t> plain(chunk_size);
  std::vector<uint8_t> cipher(chunk_size + kChunkOverhead);
  Sha256Hasher hasher;
  EvidenceDigest digest;
  bool failed = false;
  for (;;) {
    const size_t got = ReadUpTo(in, plain.data(), plain.size(), failed);
    if (failed) {
      sodium_memzero(&st, sizeof(st));
      return IoError("reading the evidence file failed after " +
                     std::to_string(digest.plaintext_bytes) + " bytes");
    }
    const bool last = got < plain.size() || AtEof(in);
    hasher.Update(ByteSpan(plain.data(), got));
    digest.plaintext_bytes += got;
    unsigned long long clen = 0;
    crypto_secretstream_xchacha20poly1305_push(
        &st, cipher.data(), &clen, plain.data(), got, ad.data(), ad.size(),
        last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
             : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    RETURN_IF_ERROR(Write(out, cipher.data(), clen));
    if (last) break;
  }
  sodium_memzero(&st, sizeof(st));
  sodium_memzero(plain.data(), plain.size());
  out.flush();
  if (!out) return IoError("flushing the evidence output failed");
  digest.plaintext_sha256 = hasher.Finish();
  return digest;
}

Result<EvidenceDigest> DecryptEvidence(const SecretBytes& key, std::string_view evidence_id,
                                       std::istream& in, std::ostream& out) {
  RETURN_IF_ERROR(CheckArgs(key, evidence_id));
  uint8_t header[sizeof(kEvidenceMagic) + 4 + kHeaderSize];
  bool failed = false;
  if (ReadUpTo(in, header, sizeof(header), failed) != sizeof(header) ||
      !std::equal(kEvidenceMagic, kEvidenceMagic + sizeof(kEvidenceMagic), header)) {
    if (failed) return IoError("reading the encrypted evidence header failed");
    return DataLoss("not an encrypted recount evidence file (header missing or cut short)");
  }
  wire::Reader r(ByteSpan(header + sizeof(kEvidenceMagic), 4));
  uint32_t chunk_size = 0;
  (void)r.U32(chunk_size);
  if (chunk_size == 0 || chunk_size > kEvidenceMaxChunkSize) {
    return DataLoss("encrypted evidence header has an impossible chunk size " +
                    std::to_string(chunk_size));
  }
  const Bytes ad = ChunkAssociatedData(evidence_id, chunk_size);
  crypto_secretstream_xchacha20poly1305_state st;
  if (crypto_secretstream_xchacha20poly1305_init_pull(&st, header + sizeof(kEvidenceMagic) + 4,
                                                      key.data()) != 0) {
    return DataLoss("encrypted evidence header is invalid");
  }
  std::vector<uint8_t> cipher(chunk_size + kChunkOverhead);
  std::vector<uint8_t> plain(chunk_size);
  Sha256Hasher hasher;
  EvidenceDigest digest;
  Status result;
  for (uint64_t chunk = 0;; ++chunk) {
    const size_t got = ReadUpTo(in, cipher.data(), cipher.size(), failed);
    if (failed) {
      result = IoError("reading encrypted evidence failed at chunk " + std::to_string(chunk));
      break;
    }
    if (got < kChunkOverhead) {
      result = DataLoss("encrypted evidence '" + std::string(evidence_id) +
                        "' is truncated: it ends at chunk " + std::to_string(chunk) +
                        " without its final marker");
      break;
    }
    unsigned long long mlen = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&st, plain.data(), &mlen, &tag, cipher.data(),
                                                   got, ad.data(), ad.size()) != 0) {
      result = DataLoss("encrypted evidence '" + std::string(evidence_id) + "' chunk " +
                        std::to_string(chunk) +
                        " does not authenticate: wrong key, file of another evidence item, or "
                        "altered data");
      break;
    }
    hasher.Update(ByteSpan(plain.data(), mlen));
    digest.plaintext_bytes += mlen;
    if (Status w = Write(out, plain.data(), mlen); !w.ok()) {
      result = w;
      break;
    }
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
      if (!AtEof(in)) {
        result = DataLoss("encrypted evidence '" + std::string(evidence_id) +
                          "' has extra bytes after its final chunk");
      }
      break;
    }
    if (got < cipher.size()) {
      // A short chunk that is not FINAL: the writer never produces this; the rest was cut off.
      result = DataLoss("encrypted evidence '" + std::string(evidence_id) +
                        "' is truncated after chunk " + std::to_string(chunk));
      break;
    }
  }
  sodium_memzero(&st, sizeof(st));
  sodium_memzero(plain.data(), plain.size());
  if (!result.ok()) return result;
  out.flush();
  if (!out) return IoError("flushing the decrypted evidence failed");
  digest.plaintext_sha256 = hasher.Finish();
  return digest;
}

}  // namespace recount::crypto
