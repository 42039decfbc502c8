#pragma once

#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/rpc/work_pool.h"
#include "libs/service/service_context.h"
#include "libs/service/unary_service.h"
#include "services/survey/campaigns_handlers.h"
#include "services/survey/export_handlers.h"
#include "services/survey/results_handlers.h"
#include "services/survey/submissions_handlers.h"

namespace auxpro::survey {

namespace internal {
// The survey's own blocking-work pool. Its handlers wait on personnel (badge lookups); on the
// host's shared pool, enough concurrent submissions would occupy every worker while the
// personnel calls they wait for queue behind them on the same pool, until their deadline.
struct OwnWorkPool {
  rpc::WorkPool own_work{8, 1024};
};
}  // namespace internal

// auxpro.survey.v1.Survey: every rpc of the proto bound to the handler of its resource.
class SurveyService final : private internal::OwnWorkPool, public service::UnaryService {
 public:
  explicit SurveyService(const service::ServiceContext& ctx);

 private:
  Campaigns campaigns_;
  Submissions submissions_;
  Results results_;
  Export export_;
};

}  // namespace auxpro::survey
