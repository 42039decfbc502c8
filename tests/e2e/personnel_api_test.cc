// The personnel service through its gRPC API, over mTLS, against a real MariaDB: DOMAIN.md
// section 2 rules and the API conventions (request_id, etag, pagination, errors, jurisdiction).

#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/common/v1/audit_service.grpc.pb.h"
#include "auxpro/personnel/v1/events.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/crypto/field_cipher.h"
#include "libs/db/transaction.h"
#include "libs/rpc/error_info.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/call.h"
#include "tests/support/national_id.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = personnel::v1;
using ::testing::HasSubstr;
using testing::MakeNationalId;
using ::testing::Not;
using testing::TestServer;

constexpr char kParent[] = "jurisdictions/wenjiang";

std::string NextRequestId() {
  static std::atomic<int> n{0};
  return absl::StrCat("req-", absl::ToUnixMicros(absl::Now()), "-", n++);
}

common::v1::Date Today() { return DateOf(absl::Now()); }

class PersonnelApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(
        std::vector<service::ModuleSpec>{personnel::PersonnelModule()});
    bureau_ = Stub("wenjiang", "ENFORCEMENT_BUREAU");
    hr_ = Stub("wenjiang", "HR_COMPANY");
    office_ = Stub("wenjiang", "ESTABLISHMENT_OFFICE");
  }

  std::unique_ptr<v1::Personnel::Stub> Stub(const std::string& j, const std::string& kind) {
    return v1::Personnel::NewStub(server_->Channel(j, kind));
  }

  // Calls a unary method as a partner would (actor metadata, deadline).
  template <typename Stub, typename Method, typename Request, typename Response>
  grpc::Status Call(Stub& stub, Method method, const Request& request, Response* response) {
    return testing::Call(stub, method, request, response);
  }

  int64_t Count(const std::string& sql) { return testing::QueryInt(server_->Db("personnel"), sql); }

  v1::Unit CreateUnit(const std::string& id, const std::string& display) {
    v1::CreateUnitRequest r;
    r.set_parent(kParent);
    r.set_unit_id(id);
    r.mutable_unit()->set_display_name(display);
    r.set_request_id(NextRequestId());
    v1::Unit unit;
    grpc::Status s = Call(*bureau_, &v1::Personnel::Stub::CreateUnit, r, &unit);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return unit;
  }

  void SetLimit(const std::string& unit, int limit) {
    v1::SetHeadcountLimitRequest r;
    r.set_parent(kParent);
    r.set_unit(unit);
    r.set_limit(limit);
    r.set_document_ref("温编发〔2026〕1号");
    r.set_request_id(NextRequestId());
    v1::HeadcountLimit out;
    grpc::Status s = Call(*office_, &v1::Personnel::Stub::SetHeadcountLimit, r, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  v1::DispatchAgreement CreateAgreement(int headcount, bool bureau_signs) {
    v1::CreateDispatchAgreementRequest r;
    r.set_parent(kParent);
    auto* a = r.mutable_dispatch_agreement();
    a->set_title("2026年度城管辅助人员劳务派遣协议");
    a->add_posts("巡查");
    a->set_duties("协助执法人员巡查、劝阻");
    a->set_headcount(headcount);
    common::v1::Date start = Today();
    start.set_year(start.year() - 1);
    common::v1::Date end = Today();
    end.set_year(end.year() + 1);
    *a->mutable_start_date() = start;
    *a->mutable_end_date() = end;
    a->set_monthly_pay_fen(450000);
    r.set_request_id(NextRequestId());
    v1::DispatchAgreement out;
    grpc::Status s = Call(*hr_, &v1::Personnel::Stub::CreateDispatchAgreement, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (bureau_signs) {
      v1::SignDispatchAgreementRequest sign;
      sign.set_name(out.name());
      sign.set_request_id(NextRequestId());
      s = Call(*bureau_, &v1::Personnel::Stub::SignDispatchAgreement, sign, &out);
      EXPECT_TRUE(s.ok()) << s.error_message();
    }
    return out;
  }

  grpc::Status CreatePerson(const std::string& name, const std::string& national_id,
                            v1::Person* out,
                            common::v1::Education education = common::v1::HIGH_SCHOOL,
                            const std::string& request_id = "") {
    v1::CreatePersonRequest r;
    r.set_parent(kParent);
    r.mutable_person()->set_full_name(name);
    r.mutable_person()->set_national_id(national_id);
    r.mutable_person()->set_education(education);
    r.mutable_person()->set_post_type(v1::FIELD);
    // wenjiang 6.1 b) and table 1 level 5: fitness and Mandarin are recorded before a hire.
    r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    r.set_request_id(request_id.empty() ? NextRequestId() : request_id);
    return Call(*hr_, &v1::Personnel::Stub::CreatePerson, r, out);
  }

  v1::Person NewPerson(int serial, int birth_year = 1990) {
    v1::Person p;
    grpc::Status s = CreatePerson(absl::StrCat("测试人员", serial),
                                  MakeNationalId(birth_year, 5, 17, serial), &p);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p;
  }

  grpc::Status Hire(const v1::Person& p, const v1::Unit& unit, const v1::DispatchAgreement& a,
                    v1::Person* out) {
    v1::HirePersonRequest r;
    r.set_name(p.name());
    r.set_unit(unit.name());
    r.set_dispatch_agreement(a.name());
    r.set_request_id(NextRequestId());
    return Call(*bureau_, &v1::Personnel::Stub::HirePerson, r, out);
  }

  void Train(const v1::Person& p, v1::TrainingKind kind, double days) {
    v1::RecordTrainingRequest r;
    r.set_parent(p.name());
    r.mutable_training_record()->set_kind(kind);
    r.mutable_training_record()->set_days(days);
    r.mutable_training_record()->set_passed(true);
    *r.mutable_training_record()->mutable_start_date() = Today();
    r.set_request_id(NextRequestId());
    v1::TrainingRecord out;
    grpc::Status s = Call(*bureau_, &v1::Personnel::Stub::RecordTraining, r, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status Issue(const v1::Person& p, v1::Permit* out) {
    v1::IssuePermitRequest r;
    r.set_name(p.name());
    r.set_request_id(NextRequestId());
    return Call(*bureau_, &v1::Personnel::Stub::IssuePermit, r, out);
  }

  // A unit, limits and an active agreement, ready for hiring.
  struct District {
    v1::Unit unit;
    v1::DispatchAgreement agreement;
  };
  District ReadyDistrict(int jurisdiction_limit = 50, int agreement_headcount = 50) {
    District d;
    d.unit = CreateUnit("unit-1", "一中队");
    SetLimit("", jurisdiction_limit);
    d.agreement = CreateAgreement(agreement_headcount, true);
    return d;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::Personnel::Stub> bureau_, hr_, office_;
};

TEST_F(PersonnelApiTest, PersonRecordNationalIdEncryptedAndMaskedExceptForHrCompany) {
  const std::string id = MakeNationalId(1990, 5, 17, 123);
  v1::Person created;
  ASSERT_TRUE(CreatePerson("张三", id, &created).ok());
  EXPECT_EQ(created.disclosed_national_id(), id);  // the HR company created it: in clear
  EXPECT_TRUE(created.national_id().empty());      // input only
  EXPECT_EQ(created.full_name(), "张三");
  EXPECT_EQ(created.state(), v1::CANDIDATE);
  EXPECT_EQ(created.gender(), common::v1::MALE);
  EXPECT_EQ(created.birth_date().year(), 1990);

  v1::GetPersonRequest get;
  get.set_name(created.name());
  v1::Person seen;
  ASSERT_TRUE(Call(*bureau_, &v1::Personnel::Stub::GetPerson, get, &seen).ok());
  EXPECT_EQ(seen.masked_national_id(), id.substr(0, 2) + std::string(16, '*'));
  EXPECT_TRUE(seen.disclosed_national_id().empty());
  ASSERT_TRUE(Call(*office_, &v1::Personnel::Stub::GetPerson, get, &seen).ok());
  EXPECT_TRUE(seen.disclosed_national_id().empty());
  EXPECT_TRUE(seen.national_id().empty());
  EXPECT_EQ(seen.masked_national_id(), id.substr(0, 2) + std::string(16, '*'));
  // Stored encrypted: the clear number is neither in the row nor in the stored response that a
  // retry of the HR company's call would replay.
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM idempotency_keys WHERE FROM_BASE64(response) "
                               "LIKE '%",
                               id, "%'")),
            0);
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM persons WHERE national_id_sealed LIKE '%", id,
                               "%' OR national_id_masked = '", id, "'")),
            0);
}

