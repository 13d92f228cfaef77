// Log checkpoints in the C2SP tlog-checkpoint format (https://c2sp.org/tlog-checkpoint): the note
// text of a signed note (signed_note.h) committing to the RFC 9162 Merkle tree head of recount's
// audit log:
//
//   <origin>\n                e.g. "recount.example-ngo.org/log/2026"
//   <tree size>\n             decimal, no leading zeros ("0" for the empty tree)
//   <base64 root hash>\n      32-byte RFC 9162 root
//   [<extension line>\n]...   optional, non-empty, opaque (discouraged by the spec)
//
// The log signs with its key, named like the origin; partner organisations cosign by adding their
// own Ed25519 note signature (CosignNote). Verifying a checkpoint = OpenCheckpoint with a policy
// naming the log key and which cosigners are required. Consistency between two verified
// checkpoints is then checked with VerifyMerkleConsistency (merkle_verify.h).
//
// Note: CheckpointPolicy counts plain Ed25519 note cosignatures (type 0x01, CosignNote). Timestamped
// witness cosignatures (c2sp.org/tlog-cosignature, type 0x04) are made and checked with
// cosignature.h (VerifyCosignatures); OpenCheckpoint ignores those lines.
// Errors: kInvalidArgument (malformed text), kUnauthenticated (required signature missing, wrong
// origin), kDataLoss (a known key's signature fails: altered). Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "crypto/merkle_hash.h"
#include "crypto/signed_note.h"

namespace recount::crypto {

struct Checkpoint {
  std::string origin;
  uint64_t tree_size = 0;
  MerkleHash root_hash{};
  std::vector<std::string> extensions;
};

// The note text of a checkpoint; kInvalidArgument if the origin or an extension line is empty,
// contains a newline or a control character.
Result<std::string> FormatCheckpoint(const Checkpoint& checkpoint);
Result<Checkpoint> ParseCheckpoint(std::string_view note_text);

// Formats and signs with the log key (whose name should equal the origin).
Result<std::string> SignCheckpoint(const Checkpoint& checkpoint, const NoteSigner& log_key);

struct CheckpointPolicy {
  std::string origin;                   // the origin line must equal this
  NoteVerifier log_key;                 // must have signed
  std::vector<NoteVerifier> cosigners;  // partner keys we know
  size_t required_cosigners = 0;        // how many of them must have signed
};

struct VerifiedCheckpoint {
  Checkpoint checkpoint;
  std::vector<std::string> cosigned_by;  // names of known cosigners whose signatures verified
};

Result<VerifiedCheckpoint> OpenCheckpoint(std::string_view signed_note,
                                          const CheckpointPolicy& policy);

}  // namespace recount::crypto
