#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/common/v1/types.pb.h"

namespace auxpro {

// The one calendar of the project: a proleptic Gregorian date (the regulations' dates are local
// dates in China Standard Time), its proto form auxpro.common.v1.Date, and SQL DATE/DATETIME text.

// A calendar date. Compares chronologically (year, then month, then day).
struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  // NOLINTNEXTLINE(modernize-use-nullptr): false positive on a defaulted <=>.
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

bool IsLeapYear(int year);
// Days in `month` of `year`; 0 when month is outside 1-12.
int DaysInMonth(int year, int month);
// Year 1-9999, month 1-12, day within the month.
bool IsValidCivilDate(CivilDate d);
// "YYYY-MM-DD" (zero-padded).
std::string FormatDate(CivilDate d);

CivilDate FromProto(const common::v1::Date& d);
common::v1::Date ToProto(CivilDate d);

// Whole years of age on `on` (the birthday itself counts; someone born on 29 February turns a
// year older on 1 March in common years). Negative when `on` is before the year-long birthday.
int AgeOn(CivilDate birth, CivilDate on);
// Adds calendar months, clamping the day to the end of the target month
// (2026-01-31 + 1 month = 2026-02-28).
CivilDate AddMonths(CivilDate d, int months);
CivilDate AddDays(CivilDate d, int days);
// Days since 1970-01-01 (negative before).
int64_t DaysSinceEpoch(CivilDate d);

// China Standard Time (UTC+8, no DST): calendar dates of the regulations are local dates.
absl::TimeZone ChinaTimeZone();

// A calendar date (IsValidCivilDate) that a DATE column holds: years 1000-9999.
bool IsValidDate(const common::v1::Date& d);
// "2026-03-01"; "" for an unset date (all zero).
std::string DateToSql(const common::v1::Date& d);
// Parses "2026-03-01" (a DATE column); nullopt when malformed.
std::optional<common::v1::Date> DateFromSql(const std::string& s);
common::v1::Date DateOf(absl::Time t);
bool IsUnset(const common::v1::Date& d);
// -1, 0, 1.
int CompareDates(const common::v1::Date& a, const common::v1::Date& b);

// A date field of a request that must be set: INVALID_ARGUMENT naming `field` when it is unset
// ("required"), not a calendar date, or outside the years 1000-9999 that the records hold.
absl::Status RequireDate(const common::v1::Date& d, std::string_view field);
// A date field of a request that defaults to today (China Standard Time) at `now` when unset;
// when set, as RequireDate.
absl::StatusOr<common::v1::Date> DateOrToday(const common::v1::Date& d, absl::Time now,
                                             std::string_view field);

// DATETIME(6) in UTC <-> Timestamp.
std::string TimeToSql(absl::Time t);
google::protobuf::Timestamp TimestampFromSql(const std::string& s);
// `t` as a DATETIME(6) column holds it (whole microseconds).
google::protobuf::Timestamp TimestampOf(absl::Time t);

}  // namespace auxpro
