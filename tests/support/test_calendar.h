#pragma once

// TEST DATA, not a holiday schedule. The presets' working-day calendars list the years whose
// holidays the State Council has published (up to 2026; 2027's is not out yet, and a preset never
// guesses one). From 25 December 2026 a result notice's objection period reaches 2027, which
// production refuses (WORKING_CALENDAR_YEAR_MISSING) until the year is added. So that no test
// depends on today's date, the policies of the test kit (TestServer, FiveProcesses) extend each
// calendar with SYNTHETIC years after its last listed one: weekends only, no holidays, no make-up
// working days, their `source` saying so. They exist only in tests; never copy one into policies/.

#include <filesystem>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/policy/policy_set.h"

namespace auxpro::testing {

// The `source` of every synthetic calendar year.
inline constexpr char kSyntheticCalendarSource[] =
    "SYNTHETIC TEST DATA (tests/support/test_calendar.h): weekends only, no holidays; not a "
    "published schedule";

// A synthetic year: `year`, kSyntheticCalendarSource, no holidays, no make-up working days.
policy::v1::CalendarYear SyntheticCalendarYear(int year);

// Appends synthetic years to the policy's working_calendar (if it has one) after its last listed
// year through `through_year`. Listed years are kept as they are.
void ExtendWithSyntheticYears(policy::v1::Policy& policy, int through_year);

// The presets compiled into the binary with their calendars extended through the year after
// today's (China Standard Time): what the test kit's servers run with.
absl::StatusOr<policy::PolicySet> TestPolicies();

// Writes each policy of `policies` as <dir>/<jurisdiction>.textproto (for a server process's
// --policies_dir); creates `dir`.
absl::Status WritePolicies(const policy::PolicySet& policies, const std::filesystem::path& dir);

}  // namespace auxpro::testing