TEST_F(PersonnelApiTest, ASealedNationalIdOpensOnlyForItsOwnRecord) {
  const std::string id_a = MakeNationalId(1991, 2, 3, 201), id_b = MakeNationalId(1992, 2, 3, 202);
  v1::Person a, b, seen;
  ASSERT_TRUE(CreatePerson("甲", id_a, &a).ok());
  ASSERT_TRUE(CreatePerson("乙", id_b, &b).ok());
  auto exec = [&](const std::string& sql, const std::vector<db::Param>& params) {
    ASSERT_TRUE(server_->Db("personnel")
                    .Read([&](db::Transaction& tx) { return tx.Exec(sql, params).status(); })
                    .ok());
  };
  auto get = [&](const v1::Person& p) {
    v1::GetPersonRequest r;
    r.set_name(p.name());
    v1::Person out;
    EXPECT_TRUE(Call(*hr_, &v1::Personnel::Stub::GetPerson, r, &out).ok());
    return out.disclosed_national_id();
  };
  // Someone with database access moves A's ciphertext onto B: it does not open there.
  exec(
      "UPDATE persons p JOIN persons q ON q.id = ? SET p.national_id_sealed = q.national_id_sealed "
      "WHERE p.id = ?",
      {a.name().substr(a.name().rfind('/') + 1), b.name().substr(b.name().rfind('/') + 1)});
  EXPECT_NE(get(b), id_a);
  EXPECT_EQ(get(b), "");  // nothing disclosed; the masked number is still shown
  // A ciphertext not bound to the record (sealed without its name) does not open either.
  const auto cipher = *crypto::FieldCipher::FromHexKey(testing::TestFieldKeyHex());
  exec("UPDATE persons SET national_id_sealed = ? WHERE id = ?",
       {cipher.Encrypt(id_b), b.name().substr(b.name().rfind('/') + 1)});
  EXPECT_EQ(get(b), "");
  // Sealed for its own record, it opens.
  exec("UPDATE persons SET national_id_sealed = ? WHERE id = ?",
       {cipher.Encrypt(id_b, b.name()), b.name().substr(b.name().rfind('/') + 1)});
  EXPECT_EQ(get(b), id_b);
}

