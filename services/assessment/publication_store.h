#pragma once

// The SQL of publications within a unit and their objections. Every function takes the caller's
// transaction and the jurisdiction. Writes return the row as written.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/assessment/v1/assessment_service.pb.h"
#include "libs/common/calendar.h"
#include "libs/db/transaction.h"

namespace auxpro::assessment::store {

namespace v1 = ::auxpro::assessment::v1;

// The month's monthly assessments of the jurisdiction: person id -> (name, passed).
struct MonthlyResult {
  std::string name;
  bool passed = false;
};
absl::StatusOr<std::map<std::string, MonthlyResult>> MonthlyResultsOf(db::Transaction& tx,
                                                                      const std::string& j,
                                                                      int year, int month);

// `p` carries kind, year, month, start_date, end_date, period_basis and entries.
absl::StatusOr<v1::Publication> InsertPublication(db::Transaction& tx, const std::string& j,
                                                  const std::string& id,
                                                  const std::string& unit_id,
                                                  const v1::Publication& p, CivilDate today,
                                                  absl::Time now);

struct PublicationRow {
  std::string unit_id;
  v1::Publication publication;
};
// With its entries, open objections and in_period as of `today`; nullopt when unknown.
absl::StatusOr<std::optional<PublicationRow>> FindPublication(db::Transaction& tx,
                                                              const std::string& j,
                                                              const std::string& id,
                                                              CivilDate today);

struct PublicationFilter {
  std::string unit_id;  // "": any
  int year = 0;         // 0: any
  bool in_period = false;
};
absl::StatusOr<std::vector<v1::Publication>> ListPublications(db::Transaction& tx,
                                                              const std::string& j,
                                                              const PublicationFilter& filter,
                                                              CivilDate today,
                                                              const std::string& after_id,
                                                              int limit);

// `o` carries person, raised_by, statement (names), recorded_by.
absl::StatusOr<v1::Objection> InsertObjection(db::Transaction& tx, const std::string& j,
                                              const std::string& id, const PublicationRow& pub,
                                              const std::string& person_id,
                                              const std::string& raised_by_id,
                                              const v1::Objection& o, absl::Time now);
// Locked FOR UPDATE when `lock`.
absl::StatusOr<std::optional<v1::Objection>> FindObjection(db::Transaction& tx,
                                                           const std::string& j,
                                                           const std::string& publication_id,
                                                           const std::string& id, bool lock);
absl::StatusOr<v1::Objection> AnswerObjection(db::Transaction& tx, const std::string& j,
                                              const std::string& publication_id,
                                              const std::string& id, const std::string& answer,
                                              bool result_kept, const std::string& answered_by,
                                              absl::Time now);
absl::StatusOr<std::vector<v1::Objection>> ListObjections(db::Transaction& tx,
                                                          const std::string& j,
                                                          const std::string& publication_id,
                                                          const std::string& after_id, int limit);
// The first OPEN objection to a published proposed annual grade of the unit's year, if any.
absl::StatusOr<std::optional<v1::Objection>> FirstOpenAnnualObjection(db::Transaction& tx,
                                                                      const std::string& j,
                                                                      const std::string& unit_id,
                                                                      int year);

}  // namespace auxpro::assessment::store
