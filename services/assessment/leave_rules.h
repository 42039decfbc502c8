#pragma once

// The rules of leave requests approved by level (wenjiang 5.2 d) 请假分级审批，销假登记备案): pure
// functions of the request, the policy and the date asked on. No I/O, no clock.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/assessment/v1/leave_requests.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"

namespace auxpro::assessment {

// The shape of a new request: valid start and end dates, end not before start, at most 366
// calendar days, a reason of 1-255 bytes. INVALID_ARGUMENT naming the field. Returns the days.
absl::StatusOr<int> CheckLeaveRequest(const v1::LeaveRequest& leave);

// The approver level the policy's assessment.leave_approval names for `days`: the first tier
// whose max_days covers them (max_days 0: any length). FAILED_PRECONDITION LEAVE_NOT_CONFIGURED
// naming assessment.leave_approval when the policy has no tiers.
absl::StatusOr<std::string> LeaveApproverLevel(const policy::v1::Assessment& policy, int days);

enum class LeaveAction { kApprove, kReject, kCancel, kReturn };

// The state a request moves to by `action` (the life cycle in leave_requests.proto);
// FAILED_PRECONDITION INVALID_STATE_TRANSITION naming the state and the action otherwise.
absl::StatusOr<v1::LeaveRequest::State> LeaveTransition(const v1::LeaveRequest& leave,
                                                        LeaveAction action);

// Approval by level: `approver_level` (the decider's, required, an UPPER_SNAKE code) must be the
// request's approver_level; FAILED_PRECONDITION WRONG_APPROVER with the level its days require
// otherwise. A rejection needs its reasons in `note` (INVALID_ARGUMENT); notes at most 255 bytes.
absl::Status CheckLeaveDecision(const v1::LeaveRequest& leave, LeaveAction action,
                                const std::string& approver_level, const std::string& note);

// The registered return: a valid date, not after `today`, not before the leave's start.
absl::Status CheckLeaveReturn(const v1::LeaveRequest& leave, const common::v1::Date& return_date,
                              CivilDate today);

}  // namespace auxpro::assessment
