#pragma once

// How an input of a per-service fuzz target (tests/fuzz/<svc>_requests.cc) becomes one call:
// "<Method>\0<request bytes>" (the seeds, make_seeds.sh), or, when the bytes before the first
// NUL (within the first 80) name no method of the service, data[0] picks the method (modulo the
// method count) and the rest is its request. Shared by the libFuzzer targets (which run the call
// through the request check and the rules) and e2e_fuzz_inputs_store_test (which sends it to the
// real server), so that an input means the same call in both. Needs only the protobuf
// descriptors (the fuzz build has no gRPC stubs).

#include <google/protobuf/descriptor.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace auxpro::fuzz {

struct RequestInput {
  const google::protobuf::MethodDescriptor* method = nullptr;  // nullptr: no call
  std::string body;  // the request's wire bytes, as they are (maybe not a valid message)
};

// The call `data` stands for; method is nullptr for an empty input or a service without methods.
RequestInput DecodeRequestInput(const google::protobuf::ServiceDescriptor& service,
                                const uint8_t* data, size_t size);

// A per-service target: its name (corpus/<target>/, regressions/<target>/) and the full name of
// the service whose requests it takes.
struct ServiceTarget {
  const char* target;
  const char* service;
};
inline constexpr ServiceTarget kServiceTargets[] = {
    {"personnel_requests", "auxpro.personnel.v1.Personnel"},
    {"assessment_requests", "auxpro.assessment.v1.Assessment"},
    {"points_requests", "auxpro.points.v1.Points"},
    {"grading_requests", "auxpro.grading.v1.Grading"},
    {"survey_requests", "auxpro.survey.v1.Survey"},
};

}  // namespace auxpro::fuzz
