#include "services/personnel/contracts_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "services/personnel/working_life_rules.h"

namespace auxpro::personnel {

namespace {

bool Employed(const v1::Person& p) { return p.state() == v1::PROBATION || p.state() == v1::ACTIVE; }

absl::Status NotEmployed(const v1::Person& p, const char* rpc) {
  return WithErrorInfo(Precondition(absl::StrCat(p.name(), " is not employed (state ",
                                                 v1::PersonState_Name(p.state()), ")")),
                       "INVALID_STATE_TRANSITION",
                       {{"state", v1::PersonState_Name(p.state())}, {"action", rpc}});
}

BackbonePost ToRules(v1::BackbonePost post) {
  switch (post) {
    case v1::LEADER:
      return BackbonePost::kLeader;
    case v1::DEPUTY_LEADER:
      return BackbonePost::kDeputyLeader;
    default:
      return BackbonePost::kMember;
  }
}

}  // namespace

common::v1::AgencyKind EmployerOf(const v1::Person& person) {
  return person.employment_kind() == v1::DIRECT ? common::v1::ENFORCEMENT_BUREAU
                                                : common::v1::HR_COMPANY;
}

absl::Status CheckEmployer(const v1::Person& person, common::v1::AgencyKind caller) {
  if (caller == EmployerOf(person)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("labour contracts of ", person.name(), " are signed by its employer of record, ",
                   common::v1::AgencyKind_Name(EmployerOf(person)), " (",
                   v1::EmploymentKind_Name(person.employment_kind()), ")"));
}

bool IsRenewal(const v1::Person& person, const std::vector<v1::LabourContract>& existing) {
  const CivilDate hired = FromProto(person.hire_date());
  return std::any_of(existing.begin(), existing.end(), [&](const v1::LabourContract& c) {
    return FromProto(c.start_date()) >= hired;
  });
}

absl::StatusOr<v1::LabourContract> DecideContract(const policy::v1::Policy& policy,
                                                  const ContractFacts& f) {
  const auto& e = policy.employment();
  if (!Employed(f.person)) return NotEmployed(f.person, "CreateLabourContract");
  if (IsUnset(f.requested.start_date())) {
    return Invalid("labour_contract.start_date: required");
  }
  const CivilDate start = FromProto(f.requested.start_date());
  const CivilDate hired = FromProto(f.person.hire_date());
  if (start < hired) {
    return WithErrorInfo(
        Precondition(absl::StrCat("labour_contract.start_date: ", FormatDate(start),
                                  " is before the hire date ", FormatDate(hired))),
        "DATE_BEFORE_HIRE", {{"hire_date", FormatDate(hired)}});
  }
  if (e.contract_after_probation() && f.person.state() == v1::PROBATION) {
    return WithErrorInfo(
        Precondition(absl::StrCat("in ", policy.jurisdiction(),
                                  " the labour contract is signed after a passed probation "
                                  "(employment.contract_after_probation); ",
                                  f.person.name(), " is in PROBATION")),
        "PROBATION_NOT_PASSED", {{"state", "PROBATION"}});
  }
  v1::LabourContract c = f.requested;
  c.clear_name();
  if (e.contract_term_months() > 0) {
    const CivilDate expected =
        AddDays(AddMonths(start, static_cast<int>(e.contract_term_months())), -1);
    if (IsUnset(c.end_date())) {
      *c.mutable_end_date() = ToProto(expected);
    } else if (FromProto(c.end_date()) != expected) {
      return WithErrorInfo(
          Precondition(absl::StrCat("labour_contract.end_date: the term in ", policy.jurisdiction(),
                                    " is ", e.contract_term_months(),
                                    " months (employment.contract_term_months): a contract from ",
                                    FormatDate(start), " ends on ", FormatDate(expected), ", not ",
                                    FormatDate(FromProto(c.end_date())))),
          "CONTRACT_TERM",
          {{"term_months", absl::StrCat(e.contract_term_months())},
           {"end_date", FormatDate(expected)}});
    }
  } else if (IsUnset(c.end_date())) {
    return Invalid("labour_contract.end_date: required (the policy fixes no contract term)");
  }
  const CivilDate end = FromProto(c.end_date());
  if (end < start) {
    return Invalid(absl::StrCat("labour_contract.end_date: ", FormatDate(end),
                                " is before start_date ", FormatDate(start)));
  }
  if (c.min_service_months() < 0) {
    return Invalid("labour_contract.min_service_months: must not be negative");
  }
  if (e.min_service_period_required() && c.min_service_months() == 0) {
    return Invalid(absl::StrCat("labour_contract.min_service_months: required in ",
                                policy.jurisdiction(),
                                ": the contract states a minimum service period (wenjiang 5.2 "
                                "约定最低服务期限, employment.min_service_period_required)"));
  }
  for (const v1::LabourContract& other : f.existing) {
    const CivilDate os = FromProto(other.start_date()), oe = FromProto(other.end_date());
    if (start <= oe && os <= end) {
      return WithErrorInfo(
          Precondition(absl::StrCat("labour_contract: ", FormatDate(start), " to ", FormatDate(end),
                                    " overlaps ", other.name(), " (", FormatDate(os), " to ",
                                    FormatDate(oe), ")")),
          "CONTRACT_OVERLAPS", {{"labour_contract", other.name()}});
    }
  }
  c.set_renewal(IsRenewal(f.person, f.existing));
  if (c.renewal() && !e.renewal_min_grade().empty()) {
    Decision d = CheckRenewal(policy, f.last_annual_grade);
    if (!d.ok()) {
      return WithErrorInfo(Precondition(absl::StrCat("renewal: ", d.Summary())), "RENEWAL_RATING",
                           {{"annual_rating", f.last_annual_grade.value_or("not available")},
                            {"min_grade", e.renewal_min_grade()}});
    }
    c.set_renewal_grade(*f.last_annual_grade);
  }
  c.set_employer(EmployerOf(f.person));
  c.set_state(v1::LabourContract::IN_FORCE);
  c.clear_end_reason();
  return c;
}

absl::StatusOr<v1::LabourContract> DecideContractEnd(const v1::LabourContract& contract,
                                                     CivilDate end_date,
                                                     const std::string& reason) {
  if (contract.state() == v1::LabourContract::ENDED) {
    return WithErrorInfo(Precondition(absl::StrCat(contract.name(), " already ended on ",
                                                   FormatDate(FromProto(contract.end_date())))),
                         "CONTRACT_ENDED",
                         {{"end_date", FormatDate(FromProto(contract.end_date()))}});
  }
  const CivilDate start = FromProto(contract.start_date());
  if (end_date < start) {
    return Invalid(absl::StrCat("end_date: ", FormatDate(end_date),
                                " is before the contract's start ", FormatDate(start)));
  }
  v1::LabourContract c = contract;
  c.set_state(v1::LabourContract::ENDED);
  if (end_date < FromProto(c.end_date())) *c.mutable_end_date() = ToProto(end_date);
  c.set_end_reason(reason);
  return c;
}

absl::Status CheckResignationOnExit(const policy::v1::Resignation& rules, v1::ExitReason reason,
                                    const v1::Resignation* r, CivilDate exit_date) {
  const bool has_rules =
      rules.notice_days() > 0 || !rules.signoffs().empty() || !rules.handback().empty();
  if (reason != v1::RESIGNATION) {
    if (r != nullptr) return Invalid("resignation: only with reason RESIGNATION");
    return absl::OkStatus();
  }
  if (r == nullptr) {
    if (!has_rules) return absl::OkStatus();
    return Invalid(
        "resignation: required with reason RESIGNATION (the policy's "
        "employment.resignation: notice, sign-offs, hand-back)");
  }
  if (IsUnset(r->notice_date())) return Invalid("resignation.notice_date: required");
  const CivilDate notice = FromProto(r->notice_date());
  if (exit_date < notice) {
    return Invalid(absl::StrCat("resignation.notice_date: ", FormatDate(notice),
                                " is after the exit date ", FormatDate(exit_date)));
  }
  Decision d = CheckResignation(rules, notice, exit_date,
                                {r->signed_off_by().begin(), r->signed_off_by().end()},
                                {r->handed_back().begin(), r->handed_back().end()});
  if (d.ok()) return absl::OkStatus();
  return WithErrorInfo(Precondition(absl::StrCat("resignation: ", d.Summary())),
                       "RESIGNATION_INCOMPLETE", {{"conditions", d.Conditions()}});
}

absl::StatusOr<v1::Person> DecideBackbonePost(const policy::v1::Policy& policy,
                                              const BackboneFacts& f) {
  const auto& b = policy.employment().backbone();
  if (f.post == v1::BACKBONE_POST_UNSPECIFIED || !v1::BackbonePost_IsValid(f.post)) {
    return Invalid("post: required, LEADER, DEPUTY_LEADER or MEMBER");
  }
  if (!Employed(f.person)) return NotEmployed(f.person, "AppointBackbonePost");
  if (!b.enabled()) {
    return WithErrorInfo(Precondition(absl::StrCat("the policy of ", policy.jurisdiction(),
                                                   " has no backbone posts (backbone.enabled)")),
                         "BACKBONE_DISABLED", {{"jurisdiction", policy.jurisdiction()}});
  }
  const v1::BackbonePost current = f.person.backbone_post() == v1::BACKBONE_POST_UNSPECIFIED
                                       ? v1::MEMBER
                                       : f.person.backbone_post();
  if (current == f.post) {
    return WithErrorInfo(Precondition(absl::StrCat(f.person.name(), " already holds ",
                                                   v1::BackbonePost_Name(f.post))),
                         "ALREADY_IN_POST", {{"post", v1::BackbonePost_Name(f.post)}});
  }
  if (f.post != v1::MEMBER) {
    const bool leader = f.post == v1::LEADER;
    Decision d = CheckBackboneAppointment(b, ToRules(f.post), ToRules(current),
                                          leader ? f.leaders : f.deputies,
                                          leader ? f.leader_posts : f.deputy_posts);
    for (const auto& failure : d.failures) {
      if (failure.condition == "leader_from_deputies") {
        return WithErrorInfo(
            Precondition(absl::StrCat("longquan art. 14: ", failure.reason, "; ", f.person.name(),
                                      " holds ", v1::BackbonePost_Name(current))),
            "LEADER_FROM_DEPUTIES", {{"post", v1::BackbonePost_Name(current)}});
      }
    }
    if (!d.ok()) {
      const int quota = leader ? f.leader_posts : f.deputy_posts;
      const int taken = leader ? f.leaders : f.deputies;
      return WithErrorInfo(Precondition(absl::StrCat(f.person.unit(), ": ", d.Summary(), " (",
                                                     v1::BackbonePost_Name(f.post), ")")),
                           "BACKBONE_QUOTA",
                           {{"unit", f.person.unit()},
                            {"post", v1::BackbonePost_Name(f.post)},
                            {"quota", absl::StrCat(quota)},
                            {"taken", absl::StrCat(taken)}});
    }
  }
  v1::Person p = f.person;
  p.set_backbone_post(f.post);
  const CivilDate hired = FromProto(p.hire_date());
  int years = f.effective_date.year - hired.year;
  if (f.effective_date.month < hired.month ||
      (f.effective_date.month == hired.month && f.effective_date.day < hired.day)) {
    --years;
  }
  p.set_backbone_monthly_pay_fen(MonthlyBackbonePayFen(b, ToRules(f.post), std::max(years, 0)));
  return p;
}

}  // namespace auxpro::personnel