TEST_F(PersonnelApiTest, CreatePersonRejectsInvalidNationalIdNamingTheField) {
  v1::Person out;
  grpc::Status s = CreatePerson("李四", "510115199005170001", &out);  // wrong check digit
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("person.national_id"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 0);
}

TEST_F(PersonnelApiTest, SameNationalIdTwiceIsAlreadyExists) {
  const std::string id = MakeNationalId(1991, 1, 2, 11);
  v1::Person first, second;
  ASSERT_TRUE(CreatePerson("王五", id, &first).ok());
  grpc::Status s = CreatePerson("王五", id, &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(s.error_message(), HasSubstr(first.name()));  // the HR company sees IDs anyway
}

TEST_F(PersonnelApiTest, AGuessedNationalIdIsNotConfirmedToTheBureau) {
  // The bureau sees masked IDs only: a CreatePerson with a number already recorded must not
  // name (or otherwise point to) the record that holds it.
  const std::string id = MakeNationalId(1991, 1, 3, 13);
  v1::Person first, second;
  ASSERT_TRUE(CreatePerson("王五", id, &first).ok());
  v1::CreatePersonRequest request;
  request.set_parent("jurisdictions/wenjiang");
  request.mutable_person()->set_full_name("王五");
  request.mutable_person()->set_national_id(id);
  request.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
  request.mutable_person()->set_post_type(v1::FIELD);
  grpc::Status s = Call(*bureau_, &v1::Personnel::Stub::CreatePerson, request, &second);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS) << s.error_message();
  EXPECT_THAT(s.error_message(), Not(HasSubstr(first.name())));
  EXPECT_THAT(s.error_message(), Not(HasSubstr("persons/")));
  EXPECT_EQ(s.error_message().find(id.substr(2, 4)), std::string::npos);
}

TEST_F(PersonnelApiTest, RetryWithSameRequestIdReturnsFirstAnswerWithoutSecondEffect) {
  v1::Person first, again;
  ASSERT_TRUE(CreatePerson("赵六", MakeNationalId(1992, 3, 4, 21), &first, common::v1::HIGH_SCHOOL,
                           "fixed-request-1")
                  .ok());
  ASSERT_TRUE(CreatePerson("赵六", MakeNationalId(1992, 3, 4, 21), &again, common::v1::HIGH_SCHOOL,
                           "fixed-request-1")
                  .ok());
  EXPECT_EQ(first.name(), again.name());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 1);
}

TEST_F(PersonnelApiTest, SameRequestIdWithDifferentRequestIsInvalidArgument) {
  v1::Person out;
  ASSERT_TRUE(CreatePerson("孙七", MakeNationalId(1993, 3, 4, 31), &out, common::v1::HIGH_SCHOOL,
                           "fixed-request-2")
                  .ok());
  grpc::Status s = CreatePerson("周八", MakeNationalId(1993, 3, 4, 41), &out,
                                common::v1::HIGH_SCHOOL, "fixed-request-2");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("REQUEST_ID_REUSED"));
  ASSERT_TRUE(rpc::ErrorInfoOf(s).has_value());
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "REQUEST_ID_REUSED");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 1);
}

TEST_F(PersonnelApiTest, UpdatePersonWithStaleEtagIsAborted) {
  v1::Person p = NewPerson(51);
  v1::UpdatePersonRequest r;
  *r.mutable_person() = p;
  r.mutable_person()->set_duty_area("柳城街道");
  r.mutable_update_mask()->add_paths("duty_area");
  r.set_request_id(NextRequestId());
  v1::Person updated;
  ASSERT_TRUE(Call(*bureau_, &v1::Personnel::Stub::UpdatePerson, r, &updated).ok());
  EXPECT_EQ(updated.duty_area(), "柳城街道");
  EXPECT_NE(updated.etag(), p.etag());
  r.set_request_id(NextRequestId());  // same stale etag
  grpc::Status s = Call(*bureau_, &v1::Personnel::Stub::UpdatePerson, r, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_THAT(s.error_message(), HasSubstr("ETAG_MISMATCH"));
  // Repeated fields are stored joined by a separator they must not contain.
  r.mutable_person()->set_etag(updated.etag());
  r.mutable_person()->add_driving_licence_classes("C1,D");
  r.mutable_update_mask()->set_paths(0, "driving_licence_classes");
  r.set_request_id(NextRequestId());
  s = Call(*bureau_, &v1::Personnel::Stub::UpdatePerson, r, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("driving_licence_classes"));
  r.mutable_update_mask()->set_paths(0, "state");
  r.set_request_id(NextRequestId());
  s = Call(*bureau_, &v1::Personnel::Stub::UpdatePerson, r, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("update_mask"));
}

TEST_F(PersonnelApiTest, RecruitmentEligibilityNamesEveryFailedCondition) {
  v1::Person p;
  // 60 years old and junior-high only: wenjiang needs age <= 45 and high school.
  ASSERT_TRUE(
      CreatePerson("钱九", MakeNationalId(1960, 1, 1, 61), &p, common::v1::JUNIOR_HIGH).ok());
  v1::CheckRecruitmentEligibilityRequest r;
  r.set_name(p.name());
  v1::CheckRecruitmentEligibilityResponse out;
  ASSERT_TRUE(Call(*office_, &v1::Personnel::Stub::CheckRecruitmentEligibility, r, &out).ok());
  EXPECT_FALSE(out.eligible());
  std::set<std::string> conditions;
  for (const auto& f : out.failures()) conditions.insert(f.condition());
  EXPECT_EQ(conditions, (std::set<std::string>{"age", "education"}));
}

TEST_F(PersonnelApiTest, HireStartsProbationAndEmitsPersonHired) {
  District d = ReadyDistrict();
  v1::Person p = NewPerson(71), hired;
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &hired).ok());
  EXPECT_EQ(hired.state(), v1::PROBATION);
  EXPECT_EQ(hired.unit(), d.unit.name());
  EXPECT_EQ(hired.dispatch_agreement(), d.agreement.name());
  // wenjiang: probation lasts until the first centralized assessment, so no end date.
  EXPECT_FALSE(hired.has_probation_end_date());
  EXPECT_FALSE(hired.has_exit_date());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE consumer = 'grading' AND event_type = "
                  "'auxpro.personnel.v1.PersonHired'"),
            1);
}

