#include "services/personnel/staffing_handlers.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"
#include "services/personnel/organisation_store.h"
#include "services/personnel/staffing_rules.h"
#include "services/personnel/staffing_store.h"

namespace auxpro::personnel {

namespace {

using absl::Status;
using absl::StatusOr;
using rpc::CallContext;

StatusOr<v1::StaffingReport> LoadReport(db::Transaction& tx, const policy::v1::Policy& policy,
                                        const std::string& j) {
  ASSIGN_OR_RETURN(auto units, store::ListUnits(tx, j, "", 100000));
  ASSIGN_OR_RETURN(auto floors, store::ListStaffingFloors(tx, j));
  ASSIGN_OR_RETURN(int established, store::GetEstablishedStaff(tx, j));
  std::vector<UnitStaffing> lines;
  for (auto& unit : units) {
    UnitStaffing line{unit, std::nullopt, ""};
    const std::string id = unit.name().substr(unit.name().rfind('/') + 1);
    if (auto it = floors.find(id); it != floors.end()) {
      line.recorded_minimum = it->second.minimum;
      line.recorded_document_ref = it->second.document_ref;
    }
    lines.push_back(std::move(line));
  }
  return BuildStaffingReport(policy, lines, established);
}

}  // namespace

Status Staffing::SetFloor(const CallContext& call, const v1::SetStaffingFloorRequest& request,
                          v1::StaffingFloor* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.unit(), "units", "unit"));
  const std::string& j = ref.jurisdiction;
  if (request.minimum() < 0) {
    return Invalid(absl::StrCat("minimum: must not be negative, got ", request.minimum()));
  }
  RETURN_IF_ERROR(LimitText(request.document_ref(), "document_ref", 255));
  // Audited under the unit's name.
  return ctx_.mutate.WithKey(
      call, j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        ASSIGN_OR_RETURN(auto unit, store::GetUnit(tx, j, ref.id));
        if (!unit) return NotFound("unit", request.unit());
        RETURN_IF_ERROR(store::UpsertStaffingFloor(
            tx, j, ref.id, {request.minimum(), request.document_ref()}, call.now));
        v1::StaffingFloor out;
        out.set_unit(unit->name());
        out.set_minimum(request.minimum());
        out.set_document_ref(request.document_ref());
        *response = out;
        return unit->name();
      });
}

Status Staffing::SetEstablishedStaff(const CallContext& call,
                                     const v1::SetEstablishedStaffRequest& request,
                                     v1::StaffingReport* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  if (request.established_staff() < 0) {
    return Invalid(
        absl::StrCat("established_staff: must not be negative, got ", request.established_staff()));
  }
  RETURN_IF_ERROR(LimitText(request.document_ref(), "document_ref", 255));
  // Audited under the jurisdiction's staffing report.
  return ctx_.mutate.WithKey(
      call, j, request.request_id(), request, response,
      [&](db::Transaction& tx) -> StatusOr<std::string> {
        RETURN_IF_ERROR(store::UpsertEstablishedStaff(tx, j, request.established_staff(),
                                                      request.document_ref(), call.now));
        ASSIGN_OR_RETURN(*response, LoadReport(tx, *policy, j));
        return request.parent() + "/staffingReport";
      });
}

Status Staffing::Report(const CallContext& call, const v1::GetStaffingReportRequest& request,
                        v1::StaffingReport* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  ASSIGN_OR_RETURN(const auto* policy, ctx_.Policy(j));
  return ctx_.pool.Read([&](db::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(*response, LoadReport(tx, *policy, j));
    return absl::OkStatus();
  });
}

}  // namespace auxpro::personnel
