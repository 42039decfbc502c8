#pragma once

// The working-life part of the demo district (auxpro.personnel.v1.Personnel): the policy's hiring
// steps before each hire (haimen 三(一)2-3, longquan art. 6, shanxi art. 10), a direct hire where
// the policy allows one, a former auxiliary re-hired on the same archive, a labour contract, and a
// backbone post: in the district where its policy has them, otherwise (wenjiang's standard has no
// backbone posts) in a small unit of the first preset that has them (longquan art. 14), loaded
// through that jurisdiction's own certificates. Dates are fixed days of kDemoYear and request ids
// are deterministic: a rerun replays.

#include <grpcpp/channel.h>

#include <functional>
#include <memory>
#include <string>

#include "auxpro/policy/v1/policy.pb.h"

namespace auxpro::demo {

struct WorkingLifeDemo {
  std::string jurisdiction;
  const policy::v1::Policy* policy = nullptr;
  // Deterministic request id of (step, n).
  std::function<std::string(const std::string&, int)> rid;
  std::shared_ptr<grpc::Channel> bureau, hr, office;
  std::string unit, agreement;
  // For the backbone post where this policy has none: another preset's policy by jurisdiction
  // (nullptr when unknown) and a channel as (jurisdiction, agency kind). Unset: no backbone post.
  std::function<const policy::v1::Policy*(const std::string&)> preset;
  std::function<std::shared_ptr<grpc::Channel>(const std::string&, const std::string&)> channel_of;
};

// Records every hiring step of the policy as passed for `person` (the n-th demo person), dated in
// `month` of kDemoYear. Returns the calls made; exits after printing a failed call.
int RecordDemoHiringSteps(const WorkingLifeDemo& demo, const std::string& person, int n, int month);

// A direct hire (where allowed), a re-hire of a former auxiliary, a labour contract and a deputy
// team leader (here, or in a preset with backbone posts). Returns the calls made.
int LoadWorkingLifeDemo(const WorkingLifeDemo& demo);

}  // namespace auxpro::demo
