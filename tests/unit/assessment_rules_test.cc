// The assessment rules (DOMAIN.md section 3), pure: the cap examples (section 7 example 4), the
// attempt rules (example 5, wenjiang 7.3.1.3), the eight daily items, the exam's range and mark.

#include "services/assessment/assessment_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libs/common/errors.h"
#include "libs/policy/testing/policy_test_util.h"

namespace auxpro::assessment {
namespace {

using policy::testutil::Preset;
using ::testing::HasSubstr;

std::string ReasonOf(const absl::Status& s) {
  auto info = ErrorInfoOf(s);
  return info ? info->reason : "";
}

std::vector<std::string> Grades(int top, int others) {
  std::vector<std::string> g(top, "EXCELLENT");
  g.insert(g.end(), others, "QUALIFIED");
  return g;
}

// Example 4: longquan 4 -> 1, 12 -> 2 (2.4), 13 -> 3 (2.6); haimen 20 -> 3, 6 -> 0.
TEST(TopGradeCap, Example4LongquanAndHaimen) {
  const auto& longquan = Preset("longquan").annual_rating();
  const auto& haimen = Preset("haimen").annual_rating();
  struct Case {
    const policy::v1::AnnualRating* policy;
    int unit_size;
    int allowed;
  };
  for (const Case& c : std::vector<Case>{{&longquan, 4, 1},
                                         {&longquan, 12, 2},
                                         {&longquan, 13, 3},
                                         {&haimen, 20, 3},
                                         {&haimen, 6, 0}}) {
    std::vector<std::string> at_cap(c.allowed, "EXCELLENT");
    at_cap.resize(c.unit_size, c.policy->grades(1));
    auto ok = CheckTopGradeCap(*c.policy, "一中队", 2025, c.unit_size, at_cap);
    ASSERT_TRUE(ok.ok()) << c.unit_size << ": " << ok.status();
    EXPECT_EQ(*ok, c.allowed) << c.unit_size;
    std::vector<std::string> over(c.allowed + 1, "EXCELLENT");
    over.resize(c.unit_size, c.policy->grades(1));
    auto refused = CheckTopGradeCap(*c.policy, "一中队", 2025, c.unit_size, over);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << c.unit_size;
    EXPECT_EQ(ReasonOf(refused.status()), "TOP_GRADE_CAP_EXCEEDED");
    EXPECT_THAT(refused.status().message(),
                HasSubstr("may have at most " + std::to_string(c.allowed) + " of grade EXCELLENT"));
    EXPECT_EQ(ErrorInfoOf(refused.status())->metadata.at("allowed"), std::to_string(c.allowed));
  }
}

TEST(TopGradeCap, TemplateAndWenjiangAreUncapped) {
  for (const char* j : {"template", "wenjiang"}) {
    const auto& rating = Preset(j).annual_rating();
    auto all_top = CheckTopGradeCap(rating, "一中队", 2025, 7, Grades(7, 0));
    ASSERT_TRUE(all_top.ok()) << j << ": " << all_top.status();
    EXPECT_EQ(*all_top, 7);
  }
}

TEST(TopGradeCap, OnlyTheFirstGradeIsCapped) {
  const auto& haimen = Preset("haimen").annual_rating();
  std::vector<std::string> grades(6, "QUALIFIED");
  grades[0] = "BASICALLY_QUALIFIED";
  grades[1] = "UNQUALIFIED";
  EXPECT_TRUE(CheckTopGradeCap(haimen, "一中队", 2025, 6, grades).ok());
}

TEST(CheckGrade, GradesAreThePolicysOwn) {
  EXPECT_TRUE(CheckGrade(Preset("longquan").annual_rating(), "GOOD").ok());
  absl::Status s = CheckGrade(Preset("haimen").annual_rating(), "GOOD");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(s), "UNKNOWN_GRADE");
  EXPECT_THAT(s.message(), HasSubstr("annual_rating.grade"));
}

// Example 5: failed in Q1, Q2, Q3, Q4: the fourth attempt is the third retake and is allowed; a
// fifth is refused.
TEST(AttemptRules, Example5ThreeRetakesThenRefused) {
  const auto& policy = Preset("wenjiang").assessment();
  std::vector<bool> earlier;
  for (int expected = 1; expected <= 4; ++expected) {
    auto attempt = DecideAttempt(policy, kProfessionalExam, 2025, earlier);
    ASSERT_TRUE(attempt.ok()) << attempt.status();
    EXPECT_EQ(*attempt, expected);
    earlier.push_back(false);
  }
  auto fifth = DecideAttempt(policy, kProfessionalExam, 2025, earlier);
  EXPECT_EQ(fifth.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(fifth.status()), "RETAKE_LIMIT_REACHED");
  EXPECT_THAT(fifth.status().message(), HasSubstr("4 attempts so far"));
  EXPECT_THAT(fifth.status().message(), HasSubstr("7.3.1.3"));
}

TEST(AttemptRules, AnItemPassedThisYearIsNotTakenAgain) {
  const auto& policy = Preset("wenjiang").assessment();
  auto again = DecideAttempt(policy, "PHYSICAL_TEST", 2025, {false, true});
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(again.status()), "ITEM_ALREADY_PASSED");
  EXPECT_THAT(again.status().message(), HasSubstr("2 attempts so far"));
}

