// libs/outbox against the real MariaDB and a real EventConsumer gRPC server over mTLS: events are
// written in the producer's transaction and delivered at least once, in order per subject, across
// consumer outages and relay restarts.

#include "libs/outbox/outbox.h"

#include <gmock/gmock.h>
#include <google/protobuf/wrappers.pb.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "auxpro/common/v1/events.grpc.pb.h"
#include "libs/db/migrations.h"
#include "libs/outbox/relay.h"
#include "libs/rpc/grpc_server.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

using common::v1::ConsumeEventRequest;
using common::v1::ConsumeEventResponse;
using common::v1::Event;
using google::protobuf::StringValue;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// What a consumer has seen; survives restarts of its server (it plays the consumer's database).
struct ConsumerState {
  std::mutex mu;
  std::vector<Event> applied;  // in the order applied
  std::set<std::string> applied_ids;
  std::map<std::string, int> calls_per_label;  // label = the payload's value
  int calls = 0;
  int duplicates = 0;
  // Behaviour knobs.
  std::set<std::string> unavailable_subjects;  // answer UNAVAILABLE without applying
  std::set<std::string> rejected_labels;       // answer INVALID_ARGUMENT
  std::set<std::string> lose_answer_once;      // apply, then answer UNAVAILABLE (once)

  std::vector<std::string> AppliedLabels(const std::string& subject) {
    std::lock_guard lock(mu);
    std::vector<std::string> out;
    for (const Event& e : applied) {
      if (e.subject() != subject) continue;
      StringValue v;
      e.payload().UnpackTo(&v);
      out.push_back(v.value());
    }
    return out;
  }
  int Calls() {
    std::lock_guard lock(mu);
    return calls;
  }
  int CallsFor(const std::string& label) {
    std::lock_guard lock(mu);
    return calls_per_label[label];
  }
  size_t AppliedCount() {
    std::lock_guard lock(mu);
    return applied.size();
  }
};

class Consumer final : public common::v1::EventConsumer::Service {
 public:
  explicit Consumer(std::shared_ptr<ConsumerState> state) : state_(std::move(state)) {}

  grpc::Status ConsumeEvent(grpc::ServerContext*, const ConsumeEventRequest* request,
                            ConsumeEventResponse* response) override {
    const Event& e = request->event();
    StringValue payload;
    if (!e.payload().UnpackTo(&payload)) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "unknown payload");
    }
    std::lock_guard lock(state_->mu);
    ++state_->calls;
    ++state_->calls_per_label[payload.value()];
    if (state_->unavailable_subjects.count(e.subject())) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "consumer database down");
    }
    if (state_->rejected_labels.count(payload.value())) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "event can never be applied");
    }
    if (state_->applied_ids.count(e.event_id())) {
      ++state_->duplicates;
      response->set_duplicate(true);
      return grpc::Status::OK;
    }
    state_->applied.push_back(e);
    state_->applied_ids.insert(e.event_id());
    if (state_->lose_answer_once.erase(payload.value()) > 0) {
      // Applied and committed, but the answer never reaches the producer.
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "crashed before answering");
    }
    return grpc::Status::OK;
  }

 private:
  std::shared_ptr<ConsumerState> state_;
};

// A consumer service process: can be stopped and started again (on a new port).
class ConsumerProcess {
 public:
  explicit ConsumerProcess(std::shared_ptr<ConsumerState> state) : state_(std::move(state)) {}
  // Whether the relay's certificate (the test SERVICE identity) is a trusted service here.
  void set_trust_test_service(bool trust) { trust_test_service_ = trust; }

  void Start() {
    service_ = std::make_unique<Consumer>(state_);
    rpc::ServerConfig config;
    config.listen = "127.0.0.1:0";
    config.tls = testing::ServerIdentity();
    if (trust_test_service_) config.trusted_service_ids = {testing::TestServiceId()};
    auto server =
        rpc::GrpcServer::Start(config, {service_.get()}, {"auxpro.common.v1.EventConsumer"});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    std::lock_guard lock(mu_);
    address_ = absl::StrCat("127.0.0.1:", server_->port());
    stub_.reset();
  }

  // Stops the server; the resolver keeps handing out a stub to the now closed port.
  void Stop() {
    if (server_) server_->Shutdown(0);
    server_.reset();
    service_.reset();
  }

