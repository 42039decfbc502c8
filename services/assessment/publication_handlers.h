#pragma once

#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/assessment/personnel_reader.h"

namespace auxpro::assessment {

// Publication within the unit (公示, longquan art. 13(4)): PublishResults, GetPublication,
// ListPublications, RecordObjection, ListObjections, AnswerObjection.
class Publications {
 public:
  explicit Publications(const service::ServiceContext& ctx) : ctx_(ctx), personnel_(ctx.peers) {}

  absl::Status Publish(const rpc::CallContext& call, const v1::PublishResultsRequest& request,
                       v1::Publication* response) const;
  absl::Status Get(const rpc::CallContext& call, const v1::GetPublicationRequest& request,
                   v1::Publication* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListPublicationsRequest& request,
                    v1::ListPublicationsResponse* response) const;
  absl::Status Object(const rpc::CallContext& call, const v1::RecordObjectionRequest& request,
                      v1::Objection* response) const;
  absl::Status ListObjections(const rpc::CallContext& call,
                              const v1::ListObjectionsRequest& request,
                              v1::ListObjectionsResponse* response) const;
  absl::Status Answer(const rpc::CallContext& call, const v1::AnswerObjectionRequest& request,
                      v1::Objection* response) const;

 private:
  const service::ServiceContext& ctx_;
  PersonnelReader personnel_;
};

}  // namespace auxpro::assessment
