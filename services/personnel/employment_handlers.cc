#include "services/personnel/employment_handlers.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "auxpro/personnel/v1/events.pb.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/outbox/outbox.h"
#include "services/personnel/agreements_rules.h"
#include "services/personnel/agreements_store.h"
#include "services/personnel/contracts_rules.h"
#include "services/personnel/contracts_store.h"
#include "services/personnel/employment_rules.h"
#include "services/personnel/organisation_rules.h"
#include "services/personnel/organisation_store.h"
#include "services/personnel/permits_store.h"
#include "services/personnel/persons_handlers.h"
#include "services/personnel/resource_names.h"
#include "services/personnel/working_life_rules.h"

namespace auxpro::personnel {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

// Consumers of each event (DOMAIN.md 4, 5): points keeps or clears balances, grading grades.
const std::vector<std::string> kHiredConsumers = {"points", "grading"};
const std::vector<std::string> kTransferredConsumers = {"points", "grading"};
const std::vector<std::string> kExitedConsumers = {"points", "grading"};

Status Emit(db::Transaction& tx, const std::vector<std::string>& consumers, const std::string& j,
            const std::string& subject, const google::protobuf::Message& payload, absl::Time now) {
  return outbox::Enqueue(tx, {"personnel", consumers, j, subject, &payload}, now).status();
}

// A unit of the jurisdiction, locked (hires and transfers into it are serialized): NOT_FOUND.
StatusOr<v1::Unit> LoadUnit(db::Transaction& tx, const std::string& j, const std::string& id) {
  ASSIGN_OR_RETURN(auto unit, store::GetUnit(tx, j, id, /*lock=*/true));
  if (!unit) return NotFound("unit", UnitName(j, id));
  return *unit;
}

// The head-count limits a new member of `unit_id` counts against, locked.
StatusOr<RoomFacts> LoadRoom(db::Transaction& tx, const std::string& j, const std::string& unit_id,
                             bool joins_jurisdiction) {
  RoomFacts room{j, joins_jurisdiction, std::nullopt, UnitName(j, unit_id), std::nullopt};
  if (joins_jurisdiction) {
    ASSIGN_OR_RETURN(room.jurisdiction_limit, store::GetHeadcountLimit(tx, j, "all", true));
  }
  ASSIGN_OR_RETURN(room.unit_limit, store::GetHeadcountLimit(tx, j, unit_id, true));
  return room;
}

// The exit's side effects once the rules decided it: the labour contract in force ended, the
// backbone post given up, the valid permit revoked, the record written, PersonExited emitted.
// Returns the record written.
StatusOr<store::PersonRecord> WriteExit(db::Transaction& tx, const std::string& j,
                                        store::PersonRecord rec, const common::v1::Date& exit_date,
                                        absl::Time now) {
  ASSIGN_OR_RETURN(auto contracts, store::ListContracts(tx, j, rec.id));
  for (const auto& c : contracts) {
    if (c.state() != v1::LabourContract::IN_FORCE) continue;
    ASSIGN_OR_RETURN(auto ended, DecideContractEnd(c, FromProto(exit_date),
                                                   v1::ExitReason_Name(rec.person.exit_reason())));
    RETURN_IF_ERROR(store::UpdateContractEnd(tx, j, rec.id, ended).status());
  }
  rec.person.clear_backbone_post();
  rec.person.clear_backbone_monthly_pay_fen();
  v1::PersonExited event;
  ASSIGN_OR_RETURN(auto permit, store::ValidPermitOf(tx, j, rec.id));
  if (permit) {
    RETURN_IF_ERROR(store::RevokePermit(tx, j, *permit, exit_date, "exit"));
    event.set_revoked_badge_number(permit->badge_number());
  }
  ASSIGN_OR_RETURN(auto written, store::UpdatePerson(tx, j, rec, now));
  event.set_person(written.person.name());
  event.set_exit_reason(written.person.exit_reason());
  *event.mutable_exit_date() = exit_date;
  RETURN_IF_ERROR(Emit(tx, kExitedConsumers, j, written.person.name(), event, now));
  return written;
}

}  // namespace