TEST_F(PersonnelApiTest, HireOverHeadcountLimitIsRefusedWithLimitAndCount) {
  District d = ReadyDistrict(/*jurisdiction_limit=*/1);
  v1::Person a = NewPerson(81), b = NewPerson(82), out;
  ASSERT_TRUE(Hire(a, d.unit, d.agreement, &out).ok());
  const int64_t audit_before = Count("SELECT COUNT(*) FROM audit_log");
  const int64_t outbox_before = Count("SELECT COUNT(*) FROM outbox_events");
  grpc::Status s = Hire(b, d.unit, d.agreement, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("head-count limit of jurisdiction \"wenjiang\" is 1"));
  EXPECT_THAT(s.error_message(), HasSubstr("1 is already counted"));
  auto info = rpc::ErrorInfoOf(s);
  ASSERT_TRUE(info.has_value()) << "no google.rpc.ErrorInfo in the status details";
  EXPECT_EQ(info->reason, "HEADCOUNT_LIMIT_REACHED");
  EXPECT_EQ(info->domain, "auxpro.personnel.v1.Personnel");
  EXPECT_EQ(info->metadata["limit"], "1");
  EXPECT_EQ(info->metadata["current_count"], "1");
  EXPECT_EQ(info->metadata["headcount_limit"], "jurisdictions/wenjiang/headcountLimits/all");
  // Nothing half-written.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE state = 2"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audit_before);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events"), outbox_before);
}

TEST_F(PersonnelApiTest, ConcurrentHiresNeverExceedTheHeadcountLimit) {
  District d = ReadyDistrict(/*jurisdiction_limit=*/3);
  std::vector<v1::Person> people;
  for (int i = 0; i < 8; ++i) people.push_back(NewPerson(300 + i));
  std::vector<grpc::Status> results(people.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < people.size(); ++i) {
    threads.emplace_back([&, i] {
      v1::Person out;
      results[i] = Hire(people[i], d.unit, d.agreement, &out);
    });
  }
  for (auto& t : threads) t.join();
  // Hires into one unit serialize on its row lock: exactly the limit gets through, the rest are
  // refused by the rule, none by a deadlock.
  int hired = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++hired;
    } else {
      EXPECT_EQ(r.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << r.error_message();
    }
  }
  EXPECT_EQ(hired, 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE state = 2"), hired);
}

