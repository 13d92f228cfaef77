// The self-contained HTML page of `recount report`: every script and style inline, the dashboard
// model as an inert JSON block, and a Content-Security-Policy that allows only those inline
// scripts and styles (by their SHA-256 hashes) and nothing from the network (docs/report.md).
//
// Escaping: data strings reach the page only inside the JSON block, where every '<', '>' and '&'
// (and U+2028/U+2029) is written as a \u escape, so no data can close the block or start markup;
// the title is HTML-escaped. Scripts are rendered with textContent by web/src/dashboard.js.
//
// Pure: the caller computes the hashes (crypto lives in another part). Thread-safety: pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace recount::report {

struct HtmlPage {
  std::string lang = "en";  // "en" or "ko": <html lang> and the dashboard's language
  std::string title;
  std::string model_json;            // DashboardModelJson
  std::vector<std::string> scripts;  // inline, in order; pass through ScriptText first
  std::string style;                 // inline CSS
  // "sha256-<base64>" of each script (the same order) and of the style, as CSP source hashes.
  std::vector<std::string> script_hashes;
  std::string style_hash;
};

// The element id of the JSON block and the boot script that renders it.
inline constexpr const char* kModelElementId = "recount-dashboard-model";
std::string BootScript();

// `text` made safe inside <script>...</script>: "</script" and "<!--" are written with an escaped
// character ("<\/script", "<\!--"), which means the same inside JavaScript strings, templates and
// regular expressions, the only places they can appear in valid code.
std::string ScriptText(std::string_view text);
// JSON text made safe inside <script type="application/json">: <, >, &, U+2028, U+2029 as \u
// escapes (JSON.parse reads them back unchanged).
std::string ScriptSafeJson(std::string_view json);
std::string EscapeHtml(std::string_view text);

// The Content-Security-Policy value for the page.
std::string ContentSecurityPolicy(const HtmlPage& page);
std::string RenderHtmlPage(const HtmlPage& page);

}  // namespace recount::report
