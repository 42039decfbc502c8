#pragma once

#include "auxpro/points/v1/points_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::points {

// The ledger: RecordCommendation, RecordBreach, ReverseEntry, GetPointBalance, ListPointEntries,
// BatchGetPointBalances.
class Ledger {
 public:
  explicit Ledger(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status RecordCommendation(const rpc::CallContext& call,
                                  const v1::RecordCommendationRequest& request,
                                  v1::PointEntry* response) const;
  absl::Status RecordBreach(const rpc::CallContext& call, const v1::RecordBreachRequest& request,
                            v1::PointEntry* response) const;
  absl::Status Reverse(const rpc::CallContext& call, const v1::ReverseEntryRequest& request,
                       v1::PointEntry* response) const;
  absl::Status GetBalance(const rpc::CallContext& call, const v1::GetPointBalanceRequest& request,
                          v1::PointBalance* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListPointEntriesRequest& request,
                    v1::ListPointEntriesResponse* response) const;
  absl::Status BatchGetBalances(const rpc::CallContext& call,
                                const v1::BatchGetPointBalancesRequest& request,
                                v1::BatchGetPointBalancesResponse* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::points
