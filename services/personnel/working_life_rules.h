// The rules of an auxiliary's working life after the hire that the policy's employment section
// sets: probation's end, contract renewal, resignation and its deposit, backbone pay. Pure: facts
// and policy in, decision out, dates passed in. The rpcs that record these are not built yet;
// these are the decisions they will ask.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/decision.h"

namespace auxpro::personnel {

enum class ProbationResult { kNone, kPassed, kFailed };

// Probation may not end before the policy's period has run (probation.months from the hire
// date: longquan art. 6 three months, template art. 10 one month) — "probation_end" — and, where
// employment.probation_requires_result, only with a recorded result — "probation_result".
Decision CheckProbationEnd(const policy::v1::Policy& policy, CivilDate hire_date,
                           CivilDate end_date, ProbationResult result);

// A labour contract renewal (template art. 10: 考核合格以上): "annual_rating" when the policy sets
// renewal_min_grade and the last annual rating is not available (never passes by default) or is
// below it (grades are ranked by annual_rating.grades, best first).
Decision CheckRenewal(const policy::v1::Policy& policy,
                      const std::optional<std::string>& last_annual_grade);

// A resignation (longquan art. 15): "notice_days" when the written notice came fewer than
// resignation.notice_days before the last day; "signoff.<who>" for each required sign-off missing;
// "handback.<item>" for each item not handed back (template art. 20).
Decision CheckResignation(const policy::v1::Resignation& resignation, CivilDate notice_date,
                          CivilDate last_day, const std::vector<std::string>& signed_off_by,
                          const std::vector<std::string>& handed_back);

// The performance deposit kept when leaving within deposit_forfeit_within_months of the contract
// start (template art. 20: 不满一年); 0 when returned.
int64_t ForfeitedDepositFen(const policy::v1::Resignation& resignation, CivilDate contract_start,
                            CivilDate last_day);

enum class BackbonePost { kMember, kDeputyLeader, kLeader };

// Monthly post allowance plus seniority pay for whole years served (longquan art. 17(四)(五)), in
// fen; 0 where the policy has no backbone posts.
int64_t MonthlyBackbonePayFen(const policy::v1::Backbone& backbone, BackbonePost post,
                              int years_served);

// An appointment to a backbone post (longquan art. 14): "backbone_disabled" where the policy has
// none; "backbone_quota" when the unit's posts of that kind are all taken (quota set by the
// bureau); "leader_from_deputies" when a leader is appointed who is not a deputy.
Decision CheckBackboneAppointment(const policy::v1::Backbone& backbone, BackbonePost post,
                                  BackbonePost current_post, int taken, int quota);

}  // namespace auxpro::personnel
