#include "services/assessment/registration_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"

namespace auxpro::assessment::store {

using db::Row;

namespace {

constexpr char kColumns[] =
    "summary_text, summary_by, summary_date, comment_text, comment_by, comment_date, "
    "supervisor_text, supervisor_by, supervisor_date, party_text, party_by, party_date, "
    "acknowledge_date, acknowledgement_ref, completed_on, revision, updated_at";

void SignedAt(const Row& r, size_t i, v1::AnnualRegistration::Signed* out,
              v1::AnnualRegistration* parent, bool* set) {
  *set = !r.Str(i).empty();
  if (!*set) return;
  out->set_text(r.Str(i));
  out->set_signed_by(r.Str(i + 1));
  if (auto d = db::DateAt(r, i + 2)) *out->mutable_sign_date() = *d;
  (void)parent;
}

db::Param DateOrNull(const v1::AnnualRegistration::Signed& s, bool has) {
  return has && s.has_sign_date() ? db::DateParam(s.sign_date()) : db::Param(nullptr);
}

}  // namespace

absl::StatusOr<RegistrationRow> FindRegistration(db::Transaction& tx, const std::string& j,
                                                 const std::string& person_id, int year,
                                                 bool lock) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT ", kColumns,
                                                      " FROM annual_registrations WHERE "
                                                      "jurisdiction = ? AND person_id = ? AND "
                                                      "year = ?",
                                                      lock ? " FOR UPDATE" : ""),
                                         {j, person_id, year}));
  RegistrationRow out;
  if (!row) return out;
  v1::AnnualRegistration& p = out.parts;
  bool set = false;
  v1::AnnualRegistration::Signed s;
  SignedAt(*row, 0, &s, &p, &set);
  if (set) *p.mutable_personal_summary() = s;
  s.Clear();
  SignedAt(*row, 3, &s, &p, &set);
  if (set) *p.mutable_unit_comment() = s;
  s.Clear();
  SignedAt(*row, 6, &s, &p, &set);
  if (set) *p.mutable_supervisor_opinion() = s;
  s.Clear();
  SignedAt(*row, 9, &s, &p, &set);
  if (set) *p.mutable_party_group_opinion() = s;
  if (auto d = db::DateAt(*row, 12)) *p.mutable_acknowledge_date() = *d;
  p.set_acknowledgement_ref(row->Str(13));
  out.completed_on = db::DateAt(*row, 14);
  out.revision = row->Int(15);
  *p.mutable_update_time() = TimestampFromSql(row->Str(16));
  return out;
}

absl::StatusOr<RegistrationRow> WriteRegistration(db::Transaction& tx, const std::string& j,
                                                  const std::string& person_id, int year,
                                                  const RegistrationRow& row, absl::Time now) {
  const v1::AnnualRegistration& p = row.parts;
  const auto& a = p.personal_summary();
  const auto& b = p.unit_comment();
  const auto& c = p.supervisor_opinion();
  const auto& d = p.party_group_opinion();
  std::vector<db::Param> params = {
      a.text(),
      a.signed_by(),
      DateOrNull(a, p.has_personal_summary()),
      b.text(),
      b.signed_by(),
      DateOrNull(b, p.has_unit_comment()),
      c.text(),
      c.signed_by(),
      DateOrNull(c, p.has_supervisor_opinion()),
      d.text(),
      d.signed_by(),
      DateOrNull(d, p.has_party_group_opinion()),
      p.has_acknowledge_date() ? db::DateParam(p.acknowledge_date()) : db::Param(nullptr),
      p.acknowledgement_ref(),
      row.completed_on ? db::DateParam(*row.completed_on) : db::Param(nullptr),
      row.revision + 1,
      TimeToSql(now)};
  if (row.revision == 0) {
    std::vector<db::Param> insert = {j, person_id, year};
    insert.insert(insert.end(), params.begin(), params.end());
    RETURN_IF_ERROR(tx.Exec(absl::StrCat("INSERT INTO annual_registrations (jurisdiction, "
                                         "person_id, year, ",
                                         kColumns,
                                         ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                         "?, ?, ?, ?, ?)"),
                            insert)
                        .status());
  } else {
    params.insert(params.end(), {j, person_id, year, row.revision});
    ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Exec("UPDATE annual_registrations SET summary_text = ?, summary_by = ?, summary_date = "
                "?, comment_text = ?, comment_by = ?, comment_date = ?, supervisor_text = ?, "
                "supervisor_by = ?, supervisor_date = ?, party_text = ?, party_by = ?, party_date "
                "= ?, acknowledge_date = ?, acknowledgement_ref = ?, completed_on = ?, revision = "
                "?, updated_at = ? WHERE jurisdiction = ? AND person_id = ? AND year = ? AND "
                "revision = ?",
                params));
    if (changed != 1) return absl::AbortedError("annual registration changed concurrently; retry");
  }
  return FindRegistration(tx, j, person_id, year, false);
}

}  // namespace auxpro::assessment::store
