// A finalized year through the outbox of the real auxpro-server: one AnnualRatingFinalized per
// person reaches the points and grading services, and a top grade (+5 for points) is applied
// exactly once per person — also when the server is killed in the middle of delivery and
// restarted.

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/assessment/v1/events.pb.h"
#include "auxpro/common/v1/events.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/rpc/grpc_server.h"
#include "tests/support/national_id.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace pv1 = personnel::v1;
namespace av1 = assessment::v1;

// A consumer standing in for points or grading: applies each rating event id once; until opened
// it accepts only the first `accept_before_open` of them and answers UNAVAILABLE to the rest.
class GateConsumer final : public common::v1::EventConsumer::Service {
 public:
  explicit GateConsumer(size_t accept_before_open) : accept_(accept_before_open) {}
  grpc::Status ConsumeEvent(grpc::ServerContext*, const common::v1::ConsumeEventRequest* request,
                            common::v1::ConsumeEventResponse* response) override {
    // Personnel's events (a hire also goes to points) are accepted and not counted here.
    if (request->event().event_type() != av1::AnnualRatingFinalized::descriptor()->full_name()) {
      return grpc::Status::OK;
    }
    std::lock_guard lock(mu_);
    if (!open_ && applied_.size() >= accept_ && !seen_.contains(request->event().event_id())) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "consumer busy");
    }
    const bool duplicate = !seen_.insert(request->event().event_id()).second;
    response->set_duplicate(duplicate);
    if (!duplicate) applied_.push_back(request->event());
    return grpc::Status::OK;
  }
  void Open() {
    std::lock_guard lock(mu_);
    open_ = true;
  }
  std::vector<common::v1::Event> applied() {
    std::lock_guard lock(mu_);
    return applied_;
  }

 private:
  std::mutex mu_;
  size_t accept_;
  bool open_ = false;
  std::set<std::string> seen_;
  std::vector<common::v1::Event> applied_;
};

template <typename Call>
void MustCall(const char* what, Call call) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  grpc::Status status = call(&context);
  ASSERT_TRUE(status.ok()) << what << ": " << status.error_message();
}

std::string RequestId(const std::string& step) { return "assessment-outbox-" + step; }

