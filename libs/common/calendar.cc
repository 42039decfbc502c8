#include "libs/common/calendar.h"

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/common/errors.h"

namespace auxpro {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) {
    return 0;
  }
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidCivilDate(CivilDate d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= DaysInMonth(d.year, d.month);
}

std::string FormatDate(CivilDate d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

CivilDate FromProto(const common::v1::Date& d) { return {d.year(), d.month(), d.day()}; }

common::v1::Date ToProto(CivilDate d) {
  common::v1::Date out;
  out.set_year(d.year);
  out.set_month(d.month);
  out.set_day(d.day);
  return out;
}

int AgeOn(CivilDate birth, CivilDate on) {
  int age = on.year - birth.year;
  if (std::pair(on.month, on.day) < std::pair(birth.month, birth.day)) {
    --age;
  }
  return age;
}

CivilDate AddMonths(CivilDate d, int months) {
  const int index = d.year * 12 + (d.month - 1) + months;  // months since year 0
  int year = index / 12;
  int month = index % 12;
  if (month < 0) {
    month += 12;
    --year;
  }
  CivilDate out{year, month + 1, 0};
  out.day = std::min(d.day, DaysInMonth(out.year, out.month));
  return out;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysSinceEpoch(CivilDate d) {
  const int64_t y = static_cast<int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate AddDays(CivilDate d, int days) {
  const int64_t z = DaysSinceEpoch(d) + days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

absl::TimeZone ChinaTimeZone() { return absl::FixedTimeZone(8 * 60 * 60); }

bool IsUnset(const common::v1::Date& d) { return d.year() == 0 && d.month() == 0 && d.day() == 0; }

bool IsValidDate(const common::v1::Date& d) {
  return d.year() >= 1000 && IsValidCivilDate(FromProto(d));
}

std::string DateToSql(const common::v1::Date& d) {
  if (IsUnset(d)) return "";
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

std::optional<common::v1::Date> DateFromSql(const std::string& s) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return std::nullopt;
  common::v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

common::v1::Date DateOf(absl::Time t) {
  const absl::CivilDay day = absl::ToCivilDay(t, ChinaTimeZone());
  common::v1::Date date;
  date.set_year(static_cast<int>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

int CompareDates(const common::v1::Date& a, const common::v1::Date& b) {
  auto ka = std::make_tuple(a.year(), a.month(), a.day());
  auto kb = std::make_tuple(b.year(), b.month(), b.day());
  return ka < kb ? -1 : (kb < ka ? 1 : 0);
}

absl::Status RequireDate(const common::v1::Date& d, std::string_view field) {
  const absl::string_view name(field.data(), field.size());
  if (IsUnset(d)) return Invalid(absl::StrCat(name, ": required (a date)"));
  const std::string text = absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
  if (!IsValidCivilDate(FromProto(d))) {
    return Invalid(absl::StrCat(name, ": ", text, " is not a calendar date"));
  }
  if (!IsValidDate(d)) {
    return Invalid(absl::StrCat(name, ": ", text, " is outside the years 1000-9999"));
  }
  return absl::OkStatus();
}

absl::StatusOr<common::v1::Date> DateOrToday(const common::v1::Date& d, absl::Time now,
                                             std::string_view field) {
  if (IsUnset(d)) return DateOf(now);
  if (absl::Status s = RequireDate(d, field); !s.ok()) return s;
  return d;
}

std::string TimeToSql(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

google::protobuf::Timestamp TimestampFromSql(const std::string& s) {
  google::protobuf::Timestamp ts;
  absl::Time t;
  std::string err;
  if (absl::ParseTime("%Y-%m-%d %H:%M:%E*S", s, absl::UTCTimeZone(), &t, &err)) {
    const int64_t micros = absl::ToUnixMicros(t);
    ts.set_seconds(micros / 1000000);
    ts.set_nanos(static_cast<int32_t>((micros % 1000000) * 1000));
  }
  return ts;
}

google::protobuf::Timestamp TimestampOf(absl::Time t) { return TimestampFromSql(TimeToSql(t)); }

}  // namespace auxpro
