// Unit tests of libs/auth/jurisdiction_scope: jurisdiction scope.

#include "libs/auth/jurisdiction_scope.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "libs/auth/principal.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;

auth::Principal Bureau(const std::string& jurisdiction) {
  auth::Principal p;
  p.jurisdiction = jurisdiction;
  p.kind = common::v1::ENFORCEMENT_BUREAU;
  p.agency_id = jurisdiction + "-enforcement-bureau";
  return p;
}

auth::Principal Service() {
  auth::Principal p;
  p.jurisdiction = auth::kSystemJurisdiction;
  p.kind = common::v1::SERVICE;
  p.agency_id = "points";
  return p;
}

TEST(JurisdictionScope, ParentOfOwnJurisdictionIsAccepted) {
  auto j = auth::ScopeOfParent(Bureau("wenjiang"), "jurisdictions/wenjiang");
  ASSERT_TRUE(j.ok()) << j.status();
  EXPECT_EQ(*j, "wenjiang");
}

TEST(JurisdictionScope, ParentOfAnotherJurisdictionIsNotFound) {
  auto j = auth::ScopeOfParent(Bureau("wenjiang"), "jurisdictions/haimen");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(j.status().message(), HasSubstr("parent"));
}

TEST(JurisdictionScope, ServiceMayActInAnyJurisdiction) {
  auto j = auth::ScopeOfParent(Service(), "jurisdictions/haimen");
  ASSERT_TRUE(j.ok()) << j.status();
  EXPECT_EQ(*j, "haimen");
  auto n = auth::ScopeOfName(Service(), "jurisdictions/wenjiang/persons/p-1", "persons");
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->jurisdiction, "wenjiang");
}

TEST(JurisdictionScope, MalformedParentIsInvalidArgumentNamingTheField) {
  for (const std::string& parent : std::vector<std::string>{
           "", "jurisdictions", "jurisdictions/", "jurisdiction/wenjiang",
           "jurisdictions/wen/jiang", "jurisdictions/wen jiang", "/jurisdictions/wenjiang"}) {
    auto j = auth::ScopeOfParent(Bureau("wenjiang"), parent, "filter.parent");
    ASSERT_FALSE(j.ok()) << "accepted " << parent;
    EXPECT_EQ(j.status().code(), absl::StatusCode::kInvalidArgument) << parent;
    EXPECT_THAT(j.status().message(), HasSubstr("filter.parent"));
  }
}

TEST(JurisdictionScope, NameInOwnJurisdictionGivesJurisdictionAndId) {
  auto n = auth::ScopeOfName(Bureau("wenjiang"), "jurisdictions/wenjiang/persons/p-1", "persons");
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->jurisdiction, "wenjiang");
  EXPECT_EQ(n->id, "p-1");
}

TEST(JurisdictionScope, NameInAnotherJurisdictionIsNotFound) {
  auto n = auth::ScopeOfName(Bureau("wenjiang"), "jurisdictions/haimen/persons/p-1", "persons");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), absl::StatusCode::kNotFound);
  // Not revealed as a permission problem.
  EXPECT_THAT(n.status().message(), ::testing::Not(HasSubstr("jurisdiction \"")));
}

TEST(JurisdictionScope, MalformedNameOrOtherCollectionIsInvalidArgument) {
  for (const std::string& name : std::vector<std::string>{
           "", "jurisdictions/wenjiang/persons", "jurisdictions/wenjiang/units/u-1",
           "jurisdictions/wenjiang/persons/p-1/extra", "jurisdictions/wenjiang/persons/",
           "jurisdictions//persons/p-1", "persons/p-1", "jurisdictions/wenjiang/persons/p 1"}) {
    auto n = auth::ScopeOfName(Bureau("wenjiang"), name, "persons", "person");
    ASSERT_FALSE(n.ok()) << "accepted " << name;
    EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument) << name;
    EXPECT_THAT(n.status().message(), HasSubstr("person"));
  }
}

TEST(JurisdictionScope, MalformedNameOfAnotherJurisdictionIsStillInvalidArgument) {
  auto n = auth::ScopeOfName(Bureau("wenjiang"), "jurisdictions/haimen/units/u-1", "persons");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace auxpro
