// Who may call what (DOMAIN.md section 8), over real mTLS with one client certificate per agency
// kind, against every method of auxpro.personnel.v1.Personnel and of the shared
// auxpro.common.v1.AuditChain. The expected tables are written out here from DOMAIN.md,
// independently of the proto options they check.

#include "tests/support/access_matrix.h"

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/db/transaction.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/call.h"
#include "tests/support/raw_call.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

using testing::TestServer;

// DOMAIN.md section 8, personnel rows.
const testing::AccessMatrix& PersonnelMatrix() {
  static const std::set<std::string> kOfficeBureauHr = {"ESTABLISHMENT_OFFICE",
                                                        "ENFORCEMENT_BUREAU", "HR_COMPANY"};
  static const std::set<std::string> kReadersWithService = {
      "ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU", "HR_COMPANY", "SERVICE"};
  static const std::set<std::string> kBureau = {"ENFORCEMENT_BUREAU"};
  static const std::set<std::string> kBureauHr = {"ENFORCEMENT_BUREAU", "HR_COMPANY"};
  static const std::map<std::string, std::set<std::string>> matrix = {
      {"CreatePerson", kBureauHr},
      {"GetPerson", kReadersWithService},
      {"ListPersons", kReadersWithService},
      {"UpdatePerson", kBureauHr},
      {"CheckRecruitmentEligibility", kOfficeBureauHr},
      {"RecordHiringStep", kBureau},
      {"GetPublicRoster", kBureau},
      {"HirePerson", kBureau},
      {"EndProbation", {"HR_COMPANY"}},
      {"TransferPerson", kBureau},
      {"ExitPerson", kBureau},
      {"CreateDispatchAgreement", kBureauHr},
      {"SignDispatchAgreement", kBureauHr},
      {"GetDispatchAgreement", kOfficeBureauHr},
      {"ListDispatchAgreements", kOfficeBureauHr},
      {"CreateUnit", kBureau},
      {"ListUnits", kReadersWithService},
      {"SetHeadcountLimit", {"ESTABLISHMENT_OFFICE"}},
      {"ListHeadcountLimits", kOfficeBureauHr},
      {"RecordTraining", kBureau},
      {"ListTrainingRecords", kOfficeBureauHr},
      {"GetTrainingCoverage", kOfficeBureauHr},
      {"IssuePermit", kBureau},
      {"RevokePermit", kBureau},
      {"ListPermits", kOfficeBureauHr},
      // Labour contracts: the employer of record writes (the HR company, or the bureau for a
      // direct hire, shanxi art. 10, wenjiang 5.2); the handler checks which one.
      {"CreateLabourContract", kBureauHr},
      // SERVICE: assessment's pay sheet reads the contracts (longquan art. 17(3)).
      {"ListLabourContracts", kReadersWithService},
      {"EndLabourContract", kBureauHr},
      {"SetBackbonePosts", kBureau},
      {"AppointBackbonePost", kBureau},
      {"SetStaffingFloor", {"ESTABLISHMENT_OFFICE"}},
      {"SetEstablishedStaff", {"ESTABLISHMENT_OFFICE"}},
      {"GetStaffingReport", kOfficeBureauHr},
  };
  static const testing::AccessMatrix table{"auxpro.personnel.v1.Personnel", matrix};
  return table;
}

