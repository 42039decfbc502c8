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
      {"disqualifier_legacy_duplicate",
       [](P& p) {
         p.mutable_recruitment()->add_disqualifiers(auxpro::common::v1::DISHONEST_PERSON_LIST);
         p.mutable_recruitment()->add_disqualifiers(auxpro::common::v1::DISHONEST_PERSON_LIST);
       },
       "recruitment.disqualifiers[1]: duplicate DISHONEST_PERSON_LIST"},
      {"disqualifier_rule_duplicate",
       [](P& p) {
         auto* rule = p.mutable_recruitment()->add_disqualifier_rules();
         rule->set_finding(auxpro::common::v1::DISHONEST_PERSON_LIST);
         rule->set_article("x");
       },
       "recruitment.disqualifier_rules[8].finding: duplicate DISHONEST_PERSON_LIST"},
      {"disqualifier_rule_unspecified",
       [](P& p) {
         p.mutable_recruitment()->mutable_disqualifier_rules(1)->set_finding(
             auxpro::common::v1::DISQUALIFIER_UNSPECIFIED);
       },
       "recruitment.disqualifier_rules[1].finding: must not be DISQUALIFIER_UNSPECIFIED"},
      {"disqualifier_rule_exit_reason_unknown",
       [](P& p) {
         p.mutable_recruitment()->mutable_disqualifier_rules(0)->add_from_exit_reasons(
             "DISCIPLINE_BREECH");
       },
       "recruitment.disqualifier_rules[0].from_exit_reasons[0]: must be an "
       "auxpro.personnel.v1.ExitReason name (e.g. DISCIPLINE_BREACH), got \"DISCIPLINE_BREECH\""},
      {"disqualifier_rule_exit_reason_unspecified",
       [](P& p) {
         p.mutable_recruitment()->mutable_disqualifier_rules(0)->add_from_exit_reasons(
             "EXIT_REASON_UNSPECIFIED");
       },
       "recruitment.disqualifier_rules[0].from_exit_reasons[0]: must be an "
       "auxpro.personnel.v1.ExitReason name (e.g. DISCIPLINE_BREACH), got "
       "\"EXIT_REASON_UNSPECIFIED\""},
      {"disqualifier_rule_exit_reason_duplicate",
       [](P& p) {
         auto* rule = p.mutable_recruitment()->mutable_disqualifier_rules(0);
         rule->add_from_exit_reasons("DISCIPLINE_BREACH");
         rule->add_from_exit_reasons("DISCIPLINE_BREACH");
       },
       "recruitment.disqualifier_rules[0].from_exit_reasons[1]: duplicate \"DISCIPLINE_BREACH\""},
      {"disqualifier_rule_without_article",
       [](P& p) { p.mutable_recruitment()->mutable_disqualifier_rules(0)->clear_article(); },
       "recruitment.disqualifier_rules[0].article: must be set"},
      {"age_floor_unset", [](P& p) { p.mutable_recruitment()->mutable_age()->set_min_years(0); },
       "recruitment.age.min_years: must be set, at least 18 (no minor may be recruited)"},
      {"age_floor_minor", [](P& p) { p.mutable_recruitment()->mutable_age()->set_min_years(17); },
       "recruitment.age.min_years: must be at least 18 (no minor may be recruited), got 17"},
      {"age_relaxed_minor",
       [](P& p) { p.mutable_recruitment()->mutable_age_relaxed()->set_min_years(16); },
       "recruitment.age_relaxed.min_years: must be at least 18 (no minor may be recruited), got "
       "16"},
      {"first_hire_only_without_cap",
       [](P& p) {
         p.mutable_recruitment()->mutable_age()->set_max_years(0);
         p.mutable_recruitment()->set_max_age_first_hire_only(true);
       },
       "recruitment.max_age_first_hire_only: is true but no maximum age is set"},
      {"min_education_former_auxiliary_unknown",
       [](P& p) {
         p.mutable_recruitment()->set_min_education_former_auxiliary(
             static_cast<auxpro::common::v1::Education>(42));
       },
       "recruitment.min_education_former_auxiliary: unknown education value 42"},
      {"attestation_unspecified",
       [](P& p) { p.mutable_recruitment()->add_required_attestations()->set_article("x"); },
       "recruitment.required_attestations[2].attestation: must not be ATTESTATION_UNSPECIFIED"},
      {"attestation_without_article",
       [](P& p) {
         p.mutable_recruitment()->add_required_attestations()->set_attestation(
             auxpro::common::v1::UNDERSTANDS_LOCAL_DIALECT);
       },
       "recruitment.required_attestations[2].article: must be set"},
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
