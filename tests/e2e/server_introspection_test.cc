// What operators and partners' tools rely on: health checking per service name and server
// reflection, both behind the same mTLS as the API.

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <string>

#include "services/personnel/personnel_module.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

// grpc.health.v1.HealthCheckRequest{service} by hand: field 1, length-delimited.
std::string HealthRequest(const std::string& service) {
  std::string bytes;
  if (!service.empty()) {
    bytes.push_back(0x0a);
    bytes.push_back(static_cast<char>(service.size()));
    bytes += service;
  }
  return bytes;
}

grpc::Status Unary(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                   const std::string& request, std::string* response) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::Slice slice(request);
  grpc::ByteBuffer in(&slice, 1), out;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  grpc::Status result;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &in, &out, [&](grpc::Status s) {
    std::lock_guard lock(mu);
    result = s;
    done = true;
    cv.notify_all();
  });
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return done; });
  std::vector<grpc::Slice> slices;
  if (result.ok() && out.Dump(&slices).ok()) {
    for (const auto& s : slices)
      response->append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return result;
}

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
  grpc::Status s = Unary(channel, "/grpc.health.v1.Health/Check",
                         HealthRequest("auxpro.personnel.v1.Personnel"), &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response, std::string("\x08\x01", 2));  // status: SERVING
  response.clear();
  s = Unary(channel, "/grpc.health.v1.Health/Check", HealthRequest("auxpro.nope.v1.Nope"),
            &response);
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
