#include "services/assessment/pay_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace auxpro::assessment {

namespace {

constexpr char kPersonalLeave[] = "PERSONAL_LEAVE";

int MonthIndex(CivilDate d) { return d.year * 12 + (d.month - 1); }

CivilDate LastDayOfMonth(int year, int month) {
  return AddDays(AddMonths(CivilDate{year, month, 1}, 1), -1);
}

}  // namespace

const PayPolicy::Deduction* DeductionRule(const PayPolicy& pay, const std::string& record_kind) {
  for (const auto& d : pay.deductions()) {
    if (d.record_kind() == record_kind) return &d;
  }
  return nullptr;
}

absl::Status CheckRecordDeduction(const ::auxpro::policy::v1::Assessment& policy,
                                  const v1::DailyRecord& record) {
  if (record.deduction_fen() == 0) return absl::OkStatus();
  const std::string kind = v1::DailyRecordKind_Name(record.kind());
  const PayPolicy::Deduction* rule = policy.has_performance_pay()
                                         ? DeductionRule(policy.performance_pay(), kind)
                                         : nullptr;
  if (rule == nullptr || !rule->at_least()) {
    return Invalid(absl::StrCat("daily_record.deduction_fen: only a record whose kind the "
                                "policy deducts at least a minimum for may state an amount; ",
                                kind, " has none"));
  }
  if (record.deduction_fen() < rule->amount_fen()) {
    return WithErrorInfo(
        Precondition(absl::StrCat("daily_record.deduction_fen: ", rule->article(), " deducts at least ",
                                  rule->amount_fen(), " fen for ", kind, "; got ",
                                  record.deduction_fen())),
        "DEDUCTION_BELOW_MINIMUM",
        {{"kind", kind},
         {"deduction_fen", absl::StrCat(record.deduction_fen())},
         {"minimum_fen", absl::StrCat(rule->amount_fen())}});
  }
  return absl::OkStatus();
}

int LeaveDaysWithin(const v1::LeaveRequest& leave, CivilDate from, CivilDate to) {
  CivilDate first = FromProto(leave.start_date());
  CivilDate last = FromProto(leave.end_date());
  if (leave.state() == v1::LeaveRequest::RETURNED && leave.has_return_date()) {
    last = std::min(last, AddDays(FromProto(leave.return_date()), -1));
  }
  first = std::max(first, from);
  last = std::min(last, to);
  if (last < first) return 0;
  return static_cast<int>(DaysSinceEpoch(last) - DaysSinceEpoch(first)) + 1;
}

std::vector<v1::PaySheet::Deduction> MonthDeductions(const PayPolicy& pay,
                                                     const std::vector<v1::DailyRecord>& records,
                                                     const std::vector<v1::LeaveRequest>& leaves,
                                                     int year, int month) {
  std::vector<v1::PaySheet::Deduction> out;
  for (const v1::DailyRecord& r : records) {
    const std::string kind = v1::DailyRecordKind_Name(r.kind());
    const PayPolicy::Deduction* rule = DeductionRule(pay, kind);
    if (rule == nullptr) continue;
    v1::PaySheet::Deduction d;
    d.set_record(r.name());
    d.set_record_kind(kind);
    *d.mutable_date() = r.date();
    d.set_rate_fen(rule->amount_fen());
    d.set_article(rule->article());
    if (rule->per() == PayPolicy::Deduction::DAY) {
      d.set_quantity(r.days() > 0 ? r.days() : 1);
      d.set_amount_fen(static_cast<int64_t>(d.quantity() * rule->amount_fen() + 0.5));
    } else {
      d.set_quantity(1);
      d.set_amount_fen(rule->at_least() ? std::max(rule->amount_fen(), r.deduction_fen())
                                        : rule->amount_fen());
    }
    out.push_back(d);
  }
  const PayPolicy::Deduction* leave_rule = DeductionRule(pay, kPersonalLeave);
  if (leave_rule != nullptr) {
    const CivilDate from{year, month, 1};
    const CivilDate to = LastDayOfMonth(year, month);
    for (const v1::LeaveRequest& l : leaves) {
      if (l.kind() != v1::PERSONAL) continue;
      if (l.state() != v1::LeaveRequest::APPROVED && l.state() != v1::LeaveRequest::RETURNED) {
        continue;
      }
      const int days = LeaveDaysWithin(l, from, to);
      if (days <= 0) continue;
      v1::PaySheet::Deduction d;
      d.set_record(l.name());
      d.set_record_kind(kPersonalLeave);
      *d.mutable_date() = ToProto(std::max(FromProto(l.start_date()), from));
      d.set_rate_fen(leave_rule->amount_fen());
      d.set_article(leave_rule->article());
      const int64_t per = leave_rule->per() == PayPolicy::Deduction::TIME ? 1 : days;
      d.set_quantity(static_cast<double>(per));
      d.set_amount_fen(per * leave_rule->amount_fen());
      out.push_back(d);
    }
  }
  return out;
}

int WholeMonths(CivilDate start, CivilDate end) {
  int months = MonthIndex(end) - MonthIndex(start);
  if (end.day < start.day) --months;
  return std::max(months, 0);
}

