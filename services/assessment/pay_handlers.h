#pragma once

#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/assessment/personnel_reader.h"

namespace auxpro::assessment {

// The monthly performance-pay sheet (longquan art. 17): GetPaySheet.
class PaySheets {
 public:
  explicit PaySheets(const service::ServiceContext& ctx) : ctx_(ctx), personnel_(ctx.peers) {}

  absl::Status Get(const rpc::CallContext& call, const v1::GetPaySheetRequest& request,
                   v1::PaySheet* response) const;

 private:
  const service::ServiceContext& ctx_;
  PersonnelReader personnel_;
};

}  // namespace auxpro::assessment
