// Fuzz target: every request of auxpro.survey.v1.Survey (tests/fuzz/service_requests.h), then
// the rules its handlers run on the request before the store (services/survey: campaign rules,
// the signed badge links, the answers, the CSV export of a comment).

#include <cstdint>
#include <string>
#include <vector>

#include "auxpro/survey/v1/survey_service.pb.h"
#include "services/survey/campaigns_rules.h"
#include "services/survey/survey_csv.h"
#include "services/survey/survey_keys.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/service_requests.h"

namespace auxpro::fuzz {
namespace {

namespace v1 = ::auxpro::survey::v1;

void CheckRuleStatus(const absl::Status& s) { FUZZ_CHECK_RULE(s); }

constexpr char kSecret[] = "0123456789abcdef0123456789abcdef";
constexpr char kCampaign[] = "c-1";

// A cell as the export writes it: quoted, quotes doubled, never read as a formula.
void CheckCsvCell(const std::string& text) {
  const std::string cell = survey::CsvCell(text);
  FUZZ_CHECK(cell.size() >= 2 && cell.front() == '"' && cell.back() == '"');
  const std::string inner = cell.substr(1, cell.size() - 2);
  for (size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] != '"') continue;
    FUZZ_CHECK(i + 1 < inner.size() && inner[i + 1] == '"');
    ++i;
  }
  if (!inner.empty()) FUZZ_CHECK(std::string("=+-@\t\r").find(inner[0]) == std::string::npos);
}

void ServiceRules(const std::string& method, const google::protobuf::Message& request) {
  const policy::v1::Policy& policy = Wenjiang();
  if (const auto* r = As<v1::SubmitResponseRequest>(request)) {
    if (!r->link_payload().empty()) {
      std::optional<std::string> badge =
          survey::BadgeOfLinkPayload(kSecret, kCampaign, r->link_payload());
      // Only a payload this campaign signed names a badge, and signing it again gives it back.
      if (badge) {
        FUZZ_CHECK(survey::BadgeOfLinkPayload(kSecret, kCampaign,
                                              survey::LinkPayload(kSecret, kCampaign, *badge)) ==
                   badge);
      }
      FUZZ_CHECK(!survey::BadgeOfLinkPayload(kSecret, "c-2", r->link_payload()) ||
                 !badge.has_value());
    }
    // (The handler checks the badge number's format; a link is made for such a badge only.)
    if (!r->badge_number().empty() && r->badge_number().size() <= 32) {
      const std::string payload = survey::LinkPayload(kSecret, kCampaign, r->badge_number());
      FUZZ_CHECK(survey::BadgeOfLinkPayload(kSecret, kCampaign, payload) == r->badge_number());
    }
    absl::Status answers = survey::CheckAnswers(policy.survey().rated_questions(), r->answers());
    CheckRuleStatus(answers);
    if (!answers.ok()) return;
    FUZZ_CHECK(survey::RespondentHash(kSecret, r->respondent_key()).size() > 0);
    CheckCsvCell(r->comment());
    (void)survey::CsvLine({r->comment(), r->badge_number()});
  } else if (const auto* r = As<v1::UpdateCampaignRequest>(request)) {
    const std::vector<std::string> paths(r->update_mask().paths().begin(),
                                         r->update_mask().paths().end());
    absl::Status fields = survey::CheckCampaignUpdate(r->campaign(), false, paths);
    CheckRuleStatus(fields);
    if (fields.ok()) CheckRuleStatus(survey::CheckCampaignUpdate(r->campaign(), true, paths));
  } else if (const auto* r = As<v1::CreateCampaignRequest>(request)) {
    for (const char* action : {"open", "close", "OpenCampaign", "CloseCampaign", ""}) {
      CheckRuleStatus(survey::DecideTransition(r->campaign(), action).status());
    }
    CheckRuleStatus(survey::CheckOpenFor(r->campaign(), ToProto(kToday)));
    CheckRuleStatus(survey::CheckCovered(r->campaign(), false, "JW0001"));
  }
}

}  // namespace
}  // namespace auxpro::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const google::protobuf::ServiceDescriptor& service =
      auxpro::fuzz::ServiceOf(*auxpro::survey::v1::SubmitResponseRequest::descriptor(),
                              "auxpro.survey.v1.Survey");
  auxpro::fuzz::RunRequest(service, data, size,
                           auxpro::fuzz::ServiceRules);
  return 0;
}
