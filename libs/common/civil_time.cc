#include "libs/common/civil_time.h"

#include <cstdio>
#include <tuple>

#include "absl/strings/str_format.h"

namespace auxpro {

absl::TimeZone ChinaTimeZone() { return absl::FixedTimeZone(8 * 60 * 60); }

bool IsUnset(const common::v1::Date& d) { return d.year() == 0 && d.month() == 0 && d.day() == 0; }

bool IsValidDate(const common::v1::Date& d) {
  if (d.year() < 1900 || d.year() > 2200 || d.month() < 1 || d.month() > 12 || d.day() < 1) {
    return false;
  }
  const absl::CivilDay day(d.year(), d.month(), d.day());
  return day.year() == d.year() && day.month() == d.month() && day.day() == d.day();
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

}  // namespace auxpro
