#include "services/personnel/recruitment_rules.h"

#include <algorithm>
#include <cstdio>
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
  return c;
}

Decision CheckEligibility(const policy::v1::Policy& policy, const Candidate& candidate,
                          CivilDate hire_date, TeamComposition team) {
  Decision d;
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
    } else if (b.max != 0 && *age > b.max) {
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
    if (EducationRank(candidate.education) < EducationRank(required)) {
      d.failures.push_back({"education", "education " + EducationName(candidate.education) +
                                             " is below the minimum " + EducationName(required) +
                                             applies_to});
    }
  }

  // Disqualifying findings, each once.
  std::set<int> reported;
  for (Disqualifier finding : candidate.findings) {
    const bool listed = std::find(r.disqualifiers().begin(), r.disqualifiers().end(), finding) !=
                        r.disqualifiers().end();
    if (!listed || !reported.insert(finding).second) {
      continue;
    }
    const std::string code = DisqualifierCode(finding);
    d.failures.push_back(
        {"disqualifier." + code,
         "background finding " + code + " disqualifies a candidate in " + policy.jurisdiction()});
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
