#pragma once

// The assessment service's e2e fixture: the assessment and personnel services in one in-process
// server over mTLS (per-service database users, as in production), and helpers that make a
// district through the personnel API (units of hired persons) and call the assessment API as the
// agencies would. Shared by tests/e2e/assessment_*_test.cc.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/rpc/error_info.h"
#include "services/assessment/assessment_module.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/call.h"
#include "tests/support/national_id.h"
#include "tests/support/test_server.h"

namespace auxpro::testing::assessment_district {

namespace v1 = ::auxpro::assessment::v1;
namespace pv1 = ::auxpro::personnel::v1;
using AStub = v1::Assessment::Stub;
using PStub = pv1::Personnel::Stub;

inline std::string Reason(const grpc::Status& s) {
  auto info = rpc::ErrorInfoOf(s);
  return info ? info->reason : "";
}

inline int ThisYear() { return DateOf(absl::Now()).year(); }

// A unit of hired persons, as made by AssessmentDistrictTest::HiredUnit.
struct Unit {
  pv1::Unit unit;
  std::vector<pv1::Person> persons;
};

class AssessmentDistrictTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::TestServerOptions options;
    options.per_service_users = true;
    server_ = std::make_unique<TestServer>(
        std::vector<service::ModuleSpec>{assessment::AssessmentModule(),
                                         personnel::PersonnelModule()},
        options);
  }

  std::unique_ptr<AStub> Assess(const std::string& j, const std::string& kind) {
    return v1::Assessment::NewStub(server_->Channel(j, kind));
  }
  std::unique_ptr<PStub> Personnel(const std::string& j, const std::string& kind) {
    return pv1::Personnel::NewStub(server_->Channel(j, kind));
  }
  int64_t Count(const std::string& sql) {
    return testing::QueryInt(server_->Db("assessment"), sql);
  }

  // A unit of `size` hired persons in jurisdiction j (under a signed agreement and a limit),
  // hired today or on `hire_date` (within the agreement: at most two years back).
  Unit HiredUnit(const std::string& j, const std::string& unit_id, int size,
                 std::optional<CivilDate> hire_date = std::nullopt) {
    auto bureau = Personnel(j, "ENFORCEMENT_BUREAU");
    auto hr = Personnel(j, "HR_COMPANY");
    auto office = Personnel(j, "ESTABLISHMENT_OFFICE");
    const std::string parent = absl::StrCat("jurisdictions/", j);
    Unit out;
    pv1::CreateUnitRequest cu;
    cu.set_parent(parent);
    cu.set_unit_id(unit_id);
    cu.mutable_unit()->set_display_name(absl::StrCat(unit_id, "中队"));
    grpc::Status s = Call(*bureau, &PStub::CreateUnit, cu, &out.unit);
    EXPECT_TRUE(s.ok()) << s.error_message();
    pv1::SetHeadcountLimitRequest limit;
    limit.set_parent(parent);
    limit.set_limit(200);
    limit.set_document_ref("编发〔2025〕1号");
    pv1::HeadcountLimit limit_out;
    s = Call(*office, &PStub::SetHeadcountLimit, limit, &limit_out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    pv1::CreateDispatchAgreementRequest ca;
    ca.set_parent(parent);
    auto* a = ca.mutable_dispatch_agreement();
    a->set_title("劳务派遣协议");
    a->add_posts("巡查");
    a->set_duties("协助巡查");
    a->set_headcount(200);
    common::v1::Date start = DateOf(absl::Now()), end = start;
    start.set_year(start.year() - 2);
    end.set_year(end.year() + 1);
    *a->mutable_start_date() = start;
    *a->mutable_end_date() = end;
    a->set_monthly_pay_fen(450000);
    pv1::DispatchAgreement agreement;
    s = Call(*hr, &PStub::CreateDispatchAgreement, ca, &agreement);
    EXPECT_TRUE(s.ok()) << s.error_message();
    pv1::SignDispatchAgreementRequest sign;
    sign.set_name(agreement.name());
    s = Call(*bureau, &PStub::SignDispatchAgreement, sign, &agreement);
    EXPECT_TRUE(s.ok()) << s.error_message();
    for (int i = 0; i < size; ++i) {
      out.persons.push_back(NewPerson(j, next_serial_++));
      // The hiring steps the jurisdiction's policy requires, each passed (haimen 三(一)).
      for (const auto& step : server_->policies().Find(j)->employment().hiring_steps()) {
        pv1::RecordHiringStepRequest r;
        r.set_name(out.persons.back().name());
        r.mutable_step()->set_step(step.code());
        *r.mutable_step()->mutable_start_date() = DateOf(absl::Now() - absl::Hours(24 * 30));
        *r.mutable_step()->mutable_date() = DateOf(absl::Now());
        r.mutable_step()->set_result(pv1::HiringStepRecord::PASSED);
        r.mutable_step()->set_evidence_ref("海编〔2026〕" + step.code());
        pv1::Person stepped;
        s = Call(*bureau, &PStub::RecordHiringStep, r, &stepped);
        EXPECT_TRUE(s.ok()) << step.code() << ": " << s.error_message();
      }
      pv1::HirePersonRequest hire;
      hire.set_name(out.persons.back().name());
      hire.set_unit(out.unit.name());
      hire.set_dispatch_agreement(agreement.name());
      if (hire_date) *hire.mutable_hire_date() = ToProto(*hire_date);
      s = Call(*bureau, &PStub::HirePerson, hire, &out.persons.back());
      EXPECT_TRUE(s.ok()) << s.error_message();
    }
    return out;
  }

  pv1::Person NewPerson(const std::string& j, int serial) {
    auto hr = Personnel(j, "HR_COMPANY");
    pv1::CreatePersonRequest r;
    r.set_parent(absl::StrCat("jurisdictions/", j));
    r.mutable_person()->set_full_name(absl::StrCat("协管员", serial));
    // 30 years old (template art. 9: 35周岁以下) and an odd sequence: men, so longquan's cap on
    // women (art. 5(四), 15 %) never refuses a hire.
    r.mutable_person()->set_national_id(testing::MakeNationalId(ThisYear() - 30, 5, 17, (2 * serial + 1) % 1000));
    // 大专 meets every preset (shanxi art. 12 asks for it).
    r.mutable_person()->set_education(common::v1::JUNIOR_COLLEGE);
    r.mutable_person()->set_post_type(pv1::FIELD);
    r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    r.mutable_person()->add_attestations(common::v1::UNDERSTANDS_LOCAL_DIALECT);  // longquan art. 5(三)
    pv1::Person p;
    grpc::Status s = Call(*hr, &PStub::CreatePerson, r, &p);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p;
  }

  v1::CreateMonthlyAssessmentRequest Monthly(const std::string& j, const std::string& person,
                                             int year, int month) {
    v1::CreateMonthlyAssessmentRequest r;
    r.set_parent(absl::StrCat("jurisdictions/", j));
    auto* m = r.mutable_monthly_assessment();
    m->set_person(person);
    m->mutable_month()->set_year(year);
    m->mutable_month()->set_month(month);
    for (const std::string& item : server_->policies().Find(j)->assessment().daily_items()) {
      auto* it = m->add_items();
      it->set_item(item);
      it->set_passed(true);
    }
    m->add_evidence("roll-calls/2025-03");
    return r;
  }

  v1::AssessmentSession Session(const std::string& j, int year, int quarter,
                                const std::vector<pv1::Person>& who, const std::string& assessor) {
    v1::CreateAssessmentSessionRequest r;
    r.set_parent(absl::StrCat("jurisdictions/", j));
    r.mutable_assessment_session()->set_year(year);
    r.mutable_assessment_session()->set_quarter(quarter);
    r.mutable_assessment_session()->set_assessor(assessor);
    for (const auto& p : who)
      r.mutable_assessment_session()->add_participants()->set_person(p.name());
    v1::AssessmentSession out;
    grpc::Status s =
        Call(*Assess(j, "ENFORCEMENT_BUREAU"), &AStub::CreateAssessmentSession, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Result(const v1::AssessmentSession& session, const pv1::Person& p,
                      const std::string& item, int score, bool passed, v1::CentralizedResult* out) {
    v1::RecordCentralizedResultRequest r;
    r.set_parent(session.name());
    r.mutable_result()->set_person(p.name());
    r.mutable_result()->set_item(item);
    r.mutable_result()->set_score(score);
    r.mutable_result()->set_passed(passed);
    return Call(*Assess("wenjiang", "ASSESSOR"), &AStub::RecordCentralizedResult, r, out);
  }

  grpc::Status Propose(const std::string& j, const pv1::Person& p, int year,
                       const std::string& grade) {
    v1::ProposeAnnualRatingRequest r;
    r.set_parent(absl::StrCat("jurisdictions/", j));
    r.mutable_annual_rating()->set_person(p.name());
    r.mutable_annual_rating()->set_year(year);
    r.mutable_annual_rating()->set_grade(grade);
    v1::AnnualRating out;
    return Call(*Assess(j, "ENFORCEMENT_BUREAU"), &AStub::ProposeAnnualRating, r, &out);
  }

  grpc::Status Finalize(const std::string& j, const pv1::Unit& unit, int year,
                        v1::RatingYear* out) {
    v1::FinalizeAnnualRatingsRequest r;
    r.set_name(absl::StrCat(unit.name(), "/ratingYears/", year));
    return Call(*Assess(j, "ENFORCEMENT_BUREAU"), &AStub::FinalizeAnnualRatings, r, out);
  }

  int64_t Events(const std::string& consumer) {
    return Count(absl::StrCat("SELECT COUNT(*) FROM outbox_events WHERE consumer = '", consumer,
                              "' AND event_type LIKE '%AnnualRatingFinalized'"));
  }

  std::unique_ptr<TestServer> server_;
  int next_serial_ = 100;
};

}  // namespace auxpro::testing::assessment_district
