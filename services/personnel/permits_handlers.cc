#include "services/personnel/permits_handlers.h"

#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/service/listing.h"
#include "services/personnel/permits_rules.h"
#include "services/personnel/permits_store.h"
#include "services/personnel/persons_handlers.h"
#include "services/personnel/training_store.h"

namespace auxpro::personnel {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

Status Permits::Issue(const CallContext& call, const v1::IssuePermitRequest& request,
                      v1::Permit* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "persons"));
  const std::string& j = ref.jurisdiction;
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  ASSIGN_OR_RETURN(auto issue_date, DateOrToday(request.issue_date(), call.now, "issue_date"));
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Permit> {
    IssueFacts facts;
    ASSIGN_OR_RETURN(auto rec, LoadPerson(tx, j, ref.id, true));
    facts.person = rec.person;
    ASSIGN_OR_RETURN(facts.held, store::ValidPermitOf(tx, j, ref.id));
    ASSIGN_OR_RETURN(auto training, store::TrainingForRules(tx, j, {ref.id}));
    facts.training = training[ref.id];
    ASSIGN_OR_RETURN(facts.last_serial, store::LockBadgeSerials(tx, j));
    ASSIGN_OR_RETURN(NewBadge badge, DecideIssuePermit(*policy, facts));
    return store::InsertPermit(tx, j, badge.badge_number, badge.serial, ref.id, issue_date);
  });
}

Status Permits::Revoke(const CallContext& call, const v1::RevokePermitRequest& request,
                       v1::Permit* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.name(), "permits"));
  RETURN_IF_ERROR(RequireText(request.reason(), "reason", 255));
  ASSIGN_OR_RETURN(auto revoke_date, DateOrToday(request.revoke_date(), call.now, "revoke_date"));
  const std::string& j = ref.jurisdiction;
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Permit> {
    ASSIGN_OR_RETURN(auto permit, store::GetPermit(tx, j, ref.id, /*lock=*/true));
    if (!permit) return NotFound("permit", request.name());
    RETURN_IF_ERROR(CheckRevocable(*permit));
    return store::RevokePermit(tx, j, *permit, revoke_date, request.reason());
  });
}

Status Permits::List(const CallContext& call, const v1::ListPermitsRequest& request,
                     v1::ListPermitsResponse* response) const {
  return service::ListInJurisdiction(
      ctx_.pool, call, request, response, store::ListPermits,
      [&](const v1::Permit& permit) { *response->add_permits() = permit; });
}

}  // namespace auxpro::personnel
