#include "services/assessment/publication_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"

namespace auxpro::assessment {

namespace pv1 = ::auxpro::policy::v1;

absl::StatusOr<PublicationPeriod> PeriodOf(const pv1::Assessment& policy,
                                           const WorkingDayCalendar& calendar, CivilDate today,
                                           std::optional<CivilDate> requested_end) {
  const auto& pub = policy.publication();
  const std::string article = pub.article().empty() ? "the policy" : pub.article();
  PublicationPeriod p{today, today, ""};
  if (pub.period_length() > 0) {
    const int n = static_cast<int>(pub.period_length());
    if (pub.period_unit() == pv1::Assessment::ResultPublication::WORKING_DAYS) {
      ASSIGN_OR_RETURN(p.end, AddWorkingDays(calendar, today, n));
      p.basis = absl::StrCat(article, ": ", n, " working days after the day of publication");
    } else {
      p.end = AddDays(today, n);
      p.basis = absl::StrCat(article, ": ", n, " days after the day of publication");
    }
    return p;
  }
  if (!requested_end) {
    return Invalid(absl::StrCat("publication.end_date: required: ", article,
                                " names no length for the publication period, so the bureau "
                                "states its last day"));
  }
  if (*requested_end < today) {
    return Invalid(absl::StrCat("publication.end_date: ", FormatDate(*requested_end),
                                " is before today ", FormatDate(today)));
  }
  if (DaysSinceEpoch(*requested_end) - DaysSinceEpoch(today) > 366) {
    return Invalid(absl::StrCat("publication.end_date: ", FormatDate(*requested_end),
                                " is more than a year away"));
  }
  p.end = *requested_end;
  p.basis = absl::StrCat("stated by the bureau: ", article, " names no length");
  return p;
}

bool InPeriod(CivilDate start, CivilDate end, CivilDate today) {
  return start <= today && today <= end;
}

}  // namespace auxpro::assessment