Status Employment::CheckEligibility(const CallContext& call,
                                    const v1::CheckRecruitmentEligibilityRequest& request,
                                    v1::CheckRecruitmentEligibilityResponse* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "persons"));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(ref.jurisdiction));
  ASSIGN_OR_RETURN(auto hire_date, DateOrToday(request.hire_date(), call.now, "hire_date"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto rec, LoadPerson(tx, ref.jurisdiction, ref.id, false));
    ASSIGN_OR_RETURN(auto team, store::CountTeam(tx, ref.jurisdiction));
    std::vector<RuleFailure> warnings;
    ASSIGN_OR_RETURN(Decision d,
                     DecideEligibility(*policy, rec.person, team, FromProto(hire_date), &warnings));
    response->Clear();
    response->set_eligible(d.ok());
    for (const RuleFailure& f : d.failures) {
      auto* out = response->add_failures();
      out->set_condition(f.condition);
      out->set_reason(f.reason);
    }
    for (const RuleFailure& f : warnings) {
      auto* out = response->add_warnings();
      out->set_condition(f.condition);
      out->set_reason(f.reason);
    }
    return absl::OkStatus();
  });
}

Status Employment::Hire(const CallContext& call, const v1::HirePersonRequest& request,
                        v1::Person* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "persons"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(auto unit_id,
                   auth::ScopeOfReference(call.principal, request.unit(), "units", "unit", j));
  std::string agreement_id;
  if (request.direct()) {
    if (!request.dispatch_agreement().empty()) {
      return Invalid("dispatch_agreement: must be empty for a direct hire (direct is set)");
    }
    if (!policy->employment().direct_employment_allowed()) {
      return WithErrorInfo(
          Precondition(absl::StrCat("the policy of ", j,
                                    " does not allow direct employment by the bureau "
                                    "(employment.direct_employment_allowed)")),
          "DIRECT_EMPLOYMENT_NOT_ALLOWED", {{"jurisdiction", j}});
    }
  } else {
    ASSIGN_OR_RETURN(agreement_id,
                     auth::ScopeOfReference(call.principal, request.dispatch_agreement(),
                                            "dispatchAgreements", "dispatch_agreement", j));
  }
  ASSIGN_OR_RETURN(auto hire_date, DateOrToday(request.hire_date(), call.now, "hire_date"));
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Person> {
    ASSIGN_OR_RETURN(store::PersonRecord rec, LoadPerson(tx, j, ref.id, true));
    RETURN_IF_ERROR(CheckAction(rec.person, PersonAction::kHire));
    ASSIGN_OR_RETURN(v1::Unit unit, LoadUnit(tx, j, unit_id));
    std::string agreement_name;
    if (!request.direct()) {
      ASSIGN_OR_RETURN(auto agreement, store::GetAgreement(tx, j, agreement_id, /*lock=*/true));
      if (!agreement) return NotFound("dispatch agreement", request.dispatch_agreement());
      RETURN_IF_ERROR(CheckAgreementOpen(agreement->agreement, FromProto(hire_date)));
      agreement_name = agreement->agreement.name();
    }
    RETURN_IF_ERROR(store::LockHiring(tx, j));
    ASSIGN_OR_RETURN(auto team, store::CountTeam(tx, j));
    ASSIGN_OR_RETURN(rec.person, DecideHire(*policy, {rec.person, unit.name(), agreement_name, team,
                                                      FromProto(hire_date)}));
    ASSIGN_OR_RETURN(RoomFacts room, LoadRoom(tx, j, unit_id, /*joins_jurisdiction=*/true));
    RETURN_IF_ERROR(CheckRoomForOneMore(*policy, room));
    ASSIGN_OR_RETURN(auto written, store::UpdatePerson(tx, j, rec, call.now));
    v1::PersonHired event;
    event.set_person(written.person.name());
    event.set_unit(unit.name());
    *event.mutable_hire_date() = hire_date;
    RETURN_IF_ERROR(Emit(tx, kHiredConsumers, j, written.person.name(), event, call.now));
    return Present(written, call, ctx_.cipher);
  });
}

