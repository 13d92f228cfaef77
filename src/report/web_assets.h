// The web dashboard's files, embedded in the binary at build time (src/report/CMakeLists.txt
// runs cmake/EmbedFiles.cmake over web/): the charting libraries' bundles from web/node_modules
// and the dashboard's own script and style from web/src. Static storage; thread-safe.
#pragma once

#include <string_view>

namespace recount::report::assets {

std::string_view D3Js();          // d3 (web/node_modules/d3/dist/d3.min.js)
std::string_view PlotJs();        // Observable Plot (…/@observablehq/plot/dist/plot.umd.min.js)
std::string_view DashboardJs();   // web/src/dashboard.js: globalThis.RecountDashboard
std::string_view DashboardCss();  // web/src/dashboard.css

}  // namespace recount::report::assets
