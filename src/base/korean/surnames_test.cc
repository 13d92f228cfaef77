#include "base/korean/surnames.h"

#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/csv_reader.h"
#include "base/korean/romanize.h"
#include "base/source_dir.h"

namespace recount::korean {
namespace {


// data/korean/surnames.csv is the published copy of the compiled-in table: keep them identical.
TEST(Surnames, CsvMatchesCompiledTable) {
  auto reader = CsvReader::Open(SourceDir() + "/data/korean/surnames.csv");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<std::string> row;
  ASSERT_TRUE(*(*reader)->Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"hangul_south", "hangul_north", "hanja", "rr", "mr",
                                           "dprk", "common", "pinyin"}));
  size_t i = 0;
  while (true) {
    auto more = (*reader)->Next(&row);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ASSERT_LT(i, Surnames().size());
    const SurnameInfo& s = Surnames()[i];
    const std::vector<std::string> want = {
        std::string(s.hangul_south), std::string(s.hangul_north), std::string(s.hanja),
        std::string(s.rr), std::string(s.mr), std::string(s.dprk), std::string(s.common),
        std::string(s.pinyin)};
    EXPECT_EQ(row, want) << "line " << (*reader)->record_line();
    ++i;
  }
  EXPECT_EQ(i, Surnames().size());
}

TEST(Surnames, RomanisationColumnsAgreeWithTheRomaniser) {
  for (const SurnameInfo& s : Surnames()) {
    // RR is the strict system; our romaniser must produce it.
    EXPECT_EQ(Romanize(s.hangul_south, RomanizationSystem::kRevised), s.rr) << s.hangul_south;
    // Hanja and pinyin lists are parallel.
    auto count = [](std::string_view v) { return std::count(v.begin(), v.end(), ';'); };
    EXPECT_EQ(count(s.hanja), count(s.pinyin)) << s.hangul_south;
  }
}

}  // namespace
}  // namespace recount::korean
