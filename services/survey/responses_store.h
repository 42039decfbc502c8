#pragma once

// SQL of responses and of the per-day answer counters kept in the same transaction.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/common/v1/types.pb.h"
#include "auxpro/survey/v1/survey_service.pb.h"
#include "libs/db/transaction.h"
#include "services/survey/rates_rules.h"

namespace auxpro::survey::store {

struct ResponseRow {
  std::string id;
  std::string campaign_id;
  std::string person_id;
  std::string badge_number;
  std::string questionnaire_id;
  std::string respondent_hash;
  common::v1::Date submit_date;
  std::vector<uint32_t> answers;
  std::string comment;
};

// Writes the response and adds it to the day's counters; ALREADY_EXISTS (and nothing written)
// when the respondent already answered about this auxiliary in this campaign (the unique key
// responses_respondent).
absl::StatusOr<v1::SurveyResponse> InsertResponse(db::Transaction& tx, const std::string& j,
                                                  const ResponseRow& row);

// The counters of a person summed over one campaign ("" for all) and an inclusive date range
// (unset dates: unbounded). `rows_read` (optional) gets the number of counter rows summed.
absl::StatusOr<AnswerCounts> SumCounts(db::Transaction& tx, const std::string& j,
                                       const std::string& person_id, const std::string& campaign_id,
                                       const common::v1::Date& start, const common::v1::Date& end,
                                       int64_t* rows_read = nullptr);

// The counters of many persons over all campaigns and days, keyed by person id (persons with no
// counters absent): one indexed read per service::kBatchChunk ids. For the rate only: the answers
// to questions 1..rated_questions are summed in SQL and folded into question 1 (DecideRate sums
// over the questions; there are no distributions to tell them apart).
absl::StatusOr<std::map<std::string, AnswerCounts>> SumCountsOf(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids,
    int rated_questions);

// Non-empty comments about a person in a campaign, keyset by response id.
absl::StatusOr<std::vector<std::pair<std::string, v1::Comment>>> ListComments(
    db::Transaction& tx, const std::string& j, const std::string& campaign_id,
    const std::string& person_id, const std::string& after, int limit);

// A campaign's responses in id order (keyset), for the export.
absl::StatusOr<std::vector<ResponseRow>> ListResponses(db::Transaction& tx, const std::string& j,
                                                       const std::string& campaign_id,
                                                       const std::string& after, int limit);
inline std::string IdOf(const ResponseRow& row) { return row.id; }

// The persons a campaign covers, in id order (keyset).
absl::StatusOr<std::vector<std::string>> ListCovered(db::Transaction& tx, const std::string& j,
                                                     const std::string& campaign_id,
                                                     const std::string& after, int limit);

}  // namespace auxpro::survey::store
