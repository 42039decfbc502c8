#pragma once

// The harness of the per-service fuzz targets (tests/fuzz/<svc>_requests.cc). One input is one
// call: "<Method>\0<request bytes>" (the seeds), or, when the bytes before the first NUL name no
// method of the service, data[0] picks the method and the rest is its request (request_input.h,
// which e2e_fuzz_inputs_store_test shares to send the same calls to the server). The request goes
// the way the server takes it before any store is touched:
//   1. service::ParseRequest and service::CheckRequest (libs/service/request_check.h), exactly
//      as UnaryService runs them: a refusal must be INVALID_ARGUMENT with a bounded message;
//   2. the kit's parsing of the request's names, page and filter (auth::ScopeOfParent /
//      ScopeOfName for three kinds of caller, service::StartPage, service::ParseFilter), with the
//      same rule for refusals (NOT_FOUND for another jurisdiction);
//   3. `rules`: the service's pure rules the handler of that method runs on the request, with
//      the wenjiang policy and fixed facts (no database: the stores are SQL behind these checks
//      and are left to the e2e tests).

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <cstdint>
#include <functional>
#include <string>

#include "auxpro/policy/v1/policy.pb.h"
#include "libs/auth/principal.h"
#include "libs/common/calendar.h"

namespace auxpro::fuzz {

// "Today" for the rules that take one: fixed, so that a replayed input does the same.
inline constexpr CivilDate kToday{2026, 6, 15};

// The wenjiang policy compiled into the binary (policies/wenjiang.textproto).
const policy::v1::Policy& Wenjiang();

// A caller of wenjiang of `kind` (or the system's SERVICE identity).
auth::Principal Caller(common::v1::AgencyKind kind);

using Rules =
    std::function<void(const std::string& method, const google::protobuf::Message& request)>;

// The service of full name `name`, from the descriptor pool of `message` (a message of its package,
// named so that its file is linked; the generated service classes are in the .grpc.pb.h files,
// which a fuzz build does not make).
const google::protobuf::ServiceDescriptor& ServiceOf(const google::protobuf::Descriptor& message,
                                                     const char* name);

void RunRequest(const google::protobuf::ServiceDescriptor& service, const uint8_t* data,
                size_t size, const Rules& rules);

// The request as its generated type, or nullptr.
template <typename T>
const T* As(const google::protobuf::Message& m) {
  return dynamic_cast<const T*>(&m);
}

}  // namespace auxpro::fuzz
