// Pure helpers of the rpc, auth, crypto and db libraries: no database, no network.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <latch>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "auxpro/common/v1/events.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/auth/method_access.h"
#include "libs/auth/principal.h"
#include "libs/crypto/field_cipher.h"
#include "libs/db/migrations.h"
#include "libs/rpc/work_pool.h"
#include "libs/service/list_filter.h"
#include "libs/service/pagination.h"

namespace auxpro {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// ---------------------------------------------------------------------------------------------
// Pagination

TEST(PageSize, ZeroMeansTheDefaultOf50) {
  auto size = service::EffectivePageSize(0);
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_EQ(*size, 50);
}

TEST(PageSize, AboveTheMaximumIsClampedTo1000) {
  EXPECT_EQ(*service::EffectivePageSize(5000), 1000);
  EXPECT_EQ(*service::EffectivePageSize(1001), 1000);
  EXPECT_EQ(*service::EffectivePageSize(1000), 1000);
}

TEST(PageSize, AnInRangeSizeIsKept) {
  EXPECT_EQ(*service::EffectivePageSize(1), 1);
  EXPECT_EQ(*service::EffectivePageSize(37), 37);
}

TEST(PageSize, NegativeIsInvalidArgumentNamingPageSize) {
  auto size = service::EffectivePageSize(-1);
  ASSERT_FALSE(size.ok());
  EXPECT_EQ(size.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(size.status().message(), HasSubstr("page_size"));
}

TEST(PageToken, RoundTripsTheLastKeyForTheSameQuery) {
  const std::string query = "parent=jurisdictions/wenjiang|filter=state=ACTIVE";
  for (const std::string& key :
       std::vector<std::string>{"p-42", "a:b:c", "张三/一中队", std::string("x\0y", 3)}) {
    const std::string token = service::EncodePageToken(key, query);
    auto decoded = service::DecodePageToken(token, query);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, key);
  }
}

TEST(PageToken, EmptyTokenIsTheFirstPage) {
  auto decoded = service::DecodePageToken("", "any query");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, "");
}

TEST(PageToken, RefusesATokenOfAnotherQuery) {
  const std::string token = service::EncodePageToken("p-42", "parent=jurisdictions/wenjiang");
  auto decoded = service::DecodePageToken(token, "parent=jurisdictions/haimen");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(decoded.status().message(), HasSubstr("page_token"));
}

TEST(PageToken, RefusesGarbage) {
  const std::string query = "parent=jurisdictions/wenjiang";
  for (const std::string& garbage : std::vector<std::string>{
           std::string("not a token!"), std::string("%%%"), absl::WebSafeBase64Escape("short"),
           absl::WebSafeBase64Escape("0123456789abcdefXlast-key")}) {
    auto decoded = service::DecodePageToken(garbage, query);
    ASSERT_FALSE(decoded.ok()) << "accepted " << garbage;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(decoded.status().message(), HasSubstr("page_token"));
  }
}

TEST(PageToken, RefusesATokenWhoseFingerprintWasEdited) {
  const std::string query = "parent=jurisdictions/wenjiang";
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(service::EncodePageToken("p-1", query), &raw));
  raw[0] = raw[0] == '0' ? '1' : '0';
  auto decoded = service::DecodePageToken(absl::WebSafeBase64Escape(raw), query);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// List filters

const std::set<std::string> kFilterFields = {"state", "unit", "full_name"};

TEST(ListFilter, EmptyOrBlankFilterIsNoTerms) {
  for (const std::string& f : std::vector<std::string>{"", "   "}) {
    auto terms = service::ParseFilter(f, kFilterFields);
    ASSERT_TRUE(terms.ok()) << terms.status();
    EXPECT_TRUE(terms->empty());
  }
}

TEST(ListFilter, ParsesTermsJoinedByAnd) {
  auto terms = service::ParseFilter("state=ACTIVE AND unit = u-1", kFilterFields);
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms, UnorderedElementsAre(Pair("state", "ACTIVE"), Pair("unit", "u-1")));
}

TEST(ListFilter, StripsDoubleQuotesAroundAValue) {
  auto terms = service::ParseFilter("full_name=\"张 三\" AND unit=\"一中队\"", kFilterFields);
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms, UnorderedElementsAre(Pair("full_name", "张 三"), Pair("unit", "一中队")));
}

TEST(ListFilter, QuotedValueMayContainAnEqualsSign) {
  auto terms = service::ParseFilter("full_name=\"a=b\"", kFilterFields);
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms, ElementsAre(Pair("full_name", "a=b")));
}

// A double-quoted value is one value: the " AND " inside the quotes is not a term separator.
TEST(ListFilter, QuotedValueMayContainTheWordAnd) {
  auto terms = service::ParseFilter("full_name=\"Smith AND Sons\" AND state=ACTIVE", kFilterFields);
  ASSERT_TRUE(terms.ok()) << terms.status();
  EXPECT_THAT(*terms,
              UnorderedElementsAre(Pair("full_name", "Smith AND Sons"), Pair("state", "ACTIVE")));
}

