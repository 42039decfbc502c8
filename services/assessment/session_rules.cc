#include "services/assessment/session_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace auxpro::assessment {

v1::AssessmentSession::ParticipationBasis DecideParticipation(const ParticipantFacts& facts) {
  if (facts.on_probation && !facts.sat_before) {
    return v1::AssessmentSession::PROBATION_FIRST_SESSION;
  }
  return v1::AssessmentSession::REGULAR;
}

absl::StatusOr<bool> DecideSatisfaction(const policy::v1::Assessment& policy,
                                        const survey::v1::SatisfactionRate& rate) {
  if (policy.satisfaction_pass_percent() == 0) {
    return Precondition(
        "PUBLIC_SATISFACTION: the policy sets no assessment.satisfaction_pass_percent "
        "(wenjiang 7.3.1.5)");
  }
  if (rate.insufficient()) {
    return WithErrorInfo(
        Precondition(
            absl::StrCat("PUBLIC_SATISFACTION: ", rate.response_count(), " survey responses about ",
                         rate.person(), " in ", rate.campaign(), ", below the minimum sample of ",
                         rate.min_responses(), "; no rate, so no result (wenjiang 7.3.1.5)")),
        "SATISFACTION_INSUFFICIENT",
        {{"campaign", rate.campaign()},
         {"responses", absl::StrCat(rate.response_count())},
         {"min_responses", absl::StrCat(rate.min_responses())}});
  }
  return rate.rate_percent() >= static_cast<double>(policy.satisfaction_pass_percent());
}

}  // namespace auxpro::assessment
