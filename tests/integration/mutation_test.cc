// service::RunMutation against the real MariaDB: one transaction holding the idempotency key, the
// change, the audit row and the stored response.

#include "libs/service/mutation.h"

#include <gmock/gmock.h>
#include <google/protobuf/wrappers.pb.h>
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/audit/audit_log.h"
#include "libs/common/digest.h"
#include "libs/db/migrations.h"
#include "libs/idempotency/idempotency_keys.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

// The key that seals stored responses.
const crypto::FieldCipher& Seal() {
  static const crypto::FieldCipher cipher =
      *crypto::FieldCipher::FromHexKey(testing::TestFieldKeyHex());
  return cipher;
}

using google::protobuf::Int64Value;
using google::protobuf::StringValue;
using ::testing::HasSubstr;

constexpr char kMethod[] = "auxpro.test.v1.Things/CreateThing";

class MutationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(12);
    ASSERT_TRUE(db::ApplyMigrations(*pool_, "audit", audit::Migrations()).ok());
    ASSERT_TRUE(db::ApplyMigrations(*pool_, "idempotency", idempotency::Migrations()).ok());
    absl::Status created = pool_->Read([](db::Transaction& tx) {
      return tx
          .Exec(
              "CREATE TABLE things (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
              "value VARCHAR(64) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")
          .status();
    });
    ASSERT_TRUE(created.ok()) << created;
    call_ = Call("spiffe://auxpro/wenjiang/ENFORCEMENT_BUREAU/wenjiang-enforcement-bureau");
  }

  static rpc::CallContext Call(const std::string& spiffe_id) {
    rpc::CallContext call;
    auto principal = auth::ParseSpiffeId(spiffe_id);
    EXPECT_TRUE(principal.ok()) << principal.status();
    call.principal = *principal;
    call.principal.actor = "李四";
    call.method = kMethod;
    call.now = absl::FromUnixMicros(int64_t{1767225600123456});
    return call;
  }

  static StringValue Request(const std::string& value) {
    StringValue request;
    request.set_value(value);
    return request;
  }

  // The change: inserts the request's value and answers the new row's id.
  std::function<absl::StatusOr<std::string>(db::Transaction&)> InsertThing(
      const StringValue& request, Int64Value* response) {
    return [this, &request, response](db::Transaction& tx) -> absl::StatusOr<std::string> {
      ++changes_;
      auto inserted = tx.Exec("INSERT INTO things (value) VALUES (?)", {request.value()});
      if (!inserted.ok()) return inserted.status();
      auto id = tx.LastInsertId();
      if (!id.ok()) return id.status();
      response->set_value(*id);
      return absl::StrCat("jurisdictions/wenjiang/things/", *id);
    };
  }

  absl::Status Run(const rpc::CallContext& call, const std::string& request_id,
                   const StringValue& request, Int64Value* response) {
    return service::RunMutation(*pool_, Seal(), call, "wenjiang", request_id, request, response,
                                InsertThing(request, response));
  }

  // One change applied, one row, one audit row, one idempotency key.
  void ExpectExactlyOneEffect() {
    EXPECT_EQ(changes_.load(), 1);
    EXPECT_EQ(Count("things"), 1);
    EXPECT_EQ(Count("audit_log"), 1);
    EXPECT_EQ(Count("idempotency_keys"), 1);
  }

  int64_t Count(const std::string& table) {
    return testing::QueryInt(*pool_, absl::StrCat("SELECT COUNT(*) FROM ", table));
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
  rpc::CallContext call_;
  std::atomic<int> changes_{0};
};

TEST_F(MutationTest, FirstCallAppliesTheChangeAndAnswersItsResponse) {
  const StringValue request = Request("一中队");
  Int64Value response;
  absl::Status s = Run(call_, "req-1", request, &response);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_GT(response.value(), 0);
  ExpectExactlyOneEffect();
}

