// Publication within the unit (longquan art. 13(4)), the annual registration form (longquan
// annex 2, art. 13(2)) and the monthly performance-pay sheet (longquan art. 17) through the gRPC
// API, over mTLS, against a real MariaDB, with personnel co-located.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"
#include "libs/db/transaction.h"
#include "tests/support/assessment_district.h"

namespace auxpro {
namespace {

using testing::Call;
using ::testing::HasSubstr;
using testing::assessment_district::AStub;
using testing::assessment_district::PStub;
using testing::assessment_district::Reason;
using testing::assessment_district::ThisYear;
namespace v1 = testing::assessment_district::v1;
namespace pv1 = testing::assessment_district::pv1;
using testing::assessment_district::Unit;

class PublicationApiTest : public testing::assessment_district::AssessmentDistrictTest {
 protected:
  CivilDate Today() { return FromProto(DateOf(absl::Now())); }

  grpc::Status Publish(const std::string& j, const pv1::Unit& unit, v1::Publication::Kind kind,
                       int year, int month, std::optional<CivilDate> end, v1::Publication* out) {
    v1::PublishResultsRequest r;
    r.set_parent(absl::StrCat("jurisdictions/", j));
    r.mutable_publication()->set_kind(kind);
    r.mutable_publication()->set_unit(unit.name());
    r.mutable_publication()->set_year(year);
    r.mutable_publication()->set_month(month);
    if (end) *r.mutable_publication()->mutable_end_date() = ToProto(*end);
    return Call(*Assess(j, "ENFORCEMENT_BUREAU"), &AStub::PublishResults, r, out);
  }

  grpc::Status Object(const std::string& kind, const v1::Publication& p, const pv1::Person& person,
                      const pv1::Person& raised_by, v1::Objection* out) {
    v1::RecordObjectionRequest r;
    r.set_parent(p.name());
    r.mutable_objection()->set_person(person.name());
    r.mutable_objection()->set_raised_by(raised_by.name());
    r.mutable_objection()->set_statement("本人全年无违纪，拟定等次偏低");
    return Call(*Assess("longquan", kind), &AStub::RecordObjection, r, out);
  }

  grpc::Status Answer(const std::string& kind, const std::string& name, const std::string& answer,
                      v1::Objection* out) {
    v1::AnswerObjectionRequest r;
    r.set_name(name);
    r.set_answer(answer);
    r.set_result_kept(true);
    return Call(*Assess("longquan", kind), &AStub::AnswerObjection, r, out);
  }
};

TEST_F(PublicationApiTest,
       PublicationLongquanArt13_4_AnOpenObjectionToAPublishedGradeBlocksTheFinalizeUntilAnswered) {
  Unit u = HiredUnit("longquan", "lq1", 4);
  Unit other = HiredUnit("longquan", "lq2", 1);
  const int year = ThisYear() - 1;
  ASSERT_TRUE(Propose("longquan", u.persons[0], year, "GOOD").ok());
  for (int i = 1; i < 4; ++i) ASSERT_TRUE(Propose("longquan", u.persons[i], year, "GOOD").ok());

  v1::Publication pub;
  // The regulation names no length: the bureau states the period's last day.
  grpc::Status s = Publish("longquan", u.unit, v1::Publication::PROPOSED_ANNUAL_GRADES, year, 0,
                           std::nullopt, &pub);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("publication.end_date"));
  s = Publish("longquan", u.unit, v1::Publication::PROPOSED_ANNUAL_GRADES, year, 0,
              AddDays(Today(), 5), &pub);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(pub.entries_size(), 4);
  EXPECT_EQ(pub.entries(0).result(), "GOOD");
  EXPECT_FALSE(pub.entries(0).full_name().empty());
  EXPECT_TRUE(pub.in_period());
  EXPECT_EQ(FromProto(pub.start_date()), Today());
  EXPECT_THAT(pub.period_basis(), HasSubstr("longquan art. 13(4)"));

