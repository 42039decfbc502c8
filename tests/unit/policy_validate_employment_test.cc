#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_employment.cc.

namespace auxpro::policy::testutil {
namespace {

std::vector<BreakCase> EmploymentCases() {
  return {
      {"missing", [](P& p) { p.clear_employment(); }, "employment: must be set"},
      {"step_code",
       [](P& p) {
         auto* s = p.mutable_employment()->add_hiring_steps();
         s->set_code("Written Exam");
         s->set_article("x");
       },
       "employment.hiring_steps[0].code: must match [a-z][a-z0-9_]*, got \"Written Exam\""},
      {"step_article",
       [](P& p) { p.mutable_employment()->add_hiring_steps()->set_code("medical"); },
       "employment.hiring_steps[0].article: must be set"},
      {"step_duplicate",
       [](P& p) {
         for (int i = 0; i < 2; ++i) {
           auto* s = p.mutable_employment()->add_hiring_steps();
           s->set_code("medical");
           s->set_article("x");
         }
       },
       "employment.hiring_steps[1].code: duplicate \"medical\""},
      {"step_min_days",
       [](P& p) {
         auto* s = p.mutable_employment()->add_hiring_steps();
         s->set_code("public_notice");
         s->set_article("x");
         s->set_min_days(400);
       },
       "employment.hiring_steps[0].min_days: must be between 0 and 366, got 400"},
      {"renewal_grade", [](P& p) { p.mutable_employment()->set_renewal_min_grade("PASSABLE"); },
       "employment.renewal_min_grade: must be one of annual_rating.grades, got \"PASSABLE\""},
      {"contract_term", [](P& p) { p.mutable_employment()->set_contract_term_months(121); },
       "employment.contract_term_months: must be between 0 and 120, got 121"},
      {"notice_days",
       [](P& p) { p.mutable_employment()->mutable_resignation()->set_notice_days(400); },
       "employment.resignation.notice_days: must be between 0 and 366, got 400"},
      {"deposit_negative",
       [](P& p) { p.mutable_employment()->mutable_resignation()->set_performance_deposit_fen(-1); },
       "employment.resignation.performance_deposit_fen: must be between 0 and 10000000, got -1"},
      {"signoff_code",
       [](P& p) { p.mutable_employment()->mutable_resignation()->add_signoffs("Director"); },
       "employment.resignation.signoffs[0]: must match [a-z][a-z0-9_]*, got \"Director\""},
      {"allowance_negative",
       [](P& p) { p.mutable_employment()->mutable_backbone()->set_leader_allowance_fen(-500); },
       "employment.backbone.leader_allowance_fen: must be between 0 and 10000000, got -500"},
  };
}

INSTANTIATE_TEST_SUITE_P(Employment, ValidatePolicyTest, ::testing::ValuesIn(EmploymentCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
