#include "cli/commands.h"

namespace recount::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      SimulateCommand(),
      EstimateCommand(),
  };
  return kCommands;
}

}  // namespace recount::cli
