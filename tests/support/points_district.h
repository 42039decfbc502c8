#pragma once

// A demo district for the points service's tests: the points and personnel services in one
// in-process server (per-service database users, as in production), a unit, limits, a signed
// dispatch agreement, and helpers to hire people and post points as the agencies would.

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/common/v1/events.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "tests/support/call.h"
#include "tests/support/national_id.h"
#include "tests/support/test_server.h"

namespace auxpro::testing {

class PointsDistrict {
 public:
  PointsDistrict()
      : server_(std::make_unique<TestServer>(
            std::vector<service::ModuleSpec>{points::PointsModule(), personnel::PersonnelModule()},
            PerServiceUsers())) {
    bureau = points::v1::Points::NewStub(server_->Channel("wenjiang", "ENFORCEMENT_BUREAU"));
    office = points::v1::Points::NewStub(server_->Channel("wenjiang", "ESTABLISHMENT_OFFICE"));
    hr = points::v1::Points::NewStub(server_->Channel("wenjiang", "HR_COMPANY"));
    other = points::v1::Points::NewStub(server_->Channel("haimen", "ENFORCEMENT_BUREAU"));
    events = common::v1::EventConsumer::NewStub(server_->Channel("system", "SERVICE"));
    p_bureau_ =
        personnel::v1::Personnel::NewStub(server_->Channel("wenjiang", "ENFORCEMENT_BUREAU"));
    p_hr_ = personnel::v1::Personnel::NewStub(server_->Channel("wenjiang", "HR_COMPANY"));
    p_office_ =
        personnel::v1::Personnel::NewStub(server_->Channel("wenjiang", "ESTABLISHMENT_OFFICE"));
    Ready();
  }

  static TestServerOptions PerServiceUsers() {
    TestServerOptions options;
    options.per_service_users = true;
    return options;
  }

  TestServer& server() { return *server_; }

