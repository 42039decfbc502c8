#include "libs/service/event_consumer_service.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace auxpro::service {

EventConsumerService::EventConsumerService(rpc::WorkPool& work)
    : UnaryService(common::v1::EventConsumer::service_full_name(), work) {
  Bind("ConsumeEvent", this, &EventConsumerService::Consume);
}

void EventConsumerService::AddConsumer(const std::string& module, EventHandler handler) {
  handlers_[module] = std::move(handler);
}

absl::Status EventConsumerService::Consume(const rpc::CallContext& call,
                                           const common::v1::ConsumeEventRequest& request,
                                           common::v1::ConsumeEventResponse* response) const {
  if (request.consumer().empty()) return Invalid("consumer: required (the consuming service)");
  if (request.event().event_id().empty()) return Invalid("event.event_id: required");
  auto handler = handlers_.find(request.consumer());
  if (handler == handlers_.end()) {
    return absl::UnavailableError(
        absl::StrCat("consumer: \"", request.consumer(), "\" is not hosted by this endpoint"));
  }
  return handler->second(call, request, response);
}

}  // namespace auxpro::service
