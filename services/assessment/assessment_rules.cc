#include "services/assessment/assessment_rules.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/safe_text.h"
#include "libs/policy/policy_queries.h"

namespace auxpro::assessment {

namespace {

using absl::Status;
using absl::StatusOr;

int QuarterOf(int month) { return (month - 1) / 3 + 1; }

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

Status CheckYearNotFuture(int year, CivilDate today, const std::string& field) {
  if (year < 2000 || year > 2200) {
    return Invalid(absl::StrCat(field, ": required, 2000-2200; got ", year));
  }
  if (year > today.year) {
    return Invalid(
        absl::StrCat(field, ": ", year, " is in the future (today is ", FormatDate(today), ")"));
  }
  return absl::OkStatus();
}

Status CheckMonthNotFuture(const v1::YearMonth& month, CivilDate today, const std::string& field) {
  RETURN_IF_ERROR(CheckYearNotFuture(month.year(), today, absl::StrCat(field, ".year")));
  if (month.month() < 1 || month.month() > 12) {
    return Invalid(absl::StrCat(field, ".month: required, 1-12; got ", month.month()));
  }
  if (month.year() == today.year && month.month() > today.month) {
    return Invalid(absl::StrCat(field, ": ", month.year(), "-", month.month(),
                                " is in the future (today is ", FormatDate(today), ")"));
  }
  return absl::OkStatus();
}

Status CheckQuarterNotFuture(int year, int quarter, CivilDate today) {
  RETURN_IF_ERROR(CheckYearNotFuture(year, today, "assessment_session.year"));
  if (quarter < 1 || quarter > 4) {
    return Invalid(absl::StrCat("assessment_session.quarter: required, 1-4; got ", quarter));
  }
  if (year == today.year && quarter > QuarterOf(today.month)) {
    return Invalid(absl::StrCat("assessment_session.quarter: ", year, " Q", quarter,
                                " is in the future (today is ", FormatDate(today), ")"));
  }
  return absl::OkStatus();
}

StatusOr<bool> CheckDailyItems(const policy::v1::Assessment& policy,
                               const std::vector<v1::MonthlyAssessment::Item>& items) {
  std::set<std::string> seen;
  bool all_passed = true;
  for (const auto& item : items) {
    if (!Contains(policy.daily_items(), item.item())) {
      return Invalid(absl::StrCat("monthly_assessment.items: ", QuoteInput(item.item()),
                                  " is not an item of the daily assessment (policy "
                                  "assessment.daily_items)"));
    }
    if (!seen.insert(item.item()).second) {
      return Invalid(
          absl::StrCat("monthly_assessment.items: ", QuoteInput(item.item()), " given twice"));
    }
    all_passed = all_passed && item.passed();
  }
  for (const std::string& code : policy.daily_items()) {
    if (!seen.contains(code)) {
      return Invalid(absl::StrCat("monthly_assessment.items: item \"", code,
                                  "\" missing: every item of the daily assessment (wenjiang "
                                  "7.3.1.4, policy assessment.daily_items) needs a result"));
    }
  }
  return all_passed;
}

StatusOr<bool> DecideResult(const policy::v1::Assessment& policy, const std::string& item,
                            int score, bool passed) {
  if (!Contains(policy.centralized_items(), item)) {
    return Invalid(absl::StrCat("result.item: \"", item,
                                "\" is not an item of the centralized assessment (policy "
                                "assessment.centralized_items)"));
  }
  if (item == kPublicSatisfaction) {
    if (score != 0 || passed) {
      return WithErrorInfo(
          Precondition("result: PUBLIC_SATISFACTION is the survey service's satisfaction rate "
                       "(wenjiang 7.3.1.5), read over result.survey_campaign; no score or passed "
                       "is recorded by hand"),
          "SATISFACTION_FROM_SURVEY", {{"item", item}});
    }
    return false;  // the verdict is DecideSatisfaction's, from the survey's rate
  }
  if (item == kProfessionalExam) {
    if (score < 0 || score > 100) {
      return Invalid(
          absl::StrCat("result.score: the professional exam is scored 0-100; got ", score));
    }
    return score >= static_cast<int>(policy.exam_pass_score());
  }
  if (score != 0) {
    return Invalid(absl::StrCat("result.score: only PROFESSIONAL_EXAM takes a score; got ", score,
                                " for ", item));
  }
  return passed;
}

StatusOr<int> DecideAttempt(const policy::v1::Assessment& policy, const std::string& item, int year,
                            const std::vector<bool>& earlier_results) {
  const int so_far = static_cast<int>(earlier_results.size());
  const std::map<std::string, std::string> meta = {
      {"item", item}, {"year", absl::StrCat(year)}, {"attempts", absl::StrCat(so_far)}};
  if (std::find(earlier_results.begin(), earlier_results.end(), true) != earlier_results.end()) {
    return WithErrorInfo(
        Precondition(absl::StrCat("attempt rule (wenjiang 7.3.1.3): ", item, " was passed in ",
                                  year, "; an item passed this year is not taken again (", so_far,
                                  " attempts so far)")),
        "ITEM_ALREADY_PASSED", meta);
  }
  const int max_retakes = static_cast<int>(policy.max_retakes_per_item_per_year());
  if (so_far >= 1 + max_retakes) {
    auto with_max = meta;
    with_max["max_retakes"] = absl::StrCat(max_retakes);
    return WithErrorInfo(Precondition(absl::StrCat("retake limit (wenjiang 7.3.1.3): ", item,
                                                   " may be retaken at "
                                                   "most ",
                                                   max_retakes, " times in ", year, "; ", so_far,
                                                   " attempts so far")),
                         "RETAKE_LIMIT_REACHED", with_max);
  }
  return so_far + 1;
}

Status CheckGrade(const policy::v1::AnnualRating& policy, const std::string& grade) {
  if (!Contains(policy.grades(), grade)) {
    return WithErrorInfo(
        Invalid(absl::StrCat("annual_rating.grade: \"", grade, "\" is not a grade of the policy (",
                             absl::StrJoin(policy.grades(), ", "), ")")),
        "UNKNOWN_GRADE", {{"grade", grade}});
  }
  return absl::OkStatus();
}

StatusOr<int> CheckTopGradeCap(const policy::v1::AnnualRating& policy, const std::string& unit,
                               int year, int unit_size, const std::vector<std::string>& grades) {
  if (policy.grades().empty()) return Precondition("annual rating: the policy names no grades");
  const std::string& top = policy.grades(0);
  const int proposed = static_cast<int>(std::count(grades.begin(), grades.end(), top));
  const int allowed = policy::AllowedTopGrades(policy, unit_size);
  if (proposed > allowed) {
    return WithErrorInfo(
        Precondition(absl::StrCat(
            "annual rating cap: unit \"", unit, "\" may have at most ", allowed, " of grade ", top,
            " in ", year, " (", policy.cap_percent(), "% of ", unit_size, ", ",
            policy.cap_rounding() == policy::v1::AnnualRating::HALF_UP ? "rounded half up"
                                                                       : "rounded down",
            policy.small_unit_size() > 0 ? absl::StrCat("; fewer than ", policy.small_unit_size(),
                                                        ": ", policy.small_unit_top_count())
                                         : "",
            "); ", proposed, " proposed")),
        "TOP_GRADE_CAP_EXCEEDED",
        {{"unit", unit},
         {"year", absl::StrCat(year)},
         {"grade", top},
         {"allowed", absl::StrCat(allowed)},
         {"proposed", absl::StrCat(proposed)},
         {"unit_size", absl::StrCat(unit_size)}});
  }
  return allowed;
}

Competence DecideCompetent(const policy::v1::AnnualRating& policy, const std::string& last_grade) {
  if (last_grade.empty()) return {false, "no final annual rating yet"};
  if (!policy.grades().empty() && last_grade == policy.grades(policy.grades_size() - 1)) {
    return {false, absl::StrCat("the last annual grade is ", last_grade,
                                ", the lowest grade of the policy")};
  }
  return {true, absl::StrCat("the last annual grade is ", last_grade)};
}

}  // namespace auxpro::assessment