TEST(ListFilter, UnknownFieldIsInvalidArgumentNamingIt) {
  auto terms = service::ParseFilter("state=ACTIVE AND salary=100", kFilterFields);
  ASSERT_FALSE(terms.ok());
  EXPECT_EQ(terms.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(terms.status().message(), HasSubstr("\"salary\""));
}

TEST(ListFilter, RepeatedFieldIsInvalidArgumentNamingIt) {
  auto terms = service::ParseFilter("state=ACTIVE AND state=EXITED", kFilterFields);
  ASSERT_FALSE(terms.ok());
  EXPECT_EQ(terms.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(terms.status().message(), HasSubstr("\"state\""));
  EXPECT_THAT(terms.status().message(), HasSubstr("repeated"));
}

TEST(ListFilter, TermWithoutEqualsIsInvalidArgument) {
  auto terms = service::ParseFilter("state=ACTIVE AND ACTIVE", kFilterFields);
  ASSERT_FALSE(terms.ok());
  EXPECT_EQ(terms.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(terms.status().message(), HasSubstr("ACTIVE"));
}

// ---------------------------------------------------------------------------------------------
// SPIFFE ids

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

// ---------------------------------------------------------------------------------------------
// Method access (read from the (auxpro.common.v1.access) options of the compiled contracts)

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

// ---------------------------------------------------------------------------------------------
// Jurisdiction scope

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

// ---------------------------------------------------------------------------------------------
// Field cipher

constexpr char kKeyA[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr char kKeyB[] = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

crypto::FieldCipher Cipher(const std::string& key) {
  auto c = crypto::FieldCipher::FromHexKey(key);
  EXPECT_TRUE(c.ok()) << c.status();
  return std::move(*c);
}

TEST(FieldCipher, RoundTripsANationalId) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  const std::string id = "51010419900101123X";
  const std::string sealed = c.Encrypt(id);
  EXPECT_EQ(sealed.find(id), std::string::npos);
  auto opened = c.Decrypt(sealed);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, id);
}

TEST(FieldCipher, RoundTripsTheEmptyString) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  auto opened = c.Decrypt(c.Encrypt(""));
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "");
}

TEST(FieldCipher, AValueSealedForOneRecordDoesNotOpenForAnother) {
  const auto c = Cipher(kKeyA);
  const std::string sealed = c.Encrypt("51010419900101123X", "jurisdictions/w/persons/p-1");
  EXPECT_EQ(*c.Decrypt(sealed, "jurisdictions/w/persons/p-1"), "51010419900101123X");
  EXPECT_FALSE(c.Decrypt(sealed, "jurisdictions/w/persons/p-2").ok());
  EXPECT_FALSE(c.Decrypt(sealed).ok());
}

TEST(FieldCipher, EachEncryptionUsesAFreshNonce) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  EXPECT_NE(c.Encrypt("51010419900101123X"), c.Encrypt("51010419900101123X"));
}

TEST(FieldCipher, ADecryptionWithAnotherInstanceOfTheSameKeyWorks) {
  const std::string sealed = Cipher(kKeyA).Encrypt("51010419900101123X");
  auto opened = Cipher(std::string(kKeyA) + "\n").Decrypt(sealed);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "51010419900101123X");
}

