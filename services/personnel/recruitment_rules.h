// Recruitment eligibility (DOMAIN.md 2, table "Recruitment eligibility"): pure, every number from
// the jurisdiction's policy, the hire date passed in.
#pragma once

#include <optional>
#include <vector>

#include "auxpro/common/v1/types.pb.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/decision.h"

namespace auxpro::personnel {

// A background finding with the day its penalty or sanction ended (nullopt: in force).
struct DatedFinding {
  common::v1::Disqualifier kind = common::v1::DISQUALIFIER_UNSPECIFIED;
  std::optional<CivilDate> ended_on;
};

// How an earlier employment period on the same archive ended.
struct EarlierExit {
  CivilDate exit_date;
  // The auxpro.personnel.v1.ExitReason value name, e.g. "DISCIPLINE_BREACH".
  std::string reason;
};

struct Candidate {
  CivilDate birth_date;
  common::v1::Gender gender = common::v1::GENDER_UNSPECIFIED;
  common::v1::Education education = common::v1::EDUCATION_UNSPECIFIED;
  bool veteran = false;
  bool party_member = false;
  bool former_auxiliary = false;
  // Findings in force (Person.background_findings).
  std::vector<common::v1::Disqualifier> findings;
  // Findings with their dates (Person.findings).
  std::vector<DatedFinding> dated_findings;
  std::vector<common::v1::Attestation> attestations;
  // Earlier employment periods on this archive (Person.past_periods and, for an EXITED person,
  // the period just closed), oldest first.
  std::vector<EarlierExit> earlier_exits;
};

// The facts of a person record that recruitment looks at.
Candidate CandidateOf(const v1::Person& person);

// Active auxiliaries of the jurisdiction before this hire.
struct TeamComposition {
  int total = 0;
  int female = 0;
};

// Reports every failed condition:
//  "birth_date"      birth date invalid or after the hire date (age checks are then skipped);
//  "gender"          gender unspecified while the policy has gender-specific rules;
//  "age"             outside the age range: the general one, replaced by age_male / age_female when
//                    set for the candidate's gender (an unset side keeps the general bound);
//                    with max_age_first_hire_only a former auxiliary is not held to the maximum;
//                    veterans (and former auxiliaries when relaxation_for_former_auxiliaries) may
//                    use age_relaxed instead, whose unset (0) sides inherit the normal range's
//                    bound, so a relaxation only widens;
//  "education"       below min_education, lowered to min_education_veteran /
//                    min_education_party_member / min_education_former_auxiliary when the
//                    candidate qualifies (HIGH_SCHOOL and VOCATIONAL_SECONDARY rank equal);
//  "disqualifier.<finding in lower_snake>"  one per finding kind barred by a disqualifier_rule (its
//                    article in the reason; a rule only_while_in_force ignores a finding that
//                    ended on or before the hire date) or listed in the legacy disqualifiers;
//                    a rule with from_exit_reasons also finds it in an earlier employment period
//                    that ended with one of them (shanxi art. 13(六)), the period named;
//  "attestation.<attestation in lower_snake>"  one per required_attestation not recorded;
//  "female_share"    a woman whose hire would make women more than max_female_percent of the team;
//  "retirement_age"  at or past the retirement age for the candidate's gender.
// Rules marked warning_only go to *warnings (dropped when null) instead of the decision.
Decision CheckEligibility(const policy::v1::Policy& policy, const Candidate& candidate,
                          CivilDate hire_date, TeamComposition team,
                          std::vector<RuleFailure>* warnings = nullptr);

}  // namespace auxpro::personnel
