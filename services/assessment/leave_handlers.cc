#include "services/assessment/leave_handlers.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/service/list_filter.h"
#include "libs/service/listing.h"
#include "services/assessment/leave_store.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

Status Leave::Create(const CallContext& call, const v1::CreateLeaveRequestRequest& request,
                     v1::LeaveRequest* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  const v1::LeaveRequest& in = request.leave_request();
  ASSIGN_OR_RETURN(
      const std::string person_id,
      auth::ScopeOfReference(call.principal, in.person(), "persons", "leave_request.person", j));
  ASSIGN_OR_RETURN(const int days, CheckLeaveRequest(in));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(const std::string level, LeaveApproverLevel(policy->assessment(), days));
  ASSIGN_OR_RETURN(auto person,
                   personnel_.EmployedPerson(PersonName(j, person_id), "leave_request.person"));
  ASSIGN_OR_RETURN(const std::string unit_id, auth::ScopeOfReference(call.principal, person.unit(),
                                                                     "units", "person.unit", j));
  v1::LeaveRequest row;
  *row.mutable_start_date() = in.start_date();
  *row.mutable_end_date() = in.end_date();
  row.set_reason(in.reason());
  if (!v1::LeaveKind_IsValid(in.kind())) {
    return Invalid(absl::StrCat("leave_request.kind: ", static_cast<int>(in.kind()),
                                " is not a leave kind"));
  }
  row.set_kind(in.kind());
  row.set_days(days);
  row.set_approver_level(level);
  const std::string id = NewId("l-");
  return ctx_.mutate(call, j, request, response,
                     [&](db::Transaction& tx) -> StatusOr<v1::LeaveRequest> {
                       return store::InsertLeave(tx, j, id, person_id, unit_id, row, call.now);
                     });
}

Status Leave::Get(const CallContext& call, const v1::GetLeaveRequestRequest& request,
                  v1::LeaveRequest* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "leaveRequests"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, store::FindLeave(tx, ref.jurisdiction, ref.id, false));
    if (!found) return NotFound("leave request", request.name());
    *response = std::move(*found);
    return absl::OkStatus();
  });
}

Status Leave::List(const CallContext& call, const v1::ListLeaveRequestsRequest& request,
                   v1::ListLeaveRequestsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(auto terms, service::ParseFilter(request.filter(), {"person", "state"}));
  store::LeaveFilter filter;
  if (terms.contains("person")) {
    ASSIGN_OR_RETURN(filter.person_id, auth::ScopeOfReference(call.principal, terms["person"],
                                                              "persons", "filter person", j));
  }
  if (terms.contains("state")) {
    v1::LeaveRequest::State state;
    if (!v1::LeaveRequest::State_Parse(terms["state"], &state) ||
        state == v1::LeaveRequest::STATE_UNSPECIFIED) {
      return Invalid(
          absl::StrCat("filter: state \"", terms["state"], "\" is not a leave request state"));
    }
    filter.state = state;
  }
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), absl::StrCat(j, "|", request.filter()),
      response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListLeave(tx, j, filter, after, limit);
      },
      [](const v1::LeaveRequest& l) { return service::IdOf(l); },
      [&](const v1::LeaveRequest& l) { *response->add_leave_requests() = l; });
}

Status Leave::Move(const CallContext& call, const std::string& name,
                   const google::protobuf::Message& request, LeaveAction action,
                   const std::string& approver_level, const std::string& note,
                   const common::v1::Date* return_date, v1::LeaveRequest* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, name, "leaveRequests"));
  const std::string& j = ref.jurisdiction;
  const CivilDate today = FromProto(DateOf(call.now));
  return ctx_.mutate(call, j, request, response,
                     [&](db::Transaction& tx) -> StatusOr<v1::LeaveRequest> {
                       ASSIGN_OR_RETURN(auto found, store::FindLeave(tx, j, ref.id, /*lock=*/true));
                       if (!found) return NotFound("leave request", name);
                       if (action == LeaveAction::kApprove || action == LeaveAction::kReject) {
                         RETURN_IF_ERROR(CheckLeaveDecision(*found, action, approver_level, note));
                       }
                       ASSIGN_OR_RETURN(const auto next, LeaveTransition(*found, action));
                       if (action == LeaveAction::kReturn) {
                         RETURN_IF_ERROR(CheckLeaveReturn(*found, *return_date, today));
                       }
                       return store::UpdateLeaveState(tx, j, *found, next, call.principal.actor,
                                                      note, return_date, call.now);
                     });
}

Status Leave::Approve(const CallContext& call, const v1::DecideLeaveRequestRequest& request,
                      v1::LeaveRequest* response) const {
  return Move(call, request.name(), request, LeaveAction::kApprove, request.approver_level(),
              request.note(), nullptr, response);
}

Status Leave::Reject(const CallContext& call, const v1::DecideLeaveRequestRequest& request,
                     v1::LeaveRequest* response) const {
  return Move(call, request.name(), request, LeaveAction::kReject, request.approver_level(),
              request.note(), nullptr, response);
}

Status Leave::Cancel(const CallContext& call, const v1::CancelLeaveRequestRequest& request,
                     v1::LeaveRequest* response) const {
  return Move(call, request.name(), request, LeaveAction::kCancel, "", "", nullptr, response);
}

Status Leave::Return(const CallContext& call, const v1::RecordLeaveReturnRequest& request,
                     v1::LeaveRequest* response) const {
  return Move(call, request.name(), request, LeaveAction::kReturn, "", "", &request.return_date(),
              response);
}

}  // namespace auxpro::assessment
