#pragma once

// The test shared by the validator tests (tests/unit/policy_validate*_test.cc): break one field of
// the wenjiang preset at a time, expect exactly that field's path. Include it in one file of a test
// binary only (it defines a test).

#include <functional>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/policy/testing/policy_test_util.h"

namespace auxpro::policy::testutil {

// The policy a case mutates; short because every case names it.
using P = auxpro::policy::v1::Policy;

struct BreakCase {
  std::string name;
  std::function<void(auxpro::policy::v1::Policy&)> mutate;
  // The whole message after `policy "wenjiang": ` (or, when starts_with is set, its beginning).
  std::string want;
  bool starts_with = false;
};

inline void PrintTo(const BreakCase& c, std::ostream* os) { *os << c.name; }

// The test name of a case, for INSTANTIATE_TEST_SUITE_P.
inline std::string BreakCaseName(const ::testing::TestParamInfo<BreakCase>& info) {
  return info.param.name;
}

// Each validator test instantiates this with its cases:
//   INSTANTIATE_TEST_SUITE_P(Recruitment, ValidatePolicyTest, ::testing::ValuesIn(Cases()),
//                            BreakCaseName);
class ValidatePolicyTest : public ::testing::TestWithParam<BreakCase> {};

TEST_P(ValidatePolicyTest, NamesTheBrokenField) {
  const BreakCase& c = GetParam();
  auxpro::policy::v1::Policy policy = Preset("wenjiang");
  ASSERT_TRUE(ValidatePolicy(policy).ok());
  c.mutate(policy);
  absl::Status status = ValidatePolicy(policy);
  ASSERT_FALSE(status.ok()) << c.name;
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  const std::string prefix = "policy \"" + policy.jurisdiction() + "\": ";
  if (c.starts_with) {
    EXPECT_THAT(std::string(status.message()), ::testing::StartsWith(prefix + c.want));
  } else {
    EXPECT_EQ(status.message(), prefix + c.want);
  }
}

}  // namespace auxpro::policy::testutil
