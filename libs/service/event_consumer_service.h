#pragma once

#include <map>
#include <string>

#include "auxpro/common/v1/events.grpc.pb.h"
#include "libs/service/module.h"
#include "libs/service/unary_service.h"

namespace auxpro::service {

// auxpro.common.v1.EventConsumer, served once by a host: hands each delivered event to the hosted
// module it is addressed to (ConsumeEventRequest.consumer).
class EventConsumerService final : public UnaryService {
 public:
  explicit EventConsumerService(rpc::WorkPool& work);
  void AddConsumer(const std::string& module, EventHandler handler);
  bool empty() const { return handlers_.empty(); }

  // INVALID_ARGUMENT without a consumer or an event (parked at the producer); UNAVAILABLE for a
  // consumer this endpoint does not host (the producer retries, e.g. after a route changes).
  absl::Status Consume(const rpc::CallContext& call, const common::v1::ConsumeEventRequest& r,
                       common::v1::ConsumeEventResponse* response) const;

 private:
  std::map<std::string, EventHandler> handlers_;
};

}  // namespace auxpro::service
