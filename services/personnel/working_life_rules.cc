#include "services/personnel/working_life_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace auxpro::personnel {
namespace {

int64_t DaysFrom(CivilDate a, CivilDate b) { return DaysSinceEpoch(b) - DaysSinceEpoch(a); }

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Decision CheckProbationEnd(const policy::v1::Policy& policy, CivilDate hire_date,
                           CivilDate end_date, ProbationResult result) {
  Decision d;
  const auto& p = policy.probation();
  if (p.kind() == policy::v1::Probation::MONTHS && p.months() > 0) {
    const CivilDate earliest = AddMonths(hire_date, static_cast<int>(p.months()));
    if (end_date < earliest) {
      d.failures.push_back(
          {"probation_end",
           absl::StrCat("probation of ", p.months(), " months from ", FormatDate(hire_date),
                        " runs until ", FormatDate(earliest), "; it cannot end on ",
                        FormatDate(end_date))});
    }
  }
  if (policy.employment().probation_requires_result() && result == ProbationResult::kNone) {
    d.failures.push_back({"probation_result", "probation in " + policy.jurisdiction() +
                                                  " ends only with a recorded result, passed "
                                                  "or failed"});
  }
  return d;
}

Decision CheckRenewal(const policy::v1::Policy& policy,
                      const std::optional<std::string>& last_annual_grade) {
  Decision d;
  const std::string& min = policy.employment().renewal_min_grade();
  if (min.empty()) return d;
  if (!last_annual_grade) {
    d.failures.push_back(
        {"annual_rating", "renewal needs an annual rating of " + min +
                              " or better; the last annual rating is not available"});
    return d;
  }
  const auto& grades = policy.annual_rating().grades();
  const auto rank = [&](const std::string& g) {
    return static_cast<int>(std::find(grades.begin(), grades.end(), g) - grades.begin());
  };
  if (rank(*last_annual_grade) > rank(min)) {
    d.failures.push_back({"annual_rating", "annual rating " + *last_annual_grade + " is below " +
                                               min + ", needed for a renewal"});
  }
  return d;
}

Decision CheckResignation(const policy::v1::Resignation& r, CivilDate notice_date,
                          CivilDate last_day, const std::vector<std::string>& signed_off_by,
                          const std::vector<std::string>& handed_back) {
  Decision d;
  const int64_t days = DaysFrom(notice_date, last_day);
  if (days < static_cast<int64_t>(r.notice_days())) {
    d.failures.push_back(
        {"notice_days", absl::StrCat("written notice on ", FormatDate(notice_date), " is ", days,
                                     " days before the last day ", FormatDate(last_day),
                                     "; at least ", r.notice_days(), " are needed")});
  }
  for (const std::string& who : r.signoffs()) {
    if (!Contains(signed_off_by, who)) {
      d.failures.push_back({"signoff." + who, "the resignation is not signed off by " + who});
    }
  }
  for (const std::string& item : r.handback()) {
    if (!Contains(handed_back, item)) {
      d.failures.push_back({"handback." + item, item + " is not handed back"});
    }
  }
  return d;
}

int64_t ForfeitedDepositFen(const policy::v1::Resignation& r, CivilDate contract_start,
                            CivilDate last_day) {
  if (r.deposit_forfeit_within_months() == 0) return 0;
  const CivilDate kept_until =
      AddMonths(contract_start, static_cast<int>(r.deposit_forfeit_within_months()));
  return last_day < kept_until ? r.performance_deposit_fen() : 0;
}

int64_t MonthlyBackbonePayFen(const policy::v1::Backbone& b, BackbonePost post, int years) {
  if (!b.enabled()) return 0;
  const int64_t y = std::max(years, 0);
  switch (post) {
    case BackbonePost::kLeader:
      return b.leader_allowance_fen() + y * b.leader_seniority_fen_per_year();
    case BackbonePost::kDeputyLeader:
      return b.deputy_allowance_fen() + y * b.deputy_seniority_fen_per_year();
    case BackbonePost::kMember:
      return y * b.member_seniority_fen_per_year();
  }
  return 0;
}

Decision CheckBackboneAppointment(const policy::v1::Backbone& b, BackbonePost post,
                                  BackbonePost current_post, int taken, int quota) {
  Decision d;
  if (!b.enabled()) {
    d.failures.push_back({"backbone_disabled", "the policy has no backbone posts"});
    return d;
  }
  if (taken >= quota) {
    d.failures.push_back(
        {"backbone_quota",
         absl::StrCat("the unit's ", quota, " posts of this kind are all taken (", taken, ")")});
  }
  if (post == BackbonePost::kLeader && b.leader_from_deputies() &&
      current_post != BackbonePost::kDeputyLeader) {
    d.failures.push_back({"leader_from_deputies", "a team leader is chosen from the deputies"});
  }
  return d;
}

}  // namespace auxpro::personnel
