#include "services/assessment/publication_handlers.h"

#include <map>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/common/working_days.h"
#include "libs/db/columns.h"
#include "libs/service/list_filter.h"
#include "libs/service/listing.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/publication_rules.h"
#include "services/assessment/publication_store.h"
#include "services/assessment/ratings_store.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

constexpr char kObjections[] = "/objections/";

struct ObjectionRef {
  std::string jurisdiction;
  std::string publication_id;
  std::string id;
};

// `jurisdictions/{j}/publications/{p}/objections/{o}`.
StatusOr<ObjectionRef> ScopeOfObjection(const CallContext& call, const std::string& name) {
  const size_t at = name.find(kObjections);
  const std::string id =
      at == std::string::npos ? "" : name.substr(at + std::string(kObjections).size());
  if (id.empty() || id.find('/') != std::string::npos || id.size() > 64) {
    return Invalid(absl::StrCat("name: \"", name.substr(0, 200),
                                "\" is not of the form jurisdictions/<jurisdiction>/"
                                "publications/<publication>/objections/<objection>"));
  }
  ASSIGN_OR_RETURN(auto pub, auth::ScopeOfName(call.principal, name.substr(0, at), "publications"));
  return ObjectionRef{pub.jurisdiction, pub.id, id};
}

Status PublicationNotFound(const std::string& name) {
  return absl::NotFoundError(absl::StrCat("publication ", name, " not found"));
}

}  // namespace

Status Publications::Publish(const CallContext& call, const v1::PublishResultsRequest& request,
                             v1::Publication* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const v1::Publication& in = request.publication();
  const CivilDate today = FromProto(DateOf(call.now));
  if (in.kind() != v1::Publication::MONTHLY_RESULTS &&
      in.kind() != v1::Publication::PROPOSED_ANNUAL_GRADES) {
    return Invalid("publication.kind: MONTHLY_RESULTS or PROPOSED_ANNUAL_GRADES is required");
  }
  if (in.kind() == v1::Publication::MONTHLY_RESULTS) {
    v1::YearMonth m;
    m.set_year(in.year());
    m.set_month(in.month());
    RETURN_IF_ERROR(CheckMonthNotFuture(m, today, "publication.month"));
  } else {
    RETURN_IF_ERROR(CheckYearNotFuture(in.year(), today, "publication.year"));
    if (in.month() != 0) {
      return Invalid("publication.month: not given for PROPOSED_ANNUAL_GRADES");
    }
  }
  std::optional<CivilDate> requested_end;
  if (in.has_end_date()) {
    RETURN_IF_ERROR(RequireDate(in.end_date(), "publication.end_date"));
    requested_end = FromProto(in.end_date());
  }
  ASSIGN_OR_RETURN(const PublicationPeriod period,
                   PeriodOf(policy->assessment(),
                            WorkingDayCalendar::FromProto(policy->working_calendar()), today,
                            requested_end));
  ASSIGN_OR_RETURN(const std::string unit_id, auth::ScopeOfReference(call.principal, in.unit(),
                                                                     "units", "publication.unit", j));
  const std::string unit_name = UnitName(j, unit_id);
  RETURN_IF_ERROR(personnel_.Unit(j, unit_name).status());
  ASSIGN_OR_RETURN(auto members, personnel_.UnitMembers(j, unit_name));
  std::map<std::string, std::string> names;  // person name -> full name
  for (const auto& p : members) names[p.name()] = p.full_name();

  v1::Publication row;
  row.set_kind(in.kind());
  row.set_year(in.year());
  row.set_month(in.kind() == v1::Publication::MONTHLY_RESULTS ? in.month() : 0);
  *row.mutable_start_date() = ToProto(period.start);
  *row.mutable_end_date() = ToProto(period.end);
  row.set_period_basis(period.basis);
  const std::string id = NewId("pub-");
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Publication> {
        v1::Publication p = row;
        if (in.kind() == v1::Publication::MONTHLY_RESULTS) {
          ASSIGN_OR_RETURN(auto results, store::MonthlyResultsOf(tx, j, in.year(), in.month()));
          for (const auto& [person, full_name] : names) {
            auto it = results.find(db::LastSegment(person));
            if (it == results.end()) continue;
            auto* e = p.add_entries();
            e->set_person(person);
            e->set_full_name(full_name);
            e->set_result(it->second.passed ? "PASSED" : "FAILED");
            e->set_record(it->second.name);
          }
        } else {
          ASSIGN_OR_RETURN(auto year, store::LockYear(tx, j, unit_id, in.year()));
          if (year.has_finalize_time()) {
            return WithErrorInfo(
                Precondition(absl::StrCat("annual ratings of ", unit_name, " for ", in.year(),
                                          " are finalized: only proposed grades are published")),
                "YEAR_FINALIZED", {{"unit", unit_name}, {"year", absl::StrCat(in.year())}});
          }
          ASSIGN_OR_RETURN(auto ratings, store::RatingsOfYear(tx, j, unit_id, in.year()));
          for (const auto& r : ratings) {
            auto* e = p.add_entries();
            e->set_person(r.person());
            auto it = names.find(r.person());
            if (it != names.end()) e->set_full_name(it->second);
            e->set_result(r.grade());
            e->set_record(r.name());
          }
        }
        if (p.entries_size() == 0) {
          const std::string what =
              in.kind() == v1::Publication::MONTHLY_RESULTS
                  ? absl::StrCat("no monthly assessment of its members for ", in.year(), "-",
                                 in.month())
                  : absl::StrCat("no proposed annual grade for ", in.year());
          return WithErrorInfo(
              Precondition(absl::StrCat("publication: unit ", unit_name, " has ", what)),
              "NOTHING_TO_PUBLISH",
              {{"unit", unit_name},
               {"year", absl::StrCat(in.year())},
               {"month", absl::StrCat(in.month())}});
        }
        return store::InsertPublication(tx, j, id, unit_id, p, today, call.now);
      });
}

