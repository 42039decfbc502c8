#include "services/personnel/contracts_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/personnel/resource_names.h"

namespace auxpro::personnel::store {

namespace {

using db::DateAt;
using db::DateParam;
using db::Row;

constexpr char kContractColumns[] =
    "id, employer, start_date, end_date, min_service_months, renewal, document_ref, state, "
    "end_reason, renewal_grade, created_at";

v1::LabourContract ContractFromRow(const std::string& j, const std::string& person_id,
                                   const Row& r) {
  v1::LabourContract c;
  c.set_name(LabourContractName(j, person_id, r.Str(0)));
  c.set_employer(static_cast<common::v1::AgencyKind>(r.Int(1)));
  if (auto d = DateAt(r, 2)) *c.mutable_start_date() = *d;
  if (auto d = DateAt(r, 3)) *c.mutable_end_date() = *d;
  c.set_min_service_months(static_cast<int32_t>(r.Int(4)));
  c.set_renewal(r.Bool(5));
  c.set_document_ref(r.Str(6));
  c.set_state(static_cast<v1::LabourContract::State>(r.Int(7)));
  c.set_end_reason(r.Str(8));
  c.set_renewal_grade(r.Str(9));
  *c.mutable_create_time() = TimestampFromSql(r.Str(10));
  return c;
}

}  // namespace

absl::StatusOr<std::vector<v1::LabourContract>> ListContracts(db::Transaction& tx,
                                                              const std::string& j,
                                                              const std::string& person_id) {
  auto rows = tx.Query(absl::StrCat("SELECT ", kContractColumns,
                                    " FROM labour_contracts WHERE jurisdiction = ? AND "
                                    "person_id = ? ORDER BY start_date, id"),
                       {j, person_id});
  if (!rows.ok()) return rows.status();
  std::vector<v1::LabourContract> out;
  for (const Row& r : *rows) out.push_back(ContractFromRow(j, person_id, r));
  return out;
}

absl::StatusOr<v1::LabourContract> InsertContract(db::Transaction& tx, const std::string& j,
                                                  const std::string& person_id,
                                                  const std::string& id,
                                                  const v1::LabourContract& c, absl::Time now) {
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO labour_contracts (jurisdiction, person_id, id, employer, start_date, "
              "end_date, min_service_months, renewal, document_ref, state, end_reason, "
              "renewal_grade, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {j, person_id, id, static_cast<int>(c.employer()), DateParam(c.start_date()),
               DateParam(c.end_date()), c.min_service_months(), c.renewal(), c.document_ref(),
               static_cast<int>(c.state()), c.end_reason(), c.renewal_grade(), TimeToSql(now)})
          .status());
  v1::LabourContract written = c;
  written.set_name(LabourContractName(j, person_id, id));
  *written.mutable_create_time() = TimestampOf(now);
  return written;
}

absl::StatusOr<std::optional<v1::LabourContract>> GetContract(db::Transaction& tx,
                                                              const std::string& j,
                                                              const std::string& person_id,
                                                              const std::string& id) {
  auto row = tx.QueryOne(absl::StrCat("SELECT ", kContractColumns,
                                      " FROM labour_contracts WHERE jurisdiction = ? AND "
                                      "person_id = ? AND id = ? FOR UPDATE"),
                         {j, person_id, id});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::LabourContract>();
  return std::optional<v1::LabourContract>(ContractFromRow(j, person_id, **row));
}

absl::StatusOr<v1::LabourContract> UpdateContractEnd(db::Transaction& tx, const std::string& j,
                                                     const std::string& person_id,
                                                     const v1::LabourContract& c) {
  RETURN_IF_ERROR(tx.Exec("UPDATE labour_contracts SET state = ?, end_date = ?, end_reason = ? "
                          "WHERE jurisdiction = ? AND person_id = ? AND id = ?",
                          {static_cast<int>(c.state()), DateParam(c.end_date()), c.end_reason(), j,
                           person_id, db::LastSegment(c.name())})
                      .status());
  return c;
}

absl::StatusOr<std::optional<BackbonePostCounts>> GetBackbonePosts(db::Transaction& tx,
                                                                   const std::string& j,
                                                                   const std::string& unit_id) {
  auto row = tx.QueryOne(
      "SELECT leader_posts, deputy_posts FROM backbone_posts WHERE jurisdiction = ? AND "
      "unit_id = ? FOR UPDATE",
      {j, unit_id});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<BackbonePostCounts>();
  return std::optional<BackbonePostCounts>(
      BackbonePostCounts{static_cast<int>((*row)->Int(0)), static_cast<int>((*row)->Int(1))});
}

absl::Status SetBackbonePosts(db::Transaction& tx, const std::string& j, const std::string& unit_id,
                              const BackbonePostCounts& counts, absl::Time now) {
  return tx
      .Exec(
          "INSERT INTO backbone_posts (jurisdiction, unit_id, leader_posts, deputy_posts, "
          "updated_at) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE leader_posts = "
          "VALUES(leader_posts), deputy_posts = VALUES(deputy_posts), updated_at = "
          "VALUES(updated_at)",
          {j, unit_id, counts.leader_posts, counts.deputy_posts, TimeToSql(now)})
      .status();
}

}  // namespace auxpro::personnel::store
