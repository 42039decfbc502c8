// The grading store's deadline, objection and attestation tables (migration 0002) against a real
// MariaDB: one open hold per application, step and holder (closed ones kept), a sent marker only
// on an open hold, a sweep's row locks that make a concurrent second sweep wait and see the
// marker, objections kept per notice in order, unsettled notices found, the latest attestation.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/time/clock.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/service/module.h"
#include "services/grading/flow_store.h"
#include "services/grading/grading_module.h"
#include "services/grading/grading_store.h"
#include "tests/support/test_env.h"

namespace auxpro::grading {
namespace {

class GradingStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(4);
    ASSERT_TRUE(service::MigrateModule(*pool_, GradingModule()).ok());
  }

  store::HoldRow Hold(const std::string& app, int step, int holder) {
    store::HoldRow h;
    h.application_id = app;
    h.person_id = "p-1";
    h.step = step;
    h.holder = holder;
    h.since = {2026, 11, 16};
    h.working_days = 10;
    h.due_on = CivilDate{2026, 11, 30};
    return h;
  }

  absl::Status Tx(const std::function<absl::Status(db::Transaction&)>& fn) {
    return pool_->Transact(fn);
  }

  std::vector<store::HoldRow> Open(const std::string& app) {
    std::vector<store::HoldRow> out;
    EXPECT_TRUE(pool_->Read([&](db::Transaction& tx) -> absl::Status {
                  ASSIGN_OR_RETURN(out, store::OpenHoldsOf(tx, "wenjiang", app, ""));
                  return absl::OkStatus();
                }).ok());
    return out;
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
};

TEST_F(GradingStoreTest, OneOpenHoldPerApplicationStepAndHolderClosedOnesKept) {
  ASSERT_TRUE(Tx([&](db::Transaction& tx) {
                return store::InsertHold(tx, "wenjiang", Hold("a-1", 2, 2), absl::Now());
              }).ok());
  absl::Status twice = Tx([&](db::Transaction& tx) {
    return store::InsertHold(tx, "wenjiang", Hold("a-1", 2, 2), absl::Now());
  });
  EXPECT_FALSE(twice.ok());
  // Another holder of the same step (a level-5 evaluation) is a hold of its own.
  ASSERT_TRUE(Tx([&](db::Transaction& tx) {
                return store::InsertHold(tx, "wenjiang", Hold("a-1", 2, 3), absl::Now());
              }).ok());
  auto open = Open("a-1");
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].since, (CivilDate{2026, 11, 16}));
  EXPECT_EQ(open[0].due_on, (CivilDate{2026, 11, 30}));
  ASSERT_TRUE(
      Tx([&](db::Transaction& tx) { return store::CloseHold(tx, "wenjiang", open[0].id, absl::Now()); })
          .ok());
  // Closed, the step may be entered again (a resubmission); the closed row stays.
  ASSERT_TRUE(Tx([&](db::Transaction& tx) {
                return store::InsertHold(tx, "wenjiang", Hold("a-1", 2, 2), absl::Now());
              }).ok());
  EXPECT_EQ(Open("a-1").size(), 2u);
  // Another jurisdiction sees none of them.
  std::vector<store::HoldRow> other;
  ASSERT_TRUE(pool_->Read([&](db::Transaction& tx) -> absl::Status {
                ASSIGN_OR_RETURN(other, store::ListOpenHolds(tx, "haimen", 0, 10, 0, false));
                return absl::OkStatus();
              }).ok());
  EXPECT_TRUE(other.empty());
}

TEST_F(GradingStoreTest, SentMarkerOnlyOnAnOpenHold) {
  ASSERT_TRUE(Tx([&](db::Transaction& tx) {
                return store::InsertHold(tx, "wenjiang", Hold("a-2", 2, 2), absl::Now());
              }).ok());
  const int64_t id = Open("a-2")[0].id;
  ASSERT_TRUE(Tx([&](db::Transaction& tx) {
                return store::MarkHoldSent(tx, "wenjiang", id, false, absl::Now());
              }).ok());
  auto h = Open("a-2")[0];
  EXPECT_TRUE(h.reminder_sent);
  EXPECT_FALSE(h.escalation_sent);
  ASSERT_TRUE(
      Tx([&](db::Transaction& tx) { return store::CloseHold(tx, "wenjiang", id, absl::Now()); }).ok());
  ASSERT_TRUE(Tx([&](db::Transaction& tx) {
                return store::MarkHoldSent(tx, "wenjiang", id, true, absl::Now());
              }).ok());
  EXPECT_TRUE(Open("a-2").empty());
}