Status Publications::Get(const CallContext& call, const v1::GetPublicationRequest& request,
                         v1::Publication* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "publications"));
  const CivilDate today = FromProto(DateOf(call.now));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, store::FindPublication(tx, ref.jurisdiction, ref.id, today));
    if (!found) return PublicationNotFound(request.name());
    *response = found->publication;
    return absl::OkStatus();
  });
}

Status Publications::List(const CallContext& call, const v1::ListPublicationsRequest& request,
                          v1::ListPublicationsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(auto terms,
                   service::ParseFilter(request.filter(), {"unit", "year", "in_period"}));
  store::PublicationFilter filter;
  if (terms.contains("unit")) {
    ASSIGN_OR_RETURN(filter.unit_id, auth::ScopeOfReference(call.principal, terms["unit"], "units",
                                                            "filter unit", j));
  }
  if (terms.contains("year") && !absl::SimpleAtoi(terms["year"], &filter.year)) {
    return Invalid(absl::StrCat("filter: year \"", terms["year"].substr(0, 16), "\" is not a year"));
  }
  if (terms.contains("in_period")) {
    if (terms["in_period"] != "true" && terms["in_period"] != "false") {
      return Invalid("filter: in_period is true or false");
    }
    filter.in_period = terms["in_period"] == "true";
  }
  const CivilDate today = FromProto(DateOf(call.now));
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), absl::StrCat(j, "|", request.filter()),
      response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListPublications(tx, j, filter, today, after, limit);
      },
      [](const v1::Publication& p) { return service::IdOf(p); },
      [&](const v1::Publication& p) { *response->add_publications() = p; });
}

