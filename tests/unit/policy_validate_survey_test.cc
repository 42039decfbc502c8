#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_survey.cc.

namespace auxpro::policy::testutil {
namespace {

std::vector<BreakCase> SurveyCases() {
  return {
      {"min_responses", [](P& p) { p.mutable_survey()->set_min_responses(0); },
       "survey.min_responses: must be greater than 0, got 0"},
      {"satisfied_empty", [](P& p) { p.mutable_survey()->clear_satisfied_answers(); },
       "survey.satisfied_answers: must not be empty"},
      {"satisfied_range", [](P& p) { p.mutable_survey()->add_satisfied_answers(6); },
       "survey.satisfied_answers[3]: must be between 1 and 5, got 6"},
      {"satisfied_zero", [](P& p) { p.mutable_survey()->set_satisfied_answers(0, 0); },
       "survey.satisfied_answers[0]: must be between 1 and 5, got 0"},
      {"satisfied_duplicate", [](P& p) { p.mutable_survey()->add_satisfied_answers(4); },
       "survey.satisfied_answers[3]: duplicate 4"},
      {"rated_questions", [](P& p) { p.mutable_survey()->set_rated_questions(0); },
       "survey.rated_questions: must be between 1 and 100, got 0"},
  };
}

INSTANTIATE_TEST_SUITE_P(Survey, ValidatePolicyTest, ::testing::ValuesIn(SurveyCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
