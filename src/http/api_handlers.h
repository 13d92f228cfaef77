// The API's handlers, one function per route (the table is api_routes.cc). Each parses its
// input, calls one use case in src/app and encodes the result; none checks permissions (the
// router has done so before it runs).
#pragma once

#include "http/api_context.h"
#include "http/router.h"

namespace recount::http {

// api_session.cc
Result<Response> HandleHealth(Call& call);
Result<Response> HandleLogin(Call& call);
Result<Response> HandleLogout(Call& call);
Result<Response> HandleSession(Call& call);
// api_records.cc
Result<Response> HandleListRecords(Call& call);
Result<Response> HandleGetRecord(Call& call);
Result<Response> HandleGetIdentity(Call& call);
Result<Response> HandleRecordHistory(Call& call);
Result<Response> HandleStats(Call& call);
Result<Response> HandleGetSharing(Call& call);
Result<Response> HandleChangeSharing(Call& call);
// api_review.cc
Result<Response> HandleReviewQueue(Call& call);
Result<Response> HandleReviewPair(Call& call);
Result<Response> HandleDecide(Call& call);
// api_intake.cc
Result<Response> HandleIntake(Call& call);
Result<Response> HandlePlaces(Call& call);
Result<Response> HandleVocabularies(Call& call);
Result<Response> HandleDraftKey(Call& call);
// api_attachments.cc
Result<Response> HandleUploadAttachment(Call& call);
Result<Response> HandleDownloadAttachment(Call& call);
// api_dashboard.cc
Result<Response> HandleDashboard(Call& call);
// api_admin.cc
Result<Response> HandleAudit(Call& call);
Result<Response> HandleListUsers(Call& call);
Result<Response> HandleAddUser(Call& call);
Result<Response> HandleChangeUser(Call& call);

}  // namespace recount::http
