#pragma once

// The round (pure): who of a page of persons may apply for the next level up now, and who is due
// for demotion, each with the requirement check behind it (check_rules). Facts and the policy
// in, entries out; no I/O, no clock.

#include <string>
#include <vector>

#include "auxpro/grading/v1/grading_service.pb.h"
#include "auxpro/points/v1/points_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "services/grading/check_rules.h"

namespace auxpro::grading {

// Demotion is due (wenjiang 8.5 岗级降低) for a person holding `level` when it is at or above the
// policy's demotion_from_level (levels are 5 lowest .. 1 highest) and the points service's level
// period is of that level with level points at or below demotion_threshold.
bool DemotionDue(const policy::v1::Points& points, int level,
                 const points::v1::PointBalance& balance);

// One person of the round: the facts read for the check and what grading holds of them.
struct RoundCandidate {
  CheckFacts facts;  // facts.current_level is grading's level
  std::string open_application;    // resource name, "" when none
  std::string open_demotion_case;  // resource name, "" when none
};

// The person's entries (none, one, or in a policy where both hold, two): PROMOTION_ELIGIBLE when
// the check of the next level up passes; DEMOTION_DUE when DemotionDue. `only` (unspecified:
// both) keeps one kind. Each entry carries the check of CheckRequirements for the next level up
// (of the level held at the top level).
std::vector<v1::RoundEntry> RoundEntriesOf(const policy::v1::Policy& policy,
                                           const RoundCandidate& candidate,
                                           v1::RoundEntryKind only);

}  // namespace auxpro::grading
