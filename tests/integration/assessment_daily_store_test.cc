// The daily management stores against a real MariaDB: leave requests (two decisions at once, one
// wins; every query within the jurisdiction), the records behind the dismissal flags (shanxi
// art. 24(7) and longquan art. 12) and behind the weekly report of wenjiang 5.2 e).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/policy/testing/policy_test_util.h"
#include "libs/service/module.h"
#include "services/assessment/assessment_module.h"
#include "services/assessment/daily_rules.h"
#include "services/assessment/daily_store.h"
#include "services/assessment/leave_rules.h"
#include "services/assessment/leave_store.h"
#include "tests/support/test_env.h"

namespace auxpro::assessment {
namespace {

using policy::testutil::Preset;
using ::testing::ElementsAre;

class AssessmentDailyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(4);
    ASSERT_TRUE(service::MigrateModule(*pool_, AssessmentModule()).ok());
  }

  v1::DailyRecord Record(v1::DailyRecordKind kind, CivilDate date, bool passed = false) {
    v1::DailyRecord r;
    r.set_kind(kind);
    *r.mutable_date() = ToProto(date);
    r.set_passed(passed);
    if (kind == v1::DRILL) r.set_hours(1);
    if (kind == v1::UNEXCUSED_ABSENCE) r.set_days(1);
    return r;
  }
  void Insert(const std::string& j, const std::string& id, const std::string& unit,
              const std::string& person, const v1::DailyRecord& r) {
    absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      return store::InsertDaily(tx, j, id, unit, person, r, absl::Now()).status();
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  v1::LeaveRequest NewLeave(const std::string& j, const std::string& id, int days) {
    v1::LeaveRequest in;
    *in.mutable_start_date() = ToProto({2026, 3, 2});
    *in.mutable_end_date() = ToProto(AddDays({2026, 3, 2}, days - 1));
    in.set_reason("事假");
    in.set_days(days);
    in.set_approver_level(*LeaveApproverLevel(Preset("wenjiang").assessment(), days));
    v1::LeaveRequest out;
    absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(out, store::InsertLeave(tx, j, id, "p-1", "u-1", in, absl::Now()));
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }

  // As the handler does: lock, check the level and the state, move.
  absl::Status Approve(const std::string& j, const std::string& id, const std::string& level,
                       const std::string& actor) {
    return pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(auto found, store::FindLeave(tx, j, id, true));
      if (!found) return absl::NotFoundError(id);
      RETURN_IF_ERROR(CheckLeaveDecision(*found, LeaveAction::kApprove, level, ""));
      ASSIGN_OR_RETURN(auto next, LeaveTransition(*found, LeaveAction::kApprove));
      return store::UpdateLeaveState(tx, j, *found, next, actor, "", nullptr, absl::Now()).status();
    });
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
};

TEST_F(AssessmentDailyStoreTest, LeaveRequestRowAsWrittenAndWithinItsJurisdiction) {
  const v1::LeaveRequest leave = NewLeave("wenjiang", "l-1", 2);
  EXPECT_EQ(leave.name(), "jurisdictions/wenjiang/leaveRequests/l-1");
  EXPECT_EQ(leave.person(), "jurisdictions/wenjiang/persons/p-1");
  EXPECT_EQ(leave.days(), 2);
  EXPECT_EQ(leave.approver_level(), "DEPUTY_DIRECTOR");
  EXPECT_EQ(leave.state(), v1::LeaveRequest::REQUESTED);
  EXPECT_FALSE(leave.has_return_date());
  absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto other, store::FindLeave(tx, "haimen", "l-1", false));
    EXPECT_FALSE(other.has_value());
    ASSIGN_OR_RETURN(auto listed, store::ListLeave(tx, "haimen", {}, "", 10));
    EXPECT_TRUE(listed.empty());
    ASSIGN_OR_RETURN(
        listed, store::ListLeave(tx, "wenjiang", {.state = v1::LeaveRequest::APPROVED}, "", 10));
    EXPECT_TRUE(listed.empty());
    ASSIGN_OR_RETURN(listed, store::ListLeave(tx, "wenjiang", {.person_id = "p-1"}, "", 10));
    EXPECT_EQ(listed.size(), 1u);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
}

TEST_F(AssessmentDailyStoreTest, TwoApprovalsAtOnceExactlyOneWins) {
  for (int round = 0; round < 5; ++round) {
    const std::string id = "l-" + std::to_string(round);
    NewLeave("wenjiang", id, 1);
    std::atomic<int> ok{0}, refused{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        absl::Status s = Approve("wenjiang", id, "UNIT_LEADER", "leader-" + std::to_string(t));
        if (s.ok()) {
          ++ok;
        } else if (s.code() == absl::StatusCode::kFailedPrecondition) {
          ++refused;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1) << round;
    EXPECT_EQ(refused.load(), 1) << round;
  }
}

TEST_F(AssessmentDailyStoreTest, TheWrongApproverChangesNothing) {
  NewLeave("wenjiang", "l-1", 5);  // DIRECTOR
  EXPECT_EQ(Approve("wenjiang", "l-1", "UNIT_LEADER", "a").code(),
            absl::StatusCode::kFailedPrecondition);
  absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto found, store::FindLeave(tx, "wenjiang", "l-1", false));
    EXPECT_EQ(found->state(), v1::LeaveRequest::REQUESTED);
    EXPECT_EQ(found->decided_by(), "");
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  ASSERT_TRUE(Approve("wenjiang", "l-1", "DIRECTOR", "局长").ok());
  common::v1::Date back = ToProto({2026, 3, 7});
  s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto found, store::FindLeave(tx, "wenjiang", "l-1", true));
    ASSIGN_OR_RETURN(auto returned,
                     store::UpdateLeaveState(tx, "wenjiang", *found, v1::LeaveRequest::RETURNED,
                                             "clerk", "", &back, absl::Now()));
    EXPECT_EQ(returned.state(), v1::LeaveRequest::RETURNED);
    EXPECT_EQ(returned.decided_by(), "局长");  // the return keeps who approved
    EXPECT_EQ(FromProto(returned.return_date()), (CivilDate{2026, 3, 7}));
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
}

