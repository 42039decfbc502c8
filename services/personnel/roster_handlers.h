#pragma once

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// The public roster of a unit (wenjiang 5.2): GetPublicRoster, a read of exactly the displayed
// fields of the people serving in the unit.
class Roster {
 public:
  explicit Roster(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Get(const rpc::CallContext& call, const v1::GetPublicRosterRequest& request,
                   v1::PublicRoster* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
