// Hostile input through the gRPC API of every service on main (personnel, assessment, points,
// survey): a sweep driven by the descriptors of every method's request puts an undefined enum
// number, NaN, and a forbidden character into every field, and expects INVALID_ARGUMENT naming
// that field before any handler runs; then the concrete findings: a 3 MB name answered with a
// short message, a 5 MB request RESOURCE_EXHAUSTED, invalid UTF-8 INVALID_ARGUMENT.
#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "auxpro/common/v1/access.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "google/api/field_behavior.pb.h"
#include "services/assessment/assessment_module.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/call.h"
#include "tests/support/raw_call.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using ::testing::HasSubstr;
using testing::TestServer;

// One step of a path to a field: the field, and whether it is repeated (one element is added).
using Path = std::vector<const FieldDescriptor*>;

bool OutputOnly(const FieldDescriptor* f) {
  for (int b : f->options().GetRepeatedExtension(google::api::field_behavior)) {
    if (b == google::api::OUTPUT_ONLY) return true;
  }
  return false;
}

// Every path (depth <= 4, no type twice on a path) to a leaf field accepted by `pick`.
void Leaves(const Descriptor* type, Path prefix, std::vector<const Descriptor*> seen,
            const std::function<bool(const FieldDescriptor*)>& pick, std::vector<Path>* out) {
  if (prefix.size() > 4) return;
  seen.push_back(type);
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    if (OutputOnly(f) || f->is_map()) continue;
    Path path = prefix;
    path.push_back(f);
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      const Descriptor* sub = f->message_type();
      if (sub->full_name() == "google.protobuf.Any") continue;
      if (std::find(seen.begin(), seen.end(), sub) != seen.end()) continue;
      Leaves(sub, path, seen, pick, out);
    } else if (pick(f)) {
      out->push_back(path);
    }
  }
}

std::string PathName(const Path& path) {
  std::string s;
  for (const FieldDescriptor* f : path) {
    absl::StrAppend(&s, s.empty() ? "" : ".", f->name(), f->is_repeated() ? "[0]" : "");
  }
  return s;
}

// The request with the leaf of `path` set by `set` (intermediate messages created).
std::string Build(const Descriptor* type, const Path& path,
                  const std::function<void(Message*, const FieldDescriptor*)>& set) {
  std::unique_ptr<Message> root(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
  Message* m = root.get();
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    m = path[i]->is_repeated() ? m->GetReflection()->AddMessage(m, path[i])
                               : m->GetReflection()->MutableMessage(m, path[i]);
  }
  set(m, path.back());
  return root->SerializeAsString();
}

class HostileInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer({personnel::PersonnelModule(), assessment::AssessmentModule(),
                              points::PointsModule(), survey::SurveyModule()});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  struct Method {
    std::string path;  // "/pkg.Service/Method"
    const Descriptor* input;
    std::shared_ptr<grpc::Channel> channel;  // of an agency kind the method admits
  };

  static std::vector<Method> Methods() {
    std::vector<Method> out;
    for (const char* service : {"auxpro.personnel.v1.Personnel", "auxpro.assessment.v1.Assessment",
                                "auxpro.points.v1.Points", "auxpro.survey.v1.Survey"}) {
      const auto* s =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
      EXPECT_NE(s, nullptr) << service;
      if (s == nullptr) continue;
      for (int i = 0; i < s->method_count(); ++i) {
        const auto* m = s->method(i);
        const auto& rule = m->options().GetExtension(common::v1::access);
        if (rule.agencies_size() == 0) continue;
        const auto kind = static_cast<common::v1::AgencyKind>(rule.agencies(0));
        auto channel = kind == common::v1::SERVICE
                           ? server_->Channel("system", "SERVICE")
                           : server_->Channel("wenjiang", common::v1::AgencyKind_Name(kind));
        out.push_back({absl::StrCat("/", service, "/", m->name()), m->input_type(), channel});
      }
    }
    return out;
  }

  // Sends, for every method and every leaf field `pick` selects, the request `set` makes, and
  // expects INVALID_ARGUMENT naming the field. Returns how many were sent.
  static int Sweep(const std::function<bool(const FieldDescriptor*)>& pick,
                   const std::function<void(Message*, const FieldDescriptor*)>& set) {
    int sent = 0;
    for (const Method& method : Methods()) {
      std::vector<Path> paths;
      Leaves(method.input, {}, {}, pick, &paths);
      for (const Path& path : paths) {
        const std::string name = PathName(path);
        grpc::Status status =
            testing::RawUnaryCall(method.channel, method.path, Build(method.input, path, set));
        EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
            << method.path << " " << name << ": " << status.error_message();
        EXPECT_THAT(status.error_message(), HasSubstr(name + ":")) << method.path;
        ++sent;
      }
    }
    return sent;
  }

  static TestServer* server_;
};

TestServer* HostileInputTest::server_ = nullptr;

TEST_F(HostileInputTest, EveryEnumFieldOfEveryRequestRefusesAnUndefinedNumber) {
  const int sent =
      Sweep([](const FieldDescriptor* f) { return f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM; },
            [](Message* m, const FieldDescriptor* f) {
              if (f->is_repeated()) {
                m->GetReflection()->AddEnumValue(m, f, 99);
              } else {
                m->GetReflection()->SetEnumValue(m, f, 99);
              }
            });
  EXPECT_GE(sent, 15) << "the sweep found fewer enum fields than the services have";
}

