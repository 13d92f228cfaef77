// libFuzzer target for every parser in recount::crypto that reads untrusted bytes: signed notes
// and checkpoints and cosignatures (from partners and courts), vkeys/skeys, base64/hex, keyfiles
// and encrypted evidence streams (from a possibly doctored disk). Property: no crash, no hang, no
// sanitizer report; errors are Statuses.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "crypto/checkpoint.h"
#include "crypto/cosignature.h"
#include "crypto/encoding.h"
#include "crypto/evidence_stream.h"
#include "crypto/key_ring.h"
#include "crypto/signed_note.h"

using namespace recount::crypto;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ByteSpan bytes(data, size);

  static const NoteSigner* signer = [] {
    auto s = NoteSigner::Generate("fuzz.example/log");
    return new NoteSigner(std::move(s).value());  // leaked on purpose: lives for the process
  }();
  static const SecretBytes* evidence_key = [] {
    return new SecretBytes(std::move(SecretBytes::Random(32)).value());
  }();

  (void)ParseNote(text);
  const NoteVerifier known[] = {signer->verifier()};
  (void)OpenNote(text, known);
  (void)ParseCheckpoint(text);
  CheckpointPolicy policy{"fuzz.example/log", signer->verifier(), {}, 0};
  (void)OpenCheckpoint(text, policy);
  static const Cosigner* cosigner = [] {
    return new Cosigner(std::move(Cosigner::Generate("fuzz.example/witness")).value());
  }();
  const CosignatureVerifier witnesses[] = {cosigner->verifier()};
  (void)VerifyCosignatures(text, witnesses);
  (void)CosignatureVerifier::FromVkey(text);
  (void)NoteVerifier::FromVkey(text);
  (void)NoteSigner::FromSkey(text);
  (void)Base64Decode(text);
  (void)HexDecode(text);
  (void)KeyRing::Parse(bytes);  // never unlocks (Argon2 would make the fuzzer too slow)

  std::istringstream in{std::string(text)};
  std::ostringstream out;
  (void)DecryptEvidence(*evidence_key, "fuzz", in, out);
  return 0;
}
