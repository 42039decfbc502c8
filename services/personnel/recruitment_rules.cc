#include "services/personnel/recruitment_rules.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

#include "libs/policy/policy_queries.h"

namespace auxpro::personnel {
namespace {

using common::v1::Disqualifier;
using common::v1::Education;
using common::v1::Gender;

// HIGH_SCHOOL and VOCATIONAL_SECONDARY (中专) rank the same.
using ::auxpro::policy::EducationRank;

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return s;
}

std::string EducationName(Education e) {
  const std::string& name = common::v1::Education_Name(e);
  return name.empty() ? std::to_string(static_cast<int>(e)) : name;
}

std::string DisqualifierCode(Disqualifier d) {
  const std::string& name = common::v1::Disqualifier_Name(d);
  return Lower(name.empty() ? std::to_string(static_cast<int>(d)) : name);
}

std::string AttestationCode(common::v1::Attestation a) {
  const std::string& name = common::v1::Attestation_Name(a);
  return Lower(name.empty() ? std::to_string(static_cast<int>(a)) : name);
}

// The finding rules of a policy: disqualifier_rules, then the legacy list for kinds not in them.
std::vector<policy::v1::DisqualifierRule> FindingRules(const policy::v1::Recruitment& r) {
  std::vector<policy::v1::DisqualifierRule> rules(r.disqualifier_rules().begin(),
                                                  r.disqualifier_rules().end());
  for (int d : r.disqualifiers()) {
    const bool covered = std::any_of(rules.begin(), rules.end(),
                                     [d](const auto& rule) { return rule.finding() == d; });
    if (!covered) {
      policy::v1::DisqualifierRule rule;
      rule.set_finding(static_cast<Disqualifier>(d));
      rules.push_back(rule);
    }
  }
  return rules;
}

std::string FormatPercent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v);
  return buf;
}

const char* GenderWord(Gender g) { return g == common::v1::FEMALE ? "women" : "men"; }

bool IsSet(const policy::v1::AgeRange& r) { return r.min_years() != 0 || r.max_years() != 0; }

// The age range that applies to a candidate, and the words naming it in a reason ("" for the
// general range, " for women", " for veterans" ...).
struct AgeBounds {
  int min = 0;  // 0: no bound
  int max = 0;  // 0: no bound
  std::string applies_to;
};

AgeBounds ApplicableAgeRange(const policy::v1::Recruitment& r, const Candidate& c) {
  AgeBounds b{r.age().min_years(), r.age().max_years(), ""};
  // A gender-specific range replaces the general one; an unset side keeps the general bound.
  auto override_with = [&b](const policy::v1::AgeRange& g, const char* who) {
    if (g.min_years() != 0) {
      b.min = g.min_years();
    }
    if (g.max_years() != 0) {
      b.max = g.max_years();
    }
    b.applies_to = who;
  };
  if (c.gender == common::v1::MALE && IsSet(r.age_male())) {
    override_with(r.age_male(), " for men");
  } else if (c.gender == common::v1::FEMALE && IsSet(r.age_female())) {
    override_with(r.age_female(), " for women");
  }
  const bool former = c.former_auxiliary && r.relaxation_for_former_auxiliaries();
  if (IsSet(r.age_relaxed()) && (c.veteran || former)) {
    // A relaxation only widens: an unset side keeps the normal bound, a set side may not narrow.
    const auto& rel = r.age_relaxed();
    if (rel.min_years() != 0 && b.min != 0) {
      b.min = std::min(b.min, rel.min_years());
    }
    if (rel.max_years() != 0 && b.max != 0) {
      b.max = std::max(b.max, rel.max_years());
    }
    b.applies_to = c.veteran ? " for veterans" : " for former auxiliaries";
  }
  return b;
}

bool HasGenderSpecificRules(const policy::v1::Recruitment& r) {
  return IsSet(r.age_male()) || IsSet(r.age_female()) || r.max_female_percent() != 0 ||
         r.retirement_age_male() != 0 || r.retirement_age_female() != 0;
}

}  // namespace

