// Fuzz target: the list-filter parser (libs/service/list_filter). A filter is whatever the
// caller sends: it parses to terms of allowed fields or is refused with INVALID_ARGUMENT naming
// `filter`, with a bounded message however long the input.

#include <cstdint>
#include <set>
#include <string>

#include "libs/service/list_filter.h"
#include "tests/fuzz/fuzz_check.h"

namespace auxpro::fuzz {
namespace {

void Run(const std::string& filter) {
  static const std::set<std::string> kAllowed = {"state", "unit", "person", "year", "kind"};
  absl::StatusOr<std::map<std::string, std::string>> terms = service::ParseFilter(filter, kAllowed);
  if (!terms.ok()) {
    FUZZ_CHECK(IsBoundedRefusal(terms.status(), absl::StatusCode::kInvalidArgument));
    FUZZ_CHECK(terms.status().message().rfind("filter: ", 0) == 0);
    return;
  }
  size_t value_bytes = 0;
  for (const auto& [field, value] : *terms) {
    FUZZ_CHECK(kAllowed.count(field) == 1);
    value_bytes += value.size();
  }
  FUZZ_CHECK(value_bytes <= filter.size());
  // Nothing is allowed: any term is refused.
  if (!terms->empty()) FUZZ_CHECK(!service::ParseFilter(filter, {}).ok());
}

}  // namespace
}  // namespace auxpro::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auxpro::fuzz::Run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
