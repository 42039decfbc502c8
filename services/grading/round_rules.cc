#include "services/grading/round_rules.h"

namespace auxpro::grading {

bool DemotionDue(const policy::v1::Points& points, int level,
                 const points::v1::PointBalance& balance) {
  return level >= 1 && level <= points.demotion_from_level() && balance.level() == level &&
         balance.level_points() <= points.demotion_threshold();
}

std::vector<v1::RoundEntry> RoundEntriesOf(const policy::v1::Policy& policy,
                                           const RoundCandidate& candidate,
                                           v1::RoundEntryKind only) {
  std::vector<v1::RoundEntry> out;
  const CheckFacts& f = candidate.facts;
  const int level = f.current_level;
  const int next = NextLevel(policy.grading(), level);
  const bool has_next = next >= 1 && LevelOf(policy.grading(), next).ok();
  // The check behind either kind: the next level's, or at the top the level held.
  const int checked = has_next ? next : level;
  if (checked < 1) return out;
  const v1::RequirementCheck check = EvaluateRequirements(policy, f, checked);
  auto entry = [&](v1::RoundEntryKind kind, int target) {
    v1::RoundEntry e;
    e.set_person(f.person);
    e.set_kind(kind);
    e.set_current_level(level);
    e.set_target_level(target);
    *e.mutable_check() = check;
    return e;
  };
  const bool want_promotion = only == v1::ROUND_ENTRY_KIND_UNSPECIFIED || only == v1::PROMOTION_ELIGIBLE;
  const bool want_demotion = only == v1::ROUND_ENTRY_KIND_UNSPECIFIED || only == v1::DEMOTION_DUE;
  if (want_promotion && has_next && check.passed()) {
    v1::RoundEntry e = entry(v1::PROMOTION_ELIGIBLE, next);
    e.set_open_case(candidate.open_application);
    out.push_back(std::move(e));
  }
  if (want_demotion && f.balance.ok() && DemotionDue(policy.points(), level, f.balance.value)) {
    v1::RoundEntry e = entry(v1::DEMOTION_DUE, level + 1);
    e.set_level_points(f.balance.value.level_points());
    e.set_demotion_threshold(policy.points().demotion_threshold());
    e.set_open_case(candidate.open_demotion_case);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace auxpro::grading