TEST_F(MutationTest, TheAuditRowRecordsWhoDidWhatToWhich) {
  const StringValue request = Request("x");
  Int64Value response;
  ASSERT_TRUE(Run(call_, "req-audit", request, &response).ok());
  absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
    auto row = tx.QueryOne(
        "SELECT jurisdiction, seq, principal, actor, method, resource, request_id, digest "
        "FROM audit_log");
    if (!row.ok()) return row.status();
    EXPECT_TRUE(row->has_value());
    const db::Row& r = **row;
    EXPECT_EQ(r.Str(0), "wenjiang");
    EXPECT_EQ(r.Int(1), 1);
    EXPECT_EQ(r.Str(2), "ENFORCEMENT_BUREAU wenjiang-enforcement-bureau@wenjiang");
    EXPECT_EQ(r.Str(3), "李四");
    EXPECT_EQ(r.Str(4), kMethod);
    EXPECT_EQ(r.Str(5), absl::StrCat("jurisdictions/wenjiang/things/", response.value()));
    EXPECT_EQ(r.Str(6), "req-audit");
    EXPECT_EQ(r.Str(7), Sha256Hex(DeterministicBytes(request)));
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  auto verified = audit::Verify(*pool_, "wenjiang", Seal());
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact()) << verified->problem();
}

TEST_F(MutationTest, ARetryWithTheSameRequestIdGetsTheSameResponseAndChangesNothing) {
  const StringValue request = Request("一中队");
  Int64Value first;
  ASSERT_TRUE(Run(call_, "req-1", request, &first).ok());
  Int64Value second;
  second.set_value(-7);  // whatever the caller's message held is replaced
  absl::Status s = Run(call_, "req-1", request, &second);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(second.value(), first.value());
  EXPECT_EQ(DeterministicBytes(second), DeterministicBytes(first));
  ExpectExactlyOneEffect();
}

TEST_F(MutationTest, TheSameRequestIdWithADifferentRequestIsRequestIdReused) {
  Int64Value first;
  ASSERT_TRUE(Run(call_, "req-1", Request("a"), &first).ok());
  Int64Value second;
  absl::Status s = Run(call_, "req-1", Request("b"), &second);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("REQUEST_ID_REUSED"));
  EXPECT_EQ(changes_.load(), 1);
  EXPECT_EQ(Count("things"), 1);
  EXPECT_EQ(Count("audit_log"), 1);
}

TEST_F(MutationTest, TheSameRequestIdOnAnotherMethodIsRequestIdReused) {
  const StringValue request = Request("a");
  Int64Value first;
  ASSERT_TRUE(Run(call_, "req-1", request, &first).ok());
  rpc::CallContext other = call_;
  other.method = "auxpro.test.v1.Things/DeleteThing";
  Int64Value second;
  absl::Status s = Run(other, "req-1", request, &second);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("REQUEST_ID_REUSED"));
  EXPECT_EQ(Count("things"), 1);
}

TEST_F(MutationTest, RequestIdsAreCaseSensitive) {
  Int64Value lower, upper;
  ASSERT_TRUE(Run(call_, "req-ab", Request("one"), &lower).ok());
  absl::Status s = Run(call_, "req-AB", Request("two"), &upper);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_NE(lower.value(), upper.value());
  EXPECT_EQ(Count("things"), 2);
}

TEST_F(MutationTest, StoredResponsesAreSealedAndAnUnsealedRowDoesNotReplay) {
  Int64Value first;
  ASSERT_TRUE(Run(call_, "req-sealed", Request("one"), &first).ok());
  // The stored bytes are not the plain response.
  EXPECT_EQ(testing::QueryInt(*pool_,
                              "SELECT COUNT(*) FROM idempotency_keys WHERE request_id = "
                              "'req-sealed' AND FROM_BASE64(response) = FROM_BASE64('" +
                                  absl::Base64Escape(first.SerializeAsString()) + "')"),
            0);
  Int64Value replayed_first;
  ASSERT_TRUE(Run(call_, "req-sealed", Request("one"), &replayed_first).ok());
  EXPECT_EQ(replayed_first.value(), first.value());
  // A row holding plain bytes (written by someone without the key) is not answered as a response.
  Int64Value forged;
  forged.set_value(4242);
  const StringValue request = Request("two");
  absl::Status inserted = pool_->Read([&](db::Transaction& tx) {
    return tx
        .Exec(
            "INSERT INTO idempotency_keys (caller, request_id, method, request_digest, response) "
            "VALUES (?, 'req-forged', ?, ?, TO_BASE64(?))",
            {call_.principal.spiffe_id, kMethod, Sha256Hex(DeterministicBytes(request)),
             forged.SerializeAsString()})
        .status();
  });
  ASSERT_TRUE(inserted.ok()) << inserted;
  Int64Value replayed;
  absl::Status s = Run(call_, "req-forged", request, &replayed);
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal) << s;
  EXPECT_EQ(Count("things"), 1);  // neither replayed nor applied
}

