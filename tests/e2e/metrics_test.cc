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
#include "tests/support/metrics_scrape.h"
#include "tests/support/call.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;
namespace v1 = personnel::v1;


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
  const std::string text = testing::ScrapeMetrics(server.host().metrics_port());
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
  const std::string after = testing::ScrapeMetrics(server.host().metrics_port());
  EXPECT_THAT(after,
              HasSubstr("auxpro_outbox_pending{consumer=\"points\",service=\"personnel\"} 1"));
  EXPECT_THAT(after, HasSubstr("auxpro_outbox_oldest_pending_seconds{consumer=\"points\","
                               "service=\"personnel\"}"));
}

}  // namespace
}  // namespace auxpro
