#include "services/grading/round_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/service/batch.h"

namespace auxpro::grading::store {

absl::StatusOr<std::map<std::string, RoundRecord>> RoundRecordsOf(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids) {
  std::map<std::string, RoundRecord> out;
  const std::string& in = service::ChunkPlaceholders();
  const std::string levels = absl::StrCat(
      "SELECT person_id, level FROM person_levels WHERE jurisdiction = ? AND person_id IN (", in,
      ")");
  const std::string applications = absl::StrCat(
      "SELECT open_person_id, id FROM applications WHERE jurisdiction = ? AND open_person_id IN (",
      in, ")");
  const std::string cases = absl::StrCat(
      "SELECT open_person_id, id FROM demotion_cases WHERE jurisdiction = ? AND open_person_id "
      "IN (",
      in, ")");
  RETURN_IF_ERROR(
      service::ForEachChunk(person_ids, [&](std::vector<db::Param> chunk) -> absl::Status {
        chunk.insert(chunk.begin(), db::Param(j));
        ASSIGN_OR_RETURN(auto rows, tx.Query(levels, chunk));
        for (const db::Row& r : rows) out[r.Str(0)].level = static_cast<int>(r.Int(1));
        ASSIGN_OR_RETURN(rows, tx.Query(applications, chunk));
        for (const db::Row& r : rows) out[r.Str(0)].open_application = r.Str(1);
        ASSIGN_OR_RETURN(rows, tx.Query(cases, chunk));
        for (const db::Row& r : rows) out[r.Str(0)].open_demotion_case = r.Str(1);
        return absl::OkStatus();
      }));
  return out;
}

}  // namespace auxpro::grading::store
