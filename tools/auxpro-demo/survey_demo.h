#pragma once

// The survey part of the demo district: one campaign over the current quarter covering the first
// auxiliaries, with enough responses for some of them and too few for the others. Every call is
// deterministic (request and submission ids from `rid`), so a rerun replays and adds nothing.

#include <grpcpp/channel.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace auxpro::demo {

struct SurveyDemo {
  std::string jurisdiction;
  // (person name, badge number) of hired auxiliaries with a permit.
  std::vector<std::pair<std::string, std::string>> auxiliaries;
  std::function<std::string(const std::string& step, int n)> rid;
};

// Loads it with the bureau's and the public gateway's channels; returns the number of calls, or
// exits 1 on an error.
int LoadSurveyDemo(const SurveyDemo& demo, std::shared_ptr<grpc::Channel> bureau,
                   std::shared_ptr<grpc::Channel> gateway);

}  // namespace auxpro::demo
