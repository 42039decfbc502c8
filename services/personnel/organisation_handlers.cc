#include "services/personnel/organisation_handlers.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/errors.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "libs/service/listing.h"
#include "services/personnel/organisation_store.h"
#include "services/personnel/resource_names.h"

namespace auxpro::personnel {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

// The scope of the jurisdiction-wide head-count limit; no unit may take it as its id.
constexpr char kWholeJurisdiction[] = "all";

}  // namespace

Status Organisation::CreateUnit(const CallContext& call, const v1::CreateUnitRequest& request,
                                v1::Unit* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  RETURN_IF_ERROR(RequireText(request.unit().display_name(), "unit.display_name", 255));
  std::string id = request.unit_id();
  if (id.empty()) {
    id = NewId("u-");
  } else {
    RETURN_IF_ERROR(RequireIdText(id, "unit_id", 40));
    if (id == kWholeJurisdiction) {
      return Invalid("unit_id: \"all\" is reserved (it names the jurisdiction-wide limit)");
    }
  }
  return ctx_.mutate(call, j, request, response, [&](db::Transaction& tx) -> StatusOr<v1::Unit> {
    ASSIGN_OR_RETURN(auto existing, store::GetUnit(tx, j, id));
    if (existing) return AlreadyExists(absl::StrCat("unit ", UnitName(j, id), " already exists"));
    return store::InsertUnit(tx, j, id, request.unit().display_name(), call.now);
  });
}

Status Organisation::ListUnits(const CallContext& call, const v1::ListUnitsRequest& request,
                               v1::ListUnitsResponse* response) const {
  return service::ListInJurisdiction(ctx_.pool, call, request, response, store::ListUnits,
                                     [&](const v1::Unit& unit) { *response->add_units() = unit; });
}

Status Organisation::SetHeadcountLimit(const CallContext& call,
                                       const v1::SetHeadcountLimitRequest& request,
                                       v1::HeadcountLimit* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  if (request.limit() < 0) {
    return Invalid(absl::StrCat("limit: must not be negative, got ", request.limit()));
  }
  RETURN_IF_ERROR(LimitText(request.document_ref(), "document_ref", 255));
  std::string scope = kWholeJurisdiction;
  if (!request.unit().empty()) {
    ASSIGN_OR_RETURN(scope,
                     auth::ScopeOfReference(call.principal, request.unit(), "units", "unit", j));
  }
  return ctx_.mutate(call, j, request, response,
                     [&](db::Transaction& tx) -> StatusOr<v1::HeadcountLimit> {
                       if (scope != kWholeJurisdiction) {
                         ASSIGN_OR_RETURN(auto unit, store::GetUnit(tx, j, scope));
                         if (!unit) return NotFound("unit", request.unit());
                       }
                       return store::UpsertHeadcountLimit(tx, j, scope, request.limit(),
                                                          request.document_ref(), call.now);
                     });
}

Status Organisation::ListHeadcountLimits(const CallContext& call,
                                         const v1::ListHeadcountLimitsRequest& request,
                                         v1::ListHeadcountLimitsResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  return service::ReadPage(
      ctx_.pool, request.page_size(), request.page_token(), j, response,
      [&](db::Transaction& tx, const std::string& after, int limit) {
        return store::ListHeadcountLimits(tx, j, after, limit);
      },
      store::ListKey,
      [&](const v1::HeadcountLimit& limit) { *response->add_headcount_limits() = limit; });
}

}  // namespace auxpro::personnel
