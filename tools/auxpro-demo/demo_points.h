#pragma once

// The points part of the demo district (auxpro.points.v1.Points): commendations (one deed
// commended twice, so "same matter, highest once" shows), a collective commendation that earns
// nothing, breaches, and a reversal of a mistaken breach. Request ids are deterministic: a rerun
// replays.

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

namespace auxpro::demo {

// Posts the demo entries for `persons` (names of hired persons, at least 6). Returns 0, or 1
// after printing the failed call.
int LoadPointsDemo(const std::shared_ptr<grpc::Channel>& bureau,
                   const std::shared_ptr<grpc::Channel>& office, const std::string& jurisdiction,
                   const std::vector<std::string>& persons);

}  // namespace auxpro::demo