Status Publications::Object(const CallContext& call, const v1::RecordObjectionRequest& request,
                            v1::Objection* response) const {
  ASSIGN_OR_RETURN(auto pub_ref, auth::ScopeOfName(call.principal, request.parent(),
                                                   "publications", "parent"));
  const std::string& j = pub_ref.jurisdiction;
  const v1::Objection& in = request.objection();
  ASSIGN_OR_RETURN(const std::string person_id, auth::ScopeOfReference(call.principal, in.person(),
                                                                       "persons",
                                                                       "objection.person", j));
  ASSIGN_OR_RETURN(const std::string raised_by_id,
                   auth::ScopeOfReference(call.principal, in.raised_by(), "persons",
                                          "objection.raised_by", j));
  RETURN_IF_ERROR(RequireText(in.statement(), "objection.statement", 1000));
  const CivilDate today = FromProto(DateOf(call.now));
  // Who raised it must be of the publication's unit (its audience).
  std::optional<store::PublicationRow> pub;
  RETURN_IF_ERROR(ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(pub, store::FindPublication(tx, j, pub_ref.id, today));
    return absl::OkStatus();
  }));
  if (!pub) return PublicationNotFound(request.parent());
  ASSIGN_OR_RETURN(auto raiser, personnel_.Person(PersonName(j, raised_by_id), "objection.raised_by"));
  const std::string unit = pub->publication.unit();
  v1::Objection row;
  row.set_statement(in.statement());
  row.set_recorded_by(call.principal.actor);
  const std::string id = NewId("obj-");
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Objection> {
        const v1::Publication& p = pub->publication;
        if (!InPeriod(FromProto(p.start_date()), FromProto(p.end_date()), today)) {
          return WithErrorInfo(
              Precondition(absl::StrCat("objection: the publication period of ", p.name(),
                                        " ended on ", FormatDate(FromProto(p.end_date())),
                                        "; an objection is raised within it")),
              "PUBLICATION_PERIOD_OVER",
              {{"publication", p.name()}, {"end_date", FormatDate(FromProto(p.end_date()))}});
        }
        bool listed = false;
        for (const auto& e : p.entries()) listed = listed || e.person() == PersonName(j, person_id);
        if (!listed) {
          return WithErrorInfo(
              Precondition(absl::StrCat("objection.person: ", PersonName(j, person_id),
                                        " has no result in ", p.name())),
              "NOT_IN_PUBLICATION", {{"publication", p.name()}, {"person", in.person()}});
        }
        if (raiser.unit() != unit ||
            (raiser.state() != personnel::v1::PROBATION && raiser.state() != personnel::v1::ACTIVE)) {
          return WithErrorInfo(
              Precondition(absl::StrCat("objection.raised_by: ", raiser.name(),
                                        " is not a member of ", unit,
                                        ", where the results are published (longquan art. "
                                        "13(4): 在本科队范围内进行公示)")),
              "RAISED_OUTSIDE_UNIT",
              {{"publication", p.name()}, {"raised_by", raiser.name()}, {"unit", unit}});
        }
        return store::InsertObjection(tx, j, id, *pub, person_id, raised_by_id, row, call.now);
      });
}

Status Publications::ListObjections(const CallContext& call,
                                    const v1::ListObjectionsRequest& request,
                                    v1::ListObjectionsResponse* response) const {
  ASSIGN_OR_RETURN(auto pub, auth::ScopeOfName(call.principal, request.parent(), "publications",
                                               "parent"));
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), request.parent(), response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListObjections(tx, pub.jurisdiction, pub.id, after, limit);
      },
      [](const v1::Objection& o) { return service::IdOf(o); },
      [&](const v1::Objection& o) { *response->add_objections() = o; });
}

Status Publications::Answer(const CallContext& call, const v1::AnswerObjectionRequest& request,
                            v1::Objection* response) const {
  ASSIGN_OR_RETURN(const ObjectionRef ref, ScopeOfObjection(call, request.name()));
  RETURN_IF_ERROR(RequireText(request.answer(), "answer", 1000));
  return ctx_.mutate(
      call, ref.jurisdiction, request, response,
      [&](db::Transaction& tx) -> StatusOr<v1::Objection> {
        ASSIGN_OR_RETURN(auto found,
                         store::FindObjection(tx, ref.jurisdiction, ref.publication_id, ref.id, true));
        if (!found) return absl::NotFoundError(absl::StrCat("objection ", request.name(), " not found"));
        if (found->state() != v1::Objection::OPEN) {
          return WithErrorInfo(
              Precondition(absl::StrCat("objection ", found->name(), " is already answered")),
              "OBJECTION_ANSWERED", {{"objection", found->name()}});
        }
        return store::AnswerObjection(tx, ref.jurisdiction, ref.publication_id, ref.id,
                                      request.answer(), request.result_kept(),
                                      call.principal.actor, call.now);
      });
}

}  // namespace auxpro::assessment
