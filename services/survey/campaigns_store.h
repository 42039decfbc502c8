#pragma once

// SQL of questionnaires (shared reference data) and campaigns (per jurisdiction).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/survey/v1/survey_service.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::survey::store {

// A questionnaire by id with its questions; nullopt when none.
absl::StatusOr<std::optional<v1::Questionnaire>> GetQuestionnaire(db::Transaction& tx,
                                                                  const std::string& id);
// The id of the newest version for a post type (personnel PostType value); nullopt when none.
absl::StatusOr<std::optional<std::string>> NewestQuestionnaire(db::Transaction& tx, int post_type);

struct CampaignRecord {
  std::string id;
  v1::Campaign campaign;  // auxiliaries filled only when loaded with them
  int creator_kind = 0;
  std::string secret_sealed;
};
inline std::string IdOf(const CampaignRecord& rec) { return rec.id; }

// Writes the campaign and its coverage; returns what was written.
absl::StatusOr<CampaignRecord> InsertCampaign(db::Transaction& tx, const std::string& j,
                                              const CampaignRecord& rec,
                                              const std::vector<std::string>& person_ids);

enum class Lock { kNone, kShare, kUpdate };
absl::StatusOr<std::optional<CampaignRecord>> GetCampaign(db::Transaction& tx, const std::string& j,
                                                          const std::string& id, Lock lock,
                                                          bool with_auxiliaries);
// Keyset page in id order; `creator_agency` non-empty: only that agency's campaigns.
absl::StatusOr<std::vector<CampaignRecord>> ListCampaigns(db::Transaction& tx, const std::string& j,
                                                          const std::string& creator_agency,
                                                          const std::string& after, int limit);
absl::StatusOr<CampaignRecord> UpdateCampaignState(db::Transaction& tx, const std::string& j,
                                                   CampaignRecord rec, v1::Campaign::State state);

// Writes display_name, period and questionnaires, and (when given) replaces the coverage.
absl::StatusOr<CampaignRecord> UpdateCampaignSettings(
    db::Transaction& tx, const std::string& j, CampaignRecord rec,
    const std::optional<std::vector<std::string>>& person_ids);
// True once the campaign has a response.
absl::StatusOr<bool> HasResponses(db::Transaction& tx, const std::string& j,
                                  const std::string& campaign_id);

// Whether the campaign covers the person; with `lock`, the coverage row is locked FOR UPDATE,
// which serializes the submissions about one auxiliary in one campaign.
absl::StatusOr<bool> Covers(db::Transaction& tx, const std::string& j,
                            const std::string& campaign_id, const std::string& person_id,
                            bool lock);

}  // namespace auxpro::survey::store