const testing::AccessMatrix& AuditChainMatrix() {
  static const testing::AccessMatrix table{
      "auxpro.common.v1.AuditChain",
      {{"VerifyAuditChain", {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU", "HR_COMPANY"}}}};
  return table;
}

grpc::Status CallEmpty(const std::shared_ptr<grpc::Channel>& channel, const std::string& method) {
  return testing::RawUnaryCall(channel, method, "");
}

class AccessMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer({personnel::PersonnelModule()}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::shared_ptr<grpc::Channel> ChannelOf(const std::string& kind) {
    return kind == "SERVICE" ? server_->Channel("system", "SERVICE")
                             : server_->Channel("wenjiang", kind);
  }
  // Rows that any mutation of the tests below writes.
  static int64_t WrittenRows() {
    return testing::QueryInt(server_->Db("personnel"),
                             "SELECT (SELECT COUNT(*) FROM units) + (SELECT COUNT(*) FROM "
                             "headcount_limits) + (SELECT COUNT(*) FROM audit_log) + (SELECT "
                             "COUNT(*) FROM idempotency_keys)");
  }
  static TestServer* server_;
};
TestServer* AccessMatrixTest::server_ = nullptr;

TEST_F(AccessMatrixTest, PersonnelEveryMethodTimesEveryAgencyKind) {
  testing::ExpectAccessMatrix(*server_, PersonnelMatrix());
}

TEST_F(AccessMatrixTest, AuditChainEveryMethodTimesEveryAgencyKind) {
  testing::ExpectAccessMatrix(*server_, AuditChainMatrix());
}

TEST_F(AccessMatrixTest, RefusedCallsWriteNothingWhileTheAllowedTwinWrites) {
  // Requests that would write: a unit and a head-count limit, valid in every field.
  auto unit = [](const std::string& id) {
    personnel::v1::CreateUnitRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_unit_id(id);
    r.mutable_unit()->set_display_name("三中队");
    r.set_request_id(testing::FreshRequestId());
    return r;
  };
  personnel::v1::SetHeadcountLimitRequest limit;
  limit.set_parent("jurisdictions/wenjiang");
  limit.set_limit(30);
  limit.set_request_id(testing::FreshRequestId());
  const int64_t before = WrittenRows();
  for (const std::string& kind : {"ASSESSOR", "PUBLIC", "HR_COMPANY", "ESTABLISHMENT_OFFICE"}) {
    grpc::Status s =
        testing::RawUnaryCall(ChannelOf(kind), "/auxpro.personnel.v1.Personnel/CreateUnit",
                              unit("refused-" + absl::AsciiStrToLower(kind)).SerializeAsString());
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << kind;
  }
  for (const std::string& kind : {"ASSESSOR", "PUBLIC", "HR_COMPANY", "ENFORCEMENT_BUREAU"}) {
    grpc::Status s =
        testing::RawUnaryCall(ChannelOf(kind), "/auxpro.personnel.v1.Personnel/SetHeadcountLimit",
                              limit.SerializeAsString());
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << kind;
  }
  EXPECT_EQ(WrittenRows(), before) << "a refused call wrote something";
  // The same requests from the agencies allowed to send them do write.
  EXPECT_TRUE(testing::RawUnaryCall(ChannelOf("ENFORCEMENT_BUREAU"),
                                    "/auxpro.personnel.v1.Personnel/CreateUnit",
                                    unit("allowed-twin").SerializeAsString())
                  .ok());
  EXPECT_TRUE(testing::RawUnaryCall(ChannelOf("ESTABLISHMENT_OFFICE"),
                                    "/auxpro.personnel.v1.Personnel/SetHeadcountLimit",
                                    limit.SerializeAsString())
                  .ok());
  // unit + audit + key, limit + audit + key.
  EXPECT_EQ(WrittenRows(), before + 6);
}

TEST_F(AccessMatrixTest, UnknownMethodIsRefusedBeforeAnyHandler) {
  grpc::Status status =
      CallEmpty(ChannelOf("ENFORCEMENT_BUREAU"), "/auxpro.personnel.v1.Personnel/DeleteEverything");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
}

TEST_F(AccessMatrixTest, CertificateWithoutUriSanIsUnauthenticated) {
  grpc::Status status =
      CallEmpty(server_->Channel("wenjiang", "NO_URI"), "/auxpro.personnel.v1.Personnel/ListUnits");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
}

TEST_F(AccessMatrixTest, CertificateOfAnotherCaNeverReachesTheServer) {
  auto channel = rpc::MakeMtlsChannel(server_->address(), testing::RogueIdentity());
  ASSERT_TRUE(channel.ok());
  grpc::Status status = CallEmpty(*channel, "/auxpro.personnel.v1.Personnel/ListUnits");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(AccessMatrixTest, CallWithoutClientCertificateFailsTheHandshake) {
  rpc::TlsFiles no_client_cert = testing::ServerIdentity();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = *rpc::ReadFile(no_client_cert.ca);
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  auto channel = grpc::CreateCustomChannel(server_->address(), grpc::SslCredentials(options), args);
  grpc::Status status = CallEmpty(channel, "/auxpro.personnel.v1.Personnel/ListUnits");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

}  // namespace
}  // namespace auxpro
