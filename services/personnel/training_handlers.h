#pragma once

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// Training: RecordTraining, ListTrainingRecords, GetTrainingCoverage.
class Training {
 public:
  explicit Training(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Record(const rpc::CallContext& call, const v1::RecordTrainingRequest& request,
                      v1::TrainingRecord* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListTrainingRecordsRequest& request,
                    v1::ListTrainingRecordsResponse* response) const;
  absl::Status Coverage(const rpc::CallContext& call, const v1::GetTrainingCoverageRequest& request,
                        v1::TrainingCoverage* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
