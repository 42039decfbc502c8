#pragma once

#include <string>

namespace auxpro::survey {

std::string CampaignName(const std::string& jurisdiction, const std::string& id);
std::string ResponseName(const std::string& jurisdiction, const std::string& campaign_id,
                         const std::string& id);
std::string PersonName(const std::string& jurisdiction, const std::string& id);
std::string QuestionnaireName(const std::string& id);

}  // namespace auxpro::survey
