#pragma once

// A personnel district for survey tests, made through the personnel API: a unit, limits, a signed
// dispatch agreement and auxiliaries hired, trained and holding a permit (so a badge number).

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "tests/support/test_server.h"

namespace auxpro::testing {

struct Auxiliary {
  std::string person;  // resource name
  std::string badge_number;
  personnel::v1::PostType post_type;
};

// A channel presenting the client certificate of (jurisdiction, kind): TestServer::Channel, or one
// to a server process.
using ChannelFor = std::function<std::shared_ptr<grpc::Channel>(const std::string& jurisdiction,
                                                                const std::string& kind)>;

// Hires `post_types.size()` auxiliaries in `jurisdiction` ("wenjiang"), with national id serials
// from `first_serial`. Fails the test (and returns fewer) on an error.
std::vector<Auxiliary> HireAuxiliaries(TestServer& server,
                                       const std::vector<personnel::v1::PostType>& post_types,
                                       int first_serial = 100,
                                       const std::string& jurisdiction = "wenjiang");
std::vector<Auxiliary> HireAuxiliaries(const ChannelFor& channel,
                                       const std::vector<personnel::v1::PostType>& post_types,
                                       int first_serial = 100,
                                       const std::string& jurisdiction = "wenjiang");

}  // namespace auxpro::testing
