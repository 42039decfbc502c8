#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_onboarding.cc: probation, training, permit.

namespace auxpro::policy::testutil {
namespace {

using auxpro::policy::v1::Probation;

std::vector<BreakCase> OnboardingCases() {
  return {
      // Probation.
      {"probation_kind", [](P& p) { p.mutable_probation()->set_kind(Probation::KIND_UNSPECIFIED); },
       "probation.kind: must be set"},
      {"probation_months_zero", [](P& p) { p.mutable_probation()->set_kind(Probation::MONTHS); },
       "probation.months: must be between 1 and 24, got 0"},
      {"probation_months_with_other_kind", [](P& p) { p.mutable_probation()->set_months(2); },
       "probation.months: must be 0 unless kind is MONTHS, got 2"},
      // Training.
      {"pre_job_days", [](P& p) { p.mutable_training()->set_pre_job_min_days(0); },
       "training.pre_job_min_days: must be greater than 0, got 0"},
      {"annual_days", [](P& p) { p.mutable_training()->set_annual_min_days(0); },
       "training.annual_min_days: must be greater than 0, got 0"},
      {"drill_hours", [](P& p) { p.mutable_training()->set_weekly_drill_min_hours(0); },
       "training.weekly_drill_min_hours: must be greater than 0, got 0"},
      {"coverage_zero", [](P& p) { p.mutable_training()->set_annual_coverage_percent(0); },
       "training.annual_coverage_percent: must be between 1 and 100, got 0"},
      {"coverage_over", [](P& p) { p.mutable_training()->set_annual_coverage_percent(101); },
       "training.annual_coverage_percent: must be between 1 and 100, got 101"},
      // Permit.
      {"badge_prefix_empty", [](P& p) { p.mutable_permit()->clear_badge_prefix(); },
       "permit.badge_prefix: must be set"},
      {"badge_prefix_lower", [](P& p) { p.mutable_permit()->set_badge_prefix("wj"); },
       "permit.badge_prefix: must be 1 to 8 characters of A-Z and 0-9, got \"wj\""},
      {"badge_region", [](P& p) { p.mutable_permit()->set_badge_region_code("1-4"); },
       "permit.badge_region_code: must be at most 8 characters of A-Z and 0-9, got \"1-4\""},
      {"serial_digits_zero", [](P& p) { p.mutable_permit()->set_badge_serial_digits(0); },
       "permit.badge_serial_digits: must be between 1 and 9, got 0"},
      {"serial_digits_ten", [](P& p) { p.mutable_permit()->set_badge_serial_digits(10); },
       "permit.badge_serial_digits: must be between 1 and 9, got 10"},
  };
}

INSTANTIATE_TEST_SUITE_P(Onboarding, ValidatePolicyTest, ::testing::ValuesIn(OnboardingCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
