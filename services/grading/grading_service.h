#pragma once

#include "auxpro/common/v1/events.pb.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "libs/service/service_context.h"
#include "libs/service/unary_service.h"
#include "services/grading/applications_handlers.h"
#include "services/grading/deadlines_handlers.h"
#include "services/grading/forms_handlers.h"
#include "services/grading/levels_handlers.h"
#include "services/grading/objections_handlers.h"
#include "services/grading/round_handlers.h"

namespace auxpro::grading {

// auxpro.grading.v1.Grading: every rpc of the proto bound to its handler, and the events
// addressed to consumer "grading". Access by agency kind is enforced before a handler runs.
class GradingService final : public service::UnaryService {
 public:
  explicit GradingService(const service::ServiceContext& ctx);

  absl::Status ConsumeEvent(const rpc::CallContext& call,
                            const common::v1::ConsumeEventRequest& request,
                            common::v1::ConsumeEventResponse* response) const {
    return levels_.Consume(call, request, response);
  }

 private:
  Applications applications_;
  Levels levels_;
  Deadlines deadlines_;
  Objections objections_;
  Forms forms_;
  Round round_;
};

}  // namespace auxpro::grading
