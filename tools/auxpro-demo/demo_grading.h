#pragma once

// The grading part of the demo district (auxpro.grading.v1.Grading): the bureau's attestation of
// proper conduct (wenjiang 6.1 c) for everyone, the year's annual ratings of every unit finalized
// (the year-end step the check's "assessment result" row reads), and applications in the states the rules let this year's data
// reach: withdrawn, draft, returned for more evidence, in qualification review, and, for those
// whose level-5 check passes, in evaluation, decided (level 5 granted) and filed with the
// establishment office; then, for those granted level 5, a commendation earned at level 5 (the
// level points table 1 asks), a level-4 application approved by the establishment office where
// the check passes, and the result notice publishing it (its objection period runs from today, so
// the level changes when a sweep finds the period ended); then the deadline sweep of today. Each
// application is driven only as far as it stands, and request ids are deterministic: a rerun
// replays.

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

namespace auxpro::demo {

struct GradingDemo {
  std::string jurisdiction;
  std::shared_ptr<grpc::Channel> bureau, hr, office;
  std::vector<std::string> units;    // unit names; their ratings of the year are finalized
  std::vector<std::string> persons;  // person names, at least 8
};

// Loads it; on an unexpected error prints it and exits 1. Returns the number of calls made.
int LoadGradingDemo(const GradingDemo& demo);

}  // namespace auxpro::demo
