// Dispatch agreements (劳务派遣协议, shanxi art. 11): pure.
#pragma once

#include <optional>

#include "absl/status/status.h"
#include "auxpro/common/v1/access.pb.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/decision.h"

namespace auxpro::personnel {

// "agreement_headcount": assigned + adding exceeds the agreement's head-count.
std::optional<RuleFailure> CheckAgreementCapacity(int headcount, int assigned, int adding);
// "agreement_term": `on` outside [start, end] (both inclusive).
std::optional<RuleFailure> CheckAgreementActive(CivilDate start, CivilDate end, CivilDate on);

// The agreement can take one more hire on `on`; FAILED_PRECONDITION otherwise:
// AGREEMENT_NOT_SIGNED (not signed by both sides), AGREEMENT_OUT_OF_TERM (start_date, end_date),
// AGREEMENT_HEADCOUNT_REACHED (dispatch_agreement, headcount, assigned_count).
absl::Status CheckAgreementOpen(const v1::DispatchAgreement& agreement, CivilDate on);

// The agreement signed for the signer's side (the HR company or the bureau; others change nothing):
// ACTIVE once both have signed. Signing twice is harmless.
v1::DispatchAgreement SignedBy(v1::DispatchAgreement agreement, common::v1::AgencyKind signer);

}  // namespace auxpro::personnel
