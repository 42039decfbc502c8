#pragma once

#include "auxpro/common/v1/events.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/service/service_context.h"
#include "libs/service/unary_service.h"
#include "services/personnel/agreements_handlers.h"
#include "services/personnel/contracts_handlers.h"
#include "services/personnel/employment_handlers.h"
#include "services/personnel/events_handlers.h"
#include "services/personnel/hiring_steps_handlers.h"
#include "services/personnel/organisation_handlers.h"
#include "services/personnel/permits_handlers.h"
#include "services/personnel/persons_handlers.h"
#include "services/personnel/roster_handlers.h"
#include "services/personnel/staffing_handlers.h"
#include "services/personnel/training_handlers.h"

namespace auxpro::personnel {

// auxpro.personnel.v1.Personnel: every rpc of the proto bound to the handler of its resource.
// Access by agency kind is enforced by the server before a handler runs (proto options,
// libs/auth); each handler validates, scopes to the caller's jurisdiction, asks its *_rules and
// writes through its *_store in one mutation. The events addressed to consumer "personnel" (the
// assessment service's probation results) are applied by Events.
class PersonnelService final : public service::UnaryService {
 public:
  explicit PersonnelService(const service::ServiceContext& ctx);

  absl::Status ConsumeEvent(const rpc::CallContext& call,
                            const common::v1::ConsumeEventRequest& request,
                            common::v1::ConsumeEventResponse* response) const {
    return events_.Consume(call, request, response);
  }

 private:
  Persons persons_;
  Employment employment_;
  HiringSteps hiring_steps_;
  Agreements agreements_;
  Organisation organisation_;
  Training training_;
  Permits permits_;
  Roster roster_;
  Contracts contracts_;
  Staffing staffing_;
  Events events_;
};

}  // namespace auxpro::personnel
