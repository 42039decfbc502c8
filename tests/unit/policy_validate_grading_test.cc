#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_grading.cc.

namespace auxpro::policy::testutil {
namespace {

std::vector<BreakCase> GradingCases() {
  return {
      // Grading (wenjiang's levels are listed 5, 4, 3, 2, 1).
      {"level_education",
       [](P& p) { p.mutable_grading()->mutable_levels(2)->clear_min_education(); },
       "grading.levels[2].min_education: must be set"},
      {"level_mandarin", [](P& p) { p.mutable_grading()->mutable_levels(1)->clear_min_mandarin(); },
       "grading.levels[1].min_mandarin: must be set (MANDARIN_NONE: no certificate needed)"},
      {"level_satisfaction",
       [](P& p) { p.mutable_grading()->mutable_levels(4)->set_min_satisfaction_percent(101); },
       "grading.levels[4].min_satisfaction_percent: must be between 0 and 100, got 101"},
      {"level_exam", [](P& p) { p.mutable_grading()->mutable_levels(0)->set_exam_min_score(120); },
       "grading.levels[0].exam_min_score: must be between 0 and 100, got 120"},
      {"level_points",
       [](P& p) { p.mutable_grading()->mutable_levels(3)->set_min_level_points(-1); },
       "grading.levels[3].min_level_points: must be between 0 and 1000, got -1"},
      {"level_duplicate", [](P& p) { p.mutable_grading()->mutable_levels(4)->set_level(5); },
       "grading.levels[4].level: duplicate level 5 (also at levels[0]); "
       "grading.levels: missing level 1"},
      {"level_out_of_range", [](P& p) { p.mutable_grading()->mutable_levels(4)->set_level(0); },
       "grading.levels[4].level: must be between 1 and 5, got 0; grading.levels: missing level 1"},
      {"level_missing", [](P& p) { p.mutable_grading()->mutable_levels()->RemoveLast(); },
       "grading.levels: missing level 1"},
      {"entry_level", [](P& p) { p.mutable_grading()->set_entry_level(0); },
       "grading.entry_level: must be between 1 and 5, got 0"},
      {"level_deciding_body",
       [](P& p) { p.mutable_grading()->mutable_levels(1)->clear_deciding_body(); },
       "grading.levels[1].deciding_body: must be set"},
      {"integrity_finding_unspecified",
       [](P& p) {
         p.mutable_grading()->set_integrity_findings(0, common::v1::DISQUALIFIER_UNSPECIFIED);
       },
       "grading.integrity_findings[0]: must not be DISQUALIFIER_UNSPECIFIED"},
      {"violation_finding_duplicate",
       [](P& p) { p.mutable_grading()->add_violation_findings(p.grading().violation_findings(0)); },
       "grading.violation_findings[4]: duplicate PRIOR_VIOLATION"},
      {"fitness_attestation_unknown",
       [](P& p) {
         p.mutable_grading()->set_fitness_attestation(static_cast<common::v1::Attestation>(99));
       },
       "grading.fitness_attestation: unknown attestation value 99"},
      {"basic_article", [](P& p) { p.mutable_grading()->clear_basic_article(); },
       "grading.basic_article: must be set"},
  };
}

INSTANTIATE_TEST_SUITE_P(Grading, ValidatePolicyTest, ::testing::ValuesIn(GradingCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
