#include "services/grading/grading_store.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/grading/application_rules.h"

namespace auxpro::grading::store {

namespace {

using absl::Status;
using absl::StatusOr;

StatusOr<std::string> ToJson(const google::protobuf::Message& m) {
  std::string out;
  auto s = google::protobuf::util::MessageToJsonString(m, &out);
  if (!s.ok()) return absl::InternalError(absl::StrCat("grading store: ", s.ToString()));
  return out;
}

template <typename M>
StatusOr<M> FromJson(const std::string& json) {
  M m;
  auto s = google::protobuf::util::JsonStringToMessage(json, &m);
  if (!s.ok()) return absl::InternalError(absl::StrCat("grading store: ", s.ToString()));
  return m;
}

Status EtagMismatch(int64_t current) {
  return WithErrorInfo(
      absl::AbortedError(absl::StrCat("etag: the record changed since it was read (current etag ",
                                      current, "); read it again")),
      "ETAG_MISMATCH", {{"current_etag", absl::StrCat(current)}});
}

// Writes a versioned record row of `table` when its version is `expected`.
template <typename M>
StatusOr<M> UpdateVersioned(db::Transaction& tx, const std::string& table, const std::string& j,
                            const std::string& id, M record, int state, bool open,
                            const std::string& person_id, int64_t expected, absl::Time now) {
  record.set_etag(absl::StrCat(expected + 1));
  ASSIGN_OR_RETURN(std::string json, ToJson(record));
  ASSIGN_OR_RETURN(
      int64_t n,
      tx.Exec(absl::StrCat("UPDATE ", table,
                           " SET state = ?, open_person_id = ?, version = version + 1, body = ?, "
                           "updated_at = ? WHERE jurisdiction = ? AND id = ? AND version = ?"),
              {state, open ? db::Param(person_id) : db::Param(nullptr), json, TimeToSql(now), j, id,
               expected}));
  if (n != 1) {
    ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT version FROM ", table,
                                                        " WHERE jurisdiction = ? AND id = ?"),
                                           {j, id}));
    if (!row) return NotFound(table, id);
    return EtagMismatch(row->Int(0));
  }
  return record;
}

template <typename M>
StatusOr<std::optional<M>> GetVersioned(db::Transaction& tx, const std::string& table,
                                        const std::string& j, const std::string& id, bool lock) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT body, version FROM ", table,
                                                      " WHERE jurisdiction = ? AND id = ?",
                                                      lock ? " FOR UPDATE" : ""),
                                         {j, id}));
  if (!row) return std::optional<M>();
  ASSIGN_OR_RETURN(M m, FromJson<M>(row->Str(0)));
  m.set_etag(absl::StrCat(row->Int(1)));
  return std::optional<M>(std::move(m));
}

}  // namespace

std::string PersonName(const std::string& j, const std::string& person_id) {
  return absl::StrCat("jurisdictions/", j, "/persons/", person_id);
}
std::string LevelName(const std::string& j, const std::string& person_id) {
  return absl::StrCat(PersonName(j, person_id), "/level");
}
std::string ApplicationName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/applications/", id);
}
std::string NoticeName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/resultNotices/", id);
}
std::string CaseName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/demotionCases/", id);
}

StatusOr<LevelRecord> GetLevel(db::Transaction& tx, const std::string& j,
                               const std::string& person_id, bool lock, absl::Time now) {
  if (lock) {
    RETURN_IF_ERROR(tx.Exec("INSERT IGNORE INTO person_levels (jurisdiction, person_id, level, "
                            "since, version, updated_at) VALUES (?, ?, 0, NULL, 0, ?)",
                            {j, person_id, TimeToSql(now)})
                        .status());
  }
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT level, since, version FROM "
                                                      "person_levels WHERE jurisdiction = ? AND "
                                                      "person_id = ?",
                                                      lock ? " FOR UPDATE" : ""),
                                         {j, person_id}));
  LevelRecord rec;
  if (!row) return rec;
  rec.level = static_cast<int>(row->Int(0));
  if (auto d = db::DateAt(*row, 1)) rec.since = *d;
  rec.version = row->Int(2);
  return rec;
}

