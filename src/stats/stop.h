// Stopping an estimation early (recount serve stopping while its dashboard worker computes):
// the options of the log-linear search, its bootstrap and MseOptions carry a hook that the
// estimation asks between units of work; once it returns true the work ends with
// EstimationStopped().
//
// Thread-safety: the hook may be called from several estimation threads at once.
#pragma once

#include <functional>

#include "base/status.h"

namespace recount::stats {

using StopHook = std::function<bool()>;

// True when `stop` is set and asks to stop.
inline bool StopRequested(const StopHook& stop) { return stop && stop(); }

// The error a stopped estimation returns.
inline Status EstimationStopped() { return FailedPrecondition("the estimation was stopped"); }

}  // namespace recount::stats
