#pragma once

// The monthly performance-pay sheet (longquan art. 17): what each record of a month deducts at
// the policy's amounts, and the year-end coefficient of the annual grade with its eligibility.
// Pure: records, dates and the policy are passed in.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"

namespace auxpro::assessment {

using PayPolicy = ::auxpro::policy::v1::Assessment::PerformancePay;

// The policy's rule for a record kind (a DailyRecordKind name or PERSONAL_LEAVE); nullptr when
// none.
const PayPolicy::Deduction* DeductionRule(const PayPolicy& pay, const std::string& record_kind);

// A record's deduction_fen: only for a kind whose policy amount is a minimum (at_least), and then
// not below it (INVALID_ARGUMENT naming the field; FAILED_PRECONDITION DEDUCTION_BELOW_MINIMUM).
absl::Status CheckRecordDeduction(const ::auxpro::policy::v1::Assessment& policy,
                                  const v1::DailyRecord& record);

// Days of a leave within [from, to]: from its start to its end, or to the day before its
// registered return when it came back early.
int LeaveDaysWithin(const v1::LeaveRequest& leave, CivilDate from, CivilDate to);

// The deductions of one month: each daily record with a rule (per day: its days; per time: 1;
// an at-least rule's stated amount when higher), and each APPROVED or RETURNED leave of kind
// PERSONAL with its days in the month. Records are dated within the month.
std::vector<v1::PaySheet::Deduction> MonthDeductions(const PayPolicy& pay,
                                                     const std::vector<v1::DailyRecord>& records,
                                                     const std::vector<v1::LeaveRequest>& leaves,
                                                     int year, int month);

// Whole months from `start` to `end` (a month counts when end's day reaches start's).
int WholeMonths(CivilDate start, CivilDate end);

// The labour contract that counts for the year-end bonus of `year` (art. 17(3)), from the
// person's real labour contracts (personnel's ListLabourContracts, any order).
struct ContractSpan {
  // The start of the employment period's contract in force by the end of `year`: its first
  // contract (a renewal continues it), moved to the end of that period's probation where the
  // contract began within it (「不含试用期」; the current period or, for a contract of an
  // earlier one, Person.past_periods). Unset: no contract begun by then.
  std::optional<CivilDate> start;
  // The relation's last day (inclusive): the last contract's end_date when it was ENDED
  // (EndLabourContract), or when its term ran out by the end of `year` and no later contract
  // follows it; else the period's exit. Unset: running.
  std::optional<CivilDate> end;
  // The contract the span was read from (its last one), empty when none.
  std::string contract;
};
ContractSpan ContractOfYear(const ::auxpro::personnel::v1::Person& person,
                            const std::vector<::auxpro::personnel::v1::LabourContract>& contracts,
                            int year);

// The year-end part of a sheet of `year` (art. 17(3)): `rating` the FINAL annual rating of the
// year if any; the labour contract from `contract_start` (unset: not begun) to its last day
// `contract_end` (inclusive; unset: running).
v1::PaySheet::YearEnd YearEndOf(const PayPolicy& pay, int year,
                                const std::optional<v1::AnnualRating>& rating,
                                std::optional<CivilDate> contract_start,
                                std::optional<CivilDate> contract_end);

}  // namespace auxpro::assessment
