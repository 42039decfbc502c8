#include "services/grading/check_rules.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "libs/common/calendar.h"
#include "libs/common/digest.h"
#include "libs/common/errors.h"

namespace auxpro::grading {

namespace {

using v1::RequirementRow;
using v1::RowStatus;

struct Rows {
  v1::RequirementCheck* check;
  RequirementRow* Add(v1::Requirement r, const std::string& article, const std::string& required,
                      const std::string& service, const std::string& record) {
    RequirementRow* row = check->add_rows();
    row->set_requirement(r);
    row->set_article(article);
    row->set_required(required);
    row->set_source_service(service);
    row->set_source_record(record);
    return row;
  }
};

void Set(RequirementRow* row, bool pass, const std::string& value, const std::string& note = "") {
  row->set_value(value);
  row->set_status(pass ? v1::PASS : v1::FAIL);
  if (!pass) row->set_note(note);
}

void Unavailable(RequirementRow* row, const absl::Status& status, const std::string& service) {
  row->set_status(v1::UNAVAILABLE);
  row->set_note(absl::StrCat(service, " service did not answer: ", status.message()));
}

std::string EducationName(common::v1::Education e) { return common::v1::Education_Name(e); }
std::string MandarinName(common::v1::MandarinLevel m) { return common::v1::MandarinLevel_Name(m); }

bool HasAttestation(const personnel::v1::Person& p, common::v1::Attestation a) {
  for (int x : p.attestations()) {
    if (x == a) return true;
  }
  return false;
}

// The person's findings among `kinds`: in force only, or also those ended.
std::vector<std::string> FindingsAmong(const personnel::v1::Person& p,
                                       const google::protobuf::RepeatedField<int>& kinds,
                                       bool include_ended) {
  std::set<int> wanted(kinds.begin(), kinds.end());
  std::set<std::string> found;
  for (int k : p.background_findings()) {
    if (wanted.contains(k)) {
      found.insert(common::v1::Disqualifier_Name(static_cast<common::v1::Disqualifier>(k)));
    }
  }
  for (const auto& f : p.findings()) {
    if (wanted.contains(f.kind()) && (include_ended || IsUnset(f.ended_on()))) {
      found.insert(common::v1::Disqualifier_Name(f.kind()));
    }
  }
  return {found.begin(), found.end()};
}

std::string KindsText(const google::protobuf::RepeatedField<int>& kinds) {
  std::vector<std::string> names;
  for (int k : kinds) {
    names.push_back(common::v1::Disqualifier_Name(static_cast<common::v1::Disqualifier>(k)));
  }
  return absl::StrCat("none of ", absl::StrJoin(names, ", "));
}

void PersonnelRows(const policy::v1::Grading& g, const policy::v1::LevelRequirement& req,
                   const CheckFacts& f, Rows& rows) {
  const std::string& basic = g.basic_article();
  const std::string& table = g.table_article();
  const std::string rec = f.person;
  std::vector<RequirementRow*> added;
  auto add = [&](v1::Requirement r, const std::string& article, const std::string& required) {
    added.push_back(rows.Add(r, article, required, "personnel", rec));
    return added.back();
  };
  RequirementRow* integrity =
      add(v1::BASIC_INTEGRITY, basic + " a)", KindsText(g.integrity_findings()));
  RequirementRow* fitness =
      add(v1::BASIC_FITNESS, basic + " b)", common::v1::Attestation_Name(g.fitness_attestation()));
  RequirementRow* conduct =
      add(v1::BASIC_CONDUCT, basic + " c)", common::v1::Attestation_Name(g.conduct_attestation()));
  RequirementRow* violation =
      add(v1::BASIC_NO_VIOLATION, basic + " d)", KindsText(g.violation_findings()));
  RequirementRow* age =
      add(v1::AGE, table, req.max_age() > 0 ? absl::StrCat("<= ", req.max_age()) : "—");
  RequirementRow* education =
      add(v1::EDUCATION, table, absl::StrCat(">= ", EducationName(req.min_education())));
  RequirementRow* mandarin =
      add(v1::MANDARIN, table,
          req.min_mandarin() <= common::v1::MANDARIN_NONE
              ? "basic working use (SPEAKS_MANDARIN or a certificate)"
              : absl::StrCat("certificate >= ", MandarinName(req.min_mandarin())));
  RequirementRow* english = add(v1::ENGLISH, table, req.basic_english() ? "basic English" : "—");
  RequirementRow* devices =
      add(v1::DEVICES_AND_VEHICLES, table, req.smart_device_skill() ? "skilled" : "—");
  if (!f.person_record.ok()) {
    for (RequirementRow* row : added) Unavailable(row, f.person_record.status, "personnel");
    return;
  }
  const personnel::v1::Person& p = f.person_record.value;
  auto none_of = [](RequirementRow* row, const std::vector<std::string>& found) {
    Set(row, found.empty(), found.empty() ? "no such finding" : absl::StrJoin(found, ", "),
        absl::StrCat("finding on record: ", absl::StrJoin(found, ", ")));
  };
  none_of(integrity, FindingsAmong(p, g.integrity_findings(), /*include_ended=*/false));
  none_of(violation, FindingsAmong(p, g.violation_findings(), /*include_ended=*/true));
  auto attested = [&](RequirementRow* row, common::v1::Attestation a) {
    if (a == common::v1::ATTESTATION_UNSPECIFIED) {
      row->set_status(v1::NOT_REQUIRED);
      return;
    }
    // The latest record grading keeps (RecordAttestation, e.g. PROPER_CONDUCT by the bureau)
    // decides, a withdrawal included; without one, the person record's attestation counts.
    auto recorded = f.attestations.find(static_cast<int>(a));
    if (recorded != f.attestations.end()) {
      const v1::PersonAttestation& r = recorded->second;
      row->set_source_service("grading");
      row->set_source_record(r.name());
      const std::string what = absl::StrCat(r.attested() ? "attested" : "withdrawn", " by ",
                                            r.agency(), " on ", DateToSql(r.attest_date()), " (",
                                            r.evidence_ref(), ")");
      Set(row, r.attested(), what,
          absl::StrCat("the attestation ", common::v1::Attestation_Name(a), " was ", what));
      return;
    }
    const bool has = HasAttestation(p, a);
    Set(row, has, has ? "attested" : "not attested",
        absl::StrCat("neither grading nor the person record holds the attestation ",
                     common::v1::Attestation_Name(a)));
  };
  attested(fitness, g.fitness_attestation());
  attested(conduct, g.conduct_attestation());
  if (req.max_age() > 0) {
    const int years = AgeOn(FromProto(p.birth_date()), FromProto(f.date));
    Set(age, years <= req.max_age(), absl::StrCat(years, " years on ", DateToSql(f.date)),
        absl::StrCat("age ", years, " is above the maximum ", req.max_age()));
  } else {
    age->set_status(v1::NOT_REQUIRED);
  }
  Set(education, p.education() >= req.min_education(), EducationName(p.education()),
      absl::StrCat(EducationName(p.education()), " is below ", EducationName(req.min_education())));
  if (req.min_mandarin() <= common::v1::MANDARIN_NONE) {
    const bool ok = p.mandarin_level() >= common::v1::LEVEL_3B ||
                    HasAttestation(p, common::v1::SPEAKS_MANDARIN);
    Set(mandarin, ok,
        p.mandarin_level() >= common::v1::LEVEL_3B
            ? MandarinName(p.mandarin_level())
            : (ok ? "SPEAKS_MANDARIN attested" : "no certificate, not attested"),
        "neither a Putonghua certificate nor the SPEAKS_MANDARIN attestation");
  } else {
    Set(mandarin, p.mandarin_level() >= req.min_mandarin(), MandarinName(p.mandarin_level()),
        absl::StrCat(MandarinName(p.mandarin_level()), " is below ",
                     MandarinName(req.min_mandarin())));
  }
  if (req.basic_english()) {
    Set(english, p.basic_english(), p.basic_english() ? "yes" : "no", "no basic English");
  } else {
    english->set_status(v1::NOT_REQUIRED);
    english->set_value(p.basic_english() ? "yes" : "no");
  }
  if (req.smart_device_skill()) {
    Set(devices, p.smart_device_skill(), p.smart_device_skill() ? "skilled" : "not recorded",
        "the person record does not show the smart-device and vehicle skill");
  } else {
    devices->set_status(v1::NOT_REQUIRED);
  }
}

void AssessmentRows(const policy::v1::Grading& g, const policy::v1::LevelRequirement& req,
                    const CheckFacts& f, Rows& rows) {
  const std::string record = absl::StrCat(f.person, "/assessmentStanding");
  RequirementRow* exam = rows.Add(v1::PROFESSIONAL_EXAM, g.table_article(),
                                  absl::StrCat(">= ", req.exam_min_score()), "assessment", record);
  RequirementRow* result =
      rows.Add(v1::ASSESSMENT_RESULT, g.table_article(),
               req.assessment_competent() ? "competent" : "—", "assessment", record);
  if (!f.standing.ok()) {
    Unavailable(exam, f.standing.status, "assessment");
    Unavailable(result, f.standing.status, "assessment");
    return;
  }
  const assessment::v1::AssessmentStanding& s = f.standing.value;
  if (s.latest_exam_result().empty()) {
    exam->set_status(v1::INSUFFICIENT);
    exam->set_note("no professional exam recorded");
  } else {
    exam->set_source_record(s.latest_exam_result());
    Set(exam, s.latest_exam_score() >= static_cast<int>(req.exam_min_score()),
        absl::StrCat(s.latest_exam_score()),
        absl::StrCat("exam score ", s.latest_exam_score(), " is below ", req.exam_min_score()));
  }
  if (!s.last_annual_rating().empty()) result->set_source_record(s.last_annual_rating());
  const std::string value =
      s.last_annual_grade().empty()
          ? ""
          : absl::StrCat(s.last_annual_grade(), " (", s.last_annual_year(), ")");
  if (!req.assessment_competent()) {
    result->set_status(v1::NOT_REQUIRED);
    result->set_value(value);
  } else if (s.last_annual_grade().empty()) {
    result->set_status(v1::INSUFFICIENT);
    result->set_note(s.competent_reason().empty() ? "no final annual rating"
                                                  : s.competent_reason());
  } else {
    Set(result, s.competent(), value, s.competent_reason());
  }
}

void SurveyRow(const policy::v1::Grading& g, const policy::v1::LevelRequirement& req,
               const CheckFacts& f, Rows& rows) {
  const uint32_t min = req.min_satisfaction_percent();
  RequirementRow* row =
      rows.Add(v1::SATISFACTION, g.table_article(), min > 0 ? absl::StrCat(">= ", min, " %") : "—",
               "survey", absl::StrCat(f.person, "/satisfactionRate"));
  if (min == 0) {
    row->set_status(v1::NOT_REQUIRED);
    return;
  }
  if (!f.satisfaction.ok()) return Unavailable(row, f.satisfaction.status, "survey");
  const survey::v1::SatisfactionRate& r = f.satisfaction.value;
  if (r.insufficient()) {
    row->set_value(absl::StrCat(r.response_count(), " responses"));
    row->set_status(v1::INSUFFICIENT);
    row->set_note(absl::StrCat(r.response_count(), " responses, below the minimum sample of ",
                               r.min_responses()));
    return;
  }
  const std::string value =
      absl::StrFormat("%.1f %% of %d responses", r.rate_percent(), r.response_count());
  Set(row, r.rate_percent() >= min, value,
      absl::StrFormat("satisfaction %.1f %% is below %d %%", r.rate_percent(), min));
}

void PointsRow(const policy::v1::Grading& g, const policy::v1::LevelRequirement& req,
               const CheckFacts& f, int target, Rows& rows) {
  const bool required = target != g.entry_level() && req.min_level_points() > 0;
  RequirementRow* row = rows.Add(
      v1::LEVEL_POINTS, g.table_article(),
      required ? absl::StrCat(">= ", req.min_level_points(), " at level ", f.current_level) : "—",
      "points", absl::StrCat(f.person, "/pointBalance"));
  if (!required) {
    row->set_status(v1::NOT_REQUIRED);
    return;
  }
  if (!f.balance.ok()) return Unavailable(row, f.balance.status, "points");
  const points::v1::PointBalance& b = f.balance.value;
  row->set_value(absl::StrCat(b.level_points(), " at level ", b.level(), " since ",
                              DateToSql(b.level_period_start())));
  if (b.level() != f.current_level) {
    row->set_status(v1::INSUFFICIENT);
    row->set_note(absl::StrCat("the points service's level period is at level ", b.level(),
                               ", not the current level ", f.current_level,
                               " (the level change is still being delivered)"));
    return;
  }
  Set(row, b.level_points() >= req.min_level_points(), row->value(),
      absl::StrCat("level points ", b.level_points(), " at level ", f.current_level, " < ",
                   req.min_level_points()));
}

}  // namespace

absl::StatusOr<const policy::v1::LevelRequirement*> LevelOf(const policy::v1::Grading& grading,
                                                            int level) {
  for (const auto& l : grading.levels()) {
    if (l.level() == level) return &l;
  }
  return Precondition(absl::StrCat("grading: the policy has no level ", level));
}

int NextLevel(const policy::v1::Grading& grading, int current) {
  if (current <= 0) return grading.entry_level();
  return current - 1;  // 5 lowest .. 1 highest
}

absl::Status CheckOneLevelAtATime(const policy::v1::Grading& grading, const std::string& person,
                                  int current, int target) {
  const int next = NextLevel(grading, current);
  if (target == next && next >= 1) return absl::OkStatus();
  const std::string why =
      next < 1 ? absl::StrCat("person ", person, " is at the top level ", current)
               : absl::StrCat("person ", person, " at level ", current, " may apply for level ",
                              next, " only (one level at a time, wenjiang 8.5)");
  return WithErrorInfo(Precondition(absl::StrCat("target_level ", target, ": ", why)),
                       "ONE_LEVEL_AT_A_TIME",
                       {{"person", person},
                        {"current_level", absl::StrCat(current)},
                        {"target_level", absl::StrCat(target)},
                        {"next_level", absl::StrCat(next)}});
}

v1::RequirementCheck EvaluateRequirements(const policy::v1::Policy& policy, const CheckFacts& facts,
                                          int target) {
  v1::RequirementCheck check;
  check.set_person(facts.person);
  check.set_current_level(facts.current_level);
  check.set_target_level(target);
  *check.mutable_check_date() = facts.date;
  check.set_policy_version(PolicyVersion(policy));
  const policy::v1::Grading& g = policy.grading();
  auto req = LevelOf(g, target);
  if (!req.ok()) return check;  // no rows: does not pass
  Rows rows{&check};
  PersonnelRows(g, **req, facts, rows);
  AssessmentRows(g, **req, facts, rows);
  SurveyRow(g, **req, facts, rows);
  PointsRow(g, **req, facts, target, rows);
  bool passed = true;
  for (const auto& row : check.rows()) {
    passed = passed && (row.status() == v1::PASS || row.status() == v1::NOT_REQUIRED);
  }
  check.set_passed(passed);
  return check;
}

absl::Status RequirePassed(const v1::RequirementCheck& check) {
  if (check.passed()) return absl::OkStatus();
  std::vector<std::string> failing, unavailable, parts;
  for (const auto& row : check.rows()) {
    if (row.status() == v1::PASS || row.status() == v1::NOT_REQUIRED) continue;
    const std::string name = v1::Requirement_Name(row.requirement());
    (row.status() == v1::UNAVAILABLE ? unavailable : failing).push_back(name);
    parts.push_back(absl::StrCat(name, " ", v1::RowStatus_Name(row.status()),
                                 row.note().empty() ? "" : ": ", row.note()));
  }
  if (check.rows().empty()) parts.push_back("the policy has no such level");
  return WithErrorInfo(
      Precondition(absl::StrCat("requirements for level ", check.target_level(), " not met by ",
                                check.person(), ": ", absl::StrJoin(parts, "; "))),
      "REQUIREMENTS_NOT_MET",
      {{"failing", absl::StrJoin(failing, ",")}, {"unavailable", absl::StrJoin(unavailable, ",")}});
}

std::string PolicyVersion(const policy::v1::Policy& policy) {
  return Sha256Hex(DeterministicBytes(policy)).substr(0, 16);
}

}  // namespace auxpro::grading