  bool running() const { return server_ != nullptr; }

  // The resolver's answer: a stub to the current address (nullptr when never started).
  std::shared_ptr<common::v1::EventConsumer::StubInterface> Stub() {
    std::lock_guard lock(mu_);
    if (address_.empty()) return nullptr;
    if (!stub_) {
      auto channel = rpc::MakeMtlsChannel(address_, testing::ClientIdentity("system", "SERVICE"));
      if (!channel.ok()) return nullptr;
      stub_ = common::v1::EventConsumer::NewStub(*channel);
    }
    return stub_;
  }

  ~ConsumerProcess() { Stop(); }

 private:
  bool trust_test_service_ = true;
  std::shared_ptr<ConsumerState> state_;
  std::unique_ptr<Consumer> service_;
  std::unique_ptr<rpc::GrpcServer> server_;
  std::mutex mu_;
  std::string address_;
  std::shared_ptr<common::v1::EventConsumer::StubInterface> stub_;
};

struct OutboxRow {
  std::string event_id;
  std::string consumer;
  std::string subject;
  bool delivered;
  int64_t attempts;
  std::string last_error;
  bool parked;
};

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(4);
    absl::Status migrated = db::ApplyMigrations(*pool_, "outbox", outbox::Migrations());
    ASSERT_TRUE(migrated.ok()) << migrated;
    state_ = std::make_shared<ConsumerState>();
    consumer_ = std::make_unique<ConsumerProcess>(state_);
  }

  outbox::ConsumerResolver Resolver() {
    return
        [this](
            const std::string& name) -> std::shared_ptr<common::v1::EventConsumer::StubInterface> {
          if (name != "consumer") return nullptr;
          return consumer_->Stub();
        };
  }

  static outbox::RelayOptions FastOptions() {
    outbox::RelayOptions options;
    options.poll_interval = std::chrono::milliseconds(5);
    options.call_deadline = std::chrono::milliseconds(5000);
    options.min_backoff = std::chrono::milliseconds(0);
    options.max_backoff = std::chrono::milliseconds(0);
    return options;
  }

  // Enqueues events labelled (subject, label) in one producer transaction.
  void Enqueue(const std::vector<std::pair<std::string, std::string>>& events,
               const std::vector<std::string>& consumers = {"consumer"}) {
    absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      for (const auto& [subject, label] : events) {
        StringValue payload;
        payload.set_value(label);
        auto id = outbox::Enqueue(tx, {"personnel", consumers, "wenjiang", subject, &payload},
                                  absl::FromUnixMicros(int64_t{1767225600000000} + ++tick_));
        if (!id.ok()) return id.status();
        labels_[*id] = label;
      }
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  std::vector<OutboxRow> Rows() {
    std::vector<OutboxRow> out;
    absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
      auto rows = tx.Query(
          "SELECT event_id, consumer, subject, delivered_at IS NOT NULL, attempts, "
          "IFNULL(last_error, ''), parked FROM outbox_events ORDER BY id");
      if (!rows.ok()) return rows.status();
      for (const db::Row& r : *rows) {
        out.push_back({r.Str(0), r.Str(1), r.Str(2), r.Bool(3), r.Int(4), r.Str(5), r.Bool(6)});
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }

  OutboxRow RowOf(const std::string& label) {
    for (const OutboxRow& r : Rows()) {
      if (labels_[r.event_id] == label) return r;
    }
    ADD_FAILURE() << "no outbox row for " << label;
    return {};
  }

  int Deliver(outbox::Relay& relay) {
    auto n = relay.DeliverPending();
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::shared_ptr<ConsumerState> state_;
  std::unique_ptr<ConsumerProcess> consumer_;
  std::map<std::string, std::string> labels_;  // event_id -> label
  int64_t tick_ = 0;
};

TEST_F(OutboxTest, DeliversPendingEventsInOrderPerSubjectAndMarksThemDelivered) {
  consumer_->Start();
  Enqueue({{"persons/a", "a1"}, {"persons/b", "b1"}, {"persons/a", "a2"}});
  Enqueue({{"persons/b", "b2"}, {"persons/a", "a3"}});
  outbox::Relay relay(*pool_, Resolver(), FastOptions());
  EXPECT_EQ(Deliver(relay), 5);
  EXPECT_THAT(state_->AppliedLabels("persons/a"), ElementsAre("a1", "a2", "a3"));
  EXPECT_THAT(state_->AppliedLabels("persons/b"), ElementsAre("b1", "b2"));
  for (const OutboxRow& r : Rows()) {
    EXPECT_TRUE(r.delivered) << labels_[r.event_id];
    EXPECT_EQ(r.attempts, 1);
    EXPECT_EQ(r.last_error, "");
  }
  // Nothing is delivered twice.
  EXPECT_EQ(Deliver(relay), 0);
  EXPECT_EQ(state_->Calls(), 5);
  EXPECT_EQ(state_->duplicates, 0);
}

TEST_F(OutboxTest, TheEnvelopeCarriesTheEventAndItsPayload) {
  consumer_->Start();
  Enqueue({{"jurisdictions/wenjiang/persons/p-1", "张三 入职"}});
  outbox::Relay relay(*pool_, Resolver(), FastOptions());
  ASSERT_EQ(Deliver(relay), 1);
  ASSERT_EQ(state_->AppliedCount(), 1u);
  const Event e = state_->applied[0];
  EXPECT_EQ(labels_[e.event_id()], "张三 入职");
  EXPECT_EQ(e.event_id().size(), 36u);
  EXPECT_EQ(e.event_type(), "google.protobuf.StringValue");
  EXPECT_EQ(e.producer(), "personnel");
  EXPECT_EQ(e.jurisdiction(), "wenjiang");
  EXPECT_EQ(e.subject(), "jurisdictions/wenjiang/persons/p-1");
  EXPECT_EQ(e.occur_time().seconds(), 1767225600);
  EXPECT_EQ(e.occur_time().nanos(), 1000);
}

TEST_F(OutboxTest, EachConsumerGetsItsOwnCopy) {
  auto other_state = std::make_shared<ConsumerState>();
  ConsumerProcess other(other_state);
  other.Start();
  consumer_->Start();
  Enqueue({{"persons/a", "a1"}, {"persons/a", "a2"}}, {"consumer", "other"});
  outbox::Relay relay(
      *pool_,
      [&](const std::string& name) -> std::shared_ptr<common::v1::EventConsumer::StubInterface> {
        if (name == "consumer") return consumer_->Stub();
        if (name == "other") return other.Stub();
        return nullptr;
      },
      FastOptions());
  EXPECT_EQ(Deliver(relay), 4);
  EXPECT_THAT(state_->AppliedLabels("persons/a"), ElementsAre("a1", "a2"));
  EXPECT_THAT(other_state->AppliedLabels("persons/a"), ElementsAre("a1", "a2"));
  // The same event id for both consumers.
  EXPECT_EQ(state_->applied[0].event_id(), other_state->applied[0].event_id());
}

TEST_F(OutboxTest, EventsSurviveAConsumerOutageAndARelayCrash) {
  Enqueue({{"persons/a", "a1"}, {"persons/b", "b1"}, {"persons/a", "a2"}});
  Enqueue({{"persons/a", "a3"}, {"persons/b", "b2"}});

  // The consumer's address is known but nothing listens there.
  consumer_->Start();
  consumer_->Stop();
  {
    auto pool = schema_.Pool(2);
    auto relay = std::make_unique<outbox::Relay>(*pool, Resolver(), FastOptions());
    EXPECT_EQ(Deliver(*relay), 0);
    EXPECT_EQ(Deliver(*relay), 0);
    // Only the head of each subject was tried; the rest wait behind it.
    EXPECT_EQ(RowOf("a1").attempts, 2);
    EXPECT_EQ(RowOf("b1").attempts, 2);
    EXPECT_EQ(RowOf("a2").attempts, 0);
    EXPECT_EQ(RowOf("a3").attempts, 0);
    EXPECT_EQ(RowOf("b2").attempts, 0);
    EXPECT_THAT(RowOf("a1").last_error, HasSubstr("14: "));  // UNAVAILABLE
    for (const OutboxRow& r : Rows()) {
      EXPECT_FALSE(r.delivered);
      EXPECT_FALSE(r.parked);
    }

    // No route at all: recorded as well.
    outbox::Relay no_route(
        *pool, [](const std::string&) { return nullptr; }, FastOptions());
    EXPECT_EQ(Deliver(no_route), 0);
    EXPECT_EQ(RowOf("a1").attempts, 3);
    EXPECT_THAT(RowOf("a1").last_error, HasSubstr("no route to consumer \"consumer\""));
    relay.reset();  // the relay process dies
  }
  EXPECT_EQ(state_->Calls(), 0);

  // The consumer comes back on another port; a new relay process with a new pool delivers.
  consumer_->Start();
  auto pool = schema_.Pool(2);
  outbox::Relay relay(*pool, Resolver(), FastOptions());
  EXPECT_EQ(Deliver(relay), 5);
  EXPECT_THAT(state_->AppliedLabels("persons/a"), ElementsAre("a1", "a2", "a3"));
  EXPECT_THAT(state_->AppliedLabels("persons/b"), ElementsAre("b1", "b2"));
  for (const OutboxRow& r : Rows()) {
    EXPECT_TRUE(r.delivered) << labels_[r.event_id];
    EXPECT_EQ(r.last_error, "");
  }
  EXPECT_EQ(RowOf("a1").attempts, 4);
  EXPECT_EQ(Deliver(relay), 0);
  EXPECT_EQ(state_->duplicates, 0);
}

TEST_F(OutboxTest, AnEventAppliedButUnansweredIsRedeliveredAndAppliedOnce) {
  consumer_->Start();
  state_->lose_answer_once.insert("a1");
  Enqueue({{"persons/a", "a1"}, {"persons/a", "a2"}});
  outbox::Relay relay(*pool_, Resolver(), FastOptions());
  EXPECT_EQ(Deliver(relay), 0);  // a1 applied by the consumer, but the relay saw UNAVAILABLE
  EXPECT_FALSE(RowOf("a1").delivered);
  EXPECT_EQ(RowOf("a1").attempts, 1);
  EXPECT_EQ(state_->CallsFor("a2"), 0);  // held back behind a1

  EXPECT_EQ(Deliver(relay), 2);
  EXPECT_EQ(state_->CallsFor("a1"), 2);
  EXPECT_EQ(state_->duplicates, 1);  // the consumer recognised the redelivery
  EXPECT_THAT(state_->AppliedLabels("persons/a"), ElementsAre("a1", "a2"));
  EXPECT_TRUE(RowOf("a1").delivered);
  EXPECT_EQ(RowOf("a1").attempts, 2);
}

TEST_F(OutboxTest, AFailingEventHoldsBackItsSubjectButNotOthers) {
  consumer_->Start();
  state_->unavailable_subjects.insert("persons/a");
  Enqueue({{"persons/a", "a1"}, {"persons/b", "b1"}, {"persons/a", "a2"}, {"persons/b", "b2"}});
  outbox::Relay relay(*pool_, Resolver(), FastOptions());
  EXPECT_EQ(Deliver(relay), 2);
  EXPECT_THAT(state_->AppliedLabels("persons/b"), ElementsAre("b1", "b2"));
  EXPECT_THAT(state_->AppliedLabels("persons/a"), IsEmpty());
  EXPECT_EQ(state_->CallsFor("a1"), 1);
  EXPECT_EQ(state_->CallsFor("a2"), 0);
  EXPECT_THAT(RowOf("a1").last_error, HasSubstr("consumer database down"));

  {
    std::lock_guard lock(state_->mu);
    state_->unavailable_subjects.clear();
  }
  EXPECT_EQ(Deliver(relay), 2);
  EXPECT_THAT(state_->AppliedLabels("persons/a"), ElementsAre("a1", "a2"));
}

TEST_F(OutboxTest, AnEventInBackoffIsNotRetriedAndHoldsBackItsSubject) {
  consumer_->Start();
  state_->unavailable_subjects.insert("persons/a");
  Enqueue({{"persons/a", "a1"}, {"persons/a", "a2"}, {"persons/b", "b1"}});
  outbox::RelayOptions options = FastOptions();
  options.min_backoff = std::chrono::hours(1);
  options.max_backoff = std::chrono::hours(2);
  outbox::Relay relay(*pool_, Resolver(), options);
  EXPECT_EQ(Deliver(relay), 1);  // b1
  {
    std::lock_guard lock(state_->mu);
    state_->unavailable_subjects.clear();
  }
  EXPECT_EQ(Deliver(relay), 0);  // a1 waits an hour; a2 waits behind it
  EXPECT_EQ(state_->CallsFor("a1"), 1);
  EXPECT_EQ(state_->CallsFor("a2"), 0);
  // The hour passes.
  absl::Status s = pool_->Read([](db::Transaction& tx) {
    return tx
        .Exec(
            "UPDATE outbox_events SET next_attempt_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND "
            "WHERE delivered_at IS NULL AND attempts > ?",
            {0})
        .status();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Deliver(relay), 2);
  EXPECT_THAT(state_->AppliedLabels("persons/a"), ElementsAre("a1", "a2"));
}

TEST_F(OutboxTest, BackoffDoublesUpToTheMaximum) {
  state_->unavailable_subjects.insert("persons/a");
  consumer_->Start();
  Enqueue({{"persons/a", "a1"}});
  outbox::RelayOptions options = FastOptions();
  options.min_backoff = std::chrono::seconds(100);
  options.max_backoff = std::chrono::seconds(350);
  outbox::Relay relay(*pool_, Resolver(), options);
  std::vector<int64_t> delays;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Deliver(relay), 0);
    absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
      auto row = tx.QueryOne(
          "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), next_attempt_at) FROM outbox_events");
      if (!row.ok()) return row.status();
      delays.push_back((*row)->Int(0));
      // Make it due again for the next pass.
      return tx
          .Exec(
              "UPDATE outbox_events SET next_attempt_at = UTC_TIMESTAMP(6) - INTERVAL 1 "
              "SECOND")
          .status();
    });
    ASSERT_TRUE(s.ok()) << s;
  }
  ASSERT_EQ(delays.size(), 4u);
  // 100 s, 200 s, then capped at 350 s (give or take the second the statements took).
  EXPECT_NEAR(delays[0], 100, 2);
  EXPECT_NEAR(delays[1], 200, 2);
  EXPECT_NEAR(delays[2], 350, 2);
  EXPECT_NEAR(delays[3], 350, 2);
  EXPECT_EQ(RowOf("a1").attempts, 4);
}

