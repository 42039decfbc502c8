// libs/audit against the real MariaDB: the hash chain is appended in the caller's transaction and
// Verify finds rows that were edited, deleted or reordered behind its back.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/audit/audit_log.h"
#include "libs/db/migrations.h"
#include "libs/db/transaction.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

// The key of the audit chain in these tests.
const crypto::FieldCipher& Key() {
  static const crypto::FieldCipher key =
      *crypto::FieldCipher::FromHexKey(testing::TestFieldKeyHex());
  return key;
}

using ::testing::HasSubstr;

class AuditChain : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(8);
    absl::Status migrated = db::ApplyMigrations(*pool_, "audit", audit::Migrations());
    ASSERT_TRUE(migrated.ok()) << migrated;
  }

  static audit::AuditEntry Entry(const std::string& jurisdiction, int i) {
    return audit::AuditEntry{
        jurisdiction,
        absl::StrCat("ENFORCEMENT_BUREAU ", jurisdiction, "-enforcement-bureau@", jurisdiction),
        "张三",
        "auxpro.personnel.v1.Personnel/HirePerson",
        absl::StrCat("jurisdictions/", jurisdiction, "/persons/p-", i),
        absl::StrCat("req-", jurisdiction, "-", i),
        std::string(64, 'a' + (i % 6))};
  }

  // Appends `n` rows to the jurisdiction's chain, one transaction each.
  void AppendRows(const std::string& jurisdiction, int n) {
    for (int i = 0; i < n; ++i) {
      const int k = next_++;
      absl::Status s = pool_->Transact([&](db::Transaction& tx) {
        // Sub-microsecond part on purpose: what is stored must be what is hashed.
        return audit::Append(tx, Entry(jurisdiction, k),
                             absl::FromUnixNanos(int64_t{1767225600} * 1000000000 + k * 1001001),
                             Key());
      });
      ASSERT_TRUE(s.ok()) << s;
    }
  }

  common::v1::VerifyAuditChainResponse Verify(const std::string& jurisdiction) {
    auto result = audit::Verify(*pool_, jurisdiction, Key());
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : common::v1::VerifyAuditChainResponse();
  }

  // Tampering as root, outside the library.
  void Tamper(const std::string& sql, const std::vector<db::Param>& params) {
    absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      auto n = tx.Exec(sql, params);
      if (!n.ok()) return n.status();
      EXPECT_GE(*n, 1) << sql;
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << sql << ": " << s;
  }

  int64_t Rows(const std::string& jurisdiction) {
    return testing::QueryInt(*pool_, "SELECT COUNT(*) FROM audit_log WHERE jurisdiction = ?",
                             {jurisdiction});
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
  int next_ = 1;
};

TEST_F(AuditChain, AChainRebuiltWithoutTheKeyIsDetected) {
  // Someone who can write the table rebuilds a self-consistent chain (here: the library itself,
  // with a key of their own) — every link checks out except under the real key.
  const crypto::FieldCipher forger = *crypto::FieldCipher::FromHexKey(std::string(64, 'f'));
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(pool_
                    ->Transact([&](db::Transaction& tx) {
                      return audit::Append(tx, Entry("wenjiang", i), absl::FromUnixSeconds(i),
                                           forger);
                    })
                    .ok());
  }
  ASSERT_TRUE(audit::Verify(*pool_, "wenjiang", forger)->intact());
  const auto verdict = Verify("wenjiang");
  EXPECT_FALSE(verdict.intact());
  EXPECT_EQ(verdict.first_bad_seq(), 1);
}

TEST_F(AuditChain, AnEmptyChainIsIntact) {
  auto r = Verify("wenjiang");
  EXPECT_TRUE(r.intact());
  EXPECT_EQ(r.rows_checked(), 0);
}

TEST_F(AuditChain, AppendedRowsVerifyIntact) {
  AppendRows("wenjiang", 5);
  auto r = Verify("wenjiang");
  EXPECT_TRUE(r.intact()) << r.problem();
  EXPECT_EQ(r.rows_checked(), 5);
  EXPECT_EQ(r.first_bad_seq(), 0);
  EXPECT_EQ(r.problem(), "");
}

