#include "services/grading/flow_store.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/grading/grading_store.h"

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

db::Param CivilParam(CivilDate d) { return db::Param(FormatDate(d)); }

std::optional<CivilDate> CivilAt(const db::Row& row, size_t i) {
  std::optional<common::v1::Date> d = db::DateAt(row, i);
  if (!d) return std::nullopt;
  return FromProto(*d);
}

constexpr char kHoldColumns[] =
    "id, application_id, person_id, objection_id, step, holder, since, working_days, due_on, "
    "reminder_sent_at IS NOT NULL, escalation_sent_at IS NOT NULL";

HoldRow HoldOf(const db::Row& row) {
  HoldRow h;
  h.id = row.Int(0);
  h.application_id = row.Str(1);
  h.person_id = row.Str(2);
  h.objection_id = row.Str(3);
  h.step = static_cast<int>(row.Int(4));
  h.holder = static_cast<int>(row.Int(5));
  if (auto d = CivilAt(row, 6)) h.since = *d;
  h.working_days = static_cast<int>(row.Int(7));
  h.due_on = CivilAt(row, 8);
  h.reminder_sent = row.Bool(9);
  h.escalation_sent = row.Bool(10);
  return h;
}

}  // namespace

std::string ObjectionName(const std::string& j, const std::string& notice_id,
                          const std::string& id) {
  return absl::StrCat(NoticeName(j, notice_id), "/objections/", id);
}

std::string AttestationName(const std::string& j, const std::string& person_id,
                            common::v1::Attestation a) {
  return absl::StrCat(PersonName(j, person_id), "/attestations/", common::v1::Attestation_Name(a));
}

StatusOr<std::vector<HoldRow>> OpenHoldsOf(db::Transaction& tx, const std::string& j,
                                           const std::string& application_id,
                                           const std::string& objection_id) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(absl::StrCat("SELECT ", kHoldColumns,
                                         " FROM step_holds WHERE jurisdiction = ? AND "
                                         "application_id = ? AND objection_id = ? AND open_flag = "
                                         "1 ORDER BY id FOR UPDATE"),
                            {j, application_id, objection_id}));
  std::vector<HoldRow> out;
  for (const auto& row : rows) out.push_back(HoldOf(row));
  return out;
}

Status InsertHold(db::Transaction& tx, const std::string& j, const HoldRow& h, absl::Time now) {
  return tx
      .Exec(
          "INSERT INTO step_holds (jurisdiction, application_id, person_id, objection_id, step, "
          "holder, since, working_days, due_on, open_flag, created_at) VALUES (?, ?, ?, ?, ?, ?, "
          "?, ?, ?, 1, ?)",
          {j, h.application_id, h.person_id, h.objection_id, h.step, h.holder, CivilParam(h.since),
           h.working_days, h.due_on ? CivilParam(*h.due_on) : db::Param(nullptr), TimeToSql(now)})
      .status();
}

Status CloseHold(db::Transaction& tx, const std::string& j, int64_t id, absl::Time now) {
  return tx
      .Exec("UPDATE step_holds SET open_flag = NULL, closed_at = ? WHERE jurisdiction = ? AND "
            "id = ?",
            {TimeToSql(now), j, id})
      .status();
}

StatusOr<std::vector<HoldRow>> ListOpenHolds(db::Transaction& tx, const std::string& j,
                                             int64_t after_id, int limit, int holder, bool lock) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(absl::StrCat("SELECT ", kHoldColumns,
                                                    " FROM step_holds WHERE jurisdiction = ? AND "
                                                    "open_flag = 1 AND id > ? AND (? = 0 OR "
                                                    "holder = ?) ORDER BY id LIMIT ?",
                                                    lock ? " FOR UPDATE" : ""),
                                       {j, after_id, holder, holder, limit}));
  std::vector<HoldRow> out;
  for (const auto& row : rows) out.push_back(HoldOf(row));
  return out;
}

Status MarkHoldSent(db::Transaction& tx, const std::string& j, int64_t id, bool escalation,
                    absl::Time now) {
  return tx
      .Exec(absl::StrCat("UPDATE step_holds SET ",
                         escalation ? "escalation_sent_at" : "reminder_sent_at",
                         " = ? WHERE jurisdiction = ? AND id = ? AND open_flag = 1"),
            {TimeToSql(now), j, id})
      .status();
}

Status SetNoticePeriod(db::Transaction& tx, const std::string& j, const std::string& id,
                       uint32_t working_days, const common::v1::Date& last_day,
                       const common::v1::Date& effective_on, bool settled) {
  return tx
      .Exec("UPDATE result_notices SET objection_working_days = ?, last_day = ?, effective_on = "
            "?, settled = ? WHERE jurisdiction = ? AND id = ?",
            {working_days, db::DateParam(last_day), db::DateParam(effective_on), settled, j, id})
      .status();
}