TEST(AttemptRules, TheRetakeLimitIsThePolicys) {
  policy::v1::Assessment policy = Preset("wenjiang").assessment();
  policy.set_max_retakes_per_item_per_year(1);
  EXPECT_TRUE(DecideAttempt(policy, kProfessionalExam, 2025, {false}).ok());
  EXPECT_FALSE(DecideAttempt(policy, kProfessionalExam, 2025, {false, false}).ok());
}

TEST(CentralizedResult, ExamScoredZeroToHundredPassedAtThePolicyMark) {
  const auto& policy = Preset("wenjiang").assessment();
  EXPECT_EQ(*DecideResult(policy, kProfessionalExam, 60, false), true);
  EXPECT_EQ(*DecideResult(policy, kProfessionalExam, 59, true), false);
  EXPECT_EQ(DecideResult(policy, kProfessionalExam, 101, false).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DecideResult(policy, kProfessionalExam, -1, false).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(*DecideResult(policy, "PHYSICAL_TEST", 0, true), true);
  EXPECT_EQ(DecideResult(policy, "PHYSICAL_TEST", 70, true).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(DecideResult(policy, "SWIMMING", 0, true).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CentralizedResult, SatisfactionIsTheSurveysNeverMadeUp) {
  auto s = DecideResult(Preset("wenjiang").assessment(), kPublicSatisfaction, 0, true);
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(s.status()), "SATISFACTION_FROM_SURVEY");
  s = DecideResult(Preset("wenjiang").assessment(), kPublicSatisfaction, 85, false);
  EXPECT_EQ(ReasonOf(s.status()), "SATISFACTION_FROM_SURVEY");  // no score typed in either
  // Nothing given by hand: the verdict waits for the survey's rate (DecideSatisfaction).
  EXPECT_TRUE(DecideResult(Preset("wenjiang").assessment(), kPublicSatisfaction, 0, false).ok());
}

std::vector<v1::MonthlyAssessment::Item> Items(const policy::v1::Assessment& policy) {
  std::vector<v1::MonthlyAssessment::Item> items;
  for (const std::string& code : policy.daily_items()) {
    items.emplace_back().set_item(code);
    items.back().set_passed(true);
  }
  return items;
}

TEST(DailyItems, TheEightItemsOfWenjiang7314EachExactlyOnce) {
  const auto& policy = Preset("wenjiang").assessment();
  ASSERT_EQ(policy.daily_items_size(), 8);
  auto items = Items(policy);
  EXPECT_EQ(*CheckDailyItems(policy, items), true);
  items[3].set_passed(false);
  EXPECT_EQ(*CheckDailyItems(policy, items), false);

  auto missing = items;
  missing.pop_back();
  auto s = CheckDailyItems(policy, missing);
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.status().message(), HasSubstr("ETIQUETTE"));

  auto twice = items;
  twice.push_back(items[0]);
  EXPECT_THAT(CheckDailyItems(policy, twice).status().message(), HasSubstr("given twice"));
  auto unknown = items;
  unknown.emplace_back().set_item("SWIMMING");
  EXPECT_EQ(CheckDailyItems(policy, unknown).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Periods, NoMonthQuarterOrYearInTheFuture) {
  const CivilDate today{2026, 5, 10};
  v1::YearMonth month;
  month.set_year(2026);
  month.set_month(5);
  EXPECT_TRUE(CheckMonthNotFuture(month, today, "month").ok());
  month.set_month(6);
  EXPECT_EQ(CheckMonthNotFuture(month, today, "month").code(), absl::StatusCode::kInvalidArgument);
  month.set_month(13);
  EXPECT_EQ(CheckMonthNotFuture(month, today, "month").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckQuarterNotFuture(2026, 2, today).ok());
  EXPECT_FALSE(CheckQuarterNotFuture(2026, 3, today).ok());
  EXPECT_FALSE(CheckQuarterNotFuture(2025, 5, today).ok());
  EXPECT_TRUE(CheckYearNotFuture(2026, today, "year").ok());
  EXPECT_FALSE(CheckYearNotFuture(2027, today, "year").ok());
}

TEST(DecideCompetent, TheLastFinalGradeIsNotTheLowest) {
  const auto& haimen = Preset("haimen").annual_rating();
  EXPECT_FALSE(DecideCompetent(haimen, "").competent);
  EXPECT_FALSE(DecideCompetent(haimen, "UNQUALIFIED").competent);
  EXPECT_TRUE(DecideCompetent(haimen, "BASICALLY_QUALIFIED").competent);
  EXPECT_FALSE(DecideCompetent(Preset("longquan").annual_rating(), "FAIR").competent);
}

}  // namespace
}  // namespace auxpro::assessment