TEST_F(MutationTest, RequestIdsArePerCaller) {
  const StringValue request = Request("a");
  Int64Value mine;
  ASSERT_TRUE(Run(call_, "req-1", request, &mine).ok());
  Int64Value theirs;
  absl::Status s =
      Run(Call("spiffe://auxpro/wenjiang/HR_COMPANY/wenjiang-hr"), "req-1", request, &theirs);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_NE(theirs.value(), mine.value());
  EXPECT_EQ(Count("things"), 2);
  EXPECT_EQ(Count("audit_log"), 2);
}

TEST_F(MutationTest, AFailedChangeLeavesNothingAndARetryThenApplies) {
  const StringValue request = Request("a");
  Int64Value response;
  absl::Status s = service::RunMutation(
      *pool_, Seal(), call_, "wenjiang", "req-1", request, &response,
      [&](db::Transaction& tx) -> absl::StatusOr<std::string> {
        // Writes first, then refuses: the write must not survive.
        auto inserted = tx.Exec("INSERT INTO things (value) VALUES (?)", {request.value()});
        if (!inserted.ok()) return inserted.status();
        return absl::FailedPreconditionError("HEADCOUNT_EXCEEDED: no room in the unit");
      });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("HEADCOUNT_EXCEEDED"));
  EXPECT_EQ(Count("things"), 0);
  EXPECT_EQ(Count("audit_log"), 0);
  EXPECT_EQ(Count("idempotency_keys"), 0);

  // The refused attempt did not use up the request_id.
  absl::Status retry = Run(call_, "req-1", request, &response);
  ASSERT_TRUE(retry.ok()) << retry;
  EXPECT_EQ(Count("things"), 1);
  EXPECT_EQ(Count("audit_log"), 1);
  EXPECT_EQ(Count("idempotency_keys"), 1);
}

TEST_F(MutationTest, MissingOrOverlongRequestIdIsInvalidArgumentNamingRequestId) {
  for (const std::string& id :
       std::vector<std::string>{"", std::string(37, 'a'), "has space", "tab\tid", "中文"}) {
    Int64Value response;
    absl::Status s = Run(call_, id, Request("a"), &response);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << "\"" << id << "\"";
    EXPECT_THAT(s.message(), HasSubstr("request_id")) << "\"" << id << "\"";
  }
  EXPECT_EQ(changes_.load(), 0);
  EXPECT_EQ(Count("things"), 0);
  EXPECT_EQ(Count("idempotency_keys"), 0);
}

TEST_F(MutationTest, A36CharacterRequestIdIsAccepted) {
  Int64Value response;
  absl::Status s = Run(call_, "0f8fad5b-d9cb-469f-a165-70867728950e", Request("a"), &response);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Count("things"), 1);
}

TEST_F(MutationTest, ConcurrentCallsWithOneRequestIdHaveOneEffectAndOneAnswer) {
  constexpr int kThreads = 8;
  const StringValue request = Request("raced");
  std::latch start(kThreads);
  std::vector<Int64Value> responses(kThreads);
  std::vector<absl::Status> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = Run(call_, "req-raced", request, &responses[i]);
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_TRUE(results[i].ok()) << i << ": " << results[i];
    EXPECT_EQ(responses[i].value(), responses[0].value()) << i;
  }
  EXPECT_GT(responses[0].value(), 0);
  ExpectExactlyOneEffect();
}

