// The binary COPY stream byte for byte (the server's reading of it is tested through imports in
// import_batch_test.cc).
#include "storage/postgres/pg_copy_binary.h"

#include <gtest/gtest.h>

namespace recount::storage::postgres {
namespace {

TEST(BinaryCopyRowsTest, WritesHeaderRowsAndTrailer) {
  BinaryCopyRows rows;
  rows.Int(-2);
  rows.Text("a\tb");
  rows.Null();
  rows.TextOrNull("");
  rows.Bytes(std::string("\0\xFF", 2));
  rows.EndRow();
  EXPECT_EQ(rows.rows(), 1u);
  const std::string want = std::string("PGCOPY\n\xFF\r\n\0", 11) + std::string(8, '\0') +
                           std::string("\0\5", 2) +                          // 5 fields
                           std::string("\0\0\0\x08", 4) + std::string(7, '\xFF') + "\xFE" +
                           std::string("\0\0\0\3", 4) + "a\tb" +             // text as is
                           std::string("\xFF\xFF\xFF\xFF", 4) +              // NULL
                           std::string("\xFF\xFF\xFF\xFF", 4) +              // "" as NULL
                           std::string("\0\0\0\2", 4) + std::string("\0\xFF", 2) +
                           std::string("\xFF\xFF", 2);                       // trailer
  EXPECT_EQ(std::string(rows.Finish()), want);
  EXPECT_EQ(std::string(rows.Finish()), want);  // once only
  rows.Clear();
  EXPECT_EQ(rows.rows(), 0u);
  EXPECT_EQ(std::string(rows.Finish()), std::string("PGCOPY\n\xFF\r\n\0", 11) +
                                            std::string(8, '\0') + std::string("\xFF\xFF", 2));
}

}  // namespace
}  // namespace recount::storage::postgres
