// Who gets in, with client certificates made here by the development CA (openssl): an expired
// certificate never completes the handshake; a well-formed, CA-signed certificate for a
// jurisdiction that has no policy on the server (spiffe://auxpro/atlantis/HR_COMPANY/h) is refused
// at the gate for every service and writes nothing. (No certificate, another CA and no URI SAN:
// access_matrix_test.cc.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/rpc/tls_files.h"
#include "services/assessment/assessment_module.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/call.h"
#include "tests/support/raw_call.h"
#include "tests/support/test_env.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;
using testing::TestServer;

// A client certificate for `uri`, signed by the development CA, valid for `days` (negative:
// expired that many days ago).
rpc::TlsFiles MakeClientCert(const std::string& name, const std::string& uri, int days) {
  const std::string dir =
      (std::filesystem::temp_directory_path() / absl::StrCat("auxpro-gate-", getpid())).string();
  std::filesystem::create_directories(dir);
  const std::string base = absl::StrCat(dir, "/", name);
  const std::string ca = testing::CertsDir() + "/ca.crt";
  const std::string ca_key = testing::CertsDir() + "/ca.key";
  const std::string cmd = absl::StrCat(
      "set -e; cd '", dir, "'; ",
      "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out '", base,
      ".key' 2>/dev/null; ", "openssl req -new -key '", base, ".key' -subj /CN=", name, " -out '",
      base, ".csr'; ", "printf 'subjectAltName=URI:", uri, "\\nextendedKeyUsage=clientAuth\\n' > '",
      base, ".ext'; ", "openssl x509 -req -in '", base, ".csr' -CA '", ca, "' -CAkey '", ca_key,
      "' -CAcreateserial -days ", days, " -extfile '", base, ".ext' -out '", base,
      ".crt' 2>/dev/null");
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return {base + ".crt", base + ".key", ca};
}

class GateCertificatesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer({personnel::PersonnelModule(), assessment::AssessmentModule(),
                              points::PointsModule(), survey::SurveyModule()});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::shared_ptr<grpc::Channel> ChannelWith(const rpc::TlsFiles& files) {
    auto channel = rpc::MakeMtlsChannel(server_->address(), files);
    EXPECT_TRUE(channel.ok()) << channel.status();
    return *channel;
  }
  static TestServer* server_;
};

TestServer* GateCertificatesTest::server_ = nullptr;

TEST_F(GateCertificatesTest, AJurisdictionWithoutPolicyIsRefusedAtTheGate) {
  auto channel =
      ChannelWith(MakeClientCert("atlantis-hr", "spiffe://auxpro/atlantis/HR_COMPANY/h", 30));
  auto stub = personnel::v1::Personnel::NewStub(channel);
  personnel::v1::CreatePersonRequest request;
  request.set_parent("jurisdictions/atlantis");
  request.mutable_person()->set_full_name("Nobody");
  personnel::v1::Person person;
  grpc::Status status =
      testing::Call(*stub, &personnel::v1::Personnel::Stub::CreatePerson, request, &person);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("atlantis"));
  // Every service's methods, not only personnel's.
  for (const char* method :
       {"/auxpro.personnel.v1.Personnel/ListPersons",
        "/auxpro.assessment.v1.Assessment/ListDailyRecords",
        "/auxpro.points.v1.Points/ListPointEntries", "/auxpro.survey.v1.Survey/ListCampaigns"}) {
    grpc::Status s = testing::RawUnaryCall(channel, method, "");
    EXPECT_TRUE(s.error_code() == grpc::StatusCode::PERMISSION_DENIED)
        << method << ": " << s.error_message();
  }
  EXPECT_EQ(testing::QueryInt(server_->Db("personnel"),
                              "SELECT COUNT(*) FROM persons WHERE jurisdiction = 'atlantis'"),
            0);
}

TEST_F(GateCertificatesTest, AServedJurisdictionWithAFreshCertificateGetsIn) {
  // The control: the same recipe for wenjiang works, so the refusals above are the gate's.
  auto channel =
      ChannelWith(MakeClientCert("wenjiang-hr", "spiffe://auxpro/wenjiang/HR_COMPANY/h", 30));
  grpc::Status s = testing::RawUnaryCall(channel, "/auxpro.personnel.v1.Personnel/ListPersons",
                                         "\x0a\x16jurisdictions/wenjiang");
  EXPECT_TRUE(s.ok()) << s.error_message();
}

TEST_F(GateCertificatesTest, AnExpiredCertificateNeverCompletesTheHandshake) {
  auto channel =
      ChannelWith(MakeClientCert("expired-hr", "spiffe://auxpro/wenjiang/HR_COMPANY/h", -1));
  grpc::Status s = testing::RawUnaryCall(channel, "/auxpro.personnel.v1.Personnel/ListPersons",
                                         "\x0a\x16jurisdictions/wenjiang");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
}

}  // namespace
}  // namespace auxpro
