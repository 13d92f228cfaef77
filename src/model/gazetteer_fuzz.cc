// libFuzzer target: Gazetteer::Parse on arbitrary CSV text, then every query function on
// arbitrary text, must return without crashing (errors are Status values).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/gazetteer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  // Split: the last line break separates rows of a gazetteer from a query.
  const size_t cut = in.rfind('\n');
  const std::string_view rows = cut == std::string_view::npos ? in : in.substr(0, cut);
  const std::string_view query = cut == std::string_view::npos ? in : in.substr(cut + 1);
  const std::string csv =
      "id,kind,parent_id,name_en,hangul_north,hangul_south,hanzi,pinyin,mr,rr,aliases,lat,lon\n" +
      std::string(rows);
  auto g = recount::model::Gazetteer::Parse(csv, "fuzz.csv");
  if (!g.ok()) return 0;
  for (const recount::model::Place* p : g->FindAll(query)) {
    (void)g->Ancestors(p->id);
    (void)g->IsWithin(p->id, query);
    (void)g->Label(p->id, "ko");
    (void)g->Label(p->id, "en");
  }
  (void)g->Find(query);
  (void)g->Ancestors(query);
  return 0;
}
