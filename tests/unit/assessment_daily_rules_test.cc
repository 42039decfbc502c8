// The daily management rules: the weekly report of wenjiang 5.2 e) and the dismissal triggers of
// longquan art. 12(4)-(6), with 以上 including the number, and of shanxi art. 24(7).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libs/policy/testing/policy_test_util.h"
#include "services/assessment/daily_rules.h"

namespace auxpro::assessment {
namespace {

using policy::testutil::Preset;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

DailyFact Fact(const std::string& name, v1::DailyRecordKind kind, const std::string& person,
               CivilDate date, double hours = 0, double days = 0) {
  return DailyFact{name, kind, person, date, hours, days};
}

TEST(WeekStart, IsTheMonday) {
  EXPECT_EQ(WeekStart({2025, 3, 5}), (CivilDate{2025, 3, 3}));  // a Wednesday
  EXPECT_EQ(WeekStart({2025, 3, 3}), (CivilDate{2025, 3, 3}));  // a Monday
  EXPECT_EQ(WeekStart({2025, 3, 9}), (CivilDate{2025, 3, 3}));  // a Sunday
  EXPECT_EQ(WeekStart({2025, 1, 1}), (CivilDate{2024, 12, 30}));
}

TEST(WeeklyReport, TwoUniformChecksAndOneDrillOfAnHourMeetWenjiang52e) {
  const auto& policy = Preset("wenjiang");
  const CivilDate monday{2025, 3, 3};
  std::vector<DailyFact> week = {Fact("u1", v1::UNIFORM_CHECK, "", {2025, 3, 3}),
                                 Fact("d1", v1::DRILL, "", {2025, 3, 4}, 0.5),
                                 Fact("u0", v1::UNIFORM_CHECK, "", {2025, 3, 10})};
  v1::WeeklyReport report = BuildWeeklyReport(policy, monday, week);
  EXPECT_EQ(report.uniform_checks(), 1);  // the check of the next week does not count
  EXPECT_EQ(report.uniform_checks_required(), 2);
  EXPECT_EQ(report.qualifying_drills(), 0);  // half an hour is not a drill of one hour
  EXPECT_FALSE(report.requirements_met());

  week.push_back(Fact("u2", v1::UNIFORM_CHECK, "", {2025, 3, 7}));
  week.push_back(Fact("d2", v1::DRILL, "", {2025, 3, 9}, 1.0));
  week.push_back(Fact("a1", v1::UNEXCUSED_ABSENCE, "p1", {2025, 3, 5}, 0, 1));
  week.push_back(Fact("a2", v1::UNEXCUSED_ABSENCE, "p1", {2025, 3, 6}, 0, 0.5));
  report = BuildWeeklyReport(policy, monday, week);
  EXPECT_TRUE(report.requirements_met());
  EXPECT_THAT(report.uniform_check_records(), ElementsAre("u1", "u2"));
  EXPECT_THAT(report.drill_records(), ElementsAre("d2"));
  ASSERT_EQ(report.absences_size(), 1);
  EXPECT_EQ(report.absences(0).person(), "p1");
  EXPECT_DOUBLE_EQ(report.absences(0).days(), 1.5);
  EXPECT_THAT(report.absences(0).records(), ElementsAre("a1", "a2"));
}

TEST(DismissalFlags, LongquanArt12UnexcusedAbsenceOfThreeDaysOrThreeTimes) {
  const auto& policy = Preset("longquan").daily_management();
  // Two absences of 1 day: not flagged; a third, or 3 days in two, is (含 includes the number).
  std::vector<DailyFact> two = {Fact("a1", v1::UNEXCUSED_ABSENCE, "p1", {2025, 2, 1}, 0, 1),
                                Fact("a2", v1::UNEXCUSED_ABSENCE, "p1", {2025, 5, 1}, 0, 1),
                                Fact("old", v1::UNEXCUSED_ABSENCE, "p1", {2024, 5, 1}, 0, 5)};
  EXPECT_TRUE(DismissalFlags(policy, 0, 2025, two).empty());
  auto three_times = two;
  three_times.push_back(Fact("a3", v1::UNEXCUSED_ABSENCE, "p1", {2025, 9, 1}, 0, 0.5));
  auto flags = DismissalFlags(policy, 0, 2025, three_times);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].trigger(), v1::UNEXCUSED_ABSENCES);
  EXPECT_EQ(flags[0].article(), "longquan art. 12(4)");
  EXPECT_THAT(flags[0].records(), ElementsAre("a1", "a2", "a3"));
  std::vector<DailyFact> three_days = {Fact("a1", v1::UNEXCUSED_ABSENCE, "p2", {2025, 2, 1}, 0, 2),
                                       Fact("a2", v1::UNEXCUSED_ABSENCE, "p2", {2025, 2, 9}, 0, 1)};
  EXPECT_EQ(DismissalFlags(policy, 0, 2025, three_days).size(), 1u);
}

