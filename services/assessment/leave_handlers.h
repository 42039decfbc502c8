#pragma once

#include "auxpro/assessment/v1/leave_requests.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/assessment/leave_rules.h"
#include "services/assessment/personnel_reader.h"

namespace auxpro::assessment {

// Leave requests approved by level: Create/Get/ListLeaveRequests, Approve/Reject/
// CancelLeaveRequest, RecordLeaveReturn.
class Leave {
 public:
  explicit Leave(const service::ServiceContext& ctx) : ctx_(ctx), personnel_(ctx.peers) {}

  absl::Status Create(const rpc::CallContext& call, const v1::CreateLeaveRequestRequest& request,
                      v1::LeaveRequest* response) const;
  absl::Status Get(const rpc::CallContext& call, const v1::GetLeaveRequestRequest& request,
                   v1::LeaveRequest* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListLeaveRequestsRequest& request,
                    v1::ListLeaveRequestsResponse* response) const;
  absl::Status Approve(const rpc::CallContext& call, const v1::DecideLeaveRequestRequest& request,
                       v1::LeaveRequest* response) const;
  absl::Status Reject(const rpc::CallContext& call, const v1::DecideLeaveRequestRequest& request,
                      v1::LeaveRequest* response) const;
  absl::Status Cancel(const rpc::CallContext& call, const v1::CancelLeaveRequestRequest& request,
                      v1::LeaveRequest* response) const;
  absl::Status Return(const rpc::CallContext& call, const v1::RecordLeaveReturnRequest& request,
                      v1::LeaveRequest* response) const;

 private:
  // One step of the life cycle of the request `name`, checked (approver level, return date)
  // against the request as locked in the mutation's transaction.
  absl::Status Move(const rpc::CallContext& call, const std::string& name,
                    const google::protobuf::Message& request, LeaveAction action,
                    const std::string& approver_level, const std::string& note,
                    const common::v1::Date* return_date, v1::LeaveRequest* response) const;

  const service::ServiceContext& ctx_;
  PersonnelReader personnel_;
};

}  // namespace auxpro::assessment
