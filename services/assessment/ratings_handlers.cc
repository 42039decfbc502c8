#include "services/assessment/ratings_handlers.h"

#include <algorithm>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/events.pb.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/outbox/outbox.h"
#include "libs/service/list_filter.h"
#include "libs/service/listing.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/publication_store.h"
#include "services/assessment/ratings_store.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

// Who is told of a final annual rating: points (+5 for the top grade), grading (grade history).
const std::vector<std::string> kFinalizedConsumers = {"points", "grading"};

Status YearFinalized(const std::string& unit, int year) {
  return WithErrorInfo(
      Precondition(absl::StrCat("annual ratings of ", unit, " for ", year,
                                " are finalized and immutable; a correction is a new decision")),
      "YEAR_FINALIZED", {{"unit", unit}, {"year", absl::StrCat(year)}});
}

struct YearRef {
  std::string jurisdiction;
  std::string unit_id;
  int year = 0;
};

// `jurisdictions/{j}/units/{unit}/ratingYears/{year}`.
StatusOr<YearRef> ScopeOfYear(const CallContext& call, const std::string& name) {
  const size_t at = name.find("/ratingYears/");
  int year = 0;
  if (at == std::string::npos ||
      !absl::SimpleAtoi(name.substr(at + std::string("/ratingYears/").size()), &year)) {
    return Invalid(absl::StrCat("name: \"", name,
                                "\" is not of the form jurisdictions/<jurisdiction>/units/<unit>/"
                                "ratingYears/<year>"));
  }
  ASSIGN_OR_RETURN(auto unit, auth::ScopeOfName(call.principal, name.substr(0, at), "units"));
  return YearRef{unit.jurisdiction, unit.id, year};
}

}  // namespace

Status Ratings::Propose(const CallContext& call, const v1::ProposeAnnualRatingRequest& request,
                        v1::AnnualRating* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const v1::AnnualRating& in = request.annual_rating();
  ASSIGN_OR_RETURN(
      const std::string person_id,
      auth::ScopeOfReference(call.principal, in.person(), "persons", "annual_rating.person", j));
  RETURN_IF_ERROR(CheckYearNotFuture(in.year(), FromProto(DateOf(call.now)), "annual_rating.year"));
  RETURN_IF_ERROR(CheckGrade(policy->annual_rating(), in.grade()));
  ASSIGN_OR_RETURN(auto person,
                   personnel_.EmployedPerson(PersonName(j, person_id), "annual_rating.person"));
  ASSIGN_OR_RETURN(const std::string unit_id, auth::ScopeOfReference(call.principal, person.unit(),
                                                                     "units", "person.unit", j));
  const std::string new_id = NewId("y-");
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::AnnualRating> {
        ASSIGN_OR_RETURN(auto existing, store::FindRating(tx, j, person_id, in.year()));
        // Lock the years involved in one order (a move between units touches two).
        std::vector<std::string> units = {unit_id};
        if (existing && existing->unit_id != unit_id) units.push_back(existing->unit_id);
        std::sort(units.begin(), units.end());
        for (const std::string& u : units) {
          ASSIGN_OR_RETURN(auto year, store::LockYear(tx, j, u, in.year()));
          if (year.has_finalize_time()) return YearFinalized(UnitName(j, u), in.year());
        }
        ASSIGN_OR_RETURN(existing, store::FindRating(tx, j, person_id, in.year()));
        if (existing && existing->rating.state() == v1::FINAL) {
          return YearFinalized(existing->rating.unit(), in.year());
        }
        return store::UpsertRating(tx, j, existing ? existing->id : new_id, existing.has_value(),
                                   person_id, unit_id, in.year(), in.grade(), call.now);
      });
}

