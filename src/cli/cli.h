// Entry point of the recount command line: parses argv against the command table and runs one
// command. Returns the process exit code (docs/exit-codes.md).
#pragma once

#include <iosfwd>

namespace recount::cli {

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace recount::cli
