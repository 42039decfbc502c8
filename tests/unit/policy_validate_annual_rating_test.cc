#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_annual_rating.cc.

namespace auxpro::policy::testutil {
namespace {

using auxpro::policy::v1::AnnualRating;

std::vector<BreakCase> AnnualRatingCases() {
  return {
      {"grades_empty", [](P& p) { p.mutable_annual_rating()->clear_grades(); },
       "annual_rating.grades: must not be empty"},
      {"grades_duplicate", [](P& p) { p.mutable_annual_rating()->set_grades(1, "EXCELLENT"); },
       "annual_rating.grades[1]: duplicate \"EXCELLENT\""},
      {"cap_over", [](P& p) { p.mutable_annual_rating()->set_cap_percent(150); },
       "annual_rating.cap_percent: must be between 1 and 100, got 150"},
      {"cap_zero", [](P& p) { p.mutable_annual_rating()->set_cap_percent(0); },
       "annual_rating.cap_percent: must be between 1 and 100, got 0"},
      {"rounding_unset",
       [](P& p) {
         p.mutable_annual_rating()->set_cap_rounding(AnnualRating::ROUNDING_UNSPECIFIED);
       },
       "annual_rating.cap_rounding: must be set"},
      {"small_unit_without_count", [](P& p) { p.mutable_annual_rating()->set_small_unit_size(5); },
       "annual_rating.small_unit_top_count: must be greater than 0 when small_unit_size is set"},
      {"small_unit_count_without_size",
       [](P& p) { p.mutable_annual_rating()->set_small_unit_top_count(1); },
       "annual_rating.small_unit_top_count: must be 0 when small_unit_size is 0, got 1"},
  };
}

INSTANTIATE_TEST_SUITE_P(AnnualRating, ValidatePolicyTest, ::testing::ValuesIn(AnnualRatingCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