  // A person record, not hired.
  personnel::v1::Person Candidate() {
    const int serial = ++serial_;
    personnel::v1::CreatePersonRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.mutable_person()->set_full_name(absl::StrCat("积分人员", serial));
    r.mutable_person()->set_national_id(MakeNationalId(1990, 5, 17, serial));
    r.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
    r.mutable_person()->set_post_type(personnel::v1::FIELD);
    r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    personnel::v1::Person out;
    grpc::Status s = Call(*p_hr_, &personnel::v1::Personnel::Stub::CreatePerson, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // A hired person (PROBATION).
  personnel::v1::Person Hired() {
    personnel::v1::Person p = Candidate();
    personnel::v1::HirePersonRequest r;
    r.set_name(p.name());
    r.set_unit(unit_.name());
    r.set_dispatch_agreement(agreement_.name());
    personnel::v1::Person out;
    grpc::Status s = Call(*p_bureau_, &personnel::v1::Personnel::Stub::HirePerson, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    // Personnel's PersonHired reaches points through the outbox: the ledger opens the person.
    EXPECT_TRUE(WaitFor([&] { return Balance(out.name()).has_level_period_start(); }))
        << "PersonHired of " << out.name() << " not applied by points";
    return out;
  }

  grpc::Status Exit(const personnel::v1::Person& p) {
    personnel::v1::ExitPersonRequest exit;
    exit.set_name(p.name());
    exit.set_reason(personnel::v1::RESIGNATION);
    for (const auto& item : server_->policies().Find("wenjiang")->exit().checklist()) {
      exit.add_confirmed_checklist(item);
    }
    personnel::v1::Person out;
    return Call(*p_bureau_, &personnel::v1::Personnel::Stub::ExitPerson, exit, &out);
  }

  static points::v1::RecordCommendationRequest Commendation(const std::string& person,
                                                            common::v1::CommendationBody body,
                                                            common::v1::CommendationLevel level,
                                                            const std::string& matter,
                                                            bool own = true) {
    points::v1::RecordCommendationRequest r;
    r.set_parent(person);
    r.mutable_commendation()->set_body(body);
    r.mutable_commendation()->set_level(level);
    r.mutable_commendation()->set_in_own_name(own);
    r.mutable_commendation()->set_matter_id(matter);
    r.mutable_commendation()->set_reason("见义勇为");
    r.mutable_commendation()->set_evidence_ref("温府发〔2026〕8号");
    return r;
  }

  static points::v1::RecordBreachRequest Breach(const std::string& person, const std::string& rule,
                                                int amount) {
    points::v1::RecordBreachRequest r;
    r.set_parent(person);
    r.set_rule_code(rule);
    r.set_amount(amount);
    r.set_reason("违反工作纪律");
    return r;
  }

  grpc::Status Commend(const points::v1::RecordCommendationRequest& r,
                       points::v1::PointEntry* out) {
    return Call(*bureau, &points::v1::Points::Stub::RecordCommendation, r, out);
  }

  points::v1::PointBalance Balance(const std::string& person) {
    points::v1::GetPointBalanceRequest r;
    r.set_name(person + "/pointBalance");
    points::v1::PointBalance out;
    grpc::Status s = Call(*hr, &points::v1::Points::Stub::GetPointBalance, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // Delivers an event to "points" as the producing service's relay would; `answer` gets the
  // consumer's response.
  grpc::Status Deliver(const std::string& event_id, const std::string& producer,
                       const google::protobuf::Message& payload,
                       common::v1::ConsumeEventResponse* answer = nullptr) {
    common::v1::ConsumeEventRequest r;
    r.set_consumer("points");
    common::v1::Event* e = r.mutable_event();
    e->set_event_id(event_id);
    e->set_event_type(payload.GetDescriptor()->full_name());
    e->set_producer(producer);
    e->set_jurisdiction("wenjiang");
    e->mutable_payload()->PackFrom(payload);
    common::v1::ConsumeEventResponse out;
    return Call(*events, &common::v1::EventConsumer::Stub::ConsumeEvent, r, answer ? answer : &out);
  }

  // Waits (up to 30 s) until `done` holds; the outbox relay delivers asynchronously.
  template <typename Done>
  static bool WaitFor(Done done) {
    const absl::Time until = absl::Now() + absl::Seconds(30);
    while (absl::Now() < until) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return done();
  }

  std::unique_ptr<points::v1::Points::Stub> bureau, office, hr, other;
  std::unique_ptr<common::v1::EventConsumer::Stub> events;

 private:
  void Ready() {
    personnel::v1::CreateUnitRequest u;
    u.set_parent("jurisdictions/wenjiang");
    u.set_unit_id("unit-1");
    u.mutable_unit()->set_display_name("一中队");
    grpc::Status s = Call(*p_bureau_, &personnel::v1::Personnel::Stub::CreateUnit, u, &unit_);
    ASSERT_TRUE(s.ok()) << s.error_message();
    personnel::v1::SetHeadcountLimitRequest l;
    l.set_parent("jurisdictions/wenjiang");
    l.set_limit(500);
    l.set_document_ref("温编发〔2026〕1号");
    personnel::v1::HeadcountLimit limit;
    s = Call(*p_office_, &personnel::v1::Personnel::Stub::SetHeadcountLimit, l, &limit);
    ASSERT_TRUE(s.ok()) << s.error_message();
    personnel::v1::CreateDispatchAgreementRequest a;
    a.set_parent("jurisdictions/wenjiang");
    auto* d = a.mutable_dispatch_agreement();
    d->set_title("劳务派遣协议");
    d->add_posts("巡查");
    d->set_duties("协助巡查");
    d->set_headcount(500);
    common::v1::Date start = DateOf(absl::Now());
    start.set_year(start.year() - 1);
    common::v1::Date end = DateOf(absl::Now());
    end.set_year(end.year() + 1);
    *d->mutable_start_date() = start;
    *d->mutable_end_date() = end;
    d->set_monthly_pay_fen(450000);
    s = Call(*p_hr_, &personnel::v1::Personnel::Stub::CreateDispatchAgreement, a, &agreement_);
    ASSERT_TRUE(s.ok()) << s.error_message();
    personnel::v1::SignDispatchAgreementRequest sign;
    sign.set_name(agreement_.name());
    s = Call(*p_bureau_, &personnel::v1::Personnel::Stub::SignDispatchAgreement, sign, &agreement_);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<personnel::v1::Personnel::Stub> p_bureau_, p_hr_, p_office_;
  personnel::v1::Unit unit_;
  personnel::v1::DispatchAgreement agreement_;
  int serial_ = 0;
};

}  // namespace auxpro::testing
