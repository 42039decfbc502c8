// Fuzz target: every request of auxpro.personnel.v1.Personnel (tests/fuzz/service_requests.h),
// then the rules its handlers run on the request before the store (services/personnel/*_rules.h),
// in the handlers' order: a rule only sees what the checks before it let through.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/common/national_id.h"
#include "services/personnel/agreements_rules.h"
#include "services/personnel/contracts_rules.h"
#include "services/personnel/employment_rules.h"
#include "services/personnel/hiring_steps_rules.h"
#include "services/personnel/persons_rules.h"
#include "services/personnel/recruitment_rules.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/service_requests.h"

namespace auxpro::fuzz {
namespace {

namespace v1 = ::auxpro::personnel::v1;

absl::Time Now() {
  return absl::FromCivil(absl::CivilSecond(kToday.year, kToday.month, kToday.day, 4, 0, 0),
                         absl::UTCTimeZone());
}

void CheckRuleStatus(const absl::Status& s) { FUZZ_CHECK_RULE(s); }

// An employed person as the store returns one.
v1::Person Employed() {
  v1::Person p;
  p.set_name("jurisdictions/wenjiang/persons/p-1");
  p.set_state(v1::ACTIVE);
  p.set_unit("jurisdictions/wenjiang/units/u-1");
  *p.mutable_hire_date() = ToProto(CivilDate{2024, 3, 1});
  return p;
}

void ServiceRules(const std::string& method, const google::protobuf::Message& request) {
  const policy::v1::Policy& policy = Wenjiang();
  if (const auto* r = As<v1::CreatePersonRequest>(request)) {
    absl::StatusOr<v1::Person> candidate = personnel::NewCandidate(r->person());
    CheckRuleStatus(candidate.status());
    if (!candidate.ok()) return;
    absl::Status dates = personnel::ValidateFindingDates(*candidate, kToday);
    CheckRuleStatus(dates);
    if (!dates.ok()) return;
    absl::Status id = personnel::CheckNationalIdFacts(candidate->national_id(), kToday);
    CheckRuleStatus(id);
    if (!id.ok()) return;
    (void)MaskNationalId(candidate->national_id());
    const Decision d = personnel::CheckEligibility(policy, personnel::CandidateOf(*candidate),
                                                   kToday, personnel::TeamComposition{10, 3});
    FUZZ_CHECK(d.ok() || !d.Summary().empty());
  } else if (const auto* r = As<v1::UpdatePersonRequest>(request)) {
    absl::Status mask = personnel::ValidateProfileMask(r->update_mask());
    CheckRuleStatus(mask);
    if (!mask.ok()) return;
    absl::StatusOr<v1::Person> updated =
        personnel::UpdatedProfile(Employed(), r->person(), r->update_mask());
    CheckRuleStatus(updated.status());
    if (updated.ok()) CheckRuleStatus(personnel::ValidateFindingDates(*updated, kToday));
  } else if (const auto* r = As<v1::RecordHiringStepRequest>(request)) {
    CheckRuleStatus(personnel::CheckHiringStepRecord(policy.employment(), r->step(), kToday));
  } else if (const auto* r = As<v1::TransferPersonRequest>(request)) {
    CheckRuleStatus(personnel::DecideTransfer(Employed(), r->to_unit()).status());
  } else if (const auto* r = As<v1::ExitPersonRequest>(request)) {
    if (r->reason() == v1::EXIT_REASON_UNSPECIFIED) return;
    absl::StatusOr<common::v1::Date> date = DateOrToday(r->exit_date(), Now(), "exit_date");
    if (!date.ok()) return;
    absl::Status resignation = personnel::CheckResignationOnExit(
        policy.employment().resignation(), r->reason(),
        r->has_resignation() ? &r->resignation() : nullptr, FromProto(*date));
    CheckRuleStatus(resignation);
    if (!resignation.ok()) return;
    const std::vector<std::string> confirmed(r->confirmed_checklist().begin(),
                                             r->confirmed_checklist().end());
    CheckRuleStatus(
        personnel::DecideExit(policy, {Employed(), r->reason(), confirmed, FromProto(*date)})
            .status());
  } else if (const auto* r = As<v1::CreateDispatchAgreementRequest>(request)) {
    CheckRuleStatus(personnel::CheckAgreementOpen(r->dispatch_agreement(), kToday));
    (void)personnel::SignedBy(r->dispatch_agreement(), common::v1::HR_COMPANY);
  }
}

}  // namespace
}  // namespace auxpro::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const google::protobuf::ServiceDescriptor& service =
      auxpro::fuzz::ServiceOf(*auxpro::personnel::v1::CreatePersonRequest::descriptor(),
                              "auxpro.personnel.v1.Personnel");
  auxpro::fuzz::RunRequest(service, data, size,
                           auxpro::fuzz::ServiceRules);
  return 0;
}
