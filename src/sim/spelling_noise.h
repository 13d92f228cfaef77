// Spelling noise: how one organisation writes a name, a date, a place or a vocabulary term, with
// the variation seen in real lists: Hangul in North or South forms, several romanisations and
// ad-hoc spellings, word order, hyphens and capitals, typos, dates reduced to a month or a year,
// approximate dates and ranges, labels in English, Korean or as aliases. The rates come from the
// source's RenderStyle. Model and rates: docs/simulator.md, "Noise".
//
// Contract: every function is deterministic for a given Rng state; outputs are valid UTF-8 and
// valid in docs/import-format.md (partial dates use only the syntaxes listed there).
// Thread-safe (no shared state) once SetRomanizer has been called.
#pragma once

#include <string>
#include <string_view>

#include "sim/name_model.h"
#include "sim/rng.h"
#include "sim/sim_data.h"
#include "sim/source_profile.h"

namespace recount::sim {

// Romanises Hangul in the system numbered as korean::RomanizationSystem. The default calls
// korean::Romanize (src/base/korean/romanize.h); tests may inject another, and a null function
// keeps names in Hangul.
using RomanizeFn = std::string (*)(std::string_view hangul, int system, bool is_name);
RomanizeFn DefaultRomanizer();

struct RenderedName {
  std::string full, surname, given, variant;
};

class SpellingNoise {
 public:
  SpellingNoise(const NameModel& names, RomanizeFn romanize);

  // The name as written by a source with `style` (empty fields when the name is missing).
  RenderedName Name(const KoreanName& n, const RenderStyle& style, Rng& rng) const;

  // One romanised spelling of a name ("KIM Sun-hee", "Ri Kum Sun"); `order_western` puts the
  // given name first.
  std::string Romanized(const KoreanName& n, int system, const RenderStyle& style, Rng& rng) const;

  // One typo: Latin letters are dropped, doubled, swapped or confused; Hangul syllables get a
  // confusable vowel or lose their final consonant.
  static std::string Typo(std::string_view s, Rng& rng);

  // Ad-hoc English spellings of a romanised syllable (sun -> soon, hui -> hee, geum -> keum).
  static std::string AdHoc(std::string_view syllable, Rng& rng);

 private:
  const NameModel& names_;
  RomanizeFn romanize_;
};

// Precision of a written date.
enum class DatePrecision : uint8_t { kDay, kMonth, kYear, kApproximate, kRange };

// Writes a partial date in ISO/EDTF form ("2015-03", "2014/2016", "c. 2015") or Korean form
// ("2015년 3월"). Ranges contain the true date.
std::string FormatDate(int year, int month, int day, DatePrecision precision, bool korean,
                       Rng& rng);

// A vocabulary term written in `style`. For kAlias an alias is chosen at random among those in
// Hangul with probability `hangul_alias`, else among the others (any alias when none fits).
std::string_view Label(const VocabTerm& term, LabelStyle style, Rng& rng,
                       double hangul_alias = 0.5);

// A place written in `script`.
std::string_view PlaceName(const SimPlace& place, PlaceScript script, Rng& rng);

// Samples an index from a small weight array.
template <size_t N>
size_t PickIndex(const std::array<double, N>& w, Rng& rng) {
  double total = 0;
  for (double x : w) total += x;
  double u = rng.Uniform() * total;
  for (size_t i = 0; i < N; ++i) {
    if (u < w[i]) return i;
    u -= w[i];
  }
  for (size_t i = N; i-- > 0;) {
    if (w[i] > 0) return i;
  }
  return 0;
}

}  // namespace recount::sim
