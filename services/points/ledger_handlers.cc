#include "services/points/ledger_handlers.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/service/list_filter.h"
#include "libs/service/batch.h"
#include "libs/service/listing.h"
#include "services/points/ledger_rules.h"
#include "services/points/ledger_store.h"
#include "services/points/personnel_client.h"

namespace auxpro::points {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

// The person of a `parent` "jurisdictions/<j>/persons/<id>".
StatusOr<auth::ScopedName> ScopeOfPerson(const auth::Principal& principal, const std::string& name,
                                         const std::string& field) {
  return auth::ScopeOfName(principal, name, "persons", field);
}

// A name below a person, "jurisdictions/<j>/persons/<id>/<tail>" with `segments` segments in the
// tail (e.g. "pointEntries/<e>", "pointBalance"): the person scoped, the tail's segments.
struct PersonChild {
  auth::ScopedName person;
  std::vector<std::string> tail;
};
StatusOr<PersonChild> ScopeOfPersonChild(const auth::Principal& principal, const std::string& name,
                                         const std::string& pattern, const std::string& first,
                                         size_t segments) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 + segments || parts[4] != first || (segments == 2 && parts[5].empty())) {
    return Invalid(absl::StrCat("name: \"", name, "\" is not of the form ", pattern));
  }
  ASSIGN_OR_RETURN(
      auto person,
      ScopeOfPerson(principal, absl::StrJoin(parts.begin(), parts.begin() + 4, "/"), "name"));
  return PersonChild{person, std::vector<std::string>(parts.begin() + 4, parts.end())};
}

std::string AgencyOf(const CallContext& call) {
  return absl::StrCat(common::v1::AgencyKind_Name(call.principal.kind), " ",
                      call.principal.agency_id);
}

Status ValidateMatter(const std::string& matter_id, bool required) {
  if (matter_id.empty()) {
    return required ? Invalid("matter_id: required (commendations of one matter count once)")
                    : absl::OkStatus();
  }
  return RequireText(matter_id, "matter_id", 128);
}

}  // namespace

Status Ledger::RecordCommendation(const CallContext& call,
                                  const v1::RecordCommendationRequest& request,
                                  v1::PointEntry* response) const {
  ASSIGN_OR_RETURN(auto ref, ScopeOfPerson(call.principal, request.parent(), "parent"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const v1::Commendation& c = request.commendation();
  if (c.body() == common::v1::COMMENDATION_BODY_UNSPECIFIED) {
    return Invalid("commendation.body: required");
  }
  if (c.level() == common::v1::COMMENDATION_LEVEL_UNSPECIFIED) {
    return Invalid("commendation.level: required");
  }
  RETURN_IF_ERROR(ValidateMatter(c.matter_id(), true));
  RETURN_IF_ERROR(RequireText(c.reason(), "commendation.reason", 1000));
  RETURN_IF_ERROR(LimitText(c.evidence_ref(), "commendation.evidence_ref", 255));
  ASSIGN_OR_RETURN(auto date,
                   DateOrToday(c.effective_date(), call.now, "commendation.effective_date"));
  RETURN_IF_ERROR(CheckKnownOrEmployed(ctx_, j, ref.id));
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::PointEntry> {
        ASSIGN_OR_RETURN(store::Figures figures, store::LockPerson(tx, j, ref.id, call.now));
        RETURN_IF_ERROR(RequireEmployed(figures, j, ref.id));
        ASSIGN_OR_RETURN(MatterFacts matter,
                         store::MatterOf(tx, j, ref.id, c.matter_id(),
                                         MatterGroupOf(policy->points(), c.body())));
        store::NewEntry entry;
        entry.posting = DecideCommendation(policy->points(), c, matter);
        entry.matter_id = c.matter_id();
        entry.reason = c.reason();
        entry.deciding_agency = AgencyOf(call);
        entry.actor = call.principal.actor;
        entry.evidence_ref = c.evidence_ref();
        entry.effective_date = date;
        entry.request_id = request.request_id();
        entry.body = c.body();
        entry.level = c.level();
        entry.in_own_name = c.in_own_name();
        return store::AppendEntry(tx, j, ref.id, entry, figures, call.now);
      });
}

Status Ledger::RecordBreach(const CallContext& call, const v1::RecordBreachRequest& request,
                            v1::PointEntry* response) const {
  ASSIGN_OR_RETURN(auto ref, ScopeOfPerson(call.principal, request.parent(), "parent"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(Posting posting,
                   DecideBreach(policy->points(), request.rule_code(), request.amount()));
  RETURN_IF_ERROR(ValidateMatter(request.matter_id(), false));
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 1000));
  RETURN_IF_ERROR(LimitText(request.evidence_ref(), "evidence_ref", 255));
  ASSIGN_OR_RETURN(auto date, DateOrToday(request.effective_date(), call.now, "effective_date"));
  RETURN_IF_ERROR(CheckKnownOrEmployed(ctx_, j, ref.id));
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::PointEntry> {
        ASSIGN_OR_RETURN(store::Figures figures, store::LockPerson(tx, j, ref.id, call.now));
        RETURN_IF_ERROR(RequireEmployed(figures, j, ref.id));
        store::NewEntry entry;
        entry.posting = posting;
        entry.matter_id = request.matter_id();
        entry.reason = request.reason();
        entry.deciding_agency = AgencyOf(call);
        entry.actor = call.principal.actor;
        entry.evidence_ref = request.evidence_ref();
        entry.effective_date = date;
        entry.request_id = request.request_id();
        return store::AppendEntry(tx, j, ref.id, entry, figures, call.now);
      });
}

