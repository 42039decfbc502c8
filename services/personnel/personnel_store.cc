#include "services/personnel/personnel_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/common/civil_time.h"

namespace auxpro::personnel::store {

namespace {

using db::Param;
using db::Row;

constexpr int kProbation = v1::PROBATION;
constexpr int kActive = v1::ACTIVE;

Param DateParam(const common::v1::Date& d) { return Param::NullIfEmpty(DateToSql(d)); }

// A DATE column; nullopt for NULL, so unset dates stay unset in the message.
std::optional<common::v1::Date> DateAt(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return DateFromSql(r.Str(i));
}

std::vector<std::string> SplitList(const std::string& s, char sep) {
  if (s.empty()) return {};
  return absl::StrSplit(s, sep);
}

constexpr char kPersonColumns[] =
    "id, full_name, gender, birth_date, national_id_sealed, national_id_masked, education, "
    "mandarin_level, basic_english, veteran, party_member, former_auxiliary, "
    "driving_licence_classes, smart_device_skill, photo_ref, post_type, unit_id, duty_area, state, "
    "agreement_id, hire_date, probation_end_date, exit_date, exit_reason, exit_checklist, "
    "exit_note, background_findings, created_at, updated_at, version, "
    "(SELECT badge_number FROM permits pm WHERE pm.jurisdiction = persons.jurisdiction AND "
    "pm.person_id = persons.id AND pm.state = 1 LIMIT 1)";

PersonRecord PersonFromRow(const std::string& j, const Row& r) {
  PersonRecord rec;
  rec.id = r.Str(0);
  v1::Person& p = rec.person;
  p.set_name(PersonName(j, rec.id));
  p.set_full_name(r.Str(1));
  p.set_gender(static_cast<common::v1::Gender>(r.Int(2)));
  if (auto d = DateAt(r, 3)) *p.mutable_birth_date() = *d;
  rec.national_id_sealed = r.Str(4);
  rec.national_id_masked = r.Str(5);
  p.set_education(static_cast<common::v1::Education>(r.Int(6)));
  p.set_mandarin_level(static_cast<common::v1::MandarinLevel>(r.Int(7)));
  p.set_basic_english(r.Bool(8));
  p.set_veteran(r.Bool(9));
  p.set_party_member(r.Bool(10));
  p.set_former_auxiliary(r.Bool(11));
  for (auto& c : SplitList(r.Str(12), ',')) p.add_driving_licence_classes(c);
  p.set_smart_device_skill(r.Bool(13));
  p.set_photo_ref(r.Str(14));
  p.set_post_type(static_cast<v1::PostType>(r.Int(15)));
  rec.unit_id = r.Str(16);
  if (!rec.unit_id.empty()) p.set_unit(UnitName(j, rec.unit_id));
  p.set_duty_area(r.Str(17));
  p.set_state(static_cast<v1::PersonState>(r.Int(18)));
  rec.agreement_id = r.Str(19);
  if (!rec.agreement_id.empty()) p.set_dispatch_agreement(AgreementName(j, rec.agreement_id));
  if (auto d = DateAt(r, 20)) *p.mutable_hire_date() = *d;
  if (auto d = DateAt(r, 21)) *p.mutable_probation_end_date() = *d;
  if (auto d = DateAt(r, 22)) *p.mutable_exit_date() = *d;
  p.set_exit_reason(static_cast<v1::ExitReason>(r.Int(23)));
  rec.exit_checklist = r.Str(24);
  rec.exit_note = r.Str(25);
  for (auto& f : SplitList(r.Str(26), ',')) {
    int value = 0;
    if (absl::SimpleAtoi(f, &value)) {
      p.add_background_findings(static_cast<common::v1::Disqualifier>(value));
    }
  }
  *p.mutable_create_time() = TimestampFromSql(r.Str(27));
  *p.mutable_update_time() = TimestampFromSql(r.Str(28));
  rec.version = r.Int(29);
  p.set_badge_number(r.Str(30));
  p.set_etag(absl::StrCat("\"", rec.version, "\""));
  return rec;
}

std::string JoinFindings(const v1::Person& p) {
  std::vector<std::string> out;
  for (int f : p.background_findings()) out.push_back(std::to_string(f));
  return absl::StrJoin(out, ",");
}

std::vector<Param> PersonMutableParams(const PersonRecord& rec) {
  const v1::Person& p = rec.person;
  return {p.full_name(),
          static_cast<int>(p.education()),
          static_cast<int>(p.mandarin_level()),
          p.basic_english(),
          p.veteran(),
          p.party_member(),
          p.former_auxiliary(),
          absl::StrJoin(p.driving_licence_classes(), ","),
          p.smart_device_skill(),
          p.photo_ref(),
          static_cast<int>(p.post_type()),
          Param::NullIfEmpty(rec.unit_id),
          p.duty_area(),
          static_cast<int>(p.state()),
          Param::NullIfEmpty(rec.agreement_id),
          DateParam(p.hire_date()),
          DateParam(p.probation_end_date()),
          DateParam(p.exit_date()),
          static_cast<int>(p.exit_reason()),
          rec.exit_checklist,
          rec.exit_note,
          JoinFindings(p)};
}

absl::StatusOr<int> CountOne(db::Transaction& tx, const std::string& sql,
                             const std::vector<Param>& params) {
  auto row = tx.QueryOne(sql, params);
  if (!row.ok()) return row.status();
  return *row ? static_cast<int>((*row)->Int(0)) : 0;
}

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
  a.set_etag(absl::StrCat("\"", rec.version, "\""));
  a.set_assigned_count(static_cast<int32_t>(r.Int(14)));
  return rec;
}

v1::HeadcountLimit LimitFromRow(const std::string& j, const Row& r) {
  v1::HeadcountLimit limit;
  const std::string scope = r.Str(0);
  limit.set_name(HeadcountName(j, scope));
  if (scope != "all") limit.set_unit(UnitName(j, scope));
  limit.set_limit(static_cast<int32_t>(r.Int(1)));
  limit.set_document_ref(r.Str(2));
  *limit.mutable_update_time() = TimestampFromSql(r.Str(3));
  limit.set_current_count(static_cast<int32_t>(r.Int(4)));
  return limit;
}

constexpr char kLimitColumns[] =
    "scope, limit_value, document_ref, updated_at, "
    "(SELECT COUNT(*) FROM persons p WHERE p.jurisdiction = h.jurisdiction AND "
    "p.state IN (2, 3) AND (h.scope = 'all' OR p.unit_id = h.scope))";

v1::Permit PermitFromRow(const std::string& j, const Row& r) {
  v1::Permit permit;
  permit.set_badge_number(r.Str(0));
  permit.set_name(PermitName(j, r.Str(0)));
  permit.set_person(PersonName(j, r.Str(1)));
  permit.set_state(static_cast<v1::Permit::State>(r.Int(2)));
  if (auto d = DateAt(r, 3)) *permit.mutable_issue_date() = *d;
  if (auto d = DateAt(r, 4)) *permit.mutable_revoke_date() = *d;
  permit.set_revoke_reason(r.Str(5));
  return permit;
}

constexpr char kPermitColumns[] =
    "badge_number, person_id, state, issue_date, revoke_date, revoke_reason";

}  // namespace

