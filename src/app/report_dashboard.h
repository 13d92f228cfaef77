// Use case: the estimates dashboard of a store (`recount report`, and the web app's estimates
// page): gathers the dashboard model (report/dashboard_model.h, docs/report.md) from the store with
// the same use cases the other commands use (EstimateStore, CountActs, the review queue, audit
// verify), and renders it as one self-contained HTML file (report/html_page.h).
//
// Nothing here estimates, counts or verifies by itself: figures are exactly what `recount
// estimate --json`, `recount stats`, `recount review` and `recount audit verify` give for the
// same options. Identities are never read. Thread-safety: functions of their arguments and store.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/review_queue.h"
#include "base/result.h"
#include "crypto/signed_note.h"
#include "report/dashboard_model.h"
#include "stats/mse.h"
#include "storage/store.h"

namespace recount::app {

struct DashboardOptions {
  std::vector<stats::Method> methods;  // as `recount estimate --method`
  stats::MseOptions mse;
  std::vector<std::string> by = {"year", "place", "act"};  // breakdowns, in this order
  ReviewBand band;                                         // the review queue's uncertainty band
  bool verify_audit = true;  // false: report the log's size and checkpoint only
  // The log key to check checkpoints with (as AuditVerifyOptions), and how it was obtained.
  std::optional<crypto::NoteVerifier> log_key;
  std::string log_key_source;
  // The options as the user gave them, shown in the report so its figures can be reproduced.
  std::vector<std::pair<std::string, std::string>> settings;
  std::string generated_at;  // RFC 3339; "" = now
  // Asked between the estimates (overall, each breakdown, each stratum) and, through
  // stats::MseOptions::stop, before each log-linear model fit and bootstrap replicate; true
  // abandons the work with kFailedPrecondition (a server shutting down). Null: never.
  std::function<bool()> stop;
};

Result<report::DashboardInput> GatherDashboard(storage::Store& store,
                                               const DashboardOptions& options);

// The model as JSON text (report::DashboardModelJson of GatherDashboard).
Result<std::string> DashboardJson(storage::Store& store, const DashboardOptions& options);

// The self-contained HTML page for a model (JSON text), labels in `lang` ("en" or "ko"). Every
// script and the style are embedded (report/web_assets.h) and named by hash in the page's CSP.
std::string DashboardHtml(const std::string& model_json, const std::string& lang,
                          const std::string& title);

// Writes `contents` to `path` atomically: a temporary file beside it, then a rename, so readers
// see the old file or the whole new one. Errors name the path and what to do.
Status WriteFileAtomically(const std::string& path, std::string_view contents);
// The same checks and a trial write of the temporary file (removed again), so a command can
// refuse a bad path before long work.
Status CheckCanWrite(const std::string& path);

}  // namespace recount::app
