#include "libs/policy/validate_policy.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "libs/policy/validate_sections.h"
#include "libs/policy/validation.h"

namespace auxpro::policy {
namespace validation {
namespace {

// A section that is not set is one problem; a set one is checked by `validate`.
template <typename Section>
void CheckSection(Problems p, absl::string_view name, bool present, const Section& section,
                  void (*validate)(Problems, const Section&)) {
  if (!present) {
    p.Add(name, "must be set");
    return;
  }
  validate(p.Field(name), section);
}

// One line per section, in field order (the order of the problems in the message).
void ValidateAll(Problems p, const auxpro::policy::v1::Policy& policy) {
  ValidateIdentity(p, policy);
  CheckSection(p, "recruitment", policy.has_recruitment(), policy.recruitment(),
               ValidateRecruitment);
  CheckSection(p, "probation", policy.has_probation(), policy.probation(), ValidateProbation);
  CheckSection(p, "training", policy.has_training(), policy.training(), ValidateTraining);
  CheckSection(p, "permit", policy.has_permit(), policy.permit(), ValidatePermit);
  CheckSection(p, "headcount", policy.has_headcount(), policy.headcount(), ValidateHeadcount);
  CheckSection(p, "exit", policy.has_exit(), policy.exit(), ValidateExit);
  CheckSection(p, "daily_management", policy.has_daily_management(), policy.daily_management(),
               ValidateDailyManagement);
  if (!policy.has_employment()) {
    p.Add("employment", "must be set");
  } else {
    ValidateEmployment(p.Field("employment"), policy.employment(), policy.annual_rating());
  }
  if (!policy.has_assessment()) {
    p.Add("assessment", "must be set");
  } else {
    ValidateAssessment(p.Field("assessment"), policy.assessment(), policy.annual_rating(),
                       policy.has_working_calendar());
  }
  CheckSection(p, "annual_rating", policy.has_annual_rating(), policy.annual_rating(),
               ValidateAnnualRating);
  CheckSection(p, "points", policy.has_points(), policy.points(), ValidatePoints);
  CheckSection(p, "grading", policy.has_grading(), policy.grading(), ValidateGrading);
  CheckSection(p, "survey", policy.has_survey(), policy.survey(), ValidateSurvey);
  // Optional sections.
  if (policy.has_working_calendar()) {
    ValidateWorkingCalendar(p.Field("working_calendar"), policy.working_calendar());
  }
  if (policy.has_grading_deadlines()) {
    ValidateGradingDeadlines(p.Field("grading_deadlines"), policy.grading_deadlines(),
                             policy.has_working_calendar());
  }
}

}  // namespace
}  // namespace validation

absl::Status ValidatePolicy(const auxpro::policy::v1::Policy& policy) {
  std::vector<std::string> problems;
  validation::ValidateAll(validation::Problems(problems), policy);
  if (problems.empty()) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "policy ", validation::Quote(policy.jurisdiction()), ": ", absl::StrJoin(problems, "; ")));
}

}  // namespace auxpro::policy