Status Ledger::Reverse(const CallContext& call, const v1::ReverseEntryRequest& request,
                       v1::PointEntry* response) const {
  ASSIGN_OR_RETURN(
      PersonChild ref,
      ScopeOfPersonChild(call.principal, request.name(),
                         "jurisdictions/{j}/persons/{p}/pointEntries/{e}", "pointEntries", 2));
  const std::string& j = ref.person.jurisdiction;
  const std::string person_id = ref.person.id;
  const std::string entry_id = ref.tail[1];
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 1000));
  RETURN_IF_ERROR(CheckKnownOrEmployed(ctx_, j, person_id));
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::PointEntry> {
        ASSIGN_OR_RETURN(store::Figures figures, store::LockPerson(tx, j, person_id, call.now));
        RETURN_IF_ERROR(RequireEmployed(figures, j, person_id));
        ASSIGN_OR_RETURN(auto rec, store::GetEntry(tx, j, person_id, entry_id));
        if (!rec) return NotFound("point entry", request.name());
        if (call.principal.kind == common::v1::ESTABLISHMENT_OFFICE &&
            rec->entry.kind() != v1::COMMENDATION) {
          return absl::PermissionDeniedError(absl::StrCat(
              "reversal: the establishment office may reverse commendations only; ", request.name(),
              " is a ", v1::EntryKind_Name(rec->entry.kind()), " entry"));
        }
        ASSIGN_OR_RETURN(
            Posting posting,
            DecideReversal({rec->entry.name(), rec->entry.kind(), rec->entry.rule_code(),
                            rec->entry.amount(), rec->matter_group, rec->reversed_by}));
        store::NewEntry entry;
        entry.posting = posting;
        entry.matter_id = rec->entry.matter_id();
        entry.reason = request.reason();
        entry.deciding_agency = AgencyOf(call);
        entry.actor = call.principal.actor;
        entry.evidence_ref = rec->entry.evidence_ref();
        entry.effective_date = DateOf(call.now);
        entry.request_id = request.request_id();
        entry.reverses_id = entry_id;
        entry.body = rec->entry.body();
        entry.level = rec->entry.level();
        entry.in_own_name = rec->entry.in_own_name();
        return store::AppendEntry(tx, j, person_id, entry, figures, call.now);
      });
}

