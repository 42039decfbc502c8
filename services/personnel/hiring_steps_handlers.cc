#include "services/personnel/hiring_steps_handlers.h"

#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "services/personnel/employment_rules.h"
#include "services/personnel/hiring_steps_rules.h"
#include "services/personnel/persons_handlers.h"

namespace auxpro::personnel {

absl::Status HiringSteps::Record(const rpc::CallContext& call,
                                 const v1::RecordHiringStepRequest& request,
                                 v1::Person* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "persons"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  RETURN_IF_ERROR(
      CheckHiringStepRecord(policy->employment(), request.step(), FromProto(DateOf(call.now))));
  return ctx_.mutate(call, j, request, response,
                     [&](db::Transaction& tx) -> absl::StatusOr<v1::Person> {
                       ASSIGN_OR_RETURN(store::PersonRecord rec, LoadPerson(tx, j, ref.id, true));
                       RETURN_IF_ERROR(CheckAction(rec.person, PersonAction::kHire));
                       rec.person = WithHiringStep(std::move(rec.person), request.step());
                       ASSIGN_OR_RETURN(auto written, store::UpdatePerson(tx, j, rec, call.now));
                       return Present(written, call, ctx_.cipher);
                     });
}

}  // namespace auxpro::personnel
