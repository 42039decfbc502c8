// Unit tests of libs/auth/principal: sPIFFE ids.

#include "libs/auth/principal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace auxpro {
namespace {

using ::testing::HasSubstr;

TEST(SpiffeId, ParsesJurisdictionKindAndAgency) {
  const std::string uri = "spiffe://auxpro/wenjiang/ENFORCEMENT_BUREAU/wenjiang-enforcement-bureau";
  auto p = auth::ParseSpiffeId(uri);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->jurisdiction, "wenjiang");
  EXPECT_EQ(p->kind, common::v1::ENFORCEMENT_BUREAU);
  EXPECT_EQ(p->agency_id, "wenjiang-enforcement-bureau");
  EXPECT_EQ(p->spiffe_id, uri);
  EXPECT_EQ(p->actor, "");
  EXPECT_EQ(p->ToString(), "ENFORCEMENT_BUREAU wenjiang-enforcement-bureau@wenjiang");
}

TEST(SpiffeId, RefusesAnotherTrustDomainOrScheme) {
  for (const std::string& uri : std::vector<std::string>{
           "spiffe://other/wenjiang/HR_COMPANY/hr", "https://auxpro/wenjiang/HR_COMPANY/hr", "",
           "SPIFFE://auxpro/wenjiang/HR_COMPANY/hr"}) {
    auto p = auth::ParseSpiffeId(uri);
    ASSERT_FALSE(p.ok()) << "accepted " << uri;
    EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated);
  }
}

TEST(SpiffeId, RefusesWrongNumberOfParts) {
  for (const std::string& uri : std::vector<std::string>{
           "spiffe://auxpro/wenjiang/HR_COMPANY", "spiffe://auxpro/wenjiang/HR_COMPANY/hr/extra",
           "spiffe://auxpro/wenjiang", "spiffe://auxpro/"}) {
    auto p = auth::ParseSpiffeId(uri);
    ASSERT_FALSE(p.ok()) << "accepted " << uri;
    EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated);
  }
}

TEST(SpiffeId, RefusesMalformedJurisdictionOrAgencyId) {
  for (const std::string& uri : std::vector<std::string>{
           "spiffe://auxpro/WenJiang/HR_COMPANY/hr", "spiffe://auxpro/wenjiang/HR_COMPANY/",
           "spiffe://auxpro//HR_COMPANY/hr", "spiffe://auxpro/wen jiang/HR_COMPANY/hr"}) {
    auto p = auth::ParseSpiffeId(uri);
    ASSERT_FALSE(p.ok()) << "accepted " << uri;
    EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated);
  }
}

TEST(SpiffeId, RefusesUnknownOrUnspecifiedKindNamingIt) {
  auto p = auth::ParseSpiffeId("spiffe://auxpro/wenjiang/POLICE/wenjiang-police");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(p.status().message(), HasSubstr("\"POLICE\""));

  auto unspecified = auth::ParseSpiffeId("spiffe://auxpro/wenjiang/AGENCY_KIND_UNSPECIFIED/x");
  ASSERT_FALSE(unspecified.ok());
  EXPECT_EQ(unspecified.status().code(), absl::StatusCode::kUnauthenticated);

  auto lower = auth::ParseSpiffeId("spiffe://auxpro/wenjiang/hr_company/hr");
  ASSERT_FALSE(lower.ok());
}

TEST(SpiffeId, ServiceIdentitiesLiveOnlyInTheSystemJurisdiction) {
  auto service = auth::ParseSpiffeId("spiffe://auxpro/system/SERVICE/points");
  ASSERT_TRUE(service.ok()) << service.status();
  EXPECT_EQ(service->kind, common::v1::SERVICE);
  EXPECT_EQ(service->jurisdiction, auth::kSystemJurisdiction);

  auto service_elsewhere = auth::ParseSpiffeId("spiffe://auxpro/wenjiang/SERVICE/points");
  ASSERT_FALSE(service_elsewhere.ok());
  EXPECT_EQ(service_elsewhere.status().code(), absl::StatusCode::kUnauthenticated);

  auto agency_in_system = auth::ParseSpiffeId("spiffe://auxpro/system/ENFORCEMENT_BUREAU/eb");
  ASSERT_FALSE(agency_in_system.ok());
  EXPECT_EQ(agency_in_system.status().code(), absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace auxpro
