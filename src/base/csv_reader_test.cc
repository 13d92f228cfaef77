#include "base/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace recount {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text, Status* error = nullptr,
                                              CsvOptions options = {}) {
  std::istringstream in(text);
  CsvReader reader(&in, "t.csv", options);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (true) {
    auto r = reader.Next(&fields);
    if (!r.ok()) {
      if (error) *error = r.status();
      break;
    }
    if (!*r) break;
    rows.push_back(fields);
  }
  return rows;
}

TEST(CsvReaderTest, ParsesQuotingAndLineEnds) {
  struct Case {
    std::string text;
    std::vector<std::vector<std::string>> want;
  };
  const Case cases[] = {
      {"a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}},
      {"a,b\r\n1,2", {{"a", "b"}, {"1", "2"}}},
      {"\xEF\xBB\xBFid\n7\n", {{"id"}, {"7"}}},
      {"x,\"a,b\",\"say \"\"hi\"\"\"\n", {{"x", "a,b", "say \"hi\""}}},
      {"\"multi\nline\",2\n", {{"multi\nline", "2"}}},
      {"a,,\n", {{"a", "", ""}}},
      {"\n\na\n\n", {{"a"}}},
      {"김,\"이 금순\"\n", {{"김", "이 금순"}}},
  };
  for (const Case& c : cases) {
    Status err;
    EXPECT_EQ(ReadAll(c.text, &err), c.want) << c.text;
    EXPECT_TRUE(err.ok()) << err.ToString();
  }
}

TEST(CsvReaderTest, ErrorsNameFileLineAndColumn) {
  struct Case {
    std::string text;
    std::string want_substring;
  };
  const Case cases[] = {
      {"a,b\n1,\"open\n", "t.csv:2:2: a quoted field opened here is never closed"},
      {"a,b\n1,x\"y\n", "t.csv:2:2: a quote inside an unquoted field"},
      {"a\n\"q\"x\n", "t.csv:2:1: unexpected character after a closing quote"},
      {"a\n\xFF\n", "t.csv:2:1: field 1 is not valid UTF-8"},
  };
  for (const Case& c : cases) {
    Status err;
    ReadAll(c.text, &err);
    ASSERT_FALSE(err.ok()) << c.text;
    EXPECT_NE(err.message().find(c.want_substring), std::string::npos) << err.message();
  }
}

TEST(CsvReaderTest, BoundsFieldSize) {
  CsvOptions options;
  options.max_field_bytes = 16;
  Status err;
  ReadAll("\"" + std::string(100, 'x') + "\"\n", &err, options);
  EXPECT_EQ(err.code(), StatusCode::kInvalidArgument);
}

TEST(CsvReaderTest, ReportsRecordStartLine) {
  std::istringstream in("h\n\"a\nb\"\nc\n");
  CsvReader reader(&in, "t.csv");
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(reader.record_line(), 1);
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(reader.record_line(), 2);
  ASSERT_TRUE(*reader.Next(&f));
  EXPECT_EQ(reader.record_line(), 4);
}

TEST(CsvReaderTest, MissingFileIsNotFound) {
  auto r = CsvReader::Open("/nonexistent/x.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace recount
