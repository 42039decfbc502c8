// Unit tests of libs/common/decision and libs/common/errors: rule decisions and the error shapes
// every service answers with.

#include "libs/common/decision.h"

#include <gtest/gtest.h>

#include "libs/common/errors.h"

namespace auxpro {
namespace {

TEST(Decision, SummaryJoinsReasonsAndConditionsAreDistinct) {
  Decision d;
  EXPECT_TRUE(d.ok());
  EXPECT_EQ(d.Summary(), "");
  d.failures = {{"exit_checklist.missing", "a is not confirmed"},
                {"exit_checklist.missing", "b is not confirmed"},
                {"exit_checklist.unknown", "x is not on the checklist"}};
  EXPECT_FALSE(d.ok());
  EXPECT_TRUE(d.Failed("exit_checklist.unknown"));
  EXPECT_FALSE(d.Failed("age"));
  EXPECT_EQ(d.Summary(), "a is not confirmed; b is not confirmed; x is not on the checklist");
  EXPECT_EQ(d.Conditions(), "exit_checklist.missing,exit_checklist.unknown");
}

TEST(Errors, ConstructorsUseTheCanonicalCodesAndNameWhatIsMissing) {
  EXPECT_EQ(Invalid("x: required").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Precondition("cap").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(AlreadyExists("dup").code(), absl::StatusCode::kAlreadyExists);
  absl::Status missing = NotFound("person", "jurisdictions/w/persons/p-1");
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "person \"jurisdictions/w/persons/p-1\" not found");
}

TEST(Errors, ErrorInfoTravelsWithTheStatusAndKeepsItsMessage) {
  absl::Status s = WithErrorInfo(Precondition("full"), "HEADCOUNT_LIMIT_REACHED",
                                 {{"limit", "20"}, {"current_count", "20"}});
  EXPECT_EQ(s.message(), "full");
  auto info = ErrorInfoOf(s);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason, "HEADCOUNT_LIMIT_REACHED");
  EXPECT_EQ(info->metadata.at("current_count"), "20");
  EXPECT_FALSE(ErrorInfoOf(Precondition("plain")).has_value());
}

}  // namespace
}  // namespace auxpro