template <typename Pred>
bool WaitFor(Pred done, int tenths) {
  for (int i = 0; i < tenths && !done(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

TEST(AssessmentOutbox, ATopGradeReachesPointsExactlyOncePerPersonAcrossARestart) {
  testing::ServerDatabases dbs(testing::AllModuleNames());
  const int points_port = testing::FreePort();
  const int grading_port = testing::FreePort();
  const std::string args =
      absl::StrCat("--target=personnel,assessment --peers=points=127.0.0.1:", points_port,
                   ",grading=127.0.0.1:", grading_port, " ", dbs.Flags());
  const auto log = dbs.dir() / "server.log";

  // Consumers up; points takes one event, then is busy until opened.
  GateConsumer points(1), grading(100);
  auto start_consumer = [](GateConsumer* consumer, int port) {
    auto started = rpc::GrpcServer::Start(
        {absl::StrCat("127.0.0.1:", port), testing::ServerIdentity(), "", {}}, {consumer}, {});
    EXPECT_TRUE(started.ok()) << started.status();
    return started.ok() ? std::move(*started) : nullptr;
  };
  auto points_server = start_consumer(&points, points_port);
  auto grading_server = start_consumer(&grading, grading_port);
  ASSERT_TRUE(points_server && grading_server);

  auto server = std::make_unique<testing::ServerProcess>(args, log);
  const int port = server->WaitUntilServing();
  ASSERT_GT(port, 0) << server->Log();
  auto channel = [&](const std::string& kind) {
    return *rpc::MakeMtlsChannel(absl::StrCat("127.0.0.1:", port),
                                 testing::ClientIdentity("wenjiang", kind));
  };
  auto bureau = pv1::Personnel::NewStub(channel("ENFORCEMENT_BUREAU"));
  auto hr = pv1::Personnel::NewStub(channel("HR_COMPANY"));
  auto office = pv1::Personnel::NewStub(channel("ESTABLISHMENT_OFFICE"));
  auto assess = av1::Assessment::NewStub(channel("ENFORCEMENT_BUREAU"));

  pv1::Unit unit;
  MustCall("unit", [&](auto* c) {
    pv1::CreateUnitRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_unit_id("unit-1");
    r.mutable_unit()->set_display_name("一中队");
    r.set_request_id(RequestId("unit"));
    return bureau->CreateUnit(c, r, &unit);
  });
  MustCall("limit", [&](auto* c) {
    pv1::SetHeadcountLimitRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_limit(10);
    r.set_request_id(RequestId("limit"));
    pv1::HeadcountLimit out;
    return office->SetHeadcountLimit(c, r, &out);
  });
  pv1::DispatchAgreement agreement;
  MustCall("agreement", [&](auto* c) {
    pv1::CreateDispatchAgreementRequest r;
    r.set_parent("jurisdictions/wenjiang");
    auto* a = r.mutable_dispatch_agreement();
    a->set_title("派遣协议");
    a->set_headcount(10);
    *a->mutable_start_date() = ToProto(CivilDate{2000, 1, 1});
    *a->mutable_end_date() = ToProto(CivilDate{2100, 1, 1});
    r.set_request_id(RequestId("agreement"));
    return hr->CreateDispatchAgreement(c, r, &agreement);
  });
  MustCall("sign", [&](auto* c) {
    pv1::SignDispatchAgreementRequest r;
    r.set_name(agreement.name());
    r.set_request_id(RequestId("sign"));
    return bureau->SignDispatchAgreement(c, r, &agreement);
  });
  const int year = DateOf(absl::Now()).year() - 1;
  std::set<std::string> persons;
  for (int i = 0; i < 3; ++i) {
    pv1::Person person;
    MustCall("person", [&](auto* c) {
      pv1::CreatePersonRequest r;
      r.set_parent("jurisdictions/wenjiang");
      r.mutable_person()->set_full_name(absl::StrCat("协管员", i));
      r.mutable_person()->set_national_id(testing::MakeNationalId(1990, 1, 1, 20 + i));
      r.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
      r.mutable_person()->set_post_type(pv1::FIELD);
      r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
      r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
      r.set_request_id(RequestId(absl::StrCat("person-", i)));
      return hr->CreatePerson(c, r, &person);
    });
    MustCall("hire", [&](auto* c) {
      pv1::HirePersonRequest r;
      r.set_name(person.name());
      r.set_unit(unit.name());
      r.set_dispatch_agreement(agreement.name());
      r.set_request_id(RequestId(absl::StrCat("hire-", i)));
      return bureau->HirePerson(c, r, &person);
    });
    MustCall("propose", [&](auto* c) {
      av1::ProposeAnnualRatingRequest r;
      r.set_parent("jurisdictions/wenjiang");
      r.mutable_annual_rating()->set_person(person.name());
      r.mutable_annual_rating()->set_year(year);
      r.mutable_annual_rating()->set_grade("EXCELLENT");  // wenjiang: uncapped
      r.set_request_id(RequestId(absl::StrCat("propose-", i)));
      av1::AnnualRating out;
      return assess->ProposeAnnualRating(c, r, &out);
    });
    persons.insert(person.name());
  }
  MustCall("finalize", [&](auto* c) {
    av1::FinalizeAnnualRatingsRequest r;
    r.set_name(absl::StrCat(unit.name(), "/ratingYears/", year));
    r.set_request_id(RequestId("finalize"));
    av1::RatingYear out;
    return assess->FinalizeAnnualRatings(c, r, &out);
  });

  // Part delivered, part refused by the busy consumer: then the server dies.
  auto db = dbs.RootPool("assessment");
  ASSERT_TRUE(WaitFor(
      [&] {
        return points.applied().size() == 1 &&
               testing::QueryInt(*db,
                                 "SELECT COUNT(*) FROM outbox_events WHERE consumer = "
                                 "'points' AND delivered_at IS NULL AND attempts > 0") > 0;
      },
      300));
  server->Signal(SIGKILL);
  EXPECT_EQ(server->Wait(), 128 + SIGKILL);
  server.reset();

  // The consumer opens, the server comes back: everything arrives, each once.
  points.Open();
  server = std::make_unique<testing::ServerProcess>(args, log);
  ASSERT_GT(server->WaitUntilServing(), 0) << server->Log();
  EXPECT_TRUE(
      WaitFor([&] { return points.applied().size() >= 3 && grading.applied().size() >= 3; }, 600))
      << "points " << points.applied().size() << ", grading " << grading.applied().size();
  std::map<std::string, int> top_grades;
  for (const auto& event : points.applied()) {
    EXPECT_EQ(event.event_type(), "auxpro.assessment.v1.AnnualRatingFinalized");
    av1::AnnualRatingFinalized finalized;
    ASSERT_TRUE(event.payload().UnpackTo(&finalized));
    EXPECT_EQ(finalized.year(), year);
    EXPECT_EQ(event.subject(), finalized.person());
    if (finalized.top_grade()) ++top_grades[finalized.person()];
  }
  ASSERT_EQ(top_grades.size(), persons.size());
  for (const auto& [person, n] : top_grades) {
    EXPECT_TRUE(persons.contains(person)) << person;
    EXPECT_EQ(n, 1) << person;
  }
  int graded = 0;  // only rating events are recorded
  for (const auto& event : grading.applied()) {
    graded += event.event_type() == "auxpro.assessment.v1.AnnualRatingFinalized" ? 1 : 0;
  }
  EXPECT_EQ(graded, 3);
  EXPECT_TRUE(WaitFor(
      [&] {
        return testing::QueryInt(*db,
                                 "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS "
                                 "NULL") == 0;
      },
      100));
}

}  // namespace
}  // namespace auxpro