TEST_F(PersonnelApiTest, ConcurrentHiresIntoDifferentUnitsAllSucceed) {
  // Nothing shared but the jurisdiction: the hires queue on its lock, none is aborted.
  SetLimit("", 50);
  std::vector<v1::Unit> units;
  std::vector<v1::DispatchAgreement> agreements;
  std::vector<v1::Person> people;
  for (int i = 0; i < 6; ++i) {
    units.push_back(CreateUnit(absl::StrCat("unit-", i), "中队"));
    agreements.push_back(CreateAgreement(5, true));
    people.push_back(NewPerson(400 + i));
  }
  std::vector<grpc::Status> results(people.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < people.size(); ++i) {
    threads.emplace_back([&, i] {
      v1::Person out;
      results[i] = Hire(people[i], units[i], agreements[i], &out);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r.error_message();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons WHERE state = 2"), 6);
}

TEST_F(PersonnelApiTest, UnitHeadcountLimitAppliesToHireAndTransfer) {
  District d = ReadyDistrict();
  v1::Unit second = CreateUnit("unit-2", "二中队");
  SetLimit(second.name(), 0);
  v1::Person p = NewPerson(91), out;
  grpc::Status s = Hire(p, second, d.agreement, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("unit \"jurisdictions/wenjiang/units/unit-2\" is 0"));
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &out).ok());
  v1::TransferPersonRequest t;
  t.set_name(p.name());
  t.set_to_unit(second.name());
  t.set_reason("机构改革");
  t.set_request_id(NextRequestId());
  s = Call(*bureau_, &v1::Personnel::Stub::TransferPerson, t, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(PersonnelApiTest, HireWithoutJurisdictionLimitIsRefused) {
  v1::Unit unit = CreateUnit("unit-1", "一中队");
  v1::DispatchAgreement agreement = CreateAgreement(10, true);
  v1::Person p = NewPerson(95), out;
  grpc::Status s = Hire(p, unit, agreement, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("no limit"));
}

TEST_F(PersonnelApiTest, DispatchAgreementNeedsBothSignaturesAndCapsHeadcount) {
  v1::Unit unit = CreateUnit("unit-1", "一中队");
  SetLimit("", 10);
  v1::DispatchAgreement unsigned_by_bureau = CreateAgreement(1, false);
  EXPECT_EQ(unsigned_by_bureau.state(), v1::DispatchAgreement::DRAFT);
  v1::Person a = NewPerson(101), b = NewPerson(102), out;
  grpc::Status s = Hire(a, unit, unsigned_by_bureau, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("not signed"));
  v1::DispatchAgreement active = CreateAgreement(1, true);
  EXPECT_EQ(active.state(), v1::DispatchAgreement::ACTIVE);
  ASSERT_TRUE(Hire(a, unit, active, &out).ok());
  s = Hire(b, unit, active, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr(active.name()));
}

TEST_F(PersonnelApiTest, PermitNeedsPreJobTrainingAndBadgeNumbersAreNeverReused) {
  District d = ReadyDistrict();
  v1::Person a = NewPerson(111), b = NewPerson(112), out;
  ASSERT_TRUE(Hire(a, d.unit, d.agreement, &out).ok());
  ASSERT_TRUE(Hire(b, d.unit, d.agreement, &out).ok());
  v1::Permit first, second;
  grpc::Status s = Issue(a, &first);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("pre-job"));
  Train(a, v1::PRE_JOB, 15);
  ASSERT_TRUE(Issue(a, &first).ok());
  EXPECT_EQ(first.badge_number(), "WJ00001");
  // Exit revokes the permit; the badge number is retired for good.
  v1::ExitPersonRequest exit;
  exit.set_name(a.name());
  exit.set_reason(v1::RESIGNATION);
  for (const char* item :
       {"work_permit_returned", "equipment_returned", "uniform_returned", "labor_relation_ended"}) {
    exit.add_confirmed_checklist(item);
  }
  exit.set_request_id(NextRequestId());
  ASSERT_TRUE(Call(*bureau_, &v1::Personnel::Stub::ExitPerson, exit, &out).ok());
  Train(b, v1::PRE_JOB, 15);
  ASSERT_TRUE(Issue(b, &second).ok());
  EXPECT_EQ(second.badge_number(), "WJ00002");
  v1::ListPermitsRequest list;
  list.set_parent(kParent);
  v1::ListPermitsResponse permits;
  ASSERT_TRUE(Call(*office_, &v1::Personnel::Stub::ListPermits, list, &permits).ok());
  ASSERT_EQ(permits.permits_size(), 2);
  EXPECT_EQ(permits.permits(0).state(), v1::Permit::REVOKED);
  EXPECT_EQ(permits.permits(1).state(), v1::Permit::VALID);
  // Get and List agree on the badge of the valid permit; the exited person has none.
  v1::ListPersonsRequest persons;
  persons.set_parent(kParent);
  v1::ListPersonsResponse listed;
  ASSERT_TRUE(Call(*bureau_, &v1::Personnel::Stub::ListPersons, persons, &listed).ok());
  std::map<std::string, std::string> badges;
  for (const auto& p : listed.persons()) badges[p.name()] = p.badge_number();
  EXPECT_EQ(badges[a.name()], "");
  EXPECT_EQ(badges[b.name()], "WJ00002");
}

TEST_F(PersonnelApiTest, ExitNeedsChecklistRevokesPermitArchivesAndEmitsPersonExited) {
  District d = ReadyDistrict();
  v1::Person p = NewPerson(121), out;
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &out).ok());
  Train(p, v1::PRE_JOB, 15);
  v1::Permit permit;
  ASSERT_TRUE(Issue(p, &permit).ok());
  v1::ExitPersonRequest exit;
  exit.set_name(p.name());
  exit.set_reason(v1::DISCIPLINE_BREACH);
  exit.add_confirmed_checklist("equipment_returned");
  exit.set_request_id(NextRequestId());
  grpc::Status s = Call(*bureau_, &v1::Personnel::Stub::ExitPerson, exit, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("uniform_returned"));
  ASSERT_TRUE(rpc::ErrorInfoOf(s).has_value());
  EXPECT_EQ(rpc::ErrorInfoOf(s)->reason, "EXIT_CHECKLIST_INCOMPLETE");
  EXPECT_EQ(rpc::ErrorInfoOf(s)->metadata["missing"],
            "work_permit_returned,uniform_returned,labor_relation_ended");
  for (const char* item : {"work_permit_returned", "uniform_returned", "labor_relation_ended"}) {
    exit.add_confirmed_checklist(item);
  }
  exit.set_request_id(NextRequestId());
  ASSERT_TRUE(Call(*bureau_, &v1::Personnel::Stub::ExitPerson, exit, &out).ok());
  EXPECT_EQ(out.state(), v1::EXITED);
  EXPECT_EQ(out.exit_reason(), v1::DISCIPLINE_BREACH);
  EXPECT_TRUE(out.badge_number().empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM persons"), 1);  // archived, never deleted
  EXPECT_EQ(Count("SELECT COUNT(*) FROM permits WHERE state = 2"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE event_type = "
                  "'auxpro.personnel.v1.PersonExited' AND consumer IN ('points', 'grading')"),
            2);
  // An exited record is archived: no further updates.
  v1::UpdatePersonRequest update;
  *update.mutable_person() = out;
  update.mutable_update_mask()->add_paths("duty_area");
  update.set_request_id(NextRequestId());
  s = Call(*bureau_, &v1::Personnel::Stub::UpdatePerson, update, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(PersonnelApiTest, TransferKeepsTheRecordAndEmitsPersonTransferred) {
  District d = ReadyDistrict();
  v1::Unit second = CreateUnit("unit-2", "二中队");
  v1::Person p = NewPerson(131), hired, moved;
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &hired).ok());
  v1::TransferPersonRequest t;
  t.set_name(p.name());
  t.set_to_unit(second.name());
  t.set_reason("机构改革");
  t.set_request_id(NextRequestId());
  ASSERT_TRUE(Call(*bureau_, &v1::Personnel::Stub::TransferPerson, t, &moved).ok());
  EXPECT_EQ(moved.unit(), second.name());
  EXPECT_EQ(moved.state(), hired.state());
  EXPECT_EQ(moved.hire_date().day(), hired.hire_date().day());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_events WHERE event_type = "
                  "'auxpro.personnel.v1.PersonTransferred'"),
            2);
}

