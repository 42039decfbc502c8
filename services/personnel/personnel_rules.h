// Pure domain rules of the personnel service (DOMAIN.md sections 1, 2 and 7): dates, national ID
// numbers, recruitment eligibility, probation, badge numbers, head-count limits, dispatch
// agreements, training, exit, dismissal triggers and the person state machine.
//
// No I/O and no clock: every date is passed in. Every number comes from the jurisdiction's
// auxpro.policy.v1.Policy, never from a constant here. A check returns a RuleFailure (or a
// Decision with all of them) whose `condition` is a stable lower_snake code for machines and whose
// `reason` is one English sentence with the values, for people.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auxpro/common/v1/types.pb.h"
#include "auxpro/policy/v1/policy.pb.h"

namespace auxpro::personnel {

// ---------------------------------------------------------------------------------------------
// Dates

// A proleptic Gregorian calendar date. Compares chronologically (year, then month, then day).
struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  // NOLINTNEXTLINE(modernize-use-nullptr): false positive on a defaulted <=>.
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

bool IsLeapYear(int year);
// Days in `month` of `year`; 0 when month is outside 1-12.
int DaysInMonth(int year, int month);
// Year 1-9999, month 1-12, day within the month.
bool IsValidCivilDate(CivilDate d);
// "YYYY-MM-DD" (zero-padded).
std::string FormatDate(CivilDate d);

CivilDate FromProto(const common::v1::Date& d);
common::v1::Date ToProto(CivilDate d);

// Whole years of age on `on` (the birthday itself counts; someone born on 29 February turns a
// year older on 1 March in common years). Negative when `on` is before the year-long birthday.
int AgeOn(CivilDate birth, CivilDate on);
// Adds calendar months, clamping the day to the end of the target month
// (2026-01-31 + 1 month = 2026-02-28).
CivilDate AddMonths(CivilDate d, int months);
CivilDate AddDays(CivilDate d, int days);
// Days since 1970-01-01 (negative before).
int64_t DaysSinceEpoch(CivilDate d);

// ---------------------------------------------------------------------------------------------
// Decisions

struct RuleFailure {
  // Stable lower_snake code, e.g. "age", "education", "disqualifier.criminal_record".
  std::string condition;
  // One English sentence with the values, e.g. "age 46 on 2026-03-01 is above the maximum 45".
  std::string reason;
  friend bool operator==(const RuleFailure&, const RuleFailure&) = default;
};

struct Decision {
  std::vector<RuleFailure> failures;
  bool ok() const { return failures.empty(); }
  // True when some failure has this condition code.
  bool Failed(std::string_view condition) const;
  // All reasons joined with "; " (for an error message); empty when ok().
  std::string Summary() const;
};

// ---------------------------------------------------------------------------------------------
// National ID number (GB 11643-1999): 6-digit region, 8-digit birth date YYYYMMDD, 3-digit
// sequence (odd = male), check character (digit or upper-case 'X').

// The check character (ISO 7064 MOD 11-2) of the first 17 digits of a national ID; '?' when
// they are not 17 digits.
char NationalIdCheckCharacter(std::string_view first17);
// Length 18, digits except a final check character, a valid birth date and a matching checksum
// (ISO 7064 MOD 11-2). Strict: a lower-case 'x' is not accepted.
bool IsValidNationalId(std::string_view id);
// First 4 and last 4 characters kept, '*' between (18 chars -> 4 + 10 '*' + 4). An input of 8
// characters or fewer is masked completely.
std::string MaskNationalId(std::string_view id);
// nullopt when the ID is not valid.
std::optional<CivilDate> BirthDateFromNationalId(std::string_view id);
// GENDER_UNSPECIFIED when the ID is not valid.
common::v1::Gender GenderFromNationalId(std::string_view id);
// The ID is valid and agrees with the recorded birth date and gender; conditions "national_id",
// "national_id.birth_date", "national_id.gender".
Decision CheckNationalIdConsistency(std::string_view id, CivilDate birth_date,
                                    common::v1::Gender gender);

// ---------------------------------------------------------------------------------------------
// Recruitment eligibility (DOMAIN.md 2, table "Recruitment eligibility")

struct Candidate {
  CivilDate birth_date;
  common::v1::Gender gender = common::v1::GENDER_UNSPECIFIED;
  common::v1::Education education = common::v1::EDUCATION_UNSPECIFIED;
  bool veteran = false;
  bool party_member = false;
  bool former_auxiliary = false;
  std::vector<common::v1::Disqualifier> findings;
};

// Active auxiliaries of the jurisdiction before this hire.
struct TeamComposition {
  int total = 0;
  int female = 0;
};

// Reports every failed condition:
//  "birth_date"      birth date invalid or after the hire date (age checks are then skipped);
//  "gender"          gender unspecified while the policy has gender-specific rules;
//  "age"             outside the age range: the general one, replaced by age_male / age_female when
//                    set for the candidate's gender (an unset side keeps the general bound);
//                    veterans (and former auxiliaries when relaxation_for_former_auxiliaries) may
//                    use age_relaxed instead, whose unset (0) sides inherit the normal range's
//                    bound, so a relaxation only widens;
//  "education"       below min_education, lowered to min_education_veteran /
//                    min_education_party_member when the candidate qualifies (HIGH_SCHOOL and
//                    VOCATIONAL_SECONDARY rank equal);
//  "disqualifier.<finding in lower_snake>"  one per finding listed in the policy's disqualifiers;
//  "female_share"    a woman whose hire would make women more than max_female_percent of the team;
//  "retirement_age"  at or past the retirement age for the candidate's gender.
Decision CheckEligibility(const policy::v1::Policy& policy, const Candidate& candidate,
                          CivilDate hire_date, TeamComposition team);

// ---------------------------------------------------------------------------------------------
// Probation

// MONTHS: hire date + months (clamped to month end). UNTIL_FIRST_CENTRALIZED_ASSESSMENT (ends with
// an event, not a date) and KIND_UNSPECIFIED: nullopt.
std::optional<CivilDate> ProbationEnd(const policy::v1::Probation& probation, CivilDate hire_date);

// ---------------------------------------------------------------------------------------------
// Work permit and badge number: prefix + region code + serial zero-padded to serial_digits.

// Does not check the serial; call CheckBadgeSerial first.
std::string FormatBadge(const policy::v1::Permit& permit, int64_t serial);
// "badge_serial": serial below 1 or more than serial_digits can hold (4 digits: 9999).
std::optional<RuleFailure> CheckBadgeSerial(const policy::v1::Permit& permit, int64_t serial);
// The serial of a badge number of this policy's format ("XG140007" -> 7); nullopt when the badge
// does not have the policy's prefix, region code and digit count.
std::optional<int64_t> ParseBadgeSerial(const policy::v1::Permit& permit, std::string_view badge);
// Serials only grow, so a revoked badge number is never reissued: the next serial is one above the
// highest ever issued (revoked ones included); 1 when none was issued.
int64_t NextBadgeSerial(int64_t highest_issued_serial);

// ---------------------------------------------------------------------------------------------
// Head-count limits and dispatch agreements

struct HeadcountLimit {
  // Who the limit is for, as it should read in a sentence, e.g. `unit "一中队"` or
  // `jurisdiction "haimen"`.
  std::string scope;
  int limit = 0;
  int current = 0;
};

// "headcount": current + adding exceeds the limit, e.g.
// `head-count limit of unit "一中队" is 20 and 20 are already counted; adding 1 would make 21`.
std::optional<RuleFailure> CheckHeadcount(const HeadcountLimit& limit, int adding);
// Limit derived from the ratio to established staff (longquan 100 % = 1:1), rounded down; nullopt
// when the policy does not use a ratio.
std::optional<int> RatioHeadcountLimit(const policy::v1::Headcount& headcount,
                                       int established_staff);

// "agreement_headcount": assigned + adding exceeds the agreement's head-count.
std::optional<RuleFailure> CheckAgreementCapacity(int headcount, int assigned, int adding);
// "agreement_term": `on` outside [start, end] (both inclusive).
std::optional<RuleFailure> CheckAgreementActive(CivilDate start, CivilDate end, CivilDate on);

// ---------------------------------------------------------------------------------------------
// Training

enum class TrainingKind { kPreJob, kAnnual, kDrill };

struct TrainingRecord {
  TrainingKind kind = TrainingKind::kPreJob;
  CivilDate start;
  double days = 0;   // working days
  double hours = 0;  // used for drills
  bool passed = false;
};

// "pre_job_training": the passed PRE_JOB records do not add up to training.pre_job_min_days (at
// least one passed record is always needed).
std::optional<RuleFailure> CheckPreJobTraining(const policy::v1::Policy& policy,
                                               const std::vector<TrainingRecord>& records);
// Before a work permit is issued: CheckPreJobTraining when permit.require_pre_job_training.
std::optional<RuleFailure> CheckPermitPrerequisites(const policy::v1::Policy& policy,
                                                    const std::vector<TrainingRecord>& records);
// "weekly_drill": passed DRILL hours starting in [week_start, week_start + 7 days) below
// training.weekly_drill_min_hours.
std::optional<RuleFailure> CheckWeeklyDrill(const policy::v1::Policy& policy,
                                            const std::vector<TrainingRecord>& records,
                                            CivilDate week_start);

struct CoverageInput {
  std::string person;  // e.g. a badge number; inputs with the same person are merged
  std::vector<TrainingRecord> records;
};

struct Coverage {
  int required = 0;  // distinct persons
  int covered = 0;
  double percent = 100.0;            // 100 when nobody is required
  bool target_met = true;            // covered / required >= annual_coverage_percent
  std::vector<std::string> missing;  // persons not covered, in input order
};

// A person is covered when the passed ANNUAL records starting in `year` add up to at least
// training.annual_min_days.
Coverage TrainingCoverage(const policy::v1::Policy& policy, int year,
                          const std::vector<CoverageInput>& inputs);

// ---------------------------------------------------------------------------------------------
// Exit and dismissal

// Checklist items not confirmed, in checklist order.
std::vector<std::string> MissingExitItems(const policy::v1::Exit& exit,
                                          const std::vector<std::string>& confirmed);
// "exit_checklist.missing" per unconfirmed item, "exit_checklist.unknown" per confirmed item that
// is not on the checklist.
Decision CheckExitChecklist(const policy::v1::Exit& exit,
                            const std::vector<std::string>& confirmed);

// Longquan art. 12, counts within one calendar year: "dismissal.unexcused_absences",
// "dismissal.disciplinary_notices", "dismissal.months_unable_to_work" for each trigger reached
// (a trigger of 0 is not flagged).
std::vector<RuleFailure> DismissalTriggers(const policy::v1::DailyManagement& daily,
                                           int unexcused_absences, int disciplinary_notices,
                                           int months_unable);

// ---------------------------------------------------------------------------------------------
// Person state machine

enum class PersonState { kCandidate, kProbation, kActive, kExited };
enum class PersonAction { kHire, kEndProbation, kIssuePermit, kTransfer, kExit };

// "candidate", "probation", "active", "exited".
std::string_view PersonStateName(PersonState state);
// "hire", "end_probation", "issue_permit", "transfer", "exit".
std::string_view PersonActionName(PersonAction action);

// hire: candidate -> probation; end_probation: probation -> active; issue_permit and transfer:
// probation or active, state unchanged; exit: probation or active -> exited. nullopt otherwise.
std::optional<PersonState> NextState(PersonState from, PersonAction action);
// "transition" failure naming the state and the action when NextState is nullopt.
Decision CheckTransition(PersonState from, PersonAction action);

}  // namespace auxpro::personnel