  // What the unit reads: its publications within their period, also for the HR company.
  v1::ListPublicationsRequest list;
  list.set_parent("jurisdictions/longquan");
  list.set_filter(absl::StrCat("unit=", u.unit.name(), " AND in_period=true"));
  v1::ListPublicationsResponse listed;
  s = Call(*Assess("longquan", "HR_COMPANY"), &AStub::ListPublications, list, &listed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(listed.publications_size(), 1);
  EXPECT_EQ(listed.publications(0).name(), pub.name());
  list.set_filter(absl::StrCat("unit=", other.unit.name()));
  s = Call(*Assess("longquan", "HR_COMPANY"), &AStub::ListPublications, list, &listed);
  EXPECT_EQ(listed.publications_size(), 0);

  // Raised within the unit only; on a published entry only.
  v1::Objection objection;
  s = Object("ENFORCEMENT_BUREAU", pub, u.persons[0], other.persons[0], &objection);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "RAISED_OUTSIDE_UNIT");
  s = Object("ENFORCEMENT_BUREAU", pub, other.persons[0], u.persons[0], &objection);
  EXPECT_EQ(Reason(s), "NOT_IN_PUBLICATION");
  s = Object("ASSESSOR", pub, u.persons[0], u.persons[0], &objection);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM objections"), 0);
  // The person concerned raises it through the HR company.
  s = Object("HR_COMPANY", pub, u.persons[0], u.persons[0], &objection);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(objection.state(), v1::Objection::OPEN);
  EXPECT_EQ(objection.recorded_by(), "test-actor");

  v1::RatingYear finalized;
  s = Finalize("longquan", u.unit, year, &finalized);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "OPEN_OBJECTION");
  EXPECT_EQ(rpc::ErrorInfoOf(s)->metadata.at("objection"), objection.name());
  EXPECT_THAT(s.error_message(), HasSubstr(objection.name()));
  EXPECT_EQ(Events("points"), 0);

  // Answered by the bureau, with reasons.
  v1::Objection answered;
  s = Answer("HR_COMPANY", objection.name(), "经复核维持", &answered);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  s = Answer("ENFORCEMENT_BUREAU", objection.name(), "  ", &answered);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Answer("ENFORCEMENT_BUREAU", objection.name(), "经复核，考勤记录有两次迟到，维持良好等次",
             &answered);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(answered.state(), v1::Objection::ANSWERED);
  EXPECT_TRUE(answered.result_kept());
  EXPECT_EQ(answered.answered_by(), "test-actor");
  s = Answer("ENFORCEMENT_BUREAU", objection.name(), "again", &answered);
  EXPECT_EQ(Reason(s), "OBJECTION_ANSWERED");

  v1::GetPublicationRequest get;
  get.set_name(pub.name());
  s = Call(*Assess("longquan", "ESTABLISHMENT_OFFICE"), &AStub::GetPublication, get, &pub);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(pub.open_objections(), 0);
  v1::ListObjectionsRequest lo;
  lo.set_parent(pub.name());
  v1::ListObjectionsResponse objections;
  s = Call(*Assess("longquan", "HR_COMPANY"), &AStub::ListObjections, lo, &objections);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(objections.objections_size(), 1);
  EXPECT_EQ(objections.objections(0).answer(), "经复核，考勤记录有两次迟到，维持良好等次");

  s = Finalize("longquan", u.unit, year, &finalized);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // A finalized year publishes no more proposals.
  s = Publish("longquan", u.unit, v1::Publication::PROPOSED_ANNUAL_GRADES, year, 0,
              AddDays(Today(), 5), &pub);
  EXPECT_EQ(Reason(s), "YEAR_FINALIZED");
}

TEST_F(PublicationApiTest, PublicationLongquanArt13_4_AnObjectionAfterThePeriodIsRefused) {
  Unit u = HiredUnit("longquan", "lq3", 2);
  const int year = ThisYear() - 1;
  ASSERT_TRUE(Propose("longquan", u.persons[0], year, "FAIR").ok());
  v1::Publication pub;
  ASSERT_TRUE(Publish("longquan", u.unit, v1::Publication::PROPOSED_ANNUAL_GRADES, year, 0, Today(),
                      &pub)
                  .ok());
  // The period ended yesterday (moved back in the database: the clock cannot be).
  ASSERT_TRUE(server_->Db("assessment")
                  .Transact([](db::Transaction& tx) {
                    return tx
                        .Exec("UPDATE publications SET start_date = start_date - INTERVAL 3 DAY, "
                              "end_date = end_date - INTERVAL 1 DAY",
                              {})
                        .status();
                  })
                  .ok());
  v1::Objection objection;
  grpc::Status s = Object("ENFORCEMENT_BUREAU", pub, u.persons[0], u.persons[1], &objection);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "PUBLICATION_PERIOD_OVER");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM objections"), 0);
  v1::RatingYear finalized;
  EXPECT_TRUE(Finalize("longquan", u.unit, year, &finalized).ok());
}

