// One-time initialisation of the cryptographic library used by recount::crypto.
//
// Contract: every public entry point of recount::crypto that needs the library calls
// EnsureCryptoInitialized() first, so callers never have to; calling it explicitly at program start
// (for an early, clear error) is allowed. It is idempotent and thread-safe: the first call does the
// work (C++ static initialisation), later calls only read the stored outcome.
// Errors: kInternal if the library cannot initialise (e.g. no usable random source), with a message
// naming the cause; the outcome is sticky for the life of the process.
#pragma once

#include "base/status.h"

namespace recount::crypto {

Status EnsureCryptoInitialized();

}  // namespace recount::crypto
