#include <set>
#include <string>

#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {

void ValidateHeadcount(Problems p, const auxpro::policy::v1::Headcount& headcount) {
  p.Range("ratio_to_established_staff_percent", headcount.ratio_to_established_staff_percent(), 0,
          1000);
  std::set<std::string> seen;
  for (int i = 0; i < headcount.staffing_floors_size(); ++i) {
    const auto& f = headcount.staffing_floors(i);
    Problems item = p.Item("staffing_floors", i);
    if (f.unit_display_name().empty()) item.Add("unit_display_name", "required");
    if (f.article().empty()) item.Add("article", "required");
    if (!seen.insert(f.unit_display_name()).second) {
      item.Add("unit_display_name", "listed twice");
    }
  }
}

void ValidateExit(Problems p, const auxpro::policy::v1::Exit& exit) {
  p.RequiredCodes("checklist", exit.checklist(), kLowerSnake);
  // The confirmed items of an exit are stored joined by commas (each confirmed once) in a column
  // of 1024 characters: the whole checklist must fit it.
  size_t joined = 0;
  for (const std::string& item : exit.checklist()) joined += item.size() + (joined ? 1 : 0);
  if (joined > 1024) p.Add("checklist", "longer than 1024 characters when joined by commas");
}

void ValidateDailyManagement(Problems p, const auxpro::policy::v1::DailyManagement& daily) {
  p.Range("unexcused_absences_per_year", daily.unexcused_absences_per_year(), 0, 366);
  p.Range("disciplinary_notices_per_year", daily.disciplinary_notices_per_year(), 0, 366);
  p.Range("months_unable_to_work", daily.months_unable_to_work(), 0, 12);
  p.Range("uniform_checks_per_week", daily.uniform_checks_per_week(), 0, 7);
  p.Range("consecutive_bottom_grade_years", daily.consecutive_bottom_grade_years(), 0, 10);
}

}  // namespace auxpro::policy::validation