// A twin that arrives while the first call is still open waits for it; when the first rolls back,
// the twin goes ahead as the first time.
TEST_F(MutationTest, ATwinWaitingOnARolledBackFirstCallAppliesItself) {
  const StringValue request = Request("a");
  std::latch claimed(1);
  std::latch release(1);
  Int64Value first_response;
  absl::Status first_status;
  std::thread first([&] {
    first_status =
        service::RunMutation(*pool_, Seal(), call_, "wenjiang", "req-1", request, &first_response,
                             [&](db::Transaction&) -> absl::StatusOr<std::string> {
                               claimed.count_down();
                               release.wait();
                               return absl::UnavailableError("downstream failed");
                             });
  });
  claimed.wait();
  Int64Value twin_response;
  absl::Status twin_status;
  std::thread twin([&] { twin_status = Run(call_, "req-1", request, &twin_response); });
  // Wait (bounded) until the twin is blocked on the first call's key lock.
  auto root = db::ConnectionPool::Create(testing::RootConfig());
  ASSERT_TRUE(root.ok()) << root.status();
  bool waiting = false;
  for (int i = 0; i < 2500 && !waiting; ++i) {
    ASSERT_TRUE((*root)
                    ->Read([&](db::Transaction& tx) -> absl::Status {
                      // The twin's claim is running and stays running: blocked on the key.
                      auto row = tx.QueryOne(
                          "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND "
                          "INFO LIKE 'INSERT IGNORE INTO idempotency_keys%'",
                          {schema_.name()});
                      if (!row.ok()) return row.status();
                      waiting = (*row)->Int(0) > 0;
                      return absl::OkStatus();
                    })
                    .ok());
    if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_TRUE(waiting) << "the twin never waited on the first call";
  release.count_down();
  first.join();
  twin.join();
  EXPECT_EQ(first_status.code(), absl::StatusCode::kUnavailable);
  ASSERT_TRUE(twin_status.ok()) << twin_status;
  EXPECT_GT(twin_response.value(), 0);
  EXPECT_EQ(Count("things"), 1);
  EXPECT_EQ(Count("audit_log"), 1);
  EXPECT_EQ(Count("idempotency_keys"), 1);
}

// Several twins waiting on a first call that rolls back: InnoDB lets at most one of them insert
// the key and picks the others as deadlock victims. The mutator runs a victim's transaction again,
// so every twin answers the one effect, and none answers ABORTED.
TEST_F(MutationTest, TwinsWaitingOnARolledBackFirstCallNeverAnswerADeadlock) {
  constexpr int kTwins = 6;
  const StringValue request = Request("a");
  std::latch claimed(1);
  std::latch release(1);
  Int64Value first_response;
  absl::Status first_status;
  std::thread first([&] {
    first_status =
        service::RunMutation(*pool_, Seal(), call_, "wenjiang", "req-1", request, &first_response,
                             [&](db::Transaction&) -> absl::StatusOr<std::string> {
                               claimed.count_down();
                               release.wait();
                               return absl::UnavailableError("downstream failed");
                             });
  });
  claimed.wait();
  std::vector<Int64Value> responses(kTwins);
  std::vector<absl::Status> results(kTwins);
  std::vector<std::thread> twins;
  for (int i = 0; i < kTwins; ++i) {
    twins.emplace_back([&, i] { results[i] = Run(call_, "req-1", request, &responses[i]); });
  }
  auto root = db::ConnectionPool::Create(testing::RootConfig());
  ASSERT_TRUE(root.ok()) << root.status();
  int64_t waiting = 0;
  for (int i = 0; i < 2500 && waiting < kTwins; ++i) {
    ASSERT_TRUE((*root)
                    ->Read([&](db::Transaction& tx) -> absl::Status {
                      auto row = tx.QueryOne(
                          "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND "
                          "INFO LIKE 'INSERT IGNORE INTO idempotency_keys%'",
                          {schema_.name()});
                      if (!row.ok()) return row.status();
                      waiting = (*row)->Int(0);
                      return absl::OkStatus();
                    })
                    .ok());
    if (waiting < kTwins) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_EQ(waiting, kTwins) << "the twins did not all wait on the first call";
  release.count_down();
  first.join();
  for (auto& t : twins) t.join();
  EXPECT_EQ(first_status.code(), absl::StatusCode::kUnavailable);
  for (int i = 0; i < kTwins; ++i) {
    ASSERT_TRUE(results[i].ok()) << i << ": " << results[i];
    EXPECT_EQ(responses[i].value(), responses[0].value()) << i;
  }
  ExpectExactlyOneEffect();
}

TEST_F(MutationTest, MutationsOfOneJurisdictionChainTheirAuditRows) {
  for (int i = 0; i < 5; ++i) {
    Int64Value response;
    ASSERT_TRUE(Run(call_, absl::StrCat("req-", i), Request(absl::StrCat("v", i)), &response).ok());
  }
  auto verified = audit::Verify(*pool_, "wenjiang", Seal());
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_TRUE(verified->intact()) << verified->problem();
  EXPECT_EQ(verified->rows_checked(), 5);
}

}  // namespace
}  // namespace auxpro
