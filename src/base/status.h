// Status: the outcome of an operation that can fail, as a code plus a human message.
//
// Contract: every function that can fail on user input, I/O or data returns Status or Result<T>
// (result.h); no exception crosses a part's boundary. Messages say what was wrong, where (file:line,
// field, record id) and what to do about it. Status is cheap to copy when ok (no allocation).
// The mapping of codes to CLI exit codes and HTTP statuses lives in one table (status.cc) and is
// documented in docs/exit-codes.md.
//
// Thread-safety: a Status is a value; distinct objects may be used from different threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace recount {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument,     // the user's input (command line, file, field) is wrong
  kNotFound,            // a named thing (record, file, store) does not exist
  kAlreadyExists,       // creating something that is already there
  kFailedPrecondition,  // the system is not in a state that allows this (store too new, locked)
  kConflict,            // a concurrent or stale change was refused (record version mismatch)
  kPermissionDenied,    // the caller may not do this
  kUnauthenticated,     // wrong passphrase, key or credentials
  kDataLoss,            // stored data is damaged or was tampered with
  kResourceExhausted,   // a limit was hit (size, count, memory)
  kIoError,             // the operating system refused a read or write
  kUnimplemented,       // the operation is not available in this build
  kInternal,            // a bug in recount: please report it
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message);

  static Status Ok() { return Status(); }

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  const std::string& message() const;

  // "invalid argument: <message>" or "ok".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>"; ok stays ok.
  Status WithContext(std::string_view context) const;

  // Explicitly drops a Status where ignoring it is the documented intent.
  void IgnoreError() const {}

 private:
  struct Rep {
    StatusCode code;
    std::string message;
  };
  std::shared_ptr<const Rep> rep_;  // shared: Status is copied often, message never mutated
};

Status InvalidArgument(std::string message);
Status NotFound(std::string message);
Status AlreadyExists(std::string message);
Status FailedPrecondition(std::string message);
Status Conflict(std::string message);
Status PermissionDenied(std::string message);
Status Unauthenticated(std::string message);
Status DataLoss(std::string message);
Status ResourceExhausted(std::string message);
Status IoError(std::string message);
Status Unimplemented(std::string message);
Status Internal(std::string message);

// Short lower-case name of a code, e.g. "invalid argument".
std::string_view StatusCodeName(StatusCode code);

// Process exit code for the CLI (documented in docs/exit-codes.md). 0 only for kOk.
int ExitCodeFor(StatusCode code);

// HTTP status for the API.
int HttpStatusFor(StatusCode code);

}  // namespace recount

#define RECOUNT_CONCAT_INNER_(a, b) a##b
#define RECOUNT_CONCAT_(a, b) RECOUNT_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` (a Status) is not ok.
#define RETURN_IF_ERROR(expr)                              \
  do {                                                     \
    ::recount::Status recount_status_ = (expr);            \
    if (!recount_status_.ok()) return recount_status_;     \
  } while (0)