TEST_F(OutboxTest, AConsumerInBackoffDoesNotStarveOthersBehindAFullBatch) {
  consumer_->Start();
  // Four subjects for a consumer with no route, then one event for the consumer that is up; the
  // relay reads two rows at a time.
  Enqueue({{"persons/d1", "d1"}, {"persons/d2", "d2"}, {"persons/d3", "d3"}, {"persons/d4", "d4"}},
          {"down"});
  Enqueue({{"persons/u", "u1"}});
  outbox::RelayOptions options = FastOptions();
  options.batch_size = 2;
  options.min_backoff = std::chrono::minutes(10);
  options.max_backoff = std::chrono::minutes(10);
  outbox::Relay relay(*pool_, Resolver(), options);
  int delivered = 0;
  for (int pass = 0; pass < 4; ++pass) delivered += Deliver(relay);
  EXPECT_EQ(delivered, 1);
  EXPECT_THAT(state_->AppliedLabels("persons/u"), ElementsAre("u1"));
}

TEST_F(OutboxTest, AConsumerRefusesAServiceIdentityItDoesNotTrust) {
  consumer_->set_trust_test_service(false);
  consumer_->Start();
  Enqueue({{"persons/a", "a1"}});
  outbox::Relay relay(*pool_, Resolver(), FastOptions());
  EXPECT_EQ(Deliver(relay), 0);
  EXPECT_EQ(state_->CallsFor("a1"), 0);  // refused before the handler
  EXPECT_THAT(RowOf("a1").last_error, HasSubstr("not trusted"));
}

