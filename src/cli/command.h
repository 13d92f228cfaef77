// The command table: every `recount <command>` is one Command, defined in its own cmd_<name>.cc
// and listed once in commands.cc.
//
// A Command adds its options and flags to a CLI11 subcommand and returns the action to run after
// parsing. Actions return Status; RunCli (cli.h) turns a non-ok Status into a message on stderr and
// the exit code from the table in base/status.cc. Commands print results to ctx.out and progress and
// diagnostics to ctx.err, so tests can capture both.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace recount::cli {

// Options shared by every command.
struct GlobalOptions {
  std::string store;  // --store, else $RECOUNT_STORE, else ./recount.db
  bool json = false;  // --json: machine-readable output on stdout
  bool quiet = false;
};

struct CommandContext {
  GlobalOptions global;
  std::ostream* out;
  std::ostream* err;
  bool err_is_terminal = false;  // progress bars only on a terminal
};

using Action = std::function<Status()>;

struct Command {
  std::string_view name;
  std::string_view summary;
  // Declares the command's options on `sub`; the returned action runs after a successful parse.
  std::function<Action(CLI::App& sub, CommandContext& ctx)> setup;
};

// Every command, in the order `recount --help` lists them.
const std::vector<Command>& Commands();

// Adds --store and --json to a subcommand that uses them.
void AddStoreOption(CLI::App& sub, CommandContext& ctx);
void AddJsonFlag(CLI::App& sub, CommandContext& ctx);

// The store location after flags and environment: --store, $RECOUNT_STORE, ./recount.db.
std::string ResolveStorePath(const CommandContext& ctx);

// The closest command names to `typed` (edit distance <= 2 or a shared prefix), best first.
std::vector<std::string> SuggestCommands(std::string_view typed);

}  // namespace recount::cli