TEST_F(PersonnelApiTest, EndProbationMakesPersonActive) {
  District d = ReadyDistrict();
  v1::Person p = NewPerson(141), out;
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &out).ok());
  v1::EndProbationRequest r;
  r.set_name(p.name());
  r.set_result(v1::PROBATION_PASSED);
  r.set_evidence_ref("2026年第一季度集中考核");
  r.mutable_end_date()->set_year(2000);
  r.mutable_end_date()->set_month(1);
  r.mutable_end_date()->set_day(1);
  r.set_request_id(NextRequestId());
  grpc::Status early = Call(*hr_, &v1::Personnel::Stub::EndProbation, r, &out);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(early.error_message(), HasSubstr("before the hire date"));
  r.clear_end_date();
  r.set_request_id(NextRequestId());
  ASSERT_TRUE(Call(*hr_, &v1::Personnel::Stub::EndProbation, r, &out).ok());
  // Eligibility is a question about candidates only.
  v1::CheckRecruitmentEligibilityRequest check;
  check.set_name(p.name());
  v1::CheckRecruitmentEligibilityResponse verdict;
  EXPECT_EQ(Call(*office_, &v1::Personnel::Stub::CheckRecruitmentEligibility, check, &verdict)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(out.state(), v1::ACTIVE);
  r.set_request_id(NextRequestId());
  grpc::Status s = Call(*hr_, &v1::Personnel::Stub::EndProbation, r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("end_probation"));
}

TEST_F(PersonnelApiTest, TrainingCoverageReportsWhoIsMissing) {
  District d = ReadyDistrict();
  v1::Person a = NewPerson(151), b = NewPerson(152), out;
  ASSERT_TRUE(Hire(a, d.unit, d.agreement, &out).ok());
  ASSERT_TRUE(Hire(b, d.unit, d.agreement, &out).ok());
  Train(a, v1::ANNUAL, 5);
  v1::GetTrainingCoverageRequest r;
  r.set_parent(kParent);
  r.set_year(Today().year());
  v1::TrainingCoverage coverage;
  ASSERT_TRUE(Call(*office_, &v1::Personnel::Stub::GetTrainingCoverage, r, &coverage).ok());
  EXPECT_EQ(coverage.required(), 2);
  EXPECT_EQ(coverage.covered(), 1);
  EXPECT_FALSE(coverage.target_met());
  ASSERT_EQ(coverage.missing_size(), 1);
  EXPECT_EQ(coverage.missing(0), b.name());
}

