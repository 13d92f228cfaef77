#include "crypto/checkpoint.h"

#include <charconv>

#include "crypto/encoding.h"

namespace recount::crypto {
namespace {

Status CheckLine(std::string_view line, const char* what) {
  if (line.empty()) return InvalidArgument(std::string("checkpoint ") + what + " is empty");
  for (char c : line) {
    if (static_cast<unsigned char>(c) < 0x20) {
      return InvalidArgument(std::string("checkpoint ") + what +
                             " contains a newline or control character");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> FormatCheckpoint(const Checkpoint& cp) {
  RETURN_IF_ERROR(CheckLine(cp.origin, "origin"));
  std::string text =
      cp.origin + "\n" + std::to_string(cp.tree_size) + "\n" + Base64Encode(cp.root_hash) + "\n";
  for (const std::string& ext : cp.extensions) {
    RETURN_IF_ERROR(CheckLine(ext, "extension line"));
    text += ext + "\n";
  }
  RETURN_IF_ERROR(ValidateNoteText(text));
  return text;
}

Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  RETURN_IF_ERROR(ValidateNoteText(text).WithContext("checkpoint"));
  std::vector<std::string_view> lines;
  for (std::string_view rest = text; !rest.empty();) {
    const size_t nl = rest.find('\n');
    lines.push_back(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
  }
  if (lines.size() < 3) {
    return InvalidArgument("checkpoint needs at least 3 lines (origin, size, root hash), got " +
                           std::to_string(lines.size()));
  }
  Checkpoint cp;
  RETURN_IF_ERROR(CheckLine(lines[0], "origin"));
  cp.origin = std::string(lines[0]);
  const std::string_view size = lines[1];
  const bool digits_only =
      !size.empty() && size.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits_only || (size.size() > 1 && size[0] == '0')) {
    return InvalidArgument("checkpoint line 2: tree size '" + std::string(size.substr(0, 30)) +
                           "' is not a decimal number without leading zeros");
  }
  auto [ptr, ec] = std::from_chars(size.data(), size.data() + size.size(), cp.tree_size);
  if (ec != std::errc() || ptr != size.data() + size.size()) {
    return InvalidArgument("checkpoint line 2: tree size is too large");
  }
  Result<Bytes> root = Base64Decode(lines[2]);
  if (!root.ok()) return root.status().WithContext("checkpoint line 3 (root hash)");
  ASSIGN_OR_RETURN(cp.root_hash, MerkleHashFromBytes(*root, "checkpoint line 3 (root hash)"));
  for (size_t i = 3; i < lines.size(); ++i) {
    RETURN_IF_ERROR(CheckLine(lines[i], "extension line"));
    cp.extensions.emplace_back(lines[i]);
  }
  return cp;
}

Result<std::string> SignCheckpoint(const Checkpoint& checkpoint, const NoteSigner& log_key) {
  ASSIGN_OR_RETURN(std::string text, FormatCheckpoint(checkpoint));
  const NoteSigner* signers[] = {&log_key};
  return SignNote(text, signers);
}

Result<VerifiedCheckpoint> OpenCheckpoint(std::string_view signed_note,
                                          const CheckpointPolicy& policy) {
  std::vector<NoteVerifier> known = {policy.log_key};
  known.insert(known.end(), policy.cosigners.begin(), policy.cosigners.end());
  ASSIGN_OR_RETURN(VerifiedNote note, OpenNote(signed_note, known));
  VerifiedCheckpoint out;
  bool log_signed = false;
  for (const NoteVerifier& v : note.signed_by) {
    if (v.name() == policy.log_key.name() && v.key_id() == policy.log_key.key_id()) {
      log_signed = true;
    } else {
      out.cosigned_by.push_back(v.name());
    }
  }
  if (!log_signed) {
    return Unauthenticated("checkpoint is not signed by the log key '" + policy.log_key.name() +
                           "'");
  }
  if (out.cosigned_by.size() < policy.required_cosigners) {
    return Unauthenticated("checkpoint has " + std::to_string(out.cosigned_by.size()) + " of the " +
                           std::to_string(policy.required_cosigners) + " required cosignatures");
  }
  ASSIGN_OR_RETURN(out.checkpoint, ParseCheckpoint(note.text));
  if (out.checkpoint.origin != policy.origin) {
    return Unauthenticated("checkpoint origin '" + out.checkpoint.origin +
                           "' is not the expected '" + policy.origin + "'");
  }
  return out;
}

}  // namespace recount::crypto
