#include "services/personnel/contracts_handlers.h"

#include <grpcpp/client_context.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/db/columns.h"
#include "services/personnel/contracts_rules.h"
#include "services/personnel/contracts_store.h"
#include "services/personnel/organisation_store.h"
#include "services/personnel/persons_handlers.h"
#include "services/personnel/persons_store.h"
#include "services/personnel/resource_names.h"

namespace auxpro::personnel {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

constexpr auto kPeerDeadline = std::chrono::seconds(5);

// A contract name `jurisdictions/{j}/persons/{p}/labourContracts/{c}`: person id and contract id.
StatusOr<std::pair<std::string, std::string>> ContractIds(const auth::Principal& principal,
                                                          const std::string& name, std::string* j) {
  const std::string marker = "/labourContracts/";
  const size_t at = name.find(marker);
  if (at == std::string::npos || at + marker.size() >= name.size()) {
    return Invalid(
        absl::StrCat("name: expected jurisdictions/{jurisdiction}/persons/{person}/"
                     "labourContracts/{labour_contract}, got \"",
                     name, "\""));
  }
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(principal, name.substr(0, at), "persons"));
  *j = ref.jurisdiction;
  const std::string id = name.substr(at + marker.size());
  RETURN_IF_ERROR(RequireText(id, "name", 64));
  return std::make_pair(ref.id, id);
}

}  // namespace

StatusOr<std::optional<std::string>> Contracts::LastAnnualGrade(const std::string& person) const {
  auto stub = ctx_.peers == nullptr ? nullptr
                                    : ctx_.peers->StubOf<assessment::v1::Assessment>("assessment");
  if (stub == nullptr) {
    return absl::UnavailableError(
        "assessment service: no route to read the annual rating a renewal needs");
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kPeerDeadline);
  assessment::v1::GetAssessmentStandingRequest request;
  request.set_name(person + "/assessmentStanding");
  assessment::v1::AssessmentStanding standing;
  grpc::Status s = stub->GetAssessmentStanding(&context, request, &standing);
  if (!s.ok()) {
    return absl::UnavailableError(absl::StrCat("assessment service: GetAssessmentStanding ", person,
                                               " failed: ", s.error_message()));
  }
  if (standing.last_annual_grade().empty()) return std::optional<std::string>();
  return std::optional<std::string>(standing.last_annual_grade());
}

Status Contracts::Create(const CallContext& call, const v1::CreateLabourContractRequest& request,
                         v1::LabourContract* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, request.parent(), "persons", "parent"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const v1::LabourContract& c = request.labour_contract();
  RETURN_IF_ERROR(LimitText(c.document_ref(), "labour_contract.document_ref", 128));
  if (IsUnset(c.start_date())) return Invalid("labour_contract.start_date: required");
  RETURN_IF_ERROR(RequireDate(c.start_date(), "labour_contract.start_date"));
  if (!IsUnset(c.end_date()))
    RETURN_IF_ERROR(RequireDate(c.end_date(), "labour_contract.end_date"));
  // A renewal under a rating rule asks the assessment service first, outside the transaction.
  std::optional<std::string> grade;
  if (!policy->employment().renewal_min_grade().empty()) {
    bool renewal = false;
    RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto rec, LoadPerson(tx, j, ref.id, false));
      ASSIGN_OR_RETURN(auto existing, store::ListContracts(tx, j, ref.id));
      renewal = rec.person.has_hire_date() && IsRenewal(rec.person, existing);
      return absl::OkStatus();
    }));
    if (renewal) {
      ASSIGN_OR_RETURN(grade, LastAnnualGrade(PersonName(j, ref.id)));
    }
  }
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::LabourContract> {
        // The person's row lock serializes contracts of one person: no overlap.
        ASSIGN_OR_RETURN(auto rec, LoadPerson(tx, j, ref.id, true));
        if (rec.person.has_hire_date()) {
          RETURN_IF_ERROR(CheckEmployer(rec.person, call.principal.kind));
        }
        ASSIGN_OR_RETURN(auto existing, store::ListContracts(tx, j, ref.id));
        ASSIGN_OR_RETURN(auto decided, DecideContract(*policy, {rec.person, c, existing, grade}));
        return store::InsertContract(tx, j, ref.id, NewId("lc"), decided, call.now);
      });
}

Status Contracts::List(const CallContext& call, const v1::ListLabourContractsRequest& request,
                       v1::ListLabourContractsResponse* response) const {
  ASSIGN_OR_RETURN(auto ref,
                   auth::ScopeOfName(call.principal, request.parent(), "persons", "parent"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto rec, LoadPerson(tx, ref.jurisdiction, ref.id, false));
    (void)rec;
    ASSIGN_OR_RETURN(auto contracts, store::ListContracts(tx, ref.jurisdiction, ref.id));
    response->Clear();
    for (auto& c : contracts) *response->add_labour_contracts() = std::move(c);
    return absl::OkStatus();
  });
}

