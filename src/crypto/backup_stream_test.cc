#include "crypto/backup_stream.h"

#include <gtest/gtest.h>

#include <sstream>

#include "crypto/test_support.h"

namespace recount::crypto {
namespace {

std::string Encrypt(const SecretBytes& key, std::string_view header, std::string_view plain) {
  std::ostringstream out;
  auto w = std::move(BackupWriter::Begin(key, header, out).value());
  // Uneven writes, to cross chunk boundaries inside a write.
  for (size_t at = 0; at < plain.size(); at += 100'003) {
    EXPECT_TRUE(w->Write(plain.substr(at, 100'003)).ok());
  }
  EXPECT_TRUE(w->Finish().ok());
  return out.str();
}

// Decrypts `file` whole: the plaintext, or the error.
Result<std::string> Decrypt(const SecretBytes& key, const std::string& file) {
  std::istringstream in(file);
  ASSIGN_OR_RETURN(std::string header, ReadBackupHeader(in));
  ASSIGN_OR_RETURN(auto r, BackupReader::Begin(key, header, in));
  std::string out;
  char buf[70'000];
  for (;;) {
    ASSIGN_OR_RETURN(size_t n, r->Read(buf, sizeof buf));
    if (n == 0) break;
    out.append(buf, n);
  }
  return out;
}

std::string Plain(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131) ^ (i >> 9));
  return s;
}

TEST(BackupStreamTest, RoundTripsAcrossChunks) {
  const SecretBytes key = testing::TestKey(1);
  for (size_t n : {size_t{0}, size_t{1}, kBackupChunkSize, 2 * kBackupChunkSize + 12345}) {
    const std::string plain = Plain(n);
    auto got = Decrypt(key, Encrypt(key, "{\"h\":1}", plain));
    ASSERT_TRUE(got.ok()) << n << ": " << got.status().ToString();
    EXPECT_EQ(*got, plain) << n;
  }
}

TEST(BackupStreamTest, RefusesEveryTruncationFlipExtensionAndWrongKey) {
  const SecretBytes key = testing::TestKey(1);
  const std::string plain = Plain(2 * kBackupChunkSize + 500);
  const std::string file = Encrypt(key, "header", plain);
  const size_t chunk = 4 + kBackupChunkSize + 17;
  const size_t body = file.size() - 2 * chunk - (4 + 500 + 17);  // where the chunks begin
  // Truncation at chunk boundaries, inside chunks, inside the header, and of one byte.
  for (size_t len : {size_t{0}, size_t{10}, body - 1, body, body + 3, body + chunk,
                     body + 2 * chunk, body + chunk + 1000, file.size() - 1}) {
    auto got = Decrypt(key, file.substr(0, len));
    EXPECT_FALSE(got.ok()) << "truncated to " << len;
  }
  // A flipped bit in the header, in each chunk's length and body.
  for (size_t at : {size_t{15}, body - 5, body + 2, body + 100, body + chunk + 7,
                    file.size() - 3}) {
    std::string bad = file;
    bad[at] ^= 0x01;
    EXPECT_FALSE(Decrypt(key, bad).ok()) << "flip at " << at;
  }
  EXPECT_EQ(Decrypt(key, file + "x").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Decrypt(testing::TestKey(2), file).status().code(), StatusCode::kDataLoss);
  // Chunks swapped.
  std::string swapped = file.substr(0, body) + file.substr(body + chunk, chunk) +
                        file.substr(body, chunk) + file.substr(body + 2 * chunk);
  EXPECT_FALSE(Decrypt(key, swapped).ok());
  EXPECT_EQ(Decrypt(key, "not a backup at all").status().code(), StatusCode::kInvalidArgument);
}

TEST(BackupStreamTest, KeyIsDerivedFromTheMasterKey) {
  auto a = DeriveBackupKey(testing::TestKey(1));
  auto b = DeriveBackupKey(testing::TestKey(1));
  auto c = DeriveBackupKey(testing::TestKey(2));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_TRUE(a->Equals(*b));
  EXPECT_FALSE(a->Equals(*c));
  EXPECT_FALSE(a->Equals(testing::TestKey(1)));
}

}  // namespace
}  // namespace recount::crypto
