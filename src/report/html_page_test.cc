#include "report/html_page.h"

#include <gtest/gtest.h>

namespace recount::report {
namespace {

TEST(HtmlPage, ScriptSafeJsonEscapesEverythingThatCouldEndTheBlock) {
  EXPECT_EQ(ScriptSafeJson(R"({"n":"</script><b>&"})"),
            R"({"n":"\u003c/script\u003e\u003cb\u003e\u0026"})");
  // U+2028 and U+2029 (line separators) become escapes; other UTF-8 stays.
  EXPECT_EQ(ScriptSafeJson("\"a\xE2\x80\xA8"
                           "b\xE2\x80\xA9"
                           "c 한\""),
            "\"a\\u2028b\\u2029c 한\"");
}

TEST(HtmlPage, ScriptTextCannotCloseTheScriptElement) {
  EXPECT_EQ(ScriptText("var s='</script>';var t='</SCRIPT '"),
            "var s='<\\/script>';var t='<\\/SCRIPT '");
  EXPECT_EQ(ScriptText("x='<!--'"), "x='<\\!--'");
  EXPECT_EQ(ScriptText("a<b && c</d"), "a<b && c</d");  // nothing else changes
}

TEST(HtmlPage, EscapeHtml) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(HtmlPage, PageHasCspWithHashesAndNoNetworkSources) {
  HtmlPage p;
  p.lang = "ko";
  p.title = "<title>";
  p.model_json = R"({"store":"<script>alert(1)</script>"})";
  p.scripts = {"a()", "b()"};
  p.script_hashes = {"sha256-AAA=", "sha256-BBB="};
  p.style = "body{}";
  p.style_hash = "sha256-CCC=";
  std::string csp = ContentSecurityPolicy(p);
  EXPECT_EQ(csp.rfind("default-src 'none'; ", 0), 0u);
  EXPECT_NE(csp.find("script-src 'sha256-AAA=' 'sha256-BBB='"), std::string::npos);
  EXPECT_NE(csp.find("style-src 'sha256-CCC='"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe"), std::string::npos);
  EXPECT_EQ(csp.find("http"), std::string::npos);

  std::string html = RenderHtmlPage(p);
  EXPECT_NE(html.find("<html lang=\"ko\">"), std::string::npos);
  EXPECT_NE(html.find("http-equiv=\"Content-Security-Policy\""), std::string::npos);
  // The CSP comes before the first script or style.
  EXPECT_LT(html.find("Content-Security-Policy"), html.find("<style>"));
  EXPECT_NE(html.find("<title>&lt;title&gt;</title>"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("\\u003cscript\\u003ealert(1)"), std::string::npos);
  EXPECT_NE(html.find("<script>a()</script>\n<script>b()</script>"), std::string::npos);
  EXPECT_NE(html.find(std::string("id=\"") + kModelElementId + "\""), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
}

TEST(HtmlPage, BootScriptReadsTheModelBlock) {
  std::string boot = BootScript();
  EXPECT_NE(boot.find(kModelElementId), std::string::npos);
  EXPECT_NE(boot.find("renderDashboard"), std::string::npos);
  EXPECT_EQ(ScriptText(boot), boot);
}

}  // namespace
}  // namespace recount::report
