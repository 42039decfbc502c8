#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/policy/v1/policy.pb.h"

namespace auxpro::policy {

// The jurisdiction whose policy applies when nothing else is configured.
inline constexpr std::string_view kDefaultJurisdiction = "wenjiang";

// Parses one policy in protobuf text format and validates it. `source_name` (usually the file
// name) prefixes every error. A syntax error reads `<source_name>:<line>:<column>: <message>`
// (1-based line and column); a validation error reads
// `<source_name>: policy "<jurisdiction>": <field path>: <problem>`. Both are INVALID_ARGUMENT.
absl::StatusOr<auxpro::policy::v1::Policy> ParsePolicy(const std::string& text,
                                                       const std::string& source_name);

// The policies of all jurisdictions a process serves, keyed by jurisdiction id.
class PolicySet {
 public:
  PolicySet() = default;

  // The presets compiled into the binary (policies/*.textproto, including "template").
  static absl::StatusOr<PolicySet> LoadEmbedded();

  // Every *.textproto in `dir` (not recursive). Each file's name without extension must equal its
  // policy's `jurisdiction`. Fails on the first file that does not parse or validate, naming it;
  // NOT_FOUND if the directory cannot be read or holds no policy.
  static absl::StatusOr<PolicySet> LoadDirectory(const std::string& dir);

  // Adds a validated policy; fails with ALREADY_EXISTS if its jurisdiction is already present.
  absl::Status Add(auxpro::policy::v1::Policy policy);

  // nullptr if the jurisdiction has no policy. The pointer stays valid for the set's lifetime
  // (also across moves of the set).
  const auxpro::policy::v1::Policy* Find(std::string_view jurisdiction) const;

  // Jurisdiction ids, sorted.
  std::vector<std::string> Jurisdictions() const;

  size_t size() const { return policies_.size(); }
  bool empty() const { return policies_.empty(); }

 private:
  std::map<std::string, auxpro::policy::v1::Policy, std::less<>> policies_;
};

}  // namespace auxpro::policy