TEST_F(PublicationApiTest, PublicationLongquanArt13_4_TheMonthsResultsOfTheUnit) {
  Unit u = HiredUnit("longquan", "lq4", 3);
  const CivilDate today = Today();
  auto bureau = Assess("longquan", "ENFORCEMENT_BUREAU");
  for (int i = 0; i < 2; ++i) {
    v1::MonthlyAssessment out;
    grpc::Status s = Call(*bureau, &AStub::CreateMonthlyAssessment,
                          Monthly("longquan", u.persons[i].name(), today.year, today.month), &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  v1::Publication pub;
  grpc::Status s = Publish("longquan", u.unit, v1::Publication::MONTHLY_RESULTS, today.year,
                           today.month, AddDays(today, 3), &pub);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(pub.entries_size(), 2);
  EXPECT_EQ(pub.entries(0).result(), "PASSED");
  EXPECT_THAT(pub.entries(0).record(), HasSubstr("/monthlyAssessments/"));
  // A month without assessments has nothing to publish; a month to come is refused.
  const CivilDate before = AddMonths(CivilDate{today.year, today.month, 1}, -1);
  s = Publish("longquan", u.unit, v1::Publication::MONTHLY_RESULTS, before.year, before.month,
              AddDays(today, 3), &pub);
  EXPECT_EQ(Reason(s), "NOTHING_TO_PUBLISH");
  const CivilDate next = AddMonths(CivilDate{today.year, today.month, 1}, 1);
  s = Publish("longquan", u.unit, v1::Publication::MONTHLY_RESULTS, next.year, next.month,
              AddDays(today, 3), &pub);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM publications"), 1);
}

TEST_F(PublicationApiTest, AnnualRegistrationLongquanAnnex2_TheWholeFormRecordedAndRead) {
  Unit u = HiredUnit("longquan", "lq5", 1);
  const int year = ThisYear();
  ASSERT_TRUE(Propose("longquan", u.persons[0], year, "EXCELLENT").ok());
  const std::string name = absl::StrCat(u.persons[0].name(), "/annualRegistrations/", year);
  auto bureau = Assess("longquan", "ENFORCEMENT_BUREAU");
  v1::GetAnnualRegistrationRequest get;
  get.set_name(name);
  v1::AnnualRegistration form;
  grpc::Status s = Call(*Assess("longquan", "HR_COMPANY"), &AStub::GetAnnualRegistration, get, &form);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(form.full_name(), u.persons[0].full_name());
  EXPECT_EQ(form.gender(), u.persons[0].gender());
  EXPECT_EQ(form.birth_date().year(), ThisYear() - 30);
  EXPECT_EQ(form.political_status(), "群众");
  EXPECT_EQ(FromProto(form.post_since()), FromProto(u.persons[0].hire_date()));
  EXPECT_EQ(form.unit_display_name(), "lq5中队");
  // The heading is the policy's: the issuing bureau and the article of the form.
  EXPECT_EQ(form.issuer(), "龙泉市综合行政执法局");
  EXPECT_EQ(form.article(), "longquan art. 13(2), annex 2");
  EXPECT_EQ(form.grade(), "EXCELLENT");
  EXPECT_FALSE(form.grade_final());
  // Art. 13(2): 于次年1月前 - by 31 December of the year.
  EXPECT_EQ(FromProto(form.due_date()), (CivilDate{year, 12, 31}));
  EXPECT_FALSE(form.complete());
  EXPECT_EQ(form.etag(), "0");

  v1::AcknowledgeAnnualRegistrationRequest ack;
  ack.set_name(name);
  *ack.mutable_acknowledge_date() = ToProto(Today());
  ack.set_acknowledgement_ref("档案〔2026〕登记表-1");
  s = Call(*bureau, &AStub::AcknowledgeAnnualRegistration, ack, &form);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);  // no summary yet

  auto signed_part = [&](const std::string& text, const std::string& by) {
    v1::AnnualRegistration::Signed part;
    part.set_text(text);
    part.set_signed_by(by);
    *part.mutable_sign_date() = ToProto(Today());
    return part;
  };
  v1::UpdateAnnualRegistrationRequest update;
  update.mutable_annual_registration()->set_name(name);
  update.mutable_annual_registration()->set_etag("0");
  *update.mutable_annual_registration()->mutable_personal_summary() =
      signed_part("全年认真履职，完成巡查任务。", u.persons[0].full_name());
  update.mutable_update_mask()->add_paths("personal_summary");
  s = Call(*bureau, &AStub::UpdateAnnualRegistration, update, &form);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(form.personal_summary().signed_by(), u.persons[0].full_name());
  EXPECT_EQ(form.etag(), "1");
  // A stale etag is refused.
  update.mutable_update_mask()->Clear();
  update.mutable_update_mask()->add_paths("unit_comment");
  *update.mutable_annual_registration()->mutable_unit_comment() =
      signed_part("工作积极，建议评为优秀。", "中队长");
  s = Call(*bureau, &AStub::UpdateAnnualRegistration, update, &form);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  update.mutable_annual_registration()->set_etag("1");
  update.mutable_update_mask()->add_paths("supervisor_opinion");
  update.mutable_update_mask()->add_paths("party_group_opinion");
  *update.mutable_annual_registration()->mutable_supervisor_opinion() =
      signed_part("同意。", "分管领导");
  *update.mutable_annual_registration()->mutable_party_group_opinion() =
      signed_part("同意评为优秀。", "局党组");
  s = Call(*bureau, &AStub::UpdateAnnualRegistration, update, &form);
  ASSERT_TRUE(s.ok()) << s.error_message();
  s = Call(*Assess("longquan", "HR_COMPANY"), &AStub::UpdateAnnualRegistration, update, &form);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  update.mutable_update_mask()->Clear();
  update.mutable_update_mask()->add_paths("grade");
  s = Call(*bureau, &AStub::UpdateAnnualRegistration, update, &form);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  s = Call(*bureau, &AStub::AcknowledgeAnnualRegistration, ack, &form);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(form.acknowledgement_ref(), "档案〔2026〕登记表-1");
  EXPECT_FALSE(form.complete());  // the grade is not final yet
  v1::RatingYear finalized;
  ASSERT_TRUE(Finalize("longquan", u.unit, year, &finalized).ok());
  s = Call(*bureau, &AStub::GetAnnualRegistration, get, &form);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(form.grade_final());
  EXPECT_TRUE(form.complete());
  EXPECT_FALSE(form.overdue());
  EXPECT_EQ(form.unit_comment().text(), "工作积极，建议评为优秀。");
  EXPECT_EQ(form.party_group_opinion().signed_by(), "局党组");

  // The signed summary is fixed once acknowledged.
  update.mutable_annual_registration()->set_etag(form.etag());
  update.mutable_update_mask()->Clear();
  update.mutable_update_mask()->add_paths("personal_summary");
  s = Call(*bureau, &AStub::UpdateAnnualRegistration, update, &form);
  EXPECT_EQ(Reason(s), "SUMMARY_ACKNOWLEDGED");

  // Where the regulation has no such form.
  Unit w = HiredUnit("wenjiang", "w9", 1);
  get.set_name(absl::StrCat(w.persons[0].name(), "/annualRegistrations/", year));
  s = Call(*Assess("wenjiang", "ENFORCEMENT_BUREAU"), &AStub::GetAnnualRegistration, get, &form);
  EXPECT_EQ(Reason(s), "REGISTRATION_NOT_CONFIGURED");
}

TEST_F(PublicationApiTest, PaySheetLongquanArt17_TheMonthsDeductionsWithTheirRecords) {
  Unit u = HiredUnit("longquan", "lq6", 1);
  const pv1::Person& p = u.persons[0];
  const CivilDate today = Today();
  auto bureau = Assess("longquan", "ENFORCEMENT_BUREAU");
  auto record = [&](v1::DailyRecordKind kind, double days, int64_t fen, v1::DailyRecord* out) {
    v1::CreateDailyRecordRequest r;
    r.set_parent("jurisdictions/longquan");
    r.mutable_daily_record()->set_kind(kind);
    r.mutable_daily_record()->set_person(p.name());
    *r.mutable_daily_record()->mutable_date() = ToProto(today);
    r.mutable_daily_record()->set_days(days);
    r.mutable_daily_record()->set_deduction_fen(fen);
    return Call(*bureau, &AStub::CreateDailyRecord, r, out);
  };
  v1::DailyRecord absence, slack, breach, out;
  ASSERT_TRUE(record(v1::UNEXCUSED_ABSENCE, 1, 0, &absence).ok());
  ASSERT_TRUE(record(v1::SLACKING, 0, 0, &slack).ok());
  ASSERT_TRUE(record(v1::WORK_DISCIPLINE_BREACH, 0, 8000, &breach).ok());
  grpc::Status s = record(v1::WORK_DISCIPLINE_BREACH, 0, 4000, &out);
  EXPECT_EQ(Reason(s), "DEDUCTION_BELOW_MINIMUM");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM daily_records"), 3);

  v1::CreateLeaveRequestRequest leave;
  leave.set_parent("jurisdictions/longquan");
  leave.mutable_leave_request()->set_person(p.name());
  *leave.mutable_leave_request()->mutable_start_date() = ToProto(today);
  *leave.mutable_leave_request()->mutable_end_date() = ToProto(today);
  leave.mutable_leave_request()->set_reason("事假");
  leave.mutable_leave_request()->set_kind(v1::PERSONAL);
  v1::LeaveRequest requested;
  s = Call(*bureau, &AStub::CreateLeaveRequest, leave, &requested);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(requested.kind(), v1::PERSONAL);
  v1::DecideLeaveRequestRequest approve;
  approve.set_name(requested.name());
  approve.set_approver_level(requested.approver_level());
  ASSERT_TRUE(Call(*bureau, &AStub::ApproveLeaveRequest, approve, &requested).ok());

  ASSERT_TRUE(Propose("longquan", p, today.year, "EXCELLENT").ok());
  v1::RatingYear finalized;
  ASSERT_TRUE(Finalize("longquan", u.unit, today.year, &finalized).ok());

  v1::GetPaySheetRequest get;
  get.set_name(absl::StrFormat("%s/paySheets/%04d-%02d", p.name(), today.year, today.month));
  v1::PaySheet sheet;
  s = Call(*Assess("longquan", "HR_COMPANY"), &AStub::GetPaySheet, get, &sheet);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(sheet.deductions_size(), 4);
  std::map<std::string, int64_t> by_record;
  for (const auto& d : sheet.deductions()) by_record[d.record()] = d.amount_fen();
  EXPECT_EQ(by_record[absence.name()], 10000);      // 无故旷工 100 元/天
  EXPECT_EQ(by_record[slack.name()], 10000);        // 消极怠工 100 元/次
  EXPECT_EQ(by_record[breach.name()], 8000);        // 50 元以上/次, stated 80
  EXPECT_EQ(by_record[requested.name()], 3000);     // 请事假 30 元/天
  EXPECT_EQ(sheet.deductions(3).record_kind(), "PERSONAL_LEAVE");
  EXPECT_EQ(sheet.total_deduction_fen(), 31000);
  EXPECT_EQ(FromProto(sheet.due_date()), (CivilDate{today.year, today.month, 25}));
  // The grade is final (1.2), but the person is still in probation: no contract, no bonus yet.
  EXPECT_EQ(sheet.year_end().grade(), "EXCELLENT");
  EXPECT_DOUBLE_EQ(sheet.year_end().coefficient(), 1.2);
  EXPECT_FALSE(sheet.year_end().eligible());
  EXPECT_THAT(sheet.year_end().reason(), HasSubstr("probation"));

  s = Call(*Assess("longquan", "ESTABLISHMENT_OFFICE"), &AStub::GetPaySheet, get, &sheet);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  const CivilDate next = AddMonths(CivilDate{today.year, today.month, 1}, 1);
  get.set_name(absl::StrFormat("%s/paySheets/%04d-%02d", p.name(), next.year, next.month));
  s = Call(*Assess("longquan", "HR_COMPANY"), &AStub::GetPaySheet, get, &sheet);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  Unit t = HiredUnit("template", "t1", 1);
  get.set_name(absl::StrFormat("%s/paySheets/%04d-%02d", t.persons[0].name(), today.year,
                               today.month));
  s = Call(*Assess("template", "HR_COMPANY"), &AStub::GetPaySheet, get, &sheet);
  EXPECT_EQ(Reason(s), "PAY_NOT_CONFIGURED");
}

// The year-end bonus reads the person's real labour contracts from personnel (as the SERVICE
// identity): of two persons hired 20 months ago whose probation ended at 3 months and who signed
// a contract then, the one whose contract was ended 7 months later gets no year-end bonus
// (longquan art. 17(3): 未满一周年（不含试用期）而终止合同), the one whose contract runs does.
TEST_F(PublicationApiTest, PaySheetLongquanArt17_YearEndReadsTheRealLabourContracts) {
  const CivilDate today = Today();
  const CivilDate hired = AddMonths(today, -20);
  const CivilDate probation_end = AddMonths(hired, 3);
  Unit u = HiredUnit("longquan", "lq7", 2, hired);
  auto hr = Personnel("longquan", "HR_COMPANY");
  std::vector<pv1::LabourContract> contracts;
  for (const pv1::Person& p : u.persons) {
    pv1::EndProbationRequest end;
    end.set_name(p.name());
    *end.mutable_end_date() = ToProto(probation_end);
    end.set_result(pv1::PROBATION_PASSED);
    end.set_evidence_ref("试用期考核表");
    pv1::Person active;
    grpc::Status s = Call(*hr, &PStub::EndProbation, end, &active);
    ASSERT_TRUE(s.ok()) << s.error_message();
    pv1::CreateLabourContractRequest create;
    create.set_parent(p.name());
    *create.mutable_labour_contract()->mutable_start_date() = ToProto(probation_end);
    *create.mutable_labour_contract()->mutable_end_date() =
        ToProto(AddDays(AddMonths(probation_end, 36), -1));
    pv1::LabourContract contract;
    s = Call(*hr, &PStub::CreateLabourContract, create, &contract);
    ASSERT_TRUE(s.ok()) << s.error_message();
    contracts.push_back(contract);
  }
  // The first person's contract ends after 7 whole months: less than a year of contract.
  const CivilDate ended_on = AddMonths(probation_end, 7);
  pv1::EndLabourContractRequest stop;
  stop.set_name(contracts[0].name());
  *stop.mutable_end_date() = ToProto(ended_on);
  stop.set_reason("辞职");
  pv1::LabourContract stopped;
  grpc::Status s = Call(*hr, &PStub::EndLabourContract, stop, &stopped);
  ASSERT_TRUE(s.ok()) << s.error_message();

  for (const pv1::Person& p : u.persons) {
    ASSERT_TRUE(Propose("longquan", p, today.year, "GOOD").ok());
  }
  v1::RatingYear finalized;
  ASSERT_TRUE(Finalize("longquan", u.unit, today.year, &finalized).ok());

  auto sheet_of = [&](const pv1::Person& p, v1::PaySheet* sheet) {
    v1::GetPaySheetRequest get;
    get.set_name(absl::StrFormat("%s/paySheets/%04d-%02d", p.name(), today.year, today.month));
    return Call(*Assess("longquan", "HR_COMPANY"), &AStub::GetPaySheet, get, sheet);
  };
  v1::PaySheet short_sheet, long_sheet;
  s = sheet_of(u.persons[0], &short_sheet);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(short_sheet.year_end().labour_contract(), contracts[0].name());
  EXPECT_EQ(FromProto(short_sheet.year_end().contract_start()), probation_end);
  EXPECT_EQ(FromProto(short_sheet.year_end().contract_end()), ended_on);
  EXPECT_DOUBLE_EQ(short_sheet.year_end().coefficient(), 1.0);
  EXPECT_FALSE(short_sheet.year_end().eligible());
  EXPECT_THAT(short_sheet.year_end().reason(), HasSubstr("7 whole months"));

  s = sheet_of(u.persons[1], &long_sheet);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(long_sheet.year_end().labour_contract(), contracts[1].name());
  EXPECT_EQ(FromProto(long_sheet.year_end().contract_start()), probation_end);
  EXPECT_FALSE(long_sheet.year_end().has_contract_end());
  EXPECT_TRUE(long_sheet.year_end().eligible()) << long_sheet.year_end().reason();
  EXPECT_DOUBLE_EQ(long_sheet.year_end().coefficient(), 1.0);
}

}  // namespace
}  // namespace auxpro