TEST_F(OutboxTest, ADeadConsumerIsTriedAFewTimesPerPassAndOthersBeyondTheBatchFlow) {
  consumer_->Start();
  std::vector<std::pair<std::string, std::string>> waiting;
  for (int i = 0; i < 10; ++i) waiting.emplace_back(absl::StrCat("persons/d", i), "d");
  Enqueue(waiting, {"down"});  // no route to "down"
  Enqueue({{"persons/u", "u1"}});
  outbox::RelayOptions options = FastOptions();  // no backoff: every head is due again at once
  options.batch_size = 2;
  outbox::Relay relay(*pool_, Resolver(), options);
  EXPECT_EQ(Deliver(relay), 1);  // one call delivers past a batch full of the dead consumer
  EXPECT_THAT(state_->AppliedLabels("persons/u"), ElementsAre("u1"));
  EXPECT_EQ(
      testing::QueryInt(*pool_, "SELECT SUM(attempts) FROM outbox_events WHERE consumer = 'down'"),
      3);
}

TEST_F(OutboxTest, AnInvalidArgumentAnswerParksTheEventAndItsSubjectFlowsOn) {
  consumer_->Start();
  state_->rejected_labels.insert("a1");
  Enqueue({{"persons/a", "a1"}, {"persons/a", "a2"}, {"persons/a", "a3"}});
  outbox::Relay relay(*pool_, Resolver(), FastOptions());
  EXPECT_EQ(Deliver(relay), 2);
  EXPECT_THAT(state_->AppliedLabels("persons/a"), ElementsAre("a2", "a3"));
  const OutboxRow parked = RowOf("a1");
  EXPECT_TRUE(parked.parked);
  EXPECT_FALSE(parked.delivered);
  EXPECT_EQ(parked.attempts, 1);
  EXPECT_THAT(parked.last_error, HasSubstr("3: "));  // INVALID_ARGUMENT
  EXPECT_THAT(parked.last_error, HasSubstr("can never be applied"));
  // Parked events are never retried.
  EXPECT_EQ(Deliver(relay), 0);
  EXPECT_EQ(state_->CallsFor("a1"), 1);
  // Later events of the subject still flow.
  Enqueue({{"persons/a", "a4"}});
  EXPECT_EQ(Deliver(relay), 1);
  EXPECT_THAT(state_->AppliedLabels("persons/a"), ElementsAre("a2", "a3", "a4"));
}

