#include "services/assessment/leave_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"

namespace auxpro::assessment {

namespace {

constexpr int kMaxLeaveDays = 366;

const char* ActionName(LeaveAction action) {
  switch (action) {
    case LeaveAction::kApprove:
      return "approve";
    case LeaveAction::kReject:
      return "reject";
    case LeaveAction::kCancel:
      return "cancel";
    case LeaveAction::kReturn:
      return "record the return of";
  }
  return "";
}

bool IsLevelCode(const std::string& s) {
  if (s.empty() || s.size() > 64 || s.front() < 'A' || s.front() > 'Z') return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<int> CheckLeaveRequest(const v1::LeaveRequest& leave) {
  RETURN_IF_ERROR(RequireDate(leave.start_date(), "leave_request.start_date"));
  RETURN_IF_ERROR(RequireDate(leave.end_date(), "leave_request.end_date"));
  const CivilDate start = FromProto(leave.start_date()), end = FromProto(leave.end_date());
  if (end < start) {
    return Invalid(absl::StrCat("leave_request.end_date: ", FormatDate(end),
                                " is before start_date ", FormatDate(start)));
  }
  const int64_t days = DaysSinceEpoch(end) - DaysSinceEpoch(start) + 1;
  if (days > kMaxLeaveDays) {
    return Invalid(absl::StrCat("leave_request.end_date: a leave of ", days, " days; at most ",
                                kMaxLeaveDays));
  }
  RETURN_IF_ERROR(RequireText(leave.reason(), "leave_request.reason", 255));
  return static_cast<int>(days);
}

absl::StatusOr<std::string> LeaveApproverLevel(const policy::v1::Assessment& policy, int days) {
  for (const auto& tier : policy.leave_approval()) {
    if (tier.max_days() == 0 || static_cast<int64_t>(days) <= tier.max_days()) {
      return tier.approver_level();
    }
  }
  return WithErrorInfo(
      Precondition("the policy's assessment.leave_approval names no approver for a leave of " +
                   std::to_string(days) + " days (wenjiang 5.2 d) approval by level)"),
      "LEAVE_NOT_CONFIGURED");
}

absl::StatusOr<v1::LeaveRequest::State> LeaveTransition(const v1::LeaveRequest& leave,
                                                        LeaveAction action) {
  const auto state = leave.state();
  switch (action) {
    case LeaveAction::kApprove:
      if (state == v1::LeaveRequest::REQUESTED) return v1::LeaveRequest::APPROVED;
      break;
    case LeaveAction::kReject:
      if (state == v1::LeaveRequest::REQUESTED) return v1::LeaveRequest::REJECTED;
      break;
    case LeaveAction::kCancel:
      if (state == v1::LeaveRequest::REQUESTED || state == v1::LeaveRequest::APPROVED) {
        return v1::LeaveRequest::CANCELLED;
      }
      break;
    case LeaveAction::kReturn:
      if (state == v1::LeaveRequest::APPROVED) return v1::LeaveRequest::RETURNED;
      break;
  }
  const std::string state_name = v1::LeaveRequest::State_Name(state);
  return WithErrorInfo(
      Precondition(absl::StrCat("leave request ", leave.name(), " is ", state_name, ": cannot ",
                                ActionName(action), " it")),
      "INVALID_STATE_TRANSITION",
      {{"leave_request", leave.name()}, {"state", state_name}, {"action", ActionName(action)}});
}

absl::Status CheckLeaveDecision(const v1::LeaveRequest& leave, LeaveAction action,
                                const std::string& approver_level, const std::string& note) {
  if (!IsLevelCode(approver_level)) {
    return Invalid(
        absl::StrCat("approver_level: required, an approver level code like "
                     "UNIT_LEADER; got \"",
                     approver_level, "\""));
  }
  if (action == LeaveAction::kReject) {
    RETURN_IF_ERROR(RequireText(note, "note", 255));
  } else {
    RETURN_IF_ERROR(LimitText(note, "note", 255));
  }
  if (approver_level != leave.approver_level()) {
    return WithErrorInfo(
        Precondition(absl::StrCat("approval by level (wenjiang 5.2 d)): a leave of ", leave.days(),
                                  " days is decided by ", leave.approver_level(), ", not ",
                                  approver_level)),
        "WRONG_APPROVER",
        {{"leave_request", leave.name()},
         {"approver_level", approver_level},
         {"required_level", leave.approver_level()},
         {"days", std::to_string(leave.days())}});
  }
  return absl::OkStatus();
}

absl::Status CheckLeaveReturn(const v1::LeaveRequest& leave, const common::v1::Date& return_date,
                              CivilDate today) {
  RETURN_IF_ERROR(RequireDate(return_date, "return_date"));
  const CivilDate back = FromProto(return_date);
  if (back > today) {
    return Invalid(absl::StrCat("return_date: ", FormatDate(back), " is in the future"));
  }
  if (back < FromProto(leave.start_date())) {
    return Invalid(absl::StrCat("return_date: ", FormatDate(back), " is before the leave's start ",
                                FormatDate(FromProto(leave.start_date()))));
  }
  return absl::OkStatus();
}

}  // namespace auxpro::assessment
