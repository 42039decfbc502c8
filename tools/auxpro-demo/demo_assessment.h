#pragma once

// The assessment part of the demo district: daily management records of the units, the month's
// daily assessment of everyone, the quarter's centralized session with its exam results (by the
// assessor), proposed annual grades, and the month's results published within the first unit
// with an objection answered. Every request_id is derived from
// "demo/<jurisdiction>/assessment/<step>/<key>", where the key names the day, month or quarter,
// so a rerun replays and creates nothing twice.

#include <grpcpp/channel.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace auxpro::demo {

struct AssessmentDemo {
  std::string jurisdiction;
  std::shared_ptr<grpc::Channel> bureau;    // ENFORCEMENT_BUREAU certificate
  std::shared_ptr<grpc::Channel> assessor;  // ASSESSOR certificate
  std::string assessor_id;                  // the assessor certificate's agency id
  std::vector<std::string> units;           // unit names
  std::vector<std::string> persons;         // person names, person n in units[n % units.size()]
};

// Loads it; on an unexpected error prints it and exits 1. Returns the number of calls made.
int LoadAssessment(const AssessmentDemo& demo);

}  // namespace auxpro::demo
