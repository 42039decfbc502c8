// The points ledger's invariants on the real MariaDB, through the gRPC API: 16 clients posting
// with repeated request_ids for the same people at once leave every balance equal to the sum of
// its distinct entries (and one deed counted once at its highest); the service's database user
// cannot UPDATE or DELETE a ledger row once deploy/mysql/narrow-grants.sh has run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "absl/strings/str_split.h"
#include "libs/db/connection_pool.h"
#include "tests/support/points_district.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace v1 = points::v1;
using testing::Call;
using testing::PointsDistrict;

constexpr int kClients = 16;
constexpr int kRequestsPerPerson = 10;

// Request n of a person: n < 4 are commendations of one deed at rising levels (city
// government 10, provincial department 5, provincial government 15, district office 3): the
// deed counts 15 once, whatever the order; the others are breaches of −n.
bool IsCommendation(int n) { return n < 4; }

TEST(PointsLedgerDb, SixteenClientsWithRetriesKeepEveryBalanceEqualToItsDistinctEntries) {
  PointsDistrict d;
  std::vector<std::string> persons;
  for (int i = 0; i < 3; ++i) persons.push_back(d.Hired().name());
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      auto stub = v1::Points::NewStub(d.server().Channel("wenjiang", "ENFORCEMENT_BUREAU"));
      std::vector<std::pair<int, int>> work;
      for (int p = 0; p < static_cast<int>(persons.size()); ++p) {
        for (int n = 0; n < kRequestsPerPerson; ++n) work.emplace_back(p, n);
      }
      std::shuffle(work.begin(), work.end(), std::mt19937(c));
      for (auto [p, n] : work) {
        const std::string request_id = absl::StrCat("conc-", p, "-", n);
        v1::PointEntry out;
        grpc::Status s;
        if (IsCommendation(n)) {
          const common::v1::CommendationBody body[] = {
              common::v1::PARTY_GOVERNMENT, common::v1::DEPARTMENT, common::v1::PARTY_GOVERNMENT,
              common::v1::GENERAL_OFFICE};
          const common::v1::CommendationLevel level[] = {
              common::v1::CITY, common::v1::PROVINCE, common::v1::PROVINCE, common::v1::DISTRICT};
          auto r = PointsDistrict::Commendation(persons[p], body[n], level[n], "deed-1");
          r.set_request_id(request_id);
          s = Call(*stub, &v1::Points::Stub::RecordCommendation, r, &out);
        } else {
          auto r = PointsDistrict::Breach(persons[p], "BREACH_DISCIPLINE", -n);
          r.set_request_id(request_id);
          s = Call(*stub, &v1::Points::Stub::RecordBreach, r, &out);
        }
        // ABORTED asks the client to retry (a lock conflict): the same request_id again.
        for (int retry = 0; retry < 5 && s.error_code() == grpc::StatusCode::ABORTED; ++retry) {
          if (IsCommendation(n)) {
            const common::v1::CommendationBody body[] = {
                common::v1::PARTY_GOVERNMENT, common::v1::DEPARTMENT, common::v1::PARTY_GOVERNMENT,
                common::v1::GENERAL_OFFICE};
            const common::v1::CommendationLevel level[] = {
                common::v1::CITY, common::v1::PROVINCE, common::v1::PROVINCE, common::v1::DISTRICT};
            auto r = PointsDistrict::Commendation(persons[p], body[n], level[n], "deed-1");
            r.set_request_id(request_id);
            s = Call(*stub, &v1::Points::Stub::RecordCommendation, r, &out);
          } else {
            auto r = PointsDistrict::Breach(persons[p], "BREACH_DISCIPLINE", -n);
            r.set_request_id(request_id);
            s = Call(*stub, &v1::Points::Stub::RecordBreach, r, &out);
          }
        }
        if (!s.ok()) {
          ++failures;
          ADD_FAILURE() << request_id << ": " << s.error_message();
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  int breaches = 0;
  for (int n = 0; n < kRequestsPerPerson; ++n) breaches += IsCommendation(n) ? 0 : -n;
  db::ConnectionPool& db = d.server().Db("points");
  for (const std::string& person : persons) {
    const std::string id = person.substr(person.rfind('/') + 1);
    const v1::PointBalance b = d.Balance(person);
    EXPECT_EQ(b.entry_count(), kRequestsPerPerson) << person;
    EXPECT_EQ(b.balance(), 15 + breaches) << person;
    EXPECT_EQ(
        testing::QueryInt(db, "SELECT SUM(amount) FROM point_entries WHERE person_id = ?", {id}),
        b.balance());
    EXPECT_EQ(testing::QueryInt(db,
                                "SELECT COUNT(DISTINCT request_id) FROM point_entries WHERE "
                                "person_id = ?",
                                {id}),
              kRequestsPerPerson);
    EXPECT_EQ(testing::QueryInt(db,
                                "SELECT SUM(amount) FROM point_entries WHERE person_id = ? AND "
                                "matter_id = 'deed-1'",
                                {id}),
              15);
  }
}

// The SQL narrow-grants.sh prints for the test server's service user of schema `schema`.
std::vector<std::string> NarrowGrants(db::ConnectionPool& root) {
  std::string schema, user, host;
  std::vector<std::string> tables;
  EXPECT_TRUE(
      root.Read([&](db::Transaction& tx) -> absl::Status {
            auto s = tx.QueryOne("SELECT DATABASE()");
            if (!s.ok()) return s.status();
            schema = (*s)->Str(0);
            auto u = tx.QueryOne(
                "SELECT User, Host FROM mysql.db WHERE REPLACE(Db, '\\\\_', '_') = ?", {schema});
            if (!u.ok()) return u.status();
            if (!*u) return absl::NotFoundError("no service user for " + schema);
            user = (**u).Str(0);
            host = (**u).Str(1);
            auto t =
                tx.Query("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                         {schema});
            if (!t.ok()) return t.status();
            for (const auto& r : *t) tables.push_back(r.Str(0));
            return absl::OkStatus();
          })
          .ok());
  const std::filesystem::path source = std::getenv("AUXPRO_SOURCE_DIR");
  const std::filesystem::path list =
      std::filesystem::temp_directory_path() / ("tables-" + testing::FreshRequestId());
  {
    std::ofstream out(list);
    for (const auto& t : tables) out << t << "\n";
  }
  const std::string cmd = absl::StrCat("bash ", (source / "deploy/mysql/narrow-grants.sh").string(),
                                       " ", schema, " ", user, " '", host, "' ",
                                       (source / "deploy/mysql/append_only/points.tables").string(),
                                       " < ", list.string());
  std::string sql;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) sql.append(buf, n);
    EXPECT_EQ(pclose(p), 0) << cmd;
  }
  std::filesystem::remove(list);
  std::vector<std::string> out;
  for (absl::string_view line : absl::StrSplit(sql, '\n', absl::SkipEmpty())) {
    out.emplace_back(line);
  }
  return out;
}

TEST(PointsLedgerDb, ServiceUserCannotUpdateOrDeleteALedgerRow) {
  PointsDistrict d;
  const auto p = d.Hired();
  v1::PointEntry e;
  ASSERT_TRUE(Call(*d.bureau, &v1::Points::Stub::RecordBreach,
                   PointsDistrict::Breach(p.name(), "BREACH_DISCIPLINE", -3), &e)
                  .ok());
  db::ConnectionPool& root = d.server().Db("points");
  const std::vector<std::string> grants = NarrowGrants(root);
  ASSERT_GE(grants.size(), 3u);
  ASSERT_TRUE(root.Read([&](db::Transaction& tx) -> absl::Status {
                    for (const auto& g : grants) {
                      if (auto s = tx.Exec(g); !s.ok()) return s.status();
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  db::ConnectionPool& service = d.server().Module("points")->Db();
  std::string schema;
  ASSERT_TRUE(root.Read([&](db::Transaction& tx) -> absl::Status {
                    auto s = tx.QueryOne("SELECT DATABASE()");
                    if (!s.ok()) return s.status();
                    schema = (*s)->Str(0);
                    return absl::OkStatus();
                  })
                  .ok());
  absl::Status update = service.Read([&](db::Transaction& tx) -> absl::Status {
    // Schema-level privileges of an open connection are re-read on USE.
    if (auto s = tx.Exec(absl::StrCat("USE `", schema, "`")); !s.ok()) return s.status();
    return tx.Exec("UPDATE point_entries SET amount = 100").status();
  });
  EXPECT_FALSE(update.ok());
  EXPECT_NE(std::string(update.message()).find("denied"), std::string::npos) << update;
  absl::Status del = service.Read([&](db::Transaction& tx) -> absl::Status {
    if (auto s = tx.Exec(absl::StrCat("USE `", schema, "`")); !s.ok()) return s.status();
    return tx.Exec("DELETE FROM point_entries").status();
  });
  EXPECT_FALSE(del.ok());
  EXPECT_NE(std::string(del.message()).find("denied"), std::string::npos) << del;
  EXPECT_EQ(testing::QueryInt(root, "SELECT SUM(amount) FROM point_entries"), -3);
  // The service still posts (INSERT on the ledger, UPDATE on the figures and its own tables).
  ASSERT_TRUE(Call(*d.bureau, &v1::Points::Stub::RecordBreach,
                   PointsDistrict::Breach(p.name(), "BREACH_DISCIPLINE", -2), &e)
                  .ok());
  EXPECT_EQ(d.Balance(p.name()).balance(), -5);
}

}  // namespace
}  // namespace auxpro
