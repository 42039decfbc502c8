#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_identity.cc: jurisdiction, display_name, source.

namespace auxpro::policy::testutil {
namespace {

std::vector<BreakCase> IdentityCases() {
  return {
      {"jurisdiction_upper", [](P& p) { p.set_jurisdiction("Wenjiang"); },
       "jurisdiction: must match [a-z][a-z0-9-]{1,31}, got \"Wenjiang\""},
      {"jurisdiction_short", [](P& p) { p.set_jurisdiction("w"); },
       "jurisdiction: must match [a-z][a-z0-9-]{1,31}, got \"w\""},
      {"jurisdiction_long", [](P& p) { p.set_jurisdiction(std::string(33, 'a')); },
       "jurisdiction: must match [a-z][a-z0-9-]{1,31}, got \"" + std::string(33, 'a') + "\""},
      {"jurisdiction_empty", [](P& p) { p.clear_jurisdiction(); }, "jurisdiction: must be set"},
      {"display_name", [](P& p) { p.clear_display_name(); }, "display_name: must be set"},
      {"source", [](P& p) { p.clear_source(); }, "source: must be set"},
  };
}

INSTANTIATE_TEST_SUITE_P(Identity, ValidatePolicyTest, ::testing::ValuesIn(IdentityCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
