// Who may call what (DOMAIN.md section 8), over real mTLS with one client certificate per agency
// kind, against every method of auxpro.personnel.v1.Personnel. The expected table is written out
// here from DOMAIN.md, independently of the proto options it checks.

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/db/transaction.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/raw_call.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

using testing::TestServer;

const std::vector<std::string> kKinds = {
    "ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU", "HR_COMPANY", "ASSESSOR", "PUBLIC", "SERVICE"};

// DOMAIN.md section 8, personnel rows.
const std::map<std::string, std::set<std::string>>& ExpectedMatrix() {
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
      {"VerifyAuditChain", kOfficeBureauHr},
  };
  return matrix;
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
  static TestServer* server_;
};
TestServer* AccessMatrixTest::server_ = nullptr;

TEST_F(AccessMatrixTest, TableCoversEveryMethodOfTheService) {
  const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      "auxpro.personnel.v1.Personnel");
  ASSERT_NE(service, nullptr);
  std::set<std::string> methods;
  for (int i = 0; i < service->method_count(); ++i) methods.insert(service->method(i)->name());
  std::set<std::string> table;
  for (const auto& [method, kinds] : ExpectedMatrix()) table.insert(method);
  EXPECT_EQ(methods, table) << "a method was added or removed: update DOMAIN.md section 8 rows";
}

TEST_F(AccessMatrixTest, EveryMethodTimesEveryAgencyKind) {
  for (const auto& [method, allowed] : ExpectedMatrix()) {
    const std::string path = "/auxpro.personnel.v1.Personnel/" + method;
    for (const std::string& kind : kKinds) {
      grpc::Status status = CallEmpty(ChannelOf(kind), path);
      if (allowed.count(kind)) {
        EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << method << " as " << kind << ": " << status.error_message();
        EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << method << " " << kind;
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << method << " as " << kind << " should be refused";
        EXPECT_NE(status.error_message().find("may not call"), std::string::npos)
            << status.error_message();
      }
    }
  }
}

TEST_F(AccessMatrixTest, RefusedCallsWriteNothing) {
  // A refused mutation never reaches its handler: no audit row, no idempotency key.
  for (const std::string& kind : {"ASSESSOR", "PUBLIC", "HR_COMPANY"}) {
    (void)CallEmpty(ChannelOf(kind), "/auxpro.personnel.v1.Personnel/HirePerson");
    (void)CallEmpty(ChannelOf(kind), "/auxpro.personnel.v1.Personnel/SetHeadcountLimit");
  }
  int64_t rows = -1;
  ASSERT_TRUE(server_->Db("personnel")
                  .Read([&](db::Transaction& tx) -> absl::Status {
                    auto row = tx.QueryOne(
                        "SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM "
                        "idempotency_keys)");
                    if (!row.ok()) return row.status();
                    rows = (*row)->Int(0);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(rows, 0);
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
