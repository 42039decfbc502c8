#include "tests/support/grading_walk.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "libs/db/transaction.h"
#include "libs/rpc/error_info.h"
#include "tests/support/call.h"
#include "tests/support/national_id.h"
#include "tests/support/test_env.h"

namespace auxpro::testing {

namespace {

namespace gv1 = grading::v1;
namespace pv1 = personnel::v1;
namespace av1 = assessment::v1;
namespace ptv1 = points::v1;
namespace sv1 = survey::v1;
using GStub = gv1::Grading::Stub;

constexpr char kParent[] = "jurisdictions/wenjiang";
const grpc::StatusCode kDenied = grpc::StatusCode::PERMISSION_DENIED;

// The stubs of one service per agency kind.
template <typename Service>
struct Stubs {
  Stubs(const ChannelTo& channel, const std::string& service)
      : bureau(Service::NewStub(channel(service, "ENFORCEMENT_BUREAU"))),
        hr(Service::NewStub(channel(service, "HR_COMPANY"))),
        office(Service::NewStub(channel(service, "ESTABLISHMENT_OFFICE"))),
        assessor(Service::NewStub(channel(service, "ASSESSOR"))),
        pub(Service::NewStub(channel(service, "PUBLIC"))) {}
  std::unique_ptr<typename Service::Stub> bureau, hr, office, assessor, pub;
};

#define MUST(call)                                                                 \
  do {                                                                             \
    const grpc::Status must_status = (call);                                       \
    ASSERT_TRUE(must_status.ok()) << #call << ": " << must_status.error_message(); \
  } while (0)

// Hires a 38-year-old field auxiliary with 大专 and 普通话 三级乙等, trained and holding a permit.
void Hire(Stubs<pv1::Personnel>& p, int serial, pv1::Person* person, pv1::Unit* unit) {
  const common::v1::Date today = DateOf(absl::Now());
  pv1::CreateUnitRequest cu;
  cu.set_parent(kParent);
  cu.set_unit_id(absl::StrCat("walk-", serial));
  cu.mutable_unit()->set_display_name("二中队");
  MUST(Call(*p.bureau, &pv1::Personnel::Stub::CreateUnit, cu, unit));
  pv1::SetHeadcountLimitRequest limit;
  limit.set_parent(kParent);
  limit.set_limit(1000);
  limit.set_document_ref("温编发〔2026〕1号");
  pv1::HeadcountLimit limit_out;
  MUST(Call(*p.office, &pv1::Personnel::Stub::SetHeadcountLimit, limit, &limit_out));
  pv1::CreateDispatchAgreementRequest agr;
  agr.set_parent(kParent);
  auto* a = agr.mutable_dispatch_agreement();
  a->set_title("2026年度城管辅助人员劳务派遣协议");
  a->add_posts("巡查");
  a->set_duties("协助执法人员巡查、劝阻");
  a->set_headcount(1000);
  common::v1::Date start = today, end = today;
  start.set_year(start.year() - 2);
  end.set_year(end.year() + 1);
  *a->mutable_start_date() = start;
  *a->mutable_end_date() = end;
  a->set_monthly_pay_fen(450000);
  pv1::DispatchAgreement agreement;
  MUST(Call(*p.hr, &pv1::Personnel::Stub::CreateDispatchAgreement, agr, &agreement));
  pv1::SignDispatchAgreementRequest sign;
  sign.set_name(agreement.name());
  MUST(Call(*p.bureau, &pv1::Personnel::Stub::SignDispatchAgreement, sign, &agreement));

  pv1::CreatePersonRequest create;
  create.set_parent(kParent);
  auto* in = create.mutable_person();
  in->set_full_name("王建国");
  // 38 years old today (born on 1 January, 38 years ago).
  in->set_national_id(MakeNationalId(today.year() - 38, 1, 1, serial));
  in->set_education(common::v1::JUNIOR_COLLEGE);
  in->set_mandarin_level(common::v1::LEVEL_3B);
  in->set_smart_device_skill(true);
  in->set_post_type(pv1::FIELD);
  in->add_attestations(common::v1::FIT_FOR_POST);
  in->add_attestations(common::v1::PROPER_CONDUCT);
  in->add_attestations(common::v1::SPEAKS_MANDARIN);
  MUST(Call(*p.hr, &pv1::Personnel::Stub::CreatePerson, create, person));
  pv1::HirePersonRequest hire;
  hire.set_name(person->name());
  hire.set_unit(unit->name());
  hire.set_dispatch_agreement(agreement.name());
  EXPECT_EQ(Call(*p.hr, &pv1::Personnel::Stub::HirePerson, hire, person).error_code(), kDenied);
  MUST(Call(*p.bureau, &pv1::Personnel::Stub::HirePerson, hire, person));
  pv1::RecordTrainingRequest train;
  train.set_parent(person->name());
  train.mutable_training_record()->set_kind(pv1::PRE_JOB);
  train.mutable_training_record()->set_days(15);
  train.mutable_training_record()->set_passed(true);
  *train.mutable_training_record()->mutable_start_date() = today;
  pv1::TrainingRecord record;
  MUST(Call(*p.bureau, &pv1::Personnel::Stub::RecordTraining, train, &record));
  pv1::IssuePermitRequest issue;
  issue.set_name(person->name());
  pv1::Permit permit;
  MUST(Call(*p.bureau, &pv1::Personnel::Stub::IssuePermit, issue, &permit));
  person->set_badge_number(permit.badge_number());
}

// The professional exam (72, this quarter's session, recorded by the assessor) and last year's
// final annual rating QUALIFIED (proposed and finalized by the bureau).
void Assess(Stubs<av1::Assessment>& a, const pv1::Person& person, const pv1::Unit& unit) {
  const common::v1::Date today = DateOf(absl::Now());
  av1::CreateAssessmentSessionRequest cs;
  cs.set_parent(kParent);
  cs.mutable_assessment_session()->set_year(today.year());
  cs.mutable_assessment_session()->set_quarter((today.month() - 1) / 3 + 1);
  cs.mutable_assessment_session()->set_assessor("wenjiang-assessor");
  cs.mutable_assessment_session()->add_participants()->set_person(person.name());
  av1::AssessmentSession session;
  MUST(Call(*a.bureau, &av1::Assessment::Stub::CreateAssessmentSession, cs, &session));
  av1::RecordCentralizedResultRequest rr;
  rr.set_parent(session.name());
  rr.mutable_result()->set_person(person.name());
  rr.mutable_result()->set_item("PROFESSIONAL_EXAM");
  rr.mutable_result()->set_score(72);
  rr.mutable_result()->set_passed(true);
  av1::CentralizedResult result;
  EXPECT_EQ(
      Call(*a.bureau, &av1::Assessment::Stub::RecordCentralizedResult, rr, &result).error_code(),
      kDenied);
  MUST(Call(*a.assessor, &av1::Assessment::Stub::RecordCentralizedResult, rr, &result));
  av1::ProposeAnnualRatingRequest pr;
  pr.set_parent(kParent);
  pr.mutable_annual_rating()->set_person(person.name());
  pr.mutable_annual_rating()->set_year(today.year() - 1);
  pr.mutable_annual_rating()->set_grade("QUALIFIED");
  av1::AnnualRating rating;
  MUST(Call(*a.bureau, &av1::Assessment::Stub::ProposeAnnualRating, pr, &rating));
  av1::FinalizeAnnualRatingsRequest fin;
  fin.set_name(absl::StrCat(unit.name(), "/ratingYears/", today.year() - 1));
  av1::RatingYear year;
  MUST(Call(*a.bureau, &av1::Assessment::Stub::FinalizeAnnualRatings, fin, &year));
}

// An open campaign of the bureau covering the person.
void OpenCampaign(Stubs<sv1::Survey>& s, const pv1::Person& person, sv1::Campaign* campaign) {
  sv1::CreateCampaignRequest create;
  create.set_parent(kParent);
  create.mutable_campaign()->set_display_name("2026年第四季度群众满意度调查");
  const CivilDate today = FromProto(DateOf(absl::Now()));
  *create.mutable_campaign()->mutable_period_start() = ToProto(AddDays(today, -30));
  *create.mutable_campaign()->mutable_period_end() = ToProto(AddDays(today, 60));
  create.mutable_campaign()->add_auxiliaries(person.name());
  MUST(Call(*s.bureau, &sv1::Survey::Stub::CreateCampaign, create, campaign));
  sv1::OpenCampaignRequest open;
  open.set_name(campaign->name());
  MUST(Call(*s.bureau, &sv1::Survey::Stub::OpenCampaign, open, campaign));
}

// Responses [from, to) of the 40 of example 1: 32 all satisfied, 4 with two satisfied answers,
// 4 with one: 332 of 400 answers, 83 %.
void Respond(Stubs<sv1::Survey>& s, const sv1::Campaign& campaign, const pv1::Person& person,
             int from, int to) {
  for (int i = from; i < to; ++i) {
    const int satisfied = i < 32 ? 10 : (i < 36 ? 2 : 1);
    sv1::SubmitResponseRequest r;
    r.set_parent(campaign.name());
    r.set_badge_number(person.badge_number());
    r.set_respondent_key(absl::StrCat("walk-respondent-", person.name(), "-", i));
    r.set_submission_id(FreshRequestId());
    for (int q = 0; q < 10; ++q) r.add_answers(q < satisfied ? 4 : 1);
    sv1::SurveyResponse out;
    MUST(Call(*s.pub, &sv1::Survey::Stub::SubmitResponse, r, &out));
  }
}

// Waits until the points service's level period is at `level` (LevelChanged delivered).
void AwaitPointsLevel(Stubs<ptv1::Points>& p, const std::string& person, int level) {
  ptv1::GetPointBalanceRequest r;
  r.set_name(person + "/pointBalance");
  ptv1::PointBalance b;
  for (int i = 0; i < 300; ++i) {
    if (Call(*p.bureau, &ptv1::Points::Stub::GetPointBalance, r, &b).ok() && b.level() == level) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "the points service never reached level " << level << " for " << person
                << " (at " << b.level() << ")";
}

grpc::Status CreateApplication(GStub& stub, const std::string& person, int target,
                               gv1::Application* out) {
  gv1::CreateApplicationRequest r;
  r.set_parent(kParent);
  r.mutable_application()->set_person(person);
  r.mutable_application()->set_target_level(target);
  auto* e = r.mutable_application()->add_evidence();
  e->set_kind("QUALIFICATION_FORM");
  e->set_ref(absl::StrCat("docs/任职资格标准考核认证表-", target));
  return Call(stub, &GStub::CreateApplication, r, out);
}

gv1::DecideApplicationRequest Decision(const gv1::Application& app, gv1::Outcome outcome) {
  gv1::DecideApplicationRequest r;
  r.set_name(app.name());
  r.set_etag(app.etag());
  r.set_outcome(outcome);
  r.set_reason("评定通过");
  return r;
}

// Created, submitted and passed qualification review by the bureau, each refused for the HR
// company first.
void ToEvaluation(Stubs<gv1::Grading>& g, const std::string& person, int target,
                  gv1::Application* app) {
  gv1::Application ignored;
  EXPECT_EQ(CreateApplication(*g.hr, person, target, &ignored).error_code(), kDenied);
  EXPECT_EQ(CreateApplication(*g.office, person, target, &ignored).error_code(), kDenied);
  MUST(CreateApplication(*g.bureau, person, target, app));
  gv1::SubmitApplicationRequest submit;
  submit.set_name(app->name());
  submit.set_etag(app->etag());
  EXPECT_EQ(Call(*g.hr, &GStub::SubmitApplication, submit, &ignored).error_code(), kDenied);
  MUST(Call(*g.bureau, &GStub::SubmitApplication, submit, app));
  EXPECT_TRUE(app->submitted_check().passed());
  gv1::PassQualificationReviewRequest review;
  review.set_name(app->name());
  review.set_etag(app->etag());
  review.set_reason("资格审核通过");
  EXPECT_EQ(Call(*g.office, &GStub::PassQualificationReview, review, &ignored).error_code(),
            kDenied);
  MUST(Call(*g.bureau, &GStub::PassQualificationReview, review, app));
  EXPECT_EQ(app->state(), gv1::Application::EVALUATION);
}

}  // namespace

std::string ReasonOf(const grpc::Status& status) {
  auto info = rpc::ErrorInfoOf(status);
  return info ? info->reason : "";
}

gv1::RowStatus RowOf(const gv1::RequirementCheck& check, gv1::Requirement requirement) {
  for (const auto& row : check.rows()) {
    if (row.requirement() == requirement) return row.status();
  }
  return gv1::ROW_STATUS_UNSPECIFIED;
}

grpc::Status CheckOf(const ChannelTo& channel, const std::string& person, int target,
                     gv1::RequirementCheck* out) {
  auto stub = gv1::Grading::NewStub(channel("grading", "HR_COMPANY"));
  gv1::CheckRequirementsRequest r;
  r.set_person(person);
  r.set_target_level(target);
  return Call(*stub, &GStub::CheckRequirements, r, out);
}

namespace {

void Walk(const ChannelTo& channel, db::ConnectionPool& grading_db, int serial,
          const std::function<void(const std::string&)>& when_eligible, std::string* person_name) {
  Stubs<pv1::Personnel> personnel(channel, "personnel");
  Stubs<av1::Assessment> assessment(channel, "assessment");
  Stubs<ptv1::Points> points(channel, "points");
  Stubs<sv1::Survey> survey(channel, "survey");
  Stubs<gv1::Grading> g(channel, "grading");
  auto check = [&](int target) {
    gv1::RequirementCheck c;
    const grpc::Status s = CheckOf(channel, *person_name, target, &c);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return c;
  };

  // 1. Hiring (bureau), the exam (assessor) and the annual rating (bureau).
  pv1::Person person;
  pv1::Unit unit;
  ASSERT_NO_FATAL_FAILURE(Hire(personnel, serial, &person, &unit));
  *person_name = person.name();
  ASSERT_NO_FATAL_FAILURE(Assess(assessment, person, unit));

  // 2. Level 5 (8.4.1.1): applied for and reviewed by the bureau, approved by the bureau and the
  // HR company jointly (the establishment office may not), filed with the office by the bureau.
  gv1::Application app;
  gv1::Application ignored;
  EXPECT_EQ(ReasonOf(CreateApplication(*g.bureau, person.name(), 4, &ignored)),
            "ONE_LEVEL_AT_A_TIME");
  ASSERT_NO_FATAL_FAILURE(ToEvaluation(g, person.name(), 5, &app));
  grpc::Status s =
      Call(*g.office, &GStub::DecideApplication, Decision(app, gv1::APPROVE), &ignored);
  EXPECT_EQ(s.error_code(), kDenied);
  EXPECT_EQ(ReasonOf(s), "WRONG_DECIDING_BODY");
  MUST(Call(*g.bureau, &GStub::DecideApplication, Decision(app, gv1::APPROVE), &app));
  EXPECT_EQ(app.state(), gv1::Application::EVALUATION);  // the HR company has not decided yet
  EXPECT_EQ(
      ReasonOf(Call(*g.bureau, &GStub::DecideApplication, Decision(app, gv1::APPROVE), &ignored)),
      "ALREADY_APPROVED");
  MUST(Call(*g.hr, &GStub::DecideApplication, Decision(app, gv1::APPROVE), &app));
  EXPECT_EQ(app.state(), gv1::Application::DECIDED);
  gv1::FileApplicationRequest file;
  file.set_name(app.name());
  file.set_etag(app.etag());
  EXPECT_EQ(Call(*g.hr, &GStub::FileApplication, file, &ignored).error_code(), kDenied);
  MUST(Call(*g.bureau, &GStub::FileApplication, file, &app));
  EXPECT_EQ(app.state(), gv1::Application::FILED);
  ASSERT_NO_FATAL_FAILURE(AwaitPointsLevel(points, person.name(), 5));

  // 3. At level 5: 20 responses are insufficient, level points 0 fail.
  sv1::Campaign campaign;
  ASSERT_NO_FATAL_FAILURE(OpenCampaign(survey, person, &campaign));
  ASSERT_NO_FATAL_FAILURE(Respond(survey, campaign, person, 0, 20));
  gv1::RequirementCheck c = check(4);
  EXPECT_EQ(RowOf(c, gv1::SATISFACTION), gv1::INSUFFICIENT);
  EXPECT_EQ(RowOf(c, gv1::LEVEL_POINTS), gv1::FAIL);
  EXPECT_FALSE(c.passed());
  ASSERT_NO_FATAL_FAILURE(Respond(survey, campaign, person, 20, 40));
  // +15 at level 5: the city government (+10) and the district government (+5), two deeds;
  // the HR company may not record commendations.
  ptv1::RecordCommendationRequest rc;
  rc.set_parent(person.name());
  rc.mutable_commendation()->set_body(common::v1::PARTY_GOVERNMENT);
  rc.mutable_commendation()->set_level(common::v1::CITY);
  rc.mutable_commendation()->set_in_own_name(true);
  rc.mutable_commendation()->set_matter_id("walk-deed-1");
  rc.mutable_commendation()->set_reason("市政府表彰");
  ptv1::PointEntry entry;
  EXPECT_EQ(Call(*points.hr, &ptv1::Points::Stub::RecordCommendation, rc, &entry).error_code(),
            kDenied);
  MUST(Call(*points.bureau, &ptv1::Points::Stub::RecordCommendation, rc, &entry));
  rc.mutable_commendation()->set_level(common::v1::DISTRICT);
  rc.mutable_commendation()->set_matter_id("walk-deed-2");
  rc.mutable_commendation()->set_reason("区政府表彰");
  MUST(Call(*points.office, &ptv1::Points::Stub::RecordCommendation, rc, &entry));

  // 4. Example 1: eligible for level 4, every row passes; level 3 is one level too far.
  c = check(4);
  EXPECT_TRUE(c.passed()) << c.DebugString();
  EXPECT_EQ(c.current_level(), 5);
  for (const auto& row : c.rows()) {
    EXPECT_TRUE(row.status() == gv1::PASS || row.status() == gv1::NOT_REQUIRED)
        << gv1::Requirement_Name(row.requirement()) << ": " << row.note();
  }
  if (when_eligible) {
    ASSERT_NO_FATAL_FAILURE(when_eligible(person.name()));
  }
  s = CreateApplication(*g.bureau, person.name(), 3, &ignored);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "ONE_LEVEL_AT_A_TIME");

