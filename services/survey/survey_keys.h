#pragma once

// The campaign secret and what is derived from it: the signed link payload of an auxiliary and
// the keyed hash of a respondent key. Each campaign has its own secret, so hashes of the same
// respondent in two campaigns cannot be linked, and a payload of one campaign is no payload of
// another.

#include <optional>
#include <string>

namespace auxpro::survey {

// 32 random bytes as 64 hex characters.
std::string NewCampaignSecret();

// Hex HMAC-SHA256 of `respondent_key` under the campaign secret (64 characters).
std::string RespondentHash(const std::string& secret, const std::string& respondent_key);

// URL-safe "<base64url(campaign_id|badge)>.<hex mac>".
std::string LinkPayload(const std::string& secret, const std::string& campaign_id,
                        const std::string& badge_number);

// The badge number a payload signs for `campaign_id`; nullopt when malformed, of another
// campaign or not signed with this secret.
std::optional<std::string> BadgeOfLinkPayload(const std::string& secret,
                                              const std::string& campaign_id,
                                              const std::string& payload);

}  // namespace auxpro::survey
