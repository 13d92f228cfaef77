// The recount command line. All logic lives in src/cli and below.
#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) { return recount::cli::RunCli(argc, argv, std::cout, std::cerr); }
