#include "services/assessment/standing_handlers.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/standing_store.h"

namespace auxpro::assessment {

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
    ASSIGN_OR_RETURN(auto exam, store::LatestExam(tx, j, ref.id, year));
    ASSIGN_OR_RETURN(auto attempts, store::AttemptsOfYear(tx, j, ref.id, year));
    ASSIGN_OR_RETURN(auto rating, store::LastFinalRating(tx, j, ref.id, year));
    response->Clear();
    response->set_name(request.name());
    *response->mutable_date() = date;
    if (exam) {
      response->set_latest_exam_score(exam->score());
      response->set_latest_exam_result(exam->name());
    }
    std::map<std::string, v1::AssessmentStanding::Item> items;
    for (const std::string& code : policy->assessment().centralized_items()) {
      items[code].set_item(code);
    }
    for (const auto& a : attempts) {
      auto& item = items[a.item()];
      item.set_item(a.item());
      item.set_attempts(item.attempts() + 1);
      if (!item.passed_this_year()) item.set_result(a.name());
      if (a.passed()) item.set_passed_this_year(true);
    }
    for (const std::string& code : policy->assessment().centralized_items()) {
      *response->add_items() = items[code];
    }
    if (rating) {
      response->set_last_annual_grade(rating->grade());
      response->set_last_annual_year(rating->year());
      response->set_last_annual_rating(rating->name());
    }
    const Competence c =
        DecideCompetent(policy->annual_rating(), rating ? rating->grade() : std::string());
    response->set_competent(c.competent);
    response->set_competent_reason(c.reason);
    return absl::OkStatus();
  });
}

}  // namespace auxpro::assessment
