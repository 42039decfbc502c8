#include "services/assessment/standing_handlers.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/service/batch.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/resource_names.h"
#include "services/assessment/standing_store.h"

namespace auxpro::assessment {

namespace {

// The standing of one person from what the store read of it.
v1::AssessmentStanding BuildStanding(const policy::v1::Policy& policy, const std::string& name,
                                     const common::v1::Date& date,
                                     const store::StandingFacts& facts) {
  v1::AssessmentStanding out;
  out.set_name(name);
  *out.mutable_date() = date;
  if (facts.exam) {
    out.set_latest_exam_score(facts.exam->score());
    out.set_latest_exam_result(facts.exam->name());
  }
  std::map<std::string, v1::AssessmentStanding::Item> items;
  for (const std::string& code : policy.assessment().centralized_items()) {
    items[code].set_item(code);
  }
  for (const auto& a : facts.attempts) {
    auto& item = items[a.item()];
    item.set_item(a.item());
    item.set_attempts(item.attempts() + 1);
    if (!item.passed_this_year()) item.set_result(a.name());
    if (a.passed()) item.set_passed_this_year(true);
  }
  for (const std::string& code : policy.assessment().centralized_items()) {
    *out.add_items() = items[code];
  }
  if (facts.rating) {
    out.set_last_annual_grade(facts.rating->grade());
    out.set_last_annual_year(facts.rating->year());
    out.set_last_annual_rating(facts.rating->name());
  }
  const Competence c = DecideCompetent(policy.annual_rating(),
                                       facts.rating ? facts.rating->grade() : std::string());
  out.set_competent(c.competent);
  out.set_competent_reason(c.reason);
  return out;
}

}  // namespace

absl::Status Standing::Get(const rpc::CallContext& call,
                           const v1::GetAssessmentStandingRequest& request,
                           v1::AssessmentStanding* response) const {
  absl::string_view person = request.name();
  if (!absl::ConsumeSuffix(&person, "/assessmentStanding")) {
    return Invalid(absl::StrCat("name: \"", request.name(),
                                "\" is not of the form jurisdictions/<jurisdiction>/persons/"
                                "<person>/assessmentStanding"));
  }
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, std::string(person), "persons"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(const common::v1::Date date, DateOrToday(request.date(), call.now, "date"));
  const int year = date.year();
  return ctx_.pool.Read([&](db::Transaction& tx) -> absl::Status {
    store::StandingFacts facts;
    ASSIGN_OR_RETURN(facts.exam, store::LatestExam(tx, j, ref.id, year));
    ASSIGN_OR_RETURN(facts.attempts, store::AttemptsOfYear(tx, j, ref.id, year));
    ASSIGN_OR_RETURN(facts.rating, store::LastFinalRating(tx, j, ref.id, year));
    *response = BuildStanding(*policy, request.name(), date, facts);
    return absl::OkStatus();
  });
}

absl::Status Standing::BatchGet(const rpc::CallContext& call,
                                const v1::BatchGetAssessmentStandingsRequest& request,
                                v1::BatchGetAssessmentStandingsResponse* response) const {
  ASSIGN_OR_RETURN(service::BatchScope scope,
                   service::ScopeOfBatch(call.principal, request.parent(), request.names(),
                                         "/assessmentStanding", "names"));
  const std::string& j = scope.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(const common::v1::Date date, DateOrToday(request.date(), call.now, "date"));
  return ctx_.pool.Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto facts, store::StandingFactsOf(tx, j, scope.person_ids, date.year()));
    response->Clear();
    const store::StandingFacts none;
    for (int i = 0; i < request.names_size(); ++i) {
      auto it = facts.find(scope.person_ids[i]);
      *response->add_assessment_standings() =
          BuildStanding(*policy, request.names(i), date, it == facts.end() ? none : it->second);
    }
    return absl::OkStatus();
  });
}

}  // namespace auxpro::assessment