TEST_F(PersonnelApiTest, ListPersonsPaginatesWithKeysetTokensAndFilters) {
  for (int i = 0; i < 5; ++i) NewPerson(160 + i);
  v1::ListPersonsRequest r;
  r.set_parent(kParent);
  r.set_page_size(2);
  r.set_filter("state=CANDIDATE AND post_type=FIELD");
  std::set<std::string> seen;
  int pages = 0;
  for (;;) {
    v1::ListPersonsResponse page;
    ASSERT_TRUE(Call(*bureau_, &v1::Personnel::Stub::ListPersons, r, &page).ok());
    ++pages;
    for (const auto& p : page.persons()) seen.insert(p.name());
    if (page.next_page_token().empty()) break;
    r.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(pages, 3);
  r.set_filter("state=ACTIVE");  // a token of another filter
  v1::ListPersonsResponse page;
  grpc::Status s = Call(*bureau_, &v1::Personnel::Stub::ListPersons, r, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("page_token"));
  r.clear_page_token();
  r.set_filter("colour=red");
  s = Call(*bureau_, &v1::Personnel::Stub::ListPersons, r, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("colour"));
  r.set_filter("");
  r.set_page_size(-1);
  s = Call(*bureau_, &v1::Personnel::Stub::ListPersons, r, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("page_size"));
}

TEST_F(PersonnelApiTest, ListUnitsAndAgreementsPageInKeyOrder) {
  for (const char* id : {"unit-c", "unit-a", "unit-b"}) CreateUnit(id, "中队");
  CreateAgreement(5, false);
  CreateAgreement(5, true);
  v1::ListUnitsRequest r;
  r.set_parent(kParent);
  r.set_page_size(2);
  v1::ListUnitsResponse first, second;
  ASSERT_TRUE(Call(*office_, &v1::Personnel::Stub::ListUnits, r, &first).ok());
  ASSERT_EQ(first.units_size(), 2);
  EXPECT_EQ(first.units(0).name(), "jurisdictions/wenjiang/units/unit-a");
  EXPECT_EQ(first.units(1).name(), "jurisdictions/wenjiang/units/unit-b");
  ASSERT_FALSE(first.next_page_token().empty());
  r.set_page_token(first.next_page_token());
  ASSERT_TRUE(Call(*office_, &v1::Personnel::Stub::ListUnits, r, &second).ok());
  ASSERT_EQ(second.units_size(), 1);
  EXPECT_EQ(second.units(0).name(), "jurisdictions/wenjiang/units/unit-c");
  EXPECT_TRUE(second.next_page_token().empty());
  v1::ListDispatchAgreementsRequest a;
  a.set_parent(kParent);
  a.set_page_size(1);
  v1::ListDispatchAgreementsResponse page1, page2;
  ASSERT_TRUE(Call(*office_, &v1::Personnel::Stub::ListDispatchAgreements, a, &page1).ok());
  a.set_page_token(page1.next_page_token());
  ASSERT_TRUE(Call(*office_, &v1::Personnel::Stub::ListDispatchAgreements, a, &page2).ok());
  ASSERT_EQ(page1.dispatch_agreements_size(), 1);
  ASSERT_EQ(page2.dispatch_agreements_size(), 1);
  EXPECT_NE(page1.dispatch_agreements(0).name(), page2.dispatch_agreements(0).name());
  EXPECT_TRUE(page2.next_page_token().empty());
}

TEST_F(PersonnelApiTest, AnotherJurisdictionSeesNothing) {
  v1::Person p = NewPerson(171);
  auto haimen = Stub("haimen", "ENFORCEMENT_BUREAU");
  v1::GetPersonRequest get;
  get.set_name(p.name());
  v1::Person out;
  grpc::Status s = Call(*haimen, &v1::Personnel::Stub::GetPerson, get, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  v1::ListPersonsRequest list;
  list.set_parent(kParent);
  v1::ListPersonsResponse page;
  s = Call(*haimen, &v1::Personnel::Stub::ListPersons, list, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  list.set_parent("jurisdictions/haimen");
  ASSERT_TRUE(Call(*haimen, &v1::Personnel::Stub::ListPersons, list, &page).ok());
  EXPECT_EQ(page.persons_size(), 0);
}

TEST_F(PersonnelApiTest, ActorFromMetadataIsAuditedAndMustBePrintableText) {
  v1::CreateUnitRequest r;
  r.set_parent(kParent);
  r.set_unit_id("unit-9");
  r.mutable_unit()->set_display_name("九中队");
  r.set_request_id(NextRequestId());
  v1::Unit unit;
  grpc::ClientContext named;
  named.AddMetadata("x-auxpro-actor-bin", "王科长");
  ASSERT_TRUE(bureau_->CreateUnit(&named, r, &unit).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE actor = '王科长'"), 1);
  grpc::ClientContext garbled;
  garbled.AddMetadata("x-auxpro-actor-bin", std::string("\xff\xfe", 2));
  r.set_request_id(NextRequestId());
  grpc::Status s = bureau_->CreateUnit(&garbled, r, &unit);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("x-auxpro-actor-bin"));
}

TEST_F(PersonnelApiTest, AuditChainRecordsEveryMutationAndDetectsTampering) {
  District d = ReadyDistrict();
  v1::Person p = NewPerson(181), out;
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &out).ok());
  common::v1::VerifyAuditChainRequest r;
  r.set_parent(kParent);
  r.set_service("personnel");
  common::v1::VerifyAuditChainResponse verdict;
  auto audit =
      common::v1::AuditChain::NewStub(server_->Channel("wenjiang", "ESTABLISHMENT_OFFICE"));
  ASSERT_TRUE(Call(*audit, &common::v1::AuditChain::Stub::VerifyAuditChain, r, &verdict).ok());
  EXPECT_TRUE(verdict.intact()) << verdict.problem();
  EXPECT_EQ(verdict.rows_checked(), 6);  // unit, limit, agreement, sign, person, hire
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE actor = 'test-actor' AND method = "
                  "'auxpro.personnel.v1.Personnel/HirePerson' AND resource = '" +
                  p.name() + "'"),
            1);
  ASSERT_TRUE(
      server_->Db("personnel")
          .Read([](db::Transaction& tx) {
            return tx.Exec("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3").status();
          })
          .ok());
  ASSERT_TRUE(Call(*audit, &common::v1::AuditChain::Stub::VerifyAuditChain, r, &verdict).ok());
  EXPECT_FALSE(verdict.intact());
  EXPECT_EQ(verdict.first_bad_seq(), 3);
}

// ------------------------------------------------------ what a partner trips over (issue 5)

TEST_F(PersonnelApiTest, ExitOfAnUnknownPersonIsNotFoundWhateverTheChecklist) {
  v1::ExitPersonRequest exit;
  exit.set_name("jurisdictions/wenjiang/persons/p-nobody");
  exit.set_reason(v1::RESIGNATION);
  v1::Person out;
  grpc::Status s = Call(*bureau_, &v1::Personnel::Stub::ExitPerson, exit, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("p-nobody"));
}

TEST_F(PersonnelApiTest, ExitChecklistRefusalNamesEachMissingItemOnce) {
  District d = ReadyDistrict();
  v1::Person p = NewPerson(191), out;
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &out).ok());
  v1::ExitPersonRequest exit;
  exit.set_name(p.name());
  exit.set_reason(v1::RESIGNATION);
  exit.add_confirmed_checklist("equipment_returned");
  exit.add_confirmed_checklist("keys_returned");  // not on the checklist
  grpc::Status s = Call(*bureau_, &v1::Personnel::Stub::ExitPerson, exit, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(),
            "exit checklist: not confirmed: work_permit_returned, uniform_returned, "
            "labor_relation_ended; not on the checklist: keys_returned");
  auto info = rpc::ErrorInfoOf(s);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->metadata["unknown"], "keys_returned");
  EXPECT_EQ(info->metadata["conditions"], "exit_checklist.missing,exit_checklist.unknown");
}

