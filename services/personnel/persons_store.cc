#include "services/personnel/persons_store.h"

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
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
using db::LastSegment;
using db::Param;
using db::Row;
using db::SplitList;

constexpr int kProbation = v1::PROBATION;
constexpr int kActive = v1::ACTIVE;

constexpr char kPersonColumns[] =
    "id, full_name, gender, birth_date, national_id_sealed, national_id_masked, education, "
    "mandarin_level, basic_english, veteran, party_member, former_auxiliary, "
    "driving_licence_classes, smart_device_skill, photo_ref, post_type, unit_id, duty_area, state, "
    "agreement_id, hire_date, probation_end_date, exit_date, exit_reason, exit_checklist, "
    "exit_note, background_findings, created_at, updated_at, version, "
    "(SELECT badge_number FROM permits pm WHERE pm.jurisdiction = persons.jurisdiction AND "
    "pm.person_id = persons.id AND pm.state = 1 LIMIT 1), findings_detail, attestations";

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
  if (!r.Str(16).empty()) p.set_unit(UnitName(j, r.Str(16)));
  p.set_duty_area(r.Str(17));
  p.set_state(static_cast<v1::PersonState>(r.Int(18)));
  if (!r.Str(19).empty()) p.set_dispatch_agreement(AgreementName(j, r.Str(19)));
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
  p.set_etag(std::to_string(rec.version));
  if (p.has_hire_date()) {
    p.set_employment_kind(p.dispatch_agreement().empty() ? v1::DIRECT : v1::DISPATCHED);
  }
  if (!r.Str(31).empty()) {
    v1::Person detail;
    if (detail.ParseFromString(absl::HexStringToBytes(r.Str(31)))) {
      *p.mutable_findings() = detail.findings();
      *p.mutable_hiring_steps() = detail.hiring_steps();
      p.set_probation_result(detail.probation_result());
      p.set_probation_evidence_ref(detail.probation_evidence_ref());
      p.set_backbone_post(detail.backbone_post());
      p.set_backbone_monthly_pay_fen(detail.backbone_monthly_pay_fen());
      p.set_forfeited_deposit_fen(detail.forfeited_deposit_fen());
      *p.mutable_past_periods() = detail.past_periods();
      *p.mutable_probation_assessments() = detail.probation_assessments();
    }
  }
  for (auto& a : SplitList(r.Str(32), ',')) {
    int value = 0;
    if (absl::SimpleAtoi(a, &value))
      p.add_attestations(static_cast<common::v1::Attestation>(value));
  }
  return rec;
}

// The record's structured detail, as a Person holding only those fields, hex-encoded: the dated
// findings, the hiring steps, the probation result and its evidence (with the assessment results
// reported for it), the backbone post and its pay, the deposit forfeited on leaving, the closed
// employment periods.
std::string EncodeFindingsDetail(const v1::Person& p) {
  v1::Person detail;
  *detail.mutable_findings() = p.findings();
  *detail.mutable_hiring_steps() = p.hiring_steps();
  detail.set_probation_result(p.probation_result());
  detail.set_probation_evidence_ref(p.probation_evidence_ref());
  detail.set_backbone_post(p.backbone_post());
  detail.set_backbone_monthly_pay_fen(p.backbone_monthly_pay_fen());
  detail.set_forfeited_deposit_fen(p.forfeited_deposit_fen());
  *detail.mutable_past_periods() = p.past_periods();
  *detail.mutable_probation_assessments() = p.probation_assessments();
  if (detail.ByteSizeLong() == 0) return "";
  return absl::BytesToHexString(detail.SerializeAsString());
}

std::string JoinAttestations(const v1::Person& p) {
  std::vector<std::string> out;
  for (int a : p.attestations()) out.push_back(std::to_string(a));
  return absl::StrJoin(out, ",");
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
          Param::NullIfEmpty(LastSegment(p.unit())),
          p.duty_area(),
          static_cast<int>(p.state()),
          Param::NullIfEmpty(LastSegment(p.dispatch_agreement())),
          DateParam(p.hire_date()),
          DateParam(p.probation_end_date()),
          DateParam(p.exit_date()),
          static_cast<int>(p.exit_reason()),
          rec.exit_checklist,
          rec.exit_note,
          JoinFindings(p),
          EncodeFindingsDetail(p),
          JoinAttestations(p)};
}

}  // namespace

absl::StatusOr<PersonRecord> InsertPerson(db::Transaction& tx, const std::string& j,
                                          const PersonRecord& rec,
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
  RETURN_IF_ERROR(
      tx.Exec(
            "INSERT INTO persons (jurisdiction, id, gender, birth_date, national_id_sealed, "
            "national_id_index, national_id_masked, created_at, updated_at, full_name, education, "
            "mandarin_level, basic_english, veteran, party_member, former_auxiliary, "
            "driving_licence_classes, smart_device_skill, photo_ref, post_type, unit_id, "
            "duty_area, "
            "state, agreement_id, hire_date, probation_end_date, exit_date, exit_reason, "
            "exit_checklist, exit_note, background_findings, findings_detail, attestations) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?)",
            params)
          .status());
  PersonRecord written = rec;
  written.person.set_name(PersonName(j, rec.id));
  *written.person.mutable_create_time() = TimestampOf(now);
  *written.person.mutable_update_time() = TimestampOf(now);
  written.version = 1;  // the column's default
  written.person.set_etag("1");
  return written;
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
  if (filter.badge_number) {
    sql +=
        " AND id IN (SELECT person_id FROM permits WHERE jurisdiction = ? AND badge_number = ? AND "
        "state = 1)";
    params.emplace_back(j);
    params.emplace_back(*filter.badge_number);
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

absl::StatusOr<PersonRecord> UpdatePerson(db::Transaction& tx, const std::string& j,
                                          const PersonRecord& rec, absl::Time now) {
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
      "findings_detail = ?, attestations = ?, "
      "updated_at = ?, version = version + 1 WHERE jurisdiction = ? AND id = ? AND version = ?",
      params);
  if (!updated.ok()) return updated.status();
  if (*updated != 1) {
    return absl::AbortedError(absl::StrCat("ETAG_MISMATCH: person ", PersonName(j, rec.id),
                                           " was changed by someone else; read it again"));
  }
  PersonRecord written = rec;
  written.version = rec.version + 1;
  written.person.set_etag(std::to_string(written.version));
  *written.person.mutable_update_time() = TimestampOf(now);
  return written;
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

absl::StatusOr<std::vector<std::string>> ListMemberIds(db::Transaction& tx, const std::string& j) {
  auto rows =
      tx.Query("SELECT id FROM persons WHERE jurisdiction = ? AND state IN (?, ?) ORDER BY id",
               {j, kProbation, kActive});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> ids;
  for (const Row& r : *rows) ids.push_back(r.Str(0));
  return ids;
}

}  // namespace auxpro::personnel::store
