// SourceProfile: one simulated organisation's list: who it tends to record (capture parameters)
// and how it writes what it records (column headers, scripts, romanisations, date and label
// habits, noise rates). Five templates model the kinds of lists that exist (a Seoul research NGO
// with Korean headers, an international anti-trafficking NGO, a legal team preparing UN
// submissions, a Korean-Chinese church shelter network in Yanbian, an escapee association); more
// sources reuse the templates with perturbed parameters. Values and rationale: docs/simulator.md.
//
// Contract: MakeSourceProfiles(k, seed) is deterministic; k must be in [kMinSources, kMaxSources].
// Profiles are plain values.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/population.h"

namespace recount::sim {

inline constexpr int kMinSources = 3;
inline constexpr int kMaxSources = 20;

// Who a list records: logit P(recorded) = intercept + visibility_loading * z + effects.
struct CaptureParams {
  double intercept = -1.5;
  double visibility_loading = 1.0;
  double church_contact = 0;  // shared second latent factor (positive dependence)
  double male = 0;
  double minor = 0;
  double not_in_safety = -2.0;  // never reached safety: only family or hearsay reports
  double died = -1.0;
  std::vector<std::pair<std::string, double>> province;  // by provinces.csv name_en
  std::array<double, kActTypeCount> act{};               // added once per act type the person has
  int first_year = 2000;  // the list records testimonies taken in [first_year, last_year]
  int last_year = 2025;
  bool records_in_china = false;  // interviews people while still in China (church network)
  // Probability that a recorded person's act of each type is written down.
  double act_recorded = 0.8;
  std::array<double, kActTypeCount> act_focus{};  // added to act_recorded per type, clamped
};

// Label styles for vocabulary fields: code, English label, Korean label, an alias.
enum class LabelStyle : uint8_t { kCode, kEnglish, kKorean, kAlias };
// Scripts for names.
enum class NameScript : uint8_t { kHangulSouth, kHangulNorth, kRomanized };
// Scripts for places.
enum class PlaceScript : uint8_t {
  kEnglish,
  kHangulNorth,
  kHangulSouth,
  kHanzi,
  kLatinAlt,
  kAlias
};

struct RenderStyle {
  // Output columns in order: (field name from docs/import-format.md, header text). A field named
  // "-" is a column the importer must ignore (ignore_unknown = true in the mapping).
  std::vector<std::pair<std::string, std::string>> columns;
  char delimiter = ',';
  std::string record_prefix;  // record ids: prefix + zero-padded sequence
  int record_digits = 5;
  bool record_id_has_year = false;  // prefix + testimony year + "-" + sequence

  std::array<double, 3> name_script{1, 0, 0};  // by NameScript
  std::array<double, 6> romanization{};        // by korean::RomanizationSystem
  double western_order = 0;                    // romanised "Sun-hee KIM" rather than "KIM Sun-hee"
  double upper_surname = 0;                    // "KIM"
  double given_hyphen = 0.5;                   // "Sun-hee" vs "Sunhee" vs "Sun Hee"
  double given_space = 0.2;
  double name_variant = 0.1;  // fill name_variants with another spelling
  double name_typo = 0.02;
  double name_missing = 0.01;

  std::array<double, 4> sex_label{1, 0, 0, 0};  // by LabelStyle
  double sex_missing = 0.02;
  double birth_date = 0.5;                               // probability of a birth date
  double age = 0.3;                                      // else probability of an age
  std::array<double, 3> birth_precision{0.3, 0.3, 0.4};  // day, month, year

  bool korean_dates = false;  // 2015년 3월 5일 rather than 2015-03-05
  std::array<double, 5> date_precision{0.3, 0.4, 0.25, 0.03,
                                       0.02};  // day, month, year, approx, range
  double date_error = 0.03;                    // reported year off by one
  double date_missing = 0.03;

  std::array<double, 4> act_label{1, 0, 0, 0};
  double hangul_alias = 0.5;  // an alias, when one is written, is in Hangul with this probability
  std::array<double, 4> perp_label{1, 0, 0, 0};
  double perp_missing = 0.2;
  double involvement = 0;                                // probability of filling involvement
  std::array<double, 6> place_script{1, 0, 0, 0, 0, 0};  // by PlaceScript
  double place_missing = 0.1;
  double origin_missing = 0.1;
  bool origin_city = false;  // (unused) origin by city rather than province

  bool repeat_person_fields = true;  // else blank on a record's later rows
  std::string language = "ko";
  std::array<double, 4> label_testimony{1, 0, 0, 0};  // style for connection/reliability/consent
};

struct SourceProfile {
  std::string name;          // source name for `recount import --source NAME`, file stem
  std::string organisation;  // description written in the mapping file
  CaptureParams capture;
  RenderStyle style;
};

// The profiles of k sources for this seed.
std::vector<SourceProfile> MakeSourceProfiles(int k, uint64_t seed);

}  // namespace recount::sim
