#pragma once

#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::grading {

// Applications (申报) and result notices: CheckRequirements, CreateApplication, GetApplication,
// ListApplications, Submit/PassQualificationReview/Decide/Return/Withdraw/FileApplication,
// PublishResultNotice, GetResultNotice.
class Applications {
 public:
  explicit Applications(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Check(const rpc::CallContext& call, const v1::CheckRequirementsRequest& request,
                     v1::RequirementCheck* response) const;
  absl::Status Create(const rpc::CallContext& call, const v1::CreateApplicationRequest& request,
                      v1::Application* response) const;
  absl::Status Get(const rpc::CallContext& call, const v1::GetApplicationRequest& request,
                   v1::Application* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListApplicationsRequest& request,
                    v1::ListApplicationsResponse* response) const;
  absl::Status Submit(const rpc::CallContext& call, const v1::SubmitApplicationRequest& request,
                      v1::Application* response) const;
  absl::Status PassReview(const rpc::CallContext& call,
                          const v1::PassQualificationReviewRequest& request,
                          v1::Application* response) const;
  absl::Status Decide(const rpc::CallContext& call, const v1::DecideApplicationRequest& request,
                      v1::Application* response) const;
  absl::Status Return(const rpc::CallContext& call, const v1::ReturnApplicationRequest& request,
                      v1::Application* response) const;
  absl::Status Withdraw(const rpc::CallContext& call, const v1::WithdrawApplicationRequest& request,
                        v1::Application* response) const;
  absl::Status File(const rpc::CallContext& call, const v1::FileApplicationRequest& request,
                    v1::Application* response) const;
  absl::Status Publish(const rpc::CallContext& call, const v1::PublishResultNoticeRequest& request,
                       v1::ResultNotice* response) const;
  absl::Status GetNotice(const rpc::CallContext& call, const v1::GetResultNoticeRequest& request,
                         v1::ResultNotice* response) const;

 private:
  // The check of a person for `target` now (0: the next level), read live.
  absl::StatusOr<v1::RequirementCheck> Compute(const rpc::CallContext& call, const std::string& j,
                                               const std::string& person_id, int target) const;

  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::grading