StatusOr<std::optional<v1::ResultNotice>> GetNoticeForUpdate(db::Transaction& tx,
                                                             const std::string& j,
                                                             const std::string& id) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT body FROM result_notices WHERE jurisdiction = ? "
                                         "AND id = ? FOR UPDATE",
                                         {j, id}));
  if (!row) return std::optional<v1::ResultNotice>();
  ASSIGN_OR_RETURN(auto n, FromJson<v1::ResultNotice>(row->Str(0)));
  return std::optional<v1::ResultNotice>(std::move(n));
}

Status UpdateNotice(db::Transaction& tx, const std::string& j, const std::string& id,
                    const v1::ResultNotice& notice, absl::Time) {
  v1::ResultNotice stored = notice;
  stored.clear_objections();  // kept in their own table
  ASSIGN_OR_RETURN(std::string json, ToJson(stored));
  return tx
      .Exec("UPDATE result_notices SET body = ?, settled = ?, version = version + 1 WHERE "
            "jurisdiction = ? AND id = ?",
            {json, notice.settled(), j, id})
      .status();
}

StatusOr<std::vector<std::string>> UnsettledNotices(db::Transaction& tx, const std::string& j,
                                                    int limit, const std::string& after_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM result_notices WHERE jurisdiction = ? AND "
                                       "settled = 0 AND id > ? ORDER BY id LIMIT ?",
                                       {j, after_id, limit}));
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row.Str(0));
  return out;
}

Status InsertObjection(db::Transaction& tx, const std::string& j, const std::string& id,
                       const std::string& notice_id, const std::string& application_id,
                       const v1::Objection& o, absl::Time now) {
  ASSIGN_OR_RETURN(std::string json, ToJson(o));
  return tx
      .Exec("INSERT INTO objections (jurisdiction, id, notice_id, application_id, state, "
            "recorded_on, answered_on, body, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)",
            {j, id, notice_id, application_id, static_cast<int>(o.state()),
             db::DateParam(o.record_date()), json, TimeToSql(now)})
      .status();
}

Status UpdateObjection(db::Transaction& tx, const std::string& j, const std::string& id,
                       const v1::Objection& o) {
  ASSIGN_OR_RETURN(std::string json, ToJson(o));
  return tx
      .Exec("UPDATE objections SET state = ?, answered_on = ?, body = ? WHERE jurisdiction = ? "
            "AND id = ?",
            {static_cast<int>(o.state()), db::DateParam(o.answer_date()), json, j, id})
      .status();
}

StatusOr<std::optional<v1::Objection>> GetObjection(db::Transaction& tx, const std::string& j,
                                                    const std::string& notice_id,
                                                    const std::string& id, bool lock) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT body FROM objections WHERE "
                                                      "jurisdiction = ? AND notice_id = ? AND id "
                                                      "= ?",
                                                      lock ? " FOR UPDATE" : ""),
                                         {j, notice_id, id}));
  if (!row) return std::optional<v1::Objection>();
  ASSIGN_OR_RETURN(auto o, FromJson<v1::Objection>(row->Str(0)));
  return std::optional<v1::Objection>(std::move(o));
}

StatusOr<std::vector<v1::Objection>> ObjectionsOf(db::Transaction& tx, const std::string& j,
                                                  const std::string& notice_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT body FROM objections WHERE jurisdiction = ? AND "
                                       "notice_id = ? ORDER BY created_at, id",
                                       {j, notice_id}));
  std::vector<v1::Objection> out;
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(auto o, FromJson<v1::Objection>(row.Str(0)));
    out.push_back(std::move(o));
  }
  return out;
}

Status InsertAttestation(db::Transaction& tx, const std::string& j, const std::string& person_id,
                         const v1::PersonAttestation& a, absl::Time now) {
  ASSIGN_OR_RETURN(std::string json, ToJson(a));
  return tx
      .Exec("INSERT INTO attestations (jurisdiction, person_id, attestation, attested, body, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            {j, person_id, static_cast<int>(a.attestation()), a.attested(), json,
             TimeToSql(now)})
      .status();
}

StatusOr<std::map<int, v1::PersonAttestation>> LatestAttestations(db::Transaction& tx,
                                                                  const std::string& j,
                                                                  const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT attestation, body FROM attestations WHERE "
                                       "jurisdiction = ? AND person_id = ? ORDER BY seq",
                                       {j, person_id}));
  std::map<int, v1::PersonAttestation> out;
  for (const auto& row : rows) {
    ASSIGN_OR_RETURN(auto a, FromJson<v1::PersonAttestation>(row.Str(1)));
    out[static_cast<int>(row.Int(0))] = std::move(a);
  }
  return out;
}

}  // namespace auxpro::grading::store
