#pragma once

// The rules of daily management (wenjiang 5.2, longquan art. 12): pure functions of records,
// the policy and the date asked on. No I/O, no clock.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"

namespace auxpro::assessment {

// True for the kinds recorded of a person (LATENESS ... UNABLE_TO_WORK_MONTH).
bool IsPersonRecord(v1::DailyRecordKind kind);

// The shape of a new record: a known kind, a date not after `today`, `person` given exactly for
// person kinds and `unit` exactly for unit kinds, hours for a drill (0-24], days for an absence
// (0-31]. INVALID_ARGUMENT naming the field.
absl::Status CheckDailyRecord(const v1::DailyRecord& record, CivilDate today);

// The Monday of the week of `d`.
CivilDate WeekStart(CivilDate d);

// A record as the rules see it.
struct DailyFact {
  std::string name;  // the record's resource name
  v1::DailyRecordKind kind = v1::DAILY_RECORD_KIND_UNSPECIFIED;
  std::string person;  // person name, "" for unit records
  CivilDate date;
  double hours = 0;
  double days = 0;
  bool passed = false;  // ANNUAL_TRAINING_TEST
};

// The week from `monday` of one unit, given the unit's records of that week (wenjiang 5.2 e)):
// uniform checks against daily_management.uniform_checks_per_week, drills of at least
// training.weekly_drill_min_hours (one required), absences without leave per person.
v1::WeeklyReport BuildWeeklyReport(const policy::v1::Policy& policy, CivilDate monday,
                                   const std::vector<DailyFact>& records);

// The dismissal-trigger flags of `year` (longquan art. 12(4)-(6), shanxi art. 24(7)) from person
// records of that year and of the year before (a run of months unable to work may start then).
// `failed_training_retakes` is the assessment policy's (shanxi art. 24(7)). A policy value of 0
// flags nothing. Flags ordered by person, then trigger.
std::vector<v1::DismissalFlag> DismissalFlags(const policy::v1::DailyManagement& policy,
                                              uint32_t failed_training_retakes, int year,
                                              const std::vector<DailyFact>& records);

// A final annual rating as the flags see it.
struct GradeFact {
  std::string person;
  int year = 0;
  std::string grade;
  std::string name;  // the AnnualRating's name
};

// template art. 21(1): the policy's lowest annual grade in each of the
// daily_management.consecutive_bottom_grade_years years ending in `year` (0: nothing flagged).
std::vector<v1::DismissalFlag> BottomGradeFlags(const policy::v1::Policy& policy, int year,
                                                const std::vector<GradeFact>& ratings);

}  // namespace auxpro::assessment
