#pragma once

#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "libs/service/service_context.h"
#include "libs/service/unary_service.h"
#include "services/assessment/daily_handlers.h"
#include "services/assessment/leave_handlers.h"
#include "services/assessment/monthly_handlers.h"
#include "services/assessment/pay_handlers.h"
#include "services/assessment/publication_handlers.h"
#include "services/assessment/registration_handlers.h"
#include "services/assessment/ratings_handlers.h"
#include "services/assessment/sessions_handlers.h"
#include "services/assessment/standing_handlers.h"

namespace auxpro::assessment {

// auxpro.assessment.v1.Assessment: every rpc of the proto bound to the handler of its resource.
// Access by agency kind is enforced by the server before a handler runs (proto options).
class AssessmentService final : public service::UnaryService {
 public:
  explicit AssessmentService(const service::ServiceContext& ctx);

 private:
  Daily daily_;
  Leave leave_;
  Monthly monthly_;
  Sessions sessions_;
  Ratings ratings_;
  Standing standing_;
  Publications publications_;
  Registrations registrations_;
  PaySheets pay_sheets_;
};

}  // namespace auxpro::assessment