TEST_F(OutboxTest, AnEnqueueInARolledBackTransactionWritesNothing) {
  consumer_->Start();
  absl::Status s = pool_->Transact([](db::Transaction& tx) -> absl::Status {
    StringValue payload;
    payload.set_value("ghost");
    auto id = outbox::Enqueue(tx, {"personnel", {"consumer"}, "wenjiang", "persons/a", &payload},
                              absl::FromUnixSeconds(1767225600));
    if (!id.ok()) return id.status();
    return absl::FailedPreconditionError("the change was refused");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(Rows(), IsEmpty());
  outbox::Relay relay(*pool_, Resolver(), FastOptions());
  EXPECT_EQ(Deliver(relay), 0);
  EXPECT_EQ(state_->Calls(), 0);
}

TEST_F(OutboxTest, AnEventWithoutPayloadIsRefused) {
  absl::Status s = pool_->Transact([](db::Transaction& tx) {
    return outbox::Enqueue(tx, {"personnel", {"consumer"}, "wenjiang", "persons/a", nullptr},
                           absl::FromUnixSeconds(1767225600))
        .status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Rows(), IsEmpty());
}

TEST_F(OutboxTest, OnlyOneRelayWorksOnASchemaAtATime) {
  consumer_->Start();
  Enqueue({{"persons/a", "a1"}});
  // Another replica holds the relay lock.
  auto other = schema_.Pool(1);
  auto lease = other->Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status();
  db::Transaction conn(*lease);
  auto locked = conn.QueryOne("SELECT GET_LOCK(CONCAT('auxpro_outbox.', DATABASE()), 0)");
  ASSERT_TRUE(locked.ok() && *locked && (*locked)->Int(0) == 1);
  outbox::Relay relay(*pool_, Resolver(), FastOptions());
  EXPECT_EQ(Deliver(relay), 0);
  EXPECT_EQ(state_->Calls(), 0);
  ASSERT_TRUE(conn.Exec("DO RELEASE_LOCK(CONCAT('auxpro_outbox.', DATABASE()))").ok());
  EXPECT_EQ(Deliver(relay), 1);
}

TEST_F(OutboxTest, AStartedRelayDeliversInTheBackground) {
  consumer_->Start();
  outbox::Relay relay(*pool_, Resolver(), FastOptions());
  relay.Start();
  Enqueue({{"persons/a", "a1"}, {"persons/a", "a2"}});
  for (int i = 0; i < 2000 && state_->AppliedCount() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  relay.Stop();
  EXPECT_THAT(state_->AppliedLabels("persons/a"), ElementsAre("a1", "a2"));
  const int calls = state_->Calls();
  Enqueue({{"persons/a", "a3"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(state_->Calls(), calls);  // stopped: nothing more is delivered
}

}  // namespace
}  // namespace auxpro
