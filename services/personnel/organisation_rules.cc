#include "services/personnel/organisation_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace auxpro::personnel {

namespace {

// "1 is" / "20 are".
std::string CountIsAre(int n) { return std::to_string(n) + (n == 1 ? " is" : " are"); }

absl::Status Refusal(const RuleFailure& failure, const v1::HeadcountLimit& limit) {
  return WithErrorInfo(Precondition(failure.reason), "HEADCOUNT_LIMIT_REACHED",
                       {{"headcount_limit", limit.name()},
                        {"limit", std::to_string(limit.limit())},
                        {"current_count", std::to_string(limit.current_count())}});
}

}  // namespace

std::optional<RuleFailure> CheckHeadcount(const HeadcountLimit& limit, int adding) {
  if (adding < 0) {
    return RuleFailure{"headcount",
                       "cannot add " + std::to_string(adding) + " people to " + limit.scope};
  }
  const int64_t after = static_cast<int64_t>(limit.current) + adding;
  if (after <= limit.limit) {
    return std::nullopt;
  }
  return RuleFailure{"headcount",
                     "head-count limit of " + limit.scope + " is " + std::to_string(limit.limit) +
                         " and " + CountIsAre(limit.current) + " already counted; adding " +
                         std::to_string(adding) + " would make " + std::to_string(after)};
}

absl::Status CheckRoomForOneMore(const policy::v1::Policy& policy, const RoomFacts& facts) {
  if (facts.joins_jurisdiction) {
    if (!facts.jurisdiction_limit && policy.headcount().require_jurisdiction_limit()) {
      return WithErrorInfo(
          Precondition(absl::StrCat("head-count limit: the establishment office has set no limit "
                                    "for jurisdiction \"",
                                    facts.jurisdiction, "\"; hiring needs one")),
          "NO_HEADCOUNT_LIMIT", {{"jurisdiction", facts.jurisdiction}});
    }
    if (const auto& all = facts.jurisdiction_limit) {
      if (auto f = CheckHeadcount({absl::StrCat("jurisdiction \"", facts.jurisdiction, "\""),
                                   all->limit(), all->current_count()},
                                  1)) {
        return Refusal(*f, *all);
      }
    }
  }
  if (const auto& unit = facts.unit_limit) {
    if (auto f = CheckHeadcount(
            {absl::StrCat("unit \"", facts.unit, "\""), unit->limit(), unit->current_count()}, 1)) {
      return Refusal(*f, *unit);
    }
  }
  return absl::OkStatus();
}

}  // namespace auxpro::personnel
