#include "services/personnel/staffing_rules.h"

namespace auxpro::personnel {

v1::StaffingReport BuildStaffingReport(const policy::v1::Policy& policy,
                                       const std::vector<UnitStaffing>& units,
                                       int established_staff) {
  v1::StaffingReport report;
  for (const UnitStaffing& u : units) {
    auto* line = report.add_units();
    line->set_unit(u.unit.name());
    line->set_display_name(u.unit.display_name());
    line->set_members(u.unit.member_count());
    if (u.recorded_minimum) {
      line->set_minimum(*u.recorded_minimum);
      line->set_minimum_source(u.recorded_document_ref);
    } else {
      for (const auto& floor : policy.headcount().staffing_floors()) {
        if (floor.unit_display_name() == u.unit.display_name()) {
          line->set_minimum(static_cast<int32_t>(floor.minimum()));
          line->set_minimum_source(floor.article());
        }
      }
    }
    line->set_below_minimum(line->members() < line->minimum());
    if (line->below_minimum()) report.add_below_minimum(u.unit.name());
    report.set_members(report.members() + line->members());
    report.set_minimum_total(report.minimum_total() + line->minimum());
  }
  report.set_established_staff(established_staff);
  const int cap = static_cast<int>(policy.headcount().ratio_to_established_staff_percent());
  report.set_ratio_cap_percent(cap);
  if (established_staff > 0) {
    report.set_ratio_percent(100.0 * report.members() / established_staff);
  }
  if (cap > 0) {
    report.set_ratio_allows(
        static_cast<int32_t>(static_cast<int64_t>(established_staff) * cap / 100));
    report.set_over_ratio_cap(report.members() > report.ratio_allows());
  }
  return report;
}

}  // namespace auxpro::personnel