  // 5. Level 4 (8.4.1.2): the establishment office decides (not the bureau, not the HR company)
  // and publishes the result notice.
  ASSERT_NO_FATAL_FAILURE(ToEvaluation(g, person.name(), 4, &app));
  for (GStub* wrong : {g.bureau.get(), g.hr.get()}) {
    s = Call(*wrong, &GStub::DecideApplication, Decision(app, gv1::APPROVE), &ignored);
    EXPECT_EQ(s.error_code(), kDenied);
    EXPECT_EQ(ReasonOf(s), "WRONG_DECIDING_BODY");
  }
  MUST(Call(*g.office, &GStub::DecideApplication, Decision(app, gv1::APPROVE), &app));
  EXPECT_EQ(app.state(), gv1::Application::DECIDED);
  EXPECT_TRUE(app.evaluation_check().passed());
  // Deciding twice is refused.
  EXPECT_EQ(
      ReasonOf(Call(*g.office, &GStub::DecideApplication, Decision(app, gv1::APPROVE), &ignored)),
      "WRONG_STATE");
  gv1::PublishResultNoticeRequest publish;
  publish.set_parent(kParent);
  publish.mutable_result_notice()->add_applications(app.name());
  publish.mutable_result_notice()->set_document_ref(absl::StrCat("温编发〔2026〕", serial, "号"));
  gv1::ResultNotice notice;
  EXPECT_EQ(Call(*g.bureau, &GStub::PublishResultNotice, publish, &notice).error_code(), kDenied);
  const std::string level_changed =
      "SELECT COUNT(*) FROM outbox_events WHERE event_type = 'auxpro.grading.v1.LevelChanged' "
      "AND subject = ?";
  // The level-5 grant's LevelChanged (one row per consumer).
  const int64_t granted_events = QueryInt(grading_db, level_changed, {person.name()});
  EXPECT_GT(granted_events, 0);
  MUST(Call(*g.office, &GStub::PublishResultNotice, publish, &notice));
  ASSERT_EQ(notice.entries_size(), 1);
  // A published level 4-1 decision takes effect only once the notice's objection period has
  // ended (wenjiang sets one): at publication the level is still 5, no LevelChanged is sent, and
  // a sweep of today brings nothing into force.
  EXPECT_GT(notice.objection_working_days(), 0u);
  EXPECT_FALSE(notice.settled());
  EXPECT_EQ(notice.entries(0).state(), gv1::ResultNotice::AWAITING);
  gv1::GetPersonLevelRequest get_level;
  get_level.set_name(person.name() + "/level");
  gv1::PersonLevel level;
  MUST(Call(*g.bureau, &GStub::GetPersonLevel, get_level, &level));
  EXPECT_EQ(level.level(), 5);
  gv1::RunGradingSweepRequest sweep;
  sweep.set_parent(kParent);
  sweep.set_request_id(FreshRequestId());
  gv1::RunGradingSweepResponse swept;
  MUST(Call(*g.office, &GStub::RunGradingSweep, sweep, &swept));
  EXPECT_EQ(swept.decisions_in_force(), 0);
  MUST(Call(*g.bureau, &GStub::GetPersonLevel, get_level, &level));
  EXPECT_EQ(level.level(), 5);
  EXPECT_EQ(QueryInt(grading_db, level_changed, {person.name()}), granted_events);
  {
    ptv1::GetPointBalanceRequest r;
    r.set_name(person.name() + "/pointBalance");
    ptv1::PointBalance b;
    MUST(Call(*points.bureau, &ptv1::Points::Stub::GetPointBalance, r, &b));
    EXPECT_EQ(b.level(), 5);
  }

