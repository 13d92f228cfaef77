// Where the source tree is, for what reads files shipped with the sources (data/, tests/data/,
// docs/): tests, benchmarks and the default data folder of a binary run from its build tree.
//
// Only source_dir.cc has the path compiled in (src/base/CMakeLists.txt), so no other object
// file depends on where the tree was checked out (ccache hits across checkouts).
//
// Thread-safety: safe to call from any thread.
#pragma once

#include <string>

namespace recount {

// The path CMake compiled in: the tree this binary was built from.
const std::string& CompiledSourceDir();

// $RECOUNT_SOURCE_DIR when set and non-empty (CTest sets it for every test), else
// CompiledSourceDir(). For tests and benchmarks.
std::string SourceDir();

}  // namespace recount