Status Employment::EndProbation(const CallContext& call, const v1::EndProbationRequest& request,
                                v1::Person* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "persons"));
  ASSIGN_OR_RETURN(auto end_date, DateOrToday(request.end_date(), call.now, "end_date"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  RETURN_IF_ERROR(LimitText(request.evidence_ref(), "evidence_ref", 128));
  const std::vector<std::string> confirmed(request.confirmed_checklist().begin(),
                                           request.confirmed_checklist().end());
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Person> {
    ASSIGN_OR_RETURN(store::PersonRecord rec, LoadPerson(tx, j, ref.id, true));
    ASSIGN_OR_RETURN(rec.person, DecideProbationOutcome(
                                     *policy, {rec.person, FromProto(end_date), request.result(),
                                               request.evidence_ref(), confirmed}));
    if (rec.person.state() == v1::EXITED) {
      rec.exit_checklist = absl::StrJoin(confirmed, ",");
      ASSIGN_OR_RETURN(auto written, WriteExit(tx, j, rec, end_date, call.now));
      return Present(written, call, ctx_.cipher);
    }
    ASSIGN_OR_RETURN(auto written, store::UpdatePerson(tx, j, rec, call.now));
    return Present(written, call, ctx_.cipher);
  });
}

Status Employment::Transfer(const CallContext& call, const v1::TransferPersonRequest& request,
                            v1::Person* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "persons"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(auto unit_id, auth::ScopeOfReference(call.principal, request.to_unit(), "units",
                                                        "to_unit", j));
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 255));
  ASSIGN_OR_RETURN(auto effective,
                   DateOrToday(request.effective_date(), call.now, "effective_date"));
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Person> {
    ASSIGN_OR_RETURN(store::PersonRecord rec, LoadPerson(tx, j, ref.id, true));
    const std::string from_unit = rec.person.unit();
    ASSIGN_OR_RETURN(rec.person, DecideTransfer(rec.person, UnitName(j, unit_id)));
    ASSIGN_OR_RETURN(v1::Unit unit, LoadUnit(tx, j, unit_id));
    ASSIGN_OR_RETURN(RoomFacts room, LoadRoom(tx, j, unit_id, /*joins_jurisdiction=*/false));
    RETURN_IF_ERROR(CheckRoomForOneMore(*policy, room));
    ASSIGN_OR_RETURN(auto written, store::UpdatePerson(tx, j, rec, call.now));
    v1::PersonTransferred event;
    event.set_person(written.person.name());
    event.set_from_unit(from_unit);
    event.set_to_unit(unit.name());
    *event.mutable_effective_date() = effective;
    event.set_reason(request.reason());
    RETURN_IF_ERROR(Emit(tx, kTransferredConsumers, j, written.person.name(), event, call.now));
    return Present(written, call, ctx_.cipher);
  });
}

Status Employment::Exit(const CallContext& call, const v1::ExitPersonRequest& request,
                        v1::Person* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "persons"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (request.reason() == v1::EXIT_REASON_UNSPECIFIED) return Invalid("reason: required");
  ASSIGN_OR_RETURN(auto exit_date, DateOrToday(request.exit_date(), call.now, "exit_date"));
  RETURN_IF_ERROR(LimitText(request.note(), "note", 1000));
  RETURN_IF_ERROR(CheckResignationOnExit(
      policy->employment().resignation(), request.reason(),
      request.has_resignation() ? &request.resignation() : nullptr, FromProto(exit_date)));
  const std::vector<std::string> confirmed(request.confirmed_checklist().begin(),
                                           request.confirmed_checklist().end());
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Person> {
    ASSIGN_OR_RETURN(store::PersonRecord rec, LoadPerson(tx, j, ref.id, true));
    ASSIGN_OR_RETURN(rec.person, DecideExit(*policy, {rec.person, request.reason(), confirmed,
                                                      FromProto(exit_date)}));
    rec.exit_checklist = absl::StrJoin(confirmed, ",");
    rec.exit_note = request.note();
    // Template art. 20: the deposit paid with the first contract of this period is kept when
    // leaving within the policy's months of it.
    rec.person.clear_forfeited_deposit_fen();
    if (request.reason() == v1::RESIGNATION) {
      ASSIGN_OR_RETURN(auto contracts, store::ListContracts(tx, j, ref.id));
      for (const auto& c : contracts) {
        if (FromProto(c.start_date()) < FromProto(rec.person.hire_date())) continue;
        rec.person.set_forfeited_deposit_fen(ForfeitedDepositFen(
            policy->employment().resignation(), FromProto(c.start_date()), FromProto(exit_date)));
        break;
      }
    }
    ASSIGN_OR_RETURN(auto written, WriteExit(tx, j, rec, exit_date, call.now));
    return Present(written, call, ctx_.cipher);
  });
}

}  // namespace auxpro::personnel