StatusOr<LevelRecord> ChangeLevel(db::Transaction& tx, const std::string& j,
                                  const std::string& person_id, const LevelRecord& before,
                                  const v1::LevelChange& change, absl::Time now) {
  ASSIGN_OR_RETURN(
      int64_t n, tx.Exec("UPDATE person_levels SET level = ?, since = ?, version = version + 1, "
                         "updated_at = ? WHERE jurisdiction = ? AND person_id = ? AND "
                         "version = ? AND level = ?",
                         {change.to_level(), db::DateParam(change.effective_date()), TimeToSql(now),
                          j, person_id, before.version, before.level}));
  if (n != 1) return EtagMismatch(before.version);
  ASSIGN_OR_RETURN(std::string json, ToJson(change));
  RETURN_IF_ERROR(tx.Exec("INSERT INTO level_changes (jurisdiction, person_id, body, created_at) "
                          "VALUES (?, ?, ?, ?)",
                          {j, person_id, json, TimeToSql(now)})
                      .status());
  return LevelRecord{change.to_level(), change.effective_date(), before.version + 1};
}

StatusOr<std::vector<v1::LevelChange>> History(db::Transaction& tx, const std::string& j,
                                               const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT body FROM level_changes WHERE jurisdiction = ? AND "
                                       "person_id = ? ORDER BY seq",
                                       {j, person_id}));
  std::vector<v1::LevelChange> out;
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(auto c, FromJson<v1::LevelChange>(row.Str(0)));
    out.push_back(std::move(c));
  }
  return out;
}

StatusOr<v1::Application> InsertApplication(db::Transaction& tx, const std::string& j,
                                            const std::string& id, const std::string& person_id,
                                            v1::Application app, absl::Time now) {
  app.set_etag("1");
  ASSIGN_OR_RETURN(std::string json, ToJson(app));
  auto inserted = tx.Exec(
      "INSERT INTO applications (jurisdiction, id, person_id, state, target_level, "
      "open_person_id, version, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, "
      "?)",
      {j, id, person_id, static_cast<int>(app.state()), app.target_level(), person_id, json,
       TimeToSql(now), TimeToSql(now)});
  if (absl::IsAlreadyExists(inserted.status())) {
    return WithErrorInfo(Precondition(absl::StrCat("person ", PersonName(j, person_id),
                                                   " has an open application already")),
                         "APPLICATION_OPEN", {{"person", PersonName(j, person_id)}});
  }
  RETURN_IF_ERROR(inserted.status());
  return app;
}

StatusOr<v1::Application> UpdateApplication(db::Transaction& tx, const std::string& j,
                                            const std::string& id, v1::Application app,
                                            int64_t expected_version, absl::Time now) {
  // Open (holding the person's one open-application key) until final: a decision still waiting
  // under its result notice is open.
  const bool closed = IsFinal(app);
  const std::string person_id = db::LastSegment(app.person());
  const int state = static_cast<int>(app.state());
  return UpdateVersioned(tx, "applications", j, id, std::move(app), state, !closed, person_id,
                         expected_version, now);
}

StatusOr<std::optional<v1::Application>> GetApplication(db::Transaction& tx, const std::string& j,
                                                        const std::string& id, bool lock) {
  return GetVersioned<v1::Application>(tx, "applications", j, id, lock);
}

StatusOr<std::optional<std::string>> OpenApplicationOf(db::Transaction& tx, const std::string& j,
                                                       const std::string& person_id) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM applications WHERE jurisdiction = ? AND "
                                         "open_person_id = ?",
                                         {j, person_id}));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(row->Str(0));
}

StatusOr<std::vector<v1::Application>> ListApplications(db::Transaction& tx, const std::string& j,
                                                        const std::string& after, int limit,
                                                        int state, const std::string& person_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT body, version FROM applications WHERE jurisdiction = ? AND id > ? AND "
               "(? = 0 OR state = ?) AND (? = '' OR person_id = ?) ORDER BY id LIMIT ?",
               {j, after, state, state, person_id, person_id, limit}));
  std::vector<v1::Application> out;
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(auto app, FromJson<v1::Application>(row.Str(0)));
    app.set_etag(absl::StrCat(row.Int(1)));
    out.push_back(std::move(app));
  }
  return out;
}

