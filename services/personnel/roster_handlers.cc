#include "services/personnel/roster_handlers.h"

#include <algorithm>
#include <tuple>

#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "services/personnel/organisation_store.h"
#include "services/personnel/persons_store.h"
#include "services/personnel/resource_names.h"

namespace auxpro::personnel {

absl::Status Roster::Get(const rpc::CallContext& call, const v1::GetPublicRosterRequest& request,
                         v1::PublicRoster* response) const {
  ASSIGN_OR_RETURN(auto ref, auth::ScopeOfName(call.principal, request.unit(), "units", "unit"));
  const std::string& j = ref.jurisdiction;
  return ctx_.pool.Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto unit, store::GetUnit(tx, j, ref.id));
    if (!unit) return NotFound("unit", request.unit());
    response->Clear();
    response->set_unit(unit->name());
    store::PersonFilter filter;
    filter.unit_id = ref.id;
    for (int state : {static_cast<int>(v1::PROBATION), static_cast<int>(v1::ACTIVE)}) {
      filter.state = state;
      std::string after;
      for (;;) {
        constexpr int kBatch = 500;
        ASSIGN_OR_RETURN(auto batch, store::ListPersons(tx, j, filter, after, kBatch));
        for (const auto& r : batch) {
          auto* e = response->add_entries();
          e->set_full_name(r.person.full_name());
          e->set_photo_ref(r.person.photo_ref());
          e->set_badge_number(r.person.badge_number());
          e->set_duty_area(r.person.duty_area());
        }
        if (static_cast<int>(batch.size()) < kBatch) break;
        after = batch.back().id;
      }
    }
    auto* entries = response->mutable_entries();
    std::sort(entries->begin(), entries->end(), [](const auto& a, const auto& b) {
      return std::tie(a.badge_number(), a.full_name()) < std::tie(b.badge_number(), b.full_name());
    });
    return absl::OkStatus();
  });
}

}  // namespace auxpro::personnel
