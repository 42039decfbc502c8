// wenjiang 7.3.1.2 end to end: a probationer sits the first centralized assessment after joining,
// the assessor records the results in the assessment service, its outbox delivers each result to
// the personnel service (ProbationAssessmentResult, consumer "personnel"), which records it on the
// person's probation as evidence (applied once per event id) and shows it when the probation is
// ended. Assessment and personnel in one in-process server over mTLS, real MariaDB.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "auxpro/assessment/v1/events.pb.h"
#include "auxpro/common/v1/events.grpc.pb.h"
#include "tests/support/assessment_district.h"

namespace auxpro::testing::assessment_district {
namespace {

using ::testing::HasSubstr;

class PersonnelProbationEvidenceTest : public AssessmentDistrictTest {
 protected:
  pv1::Person Get(const pv1::Person& p) {
    pv1::GetPersonRequest r;
    r.set_name(p.name());
    pv1::Person out;
    grpc::Status s = Call(*Personnel("wenjiang", "HR_COMPANY"), &PStub::GetPerson, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // Polls until the person shows `n` probation assessment results (the relay polls every 0.5 s).
  pv1::Person WaitForEvidence(const pv1::Person& p, int n) {
    pv1::Person seen;
    for (int i = 0; i < 200; ++i) {
      seen = Get(p);
      if (seen.probation_assessments_size() >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return seen;
  }

  grpc::Status Deliver(const common::v1::Event& event, common::v1::ConsumeEventResponse* out) {
    common::v1::ConsumeEventRequest r;
    *r.mutable_event() = event;
    r.set_consumer("personnel");
    auto stub = common::v1::EventConsumer::NewStub(server_->Channel("system", "SERVICE"));
    return Call(*stub, &common::v1::EventConsumer::Stub::ConsumeEvent, r, out);
  }

  static common::v1::Event ProbationEvent(const std::string& id,
                                          const v1::ProbationAssessmentResult& payload) {
    common::v1::Event e;
    e.set_event_id(id);
    e.set_event_type(v1::ProbationAssessmentResult::descriptor()->full_name());
    e.set_producer("assessment");
    e.set_jurisdiction("wenjiang");
    e.set_subject(payload.person());
    e.mutable_payload()->PackFrom(payload);
    return e;
  }
};

TEST_F(PersonnelProbationEvidenceTest,
       Wenjiang7312FirstCentralizedAssessmentResultsReachThePersonsProbationAndItsEnd) {
  Unit u = HiredUnit("wenjiang", "u1", 1);
  const pv1::Person& p = u.persons[0];
  ASSERT_EQ(p.state(), pv1::PROBATION);
  v1::AssessmentSession first = Session("wenjiang", ThisYear() - 1, 1, u.persons,
                                        "wenjiang-assessor");
  ASSERT_EQ(first.participants(0).basis(), v1::AssessmentSession::PROBATION_FIRST_SESSION);
  v1::CentralizedResult physical, exam;
  grpc::Status s = Result(first, p, "PHYSICAL_TEST", 0, true, &physical);
  ASSERT_TRUE(s.ok()) << s.error_message();
  s = Result(first, p, "PROFESSIONAL_EXAM", 85, true, &exam);
  ASSERT_TRUE(s.ok()) << s.error_message();

  // Delivered by the assessment service's outbox, recorded on the probation.
  pv1::Person seen = WaitForEvidence(p, 2);
  ASSERT_EQ(seen.probation_assessments_size(), 2) << "not delivered to personnel";
  EXPECT_EQ(seen.probation_assessments(0).result(), physical.name());
  EXPECT_EQ(seen.probation_assessments(0).session(), first.name());
  EXPECT_EQ(seen.probation_assessments(0).item(), "PHYSICAL_TEST");
  EXPECT_TRUE(seen.probation_assessments(0).passed());
  EXPECT_EQ(seen.probation_assessments(1).result(), exam.name());
  EXPECT_FALSE(seen.probation_assessments(0).event_id().empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE consumer = 'personnel' AND "
                  "delivered_at IS NULL"),
            0);

  // The probation decision reads it: its evidence defaults to the session, and the results are
  // shown with the result recorded.
  pv1::EndProbationRequest end;
  end.set_name(p.name());
  end.set_result(pv1::PROBATION_PASSED);
  end.set_request_id("probation-evidence-end-1");
  pv1::Person ended;
  s = Call(*Personnel("wenjiang", "HR_COMPANY"), &PStub::EndProbation, end, &ended);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(ended.state(), pv1::ACTIVE);
  EXPECT_EQ(ended.probation_result(), pv1::PROBATION_PASSED);
  EXPECT_EQ(ended.probation_evidence_ref(), first.name());
  ASSERT_EQ(ended.probation_assessments_size(), 2);
  EXPECT_EQ(ended.probation_assessments(1).item(), "PROFESSIONAL_EXAM");
  EXPECT_EQ(Get(p).probation_assessments_size(), 2);
}

TEST_F(PersonnelProbationEvidenceTest,
       Wenjiang7312ProbationResultEventIsAppliedOncePerEventIdAndADuplicateIsAnswered) {
  Unit u = HiredUnit("wenjiang", "u2", 1);
  const pv1::Person& p = u.persons[0];
  v1::ProbationAssessmentResult payload;
  payload.set_person(p.name());
  payload.set_session("jurisdictions/wenjiang/assessmentSessions/s-manual");
  payload.set_result("jurisdictions/wenjiang/assessmentSessions/s-manual/results/r-1");
  payload.set_year(ThisYear());
  payload.set_quarter(1);
  payload.set_item("PHYSICAL_TEST");
  payload.set_attempt(1);
  payload.set_passed(false);
  common::v1::ConsumeEventResponse first, again;
  grpc::Status s = Deliver(ProbationEvent("evt-probation-1", payload), &first);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(first.duplicate());
  s = Deliver(ProbationEvent("evt-probation-1", payload), &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(again.duplicate());
  pv1::Person seen = Get(p);
  ASSERT_EQ(seen.probation_assessments_size(), 1);
  EXPECT_FALSE(seen.probation_assessments(0).passed());
  EXPECT_EQ(seen.probation_assessments(0).event_id(), "evt-probation-1");

  // Events it can never apply are INVALID_ARGUMENT (the producer parks them), nothing written.
  v1::ProbationAssessmentResult unknown = payload;
  unknown.set_person("jurisdictions/wenjiang/persons/p-nobody");
  common::v1::ConsumeEventResponse out;
  s = Deliver(ProbationEvent("evt-probation-2", unknown), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("unknown person"));
  v1::ProbationAssessmentResult foreign = payload;
  foreign.set_person("jurisdictions/haimen/persons/p1");
  s = Deliver(ProbationEvent("evt-probation-3", foreign), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::ProbationAssessmentResult no_item = payload;
  no_item.clear_item();
  s = Deliver(ProbationEvent("evt-probation-4", no_item), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("item"));
  common::v1::Event other = ProbationEvent("evt-probation-5", payload);
  other.set_event_type("auxpro.assessment.v1.AnnualRatingFinalized");
  s = Deliver(other, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("does not consume"));
  // A candidate never hired has no probation to record it on.
  pv1::Person candidate = NewPerson("wenjiang", 9001);
  v1::ProbationAssessmentResult early = payload;
  early.set_person(candidate.name());
  s = Deliver(ProbationEvent("evt-probation-6", early), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Get(candidate).probation_assessments_size(), 0);
  EXPECT_EQ(Get(p).probation_assessments_size(), 1);
}

}  // namespace
}  // namespace auxpro::testing::assessment_district
