#include "report/html_page.h"

#include <cctype>

namespace recount::report {
namespace {

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[pos + i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string BootScript() {
  return std::string("(function(){var e=document.getElementById(\"") + kModelElementId +
         "\");var m=JSON.parse(e.textContent);"
         "globalThis.RecountDashboard.renderDashboard(m,document.getElementById(\"dashboard\"),"
         "document.documentElement.lang);})();";
}

std::string ScriptText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && StartsWithNoCase(text, i, "</script")) {
      out += "<\\/";
      ++i;  // skip '/'
      continue;
    }
    if (text[i] == '<' && StartsWithNoCase(text, i, "<!--")) {
      out += "<\\!";
      ++i;  // skip '!'
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string ScriptSafeJson(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ContentSecurityPolicy(const HtmlPage& page) {
  // default-src 'none' forbids every fetch (scripts, styles, images, fonts, connections, frames)
  // unless named below; only the page's own inline scripts and style run, by hash. Charts are
  // inline SVG; data: images are allowed for the browser's own print rendering of SVG patterns.
  std::string csp = "default-src 'none'; script-src";
  for (const std::string& h : page.script_hashes) csp += " '" + h + "'";
  csp += "; style-src '" + page.style_hash + "'";
  csp += "; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";
  return csp;
}

std::string RenderHtmlPage(const HtmlPage& page) {
  std::string lang = page.lang == "ko" ? "ko" : "en";
  std::string h;
  h.reserve(page.model_json.size() + page.style.size() + 1024 + [&] {
    size_t n = 0;
    for (const auto& s : page.scripts) n += s.size() + 20;
    return n;
  }());
  h += "<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
       EscapeHtml(ContentSecurityPolicy(page)) + "\">\n";
  h += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"generator\" content=\"recount report\">\n";
  h += "<title>" + EscapeHtml(page.title) + "</title>\n";
  h += "<style>" + page.style + "</style>\n</head>\n<body>\n";
  h += "<main id=\"dashboard\" class=\"rc-dashboard\">";
  h += lang == "ko" ? "<noscript>이 보고서를 보려면 JavaScript가 필요합니다.</noscript>"
                    : "<noscript>This report needs JavaScript to draw its tables and charts."
                      "</noscript>";
  h += "</main>\n";
  h += std::string("<script type=\"application/json\" id=\"") + kModelElementId + "\">" +
       ScriptSafeJson(page.model_json) + "</script>\n";
  for (const std::string& s : page.scripts) h += "<script>" + s + "</script>\n";
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace recount::report
