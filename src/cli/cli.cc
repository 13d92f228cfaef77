#include "cli/cli.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/command.h"

namespace recount::cli {

void AddStoreOption(CLI::App& sub, CommandContext& ctx) {
  sub.add_option("--store", ctx.global.store,
                 "store to use (default: $RECOUNT_STORE, else ./recount.db)");
}

void AddJsonFlag(CLI::App& sub, CommandContext& ctx) {
  sub.add_flag("--json", ctx.global.json, "print machine-readable JSON on stdout");
}

std::string ResolveStorePath(const CommandContext& ctx) {
  if (!ctx.global.store.empty()) return ctx.global.store;
  if (const char* env = std::getenv("RECOUNT_STORE"); env != nullptr && *env != '\0') return env;
  return "recount.db";
}

namespace {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::vector<std::string> SuggestCommands(std::string_view typed) {
  std::vector<std::pair<size_t, std::string>> scored;
  for (const Command& c : Commands()) {
    size_t d = EditDistance(typed, c.name);
    bool prefix = typed.size() >= 2 && c.name.substr(0, typed.size()) == typed;
    if (d <= 2 || prefix) scored.emplace_back(prefix ? 0 : d, std::string(c.name));
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> names;
  for (auto& s : scored) names.push_back(std::move(s.second));
  return names;
}

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CommandContext ctx;
  ctx.out = &out;
  ctx.err = &err;
  ctx.err_is_terminal = (&err == &std::cerr) && isatty(STDERR_FILENO);

  CLI::App app{
      "recount: testimonies, record linkage and multiple systems estimation for human-rights "
      "documentation",
      "recount"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "recount 0.1.0");
  app.footer("Run 'recount <command> --help' for a command's options. Docs: README.md, docs/.");

  // Unknown first word: answer with a suggestion before CLI11 gets a chance to be terse.
  if (argc >= 2 && argv[1][0] != '-') {
    std::string_view typed = argv[1];
    bool known = false;
    for (const Command& c : Commands()) known = known || c.name == typed;
    if (!known) {
      err << "recount: '" << typed << "' is not a recount command.";
      auto suggestions = SuggestCommands(typed);
      if (!suggestions.empty()) {
        err << " Did you mean";
        for (size_t i = 0; i < suggestions.size() && i < 3; ++i) {
          err << (i == 0 ? " '" : " or '") << suggestions[i] << "'";
        }
        err << "?";
      }
      err << "\nRun 'recount --help' for the list of commands.\n";
      return ExitCodeFor(StatusCode::kInvalidArgument);
    }
  }

  Action chosen;
  for (const Command& c : Commands()) {
    CLI::App* sub = app.add_subcommand(std::string(c.name), std::string(c.summary));
    Action action = c.setup(*sub, ctx);
    sub->callback([&chosen, action] { chosen = action; });
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp& e) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion& e) {
    out << e.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    // Sub-command --help lands here too (as CallForHelp thrown from the subcommand).
    if (e.get_exit_code() == 0) {
      for (CLI::App* sub : app.get_subcommands()) {
        out << sub->help();
        return 0;
      }
      out << app.help();
      return 0;
    }
    err << "recount: " << e.what() << "\n";
    for (CLI::App* sub : app.get_subcommands()) {
      err << "Run 'recount " << sub->get_name() << " --help' for its options.\n";
      return ExitCodeFor(StatusCode::kInvalidArgument);
    }
    err << "Run 'recount --help' for the list of commands.\n";
    return ExitCodeFor(StatusCode::kInvalidArgument);
  }

  if (!chosen) {
    out << app.help();
    return ExitCodeFor(StatusCode::kInvalidArgument);
  }
  Status status;
  try {
    status = chosen();
  } catch (const std::exception& e) {
    status = Internal(std::string("unexpected exception: ") + e.what() +
                      " (this is a bug in recount; please report it)");
  }
  if (!status.ok()) {
    err << "recount: error: " << status.message() << "\n";
    return ExitCodeFor(status.code());
  }
  return 0;
}

}  // namespace recount::cli
