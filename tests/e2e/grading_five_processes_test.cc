// DOMAIN.md section 7 example 1 across five auxpro-server processes, one per service
// (--target=<svc> --peers=...), each with its own database user, over mTLS: the same walk as in
// one process (tests/support/grading_walk), the level-4 notice brought into force by the
// establishment office's sweep once its objection period has ended. Where the person passes the
// check for level 4, the round lists them; then the points process is stopped: its row of the check
// reads UNAVAILABLE within the read deadline (never a pass, never a hang), the round fails
// UNAVAILABLE naming it, and once points is back the check passes again.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "tests/support/call.h"
#include "tests/support/five_processes.h"
#include "tests/support/grading_walk.h"

namespace auxpro {
namespace {

namespace v1 = grading::v1;
using Clock = std::chrono::steady_clock;

TEST(GradingFiveProcesses, Example1AndAStoppedDependencyAcrossFiveProcesses) {
  testing::FiveProcesses five;
  ASSERT_TRUE(five.ok()) << five.Log();
  const testing::ChannelTo channel = [&](const std::string& service, const std::string& kind) {
    return five.Channel(service, "wenjiang", kind);
  };
  auto office = v1::Grading::NewStub(five.Channel("grading", "wenjiang", "ESTABLISHMENT_OFFICE"));
  auto round = [&](v1::ListRoundEntriesResponse* out) {
    v1::ListRoundEntriesRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_page_size(100);
    return testing::Call(*office, &v1::Grading::Stub::ListRoundEntries, r, out);
  };
  const auto grading_db = five.RootPool("grading");
  const std::string person =
      testing::WalkExample1(channel, *grading_db, 401, [&](const std::string& who) {
        v1::ListRoundEntriesResponse listed;
        grpc::Status s = round(&listed);
        ASSERT_TRUE(s.ok()) << s.error_message();
        ASSERT_EQ(listed.round_entries_size(), 1);
        EXPECT_EQ(listed.round_entries(0).person(), who);
        EXPECT_EQ(listed.round_entries(0).kind(), v1::PROMOTION_ELIGIBLE);
        EXPECT_EQ(listed.round_entries(0).target_level(), 4);
        EXPECT_TRUE(listed.round_entries(0).check().passed());

        five.Stop("points");
        const auto start = Clock::now();
        v1::RequirementCheck c;
        s = testing::CheckOf(channel, who, 4, &c);
        const auto took = Clock::now() - start;
        ASSERT_TRUE(s.ok()) << s.error_message();
        EXPECT_LT(took, std::chrono::seconds(6)) << "the check waits at most its read deadline";
        EXPECT_FALSE(c.passed());
        EXPECT_EQ(testing::RowOf(c, v1::LEVEL_POINTS), v1::UNAVAILABLE);
        for (const auto& row : c.rows()) {
          if (row.requirement() != v1::LEVEL_POINTS) {
            EXPECT_NE(row.status(), v1::UNAVAILABLE) << v1::Requirement_Name(row.requirement());
          }
        }
        s = round(&listed);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
        EXPECT_THAT(s.error_message(), ::testing::HasSubstr("points"));

        ASSERT_TRUE(five.Start("points")) << five.Log();
        bool passed = false;
        for (int i = 0; i < 60 && !passed; ++i) {  // the channel reconnects with backoff
          passed = testing::CheckOf(channel, who, 4, &c).ok() && c.passed();
          if (!passed) std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
        EXPECT_TRUE(passed) << c.DebugString();
      });
  EXPECT_FALSE(person.empty());
  if (HasFailure()) ADD_FAILURE() << five.Log().substr(0, 20000);
}

}  // namespace
}  // namespace auxpro
