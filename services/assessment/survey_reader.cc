#include "services/assessment/survey_reader.h"

#include <grpcpp/client_context.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace auxpro::assessment {

namespace {

constexpr std::chrono::seconds kDeadline{5};

}  // namespace

absl::StatusOr<survey::v1::SatisfactionRate> SurveyReader::Rate(const std::string& person,
                                                                const std::string& campaign,
                                                                const std::string& field) const {
  auto stub = peers_ == nullptr ? nullptr : peers_->StubOf<survey::v1::Survey>("survey");
  if (stub == nullptr) return absl::UnavailableError("survey service: no route");
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kDeadline);
  survey::v1::GetSatisfactionRateRequest request;
  request.set_person(person);
  request.set_campaign(campaign);
  survey::v1::SatisfactionRate rate;
  grpc::Status s = stub->GetSatisfactionRate(&context, request, &rate);
  if (s.error_code() == grpc::StatusCode::NOT_FOUND ||
      s.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    return NotFound(absl::StrCat(field, ": survey campaign"), campaign);
  }
  if (!s.ok()) {
    return absl::UnavailableError(
        absl::StrCat("survey service did not answer: ", s.error_message()));
  }
  return rate;
}

}  // namespace auxpro::assessment
