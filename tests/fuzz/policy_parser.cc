// Fuzz target: the policy parser (libs/policy: protobuf text format -> validated Policy). A
// policy is operator input, but a malformed file must be refused with INVALID_ARGUMENT, never
// crash the server at start, and whatever validation lets through must be safe for the queries
// the rules make of it (no division by zero, no overflow in the cap arithmetic).

#include <google/protobuf/text_format.h>

#include <cstdint>
#include <string>

#include "libs/policy/policy_loader.h"
#include "libs/policy/policy_queries.h"
#include "tests/fuzz/fuzz_check.h"

namespace auxpro::fuzz {
namespace {

void Run(const std::string& text) {
  absl::StatusOr<policy::v1::Policy> parsed = policy::ParsePolicy(text, "fuzz.textproto");
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  // A valid policy prints and parses back to a valid policy.
  std::string printed;
  FUZZ_CHECK(google::protobuf::TextFormat::PrintToString(*parsed, &printed));
  FUZZ_CHECK(policy::ParsePolicy(printed, "printed.textproto").ok());
  policy::PolicySet set;
  FUZZ_CHECK(set.Add(*parsed).ok());
  FUZZ_CHECK(set.Find(parsed->jurisdiction()) != nullptr);
  // The queries the rules make of a policy.
  for (int size : {0, 1, 2, 5, 6, 13, 50, 1000, 1 << 20}) {
    const int top = policy::AllowedTopGrades(parsed->annual_rating(), size);
    FUZZ_CHECK(top >= 0 && top <= size);
  }
  for (int level = -1; level <= 6; ++level) (void)policy::FindLevel(*parsed, level);
  for (const auto& rule : parsed->points().rules()) {
    FUZZ_CHECK(policy::FindPointRule(*parsed, rule.code()) != nullptr);
  }
}

}  // namespace
}  // namespace auxpro::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auxpro::fuzz::Run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
