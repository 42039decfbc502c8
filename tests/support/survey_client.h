#pragma once

// Survey calls the tests repeat: an open campaign over today, a public submission.

#include <memory>
#include <string>
#include <vector>

#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_server.h"

namespace auxpro::testing {

// Stubs of the survey service per agency kind of wenjiang (and SERVICE).
struct SurveyStubs {
  explicit SurveyStubs(TestServer& server);
  explicit SurveyStubs(const ChannelFor& channel);
  std::unique_ptr<survey::v1::Survey::Stub> bureau, assessor, office, hr, gateway, service;
};

// A campaign covering `auxiliaries`, its period from 30 days ago to 60 days ahead, created by
// `creator` and opened when `open`. Fails the test on an error.
survey::v1::Campaign MakeCampaign(survey::v1::Survey::Stub& creator,
                                  const std::vector<Auxiliary>& auxiliaries, bool open = true,
                                  const std::string& assessment_session = "");

// SubmitResponse through the gateway with answers `answers` (ten values).
grpc::Status Submit(survey::v1::Survey::Stub& gateway, const std::string& campaign,
                    const std::string& badge, const std::string& respondent_key,
                    const std::string& submission_id, const std::vector<uint32_t>& answers,
                    const std::string& comment = "", survey::v1::SurveyResponse* out = nullptr);

}  // namespace auxpro::testing
