#include "services/personnel/permits_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "services/personnel/employment_rules.h"

namespace auxpro::personnel {

std::string FormatBadge(const policy::v1::Permit& permit, int64_t serial) {
  std::string digits = std::to_string(serial);
  if (digits.size() < permit.badge_serial_digits()) {
    digits.insert(0, permit.badge_serial_digits() - digits.size(), '0');
  }
  return permit.badge_prefix() + permit.badge_region_code() + digits;
}

std::optional<RuleFailure> CheckBadgeSerial(const policy::v1::Permit& permit, int64_t serial) {
  if (serial < 1) {
    return RuleFailure{"badge_serial",
                       "badge serial " + std::to_string(serial) + " is not positive"};
  }
  const uint32_t digits = permit.badge_serial_digits();
  if (digits == 0 || digits >= 19) {
    return std::nullopt;  // unbounded / beyond int64 anyway
  }
  int64_t max = 1;
  for (uint32_t i = 0; i < digits; ++i) {
    max *= 10;
  }
  --max;
  if (serial > max) {
    return RuleFailure{"badge_serial", "badge serial " + std::to_string(serial) +
                                           " does not fit in " + std::to_string(digits) +
                                           " digits: the serials of " + permit.badge_prefix() +
                                           permit.badge_region_code() + " end at " +
                                           std::to_string(max)};
  }
  return std::nullopt;
}

int64_t NextBadgeSerial(int64_t highest_issued_serial) {
  return std::max<int64_t>(highest_issued_serial, 0) + 1;
}

absl::StatusOr<NewBadge> DecideIssuePermit(const policy::v1::Policy& policy,
                                           const IssueFacts& facts) {
  const v1::Person& person = facts.person;
  if (absl::Status s = CheckAction(person, PersonAction::kIssuePermit); !s.ok()) return s;
  if (facts.held) {
    return WithErrorInfo(Precondition(absl::StrCat(person.name(), " already holds valid permit ",
                                                   facts.held->badge_number())),
                         "PERMIT_ALREADY_HELD", {{"badge_number", facts.held->badge_number()}});
  }
  if (auto f = CheckPermitPrerequisites(policy, facts.training)) {
    return WithErrorInfo(
        Precondition(absl::StrCat(person.name(), ": ", f->reason)), "PRE_JOB_TRAINING_MISSING",
        {{"required_days", FormatNumber(policy.training().pre_job_min_days())},
         {"passed_days", FormatNumber(PassedDays(facts.training, TrainingKind::kPreJob))}});
  }
  const int64_t serial = NextBadgeSerial(facts.last_serial);
  if (auto f = CheckBadgeSerial(policy.permit(), serial)) {
    return WithErrorInfo(Precondition(f->reason), "BADGE_SERIALS_EXHAUSTED",
                         {{"last_serial", std::to_string(facts.last_serial)}});
  }
  return NewBadge{serial, FormatBadge(policy.permit(), serial)};
}

absl::Status CheckRevocable(const v1::Permit& permit) {
  if (permit.state() != v1::Permit::REVOKED) return absl::OkStatus();
  return WithErrorInfo(Precondition(absl::StrCat("permit ", permit.name(), " is already revoked")),
                       "PERMIT_ALREADY_REVOKED",
                       {{"revoke_date", FormatDate(FromProto(permit.revoke_date()))}});
}

}  // namespace auxpro::personnel