// Two sweeps at once: each locks the open holds, reads the marker and sets it if unset. The
// second waits for the first and finds the marker: exactly one sends.
TEST_F(GradingStoreTest, ConcurrentSweepsSendAHoldsReminderOnce) {
  ASSERT_TRUE(Tx([&](db::Transaction& tx) {
                return store::InsertHold(tx, "wenjiang", Hold("a-3", 2, 2), absl::Now());
              }).ok());
  std::atomic<int> sent{0};
  auto sweep = [&] {
    absl::Status s = Tx([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(auto holds, store::ListOpenHolds(tx, "wenjiang", 0, 10, 0, /*lock=*/true));
      for (const auto& h : holds) {
        if (h.reminder_sent) continue;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        RETURN_IF_ERROR(store::MarkHoldSent(tx, "wenjiang", h.id, false, absl::Now()));
        ++sent;
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
  };
  std::thread a(sweep), b(sweep);
  a.join();
  b.join();
  EXPECT_EQ(sent.load(), 1);
}

TEST_F(GradingStoreTest, ObjectionsInOrderPerNoticeAndUnsettledNoticesFound) {
  v1::ResultNotice n;
  n.set_name("jurisdictions/wenjiang/resultNotices/n-1");
  n.set_document_ref("温编发〔2026〕12号");
  *n.mutable_publish_date() = ToProto(CivilDate{2026, 11, 20});
  ASSERT_TRUE(Tx([&](db::Transaction& tx) -> absl::Status {
                RETURN_IF_ERROR(store::InsertNotice(tx, "wenjiang", "n-1", n, absl::Now()).status());
                RETURN_IF_ERROR(store::SetNoticePeriod(tx, "wenjiang", "n-1", 5,
                                                       ToProto(CivilDate{2026, 11, 27}),
                                                       ToProto(CivilDate{2026, 11, 28}), false));
                for (const char* id : {"o-1", "o-2"}) {
                  v1::Objection o;
                  o.set_name(store::ObjectionName("wenjiang", "n-1", id));
                  o.set_application("jurisdictions/wenjiang/applications/a-1");
                  o.set_state(v1::Objection::PENDING);
                  *o.mutable_record_date() = ToProto(CivilDate{2026, 11, 23});
                  RETURN_IF_ERROR(
                      store::InsertObjection(tx, "wenjiang", id, "n-1", "a-1", o, absl::Now()));
                }
                return absl::OkStatus();
              }).ok());
  std::vector<std::string> unsettled, after_it;
  std::vector<v1::Objection> objections;
  ASSERT_TRUE(pool_->Read([&](db::Transaction& tx) -> absl::Status {
                ASSIGN_OR_RETURN(unsettled, store::UnsettledNotices(tx, "wenjiang", 10));
                // The scheduler's cursor: only notices after the last one examined.
                ASSIGN_OR_RETURN(after_it, store::UnsettledNotices(tx, "wenjiang", 10, "n-1"));
                ASSIGN_OR_RETURN(objections, store::ObjectionsOf(tx, "wenjiang", "n-1"));
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(unsettled, std::vector<std::string>{"n-1"});
  EXPECT_TRUE(after_it.empty());
  ASSERT_EQ(objections.size(), 2u);
  EXPECT_EQ(objections[0].name(), "jurisdictions/wenjiang/resultNotices/n-1/objections/o-1");
  // Settled, it is no longer swept.
  n.set_settled(true);
  ASSERT_TRUE(
      Tx([&](db::Transaction& tx) { return store::UpdateNotice(tx, "wenjiang", "n-1", n, absl::Now()); })
          .ok());
  ASSERT_TRUE(pool_->Read([&](db::Transaction& tx) -> absl::Status {
                ASSIGN_OR_RETURN(unsettled, store::UnsettledNotices(tx, "wenjiang", 10));
                return absl::OkStatus();
              }).ok());
  EXPECT_TRUE(unsettled.empty());
}

TEST_F(GradingStoreTest, TheLatestAttestationRecordCounts) {
  for (bool attested : {true, false, true}) {
    v1::PersonAttestation a;
    a.set_attestation(common::v1::PROPER_CONDUCT);
    a.set_attested(attested);
    a.set_evidence_ref(attested ? "ok" : "withdrawn");
    ASSERT_TRUE(Tx([&](db::Transaction& tx) {
                  return store::InsertAttestation(tx, "wenjiang", "p-1", a, absl::Now());
                }).ok());
  }
  std::map<int, v1::PersonAttestation> latest;
  ASSERT_TRUE(pool_->Read([&](db::Transaction& tx) -> absl::Status {
                ASSIGN_OR_RETURN(latest, store::LatestAttestations(tx, "wenjiang", "p-1"));
                return absl::OkStatus();
              }).ok());
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_TRUE(latest[common::v1::PROPER_CONDUCT].attested());
}

}  // namespace
}  // namespace auxpro::grading
