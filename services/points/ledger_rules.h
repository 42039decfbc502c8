#pragma once

// The points rules of wenjiang appendix C, pure: the policy and the facts in, what to post out.
// No I/O, no clock. Every figure comes from auxpro.policy.v1.Points.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/points/v1/points_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"

namespace auxpro::points {

// What one new entry posts.
struct Posting {
  v1::EntryKind kind = v1::ENTRY_KIND_UNSPECIFIED;
  std::string rule_code;
  int amount = 0;       // posted
  int rule_amount = 0;  // what the rule alone gives
  v1::NotCounted not_counted = v1::NOT_COUNTED_UNSPECIFIED;
  // Commendations: the pool "same matter, highest once" is counted in ("" for other entries):
  // "*" when the policy spans bodies, else the body's number.
  std::string matter_group;
};

// What the matter of a commendation already counted, in its group.
struct MatterFacts {
  int posted_sum = 0;           // sum of the entries (and their reversals) posted for it
  int highest_rule_amount = 0;  // the highest rule amount among its commendations not reversed
};

// The group a commendation of `body` is counted in under `points`.
std::string MatterGroupOf(const policy::v1::Points& points, common::v1::CommendationBody body);

// C.1 b-d: a commendation in the person's own name by a body and level a rule pays for earns the
// rule's amount, once per matter at the highest amount (a higher one posts the difference, a lower
// or equal one 0, MATTER_ALREADY_COUNTED). Not in own name: 0, NOT_IN_OWN_NAME; no rule for the
// body and level (below district, a department below province): 0, NO_RULE_FOR_BODY_AND_LEVEL.
Posting DecideCommendation(const policy::v1::Points& points, const v1::Commendation& commendation,
                           const MatterFacts& matter);

// C.2 b: a ranged deduction rule and an amount in its range. INVALID_ARGUMENT UNKNOWN_RULE (no such
// rule, or not a ranged negative one) or AMOUNT_NOT_ALLOWED (wrong sign, out of range).
absl::StatusOr<Posting> DecideBreach(const policy::v1::Points& points, const std::string& rule_code,
                                     int amount);

// The entry a reversal corrects, as far as the rules need it.
struct ReversalFacts {
  std::string entry;  // its name
  v1::EntryKind kind = v1::ENTRY_KIND_UNSPECIFIED;
  std::string rule_code;
  int amount = 0;
  std::string matter_group;
  std::string reversed_by;  // the reversal's name, if reversed already
};

// A reversal posts the opposite amount; an entry is reversed at most once (FAILED_PRECONDITION
// ALREADY_REVERSED) and a reversal or a closing entry is not reversible (REVERSAL_NOT_REVERSIBLE).
absl::StatusOr<Posting> DecideReversal(const ReversalFacts& entry);

// C.3: exit clears the balance with one closing entry (amount −balance, possibly 0).
Posting DecideClosing(int balance);

// Level "at or above" `from_level`: levels run 5 (lowest) .. 1 (highest); 0 is no level.
bool AtOrAboveLevel(int level, int from_level);

// 8.5: level points at or above promotion_threshold may apply for promotion.
bool PromotionMayBeApplied(const policy::v1::Points& points, int level_points);
// 8.5: at demotion_from_level or above, level points at or below demotion_threshold: demotion due.
bool DemotionDue(const policy::v1::Points& points, int level, int level_points);

// One finalized annual rating as the three-years rule needs it.
struct RatingYear {
  int year = 0;
  bool top_grade = false;
  int level = 0;  // the person's level when the rating was applied
};

// What the annual ratings of a person post (C.1 a, C.2 a), given all ratings known (any order of
// arrival) and the years already posted for each rule. Top grade: annual_top_grade_rule once per
// year. Three-years rule: walking the years in order, a year without the top grade at
// no_top_grade_from_level or above extends the run, any other year (a top grade, a lower level, a
// gap) ends it; when the run reaches no_top_grade_years the no_top_grade_rule is posted for that
// year and the run restarts (DOMAIN.md 4: years 1-3 cost −8, years 4-6 another −8).
struct AnnualPosting {
  int year = 0;
  Posting posting;
};
std::vector<AnnualPosting> DecideAnnualRatings(const policy::v1::Points& points,
                                               std::vector<RatingYear> ratings,
                                               const std::vector<int>& top_years_posted,
                                               const std::vector<int>& run_years_posted);

}  // namespace auxpro::points
