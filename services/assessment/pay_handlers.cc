#include "services/assessment/pay_handlers.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "services/assessment/assessment_rules.h"
#include "services/assessment/daily_store.h"
#include "services/assessment/leave_store.h"
#include "services/assessment/publication_store.h"
#include "services/assessment/pay_rules.h"
#include "services/assessment/ratings_store.h"
#include "services/assessment/resource_names.h"

namespace auxpro::assessment {

namespace {

using absl::Status;
using rpc::CallContext;
constexpr char kSuffix[] = "/paySheets/";

}  // namespace

Status PaySheets::Get(const CallContext& call, const v1::GetPaySheetRequest& request,
                      v1::PaySheet* response) const {
  const std::string& name = request.name();
  const size_t at = name.find(kSuffix);
  v1::YearMonth month;
  std::vector<std::string> ym;
  if (at != std::string::npos) ym = absl::StrSplit(name.substr(at + std::string(kSuffix).size()), '-');
  int y = 0, m = 0;
  if (ym.size() != 2 || ym[0].size() != 4 || ym[1].size() != 2 || !absl::SimpleAtoi(ym[0], &y) ||
      !absl::SimpleAtoi(ym[1], &m)) {
    return Invalid(absl::StrCat("name: \"", name.substr(0, 200),
                                "\" is not of the form jurisdictions/<jurisdiction>/persons/"
                                "<person>/paySheets/<yyyy-mm>"));
  }
  month.set_year(y);
  month.set_month(m);
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, name.substr(0, at), "persons"));
  const std::string& j = ref.jurisdiction;
  const CivilDate today = FromProto(DateOf(call.now));
  RETURN_IF_ERROR(CheckMonthNotFuture(month, today, "name month"));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (!policy->assessment().has_performance_pay()) {
    return WithErrorInfo(Precondition(absl::StrCat("pay sheet: the policy of ", j,
                                                   " sets no performance-pay amounts")),
                         "PAY_NOT_CONFIGURED", {});
  }
  const PayPolicy& pay = policy->assessment().performance_pay();
  ASSIGN_OR_RETURN(auto person, personnel_.Person(PersonName(j, ref.id), "name"));
  // The year-end bonus counts the real labour contract (personnel's ListLabourContracts), not a
  // date inferred from the person: its start without probation, its end when the relation ended.
  ASSIGN_OR_RETURN(auto contracts, personnel_.LabourContracts(person.name(), "name"));
  const ContractSpan contract = ContractOfYear(person, contracts, y);
  const CivilDate first{y, m, 1};
  const CivilDate last = AddDays(AddMonths(first, 1), -1);
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto records, store::PersonRecords(tx, j, ref.id, first, last));
    ASSIGN_OR_RETURN(auto leaves, store::PersonLeavesOverlapping(tx, j, ref.id, first, last));
    ASSIGN_OR_RETURN(auto monthly, store::MonthlyResultsOf(tx, j, y, m));
    ASSIGN_OR_RETURN(auto rating, store::FindRating(tx, j, ref.id, y));
    response->Clear();
    response->set_name(PaySheetName(j, ref.id, y, m));
    response->set_person(person.name());
    response->set_full_name(person.full_name());
    response->set_unit(person.unit());
    response->set_year(y);
    response->set_month(m);
    response->set_article(pay.article());
    int64_t total = 0;
    for (auto& d : MonthDeductions(pay, records, leaves, y, m)) {
      total += d.amount_fen();
      *response->add_deductions() = std::move(d);
    }
    response->set_total_deduction_fen(total);
    if (auto it = monthly.find(ref.id); it != monthly.end()) {
      response->set_monthly_assessment(it->second.name);
      response->set_monthly_passed(it->second.passed);
    }
    std::optional<v1::AnnualRating> final_rating;
    if (rating) final_rating = rating->rating;
    *response->mutable_year_end() = YearEndOf(pay, y, final_rating, contract.start, contract.end);
    response->mutable_year_end()->set_labour_contract(contract.contract);
    // The policy's day, or the month's last day where it names none.
    const int due_day = pay.sheet_due_day() == 0
                            ? last.day
                            : std::clamp(static_cast<int>(pay.sheet_due_day()), 1, last.day);
    *response->mutable_due_date() = ToProto(CivilDate{y, m, due_day});
    return absl::OkStatus();
  });
}

}  // namespace auxpro::assessment