Status Contracts::End(const CallContext& call, const v1::EndLabourContractRequest& request,
                      v1::LabourContract* response) const {
  std::string j;
  ASSIGN_OR_RETURN(auto ids, ContractIds(call.principal, request.name(), &j));
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 255));
  ASSIGN_OR_RETURN(auto end_date, DateOrToday(request.end_date(), call.now, "end_date"));
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::LabourContract> {
        ASSIGN_OR_RETURN(auto rec, LoadPerson(tx, j, ids.first, true));
        ASSIGN_OR_RETURN(auto contract, store::GetContract(tx, j, ids.first, ids.second));
        if (!contract) return NotFound("labour contract", request.name());
        if (contract->employer() != call.principal.kind) {
          return absl::PermissionDeniedError(
              absl::StrCat(request.name(), " is ended by its employer of record, ",
                           common::v1::AgencyKind_Name(contract->employer())));
        }
        (void)rec;
        ASSIGN_OR_RETURN(auto ended,
                         DecideContractEnd(*contract, FromProto(end_date), request.reason()));
        return store::UpdateContractEnd(tx, j, ids.first, ended);
      });
}

Status Contracts::SetBackbonePosts(const CallContext& call,
                                   const v1::SetBackbonePostsRequest& request,
                                   v1::BackbonePosts* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.unit(), "units", "unit"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (request.leader_posts() < 0) return Invalid("leader_posts: must not be negative");
  if (request.deputy_posts() < 0) return Invalid("deputy_posts: must not be negative");
  if (!policy->employment().backbone().enabled()) {
    return WithErrorInfo(Precondition(absl::StrCat("the policy of ", j,
                                                   " has no backbone posts (backbone.enabled)")),
                         "BACKBONE_DISABLED", {{"jurisdiction", j}});
  }
  // Audited under the unit's name (the numbers have no resource name of their own).
  return ctx_.mutate.WithKey(
      call, j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        ASSIGN_OR_RETURN(auto unit, store::GetUnit(tx, j, ref.id, /*lock=*/true));
        if (!unit) return NotFound("unit", request.unit());
        RETURN_IF_ERROR(store::SetBackbonePosts(
            tx, j, ref.id, {request.leader_posts(), request.deputy_posts()}, call.now));
        store::PersonFilter filter;
        filter.unit_id = ref.id;
        ASSIGN_OR_RETURN(auto members, store::ListPersons(tx, j, filter, "", 10000));
        v1::BackbonePosts out;
        out.set_unit(unit->name());
        out.set_leader_posts(request.leader_posts());
        out.set_deputy_posts(request.deputy_posts());
        for (const auto& m : members) {
          if (m.person.state() != v1::PROBATION && m.person.state() != v1::ACTIVE) continue;
          if (m.person.backbone_post() == v1::LEADER) out.set_leaders(out.leaders() + 1);
          if (m.person.backbone_post() == v1::DEPUTY_LEADER) out.set_deputies(out.deputies() + 1);
        }
        *response = out;
        return unit->name();
      });
}

Status Contracts::AppointBackbonePost(const CallContext& call,
                                      const v1::AppointBackbonePostRequest& request,
                                      v1::Person* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "persons"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (request.post() == v1::BACKBONE_POST_UNSPECIFIED ||
      !v1::BackbonePost_IsValid(request.post())) {
    return Invalid("post: required, LEADER, DEPUTY_LEADER or MEMBER");
  }
  RETURN_IF_ERROR(RequireText(request.decision_ref(), "decision_ref", 128));
  ASSIGN_OR_RETURN(auto effective,
                   DateOrToday(request.effective_date(), call.now, "effective_date"));
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Person> {
    ASSIGN_OR_RETURN(auto rec, LoadPerson(tx, j, ref.id, true));
    BackboneFacts facts{rec.person, request.post()};
    facts.effective_date = FromProto(effective);
    if (!rec.person.unit().empty()) {
      const std::string unit_id = db::LastSegment(rec.person.unit());
      // The unit's row of numbers is locked: appointments to one unit are serialized.
      ASSIGN_OR_RETURN(auto posts, store::GetBackbonePosts(tx, j, unit_id));
      if (posts) {
        facts.leader_posts = posts->leader_posts;
        facts.deputy_posts = posts->deputy_posts;
      }
      store::PersonFilter filter;
      filter.unit_id = unit_id;
      ASSIGN_OR_RETURN(auto members, store::ListPersons(tx, j, filter, "", 10000));
      for (const auto& m : members) {
        if (m.person.state() != v1::PROBATION && m.person.state() != v1::ACTIVE) continue;
        if (m.person.backbone_post() == v1::LEADER) ++facts.leaders;
        if (m.person.backbone_post() == v1::DEPUTY_LEADER) ++facts.deputies;
      }
    }
    ASSIGN_OR_RETURN(rec.person, DecideBackbonePost(*policy, facts));
    ASSIGN_OR_RETURN(auto written, store::UpdatePerson(tx, j, rec, call.now));
    return Present(written, call, ctx_.cipher);
  });
}

}  // namespace auxpro::personnel
