#include "services/assessment/daily_rules.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/common/text.h"

namespace auxpro::assessment {

namespace {

bool IsKnownKind(v1::DailyRecordKind kind) {
  return kind != v1::DAILY_RECORD_KIND_UNSPECIFIED && v1::DailyRecordKind_IsValid(kind);
}

int MonthIndex(CivilDate d) { return d.year * 12 + (d.month - 1); }

}  // namespace

bool IsPersonRecord(v1::DailyRecordKind kind) {
  return kind == v1::LATENESS || kind == v1::UNEXCUSED_ABSENCE || kind == v1::DISCIPLINARY_NOTICE ||
         kind == v1::UNABLE_TO_WORK_MONTH || kind == v1::ANNUAL_TRAINING_TEST ||
         kind == v1::SLACKING || kind == v1::WORK_DISCIPLINE_BREACH;
}

absl::Status CheckDailyRecord(const v1::DailyRecord& r, CivilDate today) {
  if (!IsKnownKind(r.kind())) return Invalid("daily_record.kind: required");
  RETURN_IF_ERROR(RequireDate(r.date(), "daily_record.date"));
  if (FromProto(r.date()) > today) {
    return Invalid(
        absl::StrCat("daily_record.date: ", FormatDate(FromProto(r.date())), " is in the future"));
  }
  const std::string kind = v1::DailyRecordKind_Name(r.kind());
  if (IsPersonRecord(r.kind())) {
    if (r.person().empty())
      return Invalid(absl::StrCat("daily_record.person: required for ", kind));
    if (!r.unit().empty()) {
      return Invalid(absl::StrCat("daily_record.unit: not given for ", kind,
                                  " (the person's unit is read from personnel)"));
    }
  } else {
    if (r.unit().empty()) return Invalid(absl::StrCat("daily_record.unit: required for ", kind));
    if (!r.person().empty()) {
      return Invalid(absl::StrCat("daily_record.person: not given for ", kind, ", a unit record"));
    }
  }
  if (r.kind() == v1::DRILL ? (r.hours() <= 0 || r.hours() > 24) : r.hours() != 0) {
    return Invalid(
        absl::StrCat("daily_record.hours: a drill needs 0 < hours <= 24, other kinds "
                     "none; got ",
                     r.hours(), " for ", kind));
  }
  if (r.kind() == v1::UNEXCUSED_ABSENCE ? (r.days() <= 0 || r.days() > 31) : r.days() != 0) {
    return Invalid(
        absl::StrCat("daily_record.days: an absence needs 0 < days <= 31, other kinds "
                     "none; got ",
                     r.days(), " for ", kind));
  }
  if (r.passed() && r.kind() != v1::ANNUAL_TRAINING_TEST) {
    return Invalid(
        absl::StrCat("daily_record.passed: only an ANNUAL_TRAINING_TEST has a result; got "
                     "true for ",
                     kind));
  }
  if (r.deduction_fen() < 0) {
    return Invalid(absl::StrCat("daily_record.deduction_fen: not negative; got ", r.deduction_fen()));
  }
  RETURN_IF_ERROR(LimitText(r.note(), "daily_record.note", 255));
  return LimitText(r.reference(), "daily_record.reference", 255);
}

CivilDate WeekStart(CivilDate d) {
  const int64_t days = DaysSinceEpoch(d);
  const int64_t weekday = ((days + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; Monday = 0
  return AddDays(d, -static_cast<int>(weekday));
}

v1::WeeklyReport BuildWeeklyReport(const policy::v1::Policy& policy, CivilDate monday,
                                   const std::vector<DailyFact>& records) {
  v1::WeeklyReport out;
  *out.mutable_week_start() = ToProto(monday);
  out.set_uniform_checks_required(
      static_cast<int>(policy.daily_management().uniform_checks_per_week()));
  out.set_drill_min_hours(policy.training().weekly_drill_min_hours());
  std::map<std::string, v1::WeeklyReport::Absence> absences;
  const CivilDate sunday = AddDays(monday, 6);
  for (const DailyFact& r : records) {
    if (r.date < monday || r.date > sunday) continue;
    if (r.kind == v1::UNIFORM_CHECK) {
      out.set_uniform_checks(out.uniform_checks() + 1);
      out.add_uniform_check_records(r.name);
    } else if (r.kind == v1::DRILL && r.hours >= out.drill_min_hours()) {
      out.set_qualifying_drills(out.qualifying_drills() + 1);
      out.add_drill_records(r.name);
    } else if (r.kind == v1::UNEXCUSED_ABSENCE) {
      auto& a = absences[r.person];
      a.set_person(r.person);
      a.set_days(a.days() + r.days);
      a.add_records(r.name);
    }
  }
  for (auto& [person, a] : absences) *out.add_absences() = std::move(a);
  out.set_requirements_met(out.uniform_checks() >= out.uniform_checks_required() &&
                           out.qualifying_drills() >= 1);
  return out;
}

std::vector<v1::DismissalFlag> DismissalFlags(const policy::v1::DailyManagement& policy,
                                              uint32_t failed_training_retakes, int year,
                                              const std::vector<DailyFact>& records) {
  struct Person {
    double absence_days = 0;
    std::vector<std::string> absences, notices;
    std::map<int, std::vector<std::string>> unable;  // month index -> records
    std::vector<const DailyFact*> tests;             // ANNUAL_TRAINING_TEST of the year
  };
  std::map<std::string, Person> people;
  for (const DailyFact& r : records) {
    if (r.person.empty()) continue;
    Person& p = people[r.person];
    if (r.kind == v1::UNABLE_TO_WORK_MONTH && r.date.year <= year) {
      p.unable[MonthIndex(r.date)].push_back(r.name);
    }
    if (r.date.year != year) continue;
    if (r.kind == v1::UNEXCUSED_ABSENCE) {
      p.absence_days += r.days;
      p.absences.push_back(r.name);
    } else if (r.kind == v1::DISCIPLINARY_NOTICE) {
      p.notices.push_back(r.name);
    } else if (r.kind == v1::ANNUAL_TRAINING_TEST) {
      p.tests.push_back(&r);
    }
  }
  std::vector<v1::DismissalFlag> flags;
  auto add = [&](const std::string& person, v1::DismissalTrigger trigger, const char* article,
                 std::string reason, const std::vector<std::string>& behind) {
    v1::DismissalFlag& f = flags.emplace_back();
    f.set_person(person);
    f.set_trigger(trigger);
    f.set_article(article);
    f.set_reason(std::move(reason));
    for (const auto& name : behind) f.add_records(name);
  };
  const double absence_limit = policy.unexcused_absences_per_year();
  const size_t notice_limit = policy.disciplinary_notices_per_year();
  const int months_limit = static_cast<int>(policy.months_unable_to_work());
  const size_t retakes = failed_training_retakes;
  for (const auto& [person, p] : people) {
    if (absence_limit > 0 && (p.absence_days >= absence_limit ||
                              static_cast<double>(p.absences.size()) >= absence_limit)) {
      add(person, v1::UNEXCUSED_ABSENCES, "longquan art. 12(4)",
          absl::StrCat(p.absence_days, " days in ", p.absences.size(),
                       " absences without leave in ", year, "; the policy flags ",
                       policy.unexcused_absences_per_year(), " days or times"),
          p.absences);
    }
    if (notice_limit > 0 && p.notices.size() >= notice_limit) {
      add(person, v1::DISCIPLINARY_NOTICES, "longquan art. 12(5)",
          absl::StrCat(p.notices.size(), " notices of criticism in ", year, "; the policy flags ",
                       notice_limit),
          p.notices);
    }
    if (months_limit > 0) {
      // The longest run of consecutive months that reaches into `year`.
      int best = 0;
      std::vector<std::string> best_records;
      int run = 0, prev = -2;
      std::vector<std::string> run_records;
      for (const auto& [month, names] : p.unable) {
        if (month != prev + 1) {
          run = 0;
          run_records.clear();
        }
        ++run;
        run_records.insert(run_records.end(), names.begin(), names.end());
        prev = month;
        if (month / 12 == year && run > best) {
          best = run;
          best_records = run_records;
        }
      }
      if (best >= months_limit) {
        add(person, v1::MONTHS_UNABLE_TO_WORK, "longquan art. 12(6)",
            absl::StrCat(best, " consecutive months unable to work up to ", year,
                         "; the policy flags ", months_limit, " or more"),
            best_records);
      }
    }
    // The year's tests in date order: the failures before the first pass.
    std::vector<const DailyFact*> tests = p.tests;
    std::sort(tests.begin(), tests.end(), [](const DailyFact* a, const DailyFact* b) {
      return std::tie(a->date, a->name) < std::tie(b->date, b->name);
    });
    std::vector<std::string> failures;
    for (const DailyFact* t : tests) {
      if (t->passed) break;
      failures.push_back(t->name);
    }
    if (retakes > 0 && failures.size() >= retakes + 1) {
      add(person, v1::TRAINING_RETAKE_FAILED, "shanxi art. 24(7)",
          absl::StrCat("the annual training test of ", year, " failed ", failures.size(),
                       " times (", failures.size() - 1,
                       " retakes) without a pass; the policy flags a failure after ", retakes,
                       retakes == 1 ? " retake" : " retakes"),
          failures);
    }
  }
  return flags;
}

std::vector<v1::DismissalFlag> BottomGradeFlags(const policy::v1::Policy& policy, int year,
                                                const std::vector<GradeFact>& ratings) {
  std::vector<v1::DismissalFlag> flags;
  const int run = static_cast<int>(policy.daily_management().consecutive_bottom_grade_years());
  const auto& grades = policy.annual_rating().grades();
  if (run <= 0 || grades.empty()) return flags;
  const std::string& bottom = grades[grades.size() - 1];
  std::map<std::string, std::map<int, const GradeFact*>> by_person;
  for (const GradeFact& r : ratings) by_person[r.person][r.year] = &r;
  for (const auto& [person, years] : by_person) {
    std::vector<std::string> behind;
    for (int y = year - run + 1; y <= year; ++y) {
      auto it = years.find(y);
      if (it == years.end() || it->second->grade != bottom) break;
      behind.push_back(it->second->name);
    }
    if (static_cast<int>(behind.size()) < run) continue;
    v1::DismissalFlag& f = flags.emplace_back();
    f.set_person(person);
    f.set_trigger(v1::CONSECUTIVE_BOTTOM_GRADES);
    f.set_article("template art. 21(1)");
    f.set_reason(absl::StrCat("annual grade ", bottom, " in ", run, " consecutive years up to ",
                              year, "; the policy flags ", run));
    for (const auto& name : behind) f.add_records(name);
  }
  return flags;
}

}  // namespace auxpro::assessment