  // The objection period ends without objection (the notice moved back in time: the API never
  // reaches a later day); only the establishment office runs the sweep that brings the decision
  // into force, today, once: the level changes to 4 and LevelChanged reaches points.
  const CivilDate today = FromProto(DateOf(absl::Now()));
  {
    const absl::Status ended = EndObjectionPeriod(grading_db, notice.name(), today);
    ASSERT_TRUE(ended.ok()) << ended;
  }
  for (GStub* wrong : {g.bureau.get(), g.hr.get()}) {
    sweep.set_request_id(FreshRequestId());
    EXPECT_EQ(Call(*wrong, &GStub::RunGradingSweep, sweep, &swept).error_code(), kDenied);
  }
  MUST(Call(*g.bureau, &GStub::GetPersonLevel, get_level, &level));
  EXPECT_EQ(level.level(), 5);  // the refused sweeps changed nothing
  sweep.set_request_id(FreshRequestId());
  MUST(Call(*g.office, &GStub::RunGradingSweep, sweep, &swept));
  EXPECT_EQ(swept.decisions_in_force(), 1);
  MUST(Call(*g.bureau, &GStub::GetPersonLevel, get_level, &level));
  EXPECT_EQ(level.level(), 4);
  EXPECT_EQ(FromProto(level.since()), today);
  gv1::GetResultNoticeRequest get_notice;
  get_notice.set_name(notice.name());
  MUST(Call(*g.hr, &GStub::GetResultNotice, get_notice, &notice));
  EXPECT_TRUE(notice.settled());
  ASSERT_EQ(notice.entries_size(), 1);
  EXPECT_EQ(notice.entries(0).state(), gv1::ResultNotice::IN_FORCE);
  ASSERT_NO_FATAL_FAILURE(AwaitPointsLevel(points, person.name(), 4));
  // Once: a second sweep brings nothing more into force, no second LevelChanged.
  sweep.set_request_id(FreshRequestId());
  MUST(Call(*g.office, &GStub::RunGradingSweep, sweep, &swept));
  EXPECT_EQ(swept.decisions_in_force(), 0);
  EXPECT_EQ(QueryInt(grading_db, level_changed, {person.name()}), 2 * granted_events);