Candidate CandidateOf(const v1::Person& p) {
  Candidate c;
  c.birth_date = FromProto(p.birth_date());
  c.gender = p.gender();
  c.education = p.education();
  c.veteran = p.veteran();
  c.party_member = p.party_member();
  c.former_auxiliary = p.former_auxiliary();
  for (int f : p.background_findings()) c.findings.push_back(static_cast<Disqualifier>(f));
  for (const auto& f : p.findings()) {
    DatedFinding df{f.kind(), std::nullopt};
    if (!IsUnset(f.ended_on())) df.ended_on = FromProto(f.ended_on());
    c.dated_findings.push_back(df);
  }
  for (int a : p.attestations()) c.attestations.push_back(static_cast<common::v1::Attestation>(a));
  for (const auto& period : p.past_periods()) {
    c.earlier_exits.push_back(
        {FromProto(period.exit_date()), v1::ExitReason_Name(period.exit_reason())});
  }
  if (p.state() == v1::EXITED) {
    c.earlier_exits.push_back({FromProto(p.exit_date()), v1::ExitReason_Name(p.exit_reason())});
  }
  return c;
}

Decision CheckEligibility(const policy::v1::Policy& policy, const Candidate& candidate,
                          CivilDate hire_date, TeamComposition team,
                          std::vector<RuleFailure>* warnings) {
  Decision d;
  auto report = [&](bool warning_only, RuleFailure f) {
    if (!warning_only) {
      d.failures.push_back(std::move(f));
    } else if (warnings != nullptr) {
      warnings->push_back(std::move(f));
    }
  };
  const auto& r = policy.recruitment();
  const bool male = candidate.gender == common::v1::MALE;
  const bool female = candidate.gender == common::v1::FEMALE;

  if (!male && !female && HasGenderSpecificRules(r)) {
    d.failures.push_back({"gender", "gender is not specified but the recruitment policy of " +
                                        policy.jurisdiction() + " has rules by gender"});
  }

  // Age.
  std::optional<int> age;
  if (!IsValidCivilDate(candidate.birth_date)) {
    d.failures.push_back({"birth_date", "birth date " + FormatDate(candidate.birth_date) +
                                            " is not a valid calendar date"});
  } else if (candidate.birth_date > hire_date) {
    d.failures.push_back({"birth_date", "birth date " + FormatDate(candidate.birth_date) +
                                            " is after the hire date " + FormatDate(hire_date)});
  } else {
    age = AgeOn(candidate.birth_date, hire_date);
    const AgeBounds b = ApplicableAgeRange(r, candidate);
    const std::string prefix =
        "age " + std::to_string(*age) + " on " + FormatDate(hire_date) + " is ";
    if (b.min != 0 && *age < b.min) {
      d.failures.push_back(
          {"age", prefix + "below the minimum " + std::to_string(b.min) + b.applies_to});
    } else if (b.max != 0 && *age > b.max &&
               !(r.max_age_first_hire_only() && candidate.former_auxiliary)) {
      d.failures.push_back(
          {"age", prefix + "above the maximum " + std::to_string(b.max) + b.applies_to});
    }
  }

  // Education.
  if (r.min_education() != common::v1::EDUCATION_UNSPECIFIED) {
    Education required = r.min_education();
    std::string applies_to;
    auto relax = [&](bool qualifies, Education relaxed, const char* who) {
      if (!qualifies || relaxed == common::v1::EDUCATION_UNSPECIFIED) {
        return;
      }
      if (EducationRank(relaxed) < EducationRank(required)) {
        required = relaxed;
        applies_to = who;
      }
    };
    relax(candidate.veteran, r.min_education_veteran(), " for veterans");
    relax(candidate.party_member, r.min_education_party_member(), " for party members");
    relax(candidate.former_auxiliary, r.min_education_former_auxiliary(),
          " for former auxiliaries");
    if (EducationRank(candidate.education) < EducationRank(required)) {
      d.failures.push_back({"education", "education " + EducationName(candidate.education) +
                                             " is below the minimum " + EducationName(required) +
                                             applies_to});
    }
  }

  // Disqualifying findings, each kind once, in the order recorded, citing the clause.
  std::vector<DatedFinding> all;
  for (Disqualifier f : candidate.findings) all.push_back({f, std::nullopt});
  all.insert(all.end(), candidate.dated_findings.begin(), candidate.dated_findings.end());
  const std::vector<policy::v1::DisqualifierRule> rules = FindingRules(r);
  std::set<int> reported;
  for (const DatedFinding& f : all) {
    const auto rule = std::find_if(rules.begin(), rules.end(),
                                   [&f](const auto& x) { return x.finding() == f.kind; });
    if (rule == rules.end() || reported.count(f.kind) != 0) {
      continue;
    }
    if (rule->only_while_in_force() && f.ended_on && *f.ended_on <= hire_date) {
      continue;  // ended (penalty served, sanction lifted) by the hire date
    }
    reported.insert(f.kind);
    const std::string code = DisqualifierCode(f.kind);
    std::string reason = "background finding " + code;
    if (rule->only_while_in_force()) {
      reason += f.ended_on ? " (ended " + FormatDate(*f.ended_on) + ", after the hire date " +
                                 FormatDate(hire_date) + ")"
                           : " (still in force)";
    }
    reason += " disqualifies a candidate in " + policy.jurisdiction();
    if (!rule->article().empty()) reason += " (" + rule->article() + ")";
    report(rule->warning_only(), {"disqualifier." + code, reason});
  }

  // Findings derived from how earlier employment periods on this archive ended (shanxi art.
  // 13(六): dismissed for breaking the rules for auxiliaries), where no recorded one was reported.
  for (const policy::v1::DisqualifierRule& rule : rules) {
    if (rule.from_exit_reasons().empty() || reported.count(rule.finding()) != 0) continue;
    for (const EarlierExit& e : candidate.earlier_exits) {
      const auto& reasons = rule.from_exit_reasons();
      if (std::find(reasons.begin(), reasons.end(), e.reason) == reasons.end()) continue;
      reported.insert(rule.finding());
      const std::string code = DisqualifierCode(rule.finding());
      std::string reason = "the employment period on this archive that ended " +
                           FormatDate(e.exit_date) + " with exit reason " + e.reason +
                           " is a finding " + code + ", which disqualifies a candidate in " +
                           policy.jurisdiction();
      if (!rule.article().empty()) reason += " (" + rule.article() + ")";
      report(rule.warning_only(), {"disqualifier." + code, reason});
      break;
    }
  }

  // Recorded attestations the policy requires.
  for (const policy::v1::AttestationRule& rule : r.required_attestations()) {
    if (std::find(candidate.attestations.begin(), candidate.attestations.end(),
                  rule.attestation()) != candidate.attestations.end()) {
      continue;
    }
    const std::string code = AttestationCode(rule.attestation());
    report(rule.warning_only(),
           {"attestation." + code, "no recorded attestation " + code + ", required in " +
                                       policy.jurisdiction() + " (" + rule.article() + ")"});
  }

  // Share of women in the whole team after this hire.
  if (female && r.max_female_percent() != 0) {
    const int64_t women = static_cast<int64_t>(team.female) + 1;
    const int64_t total = static_cast<int64_t>(team.total) + 1;
    if (women * 100 > static_cast<int64_t>(r.max_female_percent()) * total) {
      d.failures.push_back(
          {"female_share",
           "hiring a woman would make women " + std::to_string(women) + " of " +
               std::to_string(total) + " (" +
               FormatPercent(100.0 * static_cast<double>(women) / static_cast<double>(total)) +
               ") of the team, above the maximum " + std::to_string(r.max_female_percent()) + "%"});
    }
  }

  // Retirement age.
  if (age) {
    const int retirement = male ? r.retirement_age_male() : female ? r.retirement_age_female() : 0;
    if (retirement != 0 && *age >= retirement) {
      d.failures.push_back(
          {"retirement_age", "age " + std::to_string(*age) + " on " + FormatDate(hire_date) +
                                 " has reached the retirement age " + std::to_string(retirement) +
                                 " for " + GenderWord(candidate.gender)});
    }
  }
  return d;
}

}  // namespace auxpro::personnel
