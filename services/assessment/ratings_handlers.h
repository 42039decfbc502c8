#pragma once

#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/assessment/personnel_reader.h"

namespace auxpro::assessment {

// Annual ratings: ProposeAnnualRating, ListAnnualRatings, FinalizeAnnualRatings.
class Ratings {
 public:
  explicit Ratings(const service::ServiceContext& ctx) : ctx_(ctx), personnel_(ctx.peers) {}

  absl::Status Propose(const rpc::CallContext& call, const v1::ProposeAnnualRatingRequest& request,
                       v1::AnnualRating* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListAnnualRatingsRequest& request,
                    v1::ListAnnualRatingsResponse* response) const;
  absl::Status Finalize(const rpc::CallContext& call,
                        const v1::FinalizeAnnualRatingsRequest& request,
                        v1::RatingYear* response) const;

 private:
  const service::ServiceContext& ctx_;
  PersonnelReader personnel_;
};

}  // namespace auxpro::assessment
