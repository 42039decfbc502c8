// The real auxpro-server's logs: one JSON object per line on stderr with the call's method, code,
// latency, request_id and caller; refusals by the access gate logged too; never a national ID,
// a name or anything else of a request body.

#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/call.h"
#include "tests/support/national_id.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

using google::protobuf::Struct;
namespace v1 = personnel::v1;

std::string Field(const Struct& line, const std::string& key) {
  auto it = line.fields().find(key);
  if (it == line.fields().end()) return "";
  if (it->second.has_string_value()) return it->second.string_value();
  if (it->second.has_number_value()) return absl::StrCat(it->second.number_value());
  return "?";
}

std::unique_ptr<v1::Personnel::Stub> StubAs(int port, const std::string& kind) {
  auto channel = rpc::MakeMtlsChannel(absl::StrCat("127.0.0.1:", port),
                                      testing::ClientIdentity("wenjiang", kind));
  EXPECT_TRUE(channel.ok()) << channel.status();
  return v1::Personnel::NewStub(*channel);
}

TEST(StructuredLogs, OneJsonObjectPerCallWithoutRequestBodies) {
  testing::ServerDatabases dbs({"personnel"});
  testing::ServerProcess server(absl::StrCat("--target=personnel ", dbs.Flags()),
                                dbs.dir() / "server.log");
  const int port = server.WaitUntilServing();
  ASSERT_GT(port, 0) << server.Log();
  auto hr = StubAs(port, "HR_COMPANY");

  const std::string national_id = testing::MakeNationalId(1991, 3, 14, 271);
  const std::string full_name = "日志测试人员";
  const std::string request_id = testing::FreshRequestId();
  v1::CreatePersonRequest create;
  create.set_parent("jurisdictions/wenjiang");
  create.mutable_person()->set_full_name(full_name);
  create.mutable_person()->set_national_id(national_id);
  create.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
  create.mutable_person()->set_post_type(v1::FIELD);
  create.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
  create.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
  create.set_request_id(request_id);
  v1::Person person;
  grpc::Status created = testing::Call(*hr, &v1::Personnel::Stub::CreatePerson, create, &person);
  ASSERT_TRUE(created.ok()) << created.error_message();

  // Refused by the rules: the message names parts of the number, the log must not.
  const std::string future_id = testing::MakeNationalId(2090, 1, 2, 33);
  create.mutable_person()->set_national_id(future_id);
  create.set_request_id(testing::FreshRequestId());
  EXPECT_EQ(testing::Call(*hr, &v1::Personnel::Stub::CreatePerson, create, &person).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // Refused by the access gate (the public may not list units).
  auto anyone = StubAs(port, "PUBLIC");
  v1::ListUnitsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  v1::ListUnitsResponse units;
  EXPECT_EQ(testing::Call(*anyone, &v1::Personnel::Stub::ListUnits, list, &units).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(), 0);
  const std::string log = server.Log();

  std::vector<Struct> lines;
  for (absl::string_view text : absl::StrSplit(log, '\n', absl::SkipEmpty())) {
    // stdout's start-up lines for people share the file here; everything else is JSON.
    if (absl::StartsWith(text, "auxpro-server: ")) continue;
    Struct line;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(text), &line).ok())
        << "not one JSON object: " << text;
    EXPECT_FALSE(Field(line, "time").empty()) << text;
    EXPECT_FALSE(Field(line, "level").empty()) << text;
    EXPECT_FALSE(Field(line, "module").empty()) << text;
    lines.push_back(line);
  }

  const Struct* ok_call = nullptr;
  const Struct* bad_call = nullptr;
  const Struct* refused = nullptr;
  for (const Struct& line : lines) {
    if (Field(line, "msg") == "call" && Field(line, "method") == "CreatePerson") {
      (Field(line, "code") == "OK" ? ok_call : bad_call) = &line;
    }
    if (Field(line, "msg") == "call refused" &&
        Field(line, "path") == "/auxpro.personnel.v1.Personnel/ListUnits") {
      refused = &line;
    }
  }
  ASSERT_NE(ok_call, nullptr) << log;
  EXPECT_EQ(Field(*ok_call, "level"), "info");
  EXPECT_EQ(Field(*ok_call, "module"), "rpc");
  EXPECT_EQ(Field(*ok_call, "service"), "auxpro.personnel.v1.Personnel");
  EXPECT_EQ(Field(*ok_call, "request_id"), request_id);
  EXPECT_EQ(Field(*ok_call, "jurisdiction"), "wenjiang");
  EXPECT_EQ(Field(*ok_call, "agency_kind"), "HR_COMPANY");
  EXPECT_EQ(Field(*ok_call, "agency_id"), "wenjiang-hr-company");
  EXPECT_EQ(Field(*ok_call, "actor"), "test-actor");
  EXPECT_TRUE(ok_call->fields().at("latency_ms").has_number_value());
  ASSERT_NE(bad_call, nullptr) << log;
  EXPECT_EQ(Field(*bad_call, "code"), "INVALID_ARGUMENT");
  ASSERT_NE(refused, nullptr) << log;
  EXPECT_EQ(Field(*refused, "code"), "PERMISSION_DENIED");
  EXPECT_EQ(Field(*refused, "level"), "warning");

  // Nothing of the bodies: not the numbers, not their first 14 digits, not the name.
  for (const std::string& secret :
       {national_id, national_id.substr(0, 14), future_id.substr(0, 14), full_name}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in the log:\n" << log;
  }
}

}  // namespace
}  // namespace auxpro