TEST_F(AuditChain, RowsAreNumberedFromOneAndLinked) {
  AppendRows("wenjiang", 3);
  absl::Status s = pool_->Read([](db::Transaction& tx) -> absl::Status {
    auto rows = tx.Query(
        "SELECT seq, prev_hash, hash, resource FROM audit_log WHERE jurisdiction = ? ORDER BY seq",
        {"wenjiang"});
    if (!rows.ok()) return rows.status();
    EXPECT_EQ(rows->size(), 3u);
    std::string prev(64, '0');
    for (size_t i = 0; i < rows->size(); ++i) {
      const db::Row& r = (*rows)[i];
      EXPECT_EQ(r.Int(0), static_cast<int64_t>(i + 1));
      EXPECT_EQ(r.Str(1), prev);
      EXPECT_EQ(r.Str(2).size(), 64u);
      prev = r.Str(2);
    }
    EXPECT_EQ((*rows)[0].Str(3), "jurisdictions/wenjiang/persons/p-1");
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
}

// A call whose clock reads a whole second (microseconds 000000) is an ordinary row: the time
// hashed on append and the time read back on verify must be the same text.
TEST_F(AuditChain, ARowStampedOnAWholeSecondVerifiesIntact) {
  AppendRows("wenjiang", 1);
  ASSERT_TRUE(pool_
                  ->Transact([](db::Transaction& tx) {
                    return audit::Append(tx, Entry("wenjiang", 2),
                                         absl::FromUnixSeconds(1767225601), Key());
                  })
                  .ok());
  AppendRows("wenjiang", 1);
  auto r = Verify("wenjiang");
  EXPECT_TRUE(r.intact()) << r.problem();
  EXPECT_EQ(r.rows_checked(), 3);
}

TEST_F(AuditChain, DetectsAnEditedMiddleRow) {
  AppendRows("wenjiang", 5);
  Tamper("UPDATE audit_log SET resource = ? WHERE jurisdiction = ? AND seq = ?",
         {"jurisdictions/wenjiang/persons/someone-else", "wenjiang", 3});
  auto r = Verify("wenjiang");
  EXPECT_FALSE(r.intact());
  EXPECT_EQ(r.first_bad_seq(), 3);
  EXPECT_THAT(r.problem(), HasSubstr("edited"));
}

TEST_F(AuditChain, DetectsAnEditOfAnyHashedColumn) {
  AppendRows("wenjiang", 3);
  for (const std::string& column :
       std::vector<std::string>{"at", "principal", "actor", "method", "request_id", "digest"}) {
    // Edit row 2, check, and put it back.
    std::string original;
    ASSERT_TRUE(pool_
                    ->Read([&](db::Transaction& tx) -> absl::Status {
                      auto row = tx.QueryOne(
                          absl::StrCat("SELECT ", column,
                                       " FROM audit_log WHERE jurisdiction = ? AND seq = 2"),
                          {"wenjiang"});
                      if (!row.ok()) return row.status();
                      original = (*row)->Str(0);
                      return absl::OkStatus();
                    })
                    .ok());
    const std::string edited = column == "at"       ? "2020-01-01 00:00:00.000000"
                               : column == "digest" ? std::string(64, 'f')
                                                    : original + "x";
    Tamper(absl::StrCat("UPDATE audit_log SET ", column, " = ? WHERE jurisdiction = ? AND seq = 2"),
           {edited, "wenjiang"});
    auto r = Verify("wenjiang");
    EXPECT_FALSE(r.intact()) << column;
    EXPECT_EQ(r.first_bad_seq(), 2) << column;
    EXPECT_THAT(r.problem(), HasSubstr("edited")) << column;
    Tamper(absl::StrCat("UPDATE audit_log SET ", column, " = ? WHERE jurisdiction = ? AND seq = 2"),
           {original, "wenjiang"});
    EXPECT_TRUE(Verify("wenjiang").intact()) << column;
  }
}

// The hash is over the fields joined by a separator byte. The actor comes from call metadata
// (x-auxpro-actor-bin: any bytes), so it can contain that byte; moving the field boundary across
// it must still count as an edit.
TEST_F(AuditChain, DetectsContentMovedAcrossAFieldBoundary) {
  audit::AuditEntry entry = Entry("wenjiang", 1);
  entry.actor =
      "alice\x1f"
      "auxpro.personnel.v1.Personnel";
  entry.method = "HirePerson";
  ASSERT_TRUE(pool_
                  ->Transact([&](db::Transaction& tx) {
                    return audit::Append(tx, entry, absl::FromUnixMicros(int64_t{1767225600123456}),
                                         Key());
                  })
                  .ok());
  ASSERT_TRUE(Verify("wenjiang").intact());
  // Same bytes, different meaning: the row now says alice called another method.
  Tamper("UPDATE audit_log SET actor = ?, method = ? WHERE jurisdiction = ? AND seq = 1",
         {"alice", "auxpro.personnel.v1.Personnel\x1fHirePerson", "wenjiang"});
  auto r = Verify("wenjiang");
  EXPECT_FALSE(r.intact()) << "actor and method were rewritten without detection";
  EXPECT_EQ(r.first_bad_seq(), 1);
}

TEST_F(AuditChain, DetectsAnEditedRowWhoseHashWasRecomputedAtTheNextLink) {
  AppendRows("wenjiang", 4);
  // The tamperer edits row 2 and gives it a consistent hash of its own: row 3 no longer links.
  Tamper("UPDATE audit_log SET resource = ?, hash = ? WHERE jurisdiction = ? AND seq = ?",
         {"jurisdictions/wenjiang/persons/forged", std::string(64, 'e'), "wenjiang", 2});
  auto r = Verify("wenjiang");
  EXPECT_FALSE(r.intact());
  EXPECT_EQ(r.first_bad_seq(), 2);  // its hash does not match its content
  // Even if it did match, the next row would not link: break the link alone.
  Tamper("UPDATE audit_log SET prev_hash = ? WHERE jurisdiction = ? AND seq = ?",
         {std::string(64, 'e'), "wenjiang", 4});
  auto r4 = Verify("wenjiang");
  EXPECT_EQ(r4.first_bad_seq(), 2);  // still the first bad row
}

TEST_F(AuditChain, DetectsADeletedMiddleRow) {
  AppendRows("wenjiang", 5);
  Tamper("DELETE FROM audit_log WHERE jurisdiction = ? AND seq = ?", {"wenjiang", 3});
  auto r = Verify("wenjiang");
  EXPECT_FALSE(r.intact());
  EXPECT_EQ(r.first_bad_seq(), 3);
  EXPECT_THAT(r.problem(), HasSubstr("missing"));
}

TEST_F(AuditChain, DetectsADeletedFirstRow) {
  AppendRows("wenjiang", 3);
  Tamper("DELETE FROM audit_log WHERE jurisdiction = ? AND seq = ?", {"wenjiang", 1});
  auto r = Verify("wenjiang");
  EXPECT_FALSE(r.intact());
  EXPECT_EQ(r.first_bad_seq(), 1);
  EXPECT_THAT(r.problem(), HasSubstr("missing"));
}

TEST_F(AuditChain, DetectsADeletedLastRowByTheHead) {
  AppendRows("wenjiang", 5);
  Tamper("DELETE FROM audit_log WHERE jurisdiction = ? AND seq = ?", {"wenjiang", 5});
  auto r = Verify("wenjiang");
  EXPECT_FALSE(r.intact());
  EXPECT_EQ(r.first_bad_seq(), 5);
  EXPECT_THAT(r.problem(), HasSubstr("head"));
  EXPECT_EQ(r.rows_checked(), 4);
}

TEST_F(AuditChain, DetectsEveryRowDeleted) {
  AppendRows("wenjiang", 3);
  Tamper("DELETE FROM audit_log WHERE jurisdiction = ?", {"wenjiang"});
  auto r = Verify("wenjiang");
  EXPECT_FALSE(r.intact());
  EXPECT_EQ(r.first_bad_seq(), 1);
}

TEST_F(AuditChain, DetectsTwoRowsSwapped) {
  AppendRows("wenjiang", 5);
  // Swap the whole content of rows 2 and 3, keeping their sequence numbers.
  absl::Status s = pool_->Transact([](db::Transaction& tx) -> absl::Status {
    auto a =
        tx.Exec("UPDATE audit_log SET seq = -2 WHERE jurisdiction = ? AND seq = 2", {"wenjiang"});
    if (!a.ok()) return a.status();
    auto b =
        tx.Exec("UPDATE audit_log SET seq = 2 WHERE jurisdiction = ? AND seq = 3", {"wenjiang"});
    if (!b.ok()) return b.status();
    return tx.Exec("UPDATE audit_log SET seq = 3 WHERE jurisdiction = ? AND seq = -2", {"wenjiang"})
        .status();
  });
  ASSERT_TRUE(s.ok()) << s;
  auto r = Verify("wenjiang");
  EXPECT_FALSE(r.intact());
  EXPECT_EQ(r.first_bad_seq(), 2);
  EXPECT_THAT(r.problem(), HasSubstr("does not link"));
}

TEST_F(AuditChain, ChainsOfTwoJurisdictionsAreIndependent) {
  AppendRows("wenjiang", 2);
  AppendRows("haimen", 3);
  AppendRows("wenjiang", 2);
  auto w = Verify("wenjiang");
  auto h = Verify("haimen");
  EXPECT_TRUE(w.intact()) << w.problem();
  EXPECT_EQ(w.rows_checked(), 4);
  EXPECT_TRUE(h.intact()) << h.problem();
  EXPECT_EQ(h.rows_checked(), 3);

  Tamper("UPDATE audit_log SET resource = ? WHERE jurisdiction = ? AND seq = ?",
         {"forged", "wenjiang", 2});
  EXPECT_FALSE(Verify("wenjiang").intact());
  auto h2 = Verify("haimen");
  EXPECT_TRUE(h2.intact()) << h2.problem();
  EXPECT_EQ(h2.rows_checked(), 3);
}

TEST_F(AuditChain, ARowMovedToAnotherJurisdictionIsDetectedInBoth) {
  AppendRows("wenjiang", 3);
  AppendRows("haimen", 3);
  Tamper("UPDATE audit_log SET jurisdiction = ? WHERE jurisdiction = ? AND seq = ?",
         {"haimen-x", "wenjiang", 3});
  auto w = Verify("wenjiang");
  EXPECT_FALSE(w.intact());
  EXPECT_EQ(w.first_bad_seq(), 3);
  EXPECT_TRUE(Verify("haimen").intact());
}

TEST_F(AuditChain, AnAppendInARolledBackTransactionLeavesNoRow) {
  AppendRows("wenjiang", 2);
  absl::Status s = pool_->Transact([](db::Transaction& tx) -> absl::Status {
    absl::Status appended =
        audit::Append(tx, Entry("wenjiang", 99), absl::FromUnixSeconds(1), Key());
    if (!appended.ok()) return appended;
    return absl::AbortedError("the change failed after the audit row");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(Rows("wenjiang"), 2);
  auto r = Verify("wenjiang");
  EXPECT_TRUE(r.intact()) << r.problem();
  EXPECT_EQ(r.rows_checked(), 2);
  // The next append takes the sequence number the rolled-back one would have had.
  AppendRows("wenjiang", 1);
  auto after = Verify("wenjiang");
  EXPECT_TRUE(after.intact()) << after.problem();
  EXPECT_EQ(after.rows_checked(), 3);
}

TEST_F(AuditChain, TheFirstAppendOfAJurisdictionRolledBackLeavesNoHead) {
  absl::Status s = pool_->Transact([](db::Transaction& tx) -> absl::Status {
    absl::Status appended = audit::Append(tx, Entry("haimen", 1), absl::FromUnixSeconds(1), Key());
    if (!appended.ok()) return appended;
    return absl::AbortedError("rolled back");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(Rows("haimen"), 0);
  auto r = Verify("haimen");
  EXPECT_TRUE(r.intact()) << r.problem();
  EXPECT_EQ(r.rows_checked(), 0);
}

TEST_F(AuditChain, ConcurrentAppendsOfOneJurisdictionFormOneUnbrokenChain) {
  constexpr int kThreads = 8;
  constexpr int kEach = 5;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  std::vector<absl::Status> results(kThreads * kEach);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kEach; ++i) {
        results[t * kEach + i] = pool_->Transact([&](db::Transaction& tx) {
          return audit::Append(tx, Entry("wenjiang", t * 100 + i),
                               absl::FromUnixMicros(int64_t{1767225600000000} + t * 1000 + i + 1),
                               Key());
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& s : results) EXPECT_TRUE(s.ok()) << s;
  auto r = Verify("wenjiang");
  EXPECT_TRUE(r.intact()) << r.problem();
  EXPECT_EQ(r.rows_checked(), kThreads * kEach);
}

}  // namespace
}  // namespace auxpro
