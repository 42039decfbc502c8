#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_assessment.cc.

namespace auxpro::policy::testutil {
namespace {

using Pay = auxpro::policy::v1::Assessment::PerformancePay;
using Publication = auxpro::policy::v1::Assessment::ResultPublication;

// A valid pay sheet section on wenjiang's preset (which has none): longquan's amounts, the
// coefficients on wenjiang's grades. The cases then break one field of it.
Pay* ValidPay(P& p) {
  Pay* pay = p.mutable_assessment()->mutable_performance_pay();
  *pay = Preset("longquan").assessment().performance_pay();
  pay->clear_year_end_coefficients();
  for (const auto& [grade, c] : {std::pair<const char*, double>{"EXCELLENT", 1.2},
                                 {"QUALIFIED", 1.0}, {"BASICALLY_QUALIFIED", 0.8}}) {
    auto* coefficient = pay->add_year_end_coefficients();
    coefficient->set_grade(grade);
    coefficient->set_coefficient(c);
  }
  return pay;
}

Publication* ValidPublication(P& p) {
  Publication* pub = p.mutable_assessment()->mutable_publication();
  pub->set_article("wenjiang 7.4");
  pub->set_period_length(5);
  pub->set_period_unit(Publication::WORKING_DAYS);
  return pub;
}

TEST(ValidateAssessmentSections, ValidPaySheetAndPublicationAreAccepted) {
  P policy = Preset("wenjiang");
  ValidPay(policy);
  ValidPublication(policy);
  EXPECT_TRUE(ValidatePolicy(policy).ok()) << ValidatePolicy(policy);
}

std::vector<BreakCase> AssessmentCases() {
  return {
      {"exam_pass_score", [](P& p) { p.mutable_assessment()->set_exam_pass_score(101); },
       "assessment.exam_pass_score: must be between 0 and 100, got 101"},
      {"daily_items_empty", [](P& p) { p.mutable_assessment()->clear_daily_items(); },
       "assessment.daily_items: must not be empty"},
      {"centralized_items_empty", [](P& p) { p.mutable_assessment()->clear_centralized_items(); },
       "assessment.centralized_items: must not be empty"},
      {"centralized_item_duplicate",
       [](P& p) { p.mutable_assessment()->add_centralized_items("PHYSICAL_TEST"); },
       "assessment.centralized_items[4]: duplicate \"PHYSICAL_TEST\""},
      {"daily_item_case", [](P& p) { p.mutable_assessment()->set_daily_items(0, "integrity"); },
       "assessment.daily_items[0]: must match [A-Z][A-Z0-9_]*, got \"integrity\""},
      {"leave_tiers_out_of_order",
       [](P& p) { p.mutable_assessment()->mutable_leave_approval(1)->set_max_days(1); },
       "assessment.leave_approval[1].max_days: must be above the previous tier's (1), got 1"},
      {"leave_tier_unbounded_before_last",
       [](P& p) { p.mutable_assessment()->mutable_leave_approval(0)->set_max_days(0); },
       "assessment.leave_approval[0].max_days: 0 (any length) on the last tier only"},
      {"leave_last_tier_bounded",
       [](P& p) { p.mutable_assessment()->mutable_leave_approval(2)->set_max_days(30); },
       "assessment.leave_approval[2].max_days: 0 (any length) on the last tier only"},
      {"leave_approver_level_case",
       [](P& p) {
         p.mutable_assessment()->mutable_leave_approval(2)->set_approver_level("director");
       },
       "assessment.leave_approval[2].approver_level: must match [A-Z][A-Z0-9_]*, got "
       "\"director\""},
      {"leave_approver_level_empty",
       [](P& p) { p.mutable_assessment()->mutable_leave_approval(0)->clear_approver_level(); },
       "assessment.leave_approval[0].approver_level: must be set"},
      {"failed_training_retakes",
       [](P& p) { p.mutable_assessment()->set_failed_training_retakes(13); },
       "assessment.failed_training_retakes: must be between 0 and 12, got 13"},
      {"satisfaction_pass_percent",
       [](P& p) { p.mutable_assessment()->set_satisfaction_pass_percent(101); },
       "assessment.satisfaction_pass_percent: must be between 0 and 100, got 101"},
      // The pay sheet (longquan art. 17).
      {"pay_article_missing", [](P& p) { ValidPay(p)->clear_article(); },
       "assessment.performance_pay.article: must be set"},
      {"pay_record_kind_unknown",
       [](P& p) { ValidPay(p)->mutable_deductions(1)->set_record_kind("SLACKER"); },
       "assessment.performance_pay.deductions[1].record_kind: must be a person's "
       "auxpro.assessment.v1.DailyRecordKind name (e.g. UNEXCUSED_ABSENCE, SLACKING, "
       "WORK_DISCIPLINE_BREACH) or PERSONAL_LEAVE, got \"SLACKER\""},
      {"pay_record_kind_of_a_unit",
       [](P& p) { ValidPay(p)->mutable_deductions(0)->set_record_kind("ROLL_CALL"); },
       "assessment.performance_pay.deductions[0].record_kind: must be a person's "
       "auxpro.assessment.v1.DailyRecordKind name (e.g. UNEXCUSED_ABSENCE, SLACKING, "
       "WORK_DISCIPLINE_BREACH) or PERSONAL_LEAVE, got \"ROLL_CALL\""},
      {"pay_record_kind_missing",
       [](P& p) { ValidPay(p)->mutable_deductions(2)->clear_record_kind(); },
       "assessment.performance_pay.deductions[2].record_kind: must be set"},
      {"pay_record_kind_duplicate",
       [](P& p) { ValidPay(p)->mutable_deductions(3)->set_record_kind("SLACKING"); },
       "assessment.performance_pay.deductions[3].record_kind: duplicate \"SLACKING\""},
      {"pay_per_unset",
       [](P& p) { ValidPay(p)->mutable_deductions(0)->set_per(Pay::Deduction::PER_UNSPECIFIED); },
       "assessment.performance_pay.deductions[0].per: must be DAY or TIME"},
      {"pay_amount_zero", [](P& p) { ValidPay(p)->mutable_deductions(0)->set_amount_fen(0); },
       "assessment.performance_pay.deductions[0].amount_fen: must be between 1 and 10000000, got "
       "0"},
      {"pay_amount_negative", [](P& p) { ValidPay(p)->mutable_deductions(2)->set_amount_fen(-30); },
       "assessment.performance_pay.deductions[2].amount_fen: must be between 1 and 10000000, got "
       "-30"},
      {"pay_coefficient_grade_unknown",
       [](P& p) { ValidPay(p)->mutable_year_end_coefficients(1)->set_grade("GOOD"); },
       "assessment.performance_pay.year_end_coefficients[1].grade: must be one of "
       "annual_rating.grades, got \"GOOD\""},
      {"pay_coefficient_grade_duplicate",
       [](P& p) { ValidPay(p)->mutable_year_end_coefficients(2)->set_grade("EXCELLENT"); },
       "assessment.performance_pay.year_end_coefficients[2].grade: duplicate \"EXCELLENT\""},
      {"pay_coefficient_zero",
       [](P& p) { ValidPay(p)->mutable_year_end_coefficients(0)->set_coefficient(0); },
       "assessment.performance_pay.year_end_coefficients[0].coefficient: must be above 0 and at "
       "most 10, got 0"},
      {"pay_coefficient_too_high",
       [](P& p) { ValidPay(p)->mutable_year_end_coefficients(0)->set_coefficient(12); },
       "assessment.performance_pay.year_end_coefficients[0].coefficient: must be above 0 and at "
       "most 10, got 12"},
      {"pay_min_contract_months",
       [](P& p) { ValidPay(p)->set_year_end_min_contract_months(121); },
       "assessment.performance_pay.year_end_min_contract_months: must be between 0 and 120, got "
       "121"},
      {"pay_sheet_due_day", [](P& p) { ValidPay(p)->set_sheet_due_day(32); },
       "assessment.performance_pay.sheet_due_day: must be between 0 and 31, got 32"},
      // Publication within the unit (longquan art. 13(4)).
      {"publication_article_missing", [](P& p) { ValidPublication(p)->clear_article(); },
       "assessment.publication.article: must be set"},
      {"publication_period_too_long", [](P& p) { ValidPublication(p)->set_period_length(400); },
       "assessment.publication.period_length: must be between 0 and 366, got 400"},
      {"publication_period_without_unit",
       [](P& p) { ValidPublication(p)->set_period_unit(Publication::PERIOD_UNIT_UNSPECIFIED); },
       "assessment.publication.period_unit: must be set with a period_length (CALENDAR_DAYS or "
       "WORKING_DAYS)"},
      {"publication_period_unit_unknown",
       [](P& p) { ValidPublication(p)->set_period_unit(static_cast<Publication::PeriodUnit>(9)); },
       "assessment.publication.period_unit: unknown period unit value 9"},
      {"publication_working_days_without_calendar",
       [](P& p) {
         ValidPublication(p);
         p.clear_working_calendar();
       },
       "assessment.publication.period_unit: WORKING_DAYS needs the policy's working_calendar, "
       "which is not set",
       /*starts_with=*/true},
      // The annual registration form (longquan annex 2).
      {"registration_due_month",
       [](P& p) {
         auto* reg = p.mutable_assessment()->mutable_annual_registration();
         reg->set_article("longquan art. 13(2)");
         reg->set_due_month_next_year(13);
       },
       "assessment.annual_registration.due_month_next_year: must be between 1 and 12, got 13"},
  };
}

INSTANTIATE_TEST_SUITE_P(Assessment, ValidatePolicyTest, ::testing::ValuesIn(AssessmentCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
