// Recruitment findings through the gRPC API against MariaDB: dated background findings and
// attestations recorded on the person, read by CheckRecruitmentEligibility with the article of the
// jurisdiction's preset in the answer; bad finding dates refused naming the field, nothing written.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/call.h"
#include "tests/support/national_id.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = personnel::v1;
using ::testing::HasSubstr;
using testing::MakeNationalId;
using testing::TestServer;

std::string NextRequestId() {
  static std::atomic<int> n{0};
  return absl::StrCat("rec-", absl::ToUnixMicros(absl::Now()), "-", n++);
}

common::v1::Date DaysFromToday(int days) {
  return ToProto(AddDays(FromProto(DateOf(absl::Now())), days));
}

class PersonnelRecruitmentApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(
        std::vector<service::ModuleSpec>{personnel::PersonnelModule()});
  }

  std::unique_ptr<v1::Personnel::Stub> Stub(const std::string& j, const std::string& kind) {
    return v1::Personnel::NewStub(server_->Channel(j, kind));
  }

  int64_t Count(const std::string& sql) { return testing::QueryInt(server_->Db("personnel"), sql); }

  grpc::Status Create(const std::string& j, v1::Person person, int serial, v1::Person* out) {
    v1::CreatePersonRequest r;
    r.set_parent("jurisdictions/" + j);
    person.set_full_name(absl::StrCat("审查人员", serial));
    person.set_national_id(MakeNationalId(1990, 5, 17, serial));
    person.set_education(common::v1::BACHELOR);
    person.set_post_type(v1::FIELD);
    *r.mutable_person() = person;
    r.set_request_id(NextRequestId());
    return testing::Call(*Stub(j, "HR_COMPANY"), &v1::Personnel::Stub::CreatePerson, r, out);
  }

  v1::CheckRecruitmentEligibilityResponse Check(const std::string& j, const v1::Person& p) {
    v1::CheckRecruitmentEligibilityRequest r;
    r.set_name(p.name());
    v1::CheckRecruitmentEligibilityResponse out;
    grpc::Status s = testing::Call(*Stub(j, "ENFORCEMENT_BUREAU"),
                                   &v1::Personnel::Stub::CheckRecruitmentEligibility, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  static std::string ReasonOf(const v1::CheckRecruitmentEligibilityResponse& r,
                              const std::string& condition) {
    for (const auto& f : r.failures()) {
      if (f.condition() == condition) return f.reason();
    }
    return "";
  }

  // A unit, a jurisdiction limit and a signed dispatch agreement in jurisdiction `j`.
  struct District {
    std::string unit, agreement;
  };
  District Ready(const std::string& j) {
    District d;
    auto bureau = Stub(j, "ENFORCEMENT_BUREAU");
    v1::CreateUnitRequest u;
    u.set_parent("jurisdictions/" + j);
    u.set_unit_id("unit-1");
    u.mutable_unit()->set_display_name("一中队");
    u.set_request_id(NextRequestId());
    v1::Unit unit;
    EXPECT_TRUE(testing::Call(*bureau, &v1::Personnel::Stub::CreateUnit, u, &unit).ok());
    d.unit = unit.name();
    v1::SetHeadcountLimitRequest l;
    l.set_parent("jurisdictions/" + j);
    l.set_limit(50);
    l.set_document_ref("编发〔2026〕1号");
    l.set_request_id(NextRequestId());
    v1::HeadcountLimit limit;
    EXPECT_TRUE(testing::Call(*Stub(j, "ESTABLISHMENT_OFFICE"),
                              &v1::Personnel::Stub::SetHeadcountLimit, l, &limit)
                    .ok());
    v1::CreateDispatchAgreementRequest a;
    a.set_parent("jurisdictions/" + j);
    auto* ag = a.mutable_dispatch_agreement();
    ag->set_title("劳务派遣协议");
    ag->add_posts("巡查");
    ag->set_duties("协助巡查");
    ag->set_headcount(50);
    *ag->mutable_start_date() = DaysFromToday(-365);
    *ag->mutable_end_date() = DaysFromToday(365);
    ag->set_monthly_pay_fen(450000);
    a.set_request_id(NextRequestId());
    v1::DispatchAgreement agreement;
    grpc::Status s = testing::Call(*Stub(j, "HR_COMPANY"),
                                   &v1::Personnel::Stub::CreateDispatchAgreement, a, &agreement);
    EXPECT_TRUE(s.ok()) << s.error_message();
    v1::SignDispatchAgreementRequest sign;
    sign.set_name(agreement.name());
    sign.set_request_id(NextRequestId());
    s = testing::Call(*bureau, &v1::Personnel::Stub::SignDispatchAgreement, sign, &agreement);
    EXPECT_TRUE(s.ok()) << s.error_message();
    d.agreement = agreement.name();
    return d;
  }

  grpc::Status Hire(const std::string& j, const v1::Person& p, const District& d, v1::Person* out) {
    v1::HirePersonRequest r;
    r.set_name(p.name());
    r.set_unit(d.unit);
    r.set_dispatch_agreement(d.agreement);
    r.set_request_id(NextRequestId());
    return testing::Call(*Stub(j, "ENFORCEMENT_BUREAU"), &v1::Personnel::Stub::HirePerson, r, out);
  }

  grpc::Status RecordStep(const std::string& j, const v1::Person& p, const std::string& step,
                          int start_days_ago, v1::Person* out) {
    v1::RecordHiringStepRequest r;
    r.set_name(p.name());
    r.mutable_step()->set_step(step);
    if (start_days_ago > 0)
      *r.mutable_step()->mutable_start_date() = DaysFromToday(-start_days_ago);
    *r.mutable_step()->mutable_date() = DaysFromToday(0);
    r.mutable_step()->set_result(v1::HiringStepRecord::PASSED);
    r.mutable_step()->set_evidence_ref("晋招〔2026〕" + step);
    r.set_request_id(NextRequestId());
    return testing::Call(*Stub(j, "ENFORCEMENT_BUREAU"), &v1::Personnel::Stub::RecordHiringStep, r,
                         out);
  }

  std::unique_ptr<TestServer> server_;
};

v1::Person Attested() {
  v1::Person p;
  p.add_attestations(common::v1::FIT_FOR_POST);
  p.add_attestations(common::v1::SPEAKS_MANDARIN);
  p.add_attestations(common::v1::UNDERSTANDS_LOCAL_DIALECT);
  return p;
}

TEST_F(PersonnelRecruitmentApiTest, DatedFindingsAndAttestationsAreKeptOnThePerson) {
  v1::Person in = Attested(), out;
  auto* f = in.add_findings();
  f->set_kind(common::v1::DISCIPLINARY_SANCTION);
  *f->mutable_ended_on() = DaysFromToday(-30);
  f->set_evidence_ref("海纪发〔2024〕3号");
  ASSERT_TRUE(Create("haimen", in, 301, &out).ok());
  ASSERT_EQ(out.findings_size(), 1);
  EXPECT_EQ(out.findings(0).kind(), common::v1::DISCIPLINARY_SANCTION);
  EXPECT_EQ(out.findings(0).evidence_ref(), "海纪发〔2024〕3号");
  EXPECT_EQ(out.attestations_size(), 3);

  v1::GetPersonRequest get;
  get.set_name(out.name());
  v1::Person read;
  ASSERT_TRUE(testing::Call(*Stub("haimen", "ENFORCEMENT_BUREAU"), &v1::Personnel::Stub::GetPerson,
                            get, &read)
                  .ok());
  ASSERT_EQ(read.findings_size(), 1);
  EXPECT_EQ(read.findings(0).ended_on().year(), out.findings(0).ended_on().year());
  EXPECT_EQ(read.attestations_size(), 3);
}

TEST_F(PersonnelRecruitmentApiTest,
       HaimenSanctionLiftedBeforeTheHireDoesNotDisqualifyOneInForceDoes) {
  v1::Person lifted_in = Attested(), in_force_in = Attested(), lifted, in_force;
  auto* a = lifted_in.add_findings();
  a->set_kind(common::v1::DISCIPLINARY_SANCTION);
  *a->mutable_ended_on() = DaysFromToday(-1);
  in_force_in.add_findings()->set_kind(common::v1::DISCIPLINARY_SANCTION);
  ASSERT_TRUE(Create("haimen", lifted_in, 311, &lifted).ok());
  ASSERT_TRUE(Create("haimen", in_force_in, 312, &in_force).ok());
  auto ok = Check("haimen", lifted);
  EXPECT_TRUE(ok.eligible()) << (ok.failures().empty() ? "" : ok.failures(0).reason());
  auto refused = Check("haimen", in_force);
  EXPECT_FALSE(refused.eligible());
  EXPECT_THAT(ReasonOf(refused, "disqualifier.disciplinary_sanction"),
              HasSubstr("haimen annex 2 item 六"));
}

TEST_F(PersonnelRecruitmentApiTest, HaimenNationalityCitesAnnex2Item2) {
  v1::Person in = Attested(), p;
  in.add_background_findings(common::v1::NOT_CHINESE_NATIONAL);
  ASSERT_TRUE(Create("haimen", in, 321, &p).ok());
  auto r = Check("haimen", p);
  EXPECT_FALSE(r.eligible());
  EXPECT_THAT(ReasonOf(r, "disqualifier.not_chinese_national"),
              HasSubstr("haimen annex 2 item 二"));
}

TEST_F(PersonnelRecruitmentApiTest, AFindingEndingInTheFutureIsRefusedNamingTheField) {
  const int64_t before = Count("SELECT COUNT(*) FROM persons");
  v1::Person in = Attested(), out;
  auto* f = in.add_findings();
  f->set_kind(common::v1::CRIMINAL_RECORD);
  *f->mutable_ended_on() = DaysFromToday(1);
  grpc::Status s = Create("haimen", in, 331, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("person.findings[0].ended_on"));
  EXPECT_THAT(s.error_message(), HasSubstr("in the future"));

  v1::Person no_kind = Attested();
  no_kind.add_findings()->set_evidence_ref("x");
  s = Create("haimen", no_kind, 332, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("person.findings[0].kind"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), before);
}

TEST_F(PersonnelRecruitmentApiTest, UpdatingFindingsToAFutureDateLeavesTheRecordUnchanged) {
  v1::Person p;
  ASSERT_TRUE(Create("wenjiang", Attested(), 341, &p).ok());
  v1::UpdatePersonRequest r;
  *r.mutable_person() = p;
  auto* f = r.mutable_person()->add_findings();
  f->set_kind(common::v1::CRIMINAL_RECORD);
  *f->mutable_ended_on() = ToProto(CivilDate{2099, 1, 1});
  r.mutable_update_mask()->add_paths("findings");
  r.set_request_id(NextRequestId());
  v1::Person out;
  grpc::Status s =
      testing::Call(*Stub("wenjiang", "HR_COMPANY"), &v1::Personnel::Stub::UpdatePerson, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("person.findings[0].ended_on"));
  EXPECT_EQ(Count(absl::StrCat("SELECT version FROM persons WHERE id = '",
                               p.name().substr(p.name().rfind('/') + 1), "'")),
            std::stoll(p.etag()));
}

TEST_F(PersonnelRecruitmentApiTest, HaimenHireIsRefusedUntilEveryHiringStepHasPassed) {
  District d = Ready("haimen");
  v1::Person p, out;
  ASSERT_TRUE(Create("haimen", Attested(), 351, &p).ok());
  ASSERT_TRUE(RecordStep("haimen", p, "town_recruitment_procedure", 0, &out).ok());
  EXPECT_EQ(out.hiring_steps_size(), 1);
  grpc::Status s = Hire("haimen", p, d, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("district_pre_job_training"));
  EXPECT_THAT(s.error_message(), HasSubstr("haimen 三(一)3"));
  EXPECT_THAT(s.error_message(), HasSubstr("district_bureau_filing"));
  EXPECT_THAT(s.error_message(), ::testing::Not(HasSubstr("town_recruitment_procedure")));

  // 三(一)3: a candidate who fails the training is not hired.
  v1::RecordHiringStepRequest failed;
  failed.set_name(p.name());
  failed.mutable_step()->set_step("district_pre_job_training");
  *failed.mutable_step()->mutable_date() = DaysFromToday(0);
  failed.mutable_step()->set_result(v1::HiringStepRecord::FAILED);
  failed.mutable_step()->set_evidence_ref("培训成绩单");
  failed.set_request_id(NextRequestId());
  ASSERT_TRUE(testing::Call(*Stub("haimen", "ENFORCEMENT_BUREAU"),
                            &v1::Personnel::Stub::RecordHiringStep, failed, &out)
                  .ok());
  ASSERT_TRUE(RecordStep("haimen", p, "district_bureau_filing", 0, &out).ok());
  s = Hire("haimen", p, d, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("was FAILED"));

  // The retake passes: the hire goes through.
  ASSERT_TRUE(RecordStep("haimen", p, "district_pre_job_training", 0, &out).ok());
  EXPECT_EQ(out.hiring_steps_size(), 3);
  v1::Person hired;
  s = Hire("haimen", p, d, &hired);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(hired.state(), v1::PROBATION);

  // Once hired, steps are no longer recorded.
  s = RecordStep("haimen", p, "district_bureau_filing", 0, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(PersonnelRecruitmentApiTest, AStepThePolicyDoesNotListIsRefusedNamingTheField) {
  v1::Person p, out;
  ASSERT_TRUE(Create("haimen", Attested(), 361, &p).ok());
  grpc::Status s = RecordStep("haimen", p, "lottery", 0, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("step.step"));
  EXPECT_THAT(s.error_message(), HasSubstr("town_recruitment_procedure"));
  // Wenjiang lists no procedure: nothing to record.
  ASSERT_TRUE(Create("wenjiang", Attested(), 362, &p).ok());
  s = RecordStep("wenjiang", p, "medical", 0, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(PersonnelRecruitmentApiTest, ACandidateWithoutAFitnessFindingIsNamedInTheCheck) {
  v1::Person p;
  ASSERT_TRUE(Create("haimen", v1::Person(), 371, &p).ok());
  auto r = Check("haimen", p);
  EXPECT_FALSE(r.eligible());
  std::set<std::string> conditions;
  for (const auto& f : r.failures()) conditions.insert(f.condition());
  EXPECT_EQ(conditions, (std::set<std::string>{"attestation.fit_for_post"}));
  EXPECT_THAT(ReasonOf(r, "attestation.fit_for_post"), HasSubstr("haimen annex 2 item 五"));
}

TEST_F(PersonnelRecruitmentApiTest, PublicRosterShowsExactlyTheDisplayedFieldsOfTheUnit) {
  District d = Ready("wenjiang");
  v1::Person in = Attested(), p, hired, candidate;
  in.set_photo_ref("photos/401.jpg");
  in.set_duty_area("柳城街道");
  ASSERT_TRUE(Create("wenjiang", in, 401, &p).ok());
  ASSERT_TRUE(Create("wenjiang", Attested(), 402, &candidate).ok());
  grpc::Status s = Hire("wenjiang", p, d, &hired);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::GetPublicRosterRequest r;
  r.set_unit(d.unit);
  v1::PublicRoster roster;
  s = testing::Call(*Stub("wenjiang", "ENFORCEMENT_BUREAU"), &v1::Personnel::Stub::GetPublicRoster,
                    r, &roster);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(roster.unit(), d.unit);
  ASSERT_EQ(roster.entries_size(), 1);  // the candidate is not on it
  EXPECT_EQ(roster.entries(0).full_name(), p.full_name());
  EXPECT_EQ(roster.entries(0).photo_ref(), "photos/401.jpg");
  EXPECT_EQ(roster.entries(0).duty_area(), "柳城街道");

  r.set_unit("jurisdictions/wenjiang/units/nowhere");
  s = testing::Call(*Stub("wenjiang", "ENFORCEMENT_BUREAU"), &v1::Personnel::Stub::GetPublicRoster,
                    r, &roster);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(PersonnelRecruitmentApiTest, FutureDatesAreRefusedWhereTheRuleNeedsThePast) {
  const int64_t before = Count("SELECT COUNT(*) FROM persons");
  v1::Person out, in = Attested();
  v1::CreatePersonRequest r;
  r.set_parent("jurisdictions/wenjiang");
  in.set_full_name("未来人");
  in.set_national_id(MakeNationalId(2030, 1, 1, 501));
  in.set_education(common::v1::HIGH_SCHOOL);
  in.set_post_type(v1::FIELD);
  *r.mutable_person() = in;
  r.set_request_id(NextRequestId());
  grpc::Status s =
      testing::Call(*Stub("wenjiang", "HR_COMPANY"), &v1::Personnel::Stub::CreatePerson, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("person.national_id"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), before);

  // Pre-job training dated 2099 is not a record of training.
  v1::Person p;
  ASSERT_TRUE(Create("wenjiang", Attested(), 502, &p).ok());
  v1::RecordTrainingRequest t;
  t.set_parent(p.name());
  t.mutable_training_record()->set_kind(v1::PRE_JOB);
  *t.mutable_training_record()->mutable_start_date() = ToProto(CivilDate{2099, 1, 1});
  t.mutable_training_record()->set_days(15);
  t.mutable_training_record()->set_passed(true);
  t.set_request_id(NextRequestId());
  v1::TrainingRecord rec;
  s = testing::Call(*Stub("wenjiang", "ENFORCEMENT_BUREAU"), &v1::Personnel::Stub::RecordTraining,
                    t, &rec);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("training_record.start_date"));
}

grpc::Status HireDirect(TestServer& server, const std::string& j, const v1::Person& p,
                        const std::string& unit, const std::string& agreement, v1::Person* out) {
  v1::HirePersonRequest r;
  r.set_name(p.name());
  r.set_unit(unit);
  r.set_dispatch_agreement(agreement);
  r.set_direct(true);
  r.set_request_id(NextRequestId());
  auto stub = v1::Personnel::NewStub(server.Channel(j, "ENFORCEMENT_BUREAU"));
  return testing::Call(*stub, &v1::Personnel::Stub::HirePerson, r, out);
}

TEST_F(PersonnelRecruitmentApiTest, WenjiangDirectHireHasNoAgreementAndCountsAgainstTheLimit) {
  District d = Ready("wenjiang");
  v1::Person a, b, c, hired;
  ASSERT_TRUE(Create("wenjiang", Attested(), 601, &a).ok());
  ASSERT_TRUE(Create("wenjiang", Attested(), 602, &b).ok());
  ASSERT_TRUE(Create("wenjiang", Attested(), 603, &c).ok());
  grpc::Status s = HireDirect(*server_, "wenjiang", a, d.unit, "", &hired);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(hired.state(), v1::PROBATION);
  EXPECT_EQ(hired.employment_kind(), v1::DIRECT);
  EXPECT_TRUE(hired.dispatch_agreement().empty());

  // A direct hire with an agreement named is a malformed request.
  s = HireDirect(*server_, "wenjiang", b, d.unit, d.agreement, &hired);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("dispatch_agreement"));

  ASSERT_TRUE(Hire("wenjiang", b, d, &hired).ok());
  EXPECT_EQ(hired.employment_kind(), v1::DISPATCHED);

  // Head-count counts both: a unit limit of 2 is full with one direct and one dispatched hire.
  v1::SetHeadcountLimitRequest l;
  l.set_parent("jurisdictions/wenjiang");
  l.set_unit(d.unit);
  l.set_limit(2);
  l.set_document_ref("温编发〔2026〕2号");
  l.set_request_id(NextRequestId());
  v1::HeadcountLimit limit;
  ASSERT_TRUE(testing::Call(*Stub("wenjiang", "ESTABLISHMENT_OFFICE"),
                            &v1::Personnel::Stub::SetHeadcountLimit, l, &limit)
                  .ok());
  s = HireDirect(*server_, "wenjiang", c, d.unit, "", &hired);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("head-count"));
}

TEST_F(PersonnelRecruitmentApiTest, HaimenDoesNotAllowDirectHires) {
  District d = Ready("haimen");
  v1::Person p, hired;
  ASSERT_TRUE(Create("haimen", Attested(), 611, &p).ok());
  grpc::Status s = HireDirect(*server_, "haimen", p, d.unit, "", &hired);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("direct_employment_allowed"));
}

}  // namespace
}  // namespace auxpro
