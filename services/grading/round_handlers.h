#pragma once

#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::grading {

// ListRoundEntries: the round of a jurisdiction, read in chunks of persons (round_reader) and
// judged by round_rules.
class Round {
 public:
  explicit Round(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status List(const rpc::CallContext& call, const v1::ListRoundEntriesRequest& request,
                    v1::ListRoundEntriesResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::grading
