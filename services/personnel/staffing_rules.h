// Staffing floors (haimen annex 1) and the ratio of auxiliaries to established staff (longquan
// art. 3(一)) as a report: the units with their members and minimums, in, the report out. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"

namespace auxpro::personnel {

struct UnitStaffing {
  v1::Unit unit;  // name, display_name, member_count
  // Recorded by the establishment office (SetStaffingFloor), else the policy's floor applies.
  std::optional<int> recorded_minimum;
  std::string recorded_document_ref;
};

// One line per unit, in the order given; a unit is below its minimum when its members are fewer;
// the ratio is members / established staff in percent, over the cap when the members exceed
// established_staff x cap / 100 (rounded down).
v1::StaffingReport BuildStaffingReport(const policy::v1::Policy& policy,
                                       const std::vector<UnitStaffing>& units,
                                       int established_staff);

}  // namespace auxpro::personnel
