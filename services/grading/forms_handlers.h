#pragma once

#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"

namespace auxpro::grading {

// RecordAttestation (wenjiang 6.1 c) PROPER_CONDUCT by the bureau) and the printable data of the
// 任职资格标准考核认证表 (GetQualificationForm) and of a result notice (GetResultNoticeForm).
class Forms {
 public:
  explicit Forms(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status RecordAttestation(const rpc::CallContext& call,
                                 const v1::RecordAttestationRequest& request,
                                 v1::PersonAttestation* response) const;
  absl::Status QualificationForm(const rpc::CallContext& call,
                                 const v1::GetQualificationFormRequest& request,
                                 v1::QualificationForm* response) const;
  absl::Status NoticeForm(const rpc::CallContext& call,
                          const v1::GetResultNoticeFormRequest& request,
                          v1::ResultNoticeForm* response) const;

 private:
  const service::ServiceContext& ctx_;
};

}  // namespace auxpro::grading
