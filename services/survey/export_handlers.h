#pragma once

#include "auxpro/survey/v1/survey_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::survey {

// ExportCampaign: a campaign's responses or rates as CSV, one bounded page per call.
class Export {
 public:
  explicit Export(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Campaign(const rpc::CallContext& call, const v1::ExportCampaignRequest& request,
                        v1::ExportCampaignResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::survey
