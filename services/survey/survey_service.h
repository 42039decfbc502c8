#pragma once

#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/service/service_context.h"
#include "libs/service/unary_service.h"
#include "services/survey/campaigns_handlers.h"
#include "services/survey/export_handlers.h"
#include "services/survey/results_handlers.h"
#include "services/survey/submissions_handlers.h"

namespace auxpro::survey {

// auxpro.survey.v1.Survey: every rpc of the proto bound to the handler of its resource.
class SurveyService final : public service::UnaryService {
 public:
  explicit SurveyService(const service::ServiceContext& ctx);

 private:
  Campaigns campaigns_;
  Submissions submissions_;
  Results results_;
  Export export_;
};

}  // namespace auxpro::survey
