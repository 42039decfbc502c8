#pragma once

// All SQL of the points ledger, every query filtered by jurisdiction. The ledger table is only
// ever inserted into; the running figures of a person live in point_persons, locked by every
// posting.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auxpro/points/v1/points_service.pb.h"
#include "libs/db/transaction.h"
#include "services/points/ledger_rules.h"

namespace auxpro::points::store {

std::string PersonName(const std::string& j, const std::string& person_id);
std::string EntryName(const std::string& j, const std::string& person_id, const std::string& id);
std::string BalanceName(const std::string& j, const std::string& person_id);

// The running figures of one person.
struct Figures {
  int balance = 0;
  int64_t entry_count = 0;
  int level = 0;
  int level_points = 0;
  std::optional<common::v1::Date> period_start;
  bool employed = true;
};

// The person's figures, locked FOR UPDATE; a person the ledger did not know yet gets a row (0).
absl::StatusOr<Figures> LockPerson(db::Transaction& tx, const std::string& j,
                                   const std::string& person_id, absl::Time now);
// The figures without a lock; nullopt for a person with no row.
absl::StatusOr<std::optional<Figures>> GetFigures(db::Transaction& tx, const std::string& j,
                                                  const std::string& person_id);
// The figures of many persons without a lock, keyed by person id (persons with no row absent);
// one indexed read per service::kBatchChunk ids.
absl::StatusOr<std::map<std::string, Figures>> GetFiguresOf(db::Transaction& tx,
                                                           const std::string& j,
                                                           const std::vector<std::string>& ids);

// A new entry: what the rules decided and who and why.
struct NewEntry {
  Posting posting;
  std::string matter_id;
  std::string reason;
  std::string deciding_agency;
  std::string actor;
  std::string evidence_ref;
  common::v1::Date effective_date;
  std::string request_id;
  std::string reverses_id;  // "" unless a reversal
  common::v1::CommendationBody body = common::v1::COMMENDATION_BODY_UNSPECIFIED;
  common::v1::CommendationLevel level = common::v1::COMMENDATION_LEVEL_UNSPECIFIED;
  bool in_own_name = false;
};

// Appends an entry and moves the locked `figures` (and their row) by its amount. Returns the entry
// written.
absl::StatusOr<v1::PointEntry> AppendEntry(db::Transaction& tx, const std::string& j,
                                           const std::string& person_id, const NewEntry& entry,
                                           Figures& figures, absl::Time now);

// What a matter already counted in its group (entries and their reversals).
absl::StatusOr<MatterFacts> MatterOf(db::Transaction& tx, const std::string& j,
                                     const std::string& person_id, const std::string& matter_id,
                                     const std::string& group);

// One entry with what a reversal needs; nullopt when it does not exist.
struct EntryRecord {
  v1::PointEntry entry;
  std::string matter_group;
  std::string reversed_by;  // name of its reversal, if any
};
absl::StatusOr<std::optional<EntryRecord>> GetEntry(db::Transaction& tx, const std::string& j,
                                                    const std::string& person_id,
                                                    const std::string& id);

// Keyset page of a person's entries in posting order, after `after_key` (KeyOf of the last one).
struct EntryFilter {
  std::string rule_code;
  std::string matter_id;
  int kind = 0;
};
struct ListedEntry {
  std::string key;
  v1::PointEntry entry;
};
absl::StatusOr<std::vector<ListedEntry>> ListEntries(db::Transaction& tx, const std::string& j,
                                                     const std::string& person_id,
                                                     const EntryFilter& filter,
                                                     const std::string& after_key, int limit);
// The entries of the current level period (posted since it began), the first `limit`.
absl::StatusOr<std::vector<v1::PointEntry>> PeriodEntries(db::Transaction& tx, const std::string& j,
                                                          const std::string& person_id, int limit);

// Starts a new level period (level 0: none) on `start_date`: level points restart from 0.
absl::Status StartPeriod(db::Transaction& tx, const std::string& j, const std::string& person_id,
                         int level, const common::v1::Date& start_date, const std::string& cause,
                         const std::string& event_id, Figures& figures, bool employed,
                         absl::Time now);

// Figures at the end of `date`: the balance (entries effective on or before it) and the level
// points of the level period in force on it.
struct FiguresAt {
  int balance = 0;
  int level = 0;
  int level_points = 0;
  std::optional<common::v1::Date> period_start;
  int64_t entry_count = 0;
};
absl::StatusOr<FiguresAt> FiguresOn(db::Transaction& tx, const std::string& j,
                                    const std::string& person_id, const common::v1::Date& date);

// Annual ratings: records one (false when that year was already recorded), reads them all.
absl::StatusOr<bool> InsertRating(db::Transaction& tx, const std::string& j,
                                  const std::string& person_id, const RatingYear& rating,
                                  const std::string& rating_name);
absl::StatusOr<std::vector<RatingYear>> Ratings(db::Transaction& tx, const std::string& j,
                                                const std::string& person_id);
// Years (matter "year:<y>") for which `rule_code` was posted and not reversed.
absl::StatusOr<std::vector<int>> YearsPosted(db::Transaction& tx, const std::string& j,
                                             const std::string& person_id,
                                             const std::string& rule_code);
std::string YearMatter(int year);
int YearOfMatter(const std::string& matter_id);

// Persons in id order after `after_id` whose level points are >= min_points (promotion) or, when
// `at_most`, <= max_points with a level at or above `from_level` (demotion).
struct Crossing {
  std::string person_id;
  Figures figures;
};
absl::StatusOr<std::vector<Crossing>> ListCrossings(db::Transaction& tx, const std::string& j,
                                                    bool at_most, int threshold, int from_level,
                                                    const std::string& after_id, int limit);

}  // namespace auxpro::points::store
