// The requirement check's rows of wenjiang 6.1 b) and c) read the attestations grading records
// (RecordAttestation: PROPER_CONDUCT by the bureau): the latest record decides, a withdrawal
// fails the row, and without a record the person record's attestation counts.
#include <gtest/gtest.h>

#include "libs/policy/policy_set.h"
#include "services/grading/check_rules.h"

namespace auxpro::grading {
namespace {

const policy::v1::Policy& Wenjiang() {
  static const policy::PolicySet* set = new policy::PolicySet(*policy::PolicySet::LoadEmbedded());
  return *set->Find("wenjiang");
}

CheckFacts Facts() {
  CheckFacts f;
  f.person = "jurisdictions/wenjiang/persons/p-1";
  f.date.set_year(2026);
  f.date.set_month(12);
  f.date.set_day(2);
  auto& p = f.person_record.value;
  p.set_name(f.person);
  p.mutable_birth_date()->set_year(1988);
  p.mutable_birth_date()->set_month(6);
  p.mutable_birth_date()->set_day(1);
  p.set_education(common::v1::HIGH_SCHOOL);
  p.add_attestations(common::v1::FIT_FOR_POST);
  f.person_record.status = absl::OkStatus();
  return f;
}

v1::RequirementRow RowOf(const v1::RequirementCheck& c, v1::Requirement r) {
  for (const auto& row : c.rows()) {
    if (row.requirement() == r) return row;
  }
  return {};
}

v1::PersonAttestation Record(common::v1::Attestation a, bool attested) {
  v1::PersonAttestation r;
  r.set_name(std::string("jurisdictions/wenjiang/persons/p-1/attestations/") +
             common::v1::Attestation_Name(a));
  r.set_attestation(a);
  r.set_attested(attested);
  r.set_evidence_ref("温江区综合行政执法局日常考核〔2026〕11月");
  r.set_agency("ENFORCEMENT_BUREAU wenjiang-bureau");
  r.mutable_attest_date()->set_year(2026);
  r.mutable_attest_date()->set_month(11);
  r.mutable_attest_date()->set_day(30);
  return r;
}

TEST(GradingAttestationRules, ProperConductUnattestedFailsTheConductRow) {
  const v1::RequirementRow row =
      RowOf(EvaluateRequirements(Wenjiang(), Facts(), 5), v1::BASIC_CONDUCT);
  EXPECT_EQ(row.status(), v1::FAIL);
  EXPECT_NE(row.note().find("PROPER_CONDUCT"), std::string::npos);
}

TEST(GradingAttestationRules, ProperConductRecordedByGradingPassesWithItsSource) {
  CheckFacts f = Facts();
  f.attestations[common::v1::PROPER_CONDUCT] = Record(common::v1::PROPER_CONDUCT, true);
  const v1::RequirementRow row = RowOf(EvaluateRequirements(Wenjiang(), f, 5), v1::BASIC_CONDUCT);
  EXPECT_EQ(row.status(), v1::PASS);
  EXPECT_EQ(row.source_service(), "grading");
  EXPECT_EQ(row.source_record(), "jurisdictions/wenjiang/persons/p-1/attestations/PROPER_CONDUCT");
  EXPECT_NE(row.value().find("2026-11-30"), std::string::npos);
}

TEST(GradingAttestationRules, AWithdrawnAttestationFailsEvenWhenThePersonRecordHasIt) {
  CheckFacts f = Facts();  // FIT_FOR_POST on the person record
  f.attestations[common::v1::FIT_FOR_POST] = Record(common::v1::FIT_FOR_POST, false);
  const v1::RequirementRow row = RowOf(EvaluateRequirements(Wenjiang(), f, 5), v1::BASIC_FITNESS);
  EXPECT_EQ(row.status(), v1::FAIL);
  EXPECT_EQ(row.source_service(), "grading");
}

TEST(GradingAttestationRules, WithoutARecordThePersonRecordsAttestationCounts) {
  const v1::RequirementRow row =
      RowOf(EvaluateRequirements(Wenjiang(), Facts(), 5), v1::BASIC_FITNESS);
  EXPECT_EQ(row.status(), v1::PASS);
  EXPECT_EQ(row.source_service(), "personnel");
}

}  // namespace
}  // namespace auxpro::grading
