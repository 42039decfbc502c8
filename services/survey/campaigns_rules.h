#pragma once

// Campaign rules (DOMAIN.md section 6): the life cycle DRAFT -> OPEN -> CLOSED, and whether a
// response may be taken on a day. Pure: facts in, decision out.

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/common/v1/types.pb.h"
#include "auxpro/survey/v1/survey_service.pb.h"

namespace auxpro::survey {

// The state after `action` ("open", "close"); FAILED_PRECONDITION INVALID_STATE_TRANSITION.
absl::StatusOr<v1::Campaign::State> DecideTransition(const v1::Campaign& campaign,
                                                     const std::string& action);

// The fields UpdateCampaign may name; INVALID_ARGUMENT for any other. Once the campaign has a
// response, any but display_name is FAILED_PRECONDITION CAMPAIGN_FIXED.
absl::Status CheckCampaignUpdate(const v1::Campaign& campaign, bool has_responses,
                                 const std::vector<std::string>& paths);

// A response about the auxiliary `person_id` on `day`: the campaign must be OPEN
// (CAMPAIGN_NOT_OPEN), the day within its period (OUTSIDE_CAMPAIGN_PERIOD) and the auxiliary
// covered (AUXILIARY_NOT_COVERED); all FAILED_PRECONDITION.
absl::Status CheckOpenFor(const v1::Campaign& campaign, const common::v1::Date& day);
absl::Status CheckCovered(const v1::Campaign& campaign, bool covered,
                          const std::string& badge_number);

// Answers to the rated questions: exactly `rated_questions` of them, each 1-5. INVALID_ARGUMENT
// naming the first bad one.
absl::Status CheckAnswers(uint32_t rated_questions,
                          const google::protobuf::RepeatedField<uint32_t>& answers);

}  // namespace auxpro::survey
