#pragma once

#include "auxpro/common/v1/events.pb.h"
#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::grading {

// Levels and what moves them outside applications: GetPersonLevel, RevokeLevel, demotion cases,
// the archive, and personnel's PersonExited (revocation on exit).
class Levels {
 public:
  explicit Levels(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Get(const rpc::CallContext& call, const v1::GetPersonLevelRequest& request,
                   v1::PersonLevel* response) const;
  absl::Status Revoke(const rpc::CallContext& call, const v1::RevokeLevelRequest& request,
                      v1::PersonLevel* response) const;
  absl::Status OpenCase(const rpc::CallContext& call, const v1::OpenDemotionCaseRequest& request,
                        v1::DemotionCase* response) const;
  absl::Status GetCase(const rpc::CallContext& call, const v1::GetDemotionCaseRequest& request,
                       v1::DemotionCase* response) const;
  absl::Status DecideCase(const rpc::CallContext& call,
                          const v1::DecideDemotionCaseRequest& request,
                          v1::DemotionCase* response) const;
  absl::Status ListArchive(const rpc::CallContext& call,
                           const v1::ListArchiveEntriesRequest& request,
                           v1::ListArchiveEntriesResponse* response) const;
  absl::Status Consume(const rpc::CallContext& call, const common::v1::ConsumeEventRequest& request,
                       common::v1::ConsumeEventResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::grading
