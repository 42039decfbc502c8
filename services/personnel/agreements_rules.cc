#include "services/personnel/agreements_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace auxpro::personnel {

namespace {
// "1 is" / "20 are".
std::string CountIsAre(int n) { return std::to_string(n) + (n == 1 ? " is" : " are"); }
}  // namespace

std::optional<RuleFailure> CheckAgreementCapacity(int headcount, int assigned, int adding) {
  if (adding < 0) {
    return RuleFailure{"agreement_headcount",
                       "cannot assign " + std::to_string(adding) + " people to the agreement"};
  }
  const int64_t after = static_cast<int64_t>(assigned) + adding;
  if (after <= headcount) {
    return std::nullopt;
  }
  return RuleFailure{"agreement_headcount",
                     "dispatch agreement head-count is " + std::to_string(headcount) + " and " +
                         CountIsAre(assigned) + " already assigned; adding " +
                         std::to_string(adding) + " would make " + std::to_string(after)};
}

std::optional<RuleFailure> CheckAgreementActive(CivilDate start, CivilDate end, CivilDate on) {
  if (on < start) {
    return RuleFailure{"agreement_term", "dispatch agreement starts on " + FormatDate(start) +
                                             ", after " + FormatDate(on)};
  }
  if (on > end) {
    return RuleFailure{"agreement_term", "dispatch agreement ended on " + FormatDate(end) +
                                             ", before " + FormatDate(on)};
  }
  return std::nullopt;
}

absl::Status CheckAgreementOpen(const v1::DispatchAgreement& a, CivilDate on) {
  if (a.state() != v1::DispatchAgreement::ACTIVE) {
    return WithErrorInfo(
        Precondition(absl::StrCat("dispatch agreement ", a.name(),
                                  " is not signed by both the HR company and the bureau")),
        "AGREEMENT_NOT_SIGNED",
        {{"dispatch_agreement", a.name()},
         {"hr_company_signed", a.hr_company_signed() ? "true" : "false"},
         {"bureau_signed", a.bureau_signed() ? "true" : "false"}});
  }
  if (auto f = CheckAgreementActive(FromProto(a.start_date()), FromProto(a.end_date()), on)) {
    return WithErrorInfo(
        Precondition(absl::StrCat("dispatch agreement ", a.name(), ": ", f->reason)),
        "AGREEMENT_OUT_OF_TERM",
        {{"dispatch_agreement", a.name()},
         {"start_date", FormatDate(FromProto(a.start_date()))},
         {"end_date", FormatDate(FromProto(a.end_date()))}});
  }
  if (auto f = CheckAgreementCapacity(a.headcount(), a.assigned_count(), 1)) {
    return WithErrorInfo(
        Precondition(absl::StrCat("dispatch agreement ", a.name(), ": ", f->reason)),
        "AGREEMENT_HEADCOUNT_REACHED",
        {{"dispatch_agreement", a.name()},
         {"headcount", std::to_string(a.headcount())},
         {"assigned_count", std::to_string(a.assigned_count())}});
  }
  return absl::OkStatus();
}

v1::DispatchAgreement SignedBy(v1::DispatchAgreement a, common::v1::AgencyKind signer) {
  if (signer == common::v1::HR_COMPANY) a.set_hr_company_signed(true);
  if (signer == common::v1::ENFORCEMENT_BUREAU) a.set_bureau_signed(true);
  a.set_state(a.hr_company_signed() && a.bureau_signed() ? v1::DispatchAgreement::ACTIVE
                                                         : v1::DispatchAgreement::DRAFT);
  return a;
}

}  // namespace auxpro::personnel
