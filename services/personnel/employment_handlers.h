#pragma once

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// An auxiliary's employment: CheckRecruitmentEligibility, HirePerson, EndProbation,
// TransferPerson, ExitPerson. Each loads the facts, asks employment_rules for the decision and
// writes what it decided (with its outbox event) in one mutation.
class Employment {
 public:
  explicit Employment(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status CheckEligibility(const rpc::CallContext& call,
                                const v1::CheckRecruitmentEligibilityRequest& request,
                                v1::CheckRecruitmentEligibilityResponse* response) const;
  absl::Status Hire(const rpc::CallContext& call, const v1::HirePersonRequest& request,
                    v1::Person* response) const;
  absl::Status EndProbation(const rpc::CallContext& call, const v1::EndProbationRequest& request,
                            v1::Person* response) const;
  absl::Status Transfer(const rpc::CallContext& call, const v1::TransferPersonRequest& request,
                        v1::Person* response) const;
  absl::Status Exit(const rpc::CallContext& call, const v1::ExitPersonRequest& request,
                    v1::Person* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