TEST(FieldCipher, RefusesTamperedCiphertext) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  std::string raw;
  ASSERT_TRUE(absl::Base64Unescape(c.Encrypt("51010419900101123X"), &raw));
  ASSERT_EQ(raw.size(), 12u + 18u + 16u);
  // Flip one bit in the nonce, the body and the tag, one at a time.
  for (size_t pos : {size_t{0}, size_t{12}, size_t{20}, raw.size() - 1}) {
    std::string bad = raw;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x01);
    auto opened = c.Decrypt(absl::Base64Escape(bad));
    ASSERT_FALSE(opened.ok()) << "tampered byte " << pos << " accepted";
    EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
  }
  // Truncated.
  auto truncated = c.Decrypt(absl::Base64Escape(raw.substr(0, raw.size() - 1)));
  EXPECT_EQ(truncated.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(FieldCipher, RefusesDataSealedWithAnotherKey) {
  auto opened = Cipher(kKeyB).Decrypt(Cipher(kKeyA).Encrypt("51010419900101123X"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(FieldCipher, RefusesMalformedInput) {
  const crypto::FieldCipher c = Cipher(kKeyA);
  for (const std::string& bad :
       std::vector<std::string>{std::string(""), std::string("not base64 !!"),
                                absl::Base64Escape(std::string(27, 'x'))}) {
    auto opened = c.Decrypt(bad);
    ASSERT_FALSE(opened.ok()) << bad;
    EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
  }
}

TEST(FieldCipher, BlindIndexIsStableAndKeyDependent) {
  const std::string id = "51010419900101123X";
  const std::string a1 = Cipher(kKeyA).BlindIndex(id);
  EXPECT_EQ(a1.size(), 64u);
  EXPECT_EQ(a1.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(Cipher(kKeyA).BlindIndex(id), a1);
  EXPECT_NE(Cipher(kKeyB).BlindIndex(id), a1);
  EXPECT_NE(Cipher(kKeyA).BlindIndex("510104199001011230"), a1);
}

TEST(FieldCipher, UpperAndLowerCaseHexKeysAreTheSameKey) {
  std::string upper = kKeyA;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_EQ(Cipher(upper).BlindIndex("x"), Cipher(kKeyA).BlindIndex("x"));
}

TEST(FieldCipher, RefusesAKeyThatIsNot64HexCharacters) {
  const std::string good = kKeyA;
  for (const std::string& bad :
       std::vector<std::string>{std::string(""), good.substr(0, 63), good + "0",
                                "g" + good.substr(1), good.substr(0, 32) + " " + good.substr(33)}) {
    auto c = crypto::FieldCipher::FromHexKey(bad);
    ASSERT_FALSE(c.ok()) << "accepted \"" << bad << "\"";
    EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

// ---------------------------------------------------------------------------------------------
// Work pool

TEST(WorkPool, TrySubmitRefusesWhenTheQueueIsFull) {
  std::latch started(1);
  std::latch release(1);
  std::atomic<int> ran{0};
  {
    rpc::WorkPool pool(/*threads=*/1, /*queue_capacity=*/2);
    ASSERT_TRUE(pool.TrySubmit([&] {
      started.count_down();
      release.wait();
      ++ran;
    }));
    started.wait();  // the only thread is busy and the queue is empty
    EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
    EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));
    EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));  // queue holds 2: refused
    EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));
    release.count_down();
  }  // destructor finishes the queued work
  EXPECT_EQ(ran.load(), 3);
}

TEST(WorkPool, AcceptsAgainOnceTheQueueDrains) {
  rpc::WorkPool pool(/*threads=*/1, /*queue_capacity=*/1);
  std::latch first_started(1);
  std::latch release(1);
  ASSERT_TRUE(pool.TrySubmit([&] {
    first_started.count_down();
    release.wait();
  }));
  first_started.wait();
  std::latch second_started(1);
  std::latch release_second(1);
  ASSERT_TRUE(pool.TrySubmit([&] {
    second_started.count_down();
    release_second.wait();
  }));
  EXPECT_FALSE(pool.TrySubmit([] {}));
  release.count_down();
  second_started.wait();  // taken off the queue: room for one again
  std::latch third_ran(1);
  EXPECT_TRUE(pool.TrySubmit([&] { third_ran.count_down(); }));
  release_second.count_down();
  third_ran.wait();
}

TEST(WorkPool, RunsWorkOnSeveralThreadsAtOnce) {
  rpc::WorkPool pool(/*threads=*/3, /*queue_capacity=*/3);
  // Each task waits for all three to be running: this only completes with 3 parallel threads.
  std::latch all_running(3);
  std::latch done(3);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(pool.TrySubmit([&] {
      all_running.arrive_and_wait();
      done.count_down();
    }));
  }
  done.wait();
}

// ---------------------------------------------------------------------------------------------
// Migration statement splitting

TEST(SplitStatements, SplitsAtLinesEndingWithASemicolon) {
  const std::string text =
      "CREATE TABLE a (\n"
      "  id INT\n"
      ");\n"
      "INSERT INTO a VALUES (1);  \n"
      "INSERT INTO a VALUES (2)";
  auto statements = db::SplitStatements(text);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_THAT(statements[0], HasSubstr("CREATE TABLE a ("));
  EXPECT_THAT(statements[0], HasSubstr("id INT"));
  EXPECT_EQ(statements[0].find(';'), std::string::npos);
  EXPECT_THAT(statements[1], HasSubstr("INSERT INTO a VALUES (1)"));
  EXPECT_EQ(statements[1].find(';'), std::string::npos);
  EXPECT_THAT(statements[2], HasSubstr("INSERT INTO a VALUES (2)"));
}

TEST(SplitStatements, SemicolonInsideALineDoesNotSplit) {
  auto statements = db::SplitStatements("INSERT INTO a VALUES ('x;y'), ('z');\n");
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_THAT(statements[0], HasSubstr("('x;y'), ('z')"));
}

TEST(SplitStatements, SkipsCommentLinesEvenWhenTheyEndWithASemicolon) {
  const std::string text =
      "-- header comment;\n"
      "  -- indented comment;\n"
      "CREATE TABLE a (id INT);\n"
      "-- trailing comment\n";
  auto statements = db::SplitStatements(text);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].find("--"), std::string::npos);
  EXPECT_THAT(statements[0], HasSubstr("CREATE TABLE a (id INT)"));
}

TEST(SplitStatements, BlankOrEmptyTextHasNoStatements) {
  EXPECT_TRUE(db::SplitStatements("").empty());
  EXPECT_TRUE(db::SplitStatements("\n  \n;\n-- only a comment\n").empty());
}

TEST(SplitStatements, HandlesWindowsLineEndings) {
  auto statements = db::SplitStatements("SELECT 1;\r\nSELECT 2;\r\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_THAT(statements[0], HasSubstr("SELECT 1"));
  EXPECT_THAT(statements[1], HasSubstr("SELECT 2"));
}

}  // namespace
}  // namespace auxpro
