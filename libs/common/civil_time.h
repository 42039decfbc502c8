#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "auxpro/common/v1/types.pb.h"

namespace auxpro {

// China Standard Time (UTC+8, no DST): calendar dates of the regulations are local dates.
absl::TimeZone ChinaTimeZone();

bool IsValidDate(const common::v1::Date& d);
// "2026-03-01"; "" for an unset date (all zero).
std::string DateToSql(const common::v1::Date& d);
// Parses "2026-03-01" (a DATE column); nullopt when malformed.
std::optional<common::v1::Date> DateFromSql(const std::string& s);
common::v1::Date DateOf(absl::Time t);
bool IsUnset(const common::v1::Date& d);
// -1, 0, 1.
int CompareDates(const common::v1::Date& a, const common::v1::Date& b);

// DATETIME(6) in UTC <-> Timestamp.
std::string TimeToSql(absl::Time t);
google::protobuf::Timestamp TimestampFromSql(const std::string& s);

}  // namespace auxpro
