// Leave requests approved by level (wenjiang 5.2 d) 请假分级审批，销假登记备案): the approver level
// the policy names for a length, the life cycle, the wrong approver refused with the level needed.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libs/common/errors.h"
#include "libs/policy/testing/policy_test_util.h"
#include "services/assessment/leave_rules.h"

namespace auxpro::assessment {
namespace {

using policy::testutil::Preset;
using ::testing::HasSubstr;

v1::LeaveRequest Leave(CivilDate start, CivilDate end, const std::string& reason = "事假") {
  v1::LeaveRequest l;
  l.set_name("jurisdictions/wenjiang/leaveRequests/l-1");
  *l.mutable_start_date() = ToProto(start);
  *l.mutable_end_date() = ToProto(end);
  l.set_reason(reason);
  return l;
}

std::string ReasonOf(const absl::Status& s) {
  auto info = ErrorInfoOf(s);
  return info ? info->reason : "";
}

TEST(LeaveApprovalByLevel, TheFirstTierCoveringTheLengthNamesTheApprover) {
  // Every preset: up to 1 day the unit leader, up to 3 the deputy director, longer the director.
  for (const char* j : {"wenjiang", "haimen", "longquan", "template", "shanxi"}) {
    const auto& daily = Preset(j).assessment();
    EXPECT_EQ(*LeaveApproverLevel(daily, 1), "UNIT_LEADER") << j;
    EXPECT_EQ(*LeaveApproverLevel(daily, 2), "DEPUTY_DIRECTOR") << j;
    EXPECT_EQ(*LeaveApproverLevel(daily, 3), "DEPUTY_DIRECTOR") << j;  // 3 is within "up to 3"
    EXPECT_EQ(*LeaveApproverLevel(daily, 4), "DIRECTOR") << j;
    EXPECT_EQ(*LeaveApproverLevel(daily, 366), "DIRECTOR") << j;
  }
}

TEST(LeaveApprovalByLevel, TiersAreThePolicysNotConstants) {
  policy::v1::Assessment daily;
  auto* t = daily.add_leave_approval();
  t->set_max_days(5);
  t->set_approver_level("CAPTAIN");
  t = daily.add_leave_approval();
  t->set_approver_level("DIRECTOR");
  EXPECT_EQ(*LeaveApproverLevel(daily, 5), "CAPTAIN");
  EXPECT_EQ(*LeaveApproverLevel(daily, 6), "DIRECTOR");
  daily.clear_leave_approval();
  auto none = LeaveApproverLevel(daily, 1);
  EXPECT_EQ(none.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(none.status()), "LEAVE_NOT_CONFIGURED");
  EXPECT_THAT(none.status().message(), HasSubstr("assessment.leave_approval"));
}

TEST(LeaveRequestShape, DaysCountBothEndsAndBadDatesNameTheField) {
  EXPECT_EQ(*CheckLeaveRequest(Leave({2026, 3, 2}, {2026, 3, 2})), 1);
  EXPECT_EQ(*CheckLeaveRequest(Leave({2026, 2, 27}, {2026, 3, 2})), 4);
  auto backwards = CheckLeaveRequest(Leave({2026, 3, 2}, {2026, 3, 1}));
  EXPECT_EQ(backwards.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(backwards.status().message(), HasSubstr("leave_request.end_date"));
  auto too_long = CheckLeaveRequest(Leave({2026, 1, 1}, {2027, 1, 2}));
  EXPECT_THAT(too_long.status().message(), HasSubstr("at most 366"));
  auto no_reason = CheckLeaveRequest(Leave({2026, 3, 2}, {2026, 3, 2}, " "));
  EXPECT_THAT(no_reason.status().message(), HasSubstr("leave_request.reason"));
  v1::LeaveRequest no_start = Leave({2026, 3, 2}, {2026, 3, 2});
  no_start.clear_start_date();
  EXPECT_THAT(CheckLeaveRequest(no_start).status().message(),
              HasSubstr("leave_request.start_date"));
}

TEST(LeaveApprovalByLevel, TheWrongApproverIsRefusedWithTheLevelRequired) {
  v1::LeaveRequest leave = Leave({2026, 3, 2}, {2026, 3, 3});
  leave.set_days(2);
  leave.set_approver_level("DEPUTY_DIRECTOR");
  leave.set_state(v1::LeaveRequest::REQUESTED);
  absl::Status s = CheckLeaveDecision(leave, LeaveAction::kApprove, "UNIT_LEADER", "");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(s), "WRONG_APPROVER");
  EXPECT_THAT(s.message(), HasSubstr("wenjiang 5.2 d)"));
  EXPECT_THAT(s.message(), HasSubstr("2 days is decided by DEPUTY_DIRECTOR, not UNIT_LEADER"));
  EXPECT_EQ(ErrorInfoOf(s)->metadata.at("required_level"), "DEPUTY_DIRECTOR");
  EXPECT_TRUE(CheckLeaveDecision(leave, LeaveAction::kApprove, "DEPUTY_DIRECTOR", "").ok());
  // A higher level is still not the level the regulation sets: the tier decides, exactly.
  EXPECT_EQ(ReasonOf(CheckLeaveDecision(leave, LeaveAction::kApprove, "DIRECTOR", "")),
            "WRONG_APPROVER");
  EXPECT_THAT(CheckLeaveDecision(leave, LeaveAction::kApprove, "", "").message(),
              HasSubstr("approver_level: required"));
  // A rejection gives its reasons.
  EXPECT_THAT(CheckLeaveDecision(leave, LeaveAction::kReject, "DEPUTY_DIRECTOR", "").message(),
              HasSubstr("note"));
  EXPECT_TRUE(CheckLeaveDecision(leave, LeaveAction::kReject, "DEPUTY_DIRECTOR", "人手不足").ok());
}

TEST(LeaveLifeCycle, RequestedApprovedReturnedAndNothingElse) {
  v1::LeaveRequest leave = Leave({2026, 3, 2}, {2026, 3, 2});
  leave.set_state(v1::LeaveRequest::REQUESTED);
  EXPECT_EQ(*LeaveTransition(leave, LeaveAction::kApprove), v1::LeaveRequest::APPROVED);
  EXPECT_EQ(*LeaveTransition(leave, LeaveAction::kReject), v1::LeaveRequest::REJECTED);
  EXPECT_EQ(*LeaveTransition(leave, LeaveAction::kCancel), v1::LeaveRequest::CANCELLED);
  auto early = LeaveTransition(leave, LeaveAction::kReturn);
  EXPECT_EQ(ReasonOf(early.status()), "INVALID_STATE_TRANSITION");
  EXPECT_THAT(early.status().message(), HasSubstr("is REQUESTED"));

  leave.set_state(v1::LeaveRequest::APPROVED);
  EXPECT_EQ(*LeaveTransition(leave, LeaveAction::kReturn), v1::LeaveRequest::RETURNED);
  EXPECT_EQ(*LeaveTransition(leave, LeaveAction::kCancel), v1::LeaveRequest::CANCELLED);
  EXPECT_FALSE(LeaveTransition(leave, LeaveAction::kApprove).ok());

  for (auto done :
       {v1::LeaveRequest::REJECTED, v1::LeaveRequest::CANCELLED, v1::LeaveRequest::RETURNED}) {
    leave.set_state(done);
    for (auto action : {LeaveAction::kApprove, LeaveAction::kReject, LeaveAction::kCancel,
                        LeaveAction::kReturn}) {
      EXPECT_EQ(LeaveTransition(leave, action).status().code(),
                absl::StatusCode::kFailedPrecondition);
    }
  }
}

TEST(LeaveReturn, NotInTheFutureNorBeforeTheLeave) {
  v1::LeaveRequest leave = Leave({2026, 3, 2}, {2026, 3, 4});
  const CivilDate today{2026, 3, 5};
  EXPECT_TRUE(CheckLeaveReturn(leave, ToProto({2026, 3, 5}), today).ok());
  EXPECT_TRUE(CheckLeaveReturn(leave, ToProto({2026, 3, 3}), today).ok());  // back early
  EXPECT_THAT(CheckLeaveReturn(leave, ToProto({2026, 3, 6}), today).message(),
              HasSubstr("return_date: 2026-03-06 is in the future"));
  EXPECT_THAT(CheckLeaveReturn(leave, ToProto({2026, 3, 1}), today).message(),
              HasSubstr("before the leave's start"));
  EXPECT_THAT(CheckLeaveReturn(leave, common::v1::Date(), today).message(),
              HasSubstr("return_date"));
}

}  // namespace
}  // namespace auxpro::assessment