  // 6. Once at level 4, level 3 fails on level points at level 4 (0 < 15) and satisfaction
  // (83 < 85), and on nothing else; the refusal names both rows.
  c = check(3);
  EXPECT_FALSE(c.passed());
  std::vector<gv1::Requirement> failing;
  for (const auto& row : c.rows()) {
    if (row.status() != gv1::PASS && row.status() != gv1::NOT_REQUIRED) {
      failing.push_back(row.requirement());
    }
  }
  EXPECT_THAT(failing, ::testing::UnorderedElementsAre(gv1::SATISFACTION, gv1::LEVEL_POINTS));
  MUST(CreateApplication(*g.bureau, person.name(), 3, &app));
  gv1::SubmitApplicationRequest submit;
  submit.set_name(app.name());
  submit.set_etag(app.etag());
  MUST(Call(*g.bureau, &GStub::SubmitApplication, submit, &app));
  gv1::PassQualificationReviewRequest review;
  review.set_name(app.name());
  review.set_etag(app.etag());
  s = Call(*g.bureau, &GStub::PassQualificationReview, review, &ignored);
  EXPECT_EQ(ReasonOf(s), "REQUIREMENTS_NOT_MET");
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("LEVEL_POINTS"));
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("SATISFACTION"));
  gv1::WithdrawApplicationRequest withdraw;
  withdraw.set_name(app.name());
  withdraw.set_etag(app.etag());
  withdraw.set_reason("条件未满足");
  MUST(Call(*g.bureau, &GStub::WithdrawApplication, withdraw, &app));

