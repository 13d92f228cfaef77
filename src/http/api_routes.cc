// The API's route table: every endpoint, the permission it needs, its handler (docs/http-api.md,
// docs/openapi.yaml). Deny by default: each route names a permission unless it is public.
#include "http/api_handlers.h"
#include "http/router.h"

namespace recount::http {

const std::vector<Route>& RouteTable() {
  using P = app::Permission;
  static const std::vector<Route> kRoutes = {
      {"GET", "/api/health", std::nullopt, true, HandleHealth, "liveness"},
      {"POST", "/api/login", std::nullopt, true, HandleLogin, "sign in (password + TOTP)"},
      {"POST", "/api/logout", P::kReadRecords, false, HandleLogout, "sign out"},
      {"GET", "/api/session", P::kReadRecords, false, HandleSession,
       "the signed-in user, role, permissions and CSRF token"},
      {"GET", "/api/records", P::kReadRecords, false, HandleListRecords,
       "records, filtered; with q= searched by name or place"},
      {"POST", "/api/records", P::kWriteRecords, false, HandleIntake,
       "enter one testimony (the import's default-layout fields)"},
      {"GET", "/api/places", P::kReadRecords, false, HandlePlaces,
       "gazetteer places whose names start with or contain q (type-ahead)"},
      {"GET", "/api/vocabularies", P::kReadRecords, false, HandleVocabularies,
       "every controlled vocabulary's terms with English and Korean labels (form choices)"},
      {"GET", "/api/draft-key", P::kWriteRecords, false, HandleDraftKey,
       "the signed-in user's key for encrypting intake drafts in the browser"},
      {"GET", "/api/records/{id}", P::kReadRecords, false, HandleGetRecord,
       "one record (coded data, acts, narrative)"},
      {"GET", "/api/records/{id}/identity", P::kReadIdentities, false, HandleGetIdentity,
       "one record's identity (each read logged)"},
      {"GET", "/api/records/{id}/history", P::kReadRecords, false, HandleRecordHistory,
       "versions and log entries of one record"},
      {"GET", "/api/records/{id}/sharing", P::kReadRecords, false, HandleGetSharing,
       "whether one record is restricted, and to whom"},
      {"POST", "/api/records/{id}/sharing", P::kShareRecords, false, HandleChangeSharing,
       "restrict, unrestrict, share or unshare one record"},
      {"POST", "/api/records/{id}/attachments", P::kWriteRecords, false, HandleUploadAttachment,
       "attach a file (the body) to one record, encrypted", BodyKind::kUpload},
      {"GET", "/api/records/{id}/attachments/{attachment_id}", P::kReadIdentities, false,
       HandleDownloadAttachment, "one attached file, decrypted (each download logged)"},
      {"GET", "/api/stats", P::kViewEstimates, false, HandleStats,
       "documented counts by act, year, place, sex or source"},
      {"GET", "/api/dashboard", P::kViewEstimates, false, HandleDashboard,
       "the estimates dashboard model (as recount report --json)"},
      {"GET", "/api/review/queue", P::kReview, false, HandleReviewQueue,
       "pairs to review, most informative first"},
      {"GET", "/api/review/pair/{a}/{b}", P::kReview, false, HandleReviewPair,
       "two records side by side"},
      {"POST", "/api/review/decisions", P::kReview, false, HandleDecide,
       "accept, reject or undo a pair"},
      {"GET", "/api/audit", P::kViewAudit, false, HandleAudit,
       "log size, latest signed checkpoint"},
      {"GET", "/api/users", P::kManageUsers, false, HandleListUsers, "accounts"},
      {"POST", "/api/users", P::kManageUsers, false, HandleAddUser, "create an account"},
      {"POST", "/api/users/{name}", P::kManageUsers, false, HandleChangeUser,
       "change role, disable, enable"},
  };
  return kRoutes;
}

}  // namespace recount::http
