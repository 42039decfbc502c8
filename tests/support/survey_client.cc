#include "tests/support/survey_client.h"

#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "libs/common/calendar.h"
#include "tests/support/call.h"

namespace auxpro::testing {

namespace v1 = survey::v1;

SurveyStubs::SurveyStubs(TestServer& server)
    : SurveyStubs([&](const std::string& j, const std::string& kind) {
        return server.Channel(j, kind);
      }) {}

SurveyStubs::SurveyStubs(const ChannelFor& channel)
    : bureau(v1::Survey::NewStub(channel("wenjiang", "ENFORCEMENT_BUREAU"))),
      assessor(v1::Survey::NewStub(channel("wenjiang", "ASSESSOR"))),
      office(v1::Survey::NewStub(channel("wenjiang", "ESTABLISHMENT_OFFICE"))),
      hr(v1::Survey::NewStub(channel("wenjiang", "HR_COMPANY"))),
      gateway(v1::Survey::NewStub(channel("wenjiang", "PUBLIC"))),
      service(v1::Survey::NewStub(channel("system", "SERVICE"))) {}

v1::Campaign MakeCampaign(v1::Survey::Stub& creator, const std::vector<Auxiliary>& auxiliaries,
                          bool open, const std::string& assessment_session) {
  v1::CreateCampaignRequest create;
  create.set_parent("jurisdictions/wenjiang");
  v1::Campaign* c = create.mutable_campaign();
  c->set_display_name("2026年第一季度群众满意度调查");
  const CivilDate today = FromProto(DateOf(absl::Now()));
  *c->mutable_period_start() = ToProto(AddDays(today, -30));
  *c->mutable_period_end() = ToProto(AddDays(today, 60));
  for (const Auxiliary& a : auxiliaries) c->add_auxiliaries(a.person);
  c->set_assessment_session(assessment_session);
  v1::Campaign out;
  grpc::Status s = Call(creator, &v1::Survey::Stub::CreateCampaign, create, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  if (open && s.ok()) {
    v1::OpenCampaignRequest o;
    o.set_name(out.name());
    s = Call(creator, &v1::Survey::Stub::OpenCampaign, o, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }
  return out;
}

grpc::Status Submit(v1::Survey::Stub& gateway, const std::string& campaign,
                    const std::string& badge, const std::string& respondent_key,
                    const std::string& submission_id, const std::vector<uint32_t>& answers,
                    const std::string& comment, v1::SurveyResponse* out) {
  v1::SubmitResponseRequest r;
  r.set_parent(campaign);
  r.set_badge_number(badge);
  r.set_respondent_key(respondent_key);
  r.set_submission_id(submission_id);
  for (uint32_t a : answers) r.add_answers(a);
  r.set_comment(comment);
  v1::SurveyResponse ignored;
  return Call(gateway, &v1::Survey::Stub::SubmitResponse, r, out ? out : &ignored);
}

}  // namespace auxpro::testing
