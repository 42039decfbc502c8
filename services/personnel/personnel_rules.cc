#include "services/personnel/personnel_rules.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>
#include <utility>

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

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string FormatPercent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v);
  return buf;
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// "1 is" / "20 are".
std::string CountIsAre(int n) { return std::to_string(n) + (n == 1 ? " is" : " are"); }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view s) {
  int v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
  }
  return v;
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

// Sum of `days` of passed records of one kind, optionally within one year.
double PassedDays(const std::vector<TrainingRecord>& records, TrainingKind kind,
                  std::optional<int> year) {
  double sum = 0;
  for (const auto& r : records) {
    if (r.kind != kind || !r.passed) {
      continue;
    }
    if (year && r.start.year != *year) {
      continue;
    }
    sum += r.days;
  }
  return sum;
}

constexpr int kIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kIdCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

}  // namespace

char NationalIdCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '?';
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(first17[i])) return '?';
    sum += (first17[i] - '0') * kIdWeights[i];
  }
  return kIdCheck[sum % 11];
}

// ----------------------------------------------------------------------------------- Dates

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) {
    return 0;
  }
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidCivilDate(CivilDate d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= DaysInMonth(d.year, d.month);
}

std::string FormatDate(CivilDate d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

CivilDate FromProto(const common::v1::Date& d) { return {d.year(), d.month(), d.day()}; }

common::v1::Date ToProto(CivilDate d) {
  common::v1::Date out;
  out.set_year(d.year);
  out.set_month(d.month);
  out.set_day(d.day);
  return out;
}

int AgeOn(CivilDate birth, CivilDate on) {
  int age = on.year - birth.year;
  if (std::pair(on.month, on.day) < std::pair(birth.month, birth.day)) {
    --age;
  }
  return age;
}

CivilDate AddMonths(CivilDate d, int months) {
  const int index = d.year * 12 + (d.month - 1) + months;  // months since year 0
  int year = index / 12;
  int month = index % 12;
  if (month < 0) {
    month += 12;
    --year;
  }
  CivilDate out{year, month + 1, 0};
  out.day = std::min(d.day, DaysInMonth(out.year, out.month));
  return out;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysSinceEpoch(CivilDate d) {
  const int64_t y = static_cast<int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate AddDays(CivilDate d, int days) {
  const int64_t z = DaysSinceEpoch(d) + days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

// -------------------------------------------------------------------------------- Decision

bool Decision::Failed(std::string_view condition) const {
  return std::any_of(failures.begin(), failures.end(),
                     [&](const RuleFailure& f) { return f.condition == condition; });
}

std::string Decision::Summary() const {
  std::string out;
  for (const auto& f : failures) {
    if (!out.empty()) {
      out += "; ";
    }
    out += f.reason;
  }
  return out;
}

// ----------------------------------------------------------------------------- National ID

bool IsValidNationalId(std::string_view id) {
  if (id.size() != 18) {
    return false;
  }
  if (id[17] != NationalIdCheckCharacter(id.substr(0, 17))) {
    return false;
  }
  const CivilDate birth{Digits(id.substr(6, 4)), Digits(id.substr(10, 2)),
                        Digits(id.substr(12, 2))};
  return IsValidCivilDate(birth);
}

std::string MaskNationalId(std::string_view id) {
  if (id.size() <= 8) {
    return std::string(id.size(), '*');
  }
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') +
         std::string(id.substr(id.size() - 4));
}

std::optional<CivilDate> BirthDateFromNationalId(std::string_view id) {
  if (!IsValidNationalId(id)) {
    return std::nullopt;
  }
  return CivilDate{Digits(id.substr(6, 4)), Digits(id.substr(10, 2)), Digits(id.substr(12, 2))};
}

Gender GenderFromNationalId(std::string_view id) {
  if (!IsValidNationalId(id)) {
    return common::v1::GENDER_UNSPECIFIED;
  }
  return (id[16] - '0') % 2 == 1 ? common::v1::MALE : common::v1::FEMALE;
}

Decision CheckNationalIdConsistency(std::string_view id, CivilDate birth_date, Gender gender) {
  Decision d;
  if (!IsValidNationalId(id)) {
    d.failures.push_back({"national_id", "national ID number " + MaskNationalId(id) +
                                             " is not a valid 18-character GB 11643 number"});
    return d;
  }
  const CivilDate id_birth = *BirthDateFromNationalId(id);
  if (id_birth != birth_date) {
    d.failures.push_back({"national_id.birth_date",
                          "national ID number " + MaskNationalId(id) + " encodes birth date " +
                              FormatDate(id_birth) + ", not " + FormatDate(birth_date)});
  }
  const Gender id_gender = GenderFromNationalId(id);
  if (id_gender != gender) {
    d.failures.push_back({"national_id.gender", "national ID number " + MaskNationalId(id) +
                                                    " encodes gender " +
                                                    common::v1::Gender_Name(id_gender) + ", not " +
                                                    common::v1::Gender_Name(gender)});
  }
  return d;
}

// ---------------------------------------------------------------------------- Eligibility

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

// ------------------------------------------------------------------------------- Probation

std::optional<CivilDate> ProbationEnd(const policy::v1::Probation& probation, CivilDate hire_date) {
  if (probation.kind() != policy::v1::Probation::MONTHS) {
    return std::nullopt;
  }
  return AddMonths(hire_date, static_cast<int>(probation.months()));
}

// ---------------------------------------------------------------------------------- Badges

std::string FormatBadge(const policy::v1::Permit& permit, int64_t serial) {
  std::string digits = std::to_string(serial);
  if (digits.size() < permit.badge_serial_digits()) {
    digits.insert(0, permit.badge_serial_digits() - digits.size(), '0');
  }
  return permit.badge_prefix() + permit.badge_region_code() + digits;
}

std::optional<RuleFailure> CheckBadgeSerial(const policy::v1::Permit& permit, int64_t serial) {
  if (serial < 1) {
    return RuleFailure{"badge_serial",
                       "badge serial " + std::to_string(serial) + " is not positive"};
  }
  const uint32_t digits = permit.badge_serial_digits();
  if (digits == 0 || digits >= 19) {
    return std::nullopt;  // unbounded / beyond int64 anyway
  }
  int64_t max = 1;
  for (uint32_t i = 0; i < digits; ++i) {
    max *= 10;
  }
  --max;
  if (serial > max) {
    return RuleFailure{"badge_serial", "badge serial " + std::to_string(serial) +
                                           " does not fit in " + std::to_string(digits) +
                                           " digits: the serials of " + permit.badge_prefix() +
                                           permit.badge_region_code() + " end at " +
                                           std::to_string(max)};
  }
  return std::nullopt;
}

std::optional<int64_t> ParseBadgeSerial(const policy::v1::Permit& permit, std::string_view badge) {
  const std::string head = permit.badge_prefix() + permit.badge_region_code();
  if (badge.substr(0, head.size()) != head) {
    return std::nullopt;
  }
  const std::string_view digits = badge.substr(head.size());
  if (digits.empty() || digits.size() > 18) {
    return std::nullopt;
  }
  if (permit.badge_serial_digits() != 0 && digits.size() != permit.badge_serial_digits()) {
    return std::nullopt;
  }
  int64_t serial = 0;
  for (char c : digits) {
    if (!IsDigit(c)) {
      return std::nullopt;
    }
    serial = serial * 10 + (c - '0');
  }
  if (serial < 1) {
    return std::nullopt;
  }
  return serial;
}

int64_t NextBadgeSerial(int64_t highest_issued_serial) {
  return std::max<int64_t>(highest_issued_serial, 0) + 1;
}

// ------------------------------------------------------------------- Head-count, agreements

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

std::optional<int> RatioHeadcountLimit(const policy::v1::Headcount& headcount,
                                       int established_staff) {
  if (headcount.ratio_to_established_staff_percent() == 0) {
    return std::nullopt;
  }
  const int64_t limit = static_cast<int64_t>(std::max(established_staff, 0)) *
                        headcount.ratio_to_established_staff_percent() / 100;
  return static_cast<int>(limit);
}

std::optional<RuleFailure> CheckAgreementCapacity(int headcount, int assigned, int adding) {
  if (adding < 0) {
    return RuleFailure{"agreement_headcount",
                       "cannot assign " + std::to_string(adding) + " people to the agreement"};
  }
  const int64_t after = static_cast<int64_t>(assigned) + adding;
  if (after <= headcount) {
    return std::nullopt;
  }
  return RuleFailure{"agreement_headcount",
                     "dispatch agreement head-count is " + std::to_string(headcount) + " and " +
                         CountIsAre(assigned) + " already assigned; adding " +
                         std::to_string(adding) + " would make " + std::to_string(after)};
}

std::optional<RuleFailure> CheckAgreementActive(CivilDate start, CivilDate end, CivilDate on) {
  if (on < start) {
    return RuleFailure{"agreement_term", "dispatch agreement starts on " + FormatDate(start) +
                                             ", after " + FormatDate(on)};
  }
  if (on > end) {
    return RuleFailure{"agreement_term", "dispatch agreement ended on " + FormatDate(end) +
                                             ", before " + FormatDate(on)};
  }
  return std::nullopt;
}

// -------------------------------------------------------------------------------- Training

std::optional<RuleFailure> CheckPreJobTraining(const policy::v1::Policy& policy,
                                               const std::vector<TrainingRecord>& records) {
  const double min_days = policy.training().pre_job_min_days();
  const bool any_passed = std::any_of(records.begin(), records.end(), [](const TrainingRecord& r) {
    return r.kind == TrainingKind::kPreJob && r.passed;
  });
  if (!any_passed) {
    const bool any = std::any_of(records.begin(), records.end(), [](const TrainingRecord& r) {
      return r.kind == TrainingKind::kPreJob;
    });
    return RuleFailure{
        "pre_job_training",
        std::string(any ? "pre-job training was not passed" : "no pre-job training is recorded") +
            "; " + FormatNumber(min_days) + " working days passed are required"};
  }
  const double days = PassedDays(records, TrainingKind::kPreJob, std::nullopt);
  if (days < min_days) {
    return RuleFailure{"pre_job_training", "pre-job training passed covers " + FormatNumber(days) +
                                               " working days, below the minimum " +
                                               FormatNumber(min_days)};
  }
  return std::nullopt;
}

std::optional<RuleFailure> CheckPermitPrerequisites(const policy::v1::Policy& policy,
                                                    const std::vector<TrainingRecord>& records) {
  if (!policy.permit().require_pre_job_training()) {
    return std::nullopt;
  }
  return CheckPreJobTraining(policy, records);
}

std::optional<RuleFailure> CheckWeeklyDrill(const policy::v1::Policy& policy,
                                            const std::vector<TrainingRecord>& records,
                                            CivilDate week_start) {
  const double min_hours = policy.training().weekly_drill_min_hours();
  if (min_hours == 0) {
    return std::nullopt;
  }
  const CivilDate week_end = AddDays(week_start, 7);  // exclusive
  double hours = 0;
  for (const auto& r : records) {
    if (r.kind == TrainingKind::kDrill && r.passed && r.start >= week_start && r.start < week_end) {
      hours += r.hours;
    }
  }
  if (hours >= min_hours) {
    return std::nullopt;
  }
  return RuleFailure{"weekly_drill", "drill in the week from " + FormatDate(week_start) +
                                         " lasted " + FormatNumber(hours) +
                                         " hours, below the minimum " + FormatNumber(min_hours)};
}

Coverage TrainingCoverage(const policy::v1::Policy& policy, int year,
                          const std::vector<CoverageInput>& inputs) {
  // Merge by person, keeping first-seen order.
  std::vector<std::string> order;
  std::unordered_map<std::string, double> days;
  for (const auto& in : inputs) {
    auto [it, inserted] = days.emplace(in.person, 0.0);
    if (inserted) {
      order.push_back(in.person);
    }
    it->second += PassedDays(in.records, TrainingKind::kAnnual, year);
  }
  Coverage c;
  c.required = static_cast<int>(order.size());
  const double min_days = policy.training().annual_min_days();
  for (const auto& person : order) {
    if (days[person] >= min_days) {
      ++c.covered;
    } else {
      c.missing.push_back(person);
    }
  }
  c.percent = c.required == 0 ? 100.0 : 100.0 * c.covered / c.required;
  c.target_met = static_cast<int64_t>(c.covered) * 100 >=
                 static_cast<int64_t>(policy.training().annual_coverage_percent()) * c.required;
  return c;
}

// ------------------------------------------------------------------------ Exit, dismissal

std::vector<std::string> MissingExitItems(const policy::v1::Exit& exit,
                                          const std::vector<std::string>& confirmed) {
  std::vector<std::string> missing;
  for (const auto& item : exit.checklist()) {
    if (std::find(confirmed.begin(), confirmed.end(), item) == confirmed.end()) {
      missing.push_back(item);
    }
  }
  return missing;
}

Decision CheckExitChecklist(const policy::v1::Exit& exit,
                            const std::vector<std::string>& confirmed) {
  Decision d;
  for (const auto& item : MissingExitItems(exit, confirmed)) {
    d.failures.push_back(
        {"exit_checklist.missing", "exit checklist item " + Quote(item) + " is not confirmed"});
  }
  std::set<std::string> seen;
  for (const auto& item : confirmed) {
    const bool known =
        std::find(exit.checklist().begin(), exit.checklist().end(), item) != exit.checklist().end();
    if (known || !seen.insert(item).second) {
      continue;
    }
    d.failures.push_back({"exit_checklist.unknown",
                          "confirmed item " + Quote(item) + " is not on the exit checklist"});
  }
  return d;
}

std::vector<RuleFailure> DismissalTriggers(const policy::v1::DailyManagement& daily,
                                           int unexcused_absences, int disciplinary_notices,
                                           int months_unable) {
  std::vector<RuleFailure> out;
  auto check = [&](uint32_t trigger, int count, const char* code, const char* what) {
    if (trigger == 0 || count < 0 || static_cast<uint32_t>(count) < trigger) {
      return;
    }
    out.push_back({code, std::to_string(count) + " " + what + " reach the dismissal trigger of " +
                             std::to_string(trigger)});
  };
  check(daily.unexcused_absences_per_year(), unexcused_absences, "dismissal.unexcused_absences",
        "unexcused absences in the year");
  check(daily.disciplinary_notices_per_year(), disciplinary_notices,
        "dismissal.disciplinary_notices", "disciplinary notices in the year");
  check(daily.months_unable_to_work(), months_unable, "dismissal.months_unable_to_work",
        "months unable to work");
  return out;
}

// --------------------------------------------------------------------------- State machine

std::string_view PersonStateName(PersonState state) {
  switch (state) {
    case PersonState::kCandidate:
      return "candidate";
    case PersonState::kProbation:
      return "probation";
    case PersonState::kActive:
      return "active";
    case PersonState::kExited:
      return "exited";
  }
  return "unknown";
}

std::string_view PersonActionName(PersonAction action) {
  switch (action) {
    case PersonAction::kHire:
      return "hire";
    case PersonAction::kEndProbation:
      return "end_probation";
    case PersonAction::kIssuePermit:
      return "issue_permit";
    case PersonAction::kTransfer:
      return "transfer";
    case PersonAction::kExit:
      return "exit";
  }
  return "unknown";
}

std::optional<PersonState> NextState(PersonState from, PersonAction action) {
  const bool employed = from == PersonState::kProbation || from == PersonState::kActive;
  switch (action) {
    case PersonAction::kHire:
      if (from == PersonState::kCandidate) {
        return PersonState::kProbation;
      }
      break;
    case PersonAction::kEndProbation:
      if (from == PersonState::kProbation) {
        return PersonState::kActive;
      }
      break;
    case PersonAction::kIssuePermit:
    case PersonAction::kTransfer:
      if (employed) {
        return from;
      }
      break;
    case PersonAction::kExit:
      if (employed) {
        return PersonState::kExited;
      }
      break;
  }
  return std::nullopt;
}

Decision CheckTransition(PersonState from, PersonAction action) {
  Decision d;
  if (!NextState(from, action)) {
    d.failures.push_back({"transition", "action " + std::string(PersonActionName(action)) +
                                            " is not allowed for a person in state " +
                                            std::string(PersonStateName(from))});
  }
  return d;
}

}  // namespace auxpro::personnel
