#pragma once

// One validator per section of auxpro.policy.v1.Policy. Each gets the Problems at its section's
// path and names fields relative to it; ValidatePolicy (validate_policy.cc) reports a missing
// section itself and calls these in field order. A new section: a validator here, its file, and one
// line in validate_policy.cc.

#include "auxpro/policy/v1/policy.pb.h"
#include "libs/policy/validation.h"

namespace auxpro::policy::validation {

// validate_identity.cc: jurisdiction, display_name, source; `p` is at the root.
void ValidateIdentity(Problems p, const auxpro::policy::v1::Policy& policy);

// validate_recruitment.cc
void ValidateRecruitment(Problems p, const auxpro::policy::v1::Recruitment& recruitment);

// validate_onboarding.cc: from hire to the first shift.
void ValidateProbation(Problems p, const auxpro::policy::v1::Probation& probation);
void ValidateTraining(Problems p, const auxpro::policy::v1::Training& training);
void ValidatePermit(Problems p, const auxpro::policy::v1::Permit& permit);

// validate_workforce.cc: the size of the team and who leaves it.
void ValidateHeadcount(Problems p, const auxpro::policy::v1::Headcount& headcount);
void ValidateExit(Problems p, const auxpro::policy::v1::Exit& exit);
void ValidateDailyManagement(Problems p, const auxpro::policy::v1::DailyManagement& daily);

// validate_employment.cc: hiring steps, contracts, probation's end, resignation, backbone posts;
// renewal_min_grade is checked against the annual rating's grades.
void ValidateEmployment(Problems p, const auxpro::policy::v1::Employment& employment,
                        const auxpro::policy::v1::AnnualRating& rating);

// validate_assessment.cc: the pay sheet's coefficients name the annual rating's grades; a
// publication period in working days needs the working calendar.
void ValidateAssessment(Problems p, const auxpro::policy::v1::Assessment& assessment,
                        const auxpro::policy::v1::AnnualRating& rating, bool has_calendar);

// validate_annual_rating.cc
void ValidateAnnualRating(Problems p, const auxpro::policy::v1::AnnualRating& rating);

// validate_points.cc
void ValidatePoints(Problems p, const auxpro::policy::v1::Points& points);

// validate_grading.cc
void ValidateGrading(Problems p, const auxpro::policy::v1::Grading& grading);

// validate_survey.cc
void ValidateSurvey(Problems p, const auxpro::policy::v1::Survey& survey);

// validate_calendar.cc: the optional working-day calendar and grading time limits (the limits need
// the calendar).
void ValidateWorkingCalendar(Problems p, const auxpro::policy::v1::WorkingCalendar& calendar);
void ValidateGradingDeadlines(Problems p, const auxpro::policy::v1::GradingDeadlines& deadlines,
                              bool has_calendar);

}  // namespace auxpro::policy::validation
