// What operators and partners' tools rely on: health checking per service name and server
// reflection, both behind the same mTLS as the API.

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "services/personnel/personnel_module.h"
#include "tests/support/raw_call.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

class IntrospectionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::TestServer({personnel::PersonnelModule()});
  }
  static void TearDownTestSuite() { delete server_; }
  static testing::TestServer* server_;
};
testing::TestServer* IntrospectionTest::server_ = nullptr;

TEST_F(IntrospectionTest, HealthIsServingPerServiceName) {
  auto channel = server_->Channel("wenjiang", "PUBLIC");  // any verified certificate
  std::string response;
  grpc::Status s = testing::RawUnaryCall(
      channel, "/grpc.health.v1.Health/Check",
      testing::HealthCheckRequest("auxpro.personnel.v1.Personnel"), &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response, std::string("\x08\x01", 2));  // status: SERVING
  response.clear();
  s = testing::RawUnaryCall(channel, "/grpc.health.v1.Health/Check",
                            testing::HealthCheckRequest("auxpro.nope.v1.Nope"), &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

// One ServerReflectionInfo exchange: `request` (a serialized ServerReflectionRequest) out, the
// serialized answer back.
std::string ReflectionAnswer(const std::shared_ptr<grpc::Channel>& channel,
                             const std::string& request_bytes) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto call = stub.PrepareCall(&context,
                               "/grpc.reflection.v1alpha.ServerReflection/"
                               "ServerReflectionInfo",
                               &cq);
  void* tag = nullptr;
  bool ok = false;
  std::string bytes;
  call->StartCall(reinterpret_cast<void*>(1));
  if (cq.Next(&tag, &ok) && ok) {
    grpc::Slice request(request_bytes);
    grpc::ByteBuffer in(&request, 1);
    call->Write(in, reinterpret_cast<void*>(2));
    if (cq.Next(&tag, &ok) && ok) {
      grpc::ByteBuffer out;
      call->Read(&out, reinterpret_cast<void*>(3));
      std::vector<grpc::Slice> slices;
      if (cq.Next(&tag, &ok) && ok && out.Dump(&slices).ok()) {
        for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
      }
    }
  }
  context.TryCancel();
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(4));
  while (cq.Next(&tag, &ok)) {
    if (tag == reinterpret_cast<void*>(4)) break;
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  return bytes;
}

TEST_F(IntrospectionTest, ReflectionListsThePersonnelService) {
  // ServerReflectionRequest{list_services: "*"}: field 7, length-delimited.
  std::string bytes =
      ReflectionAnswer(server_->Channel("wenjiang", "HR_COMPANY"), std::string("\x3a\x01*", 3));
  EXPECT_NE(bytes.find("auxpro.personnel.v1.Personnel"), std::string::npos);
}

// grpcurl calls health and decodes ErrorInfo from what reflection describes: the file of each
// symbol must be served (gRPC's built-in health service carries no descriptor of its own).
TEST_F(IntrospectionTest, ReflectionDescribesHealthAndTheErrorDetails) {
  for (const auto& [symbol, file] :
       std::vector<std::pair<std::string, std::string>>{
           {"grpc.health.v1.Health", "grpc/health/v1/health.proto"},
           {"google.rpc.ErrorInfo", "google/rpc/error_details.proto"},
           {"google.rpc.Status", "google/rpc/status.proto"}}) {
    // ServerReflectionRequest{file_containing_symbol: symbol}: field 4, length-delimited.
    std::string request = std::string("\x22") + static_cast<char>(symbol.size()) + symbol;
    std::string bytes = ReflectionAnswer(server_->Channel("wenjiang", "HR_COMPANY"), request);
    EXPECT_NE(bytes.find(file), std::string::npos) << symbol << " is not described";
  }
}

}  // namespace
}  // namespace auxpro