  // 7. Demotion back (8.5): breaches by the bureau (not the office) to -18 at level 4; the bureau
  // opens the case (not the office), the establishment office decides it (not the bureau, not the
  // HR company), and the level drops one step with a new level period at 0.
  ptv1::RecordBreachRequest breach;
  breach.set_parent(person.name());
  breach.set_rule_code("BREACH_DISCIPLINE");
  breach.set_amount(-10);
  breach.set_reason("违反工作纪律");
  EXPECT_EQ(Call(*points.office, &ptv1::Points::Stub::RecordBreach, breach, &entry).error_code(),
            kDenied);
  MUST(Call(*points.bureau, &ptv1::Points::Stub::RecordBreach, breach, &entry));
  breach.set_amount(-8);
  breach.set_reason("拒不服从工作安排");
  MUST(Call(*points.bureau, &ptv1::Points::Stub::RecordBreach, breach, &entry));
  gv1::OpenDemotionCaseRequest open;
  open.set_parent(kParent);
  open.mutable_demotion_case()->set_person(person.name());
  open.mutable_demotion_case()->set_reason("岗位积分降至-18分");
  gv1::DemotionCase demotion;
  EXPECT_EQ(Call(*g.office, &GStub::OpenDemotionCase, open, &demotion).error_code(), kDenied);
  MUST(Call(*g.bureau, &GStub::OpenDemotionCase, open, &demotion));
  EXPECT_EQ(demotion.level_points(), -18);
  EXPECT_EQ(demotion.to_level(), 5);
  gv1::DecideDemotionCaseRequest decide;
  decide.set_name(demotion.name());
  decide.set_etag(demotion.etag());
  decide.set_outcome(gv1::APPROVE);
  decide.set_reason("同意降级");
  gv1::DemotionCase decided;
  for (GStub* wrong : {g.bureau.get(), g.hr.get()}) {
    s = Call(*wrong, &GStub::DecideDemotionCase, decide, &decided);
    EXPECT_EQ(s.error_code(), kDenied);
  }
  MUST(Call(*g.office, &GStub::DecideDemotionCase, decide, &decided));
  EXPECT_EQ(decided.state(), gv1::DemotionCase::DECIDED);
  MUST(Call(*g.hr, &GStub::GetPersonLevel, get_level, &level));
  EXPECT_EQ(level.level(), 5);
  std::vector<gv1::LevelChangeKind> kinds;
  for (const auto& change : level.history()) kinds.push_back(change.kind());
  EXPECT_THAT(kinds, ::testing::ElementsAre(gv1::GRANTED, gv1::PROMOTED, gv1::DEMOTED));
  ASSERT_NO_FATAL_FAILURE(AwaitPointsLevel(points, person.name(), 5));
  ptv1::GetPointBalanceRequest balance_req;
  balance_req.set_name(person.name() + "/pointBalance");
  ptv1::PointBalance balance;
  MUST(Call(*points.bureau, &ptv1::Points::Stub::GetPointBalance, balance_req, &balance));
  EXPECT_EQ(balance.level_points(), 0);  // after demotion level points start at 0
}

}  // namespace

