#include "crypto/signed_note.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace recount::crypto {
namespace {

NoteSigner Gen(std::string_view name) { return std::move(NoteSigner::Generate(name)).value(); }

// Published example of the Go sumdb/note package documentation (golang.org/x/mod/sumdb/note),
// reused by other signed-note implementations: a fixed key and the exact expected signed note.
// Ed25519 is deterministic, so our output must match byte for byte.
constexpr std::string_view kPeterSkey =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr std::string_view kPeterVkey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr std::string_view kPeterText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr std::string_view kPeterSigned =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
    "\n"
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

TEST(SignedNoteTest, KnownAnswerFromPublishedExample) {
  auto signer = NoteSigner::FromSkey(kPeterSkey);
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ(signer->key_id(), 0xc74f20a3u);
  EXPECT_EQ(signer->verifier().Vkey(), kPeterVkey);
  const NoteSigner* signers[] = {&*signer};
  auto signed_note = SignNote(kPeterText, signers);
  ASSERT_TRUE(signed_note.ok());
  EXPECT_EQ(*signed_note, kPeterSigned);
  auto skey = signer->Skey();
  ASSERT_TRUE(skey.ok());
  EXPECT_EQ(AsString(skey->span()), kPeterSkey);

  auto verifier = NoteVerifier::FromVkey(kPeterVkey);
  ASSERT_TRUE(verifier.ok()) << verifier.status().ToString();
  const NoteVerifier known[] = {*verifier};
  auto opened = OpenNote(kPeterSigned, known);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->text, kPeterText);
  ASSERT_EQ(opened->signed_by.size(), 1u);
  EXPECT_EQ(opened->signed_by[0].name(), "PeterNeumann");
}

TEST(SignedNoteTest, AlteredTextOrSignatureRejected) {
  auto verifier = *NoteVerifier::FromVkey(kPeterVkey);
  const NoteVerifier known[] = {verifier};
  std::string altered(kPeterSigned);
  altered[3] = 'U';  // "If yOu" -> "If yUu"
  EXPECT_EQ(OpenNote(altered, known).status().code(), StatusCode::kDataLoss);
  std::string bad_sig(kPeterSigned);
  bad_sig[bad_sig.size() - 10] = bad_sig[bad_sig.size() - 10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(OpenNote(bad_sig, known).ok());
}

TEST(SignedNoteTest, UnknownKeysIgnoredNameOrIdMismatchIgnored) {
  auto log = Gen("recount.example/log");
  auto other = Gen("recount.example/log");  // same name, different key id
  const NoteSigner* signers[] = {&log};
  const std::string note = *SignNote("hello\n", signers);
  const NoteVerifier only_other[] = {other.verifier()};
  EXPECT_EQ(OpenNote(note, only_other).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(OpenNote(note, {}).status().code(), StatusCode::kUnauthenticated);
  const NoteVerifier both[] = {other.verifier(), log.verifier()};
  auto opened = OpenNote(note, both);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->signed_by.size(), 1u);
}

TEST(SignedNoteTest, CosigningByPartner) {
  auto log = Gen("recount.example/log");
  auto partner = Gen("partner.example/witness");
  const NoteSigner* signers[] = {&log};
  const std::string note = *SignNote("tree\n", signers);
  auto cosigned = CosignNote(note, partner);
  ASSERT_TRUE(cosigned.ok());
  EXPECT_EQ(CosignNote(*cosigned, partner).status().code(), StatusCode::kAlreadyExists);
  const NoteVerifier known[] = {log.verifier(), partner.verifier()};
  auto opened = OpenNote(*cosigned, known);
  ASSERT_TRUE(opened.ok());
  ASSERT_EQ(opened->signed_by.size(), 2u);
  EXPECT_EQ(opened->signed_by[1].name(), "partner.example/witness");
  // Verifiers who only know the log key still accept it (unknown signatures are ignored).
  const NoteVerifier log_only[] = {log.verifier()};
  EXPECT_TRUE(OpenNote(*cosigned, log_only).ok());
}

TEST(SignedNoteTest, SyntaxErrors) {
  auto log = Gen("k");
  const NoteVerifier known[] = {log.verifier()};
  const std::string line = *log.SignatureLine("a\n");
  const std::string hyphen_line = "-" + line.substr(3);
  for (const std::string& bad : std::vector<std::string>{
           "",                                         // empty
           "a\n",                                      // no signatures
           "a\n\n",                                    // blank line, no signature lines
           "a\n" + line,                               // no blank line
           "a\n\n" + hyphen_line,                      // hyphen instead of em dash
           "a\n\n" + line.substr(0, line.size() - 1),  // no final newline
           "a\tb\n\n" + line,                          // control character
           "a\xff\n\n" + line,                         // invalid UTF-8
           "a\n\n\xE2\x80\x94 k\n",                    // no signature field
           "a\n\n\xE2\x80\x94 k AAAA\n",               // signature too short
           "a\n\n\xE2\x80\x94 k+x AAAAAAAA\n",         // '+' in key name
       }) {
    auto r = OpenNote(bad, known);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().code(), StatusCode::kOk);
  }
  std::string many = "a\n\n";
  for (int i = 0; i < 101; ++i) many += line;
  EXPECT_EQ(ParseNote(many).status().code(), StatusCode::kInvalidArgument);
}

