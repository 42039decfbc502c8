#include "tests/support/test_calendar.h"

#include <google/protobuf/text_format.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/calendar.h"

namespace auxpro::testing {

policy::v1::CalendarYear SyntheticCalendarYear(int year) {
  policy::v1::CalendarYear y;
  y.set_year(year);
  y.set_source(kSyntheticCalendarSource);
  return y;
}

void ExtendWithSyntheticYears(policy::v1::Policy& policy, int through_year) {
  if (!policy.has_working_calendar()) return;
  auto* calendar = policy.mutable_working_calendar();
  const int last = calendar->years().empty()
                       ? through_year
                       : calendar->years(calendar->years_size() - 1).year();
  for (int year = last + 1; year <= through_year; ++year) {
    *calendar->add_years() = SyntheticCalendarYear(year);
  }
}

absl::StatusOr<policy::PolicySet> TestPolicies() {
  absl::StatusOr<policy::PolicySet> presets = policy::PolicySet::LoadEmbedded();
  if (!presets.ok()) return presets.status();
  const int through = DateOf(absl::Now()).year() + 1;
  policy::PolicySet out;
  for (const std::string& j : presets->Jurisdictions()) {
    policy::v1::Policy p = *presets->Find(j);
    ExtendWithSyntheticYears(p, through);
    if (absl::Status added = out.Add(std::move(p)); !added.ok()) return added;
  }
  return out;
}

absl::Status WritePolicies(const policy::PolicySet& policies, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::InternalError(absl::StrCat(dir.string(), ": ", ec.message()));
  for (const std::string& j : policies.Jurisdictions()) {
    std::string text;
    if (!google::protobuf::TextFormat::PrintToString(*policies.Find(j), &text)) {
      return absl::InternalError(absl::StrCat("policy ", j, ": not printable"));
    }
    std::ofstream out(dir / (j + ".textproto"));
    out << "# Written by the test kit: the preset with synthetic calendar years (TEST DATA).\n"
        << text;
    if (!out) return absl::InternalError(absl::StrCat(dir.string(), "/", j, ".textproto"));
  }
  return absl::OkStatus();
}

}  // namespace auxpro::testing
