// Unit tests of libs/auth/method_access: method access (read from the (auxpro.common.v1.access)
// options of the compiled contracts).

#include "libs/auth/method_access.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auxpro/common/v1/events.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"

namespace auxpro {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class MethodAccess : public ::testing::Test {
 protected:
  void SetUp() override {
    // Link the generated descriptors of the services whose options are read.
    ASSERT_NE(personnel::v1::HirePersonRequest::descriptor(), nullptr);
    ASSERT_NE(common::v1::ConsumeEventRequest::descriptor(), nullptr);
  }
};

TEST_F(MethodAccess, HirePersonAllowedForEnforcementBureau) {
  EXPECT_TRUE(auth::CheckMethodAccess("/auxpro.personnel.v1.Personnel/HirePerson",
                                      common::v1::ENFORCEMENT_BUREAU)
                  .ok());
}

TEST_F(MethodAccess, HirePersonDeniedForHrCompanyNamingMethodAndAllowedKinds) {
  absl::Status s =
      auth::CheckMethodAccess("/auxpro.personnel.v1.Personnel/HirePerson", common::v1::HR_COMPANY);
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("auxpro.personnel.v1.Personnel/HirePerson"));
  EXPECT_THAT(s.message(), HasSubstr("HR_COMPANY"));
  EXPECT_THAT(s.message(), HasSubstr("allowed: ENFORCEMENT_BUREAU"));
}

TEST_F(MethodAccess, EachKindOfAMultiKindMethodIsAllowedAndOthersAreNot) {
  const std::string path = "/auxpro.personnel.v1.Personnel/CreatePerson";
  EXPECT_TRUE(auth::CheckMethodAccess(path, common::v1::ENFORCEMENT_BUREAU).ok());
  EXPECT_TRUE(auth::CheckMethodAccess(path, common::v1::HR_COMPANY).ok());
  for (auto kind : {common::v1::ESTABLISHMENT_OFFICE, common::v1::ASSESSOR, common::v1::PUBLIC,
                    common::v1::SERVICE, common::v1::AGENCY_KIND_UNSPECIFIED}) {
    absl::Status s = auth::CheckMethodAccess(path, kind);
    EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << common::v1::AgencyKind_Name(kind);
    EXPECT_THAT(s.message(), HasSubstr("ENFORCEMENT_BUREAU, HR_COMPANY"));
  }
}

TEST_F(MethodAccess, SetHeadcountLimitOnlyForEstablishmentOffice) {
  const std::string path = "/auxpro.personnel.v1.Personnel/SetHeadcountLimit";
  EXPECT_TRUE(auth::CheckMethodAccess(path, common::v1::ESTABLISHMENT_OFFICE).ok());
  EXPECT_EQ(auth::CheckMethodAccess(path, common::v1::ENFORCEMENT_BUREAU).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(MethodAccess, ConsumeEventOnlyForServices) {
  const std::string path = "/auxpro.common.v1.EventConsumer/ConsumeEvent";
  EXPECT_TRUE(auth::CheckMethodAccess(path, common::v1::SERVICE).ok());
  EXPECT_EQ(auth::CheckMethodAccess(path, common::v1::ENFORCEMENT_BUREAU).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(MethodAccess, AllowedAgenciesListsTheDeclaredKinds) {
  auto kinds = auth::AllowedAgencies("/auxpro.personnel.v1.Personnel/GetPerson");
  ASSERT_TRUE(kinds.ok()) << kinds.status();
  EXPECT_THAT(*kinds, ElementsAre(common::v1::ESTABLISHMENT_OFFICE, common::v1::ENFORCEMENT_BUREAU,
                                  common::v1::HR_COMPANY, common::v1::SERVICE));
}

TEST_F(MethodAccess, InfrastructureMethodsAreAllowedForAnyKind) {
  for (const std::string& path :
       std::vector<std::string>{"/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch",
                                "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"}) {
    EXPECT_TRUE(auth::CheckMethodAccess(path, common::v1::PUBLIC).ok()) << path;
  }
}

TEST_F(MethodAccess, UnknownOrMalformedMethodIsDenied) {
  for (const std::string& path : std::vector<std::string>{
           "/auxpro.personnel.v1.Personnel/FirePerson", "/auxpro.personnel.v1.Nobody/HirePerson",
           "HirePerson", "/x", "", "/auxpro.personnel.v1.Personnel.HirePerson",
           "/grpc.healthz.v1.Health/Check"}) {
    absl::Status s = auth::CheckMethodAccess(path, common::v1::ENFORCEMENT_BUREAU);
    EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << path;
  }
  absl::Status unknown = auth::CheckMethodAccess("/auxpro.personnel.v1.Personnel/FirePerson",
                                                 common::v1::ENFORCEMENT_BUREAU);
  EXPECT_THAT(unknown.message(), HasSubstr("FirePerson"));
}

}  // namespace
}  // namespace auxpro
