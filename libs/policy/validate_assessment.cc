#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/daily_management.pb.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {

namespace {

using Assessment = auxpro::policy::v1::Assessment;
using PerformancePay = Assessment::PerformancePay;
using ResultPublication = Assessment::ResultPublication;

// The record kinds a deduction may name: a DailyRecordKind of a person (LATENESS and after; the
// unit's records deduct from nobody) or the leave kind the pay sheet reads.
constexpr char kPersonalLeave[] = "PERSONAL_LEAVE";

bool IsPersonRecordKind(const std::string& name) {
  auxpro::assessment::v1::DailyRecordKind kind;
  return auxpro::assessment::v1::DailyRecordKind_Parse(name, &kind) &&
         kind >= auxpro::assessment::v1::LATENESS;
}

void ValidatePublication(Problems p, const ResultPublication& pub, bool has_calendar) {
  p.NonEmpty("article", pub.article());
  p.Range("period_length", pub.period_length(), 0, 366);
  if (!p.KnownEnum("period_unit", pub.period_unit(), ResultPublication::PeriodUnit_IsValid,
                   "period unit")) {
    return;
  }
  if (pub.period_length() > 0 && pub.period_unit() == ResultPublication::PERIOD_UNIT_UNSPECIFIED) {
    p.Add("period_unit", "must be set with a period_length (CALENDAR_DAYS or WORKING_DAYS)");
  }
  if (pub.period_unit() == ResultPublication::WORKING_DAYS && !has_calendar) {
    p.Add("period_unit", "WORKING_DAYS needs the policy's working_calendar, which is not set");
  }
}

void ValidatePerformancePay(Problems p, const PerformancePay& pay,
                            const auxpro::policy::v1::AnnualRating& rating) {
  p.NonEmpty("article", pay.article());
  std::set<std::string> kinds;
  for (int i = 0; i < pay.deductions_size(); ++i) {
    const auto& d = pay.deductions(i);
    Problems item = p.Item("deductions", i);
    if (d.record_kind().empty()) {
      item.Add("record_kind", "must be set");
    } else if (d.record_kind() != kPersonalLeave && !IsPersonRecordKind(d.record_kind())) {
      item.Add("record_kind",
               absl::StrCat("must be a person's auxpro.assessment.v1.DailyRecordKind name (e.g. "
                            "UNEXCUSED_ABSENCE, SLACKING, WORK_DISCIPLINE_BREACH) or ",
                            kPersonalLeave, ", got ", Quote(d.record_kind())));
    } else {
      item.Distinct("record_kind", kinds, d.record_kind(), Quote(d.record_kind()));
    }
    item.RequiredEnum("per", d.per(), PerformancePay::Deduction::Per_IsValid, "per",
                      "must be DAY or TIME");
    // Up to 100,000 yuan a day or time: a fen amount, not yuan.
    item.Range("amount_fen", d.amount_fen(), 1, 10'000'000);
  }
  const std::set<std::string> grades(rating.grades().begin(), rating.grades().end());
  std::set<std::string> coefficient_grades;
  for (int i = 0; i < pay.year_end_coefficients_size(); ++i) {
    const auto& c = pay.year_end_coefficients(i);
    Problems item = p.Item("year_end_coefficients", i);
    if (grades.count(c.grade()) == 0) {
      item.Add("grade",
               absl::StrCat("must be one of annual_rating.grades, got ", Quote(c.grade())));
    } else {
      item.Distinct("grade", coefficient_grades, c.grade(), Quote(c.grade()));
    }
    // Not NaN, above 0 (an unlisted grade earns none) and at most 10.
    if (!(c.coefficient() > 0 && c.coefficient() <= 10)) {
      item.Add("coefficient",
               absl::StrCat("must be above 0 and at most 10, got ", c.coefficient()));
    }
  }
  p.Range("year_end_min_contract_months", pay.year_end_min_contract_months(), 0, 120);
  // 0: the month's last day; a day past a short month's end is that month's last day.
  p.Range("sheet_due_day", pay.sheet_due_day(), 0, 31);
}

}  // namespace

void ValidateAssessment(Problems p, const Assessment& assessment,
                        const auxpro::policy::v1::AnnualRating& rating, bool has_calendar) {
  p.Range("exam_pass_score", assessment.exam_pass_score(), 0, 100);
  p.Range("max_retakes_per_item_per_year", assessment.max_retakes_per_item_per_year(), 0, 12);
  p.RequiredCodes("daily_items", assessment.daily_items(), kUpperSnake);
  p.RequiredCodes("centralized_items", assessment.centralized_items(), kUpperSnake);
  // Tiers grow, only the last one is unbounded (max_days 0); none: no leave rule.
  const int tiers = assessment.leave_approval_size();
  for (int i = 0; i < tiers; ++i) {
    const auto& tier = assessment.leave_approval(i);
    Problems item = p.Item("leave_approval", i);
    item.RequiredCode("approver_level", tier.approver_level(), kUpperSnake);
    const bool last = i + 1 == tiers;
    if (last != (tier.max_days() == 0)) {
      item.Add("max_days", "0 (any length) on the last tier only");
    } else if (!last && i > 0 && tier.max_days() <= assessment.leave_approval(i - 1).max_days()) {
      item.Add("max_days", absl::StrCat("must be above the previous tier's (",
                                        assessment.leave_approval(i - 1).max_days(), "), got ",
                                        tier.max_days()));
    }
  }
  p.Range("failed_training_retakes", assessment.failed_training_retakes(), 0, 12);
  p.Range("satisfaction_pass_percent", assessment.satisfaction_pass_percent(), 0, 100);
  if (assessment.has_publication()) {
    ValidatePublication(p.Field("publication"), assessment.publication(), has_calendar);
  }
  if (assessment.has_annual_registration()) {
    Problems reg = p.Field("annual_registration");
    reg.NonEmpty("article", assessment.annual_registration().article());
    reg.Range("due_month_next_year", assessment.annual_registration().due_month_next_year(), 1,
              12);
  }
  if (assessment.has_performance_pay()) {
    ValidatePerformancePay(p.Field("performance_pay"), assessment.performance_pay(), rating);
  }
}

}  // namespace auxpro::policy::validation
