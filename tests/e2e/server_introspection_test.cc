// What operators and partners' tools rely on: health checking per service name and server
// reflection, both behind the same mTLS as the API.

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <string>

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

TEST_F(IntrospectionTest, ReflectionListsThePersonnelService) {
  auto channel = server_->Channel("wenjiang", "HR_COMPANY");
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
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  // ServerReflectionRequest{list_services: "*"}: field 7, length-delimited.
  grpc::Slice request(std::string("\x3a\x01*", 3));
  grpc::ByteBuffer in(&request, 1);
  call->Write(in, reinterpret_cast<void*>(2));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  grpc::ByteBuffer out;
  call->Read(&out, reinterpret_cast<void*>(3));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(out.Dump(&slices).ok());
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  EXPECT_NE(bytes.find("auxpro.personnel.v1.Personnel"), std::string::npos);
  context.TryCancel();
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(4));
  while (cq.Next(&tag, &ok)) {
    if (tag == reinterpret_cast<void*>(4)) break;
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

}  // namespace
}  // namespace auxpro
