#pragma once

// The centralized assessment session a campaign belongs to (wenjiang 7.2, 7.3.1.5: the citizen
// survey is one item of the quarterly centralized assessment), read live from the assessment
// service (GetAssessmentSession) through the PeerRouter, with a deadline. An assessment service
// that does not answer is UNAVAILABLE, never a guess.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/rpc/call_context.h"
#include "libs/service/peer_router.h"

namespace auxpro::survey {

// OK when `session` (`jurisdictions/{j}/assessmentSessions/{id}`, in the campaign's jurisdiction
// `j`) exists, is commissioned to the calling assessor (for an ASSESSOR caller) and counts every
// person of `person_ids` among its participants. Otherwise INVALID_ARGUMENT (not a session name of
// `j`), FAILED_PRECONDITION with ErrorInfo ASSESSMENT_SESSION_NOT_FOUND,
// ASSESSOR_NOT_COMMISSIONED or NOT_A_SESSION_PARTICIPANT naming the field, or UNAVAILABLE.
absl::Status CheckAssessmentSession(service::PeerRouter* peers, const rpc::CallContext& call,
                                    const std::string& j, const std::string& session,
                                    const std::vector<std::string>& person_ids,
                                    absl::Duration deadline = absl::Seconds(5));

}  // namespace auxpro::survey
