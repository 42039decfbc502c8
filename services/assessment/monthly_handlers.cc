#include "services/assessment/monthly_handlers.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/service/list_filter.h"
#include "libs/service/listing.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/monthly_store.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

Status Monthly::Create(const CallContext& call, const v1::CreateMonthlyAssessmentRequest& request,
                       v1::MonthlyAssessment* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  const v1::MonthlyAssessment& in = request.monthly_assessment();
  ASSIGN_OR_RETURN(const std::string person_id,
                   auth::ScopeOfReference(call.principal, in.person(), "persons",
                                          "monthly_assessment.person", j));
  RETURN_IF_ERROR(
      CheckMonthNotFuture(in.month(), FromProto(DateOf(call.now)), "monthly_assessment.month"));
  const std::vector<v1::MonthlyAssessment::Item> items(in.items().begin(), in.items().end());
  ASSIGN_OR_RETURN(const bool passed, CheckDailyItems(policy->assessment(), items));
  for (const auto& item : items) {
    RETURN_IF_ERROR(LimitText(item.note(), "monthly_assessment.items.note", 255));
  }
  if (in.evidence_size() > 100) return Invalid("monthly_assessment.evidence: at most 100");
  for (const std::string& e : in.evidence()) {
    RETURN_IF_ERROR(RequireText(e, "monthly_assessment.evidence", 255));
    if (e.find('\n') != std::string::npos) {
      return Invalid("monthly_assessment.evidence: one line per reference");
    }
  }
  RETURN_IF_ERROR(
      personnel_.EmployedPerson(PersonName(j, person_id), "monthly_assessment.person").status());
  v1::MonthlyAssessment row = in;
  row.set_person(PersonName(j, person_id));
  row.set_passed(passed);
  row.clear_name();
  row.clear_create_time();
  const std::string id = NewId("m-");
  return ctx_.mutate(
      call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::MonthlyAssessment> {
        ASSIGN_OR_RETURN(auto existing, store::FindMonthly(tx, j, person_id, in.month().year(),
                                                           in.month().month()));
        if (existing) {
          const std::string month = absl::StrCat(in.month().year(), "-", in.month().month());
          return WithErrorInfo(AlreadyExists(absl::StrCat(
                                   "one daily assessment per person and month: ", row.person(),
                                   " was assessed for ", month, " in ", *existing)),
                               "MONTH_ALREADY_ASSESSED",
                               {{"person", row.person()}, {"month", month}});
        }
        return store::InsertMonthly(tx, j, id, person_id, row, call.now);
      });
}

Status Monthly::List(const CallContext& call, const v1::ListMonthlyAssessmentsRequest& request,
                     v1::ListMonthlyAssessmentsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(auto terms, service::ParseFilter(request.filter(), {"person"}));
  std::string person_id;
  if (terms.contains("person")) {
    ASSIGN_OR_RETURN(person_id, auth::ScopeOfReference(call.principal, terms["person"], "persons",
                                                       "filter person", j));
  }
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), absl::StrCat(j, "|", request.filter()),
      response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListMonthly(tx, j, person_id, after, limit);
      },
      [](const v1::MonthlyAssessment& m) { return service::IdOf(m); },
      [&](const v1::MonthlyAssessment& m) { *response->add_monthly_assessments() = m; });
}

}  // namespace auxpro::assessment
