#include "cli/record_filter_flags.h"

namespace recount::cli {

void AddRecordFilterFlags(CLI::App& sub, const std::shared_ptr<app::RecordQuery>& query) {
  sub.add_option("--source", query->source, "only this source");
  sub.add_option("--act", query->act, "only records with this act type (code)");
  sub.add_option("--sex", query->sex, "only this sex (code: female, male, unknown)");
  sub.add_option("--from", query->year_from, "only acts in or after this year");
  sub.add_option("--to", query->year_to, "only acts in or before this year");
  sub.add_option("--place", query->place,
                 "only acts in this place or anywhere within it (a gazetteer id, e.g. "
                 "kp-hamgyongbuk for North Hamgyong)");
  sub.add_option_function<int>(
      "--age-from", [query](int v) { query->age_from = v; },
      "only acts when the victim was this old or older (age at the act)");
  sub.add_option_function<int>(
      "--age-to", [query](int v) { query->age_to = v; },
      "only acts when the victim was this old or younger (age at the act)");
}

Result<storage::RecordFilter> RecordFilterFromFlags(const app::RecordQuery& query) {
  app::RecordQueryNames flags{"--place", "--age-from", "--age-to", "--from", "--to"};
  return app::BuildRecordFilter(query, app::Viewer::WholeStore(), flags);
}

}  // namespace recount::cli
