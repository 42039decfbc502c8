#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_recruitment.cc.

namespace auxpro::policy::testutil {
namespace {

std::vector<BreakCase> RecruitmentCases() {
  return {
      {"age_min_over_max", [](P& p) { p.mutable_recruitment()->mutable_age()->set_min_years(50); },
       "recruitment.age.min_years: must not exceed max_years (45), got 50"},
      {"age_female_max_range",
       [](P& p) { p.mutable_recruitment()->mutable_age_female()->set_max_years(200); },
       "recruitment.age_female.max_years: must be between 0 and 100, got 200"},
      {"age_male_negative",
       [](P& p) { p.mutable_recruitment()->mutable_age_male()->set_min_years(-1); },
       "recruitment.age_male.min_years: must be between 0 and 100, got -1"},
      {"age_relaxed_missing",
       [](P& p) { p.mutable_recruitment()->set_relaxation_for_former_auxiliaries(true); },
       "recruitment.age_relaxed: must be set when relaxation_for_former_auxiliaries is true"},
      {"min_education_unknown",
       [](P& p) {
         p.mutable_recruitment()->set_min_education(static_cast<auxpro::common::v1::Education>(42));
       },
       "recruitment.min_education: unknown education value 42"},
      {"disqualifier_duplicate",
       [](P& p) {
         p.mutable_recruitment()->add_disqualifiers(auxpro::common::v1::DISHONEST_PERSON_LIST);
       },
       "recruitment.disqualifiers[2]: duplicate DISHONEST_PERSON_LIST"},
      {"disqualifier_unspecified",
       [](P& p) {
         p.mutable_recruitment()->set_disqualifiers(1,
                                                    auxpro::common::v1::DISQUALIFIER_UNSPECIFIED);
       },
       "recruitment.disqualifiers[1]: must not be DISQUALIFIER_UNSPECIFIED"},
      {"female_percent", [](P& p) { p.mutable_recruitment()->set_max_female_percent(101); },
       "recruitment.max_female_percent: must be between 0 and 100, got 101"},
      {"retirement_age", [](P& p) { p.mutable_recruitment()->set_retirement_age_female(-5); },
       "recruitment.retirement_age_female: must be between 0 and 100, got -5"},
  };
}

INSTANTIATE_TEST_SUITE_P(Recruitment, ValidatePolicyTest, ::testing::ValuesIn(RecruitmentCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
