#pragma once

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// Work permits: IssuePermit, RevokePermit, ListPermits.
class Permits {
 public:
  explicit Permits(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Issue(const rpc::CallContext& call, const v1::IssuePermitRequest& request,
                     v1::Permit* response) const;
  absl::Status Revoke(const rpc::CallContext& call, const v1::RevokePermitRequest& request,
                      v1::Permit* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListPermitsRequest& request,
                    v1::ListPermitsResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