TEST_F(PersonnelApiTest, PermitRefusalsCarryTheReasonAClientActsOn) {
  District d = ReadyDistrict();
  v1::Person p = NewPerson(192), out;
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &out).ok());
  v1::Permit permit;
  grpc::Status s = Issue(p, &permit);  // no pre-job training yet
  ASSERT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  auto info = rpc::ErrorInfoOf(s);
  ASSERT_TRUE(info.has_value()) << s.error_message();
  EXPECT_EQ(info->reason, "PRE_JOB_TRAINING_MISSING");
  EXPECT_EQ(info->metadata["required_days"], "15");
  EXPECT_EQ(info->metadata["passed_days"], "0");
  Train(p, v1::PRE_JOB, 15);
  ASSERT_TRUE(Issue(p, &permit).ok());
  s = Issue(p, &permit);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  info = rpc::ErrorInfoOf(s);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason, "PERMIT_ALREADY_HELD");
  EXPECT_EQ(info->metadata["badge_number"], permit.badge_number());
}

TEST_F(PersonnelApiTest, StateRefusalNamesTheApiStateAndTheRpc) {
  District d = ReadyDistrict();
  v1::Person p = NewPerson(193), out;
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &out).ok());
  grpc::Status s = Hire(p, d.unit, d.agreement, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  auto info = rpc::ErrorInfoOf(s);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason, "INVALID_STATE_TRANSITION");
  EXPECT_EQ(info->metadata["state"], "PROBATION");
  EXPECT_EQ(info->metadata["action"], "HirePerson");
}

TEST_F(PersonnelApiTest, EtagsAreSentBackAsReadWithOrWithoutQuotes) {
  v1::Person p = NewPerson(194);
  EXPECT_EQ(p.etag().find('"'), std::string::npos) << p.etag();
  v1::UpdatePersonRequest r;
  *r.mutable_person() = p;
  r.mutable_person()->set_duty_area("光华大道");
  r.mutable_update_mask()->add_paths("duty_area");
  v1::Person updated;
  ASSERT_TRUE(Call(*hr_, &v1::Personnel::Stub::UpdatePerson, r, &updated).ok());
  r.mutable_person()->set_etag("\"" + updated.etag() + "\"");
  r.mutable_person()->set_duty_area("蜀汉路");
  r.clear_request_id();
  v1::Person again;
  grpc::Status s = Call(*hr_, &v1::Personnel::Stub::UpdatePerson, r, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.duty_area(), "蜀汉路");
}

TEST_F(PersonnelApiTest, RequiredFieldsAndDatesReadAsTheContractSays) {
  District d = ReadyDistrict();
  v1::Person p = NewPerson(195), out;
  ASSERT_TRUE(Hire(p, d.unit, d.agreement, &out).ok());
  v1::Unit second = CreateUnit("unit-2", "二中队");
  v1::TransferPersonRequest transfer;
  transfer.set_name(p.name());
  transfer.set_to_unit(second.name());
  grpc::Status s = Call(*bureau_, &v1::Personnel::Stub::TransferPerson, transfer, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "reason: required");
  // The last date a record holds is a date.
  transfer.set_reason("2026年中队调整");
  *transfer.mutable_effective_date() = ToProto(CivilDate{9999, 12, 31});
  s = Call(*bureau_, &v1::Personnel::Stub::TransferPerson, transfer, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::GetTrainingCoverageRequest coverage;
  coverage.set_parent(kParent);
  v1::TrainingCoverage c;
  s = Call(*office_, &v1::Personnel::Stub::GetTrainingCoverage, coverage, &c);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("year: required"));
  // A request_id with a space says so.
  v1::CreateUnitRequest unit;
  unit.set_parent(kParent);
  unit.mutable_unit()->set_display_name("三中队");
  unit.set_request_id("my request");
  v1::Unit made;
  s = Call(*bureau_, &v1::Personnel::Stub::CreateUnit, unit, &made);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("character 3 is a space"));
}

TEST_F(PersonnelApiTest, HeadcountLimitsArePaginatedJurisdictionFirst) {
  CreateUnit("unit-a", "一中队");
  CreateUnit("unit-b", "二中队");
  SetLimit("", 40);
  SetLimit("jurisdictions/wenjiang/units/unit-b", 10);
  SetLimit("jurisdictions/wenjiang/units/unit-a", 10);
  v1::ListHeadcountLimitsRequest r;
  r.set_parent(kParent);
  r.set_page_size(2);
  std::vector<std::string> names;
  for (int pages = 0; pages < 5; ++pages) {
    v1::ListHeadcountLimitsResponse page;
    ASSERT_TRUE(Call(*office_, &v1::Personnel::Stub::ListHeadcountLimits, r, &page).ok());
    for (const auto& l : page.headcount_limits()) names.push_back(l.name());
    if (page.next_page_token().empty()) break;
    r.set_page_token(page.next_page_token());
  }
  EXPECT_THAT(names, ::testing::ElementsAre("jurisdictions/wenjiang/headcountLimits/all",
                                            "jurisdictions/wenjiang/headcountLimits/unit-a",
                                            "jurisdictions/wenjiang/headcountLimits/unit-b"));
}

}  // namespace
}  // namespace auxpro
