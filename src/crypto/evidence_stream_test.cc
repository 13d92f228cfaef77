#include "crypto/evidence_stream.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "crypto/data_key.h"
#include "crypto/encoding.h"

namespace recount::crypto {
namespace {

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return s;
}

std::string Encrypt(const SecretBytes& key, const std::string& plain, uint32_t chunk,
                    EvidenceDigest* digest = nullptr) {
  std::istringstream in(plain);
  std::ostringstream out;
  auto r = EncryptEvidence(key, "ev-1", in, out, chunk);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (digest && r.ok()) *digest = *r;
  return out.str();
}

Result<EvidenceDigest> Decrypt(const SecretBytes& key, const std::string& sealed,
                               std::string* plain, std::string_view id = "ev-1") {
  std::istringstream in(sealed);
  std::ostringstream out;
  auto r = DecryptEvidence(key, id, in, out);
  *plain = out.str();
  return r;
}

class EvidenceStreamTest : public ::testing::Test {
 protected:
  SecretBytes key_ = std::move(NewDataKey()).value();
};

TEST_F(EvidenceStreamTest, RoundTripVariousSizesAndDigest) {
  // Sizes around chunk boundaries, including empty and exact multiples.
  for (size_t n : {0, 1, 63, 64, 65, 127, 128, 129, 1000}) {
    const std::string plain = Pattern(n);
    EvidenceDigest enc;
    const std::string sealed = Encrypt(key_, plain, 64, &enc);
    EXPECT_EQ(enc.plaintext_bytes, n);
    EXPECT_EQ(enc.plaintext_sha256, Sha256(AsBytes(plain))) << n;
    std::string back;
    auto dec = Decrypt(key_, sealed, &back);
    ASSERT_TRUE(dec.ok()) << n << ": " << dec.status().ToString();
    EXPECT_EQ(back, plain);
    EXPECT_EQ(dec->plaintext_sha256, enc.plaintext_sha256);
  }
}

TEST_F(EvidenceStreamTest, DefaultChunkSizeLargeFile) {
  const std::string plain = Pattern(300 * 1024 + 17);
  EvidenceDigest enc;
  const std::string sealed = Encrypt(key_, plain, kEvidenceDefaultChunkSize, &enc);
  EXPECT_EQ(HexEncode(enc.plaintext_sha256), HexEncode(Sha256(AsBytes(plain))));
  std::string back;
  ASSERT_TRUE(Decrypt(key_, sealed, &back).ok());
  EXPECT_EQ(back, plain);
}

TEST_F(EvidenceStreamTest, EveryTruncationIsRejected) {
  const std::string sealed = Encrypt(key_, Pattern(200), 64);
  for (size_t n = 0; n < sealed.size(); ++n) {
    std::string back;
    auto r = Decrypt(key_, sealed.substr(0, n), &back);
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << "truncated to " << n;
  }
}

TEST_F(EvidenceStreamTest, DroppingTheFinalChunkAtABoundaryIsRejected) {
  // 128 bytes in 64-byte chunks -> chunks of 64, 64(FINAL). Cutting exactly after chunk 1 leaves a
  // well-formed but unfinished stream.
  const std::string sealed = Encrypt(key_, Pattern(128), 64);
  const size_t header = 8 + 4 + 24;
  std::string back;
  auto r = Decrypt(key_, sealed.substr(0, header + 64 + 17), &back);
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("truncated"), std::string::npos) << r.status().message();
}

TEST_F(EvidenceStreamTest, EveryFlippedByteIsRejected) {
  const std::string sealed = Encrypt(key_, Pattern(150), 64);
  for (size_t i = 0; i < sealed.size(); ++i) {
    std::string bad = sealed;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    std::string back;
    EXPECT_EQ(Decrypt(key_, bad, &back).status().code(), StatusCode::kDataLoss) << "byte " << i;
  }
}

TEST_F(EvidenceStreamTest, TrailingGarbageWrongKeyAndWrongIdRejected) {
  const std::string sealed = Encrypt(key_, Pattern(100), 64);
  std::string back;
  EXPECT_EQ(Decrypt(key_, sealed + "x", &back).status().code(), StatusCode::kDataLoss);
  auto other = std::move(NewDataKey()).value();
  EXPECT_EQ(Decrypt(other, sealed, &back).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Decrypt(key_, sealed, &back, "ev-2").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Decrypt(key_, "not an evidence file", &back).status().code(), StatusCode::kDataLoss);
}

TEST_F(EvidenceStreamTest, ReorderedChunksRejected) {
  const std::string sealed = Encrypt(key_, Pattern(64 * 3), 64);
  const size_t header = 8 + 4 + 24, c = 64 + 17;
  std::string swapped = sealed.substr(0, header) + sealed.substr(header + c, c) +
                        sealed.substr(header, c) + sealed.substr(header + 2 * c);
  std::string back;
  EXPECT_EQ(Decrypt(key_, swapped, &back).status().code(), StatusCode::kDataLoss);
}

TEST_F(EvidenceStreamTest, BadArguments) {
  std::istringstream in("x");
  std::ostringstream out;
  EXPECT_EQ(EncryptEvidence(key_, "", in, out).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(EncryptEvidence(key_, "ev", in, out, 0).status().code(), StatusCode::kInvalidArgument);
  auto short_key = std::move(SecretBytes::Random(16)).value();
  EXPECT_EQ(EncryptEvidence(short_key, "ev", in, out).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::crypto
