#pragma once

#include <map>
#include <set>
#include <string>

#include "absl/status/statusor.h"

namespace auxpro::service {

// The filter subset every List method accepts: terms `field=value` joined by ` AND `; a value may
// be double-quoted. Fields outside `allowed` and repeated fields are INVALID_ARGUMENT naming them.
// Returns field -> value ("" filter: empty map).
absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    const std::string& filter, const std::set<std::string>& allowed);

}  // namespace auxpro::service
