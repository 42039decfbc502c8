#pragma once

// Column conversions every store repeats: calendar dates, times and separator-joined lists.

#include <optional>
#include <string>
#include <vector>

#include "auxpro/common/v1/types.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::db {

// A DATE parameter; NULL for an unset date.
Param DateParam(const common::v1::Date& d);
// A DATE column; nullopt for NULL, so unset dates stay unset in the message.
std::optional<common::v1::Date> DateAt(const Row& row, size_t i);
// A list column stored joined by `sep` ("" is the empty list).
std::vector<std::string> SplitList(const std::string& s, char sep);
// The id in a resource name: the text after its last '/'.
std::string LastSegment(const std::string& name);

}  // namespace auxpro::db
