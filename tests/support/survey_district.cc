#include "tests/support/survey_district.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/calendar.h"
#include "tests/support/call.h"
#include "tests/support/national_id.h"

namespace auxpro::testing {

namespace v1 = personnel::v1;

std::vector<Auxiliary> HireAuxiliaries(TestServer& server,
                                       const std::vector<v1::PostType>& post_types,
                                       int first_serial, const std::string& j) {
  return HireAuxiliaries(
      [&](const std::string& jurisdiction, const std::string& kind) {
        return server.Channel(jurisdiction, kind);
      },
      post_types, first_serial, j);
}

std::vector<Auxiliary> HireAuxiliaries(const ChannelFor& channel,
                                       const std::vector<v1::PostType>& post_types,
                                       int first_serial, const std::string& j) {
  std::vector<Auxiliary> out;
  auto bureau = v1::Personnel::NewStub(channel(j, "ENFORCEMENT_BUREAU"));
  auto hr = v1::Personnel::NewStub(channel(j, "HR_COMPANY"));
  auto office = v1::Personnel::NewStub(channel(j, "ESTABLISHMENT_OFFICE"));
  const std::string parent = absl::StrCat("jurisdictions/", j);
  const common::v1::Date today = DateOf(absl::Now());

  v1::CreateUnitRequest unit_req;
  unit_req.set_parent(parent);
  unit_req.set_unit_id(absl::StrCat("survey-unit-", first_serial));
  unit_req.mutable_unit()->set_display_name("一中队");
  v1::Unit unit;
  grpc::Status s = Call(*bureau, &v1::Personnel::Stub::CreateUnit, unit_req, &unit);
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::SetHeadcountLimitRequest limit;
  limit.set_parent(parent);
  limit.set_limit(1000);
  limit.set_document_ref("温编发〔2026〕1号");
  v1::HeadcountLimit limit_out;
  s = Call(*office, &v1::Personnel::Stub::SetHeadcountLimit, limit, &limit_out);
  EXPECT_TRUE(s.ok()) << s.error_message();

  v1::CreateDispatchAgreementRequest agr;
  agr.set_parent(parent);
  auto* a = agr.mutable_dispatch_agreement();
  a->set_title("2026年度城管辅助人员劳务派遣协议");
  a->add_posts("巡查");
  a->set_duties("协助执法人员巡查、劝阻");
  a->set_headcount(1000);
  common::v1::Date start = today, end = today;
  start.set_year(start.year() - 1);
  end.set_year(end.year() + 1);
  *a->mutable_start_date() = start;
  *a->mutable_end_date() = end;
  a->set_monthly_pay_fen(450000);
  v1::DispatchAgreement agreement;
  s = Call(*hr, &v1::Personnel::Stub::CreateDispatchAgreement, agr, &agreement);
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::SignDispatchAgreementRequest sign;
  sign.set_name(agreement.name());
  s = Call(*bureau, &v1::Personnel::Stub::SignDispatchAgreement, sign, &agreement);
  EXPECT_TRUE(s.ok()) << s.error_message();

  for (size_t i = 0; i < post_types.size(); ++i) {
    const int serial = first_serial + static_cast<int>(i);
    v1::CreatePersonRequest create;
    create.set_parent(parent);
    create.mutable_person()->set_full_name(absl::StrCat("辅助人员", serial));
    create.mutable_person()->set_national_id(MakeNationalId(1990, 5, 17, serial));
    create.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
    create.mutable_person()->set_post_type(post_types[i]);
    create.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    create.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    v1::Person person;
    s = Call(*hr, &v1::Personnel::Stub::CreatePerson, create, &person);
    if (!s.ok()) {
      ADD_FAILURE() << s.error_message();
      return out;
    }
    v1::HirePersonRequest hire;
    hire.set_name(person.name());
    hire.set_unit(unit.name());
    hire.set_dispatch_agreement(agreement.name());
    s = Call(*bureau, &v1::Personnel::Stub::HirePerson, hire, &person);
    if (!s.ok()) {
      ADD_FAILURE() << s.error_message();
      return out;
    }
    v1::RecordTrainingRequest train;
    train.set_parent(person.name());
    train.mutable_training_record()->set_kind(v1::PRE_JOB);
    train.mutable_training_record()->set_days(15);
    train.mutable_training_record()->set_passed(true);
    *train.mutable_training_record()->mutable_start_date() = today;
    v1::TrainingRecord record;
    s = Call(*bureau, &v1::Personnel::Stub::RecordTraining, train, &record);
    if (!s.ok()) {
      ADD_FAILURE() << s.error_message();
      return out;
    }
    v1::IssuePermitRequest issue;
    issue.set_name(person.name());
    v1::Permit permit;
    s = Call(*bureau, &v1::Personnel::Stub::IssuePermit, issue, &permit);
    if (!s.ok()) {
      ADD_FAILURE() << s.error_message();
      return out;
    }
    out.push_back({person.name(), permit.badge_number(), post_types[i]});
  }
  return out;
}

}  // namespace auxpro::testing
