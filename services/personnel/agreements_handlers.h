#pragma once

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// Dispatch agreements: Create, Sign, Get, List.
class Agreements {
 public:
  explicit Agreements(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Create(const rpc::CallContext& call,
                      const v1::CreateDispatchAgreementRequest& request,
                      v1::DispatchAgreement* response) const;
  absl::Status Sign(const rpc::CallContext& call, const v1::SignDispatchAgreementRequest& request,
                    v1::DispatchAgreement* response) const;
  absl::Status Get(const rpc::CallContext& call, const v1::GetDispatchAgreementRequest& request,
                   v1::DispatchAgreement* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListDispatchAgreementsRequest& request,
                    v1::ListDispatchAgreementsResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
