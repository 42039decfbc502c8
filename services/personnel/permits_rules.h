// Work permits and badge numbers (工作证, shanxi art. 20): prefix + region code + serial
// zero-padded to serial_digits, serials never reused. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/decision.h"
#include "services/personnel/training_rules.h"

namespace auxpro::personnel {

// Does not check the serial; call CheckBadgeSerial first.
std::string FormatBadge(const policy::v1::Permit& permit, int64_t serial);
// "badge_serial": serial below 1 or more than serial_digits can hold (4 digits: 9999).
std::optional<RuleFailure> CheckBadgeSerial(const policy::v1::Permit& permit, int64_t serial);
// Serials only grow, so a revoked badge number is never reissued: the next serial is one above the
// highest ever issued (revoked ones included); 1 when none was issued.
int64_t NextBadgeSerial(int64_t highest_issued_serial);

// What issuing a permit to a person looks at, as loaded.
struct IssueFacts {
  v1::Person person;
  std::optional<v1::Permit> held;        // the person's VALID permit, if any
  std::vector<TrainingRecord> training;  // the person's training records
  int64_t last_serial = 0;               // highest serial ever issued in the jurisdiction
};

struct NewBadge {
  int64_t serial = 0;
  std::string badge_number;
};

// The badge of the permit to issue, or FAILED_PRECONDITION: INVALID_STATE_TRANSITION (not hired),
// PERMIT_ALREADY_HELD (badge_number), PRE_JOB_TRAINING_MISSING (required_days, condition) when the
// policy requires passed pre-job training, BADGE_SERIALS_EXHAUSTED (last_serial).
absl::StatusOr<NewBadge> DecideIssuePermit(const policy::v1::Policy& policy,
                                           const IssueFacts& facts);

// FAILED_PRECONDITION PERMIT_ALREADY_REVOKED when the permit is revoked.
absl::Status CheckRevocable(const v1::Permit& permit);

}  // namespace auxpro::personnel
