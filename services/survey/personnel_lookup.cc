#include "services/survey/personnel_lookup.h"

#include <grpcpp/client_context.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/errors.h"
#include "libs/db/columns.h"

namespace auxpro::survey {

absl::Status CheckBadgeNumber(const std::string& badge, const std::string& field) {
  if (badge.empty() || badge.size() > 32) {
    return Invalid(absl::StrCat(field, ": 1-32 letters and digits required, got ", badge.size(),
                                " characters"));
  }
  for (char c : badge) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      return Invalid(absl::StrCat(field, ": letters and digits only"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Auxiliary>> FindByBadge(service::PeerRouter* peers,
                                                     const std::string& j, const std::string& badge,
                                                     absl::Duration deadline) {
  std::shared_ptr<personnel::v1::Personnel::Stub> stub;
  if (peers != nullptr) stub = peers->StubOf<personnel::v1::Personnel>("personnel");
  if (stub == nullptr) {
    return absl::UnavailableError("personnel service: no route to look up the badge number");
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  personnel::v1::ListPersonsRequest request;
  request.set_parent(absl::StrCat("jurisdictions/", j));
  request.set_filter(absl::StrCat("badge_number=", badge));
  request.set_page_size(2);
  personnel::v1::ListPersonsResponse response;
  const grpc::Status status = stub->ListPersons(&context, request, &response);
  if (!status.ok()) {
    return absl::UnavailableError(
        absl::StrCat("personnel service did not answer the badge lookup (",
                     static_cast<int>(status.error_code()), ": ", status.error_message(), ")"));
  }
  if (response.persons_size() == 0) return std::optional<Auxiliary>();
  Auxiliary aux;
  aux.person_id = db::LastSegment(response.persons(0).name());
  aux.post_type = response.persons(0).post_type();
  return std::optional<Auxiliary>(aux);
}

}  // namespace auxpro::survey