Status Ratings::List(const CallContext& call, const v1::ListAnnualRatingsRequest& request,
                     v1::ListAnnualRatingsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(auto terms, service::ParseFilter(request.filter(), {"year", "unit", "person"}));
  store::RatingFilter filter;
  if (terms.contains("year") && !absl::SimpleAtoi(terms["year"], &filter.year)) {
    return Invalid(absl::StrCat("filter: year \"", terms["year"], "\" is not a year"));
  }
  if (terms.contains("unit")) {
    ASSIGN_OR_RETURN(filter.unit_id, auth::ScopeOfReference(call.principal, terms["unit"], "units",
                                                            "filter unit", j));
  }
  if (terms.contains("person")) {
    ASSIGN_OR_RETURN(filter.person_id, auth::ScopeOfReference(call.principal, terms["person"],
                                                              "persons", "filter person", j));
  }
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), absl::StrCat(j, "|", request.filter()),
      response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListRatings(tx, j, filter, after, limit);
      },
      [](const v1::AnnualRating& a) { return service::IdOf(a); },
      [&](const v1::AnnualRating& a) { *response->add_annual_ratings() = a; });
}

Status Ratings::Finalize(const CallContext& call, const v1::FinalizeAnnualRatingsRequest& request,
                         v1::RatingYear* response) const {
  ASSIGN_OR_RETURN(const YearRef ref, ScopeOfYear(call, request.name()));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  RETURN_IF_ERROR(CheckYearNotFuture(ref.year, FromProto(DateOf(call.now)), "name year"));
  const std::string unit_name = UnitName(j, ref.unit_id);
  ASSIGN_OR_RETURN(auto unit, personnel_.Unit(j, unit_name));
  const auto& rating = policy->annual_rating();
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::RatingYear> {
        ASSIGN_OR_RETURN(auto year, store::LockYear(tx, j, ref.unit_id, ref.year));
        if (year.has_finalize_time()) return YearFinalized(unit_name, ref.year);
        // longquan art. 13(4): an objection raised in the publication period is answered first.
        ASSIGN_OR_RETURN(auto open, store::FirstOpenAnnualObjection(tx, j, ref.unit_id, ref.year));
        if (open) {
          return WithErrorInfo(
              Precondition(absl::StrCat("annual ratings of ", unit_name, " for ", ref.year,
                                        ": objection ", open->name(), " to the published grade of ",
                                        open->person(),
                                        " is open; the bureau answers it, with reasons, before "
                                        "the grade is finalized")),
              "OPEN_OBJECTION",
              {{"objection", open->name()},
               {"person", open->person()},
               {"publication", open->name().substr(0, open->name().find("/objections/"))}});
        }
        ASSIGN_OR_RETURN(auto ratings, store::RatingsOfYear(tx, j, ref.unit_id, ref.year));
        if (ratings.empty()) {
          return Precondition(absl::StrCat("annual ratings of ", unit_name, " for ", ref.year,
                                           ": nothing proposed to finalize"));
        }
        std::vector<std::string> grades;
        for (const auto& r : ratings) grades.push_back(r.grade());
        const std::string label = unit.display_name().empty() ? unit_name : unit.display_name();
        ASSIGN_OR_RETURN(const int allowed,
                         CheckTopGradeCap(rating, label, ref.year, unit.member_count(), grades));
        int top = 0;
        for (const auto& r : ratings) {
          const bool is_top = r.grade() == rating.grades(0);
          top += is_top ? 1 : 0;
          v1::AnnualRatingFinalized event;
          event.set_person(r.person());
          event.set_year(ref.year);
          event.set_grade(r.grade());
          event.set_top_grade(is_top);
          event.set_unit(unit_name);
          event.set_annual_rating(r.name());
          RETURN_IF_ERROR(
              outbox::Enqueue(tx, {"assessment", kFinalizedConsumers, j, r.person(), &event},
                              call.now)
                  .status());
        }
        return store::FinalizeYear(tx, j, ref.unit_id, ref.year, unit.member_count(), allowed, top,
                                   static_cast<int>(ratings.size()), call.now);
      });
}

}  // namespace auxpro::assessment
