#pragma once

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::personnel {

// Labour contracts and backbone posts: CreateLabourContract, ListLabourContracts,
// EndLabourContract, SetBackbonePosts, AppointBackbonePost. Each loads the facts, asks
// contracts_rules and writes what it decided in one mutation.
class Contracts {
 public:
  explicit Contracts(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Create(const rpc::CallContext& call, const v1::CreateLabourContractRequest& request,
                      v1::LabourContract* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListLabourContractsRequest& request,
                    v1::ListLabourContractsResponse* response) const;
  absl::Status End(const rpc::CallContext& call, const v1::EndLabourContractRequest& request,
                   v1::LabourContract* response) const;
  absl::Status SetBackbonePosts(const rpc::CallContext& call,
                                const v1::SetBackbonePostsRequest& request,
                                v1::BackbonePosts* response) const;
  absl::Status AppointBackbonePost(const rpc::CallContext& call,
                                   const v1::AppointBackbonePostRequest& request,
                                   v1::Person* response) const;

 private:
  // The last final annual grade of the person from the assessment service (GetAssessmentStanding,
  // with a deadline): nullopt when it has none; UNAVAILABLE when it does not answer.
  absl::StatusOr<std::optional<std::string>> LastAnnualGrade(const std::string& person) const;

  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::personnel
