#include "libs/db/columns.h"

#include "absl/strings/str_split.h"
#include "libs/common/calendar.h"

namespace auxpro::db {

Param DateParam(const common::v1::Date& d) { return Param::NullIfEmpty(DateToSql(d)); }

std::optional<common::v1::Date> DateAt(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return DateFromSql(r.Str(i));
}

std::vector<std::string> SplitList(const std::string& s, char sep) {
  if (s.empty()) return {};
  return absl::StrSplit(s, sep);
}

std::string LastSegment(const std::string& name) { return name.substr(name.find_last_of('/') + 1); }

}  // namespace auxpro::db
