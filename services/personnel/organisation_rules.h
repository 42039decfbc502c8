// Units and head-count limits (编外聘用人员限额, DOMAIN.md 2): pure.
#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/decision.h"

namespace auxpro::personnel {

struct HeadcountLimit {
  // Who the limit is for, as it should read in a sentence, e.g. `unit "一中队"` or
  // `jurisdiction "haimen"`.
  std::string scope;
  int limit = 0;
  int current = 0;
};

// "headcount": current + adding exceeds the limit, e.g.
// `head-count limit of unit "一中队" is 20 and 20 are already counted; adding 1 would make 21`.
std::optional<RuleFailure> CheckHeadcount(const HeadcountLimit& limit, int adding);

// The limits that a new member of a unit counts against, as loaded (absent: none set).
struct RoomFacts {
  std::string jurisdiction;
  // Checked only when the move adds a member to the jurisdiction (a hire, not a transfer).
  bool joins_jurisdiction = true;
  std::optional<v1::HeadcountLimit> jurisdiction_limit;
  std::string unit;  // the unit's name
  std::optional<v1::HeadcountLimit> unit_limit;
};

// Room for one more member: FAILED_PRECONDITION HEADCOUNT_LIMIT_REACHED (headcount_limit, limit,
// current_count) when a limit would be exceeded; NO_HEADCOUNT_LIMIT when the jurisdiction has none
// and its policy (headcount.require_jurisdiction_limit) says hiring needs one.
absl::Status CheckRoomForOneMore(const policy::v1::Policy& policy, const RoomFacts& facts);

}  // namespace auxpro::personnel