Status Ledger::GetBalance(const CallContext& call, const v1::GetPointBalanceRequest& request,
                          v1::PointBalance* response) const {
  ASSIGN_OR_RETURN(PersonChild ref, ScopeOfPersonChild(call.principal, request.name(),
                                                       "jurisdictions/{j}/persons/{p}/pointBalance",
                                                       "pointBalance", 1));
  const std::string& j = ref.person.jurisdiction;
  const std::string person_id = ref.person.id;
  const bool dated = !IsUnset(request.as_of_date());
  if (dated) RETURN_IF_ERROR(RequireDate(request.as_of_date(), "as_of_date"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    response->Clear();
    response->set_name(store::BalanceName(j, person_id));
    ASSIGN_OR_RETURN(auto figures, store::GetFigures(tx, j, person_id));
    response->set_employed(figures ? figures->employed : true);
    if (dated) {
      ASSIGN_OR_RETURN(store::FiguresAt at,
                       store::FiguresOn(tx, j, person_id, request.as_of_date()));
      response->set_balance(at.balance);
      response->set_level(at.level);
      response->set_level_points(at.level_points);
      if (at.period_start) *response->mutable_level_period_start() = *at.period_start;
      response->set_entry_count(at.entry_count);
      *response->mutable_as_of_date() = request.as_of_date();
      return absl::OkStatus();
    }
    if (!figures) return absl::OkStatus();
    response->set_balance(figures->balance);
    response->set_level(figures->level);
    response->set_level_points(figures->level_points);
    if (figures->period_start) *response->mutable_level_period_start() = *figures->period_start;
    response->set_entry_count(figures->entry_count);
    return absl::OkStatus();
  });
}

Status Ledger::List(const CallContext& call, const v1::ListPointEntriesRequest& request,
                    v1::ListPointEntriesResponse* response) const {
  ASSIGN_OR_RETURN(auto ref, ScopeOfPerson(call.principal, request.parent(), "parent"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(auto terms,
                   service::ParseFilter(request.filter(), {"rule_code", "matter_id", "kind"}));
  store::EntryFilter filter;
  filter.rule_code = terms["rule_code"];
  filter.matter_id = terms["matter_id"];
  if (!terms["kind"].empty()) {
    v1::EntryKind kind;
    if (!v1::EntryKind_Parse(terms["kind"], &kind) || kind == v1::ENTRY_KIND_UNSPECIFIED) {
      return Invalid(absl::StrCat("filter: kind: unknown entry kind \"", terms["kind"], "\""));
    }
    filter.kind = kind;
  }
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(),
      absl::StrCat(request.parent(), "?", request.filter()), response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListEntries(tx, j, ref.id, filter, after, limit);
      },
      [](const store::ListedEntry& row) { return row.key; },
      [&](const store::ListedEntry& row) { *response->add_point_entries() = row.entry; });
}

Status Ledger::BatchGetBalances(const CallContext& call,
                                const v1::BatchGetPointBalancesRequest& request,
                                v1::BatchGetPointBalancesResponse* response) const {
  ASSIGN_OR_RETURN(service::BatchScope scope,
                   service::ScopeOfBatch(call.principal, request.parent(), request.names(),
                                         "/pointBalance", "names"));
  const std::string& j = scope.jurisdiction;
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto figures, store::GetFiguresOf(tx, j, scope.person_ids));
    response->Clear();
    for (const std::string& id : scope.person_ids) {
      v1::PointBalance* b = response->add_point_balances();
      b->set_name(store::BalanceName(j, id));
      auto it = figures.find(id);
      if (it == figures.end()) {  // as GetPointBalance: no row reads 0, employed
        b->set_employed(true);
        continue;
      }
      const store::Figures& f = it->second;
      b->set_employed(f.employed);
      b->set_balance(f.balance);
      b->set_level(f.level);
      b->set_level_points(f.level_points);
      if (f.period_start) *b->mutable_level_period_start() = *f.period_start;
      b->set_entry_count(f.entry_count);
    }
    return absl::OkStatus();
  });
}

}  // namespace auxpro::points
