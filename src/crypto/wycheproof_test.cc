// Project Wycheproof vectors for the primitives recount relies on (see
// tests/data/wycheproof/README.md): valid vectors must encrypt/verify to exactly the expected
// output; invalid ones must be rejected. Runs the in-repo subsets always and the full shared files
// when /work/shared (RECOUNT_SHARED_DIR) is present.
#include <gtest/gtest.h>
#include <sodium.h>  // only for ChaCha20-Poly1305 IETF, which recount's API does not expose

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "crypto/aead.h"
#include "crypto/encoding.h"
#include "crypto/signed_note.h"
#include "crypto/sodium_init.h"
#include "crypto/test_support.h"

namespace recount::crypto {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path SubsetDir() { return testing::SourceDir() / "tests/data/wycheproof"; }
fs::path FullDir() { return testing::SharedDir() / "data/vectors/wycheproof/testvectors_v1"; }

Bytes Hex(const json& j, const char* field) {
  return HexDecode(j.at(field).get<std::string>()).value();
}

struct Counts {
  int valid = 0;
  int invalid = 0;
};

json Load(const fs::path& p) {
  const std::string text = testing::ReadFileOrEmpty(p);
  EXPECT_FALSE(text.empty()) << "missing " << p;
  return text.empty() ? json::object({{"testGroups", json::array()}}) : json::parse(text);
}

// XChaCha20-Poly1305 through recount's own wrappers (aead.h).
Counts RunXChaCha(const fs::path& file) {
  Counts c;
  const json doc = Load(file);
  for (const json& g : doc.at("testGroups")) {
    for (const json& t : g.at("tests")) {
      SCOPED_TRACE(file.filename().string() + " tcId " + std::to_string(t.at("tcId").get<int>()));
      const Bytes key = Hex(t, "key"), iv = Hex(t, "iv"), aad = Hex(t, "aad"), msg = Hex(t, "msg");
      Bytes ct_tag = Hex(t, "ct");
      const Bytes tag = Hex(t, "tag");
      ct_tag.insert(ct_tag.end(), tag.begin(), tag.end());
      auto dec = AeadDecryptWithNonce(key, iv, aad, ct_tag);
      if (t.at("result") == "valid") {
        ++c.valid;
        auto enc = AeadEncryptWithNonceForTesting(key, iv, aad, msg);
        EXPECT_TRUE(enc.ok() && HexEncode(*enc) == HexEncode(ct_tag))
            << (enc.ok() ? HexEncode(*enc) : enc.status().ToString());
        EXPECT_TRUE(dec.ok() && *dec == msg) << dec.status().ToString();
      } else {
        ++c.invalid;
        EXPECT_FALSE(dec.ok());
      }
    }
  }
  return c;
}

// ChaCha20-Poly1305 (RFC 8439), checked on libsodium directly: this is the cipher and MAC that
// secretstream (evidence_stream.h) is built from.
Counts RunChaCha(const fs::path& file) {
  Counts c;
  EXPECT_TRUE(EnsureCryptoInitialized().ok());
  const json doc = Load(file);
  for (const json& g : doc.at("testGroups")) {
    for (const json& t : g.at("tests")) {
      SCOPED_TRACE(file.filename().string() + " tcId " + std::to_string(t.at("tcId").get<int>()));
      const Bytes key = Hex(t, "key"), iv = Hex(t, "iv"), aad = Hex(t, "aad"), msg = Hex(t, "msg");
      Bytes ct_tag = Hex(t, "ct");
      const Bytes tag = Hex(t, "tag");
      ct_tag.insert(ct_tag.end(), tag.begin(), tag.end());
      const bool sizes_ok = key.size() == crypto_aead_chacha20poly1305_ietf_KEYBYTES &&
                            iv.size() == crypto_aead_chacha20poly1305_ietf_NPUBBYTES;
      Bytes out(ct_tag.size());
      unsigned long long len = 0;
      const bool opened = sizes_ok && ct_tag.size() >= 16 &&
                          crypto_aead_chacha20poly1305_ietf_decrypt(
                              out.data(), &len, nullptr, ct_tag.data(), ct_tag.size(), aad.data(),
                              aad.size(), iv.data(), key.data()) == 0;
      if (t.at("result") == "valid") {
        ++c.valid;
        EXPECT_TRUE(opened);
        if (!opened) continue;
        out.resize(len);
        EXPECT_EQ(out, msg);
        Bytes enc(msg.size() + 16);
        crypto_aead_chacha20poly1305_ietf_encrypt(enc.data(), &len, msg.data(), msg.size(),
                                                  aad.data(), aad.size(), nullptr, iv.data(),
                                                  key.data());
        EXPECT_EQ(HexEncode(enc), HexEncode(ct_tag));
      } else {
        ++c.invalid;
        EXPECT_FALSE(opened);
      }
    }
  }
  return c;
}

// Ed25519 verification through NoteVerifier (signed_note.h).
Counts RunEd25519(const fs::path& file) {
  Counts c;
  const json doc = Load(file);
  for (const json& g : doc.at("testGroups")) {
    const Bytes pk = HexDecode(g.at("publicKey").at("pk").get<std::string>()).value();
    auto verifier = NoteVerifier::FromPublicKey("wycheproof", pk);
    EXPECT_TRUE(verifier.ok());
    if (!verifier.ok()) continue;
    for (const json& t : g.at("tests")) {
      SCOPED_TRACE(file.filename().string() + " tcId " + std::to_string(t.at("tcId").get<int>()));
      const Bytes msg = Hex(t, "msg"), sig = Hex(t, "sig");
      const bool ok = verifier->Verify(AsString(msg), sig);
      if (t.at("result") == "valid") {
        ++c.valid;
        EXPECT_TRUE(ok);
      } else {
        ++c.invalid;
        EXPECT_FALSE(ok);
      }
    }
  }
  return c;
}

TEST(WycheproofTest, XChaCha20Poly1305Subset) {
  Counts c = RunXChaCha(SubsetDir() / "xchacha20_poly1305_subset.json");
  EXPECT_GE(c.valid, 10);
  EXPECT_GE(c.invalid, 60);
}

TEST(WycheproofTest, ChaCha20Poly1305Subset) {
  Counts c = RunChaCha(SubsetDir() / "chacha20_poly1305_subset.json");
  EXPECT_GE(c.valid, 10);
  EXPECT_GE(c.invalid, 60);
}

TEST(WycheproofTest, Ed25519Subset) {
  Counts c = RunEd25519(SubsetDir() / "ed25519_subset.json");
  EXPECT_GE(c.valid, 50);
  EXPECT_GE(c.invalid, 60);
}

TEST(WycheproofTest, FullSharedFiles) {
  if (!fs::exists(FullDir())) GTEST_SKIP() << "shared vectors not present at " << FullDir();
  Counts x = RunXChaCha(FullDir() / "xchacha20_poly1305_test.json");
  Counts y = RunChaCha(FullDir() / "chacha20_poly1305_test.json");
  Counts e = RunEd25519(FullDir() / "ed25519_test.json");
  // numberOfTests in the files: 315, 325 and 151.
  EXPECT_EQ(x.valid + x.invalid, 315);
  EXPECT_EQ(y.valid + y.invalid, 325);
  EXPECT_EQ(e.valid + e.invalid, 151);
}

}  // namespace
}  // namespace recount::crypto
