// ctest-labels: fault
// The audit chain of every service, through the real auxpro-server (every service in one
// process) and auxpro.common.v1.AuditChain/VerifyAuditChain over mTLS: each service's trail is
// written by ordinary calls, found intact, then tampered with as root behind the service's back —
// a row edited, a row deleted, two rows swapped — and each time the verify call of that service
// reports it (and the chain verifies again once the row is put back, so the verdict is about
// the change, not about any touch).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/common/v1/audit_service.grpc.pb.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/db/transaction.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/call.h"
#include "tests/support/outbox_district.h"
#include "tests/support/points_district.h"
#include "tests/support/server_process.h"
#include "tests/support/survey_client.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

using testing::Call;
using testing::QueryInt;

constexpr char kColumns[] = "at, principal, actor, method, resource, request_id, digest, "
                            "prev_hash, hash";
constexpr int kColumnCount = 9;

// The columns of one audit row (all but jurisdiction and seq), as text.
std::vector<db::Param> ReadRow(db::ConnectionPool& pool, int64_t seq) {
  std::vector<db::Param> values;
  absl::Status s = pool.Read([&](db::Transaction& tx) -> absl::Status {
    auto row = tx.QueryOne(absl::StrCat("SELECT ", kColumns,
                                        " FROM audit_log WHERE jurisdiction = 'wenjiang' AND "
                                        "seq = ?"),
                           {seq});
    if (!row.ok()) return row.status();
    if (!*row) return absl::NotFoundError(absl::StrCat("no audit row ", seq));
    for (int i = 0; i < kColumnCount; ++i) values.emplace_back((*row)->Str(i));
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return values;
}

void Exec(db::ConnectionPool& pool, const std::string& sql, std::vector<db::Param> params) {
  absl::Status s = pool.Transact([&](db::Transaction& tx) -> absl::Status {
    auto n = tx.Exec(sql, params);
    if (!n.ok()) return n.status();
    EXPECT_EQ(*n, 1) << sql;
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << sql << ": " << s;
}

// Writes `values` (as ReadRow returns them) into the row `seq`.
void WriteRow(db::ConnectionPool& pool, int64_t seq, std::vector<db::Param> values) {
  values.emplace_back(seq);
  Exec(pool,
       "UPDATE audit_log SET at = ?, principal = ?, actor = ?, method = ?, resource = ?, "
       "request_id = ?, digest = ?, prev_hash = ?, hash = ? WHERE jurisdiction = 'wenjiang' AND "
       "seq = ?",
       values);
}

class AuditTampering : public ::testing::Test {
 protected:
  void SetUp() override {
    dbs_ = std::make_unique<testing::ServerDatabases>(testing::AllModuleNames());
    server_ = std::make_unique<testing::ServerProcess>(
        absl::StrCat("--target=", absl::StrJoin(testing::AllModuleNames(), ","), " ",
                     dbs_->Flags()),
        dbs_->dir() / "server.log");
    port_ = server_->WaitUntilServing();
    ASSERT_GT(port_, 0) << server_->Log();
  }
  void TearDown() override {
    if (HasFailure()) ADD_FAILURE() << server_->Log().substr(0, 20000);
  }

  testing::ChannelFor Channels() const {
    const int port = port_;
    return [port](const std::string& j, const std::string& kind) {
      return *rpc::MakeMtlsChannel(
          absl::StrCat("127.0.0.1:", port),
          testing::ClientIdentity(kind == "SERVICE" ? "system" : j, kind));
    };
  }

  common::v1::VerifyAuditChainResponse Verify(const std::string& service) {
    auto stub = common::v1::AuditChain::NewStub(Channels()("wenjiang", "ESTABLISHMENT_OFFICE"));
    common::v1::VerifyAuditChainRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_service(service);
    common::v1::VerifyAuditChainResponse out;
    grpc::Status s = Call(*stub, &common::v1::AuditChain::Stub::VerifyAuditChain, r, &out);
    EXPECT_TRUE(s.ok()) << service << ": " << s.error_message();
    return out;
  }

  // Every service's trail, written through the API: at least three rows each.
  void WriteTrails() {
    testing::OutboxDistrict district(port_, "audit-");  // personnel: unit, limit, agreement, sign
    const auto aux = testing::HireAuxiliaries(Channels(), {personnel::v1::FIELD}, 900);
    ASSERT_EQ(aux.size(), 1u);
    const std::string person = aux[0].person;

    auto points = points::v1::Points::NewStub(Channels()("wenjiang", "ENFORCEMENT_BUREAU"));
    auto points_hr = points::v1::Points::NewStub(Channels()("wenjiang", "HR_COMPANY"));
    ASSERT_TRUE(testing::WaitFor(
        [&] {
          points::v1::GetPointBalanceRequest r;
          r.set_name(person + "/pointBalance");
          points::v1::PointBalance b;
          return Call(*points_hr, &points::v1::Points::Stub::GetPointBalance, r, &b).ok() &&
                 b.has_level_period_start();
        },
        300));
    for (int i = 0; i < 3; ++i) {
      auto r = testing::PointsDistrict::Breach(person, "BREACH_DISCIPLINE", -1);
      points::v1::PointEntry e;
      grpc::Status s = Call(*points, &points::v1::Points::Stub::RecordBreach, r, &e);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }

    testing::SurveyStubs survey(Channels());
    for (int i = 0; i < 2; ++i) {
      ASSERT_FALSE(testing::MakeCampaign(*survey.bureau, aux).name().empty());
    }

    auto assess = assessment::v1::Assessment::NewStub(Channels()("wenjiang", "ENFORCEMENT_BUREAU"));
    const int year = DateOf(absl::Now()).year() - 1;
    for (const char* grade : {"QUALIFIED", "EXCELLENT", "QUALIFIED"}) {
      assessment::v1::ProposeAnnualRatingRequest r;
      r.set_parent("jurisdictions/wenjiang");
      r.mutable_annual_rating()->set_person(person);
      r.mutable_annual_rating()->set_year(year);
      r.mutable_annual_rating()->set_grade(grade);
      assessment::v1::AnnualRating out;
      grpc::Status s =
          Call(*assess, &assessment::v1::Assessment::Stub::ProposeAnnualRating, r, &out);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }

    auto office = grading::v1::Grading::NewStub(Channels()("wenjiang", "ESTABLISHMENT_OFFICE"));
    for (int i = 0; i < 3; ++i) {
      grading::v1::RunGradingSweepRequest r;
      r.set_parent("jurisdictions/wenjiang");
      grading::v1::RunGradingSweepResponse out;
      grpc::Status s = Call(*office, &grading::v1::Grading::Stub::RunGradingSweep, r, &out);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
  }

  std::unique_ptr<testing::ServerDatabases> dbs_;
  std::unique_ptr<testing::ServerProcess> server_;
  int port_ = 0;
};

TEST_F(AuditTampering, EditingDeletingOrReorderingARowIsDetectedForEveryService) {
  ASSERT_NO_FATAL_FAILURE(WriteTrails());
  for (const std::string& service : testing::AllModuleNames()) {
    SCOPED_TRACE(service);
    auto pool = dbs_->RootPool(service);
    const int64_t rows =
        QueryInt(*pool, "SELECT COUNT(*) FROM audit_log WHERE jurisdiction = 'wenjiang'");
    ASSERT_GE(rows, 3) << "too short a trail to tamper with";
    auto verdict = Verify(service);
    ASSERT_TRUE(verdict.intact()) << verdict.problem();
    EXPECT_EQ(verdict.rows_checked(), rows);

    // Edited: the resource of row 2.
    const std::vector<db::Param> second = ReadRow(*pool, 2);
    ASSERT_EQ(second.size(), static_cast<size_t>(kColumnCount));
    Exec(*pool,
         "UPDATE audit_log SET resource = CONCAT(resource, '-x') WHERE jurisdiction = "
         "'wenjiang' AND seq = 2",
         {});
    verdict = Verify(service);
    EXPECT_FALSE(verdict.intact()) << "an edited row went unnoticed";
    EXPECT_EQ(verdict.first_bad_seq(), 2);
    WriteRow(*pool, 2, second);
    EXPECT_TRUE(Verify(service).intact()) << "the restored row does not verify";

    // Deleted: row 2.
    Exec(*pool, "DELETE FROM audit_log WHERE jurisdiction = 'wenjiang' AND seq = 2", {});
    verdict = Verify(service);
    EXPECT_FALSE(verdict.intact()) << "a deleted row went unnoticed";
    EXPECT_GE(verdict.first_bad_seq(), 2);
    {
      std::vector<db::Param> values = {int64_t{2}};
      for (const auto& v : second) values.push_back(v);
      Exec(*pool,
           absl::StrCat("INSERT INTO audit_log (jurisdiction, seq, ", kColumns,
                        ") VALUES ('wenjiang', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
           values);
    }
    EXPECT_TRUE(Verify(service).intact());

    // Reordered: rows 1 and 2 swapped (each keeps its content and hashes, under the other's seq).
    const std::vector<db::Param> first = ReadRow(*pool, 1);
    WriteRow(*pool, 1, second);
    WriteRow(*pool, 2, first);
    verdict = Verify(service);
    EXPECT_FALSE(verdict.intact()) << "reordered rows went unnoticed";
    EXPECT_EQ(verdict.first_bad_seq(), 1);
    WriteRow(*pool, 1, first);
    WriteRow(*pool, 2, second);
    EXPECT_TRUE(Verify(service).intact());
  }
}

}  // namespace
}  // namespace auxpro
