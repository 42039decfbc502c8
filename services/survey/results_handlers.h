#pragma once

#include "auxpro/survey/v1/survey_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::survey {

// What a campaign yields: GetSatisfactionRate, ListComments. Below the minimum sample a person's
// rate, distributions and comments are withheld alike.
class Results {
 public:
  explicit Results(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Rate(const rpc::CallContext& call, const v1::GetSatisfactionRateRequest& request,
                    v1::SatisfactionRate* response) const;
  // BatchGetSatisfactionRates: the rates of many persons over all campaigns, no distributions.
  absl::Status BatchRates(const rpc::CallContext& call,
                          const v1::BatchGetSatisfactionRatesRequest& request,
                          v1::BatchGetSatisfactionRatesResponse* response) const;
  absl::Status Comments(const rpc::CallContext& call, const v1::ListCommentsRequest& request,
                        v1::ListCommentsResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::survey
