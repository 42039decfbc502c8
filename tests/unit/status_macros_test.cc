// Unit tests of libs/common/status_macros: RETURN_IF_ERROR and ASSIGN_OR_RETURN.

#include "libs/common/status_macros.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace auxpro {
namespace {

absl::StatusOr<int> Half(int n) {
  if (n % 2 != 0) return absl::InvalidArgumentError("odd");
  return n / 2;
}

absl::Status Check(int n, int* evaluations) {
  ++*evaluations;
  return n < 0 ? absl::OutOfRangeError("negative") : absl::OkStatus();
}

absl::StatusOr<int> Quarter(int n, int* steps) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ++*steps;
  ASSIGN_OR_RETURN(half, Half(half));  // assigns to an existing variable too
  ++*steps;
  return half;
}

absl::Status Both(int a, int b, int* evaluations) {
  RETURN_IF_ERROR(Check(a, evaluations));
  RETURN_IF_ERROR(Check(b, evaluations));
  RETURN_IF_ERROR(Half(b));  // a StatusOr's status
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<int>> Boxed(int v) { return std::make_unique<int>(v); }

absl::StatusOr<int> Unbox(int v) {
  ASSIGN_OR_RETURN(std::unique_ptr<int> box, Boxed(v));  // move-only values
  return *box;
}

TEST(StatusMacros, AssignOrReturnPassesTheValueOnAndStopsAtTheFirstError) {
  int steps = 0;
  EXPECT_EQ(*Quarter(8, &steps), 2);
  EXPECT_EQ(steps, 2);
  steps = 0;
  EXPECT_EQ(Quarter(6, &steps).status().message(), "odd");  // 6 -> 3 -> odd
  EXPECT_EQ(steps, 1);
  steps = 0;
  EXPECT_EQ(Quarter(5, &steps).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(steps, 0);
  EXPECT_EQ(*Unbox(7), 7);
}

TEST(StatusMacros, ReturnIfErrorEvaluatesOnceAndReturnsTheFirstError) {
  int evaluations = 0;
  EXPECT_TRUE(Both(1, 2, &evaluations).ok());
  EXPECT_EQ(evaluations, 2);
  evaluations = 0;
  EXPECT_EQ(Both(-1, 2, &evaluations).code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(evaluations, 1);
  evaluations = 0;
  EXPECT_EQ(Both(1, 3, &evaluations).message(), "odd");
}

}  // namespace
}  // namespace auxpro