TEST(DismissalFlags, LongquanArt12ThreeNoticesOfCriticismInAYear) {
  const auto& policy = Preset("longquan").daily_management();
  std::vector<DailyFact> notices = {Fact("n1", v1::DISCIPLINARY_NOTICE, "p1", {2025, 1, 3}),
                                    Fact("n2", v1::DISCIPLINARY_NOTICE, "p1", {2025, 4, 3}),
                                    Fact("n0", v1::DISCIPLINARY_NOTICE, "p1", {2024, 4, 3})};
  EXPECT_TRUE(DismissalFlags(policy, 0, 2025, notices).empty());
  notices.push_back(Fact("n3", v1::DISCIPLINARY_NOTICE, "p1", {2025, 12, 31}));
  auto flags = DismissalFlags(policy, 0, 2025, notices);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].trigger(), v1::DISCIPLINARY_NOTICES);
  EXPECT_EQ(flags[0].article(), "longquan art. 12(5)");
  EXPECT_THAT(flags[0].records(), ElementsAre("n1", "n2", "n3"));
}

TEST(DismissalFlags, LongquanArt12ThreeConsecutiveMonthsIncludesThree) {
  const auto& policy = Preset("longquan").daily_management();
  // Nov, Dec 2024 and Jan 2025: a run of 3 reaching into 2025.
  std::vector<DailyFact> months = {Fact("m1", v1::UNABLE_TO_WORK_MONTH, "p1", {2024, 11, 1}),
                                   Fact("m2", v1::UNABLE_TO_WORK_MONTH, "p1", {2024, 12, 1}),
                                   Fact("m3", v1::UNABLE_TO_WORK_MONTH, "p1", {2025, 1, 1})};
  auto flags = DismissalFlags(policy, 0, 2025, months);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].trigger(), v1::MONTHS_UNABLE_TO_WORK);
  EXPECT_THAT(flags[0].reason(), HasSubstr("3 consecutive months"));
  EXPECT_THAT(flags[0].records(), ElementsAre("m1", "m2", "m3"));
  // Two months, a gap, two months: no run of 3.
  std::vector<DailyFact> gap = {Fact("m1", v1::UNABLE_TO_WORK_MONTH, "p1", {2025, 1, 1}),
                                Fact("m2", v1::UNABLE_TO_WORK_MONTH, "p1", {2025, 2, 1}),
                                Fact("m4", v1::UNABLE_TO_WORK_MONTH, "p1", {2025, 4, 1}),
                                Fact("m5", v1::UNABLE_TO_WORK_MONTH, "p1", {2025, 5, 1})};
  EXPECT_TRUE(DismissalFlags(policy, 0, 2025, gap).empty());
}

TEST(DismissalFlags, APolicyValueOfZeroFlagsNothing) {
  const auto& policy = Preset("wenjiang").daily_management();
  std::vector<DailyFact> records;
  for (int m = 1; m <= 6; ++m) {
    records.push_back(Fact("a", v1::UNEXCUSED_ABSENCE, "p1", {2025, m, 1}, 0, 3));
    records.push_back(Fact("n", v1::DISCIPLINARY_NOTICE, "p1", {2025, m, 2}));
    records.push_back(Fact("m", v1::UNABLE_TO_WORK_MONTH, "p1", {2025, m, 3}));
  }
  EXPECT_TRUE(DismissalFlags(policy, 0, 2025, records).empty());
}

TEST(DailyRecordShape, FieldsThatBelongToTheKind) {
  const CivilDate today{2025, 6, 1};
  v1::DailyRecord drill;
  drill.set_kind(v1::DRILL);
  drill.set_unit("jurisdictions/wenjiang/units/u1");
  *drill.mutable_date() = ToProto({2025, 5, 30});
  EXPECT_THAT(CheckDailyRecord(drill, today).message(), HasSubstr("daily_record.hours"));
  drill.set_hours(1.5);
  EXPECT_TRUE(CheckDailyRecord(drill, today).ok());
  *drill.mutable_date() = ToProto({2025, 6, 2});
  EXPECT_THAT(CheckDailyRecord(drill, today).message(), HasSubstr("future"));

  v1::DailyRecord absence;
  absence.set_kind(v1::UNEXCUSED_ABSENCE);
  absence.set_unit("jurisdictions/wenjiang/units/u1");
  absence.set_days(1);
  *absence.mutable_date() = ToProto({2025, 5, 30});
  EXPECT_THAT(CheckDailyRecord(absence, today).message(), HasSubstr("daily_record.person"));
  absence.clear_unit();
  absence.set_person("jurisdictions/wenjiang/persons/p1");
  EXPECT_TRUE(CheckDailyRecord(absence, today).ok());
  absence.set_days(0);
  EXPECT_THAT(CheckDailyRecord(absence, today).message(), HasSubstr("daily_record.days"));
}

