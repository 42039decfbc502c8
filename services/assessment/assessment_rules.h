#pragma once

// The rules of assessment (DOMAIN.md section 3, wenjiang 7): pure functions of facts, the
// jurisdiction's policy and the date they are asked on. No I/O, no clock.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"

namespace auxpro::assessment {

// Item codes with a meaning of their own among the policy's centralized items.
inline constexpr char kProfessionalExam[] = "PROFESSIONAL_EXAM";
inline constexpr char kPublicSatisfaction[] = "PUBLIC_SATISFACTION";

// A month not after the month of `today`, years 2000-2200: INVALID_ARGUMENT naming `field`.
absl::Status CheckMonthNotFuture(const v1::YearMonth& month, CivilDate today,
                                 const std::string& field);
// A quarter 1-4 of a year not after the quarter of `today`.
absl::Status CheckQuarterNotFuture(int year, int quarter, CivilDate today);
// A year 2000-2200 not after the year of `today`.
absl::Status CheckYearNotFuture(int year, CivilDate today, const std::string& field);

// Monthly daily assessment (wenjiang 7.3.1.4): exactly one result per item of
// policy.daily_items, none other. INVALID_ARGUMENT naming the first item missing, repeated or
// unknown. Returns whether every item passed.
absl::StatusOr<bool> CheckDailyItems(const policy::v1::Assessment& policy,
                                     const std::vector<v1::MonthlyAssessment::Item>& items);

// The verdict of one centralized result: the item must be one of policy.centralized_items
// (INVALID_ARGUMENT); PUBLIC_SATISFACTION comes from the survey service: a score or passed given
// by hand is FAILED_PRECONDITION SATISFACTION_FROM_SURVEY, else false until DecideSatisfaction
// (session_rules.h) reads the rate; PROFESSIONAL_EXAM's score must be 0-100 (INVALID_ARGUMENT) and
// passes at policy.exam_pass_score. Returns `passed`.
absl::StatusOr<bool> DecideResult(const policy::v1::Assessment& policy, const std::string& item,
                                  int score, bool passed);

// Attempt rules (wenjiang 7.3.1.3) for one person, item and calendar year, given the results of
// that year's earlier attempts in order: an item passed this year takes no new attempt
// (ITEM_ALREADY_PASSED); a failed item may be retaken policy.max_retakes_per_item_per_year times
// (RETAKE_LIMIT_REACHED after). Both FAILED_PRECONDITION naming the rule and the attempts so far.
// Returns the number of the new attempt (1 for the first).
absl::StatusOr<int> DecideAttempt(const policy::v1::Assessment& policy, const std::string& item,
                                  int year, const std::vector<bool>& earlier_results);

// A grade of policy.grades: INVALID_ARGUMENT UNKNOWN_GRADE otherwise.
absl::Status CheckGrade(const policy::v1::AnnualRating& policy, const std::string& grade);

// The cap on the top grade when a unit's year is finalized (haimen 三(五)10, longquan
// art. 13(3)): at most policy::AllowedTopGrades(unit_size) of `grades` may be the first grade.
// FAILED_PRECONDITION TOP_GRADE_CAP_EXCEEDED stating the allowed number otherwise. Returns the
// allowed number.
absl::StatusOr<int> CheckTopGradeCap(const policy::v1::AnnualRating& policy,
                                     const std::string& unit, int year, int unit_size,
                                     const std::vector<std::string>& grades);

// "Competent" (称职, wenjiang table 1 "assessment results"), this service's reading: the last
// final annual grade (`last_grade`, "" when none) exists and is not the policy's lowest grade.
struct Competence {
  bool competent = false;
  std::string reason;
};
Competence DecideCompetent(const policy::v1::AnnualRating& policy, const std::string& last_grade);

}  // namespace auxpro::assessment