StatusOr<v1::ResultNotice> InsertNotice(db::Transaction& tx, const std::string& j,
                                        const std::string& id, v1::ResultNotice notice,
                                        absl::Time now) {
  ASSIGN_OR_RETURN(std::string json, ToJson(notice));
  RETURN_IF_ERROR(tx.Exec("INSERT INTO result_notices (jurisdiction, id, publish_date, body, "
                          "created_at) VALUES (?, ?, ?, ?, ?)",
                          {j, id, db::DateParam(notice.publish_date()), json, TimeToSql(now)})
                      .status());
  return notice;
}

StatusOr<std::optional<v1::ResultNotice>> GetNotice(db::Transaction& tx, const std::string& j,
                                                    const std::string& id) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT body FROM result_notices WHERE jurisdiction = ? "
                                         "AND id = ?",
                                         {j, id}));
  if (!row) return std::optional<v1::ResultNotice>();
  ASSIGN_OR_RETURN(auto n, FromJson<v1::ResultNotice>(row->Str(0)));
  return std::optional<v1::ResultNotice>(std::move(n));
}

StatusOr<v1::DemotionCase> InsertCase(db::Transaction& tx, const std::string& j,
                                      const std::string& id, const std::string& person_id,
                                      v1::DemotionCase c, absl::Time now) {
  c.set_etag("1");
  ASSIGN_OR_RETURN(std::string json, ToJson(c));
  auto inserted = tx.Exec(
      "INSERT INTO demotion_cases (jurisdiction, id, person_id, state, open_person_id, "
      "version, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
      {j, id, person_id, static_cast<int>(c.state()), person_id, json, TimeToSql(now),
       TimeToSql(now)});
  if (absl::IsAlreadyExists(inserted.status())) {
    return WithErrorInfo(Precondition(absl::StrCat("person ", PersonName(j, person_id),
                                                   " has an open demotion case already")),
                         "APPLICATION_OPEN", {{"person", PersonName(j, person_id)}});
  }
  RETURN_IF_ERROR(inserted.status());
  return c;
}

StatusOr<v1::DemotionCase> UpdateCase(db::Transaction& tx, const std::string& j,
                                      const std::string& id, v1::DemotionCase c,
                                      int64_t expected_version, absl::Time now) {
  const bool open = c.state() == v1::DemotionCase::OPEN;
  const std::string person_id = db::LastSegment(c.person());
  const int state = static_cast<int>(c.state());
  return UpdateVersioned(tx, "demotion_cases", j, id, std::move(c), state, open, person_id,
                         expected_version, now);
}

StatusOr<std::optional<v1::DemotionCase>> GetCase(db::Transaction& tx, const std::string& j,
                                                  const std::string& id, bool lock) {
  return GetVersioned<v1::DemotionCase>(tx, "demotion_cases", j, id, lock);
}

Status AppendArchive(db::Transaction& tx, const std::string& j, const std::string& person_id,
                     v1::ArchiveEntry entry, absl::Time now) {
  *entry.mutable_create_time() = TimestampOf(now);
  ASSIGN_OR_RETURN(std::string json, ToJson(entry));
  return tx
      .Exec(
          "INSERT INTO archive_entries (jurisdiction, person_id, body, created_at) VALUES "
          "(?, ?, ?, ?)",
          {j, person_id, json, TimeToSql(now)})
      .status();
}

StatusOr<std::vector<ArchiveRow>> ListArchive(db::Transaction& tx, const std::string& j,
                                              int64_t after_seq, int limit,
                                              const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT seq, body FROM archive_entries WHERE jurisdiction "
                                       "= ? AND seq > ? AND (? = '' OR person_id = ?) ORDER BY "
                                       "seq LIMIT ?",
                                       {j, after_seq, person_id, person_id, limit}));
  std::vector<ArchiveRow> out;
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(auto e, FromJson<v1::ArchiveEntry>(row.Str(1)));
    out.push_back({row.Int(0), std::move(e)});
  }
  return out;
}

}  // namespace auxpro::grading::store
