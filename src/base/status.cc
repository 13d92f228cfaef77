#include "base/status.h"

#include <array>

namespace recount {
namespace {

struct CodeRow {
  StatusCode code;
  std::string_view name;
  int exit_code;    // CLI; documented in docs/exit-codes.md
  int http_status;  // API; documented in docs/http-api.md
};

// The one table mapping codes to names, exit codes and HTTP statuses.
constexpr std::array<CodeRow, 13> kCodes = {{
    {StatusCode::kOk, "ok", 0, 200},
    {StatusCode::kInvalidArgument, "invalid argument", 2, 400},
    {StatusCode::kNotFound, "not found", 3, 404},
    {StatusCode::kAlreadyExists, "already exists", 4, 409},
    {StatusCode::kFailedPrecondition, "failed precondition", 5, 412},
    {StatusCode::kConflict, "conflict", 6, 409},
    {StatusCode::kPermissionDenied, "permission denied", 7, 403},
    {StatusCode::kUnauthenticated, "unauthenticated", 8, 401},
    {StatusCode::kDataLoss, "data loss or tampering", 9, 500},
    {StatusCode::kResourceExhausted, "resource exhausted", 10, 413},
    {StatusCode::kIoError, "i/o error", 11, 500},
    {StatusCode::kUnimplemented, "unimplemented", 12, 501},
    {StatusCode::kInternal, "internal error", 70, 500},
}};

const CodeRow& Row(StatusCode code) {
  for (const CodeRow& row : kCodes) {
    if (row.code == code) return row;
  }
  return kCodes.back();
}

}  // namespace

Status::Status(StatusCode code, std::string message) {
  if (code != StatusCode::kOk) {
    rep_ = std::make_shared<const Rep>(Rep{code, std::move(message)});
  }
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code())) + ": " + message();
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(code(), std::string(context) + ": " + message());
}

std::string_view StatusCodeName(StatusCode code) { return Row(code).name; }
int ExitCodeFor(StatusCode code) { return Row(code).exit_code; }
int HttpStatusFor(StatusCode code) { return Row(code).http_status; }

Status InvalidArgument(std::string m) { return Status(StatusCode::kInvalidArgument, std::move(m)); }
Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
Status AlreadyExists(std::string m) { return Status(StatusCode::kAlreadyExists, std::move(m)); }
Status FailedPrecondition(std::string m) {
  return Status(StatusCode::kFailedPrecondition, std::move(m));
}
Status Conflict(std::string m) { return Status(StatusCode::kConflict, std::move(m)); }
Status PermissionDenied(std::string m) {
  return Status(StatusCode::kPermissionDenied, std::move(m));
}
Status Unauthenticated(std::string m) { return Status(StatusCode::kUnauthenticated, std::move(m)); }
Status DataLoss(std::string m) { return Status(StatusCode::kDataLoss, std::move(m)); }
Status ResourceExhausted(std::string m) {
  return Status(StatusCode::kResourceExhausted, std::move(m));
}
Status IoError(std::string m) { return Status(StatusCode::kIoError, std::move(m)); }
Status Unimplemented(std::string m) { return Status(StatusCode::kUnimplemented, std::move(m)); }
Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

}  // namespace recount
