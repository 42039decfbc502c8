#pragma once

#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/assessment/personnel_reader.h"

namespace auxpro::assessment {

// Daily management: CreateDailyRecord, ListDailyRecords, GetWeeklyReport, ListDismissalFlags.
class Daily {
 public:
  explicit Daily(const service::ServiceContext& ctx) : ctx_(ctx), personnel_(ctx.peers) {}

  absl::Status Create(const rpc::CallContext& call, const v1::CreateDailyRecordRequest& request,
                      v1::DailyRecord* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListDailyRecordsRequest& request,
                    v1::ListDailyRecordsResponse* response) const;
  absl::Status Weekly(const rpc::CallContext& call, const v1::GetWeeklyReportRequest& request,
                      v1::WeeklyReport* response) const;
  absl::Status Flags(const rpc::CallContext& call, const v1::ListDismissalFlagsRequest& request,
                     v1::ListDismissalFlagsResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
  PersonnelReader personnel_;
};

}  // namespace auxpro::assessment
