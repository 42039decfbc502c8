#pragma once

// Publication of results within the unit (公示, longquan art. 13(4)): the period's end from the
// policy or the bureau, and whether an objection may still be raised. Pure.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/working_days.h"

namespace auxpro::assessment {

struct PublicationPeriod {
  CivilDate start;
  CivilDate end;
  // Where the end comes from, one sentence.
  std::string basis;
};

// The period of a publication made `today`: the policy's length after today (calendar days, or
// working days on `calendar`) when Policy.assessment.publication names one; else the bureau's
// `requested_end` (required, not before today). Errors: INVALID_ARGUMENT naming
// publication.end_date; FAILED_PRECONDITION WORKING_CALENDAR_YEAR_MISSING.
absl::StatusOr<PublicationPeriod> PeriodOf(const ::auxpro::policy::v1::Assessment& policy,
                                           const WorkingDayCalendar& calendar, CivilDate today,
                                           std::optional<CivilDate> requested_end);

// Today within [start, end].
bool InPeriod(CivilDate start, CivilDate end, CivilDate today);

}  // namespace auxpro::assessment