TEST(SignedNoteTest, TextMayContainBlankLines) {
  auto log = Gen("k");
  const NoteSigner* signers[] = {&log};
  const std::string note = *SignNote("para 1\n\npara 2\n", signers);
  const NoteVerifier known[] = {log.verifier()};
  auto opened = OpenNote(note, known);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->text, "para 1\n\npara 2\n");
}

TEST(SignedNoteTest, KeyEncodings) {
  auto s = Gen("org.example/log");
  auto skey = s.Skey();
  ASSERT_TRUE(skey.ok());
  auto again = NoteSigner::FromSkey(AsString(skey->span()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->verifier().Vkey(), s.verifier().Vkey());
  auto v = NoteVerifier::FromVkey(s.verifier().Vkey());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->public_key(), s.verifier().public_key());
  // Wrong key id, wrong type byte, extra '+', bad names.
  std::string vk = s.verifier().Vkey();
  std::string wrong_id = vk;
  wrong_id[vk.find('+') + 1] = wrong_id[vk.find('+') + 1] == '0' ? '1' : '0';
  EXPECT_EQ(NoteVerifier::FromVkey(wrong_id).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(NoteVerifier::FromVkey("a+b").ok());
  EXPECT_FALSE(NoteVerifier::FromVkey(vk + "+x").ok());  // not base64 any more
  EXPECT_FALSE(
      NoteVerifier::FromVkey("PeterNeumann+c74f20a3+AhpcQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
          .ok());
  EXPECT_FALSE(NoteSigner::FromSkey(kPeterVkey).ok());
  EXPECT_FALSE(NoteSigner::Generate("has space").ok());
  EXPECT_FALSE(NoteSigner::Generate("nb\xC2\xA0space").ok());  // U+00A0
  EXPECT_FALSE(NoteSigner::Generate("").ok());
  EXPECT_TRUE(NoteSigner::Generate("기록.example/log").ok());
}

}  // namespace
}  // namespace recount::crypto

namespace recount::crypto {
namespace {

TEST(NoteSignerDeriveTest, SameParentSameKeyOtherParentOtherKey) {
  Result<SecretBytes> parent = SecretBytes::Random(32);
  Result<SecretBytes> other = SecretBytes::Random(32);
  ASSERT_TRUE(parent.ok() && other.ok());
  Result<NoteSigner> a = NoteSigner::DeriveFromKey("log.example", *parent, "rclogsig");
  Result<NoteSigner> b = NoteSigner::DeriveFromKey("log.example", *parent, "rclogsig");
  Result<NoteSigner> c = NoteSigner::DeriveFromKey("log.example", *other, "rclogsig");
  Result<NoteSigner> d = NoteSigner::DeriveFromKey("log.example", *parent, "othrctx1");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok() && d.ok());
  EXPECT_EQ(a->verifier().Vkey(), b->verifier().Vkey());
  EXPECT_NE(a->verifier().Vkey(), c->verifier().Vkey());
  EXPECT_NE(a->verifier().Vkey(), d->verifier().Vkey());
  Result<std::string> line = a->SignatureLine("hello\n");
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(NoteSigner::DeriveFromKey("log.example", *parent, "short").status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::crypto
