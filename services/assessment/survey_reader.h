#pragma once

// Live reads of satisfaction rates from the survey service (auxpro.survey.v1.Survey) through the
// host's PeerRouter, with a deadline. A survey service that does not answer (no route, timeout,
// down) is UNAVAILABLE, never a default value.

#include <string>

#include "absl/status/statusor.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/service/peer_router.h"

namespace auxpro::assessment {

class SurveyReader {
 public:
  explicit SurveyReader(service::PeerRouter* peers) : peers_(peers) {}

  // The satisfaction rate of `person` over the campaign `campaign` (both names of one
  // jurisdiction). NOT_FOUND naming `field` when the survey does not know the campaign.
  absl::StatusOr<survey::v1::SatisfactionRate> Rate(const std::string& person,
                                                    const std::string& campaign,
                                                    const std::string& field) const;

 private:
  service::PeerRouter* peers_;
};

}  // namespace auxpro::assessment
