#pragma once

// All SQL of the grading service. Every query is filtered by jurisdiction; writes return what
// they wrote (with the new version as etag). Records are kept as their API message in JSON.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/grading/v1/grading_service.pb.h"
#include "libs/db/transaction.h"

namespace auxpro::grading::store {

std::string PersonName(const std::string& j, const std::string& person_id);
std::string LevelName(const std::string& j, const std::string& person_id);
std::string ApplicationName(const std::string& j, const std::string& id);
std::string NoticeName(const std::string& j, const std::string& id);
std::string CaseName(const std::string& j, const std::string& id);

struct LevelRecord {
  int level = 0;
  common::v1::Date since;
  int64_t version = 0;  // 0: never graded (no row)
};

// The person's current level; `lock` takes the row lock (creating a level-0 row first), which
// serializes every level change of the person.
absl::StatusOr<LevelRecord> GetLevel(db::Transaction& tx, const std::string& j,
                                     const std::string& person_id, bool lock, absl::Time now);
// Writes `change` as the person's new level and appends it to the history.
absl::StatusOr<LevelRecord> ChangeLevel(db::Transaction& tx, const std::string& j,
                                        const std::string& person_id, const LevelRecord& before,
                                        const v1::LevelChange& change, absl::Time now);
absl::StatusOr<std::vector<v1::LevelChange>> History(db::Transaction& tx, const std::string& j,
                                                     const std::string& person_id);

// Applications.
absl::StatusOr<v1::Application> InsertApplication(db::Transaction& tx, const std::string& j,
                                                  const std::string& id,
                                                  const std::string& person_id, v1::Application app,
                                                  absl::Time now);
// Writes `app` if its version is still `expected_version` (else ABORTED ETAG_MISMATCH).
absl::StatusOr<v1::Application> UpdateApplication(db::Transaction& tx, const std::string& j,
                                                  const std::string& id, v1::Application app,
                                                  int64_t expected_version, absl::Time now);
absl::StatusOr<std::optional<v1::Application>> GetApplication(db::Transaction& tx,
                                                              const std::string& j,
                                                              const std::string& id, bool lock);
// The open application of a person, if any.
absl::StatusOr<std::optional<std::string>> OpenApplicationOf(db::Transaction& tx,
                                                             const std::string& j,
                                                             const std::string& person_id);
// Applications in id order after `after`; state 0 and person "" match all.
absl::StatusOr<std::vector<v1::Application>> ListApplications(db::Transaction& tx,
                                                              const std::string& j,
                                                              const std::string& after, int limit,
                                                              int state,
                                                              const std::string& person_id);

// Result notices.
absl::StatusOr<v1::ResultNotice> InsertNotice(db::Transaction& tx, const std::string& j,
                                              const std::string& id, v1::ResultNotice notice,
                                              absl::Time now);
absl::StatusOr<std::optional<v1::ResultNotice>> GetNotice(db::Transaction& tx, const std::string& j,
                                                          const std::string& id);

// Demotion cases.
absl::StatusOr<v1::DemotionCase> InsertCase(db::Transaction& tx, const std::string& j,
                                            const std::string& id, const std::string& person_id,
                                            v1::DemotionCase c, absl::Time now);
absl::StatusOr<v1::DemotionCase> UpdateCase(db::Transaction& tx, const std::string& j,
                                            const std::string& id, v1::DemotionCase c,
                                            int64_t expected_version, absl::Time now);
absl::StatusOr<std::optional<v1::DemotionCase>> GetCase(db::Transaction& tx, const std::string& j,
                                                        const std::string& id, bool lock);

// The archive.
absl::Status AppendArchive(db::Transaction& tx, const std::string& j, const std::string& person_id,
                           v1::ArchiveEntry entry, absl::Time now);
struct ArchiveRow {
  int64_t seq = 0;
  v1::ArchiveEntry entry;
};
absl::StatusOr<std::vector<ArchiveRow>> ListArchive(db::Transaction& tx, const std::string& j,
                                                    int64_t after_seq, int limit,
                                                    const std::string& person_id);

}  // namespace auxpro::grading::store
