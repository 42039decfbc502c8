// Prometheus metrics over HTTP from a running host: the golden signals per method, code and agency
// kind, the database and work pools, and the outbox backlog per consumer.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/call.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;
namespace v1 = personnel::v1;

// GET /metrics from 127.0.0.1:port; the body, or "" when the endpoint does not answer.
std::string Scrape(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string body;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n";
    if (write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buf[8192];
      ssize_t n;
      while ((n = read(fd, buf, sizeof buf)) > 0) body.append(buf, static_cast<size_t>(n));
    }
  }
  close(fd);
  return body;
}

TEST(Metrics, CallsPoolsAndOutboxBacklogAreScrapedOverHttp) {
  testing::TestServer server({personnel::PersonnelModule()}, {.metrics = true});
  ASSERT_NE(server.host().metrics_port(), 0);
  auto bureau = v1::Personnel::NewStub(server.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  v1::CreateUnitRequest unit;
  unit.set_parent("jurisdictions/wenjiang");
  unit.set_unit_id("unit-1");
  unit.mutable_unit()->set_display_name("一中队");
  v1::Unit made;
  ASSERT_TRUE(testing::Call(*bureau, &v1::Personnel::Stub::CreateUnit, unit, &made).ok());
  v1::GetPersonRequest get;
  get.set_name("jurisdictions/wenjiang/persons/nobody");
  v1::Person person;
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(testing::Call(*bureau, &v1::Personnel::Stub::GetPerson, get, &person).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  const std::string text = Scrape(server.host().metrics_port());
  ASSERT_THAT(text, HasSubstr("200 OK"));
  EXPECT_THAT(text, HasSubstr("auxpro_rpc_requests_total{agency_kind=\"ENFORCEMENT_BUREAU\","
                              "code=\"OK\",method=\"CreateUnit\",service=\""
                              "auxpro.personnel.v1.Personnel\"} 1"));
  EXPECT_THAT(text, HasSubstr("auxpro_rpc_requests_total{agency_kind=\"ENFORCEMENT_BUREAU\","
                              "code=\"NOT_FOUND\",method=\"GetPerson\",service=\""
                              "auxpro.personnel.v1.Personnel\"} 2"));
  EXPECT_THAT(text, HasSubstr("auxpro_rpc_duration_seconds_count{method=\"GetPerson\","
                              "service=\"auxpro.personnel.v1.Personnel\"} 2"));
  EXPECT_THAT(text, HasSubstr("auxpro_db_pool_size{service=\"personnel\"}"));
  EXPECT_THAT(text, HasSubstr("auxpro_db_pool_waiting{service=\"personnel\"} 0"));
  EXPECT_THAT(text, HasSubstr("auxpro_work_queue_capacity{service=\"personnel\"} 256"));
  // An event for a consumer this server does not host waits, and shows as backlog.
  ASSERT_TRUE(server.Db("personnel")
                  .Read([](db::Transaction& tx) {
                    return tx
                        .Exec(
                            "INSERT INTO outbox_events (event_id, consumer, jurisdiction, "
                            "subject, event_type, event) VALUES ('e-1', 'points', 'wenjiang', "
                            "'s', 't', '')")
                        .status();
                  })
                  .ok());
  const std::string after = Scrape(server.host().metrics_port());
  EXPECT_THAT(after,
              HasSubstr("auxpro_outbox_pending{consumer=\"points\",service=\"personnel\"} 1"));
  EXPECT_THAT(after, HasSubstr("auxpro_outbox_oldest_pending_seconds{consumer=\"points\","
                               "service=\"personnel\"}"));
}

}  // namespace
}  // namespace auxpro
