#include "services/survey/survey_names.h"

#include "absl/strings/str_cat.h"

namespace auxpro::survey {

std::string CampaignName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/campaigns/", id);
}
std::string ResponseName(const std::string& j, const std::string& campaign_id,
                         const std::string& id) {
  return absl::StrCat(CampaignName(j, campaign_id), "/responses/", id);
}
std::string PersonName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/persons/", id);
}
std::string QuestionnaireName(const std::string& id) { return absl::StrCat("questionnaires/", id); }

}  // namespace auxpro::survey
