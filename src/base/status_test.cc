#include "base/status.h"

#include <gtest/gtest.h>

#include <set>

#include "base/result.h"

namespace recount {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s = NotFound("record 7");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "not found: record 7");
  EXPECT_EQ(s.WithContext("show").message(), "show: record 7");
}

TEST(StatusTest, ExitCodesAreDistinctAndNonZeroForErrors) {
  const StatusCode codes[] = {
      StatusCode::kInvalidArgument, StatusCode::kNotFound,          StatusCode::kAlreadyExists,
      StatusCode::kFailedPrecondition, StatusCode::kConflict,       StatusCode::kPermissionDenied,
      StatusCode::kUnauthenticated,  StatusCode::kDataLoss,         StatusCode::kResourceExhausted,
      StatusCode::kIoError,          StatusCode::kUnimplemented,    StatusCode::kInternal};
  std::set<int> seen;
  for (StatusCode c : codes) {
    EXPECT_NE(ExitCodeFor(c), 0);
    EXPECT_TRUE(seen.insert(ExitCodeFor(c)).second) << StatusCodeName(c);
  }
  EXPECT_EQ(ExitCodeFor(StatusCode::kOk), 0);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
}

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, AssignOrReturnPropagates) {
  EXPECT_EQ(Quarter(8).value(), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd");
}

}  // namespace
}  // namespace recount