std::string WalkExample1(const ChannelTo& channel, db::ConnectionPool& grading_db, int serial,
                         const std::function<void(const std::string& person)>& when_eligible) {
  std::string person;
  Walk(channel, grading_db, serial, when_eligible, &person);
  return person;
}

absl::Status EndObjectionPeriod(db::ConnectionPool& grading_db, const std::string& notice,
                                CivilDate today) {
  const std::string id = db::LastSegment(notice);
  return grading_db.Transact([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT body FROM result_notices WHERE jurisdiction = "
                                           "'wenjiang' AND id = ? FOR UPDATE",
                                           {id}));
    if (!row) return absl::NotFoundError(absl::StrCat("no result notice ", notice));
    gv1::ResultNotice stored;
    if (!google::protobuf::util::JsonStringToMessage(row->Str(0), &stored).ok()) {
      return absl::InternalError(absl::StrCat("result notice ", notice, ": unreadable body"));
    }
    const CivilDate last_day = FromProto(stored.objection_last_day());
    // Back by the period's length plus one day: the last day becomes yesterday.
    const int back = static_cast<int>(DaysSinceEpoch(last_day) - DaysSinceEpoch(today)) + 1;
    const CivilDate published = AddDays(FromProto(stored.publish_date()), -back);
    const CivilDate new_last = AddDays(last_day, -back);
    const CivilDate effective = AddDays(new_last, 1);
    *stored.mutable_publish_date() = ToProto(published);
    *stored.mutable_objection_last_day() = ToProto(new_last);
    *stored.mutable_effective_date() = ToProto(effective);
    for (auto& e : *stored.mutable_entries()) *e.mutable_effective_date() = ToProto(effective);
    std::string body;
    if (!google::protobuf::util::MessageToJsonString(stored, &body).ok()) {
      return absl::InternalError("result notice: cannot write its body");
    }
    return tx
        .Exec(
            "UPDATE result_notices SET publish_date = ?, last_day = ?, effective_on = ?, "
            "body = ? WHERE jurisdiction = 'wenjiang' AND id = ?",
            {FormatDate(published), FormatDate(new_last), FormatDate(effective), body, id})
        .status();
  });
}

}  // namespace auxpro::testing