TEST(DismissalFlags, TemplateArt21TwoConsecutiveYearsUnqualified) {
  const auto& policy = Preset("template");
  std::vector<GradeFact> ratings = {{"p1", 2024, "UNQUALIFIED", "r1"},
                                    {"p1", 2025, "UNQUALIFIED", "r2"},
                                    {"p2", 2023, "UNQUALIFIED", "r3"},
                                    {"p2", 2024, "QUALIFIED", "r4"},
                                    {"p2", 2025, "UNQUALIFIED", "r5"}};
  auto flags = BottomGradeFlags(policy, 2025, ratings);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person(), "p1");
  EXPECT_EQ(flags[0].trigger(), v1::CONSECUTIVE_BOTTOM_GRADES);
  EXPECT_EQ(flags[0].article(), "template art. 21(1)");
  EXPECT_THAT(flags[0].records(), ElementsAre("r1", "r2"));
  EXPECT_TRUE(BottomGradeFlags(policy, 2026, ratings).empty());            // 2026 not rated
  EXPECT_TRUE(BottomGradeFlags(Preset("haimen"), 2025, ratings).empty());  // 0: not flagged
}

DailyFact TrainingTest(const std::string& name, const std::string& person, CivilDate date,
                       bool passed) {
  DailyFact f = Fact(name, v1::ANNUAL_TRAINING_TEST, person, date);
  f.passed = passed;
  return f;
}

TEST(DismissalFlags, ShanxiArt24_7AnnualTrainingTestFailedAgainAfterItsRetake) {
  const auto& policy = Preset("shanxi").daily_management();
  const uint32_t retakes = Preset("shanxi").assessment().failed_training_retakes();
  ASSERT_EQ(retakes, 1u);
  // p1 failed the test and its retake (recorded out of order: the dates decide); p2 failed once
  // (no retake yet); p3 failed, then passed the retake; p4 failed twice in the year before.
  std::vector<DailyFact> records = {TrainingTest("t2", "p1", {2025, 11, 20}, false),
                                    TrainingTest("t1", "p1", {2025, 10, 9}, false),
                                    TrainingTest("t3", "p2", {2025, 10, 9}, false),
                                    TrainingTest("t4", "p3", {2025, 10, 9}, false),
                                    TrainingTest("t5", "p3", {2025, 11, 20}, true),
                                    TrainingTest("t6", "p3", {2025, 12, 1}, false),
                                    TrainingTest("t7", "p4", {2024, 10, 9}, false),
                                    TrainingTest("t8", "p4", {2024, 11, 9}, false)};
  auto flags = DismissalFlags(policy, retakes, 2025, records);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person(), "p1");
  EXPECT_EQ(flags[0].trigger(), v1::TRAINING_RETAKE_FAILED);
  EXPECT_EQ(flags[0].article(), "shanxi art. 24(7)");
  EXPECT_THAT(flags[0].reason(), HasSubstr("failed 2 times (1 retakes)"));
  EXPECT_THAT(flags[0].records(), ElementsAre("t1", "t2"));
  ASSERT_EQ(DismissalFlags(policy, retakes, 2024, records).size(), 1u);  // p4, in its own year
  // The number of retakes is the policy's; 0 (every other jurisdiction) flags nothing.
  EXPECT_TRUE(DismissalFlags(policy, 2, 2025, records).empty());
  EXPECT_EQ(Preset("longquan").assessment().failed_training_retakes(), 0u);
  EXPECT_TRUE(DismissalFlags(policy, 0, 2025, records).empty());
}

TEST(DailyRecordShape, OnlyATrainingTestHasAResult) {
  const CivilDate today{2025, 12, 31};
  v1::DailyRecord test;
  test.set_kind(v1::ANNUAL_TRAINING_TEST);
  test.set_person("jurisdictions/shanxi/persons/p1");
  *test.mutable_date() = ToProto({2025, 10, 9});
  test.set_passed(true);
  EXPECT_TRUE(CheckDailyRecord(test, today).ok());
  test.set_kind(v1::LATENESS);
  EXPECT_THAT(CheckDailyRecord(test, today).message(), HasSubstr("daily_record.passed"));
}

}  // namespace
}  // namespace auxpro::assessment