ContractSpan ContractOfYear(const ::auxpro::personnel::v1::Person& person,
                            const std::vector<::auxpro::personnel::v1::LabourContract>& contracts,
                            int year) {
  namespace pv1 = ::auxpro::personnel::v1;
  const CivilDate year_end{year, 12, 31};
  std::vector<const pv1::LabourContract*> begun;
  for (const auto& c : contracts) {
    if (!IsUnset(c.start_date()) && FromProto(c.start_date()) <= year_end) begun.push_back(&c);
  }
  ContractSpan span;
  if (begun.empty()) return span;
  std::stable_sort(begun.begin(), begun.end(), [](const auto* a, const auto* b) {
    return FromProto(a->start_date()) < FromProto(b->start_date());
  });
  // The last contract begun by the end of the year, and back through its renewals to the first
  // contract of its employment period.
  size_t first = begun.size() - 1;
  while (first > 0 && begun[first]->renewal()) --first;
  const pv1::LabourContract& last = *begun.back();
  span.contract = last.name();
  CivilDate start = FromProto(begun[first]->start_date());
  // The employment period the contract belongs to: the current one when it began after this
  // hire, else the closed period (past_periods, a re-hire on the same archive) whose hire and
  // exit enclose its start. Its probation is not counted, and its exit ends the relation.
  struct Period {
    std::optional<CivilDate> probation_end, exit;
    bool exited = false;
  };
  std::optional<Period> period;
  if (person.has_hire_date() && FromProto(person.hire_date()) <= start) {
    period = Period{};
    if (person.has_probation_end_date()) period->probation_end = FromProto(person.probation_end_date());
    if (person.state() == pv1::EXITED && person.has_exit_date()) {
      period->exit = FromProto(person.exit_date());
    }
  } else {
    for (const pv1::EmploymentPeriod& past : person.past_periods()) {
      if (!past.has_hire_date() || FromProto(past.hire_date()) > start) continue;
      if (past.has_exit_date() && FromProto(past.exit_date()) < start) continue;
      period = Period{};
      if (past.has_probation_end_date()) period->probation_end = FromProto(past.probation_end_date());
      if (past.has_exit_date()) period->exit = FromProto(past.exit_date());
      break;
    }
  }
  if (period && period->probation_end && start < *period->probation_end) {
    start = *period->probation_end;  // 不含试用期: probation is not counted
  }
  span.start = start;
  // The last day of the relation: the contract's end when it was ended (EndLabourContract) or
  // its term ran out by the end of the year with no contract after it; else the period's exit.
  const bool has_end = !IsUnset(last.end_date());
  bool followed = false;  // a later contract (a renewal signed next year) continues the relation
  for (const auto& c : contracts) {
    if (!IsUnset(c.start_date()) && FromProto(c.start_date()) > FromProto(last.start_date())) {
      followed = true;
    }
  }
  if (has_end && (last.state() == pv1::LabourContract::ENDED ||
                  (!followed && FromProto(last.end_date()) <= year_end))) {
    span.end = FromProto(last.end_date());
  } else if (period && period->exit) {
    span.end = period->exit;
  }
  return span;
}

v1::PaySheet::YearEnd YearEndOf(const PayPolicy& pay, int year,
                                const std::optional<v1::AnnualRating>& rating,
                                std::optional<CivilDate> contract_start,
                                std::optional<CivilDate> contract_end) {
  v1::PaySheet::YearEnd y;
  if (contract_start) *y.mutable_contract_start() = ToProto(*contract_start);
  if (contract_end) *y.mutable_contract_end() = ToProto(*contract_end);
  const std::string article = pay.article().empty() ? "the policy" : pay.article() + "(3)";
  if (!rating || rating->state() != v1::FINAL) {
    y.set_reason(absl::StrCat("the annual rating of ", year, " is not final yet"));
    return y;
  }
  y.set_annual_rating(rating->name());
  y.set_grade(rating->grade());
  for (const auto& c : pay.year_end_coefficients()) {
    if (c.grade() == rating->grade()) y.set_coefficient(c.coefficient());
  }
  if (y.coefficient() <= 0) {
    y.set_reason(absl::StrCat(article, ": grade ", rating->grade(), " earns no year-end bonus"));
    return y;
  }
  if (!contract_start || contract_start->year > year) {
    y.set_reason(absl::StrCat(article, ": no labour contract begun by the end of ", year,
                              " (probation is not counted)"));
    return y;
  }
  if (contract_end) {
    // The end is the relation's last day (inclusive): a contract of 1 April to 31 March ran a
    // whole year.
    const int ran = WholeMonths(*contract_start, AddDays(*contract_end, 1));
    if (ran < static_cast<int>(pay.year_end_min_contract_months())) {
      y.set_reason(absl::StrCat(article, ": the contract from ", FormatDate(*contract_start),
                                " ended on ", FormatDate(*contract_end), " after ", ran,
                                " whole months, less than ", pay.year_end_min_contract_months(),
                                " (probation not counted): no year-end bonus"));
      return y;
    }
  }
  y.set_eligible(true);
  y.set_months(12);
  if (pay.first_year_pro_rata() && contract_start->year == year) {
    y.set_months(12 - contract_start->month + 1);
    y.set_reason(absl::StrCat(article, ": first year, paid by the month from the contract month ",
                              FormatDate(*contract_start), ": ", y.months(), " of 12 months at ",
                              y.coefficient()));
  } else {
    y.set_reason(absl::StrCat(article, ": grade ", rating->grade(), " at ", y.coefficient()));
  }
  return y;
}

}  // namespace auxpro::assessment
