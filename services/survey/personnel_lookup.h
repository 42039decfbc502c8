#pragma once

// The auxiliary behind a badge number, read live from the personnel service (ListPersons with
// filter badge_number=) through the PeerRouter, with a deadline. A personnel service that does
// not answer is UNAVAILABLE, never a guess.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/service/peer_router.h"

namespace auxpro::survey {

struct Auxiliary {
  std::string person_id;
  personnel::v1::PostType post_type = personnel::v1::POST_TYPE_UNSPECIFIED;
};

// INVALID_ARGUMENT naming `field` unless 1-32 ASCII letters and digits.
absl::Status CheckBadgeNumber(const std::string& badge, const std::string& field);

// nullopt when no person holds a valid permit with that badge number in the jurisdiction.
absl::StatusOr<std::optional<Auxiliary>> FindByBadge(service::PeerRouter* peers,
                                                     const std::string& jurisdiction,
                                                     const std::string& badge,
                                                     absl::Duration deadline = absl::Seconds(5));

}  // namespace auxpro::survey
