#pragma once

// The method x agency-kind access matrix of a service (DOMAIN.md section 8), checked over real
// mTLS with one client certificate per agency kind and well-formed requests.

#include <map>
#include <set>
#include <string>

#include "tests/support/test_server.h"

namespace auxpro::testing {

// The agency kinds of the certificates the tests have.
const std::vector<std::string>& AgencyKinds();

struct AccessMatrix {
  std::string service;  // full name, e.g. "auxpro.personnel.v1.Personnel"
  // Every method of the service with the agency kinds that may call it, written out from
  // DOMAIN.md independently of the proto options under test.
  std::map<std::string, std::set<std::string>> allowed;
};

// A request for `method` whose `parent`, `name` and name-like fields point into `jurisdiction`,
// with a fresh request_id: well-formed enough to pass validation of its shape, so that what
// answers is the handler, not the parser.
std::string WellFormedRequest(const std::string& service, const std::string& method,
                              const std::string& jurisdiction);

// Checks with gtest expectations that:
// - the table names exactly the methods of the service;
// - every kind not allowed gets PERMISSION_DENIED naming the method;
// - every allowed kind reaches the handler: an answer that is not PERMISSION_DENIED,
//   UNAUTHENTICATED, UNIMPLEMENTED, INTERNAL, UNKNOWN, UNAVAILABLE, DEADLINE_EXCEEDED or
//   RESOURCE_EXHAUSTED.
void ExpectAccessMatrix(TestServer& server, const AccessMatrix& matrix,
                        const std::string& jurisdiction = "wenjiang");

}  // namespace auxpro::testing
