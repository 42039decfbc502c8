#include "services/points/ledger_rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/safe_text.h"

namespace auxpro::points {

using policy::v1::PointRule;
using policy::v1::Points;

namespace {

const PointRule* RuleOf(const Points& points, const std::string& code) {
  for (const PointRule& rule : points.rules()) {
    if (rule.code() == code) return &rule;
  }
  return nullptr;
}

}  // namespace

std::string MatterGroupOf(const Points& points, common::v1::CommendationBody body) {
  return points.highest_once_across_bodies() ? "*" : absl::StrCat(static_cast<int>(body));
}

Posting DecideCommendation(const Points& points, const v1::Commendation& commendation,
                           const MatterFacts& matter) {
  Posting out;
  out.kind = v1::COMMENDATION;
  const PointRule* rule = nullptr;
  for (const PointRule& r : points.rules()) {
    if (r.body() == commendation.body() && r.level() == commendation.level()) rule = &r;
  }
  if (rule == nullptr) {
    out.not_counted = v1::NO_RULE_FOR_BODY_AND_LEVEL;
    return out;
  }
  out.rule_code = rule->code();
  out.rule_amount = rule->amount();
  if (!commendation.in_own_name()) {
    out.not_counted = v1::NOT_IN_OWN_NAME;
    return out;
  }
  if (!rule->highest_once_per_matter()) {
    out.amount = rule->amount();
    return out;
  }
  out.matter_group = MatterGroupOf(points, commendation.body());
  const int target = std::max(rule->amount(), matter.highest_rule_amount);
  if (rule->amount() <= matter.highest_rule_amount || target <= matter.posted_sum) {
    out.not_counted = v1::MATTER_ALREADY_COUNTED;
    return out;
  }
  out.amount = target - matter.posted_sum;
  return out;
}

absl::StatusOr<Posting> DecideBreach(const Points& points, const std::string& rule_code,
                                     int amount) {
  const PointRule* rule = RuleOf(points, rule_code);
  if (rule == nullptr || rule->amount() != 0 || rule->max_amount() >= 0) {
    // Any text may arrive here: the message and the details quote a short prefix of it only.
    return WithErrorInfo(
        Invalid(absl::StrCat("rule_code: ", QuoteInput(rule_code),
                             " is not a breach rule of the policy (a ranged deduction, C.2 b)")),
        "UNKNOWN_RULE", {{"rule_code", TruncateMessage(rule_code, 64)}});
  }
  if (amount < rule->min_amount() || amount > rule->max_amount()) {
    return WithErrorInfo(
        Invalid(absl::StrCat("amount: rule ", rule_code, " allows ", rule->min_amount(), " to ",
                             rule->max_amount(), " points (C.2 b), got ", amount)),
        "AMOUNT_NOT_ALLOWED",
        {{"rule_code", rule_code},
         {"amount", absl::StrCat(amount)},
         {"min_amount", absl::StrCat(rule->min_amount())},
         {"max_amount", absl::StrCat(rule->max_amount())}});
  }
  Posting out;
  out.kind = v1::BREACH;
  out.rule_code = rule_code;
  out.amount = amount;
  out.rule_amount = amount;
  return out;
}

absl::StatusOr<Posting> DecideReversal(const ReversalFacts& entry) {
  if (entry.kind == v1::REVERSAL || entry.kind == v1::CLOSING) {
    return WithErrorInfo(
        Precondition(absl::StrCat("reversal: entry ", entry.entry, " is a ",
                                  v1::EntryKind_Name(entry.kind), " entry and cannot be reversed")),
        "REVERSAL_NOT_REVERSIBLE", {{"entry", entry.entry}});
  }
  if (!entry.reversed_by.empty()) {
    return WithErrorInfo(
        Precondition(absl::StrCat("reversal: entry ", entry.entry, " is already reversed by ",
                                  entry.reversed_by, "; an entry is reversed at most once")),
        "ALREADY_REVERSED", {{"entry", entry.entry}, {"reversed_by", entry.reversed_by}});
  }
  Posting out;
  out.kind = v1::REVERSAL;
  out.rule_code = entry.rule_code;
  out.amount = -entry.amount;
  out.rule_amount = -entry.amount;
  out.matter_group = entry.matter_group;
  return out;
}

Posting DecideClosing(int balance) {
  Posting out;
  out.kind = v1::CLOSING;
  out.rule_code = "CLOSING";
  out.amount = -balance;
  out.rule_amount = -balance;
  return out;
}

bool AtOrAboveLevel(int level, int from_level) { return level >= 1 && level <= from_level; }

bool PromotionMayBeApplied(const Points& points, int level_points) {
  return level_points >= points.promotion_threshold();
}

bool DemotionDue(const Points& points, int level, int level_points) {
  return AtOrAboveLevel(level, points.demotion_from_level()) &&
         level_points <= points.demotion_threshold();
}

std::vector<AnnualPosting> DecideAnnualRatings(const Points& points,
                                               std::vector<RatingYear> ratings,
                                               const std::vector<int>& top_years_posted,
                                               const std::vector<int>& run_years_posted) {
  std::sort(ratings.begin(), ratings.end(),
            [](const RatingYear& a, const RatingYear& b) { return a.year < b.year; });
  const std::set<int> tops(top_years_posted.begin(), top_years_posted.end());
  const std::set<int> runs(run_years_posted.begin(), run_years_posted.end());
  const PointRule* top_rule = RuleOf(points, points.annual_top_grade_rule());
  const PointRule* run_rule = RuleOf(points, points.no_top_grade_rule());
  const int n = static_cast<int>(points.no_top_grade_years());
  std::vector<AnnualPosting> out;
  int run = 0;
  int previous_year = 0;
  for (const RatingYear& r : ratings) {
    if (previous_year != 0 && r.year != previous_year + 1) run = 0;  // a gap ends the run
    previous_year = r.year;
    if (r.top_grade) {
      run = 0;
      if (top_rule != nullptr && !tops.contains(r.year)) {
        Posting p;
        p.kind = v1::ANNUAL_TOP_GRADE;
        p.rule_code = top_rule->code();
        p.amount = p.rule_amount = top_rule->amount();
        out.push_back({r.year, p});
      }
      continue;
    }
    if (!AtOrAboveLevel(r.level, points.no_top_grade_from_level())) {
      run = 0;
      continue;
    }
    if (runs.contains(r.year)) {  // a deduction already posted here consumed the run
      run = 0;
      continue;
    }
    if (++run < n || run_rule == nullptr) continue;
    run = 0;
    // A late-arriving earlier year must not cost a run a deduction already posted covers.
    bool covered = false;
    for (int y = r.year + 1; y < r.year + n; ++y) covered = covered || runs.contains(y);
    if (covered) continue;
    Posting p;
    p.kind = v1::NO_TOP_GRADE;
    p.rule_code = run_rule->code();
    p.amount = p.rule_amount = run_rule->amount();
    out.push_back({r.year, p});
  }
  return out;
}

}  // namespace auxpro::points