std::string PersonName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/persons/", id);
}
std::string UnitName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/units/", id);
}
std::string AgreementName(const std::string& j, const std::string& id) {
  return absl::StrCat("jurisdictions/", j, "/dispatchAgreements/", id);
}
std::string PermitName(const std::string& j, const std::string& badge) {
  return absl::StrCat("jurisdictions/", j, "/permits/", badge);
}
std::string TrainingName(const std::string& j, const std::string& person_id,
                         const std::string& id) {
  return absl::StrCat(PersonName(j, person_id), "/trainingRecords/", id);
}
std::string HeadcountName(const std::string& j, const std::string& scope) {
  return absl::StrCat("jurisdictions/", j, "/headcountLimits/", scope);
}

// ---- units

absl::Status InsertUnit(db::Transaction& tx, const std::string& j, const std::string& id,
                        const std::string& display_name, absl::Time now) {
  return tx
      .Exec("INSERT INTO units (jurisdiction, id, display_name, created_at) VALUES (?, ?, ?, ?)",
            {j, id, display_name, TimeToSql(now)})
      .status();
}

absl::StatusOr<std::optional<v1::Unit>> GetUnit(db::Transaction& tx, const std::string& j,
                                                const std::string& id, bool lock) {
  auto row = tx.QueryOne(
      absl::StrCat("SELECT id, display_name, (SELECT COUNT(*) FROM persons p WHERE "
                   "p.jurisdiction = u.jurisdiction AND p.unit_id = u.id AND p.state IN (2, 3)) "
                   "FROM units u WHERE jurisdiction = ? AND id = ?",
                   lock ? " FOR UPDATE" : ""),
      {j, id});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::Unit>();
  v1::Unit unit;
  unit.set_name(UnitName(j, (*row)->Str(0)));
  unit.set_display_name((*row)->Str(1));
  unit.set_member_count(static_cast<int32_t>((*row)->Int(2)));
  return std::optional<v1::Unit>(unit);
}

