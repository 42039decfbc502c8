#pragma once

#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/assessment/personnel_reader.h"

namespace auxpro::assessment {

// The annual registration form (longquan annex 2, art. 13(2)): GetAnnualRegistration,
// UpdateAnnualRegistration, AcknowledgeAnnualRegistration.
class Registrations {
 public:
  explicit Registrations(const service::ServiceContext& ctx) : ctx_(ctx), personnel_(ctx.peers) {}

  absl::Status Get(const rpc::CallContext& call, const v1::GetAnnualRegistrationRequest& request,
                   v1::AnnualRegistration* response) const;
  absl::Status Update(const rpc::CallContext& call,
                      const v1::UpdateAnnualRegistrationRequest& request,
                      v1::AnnualRegistration* response) const;
  absl::Status Acknowledge(const rpc::CallContext& call,
                           const v1::AcknowledgeAnnualRegistrationRequest& request,
                           v1::AnnualRegistration* response) const;

 private:
  const service::ServiceContext& ctx_;
  PersonnelReader personnel_;
};

}  // namespace auxpro::assessment