TEST_F(AssessmentDailyStoreTest, ShanxiTrainingTestsFromTheStoreMakeTheFlag) {
  Insert("shanxi", "d-1", "u-1", "p-1", Record(v1::ANNUAL_TRAINING_TEST, {2025, 10, 9}));
  Insert("shanxi", "d-2", "u-1", "p-1", Record(v1::ANNUAL_TRAINING_TEST, {2025, 11, 9}));
  Insert("shanxi", "d-3", "u-1", "p-2", Record(v1::ANNUAL_TRAINING_TEST, {2025, 10, 9}));
  Insert("shanxi", "d-4", "u-1", "p-2", Record(v1::ANNUAL_TRAINING_TEST, {2025, 11, 9}, true));
  Insert("wenjiang", "d-5", "u-1", "p-1", Record(v1::ANNUAL_TRAINING_TEST, {2025, 12, 9}));
  std::vector<DailyFact> facts;
  absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(facts, store::PersonFacts(tx, "shanxi", {2024, 1, 1}, {2025, 12, 31}));
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(facts.size(), 4u);  // not wenjiang's
  EXPECT_TRUE(facts[3].passed);
  auto flags = DismissalFlags(Preset("shanxi").daily_management(), 1, 2025, facts);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person(), "jurisdictions/shanxi/persons/p-1");
  EXPECT_THAT(flags[0].records(), ElementsAre("jurisdictions/shanxi/dailyRecords/d-1",
                                              "jurisdictions/shanxi/dailyRecords/d-2"));
}

TEST_F(AssessmentDailyStoreTest, LongquanFlagsFromTheStoreIncludeTheYearBefore) {
  // Months unable to work from November to January: a run of 3 reaching into 2025.
  Insert("longquan", "d-1", "u-1", "p-1", Record(v1::UNABLE_TO_WORK_MONTH, {2024, 11, 1}));
  Insert("longquan", "d-2", "u-1", "p-1", Record(v1::UNABLE_TO_WORK_MONTH, {2024, 12, 1}));
  Insert("longquan", "d-3", "u-1", "p-1", Record(v1::UNABLE_TO_WORK_MONTH, {2025, 1, 1}));
  for (int i = 0; i < 3; ++i) {
    Insert("longquan", "n-" + std::to_string(i), "u-1", "p-2",
           Record(v1::DISCIPLINARY_NOTICE, {2025, 2 + i, 3}));
    Insert("longquan", "a-" + std::to_string(i), "u-1", "p-3",
           Record(v1::UNEXCUSED_ABSENCE, {2025, 2 + i, 3}));
  }
  std::vector<DailyFact> facts;
  absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(facts, store::PersonFacts(tx, "longquan", {2024, 1, 1}, {2025, 12, 31}));
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  auto flags = DismissalFlags(Preset("longquan").daily_management(), 0, 2025, facts);
  ASSERT_EQ(flags.size(), 3u);
  EXPECT_EQ(flags[0].trigger(), v1::MONTHS_UNABLE_TO_WORK);
  EXPECT_EQ(flags[0].records_size(), 3);
  EXPECT_EQ(flags[1].trigger(), v1::DISCIPLINARY_NOTICES);
  EXPECT_EQ(flags[2].trigger(), v1::UNEXCUSED_ABSENCES);
}

TEST_F(AssessmentDailyStoreTest, WeeklyReportReadsTheUnitsWeekOnly) {
  Insert("wenjiang", "d-1", "u-1", "", Record(v1::UNIFORM_CHECK, {2025, 3, 3}));
  Insert("wenjiang", "d-2", "u-1", "", Record(v1::UNIFORM_CHECK, {2025, 3, 9}));
  Insert("wenjiang", "d-3", "u-1", "", Record(v1::DRILL, {2025, 3, 5}));
  Insert("wenjiang", "d-4", "u-1", "p-1", Record(v1::UNEXCUSED_ABSENCE, {2025, 3, 6}));
  Insert("wenjiang", "d-5", "u-1", "", Record(v1::UNIFORM_CHECK, {2025, 3, 10}));  // next week
  Insert("wenjiang", "d-6", "u-2", "", Record(v1::UNIFORM_CHECK, {2025, 3, 4}));   // other unit
  Insert("haimen", "d-7", "u-1", "", Record(v1::UNIFORM_CHECK, {2025, 3, 4}));     // elsewhere
  const CivilDate monday{2025, 3, 3};
  std::vector<DailyFact> facts;
  absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(facts, store::UnitFacts(tx, "wenjiang", "u-1", monday, AddDays(monday, 6)));
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(facts.size(), 4u);
  v1::WeeklyReport report = BuildWeeklyReport(Preset("wenjiang"), monday, facts);
  EXPECT_EQ(report.uniform_checks(), 2);
  EXPECT_EQ(report.qualifying_drills(), 1);
  EXPECT_TRUE(report.requirements_met());
  ASSERT_EQ(report.absences_size(), 1);
  EXPECT_EQ(report.absences(0).person(), "jurisdictions/wenjiang/persons/p-1");
  EXPECT_THAT(report.absences(0).records(), ElementsAre("jurisdictions/wenjiang/dailyRecords/d-4"));
}

}  // namespace
}  // namespace auxpro::assessment
