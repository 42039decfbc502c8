#pragma once

// Deterministic demo data for auxpro-demo: the same inputs always give the same requests, so a
// second run replays the first answers (request_id) and creates nothing twice.

#include <string>

#include "auxpro/common/v1/types.pb.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"

namespace auxpro::demo {

// The year the demo cohort is anchored to: birth dates and the agreement term are fixed so that
// the requests (and hence their request_ids) do not change between runs.
inline constexpr int kDemoYear = 2026;

// A UUID-shaped (8-4-4-4-12 hex) id derived from a 128-bit hash of `seed`.
std::string DeterministicRequestId(const std::string& seed);

// The 18-character national ID for region `region` (6 digits), birth date and sequence (3
// digits; odd = male).
std::string MakeNationalId(const std::string& region, const common::v1::Date& birth, int sequence);

// The `n`-th (0-based) demo person, ready for CreatePersonRequest.person.
personnel::v1::Person DemoPerson(const std::string& jurisdiction, int n);

// Chinese short name of a jurisdiction for titles and document references ("温江区", "温").
std::string JurisdictionTitle(const std::string& jurisdiction);
std::string DocumentPrefix(const std::string& jurisdiction);

// `d` plus `days` (may be negative).
common::v1::Date AddDays(const common::v1::Date& d, int days);

// Today in China Standard Time (UTC+8, the server's calendar).
common::v1::Date TodayInChina();

std::string FormatDate(const common::v1::Date& d);

}  // namespace auxpro::demo
