#include "tests/support/access_matrix.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/api/resource.pb.h"
#include "tests/support/call.h"
#include "tests/support/raw_call.h"

namespace auxpro::testing {

namespace {

using google::protobuf::FieldDescriptor;

bool ReachedHandler(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::UNIMPLEMENTED:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::UNAVAILABLE:  // also what a refused handshake looks like
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return false;
    default:
      return true;
  }
}

// A name of the collection the method acts on, taken from the google.api.resource pattern of its
// response (`jurisdictions/{jurisdiction}/persons/{person}` -> `<parent>/persons/none`), so the
// request passes the handler's name check and meets NOT_FOUND.
std::string NameIn(const google::protobuf::MethodDescriptor& m, const std::string& parent) {
  const auto& options = m.output_type()->options();
  if (options.HasExtension(google::api::resource)) {
    const auto& resource = options.GetExtension(google::api::resource);
    if (resource.pattern_size() > 0) {
      const std::string& pattern = resource.pattern(0);
      const size_t start = pattern.find("}/");
      const size_t end = pattern.find("/{", start + 2);
      if (start != std::string::npos && end != std::string::npos) {
        return absl::StrCat(parent, "/", pattern.substr(start + 2, end - start - 2), "/none");
      }
    }
  }
  return absl::StrCat(parent, "/things/none");
}

}  // namespace

const std::vector<std::string>& AgencyKinds() {
  static const std::vector<std::string> kinds = {
      "ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU", "HR_COMPANY", "ASSESSOR", "PUBLIC", "SERVICE"};
  return kinds;
}

std::string WellFormedRequest(const std::string& service, const std::string& method,
                              const std::string& jurisdiction) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  const auto* m = pool->FindMethodByName(absl::StrCat(service, ".", method));
  if (m == nullptr) return "";
  google::protobuf::DynamicMessageFactory factory(pool);
  std::unique_ptr<google::protobuf::Message> request(factory.GetPrototype(m->input_type())->New());
  const auto* reflection = request->GetReflection();
  const std::string parent = absl::StrCat("jurisdictions/", jurisdiction);
  for (int i = 0; i < m->input_type()->field_count(); ++i) {
    const FieldDescriptor* f = m->input_type()->field(i);
    if (f->type() != FieldDescriptor::TYPE_STRING || f->is_repeated()) continue;
    if (f->name() == "parent") {
      reflection->SetString(request.get(), f, parent);
    } else if (f->name() == "name") {
      reflection->SetString(request.get(), f, NameIn(*m, parent));
    } else if (f->name() == "request_id") {
      reflection->SetString(request.get(), f, FreshRequestId());
    }
  }
  return request->SerializeAsString();
}

void ExpectAccessMatrix(TestServer& server, const AccessMatrix& matrix,
                        const std::string& jurisdiction) {
  const auto* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(matrix.service);
  ASSERT_NE(service, nullptr) << matrix.service;
  std::set<std::string> methods, table;
  for (int i = 0; i < service->method_count(); ++i) methods.insert(service->method(i)->name());
  for (const auto& [method, kinds] : matrix.allowed) table.insert(method);
  EXPECT_EQ(methods, table) << matrix.service
                            << ": a method was added or removed: update its DOMAIN.md section 8 "
                               "rows and the test's table";
  for (const auto& [method, allowed] : matrix.allowed) {
    const std::string path = absl::StrCat("/", matrix.service, "/", method);
    for (const std::string& kind : AgencyKinds()) {
      grpc::Status status = RawUnaryCall(server.Channel(jurisdiction, kind), path,
                                         WellFormedRequest(matrix.service, method, jurisdiction));
      if (allowed.count(kind)) {
        EXPECT_TRUE(ReachedHandler(status.error_code()))
            << method << " as " << kind << " did not reach its handler: " << status.error_code()
            << " " << status.error_message();
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << method << " as " << kind << " should be refused";
        EXPECT_TRUE(absl::StrContains(status.error_message(), method))
            << "the refusal names the method: " << status.error_message();
      }
    }
  }
}

}  // namespace auxpro::testing
