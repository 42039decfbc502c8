#include "services/personnel/agreements_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/personnel/resource_names.h"

namespace auxpro::personnel::store {

namespace {

using db::DateAt;
using db::DateParam;
using db::Row;
using db::SplitList;

constexpr char kAgreementColumns[] =
    "id, title, posts, duties, headcount, start_date, end_date, monthly_pay_fen, social_insurance, "
    "breach_liability, hr_company_signed, bureau_signed, created_at, version, "
    "(SELECT COUNT(*) FROM persons p WHERE p.jurisdiction = a.jurisdiction AND "
    "p.agreement_id = a.id AND p.state IN (2, 3))";

AgreementRecord AgreementFromRow(const std::string& j, const Row& r) {
  AgreementRecord rec;
  rec.id = r.Str(0);
  rec.version = r.Int(13);
  v1::DispatchAgreement& a = rec.agreement;
  a.set_name(AgreementName(j, rec.id));
  a.set_title(r.Str(1));
  for (auto& post : SplitList(r.Str(2), '\n')) a.add_posts(post);
  a.set_duties(r.Str(3));
  a.set_headcount(static_cast<int32_t>(r.Int(4)));
  if (auto d = DateAt(r, 5)) *a.mutable_start_date() = *d;
  if (auto d = DateAt(r, 6)) *a.mutable_end_date() = *d;
  a.set_monthly_pay_fen(r.Int(7));
  a.set_social_insurance(r.Str(8));
  a.set_breach_liability(r.Str(9));
  a.set_hr_company_signed(r.Bool(10));
  a.set_bureau_signed(r.Bool(11));
  a.set_state(a.hr_company_signed() && a.bureau_signed() ? v1::DispatchAgreement::ACTIVE
                                                         : v1::DispatchAgreement::DRAFT);
  *a.mutable_create_time() = TimestampFromSql(r.Str(12));
  a.set_etag(std::to_string(rec.version));
  a.set_assigned_count(static_cast<int32_t>(r.Int(14)));
  return rec;
}

}  // namespace

absl::StatusOr<AgreementRecord> InsertAgreement(db::Transaction& tx, const std::string& j,
                                                const AgreementRecord& rec, absl::Time now) {
  const v1::DispatchAgreement& a = rec.agreement;
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO dispatch_agreements (jurisdiction, id, title, posts, duties, headcount, "
              "start_date, end_date, monthly_pay_fen, social_insurance, breach_liability, "
              "hr_company_signed, bureau_signed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?, "
              "?, ?, ?)",
              {j, rec.id, a.title(), absl::StrJoin(a.posts(), "\n"), a.duties(), a.headcount(),
               DateParam(a.start_date()), DateParam(a.end_date()), a.monthly_pay_fen(),
               a.social_insurance(), a.breach_liability(), a.hr_company_signed(), a.bureau_signed(),
               TimeToSql(now)})
          .status());
  AgreementRecord written = rec;
  written.version = 1;  // the column's default
  v1::DispatchAgreement& w = written.agreement;
  w.set_name(AgreementName(j, rec.id));
  w.set_state(a.hr_company_signed() && a.bureau_signed() ? v1::DispatchAgreement::ACTIVE
                                                         : v1::DispatchAgreement::DRAFT);
  w.set_assigned_count(0);
  *w.mutable_create_time() = TimestampOf(now);
  w.set_etag(std::to_string(written.version));
  return written;
}

absl::StatusOr<std::optional<AgreementRecord>> GetAgreement(db::Transaction& tx,
                                                            const std::string& j,
                                                            const std::string& id, bool lock) {
  auto row =
      tx.QueryOne(absl::StrCat("SELECT ", kAgreementColumns,
                               " FROM dispatch_agreements a WHERE jurisdiction = ? AND id = ?",
                               lock ? " FOR UPDATE" : ""),
                  {j, id});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AgreementRecord>();
  return std::optional<AgreementRecord>(AgreementFromRow(j, **row));
}

absl::StatusOr<std::vector<AgreementRecord>> ListAgreements(db::Transaction& tx,
                                                            const std::string& j,
                                                            const std::string& after_id,
                                                            int limit) {
  auto rows = tx.Query(absl::StrCat("SELECT ", kAgreementColumns,
                                    " FROM dispatch_agreements a WHERE jurisdiction = ? AND id > ? "
                                    "ORDER BY id LIMIT ?"),
                       {j, after_id, limit});
  if (!rows.ok()) return rows.status();
  std::vector<AgreementRecord> out;
  for (const Row& r : *rows) out.push_back(AgreementFromRow(j, r));
  return out;
}

absl::StatusOr<AgreementRecord> UpdateAgreementSignatures(db::Transaction& tx, const std::string& j,
                                                          const AgreementRecord& rec) {
  RETURN_IF_ERROR(
      tx.Exec("UPDATE dispatch_agreements SET hr_company_signed = ?, bureau_signed = "
              "?, version = version + 1 WHERE jurisdiction = ? AND id = ?",
              {rec.agreement.hr_company_signed(), rec.agreement.bureau_signed(), j, rec.id})
          .status());
  AgreementRecord written = rec;
  written.version = rec.version + 1;
  written.agreement.set_etag(std::to_string(written.version));
  return written;
}

}  // namespace auxpro::personnel::store