TEST_F(HostileInputTest, EveryFloatingFieldOfEveryRequestRefusesNaN) {
  const int sent = Sweep(
      [](const FieldDescriptor* f) {
        return f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE ||
               f->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT;
      },
      [](Message* m, const FieldDescriptor* f) {
        const auto* r = m->GetReflection();
        const double nan = std::nan("");
        if (f->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
          f->is_repeated() ? r->AddDouble(m, f, nan) : r->SetDouble(m, f, nan);
        } else {
          f->is_repeated() ? r->AddFloat(m, f, nan) : r->SetFloat(m, f, nan);
        }
      });
  EXPECT_GE(sent, 2);  // DailyRecord.days, TrainingRecord.days at least
}

TEST_F(HostileInputTest, EveryStringFieldOfEveryRequestRefusesNulAndBidiOverrides) {
  for (const std::string& bad : {std::string("a\0b", 3), std::string("a\xe2\x80\xae"
                                                                    "b")}) {
    const int sent =
        Sweep([](const FieldDescriptor* f) { return f->type() == FieldDescriptor::TYPE_STRING; },
              [&](Message* m, const FieldDescriptor* f) {
                f->is_repeated() ? m->GetReflection()->AddString(m, f, bad)
                                 : m->GetReflection()->SetString(m, f, bad);
              });
    EXPECT_GE(sent, 100);
  }
}

TEST_F(HostileInputTest, EveryStringFieldOfEveryRequestRefusesInvalidUtf8) {
  // Built as bytes (protobuf will not serialize invalid UTF-8 from a proto3 string): "x" set,
  // then replaced by a lone continuation byte in the wire bytes.
  int sent = 0;
  for (const Method& method : Methods()) {
    std::vector<Path> paths;
    Leaves(
        method.input, {}, {},
        [](const FieldDescriptor* f) { return f->type() == FieldDescriptor::TYPE_STRING; }, &paths);
    for (const Path& path : paths) {
      std::string bytes = Build(method.input, path, [](Message* m, const FieldDescriptor* f) {
        f->is_repeated() ? m->GetReflection()->AddString(m, f, "\x01q")
                         : m->GetReflection()->SetString(m, f, "\x01q");
      });
      const size_t at = bytes.find("\x01q");
      ASSERT_NE(at, std::string::npos);
      bytes[at] = '\x80';
      grpc::Status status = testing::RawUnaryCall(method.channel, method.path, bytes);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << method.path;
      EXPECT_THAT(status.error_message(), HasSubstr(PathName(path) + ": not valid UTF-8"))
          << method.path;
      ++sent;
    }
  }
  EXPECT_GE(sent, 100);
}

TEST_F(HostileInputTest, SingleLineFieldsRefuseNewlinesThroughTheApi) {
  auto stub = personnel::v1::Personnel::NewStub(server_->Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  personnel::v1::CreateUnitRequest request;
  request.set_parent("jurisdictions/wenjiang");
  request.mutable_unit()->set_display_name("Squad\nInjected: line");
  personnel::v1::Unit unit;
  grpc::Status status =
      testing::Call(*stub, &personnel::v1::Personnel::Stub::CreateUnit, request, &unit);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("unit.display_name"));
}

TEST_F(HostileInputTest, AHugeValueIsRefusedWithAShortMessage) {
  auto stub = personnel::v1::Personnel::NewStub(server_->Channel("wenjiang", "HR_COMPANY"));
  personnel::v1::CreatePersonRequest request;
  request.set_parent("jurisdictions/wenjiang");
  request.mutable_person()->set_full_name(std::string(3 << 20, 'a'));
  personnel::v1::Person person;
  grpc::Status status =
      testing::Call(*stub, &personnel::v1::Personnel::Stub::CreatePerson, request, &person);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LT(status.error_message().size(), 600u);
  EXPECT_LT(status.error_details().size(), 2000u);
  // A unit reference of 3 MB, quoted by the scope check, comes back short too.
  personnel::v1::TransferPersonRequest transfer;
  transfer.set_name("jurisdictions/wenjiang/persons/p-1");
  transfer.set_to_unit("jurisdictions/wenjiang/units/" + std::string(3 << 20, 'u'));
  transfer.set_reason("r");
  auto bureau =
      personnel::v1::Personnel::NewStub(server_->Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  status =
      testing::Call(*bureau, &personnel::v1::Personnel::Stub::TransferPerson, transfer, &person);
  EXPECT_NE(status.error_code(), grpc::StatusCode::OK);
  EXPECT_LT(status.error_message().size(), 600u);
}

TEST_F(HostileInputTest, AMessageOverTheLimitIsResourceExhausted) {
  auto stub = personnel::v1::Personnel::NewStub(server_->Channel("wenjiang", "HR_COMPANY"));
  personnel::v1::CreatePersonRequest request;
  request.set_parent("jurisdictions/wenjiang");
  request.mutable_person()->set_full_name(std::string(5 << 20, 'a'));
  personnel::v1::Person person;
  grpc::Status status =
      testing::Call(*stub, &personnel::v1::Personnel::Stub::CreatePerson, request, &person);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
}

}  // namespace
}  // namespace auxpro
