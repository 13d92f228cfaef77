// Attachment endpoints: upload a file to a record and download it (docs/http-api.md,
// "Attachments"), over app/evidence_files.h, the use case `recount attach` and `recount
// attachment get` use. The handlers only read the request's shape (file name header, media
// type) and encode the answer; the record access check is app/record_access.h.
#include <nlohmann/json.hpp>

#include "app/evidence_files.h"
#include "app/record_access.h"
#include "base/utf8.h"
#include "http/api_handlers.h"

namespace recount::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A header holding percent-encoded UTF-8 (encodeURIComponent in the browser); "" when absent.
Result<std::string> PercentDecodedHeader(const Request& r, const char* lower_name,
                                         const char* display_name) {
  const std::string* raw = r.Header(lower_name);
  if (raw == nullptr) return std::string();
  std::string out;
  for (size_t i = 0; i < raw->size(); ++i) {
    if ((*raw)[i] != '%') {
      out += (*raw)[i];
      continue;
    }
    int hi = i + 2 < raw->size() ? HexValue((*raw)[i + 1]) : -1;
    int lo = i + 2 < raw->size() ? HexValue((*raw)[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return InvalidArgument(std::string(display_name) +
                             ": '%' must be followed by two hex digits");
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  if (!IsValidUtf8(out)) return InvalidArgument(std::string(display_name) + " is not valid UTF-8");
  return out;
}

// The body's media type, without parameters, lower case; guessed from the name when the browser
// sent none (or only application/octet-stream), then checked against the allow-list.
Result<std::string> MediaTypeOf(const Request& r, const std::string& file_name) {
  std::string type;
  if (const std::string* ct = r.Header("content-type")) type = ct->substr(0, ct->find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.empty() || type == "application/octet-stream") type = app::GuessMediaType(file_name);
  if (!app::IsAllowedUploadMediaType(type)) {
    return InvalidArgument("files of type '" + type + "' cannot be attached here; allowed: PDF, "
                           "plain text, images (JPEG, PNG, GIF, TIFF, HEIC, WebP), audio (MP3, "
                           "M4A, WAV, Ogg, Opus, WebM, AAC, FLAC) and video (MP4, WebM)");
  }
  return type;
}

// Content-Disposition for a download (RFC 6266): an ASCII fallback name and the UTF-8 name in
// filename* (RFC 8187), so Korean names survive and nothing in the name can break the header.
std::string ContentDisposition(const std::string& name) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    // One '_' per character the fallback cannot carry (UTF-8 continuation bytes add none).
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';') {
      ascii += static_cast<char>(c);
    } else if ((c & 0xC0) != 0x80) {
      ascii += '_';
    }
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

Result<Response> HandleUploadAttachment(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, IdParam(call, "id"));
  RETURN_IF_ERROR(app::CheckRecordVisible(call.store(), call.viewer(), id));
  app::AttachBytesRequest req;
  req.record = id;
  ASSIGN_OR_RETURN(req.file_name,
                   PercentDecodedHeader(call.request, "x-recount-file-name", "X-Recount-File-Name"));
  if (req.file_name.empty()) {
    return InvalidArgument("the file name is missing: send it percent-encoded (UTF-8) in the "
                           "X-Recount-File-Name header");
  }
  ASSIGN_OR_RETURN(req.media_type, MediaTypeOf(call.request, req.file_name));
  ASSIGN_OR_RETURN(req.source_note, PercentDecodedHeader(call.request, "x-recount-source-note",
                                                         "X-Recount-Source-Note"));
  ASSIGN_OR_RETURN(storage::EvidenceFile f, app::AttachEvidenceBytes(call.store(),
                                                                     call.keys.master_key, req,
                                                                     call.request.body));
  nlohmann::json out = {{"id", f.id},
                        {"record", f.record},
                        {"file_name", f.file_name},
                        {"media_type", f.media_type},
                        {"size", f.size},
                        {"sha256", f.plaintext_sha256},
                        {"attached_by", f.actor},
                        {"attached_at", f.attached_at}};
  return JsonResponse(201, out.dump());
}

Result<Response> HandleDownloadAttachment(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, IdParam(call, "id"));
  ASSIGN_OR_RETURN(int64_t attachment, IdParam(call, "attachment_id"));
  RETURN_IF_ERROR(app::CheckRecordVisible(call.store(), call.viewer(), id));
  ASSIGN_OR_RETURN(app::OpenedEvidence e, app::ReadEvidenceLogged(call.store(),
                                                                  call.keys.master_key, id,
                                                                  attachment, "web"));
  Response r;
  r.status = 200;
  // A type the upload allow-list does not know (attached on the command line) goes out as
  // bytes; with the sandbox and nosniff nothing in the file runs in this origin either way.
  r.content_type = app::IsAllowedUploadMediaType(e.file.media_type) ? e.file.media_type
                                                                    : "application/octet-stream";
  r.body = std::move(e.bytes);
  r.headers.push_back({"Content-Disposition", ContentDisposition(e.file.file_name)});
  r.headers.push_back({"Cache-Control", "no-store"});
  // Added to the page policy of every response (both apply): no script, no plugin, no
  // same-origin rights for anything the browser might render.
  r.headers.push_back({"Content-Security-Policy", "sandbox; default-src 'none'"});
  r.headers.push_back({"X-Recount-Sha256", e.file.plaintext_sha256});
  return r;
}

}  // namespace recount::http