absl::StatusOr<std::vector<v1::Unit>> ListUnits(db::Transaction& tx, const std::string& j,
                                                const std::string& after_id, int limit) {
  auto rows = tx.Query(
      "SELECT id, display_name, (SELECT COUNT(*) FROM persons p WHERE p.jurisdiction = "
      "u.jurisdiction AND p.unit_id = u.id AND p.state IN (2, 3)) FROM units u "
      "WHERE jurisdiction = ? AND id > ? ORDER BY id LIMIT ?",
      {j, after_id, limit});
  if (!rows.ok()) return rows.status();
  std::vector<v1::Unit> units;
  for (const Row& r : *rows) {
    v1::Unit& unit = units.emplace_back();
    unit.set_name(UnitName(j, r.Str(0)));
    unit.set_display_name(r.Str(1));
    unit.set_member_count(static_cast<int32_t>(r.Int(2)));
  }
  return units;
}

// ---- persons

absl::Status InsertPerson(db::Transaction& tx, const std::string& j, const PersonRecord& rec,
                          const std::string& national_id_index, absl::Time now) {
  std::vector<Param> params = {j,
                               rec.id,
                               static_cast<int>(rec.person.gender()),
                               DateParam(rec.person.birth_date()),
                               rec.national_id_sealed,
                               national_id_index,
                               rec.national_id_masked,
                               TimeToSql(now),
                               TimeToSql(now)};
  for (auto& p : PersonMutableParams(rec)) params.push_back(p);
  return tx
      .Exec(
          "INSERT INTO persons (jurisdiction, id, gender, birth_date, national_id_sealed, "
          "national_id_index, national_id_masked, created_at, updated_at, full_name, education, "
          "mandarin_level, basic_english, veteran, party_member, former_auxiliary, "
          "driving_licence_classes, smart_device_skill, photo_ref, post_type, unit_id, duty_area, "
          "state, agreement_id, hire_date, probation_end_date, exit_date, exit_reason, "
          "exit_checklist, exit_note, background_findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          params)
      .status();
}

absl::StatusOr<std::optional<PersonRecord>> GetPerson(db::Transaction& tx, const std::string& j,
                                                      const std::string& id, bool lock) {
  auto row = tx.QueryOne(
      absl::StrCat("SELECT ", kPersonColumns, " FROM persons WHERE jurisdiction = ? AND id = ?",
                   lock ? " FOR UPDATE" : ""),
      {j, id});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<PersonRecord>();
  return std::optional<PersonRecord>(PersonFromRow(j, **row));
}

absl::StatusOr<std::optional<std::string>> FindPersonByNationalIdIndex(db::Transaction& tx,
                                                                       const std::string& j,
                                                                       const std::string& index) {
  auto row = tx.QueryOne("SELECT id FROM persons WHERE jurisdiction = ? AND national_id_index = ?",
                         {j, index});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>((*row)->Str(0));
}

absl::StatusOr<std::vector<PersonRecord>> ListPersons(db::Transaction& tx, const std::string& j,
                                                      const PersonFilter& filter,
                                                      const std::string& after_id, int limit) {
  std::string sql =
      absl::StrCat("SELECT ", kPersonColumns, " FROM persons WHERE jurisdiction = ? AND id > ?");
  std::vector<Param> params = {j, after_id};
  if (filter.state) {
    sql += " AND state = ?";
    params.emplace_back(*filter.state);
  }
  if (filter.unit_id) {
    sql += " AND unit_id = ?";
    params.emplace_back(*filter.unit_id);
  }
  if (filter.post_type) {
    sql += " AND post_type = ?";
    params.emplace_back(*filter.post_type);
  }
  if (filter.agreement_id) {
    sql += " AND agreement_id = ?";
    params.emplace_back(*filter.agreement_id);
  }
  sql += " ORDER BY id LIMIT ?";
  params.emplace_back(limit);
  auto rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<PersonRecord> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back(PersonFromRow(j, r));
  return out;
}

absl::Status UpdatePerson(db::Transaction& tx, const std::string& j, const PersonRecord& rec,
                          absl::Time now) {
  std::vector<Param> params = PersonMutableParams(rec);
  params.emplace_back(TimeToSql(now));
  params.emplace_back(j);
  params.emplace_back(rec.id);
  params.emplace_back(rec.version);
  auto updated = tx.Exec(
      "UPDATE persons SET full_name = ?, education = ?, mandarin_level = ?, basic_english = ?, "
      "veteran = ?, party_member = ?, former_auxiliary = ?, driving_licence_classes = ?, "
      "smart_device_skill = ?, photo_ref = ?, post_type = ?, unit_id = ?, duty_area = ?, "
      "state = ?, agreement_id = ?, hire_date = ?, probation_end_date = ?, exit_date = ?, "
      "exit_reason = ?, exit_checklist = ?, exit_note = ?, background_findings = ?, "
      "updated_at = ?, version = version + 1 WHERE jurisdiction = ? AND id = ? AND version = ?",
      params);
  if (!updated.ok()) return updated.status();
  if (*updated != 1) {
    return absl::AbortedError(absl::StrCat("ETAG_MISMATCH: person ", PersonName(j, rec.id),
                                           " was changed by someone else; read it again"));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> CountMembers(db::Transaction& tx, const std::string& j,
                                 const std::string& unit_id) {
  if (unit_id.empty()) {
    return CountOne(tx, "SELECT COUNT(*) FROM persons WHERE jurisdiction = ? AND state IN (?, ?)",
                    {j, kProbation, kActive});
  }
  return CountOne(
      tx, "SELECT COUNT(*) FROM persons WHERE jurisdiction = ? AND unit_id = ? AND state IN (?, ?)",
      {j, unit_id, kProbation, kActive});
}

absl::StatusOr<TeamComposition> CountTeam(db::Transaction& tx, const std::string& j) {
  auto row = tx.QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(gender = ?), 0) FROM persons WHERE jurisdiction = ? AND "
      "state IN (?, ?)",
      {static_cast<int>(common::v1::FEMALE), j, kProbation, kActive});
  if (!row.ok()) return row.status();
  TeamComposition team;
  team.total = static_cast<int>((*row)->Int(0));
  team.female = static_cast<int>((*row)->Int(1));
  return team;
}

absl::Status LockHiring(db::Transaction& tx, const std::string& j) {
  // ON DUPLICATE KEY UPDATE takes the row's exclusive lock at once; INSERT IGNORE would take a
  // shared one, and two hires upgrading theirs would deadlock.
  return tx
      .Exec(
          "INSERT INTO hiring_locks (jurisdiction) VALUES (?) ON DUPLICATE KEY UPDATE "
          "jurisdiction = jurisdiction",
          {j})
      .status();
}

absl::StatusOr<int> CountAgreementAssigned(db::Transaction& tx, const std::string& j,
                                           const std::string& agreement_id) {
  return CountOne(tx,
                  "SELECT COUNT(*) FROM persons WHERE jurisdiction = ? AND agreement_id = ? AND "
                  "state IN (?, ?)",
                  {j, agreement_id, kProbation, kActive});
}

absl::StatusOr<std::vector<std::string>> ListMemberIds(db::Transaction& tx, const std::string& j) {
  auto rows =
      tx.Query("SELECT id FROM persons WHERE jurisdiction = ? AND state IN (?, ?) ORDER BY id",
               {j, kProbation, kActive});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> ids;
  for (const Row& r : *rows) ids.push_back(r.Str(0));
  return ids;
}

// ---- dispatch agreements

absl::Status InsertAgreement(db::Transaction& tx, const std::string& j, const AgreementRecord& rec,
                             absl::Time now) {
  const v1::DispatchAgreement& a = rec.agreement;
  return tx
      .Exec(
          "INSERT INTO dispatch_agreements (jurisdiction, id, title, posts, duties, headcount, "
          "start_date, end_date, monthly_pay_fen, social_insurance, breach_liability, "
          "hr_company_signed, bureau_signed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?)",
          {j, rec.id, a.title(), absl::StrJoin(a.posts(), "\n"), a.duties(), a.headcount(),
           DateParam(a.start_date()), DateParam(a.end_date()), a.monthly_pay_fen(),
           a.social_insurance(), a.breach_liability(), a.hr_company_signed(), a.bureau_signed(),
           TimeToSql(now)})
      .status();
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

absl::Status UpdateAgreementSignatures(db::Transaction& tx, const std::string& j,
                                       const std::string& id, bool hr_company_signed,
                                       bool bureau_signed) {
  return tx
      .Exec(
          "UPDATE dispatch_agreements SET hr_company_signed = ?, bureau_signed = ?, "
          "version = version + 1 WHERE jurisdiction = ? AND id = ?",
          {hr_company_signed, bureau_signed, j, id})
      .status();
}

// ---- head-count limits

absl::Status UpsertHeadcountLimit(db::Transaction& tx, const std::string& j,
                                  const std::string& scope, int limit,
                                  const std::string& document_ref, absl::Time now) {
  return tx
      .Exec(
          "INSERT INTO headcount_limits (jurisdiction, scope, limit_value, document_ref, "
          "updated_at) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE limit_value = VALUES("
          "limit_value), document_ref = VALUES(document_ref), updated_at = VALUES(updated_at)",
          {j, scope, limit, document_ref, TimeToSql(now)})
      .status();
}

absl::StatusOr<std::optional<v1::HeadcountLimit>> GetHeadcountLimit(db::Transaction& tx,
                                                                    const std::string& j,
                                                                    const std::string& scope,
                                                                    bool lock) {
  auto row = tx.QueryOne(absl::StrCat("SELECT ", kLimitColumns,
                                      " FROM headcount_limits h WHERE jurisdiction = ? AND "
                                      "scope = ?",
                                      lock ? " FOR UPDATE" : ""),
                         {j, scope});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::HeadcountLimit>();
  return std::optional<v1::HeadcountLimit>(LimitFromRow(j, **row));
}

absl::StatusOr<std::vector<v1::HeadcountLimit>> ListHeadcountLimits(db::Transaction& tx,
                                                                    const std::string& j) {
  auto rows = tx.Query(absl::StrCat("SELECT ", kLimitColumns,
                                    " FROM headcount_limits h WHERE jurisdiction = ? ORDER BY "
                                    "scope = 'all' DESC, scope"),
                       {j});
  if (!rows.ok()) return rows.status();
  std::vector<v1::HeadcountLimit> out;
  for (const Row& r : *rows) out.push_back(LimitFromRow(j, r));
  return out;
}

// ---- training

absl::Status InsertTraining(db::Transaction& tx, const std::string& j, const std::string& person_id,
                            const std::string& id, const v1::TrainingRecord& record,
                            absl::Time now) {
  return tx
      .Exec(
          "INSERT INTO training_records (jurisdiction, id, person_id, kind, topic, start_date, "
          "days, hours, passed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {j, id, person_id, static_cast<int>(record.kind()), record.topic(),
           DateParam(record.start_date()), record.days(), record.hours(), record.passed(),
           TimeToSql(now)})
      .status();
}

absl::StatusOr<std::vector<v1::TrainingRecord>> ListTraining(db::Transaction& tx,
                                                             const std::string& j,
                                                             const std::string& person_id,
                                                             const std::string& after_id,
                                                             int limit) {
  auto rows = tx.Query(
      "SELECT id, kind, topic, start_date, days, hours, passed, created_at FROM training_records "
      "WHERE jurisdiction = ? AND person_id = ? AND id > ? ORDER BY id LIMIT ?",
      {j, person_id, after_id, limit});
  if (!rows.ok()) return rows.status();
  std::vector<v1::TrainingRecord> out;
  for (const Row& r : *rows) {
    v1::TrainingRecord& t = out.emplace_back();
    t.set_name(TrainingName(j, person_id, r.Str(0)));
    t.set_kind(static_cast<v1::TrainingKind>(r.Int(1)));
    t.set_topic(r.Str(2));
    if (auto d = DateAt(r, 3)) *t.mutable_start_date() = *d;
    t.set_days(r.Double(4));
    t.set_hours(r.Double(5));
    t.set_passed(r.Bool(6));
    *t.mutable_create_time() = TimestampFromSql(r.Str(7));
  }
  return out;
}

absl::StatusOr<std::map<std::string, std::vector<TrainingRecord>>> TrainingForRules(
    db::Transaction& tx, const std::string& j, const std::vector<std::string>& person_ids) {
  std::map<std::string, std::vector<TrainingRecord>> out;
  if (person_ids.empty()) return out;
  std::vector<Param> params = {j};
  std::string marks;
  for (const auto& id : person_ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  auto rows = tx.Query(absl::StrCat("SELECT person_id, kind, start_date, days, hours, passed FROM "
                                    "training_records WHERE jurisdiction = ? AND person_id IN (",
                                    marks, ") ORDER BY person_id, start_date"),
                       params);
  if (!rows.ok()) return rows.status();
  for (const Row& r : *rows) {
    TrainingRecord t;
    switch (r.Int(1)) {
      case v1::PRE_JOB:
        t.kind = TrainingKind::kPreJob;
        break;
      case v1::ANNUAL:
        t.kind = TrainingKind::kAnnual;
        break;
      default:
        t.kind = TrainingKind::kDrill;
    }
    if (auto d = DateFromSql(r.Str(2))) t.start = FromProto(*d);
    t.days = r.Double(3);
    t.hours = r.Double(4);
    t.passed = r.Bool(5);
    out[r.Str(0)].push_back(t);
  }
  return out;
}

// ---- permits

absl::StatusOr<int64_t> TakeNextBadgeSerial(db::Transaction& tx, const std::string& j) {
  auto seeded = tx.Exec(
      "INSERT INTO badge_serials (jurisdiction, last_serial) VALUES (?, 0) ON DUPLICATE KEY "
      "UPDATE jurisdiction = jurisdiction",
      {j});
  if (!seeded.ok()) return seeded.status();
  auto row =
      tx.QueryOne("SELECT last_serial FROM badge_serials WHERE jurisdiction = ? FOR UPDATE", {j});
  if (!row.ok()) return row.status();
  const int64_t next = NextBadgeSerial((*row)->Int(0));
  auto moved =
      tx.Exec("UPDATE badge_serials SET last_serial = ? WHERE jurisdiction = ?", {next, j});
  if (!moved.ok()) return moved.status();
  return next;
}

absl::Status InsertPermit(db::Transaction& tx, const std::string& j, const std::string& badge,
                          const std::string& person_id, const std::string& issue_date) {
  return tx
      .Exec(
          "INSERT INTO permits (jurisdiction, badge_number, person_id, state, issue_date) "
          "VALUES (?, ?, ?, ?, ?)",
          {j, badge, person_id, static_cast<int>(v1::Permit::VALID), issue_date})
      .status();
}

absl::StatusOr<std::optional<v1::Permit>> GetPermit(db::Transaction& tx, const std::string& j,
                                                    const std::string& badge, bool lock) {
  auto row = tx.QueryOne(absl::StrCat("SELECT ", kPermitColumns,
                                      " FROM permits WHERE jurisdiction = ? AND badge_number = ?",
                                      lock ? " FOR UPDATE" : ""),
                         {j, badge});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::Permit>();
  return std::optional<v1::Permit>(PermitFromRow(j, **row));
}

absl::StatusOr<std::optional<v1::Permit>> ValidPermitOf(db::Transaction& tx, const std::string& j,
                                                        const std::string& person_id) {
  auto row = tx.QueryOne(
      absl::StrCat("SELECT ", kPermitColumns,
                   " FROM permits WHERE jurisdiction = ? AND person_id = ? AND state = ?"),
      {j, person_id, static_cast<int>(v1::Permit::VALID)});
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<v1::Permit>();
  return std::optional<v1::Permit>(PermitFromRow(j, **row));
}

absl::Status RevokePermit(db::Transaction& tx, const std::string& j, const std::string& badge,
                          const std::string& revoke_date, const std::string& reason) {
  return tx
      .Exec(
          "UPDATE permits SET state = ?, revoke_date = ?, revoke_reason = ? WHERE "
          "jurisdiction = ? AND badge_number = ?",
          {static_cast<int>(v1::Permit::REVOKED), revoke_date, reason, j, badge})
      .status();
}

absl::StatusOr<std::vector<v1::Permit>> ListPermits(db::Transaction& tx, const std::string& j,
                                                    const std::string& after_badge, int limit) {
  auto rows = tx.Query(absl::StrCat("SELECT ", kPermitColumns,
                                    " FROM permits WHERE jurisdiction = ? AND badge_number > ? "
                                    "ORDER BY badge_number LIMIT ?"),
                       {j, after_badge, limit});
  if (!rows.ok()) return rows.status();
  std::vector<v1::Permit> out;
  for (const Row& r : *rows) out.push_back(PermitFromRow(j, r));
  return out;
}

}  // namespace auxpro::personnel::store
