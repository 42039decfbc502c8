#include "services/survey/campaigns_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "services/survey/survey_names.h"

namespace auxpro::survey::store {

namespace {

using db::Param;
using db::Row;

constexpr char kCampaignColumns[] =
    "id, display_name, period_start, period_end, field_questionnaire_id, "
    "office_questionnaire_id, assessment_session, state, creator_kind, creator_agency, "
    "secret_sealed, version";

CampaignRecord CampaignFromRow(const std::string& j, const Row& r) {
  CampaignRecord rec;
  rec.id = r.Str(0);
  v1::Campaign& c = rec.campaign;
  c.set_name(CampaignName(j, rec.id));
  c.set_display_name(r.Str(1));
  if (auto d = db::DateAt(r, 2)) *c.mutable_period_start() = *d;
  if (auto d = db::DateAt(r, 3)) *c.mutable_period_end() = *d;
  c.set_field_questionnaire(QuestionnaireName(r.Str(4)));
  c.set_office_questionnaire(QuestionnaireName(r.Str(5)));
  c.set_assessment_session(r.Str(6));
  c.set_state(static_cast<v1::Campaign::State>(r.Int(7)));
  rec.creator_kind = static_cast<int>(r.Int(8));
  c.set_creator_agency(r.Str(9));
  rec.secret_sealed = r.Str(10);
  c.set_etag(r.Str(11));
  return rec;
}

int64_t NextVersion(const std::string& etag) {
  int64_t v = 0;
  return absl::SimpleAtoi(etag, &v) ? v + 1 : 1;
}

}  // namespace

absl::StatusOr<std::optional<v1::Questionnaire>> GetQuestionnaire(db::Transaction& tx,
                                                                  const std::string& id) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id, post_type, version, source, title, "
                                         "introduction, thanks, scale FROM questionnaires "
                                         "WHERE id = ?",
                                         {id}));
  if (!row) return std::optional<v1::Questionnaire>();
  v1::Questionnaire q;
  q.set_name(QuestionnaireName(row->Str(0)));
  q.set_post_type(static_cast<personnel::v1::PostType>(row->Int(1)));
  q.set_version(static_cast<int32_t>(row->Int(2)));
  q.set_source(row->Str(3));
  q.set_title(row->Str(4));
  q.set_introduction(row->Str(5));
  q.set_thanks(row->Str(6));
  for (const auto& label : absl::StrSplit(row->Str(7), '|')) q.add_scale(std::string(label));
  ASSIGN_OR_RETURN(auto questions,
                   tx.Query("SELECT number, text, rated FROM questionnaire_questions WHERE "
                            "questionnaire_id = ? ORDER BY number",
                            {id}));
  for (const Row& r : questions) {
    v1::Question* question = q.add_questions();
    question->set_number(static_cast<int32_t>(r.Int(0)));
    question->set_text(r.Str(1));
    question->set_rated(r.Bool(2));
  }
  return std::optional<v1::Questionnaire>(std::move(q));
}

absl::StatusOr<std::optional<std::string>> NewestQuestionnaire(db::Transaction& tx, int post_type) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM questionnaires WHERE post_type = ? "
                                         "ORDER BY version DESC LIMIT 1",
                                         {post_type}));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(row->Str(0));
}

absl::StatusOr<CampaignRecord> InsertCampaign(db::Transaction& tx, const std::string& j,
                                              const CampaignRecord& rec,
                                              const std::vector<std::string>& person_ids) {
  const v1::Campaign& c = rec.campaign;
  RETURN_IF_ERROR(tx.Exec(absl::StrCat("INSERT INTO campaigns (jurisdiction, ", kCampaignColumns,
                                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"),
                          {j, rec.id, c.display_name(), db::DateParam(c.period_start()),
                           db::DateParam(c.period_end()), db::LastSegment(c.field_questionnaire()),
                           db::LastSegment(c.office_questionnaire()), c.assessment_session(),
                           static_cast<int>(c.state()), rec.creator_kind, c.creator_agency(),
                           rec.secret_sealed})
                      .status());
  for (const std::string& person_id : person_ids) {
    RETURN_IF_ERROR(tx.Exec("INSERT INTO campaign_auxiliaries (jurisdiction, campaign_id, "
                            "person_id) VALUES (?, ?, ?)",
                            {j, rec.id, person_id})
                        .status());
  }
  CampaignRecord written = rec;
  written.campaign.set_name(CampaignName(j, rec.id));
  written.campaign.set_etag("1");
  return written;
}

absl::StatusOr<std::optional<CampaignRecord>> GetCampaign(db::Transaction& tx, const std::string& j,
                                                          const std::string& id, Lock lock,
                                                          bool with_auxiliaries) {
  std::string sql = absl::StrCat("SELECT ", kCampaignColumns,
                                 " FROM campaigns WHERE jurisdiction = ? AND id = ?");
  if (lock == Lock::kShare) sql += " LOCK IN SHARE MODE";
  if (lock == Lock::kUpdate) sql += " FOR UPDATE";
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(sql, {j, id}));
  if (!row) return std::optional<CampaignRecord>();
  CampaignRecord rec = CampaignFromRow(j, *row);
  if (with_auxiliaries) {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT person_id FROM campaign_auxiliaries WHERE "
                                         "jurisdiction = ? AND campaign_id = ? ORDER BY person_id",
                                         {j, id}));
    for (const Row& r : rows) rec.campaign.add_auxiliaries(PersonName(j, r.Str(0)));
  }
  return std::optional<CampaignRecord>(std::move(rec));
}

absl::StatusOr<std::vector<CampaignRecord>> ListCampaigns(db::Transaction& tx, const std::string& j,
                                                          const std::string& creator_agency,
                                                          const std::string& after, int limit) {
  std::string sql = absl::StrCat("SELECT ", kCampaignColumns,
                                 " FROM campaigns WHERE jurisdiction = ? AND id > ?");
  std::vector<Param> params = {j, after};
  if (!creator_agency.empty()) {
    sql += " AND creator_agency = ?";
    params.emplace_back(creator_agency);
  }
  sql += " ORDER BY id LIMIT ?";
  params.emplace_back(limit);
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<CampaignRecord> out;
  for (const Row& r : rows) out.push_back(CampaignFromRow(j, r));
  return out;
}

absl::StatusOr<CampaignRecord> UpdateCampaignState(db::Transaction& tx, const std::string& j,
                                                   CampaignRecord rec, v1::Campaign::State state) {
  RETURN_IF_ERROR(tx.Exec("UPDATE campaigns SET state = ?, version = version + 1 WHERE "
                          "jurisdiction = ? AND id = ?",
                          {static_cast<int>(state), j, rec.id})
                      .status());
  rec.campaign.set_state(state);
  rec.campaign.set_etag(absl::StrCat(NextVersion(rec.campaign.etag())));
  return rec;
}

absl::StatusOr<CampaignRecord> UpdateCampaignSettings(
    db::Transaction& tx, const std::string& j, CampaignRecord rec,
    const std::optional<std::vector<std::string>>& person_ids) {
  const v1::Campaign& c = rec.campaign;
  RETURN_IF_ERROR(
      tx.Exec("UPDATE campaigns SET display_name = ?, period_start = ?, period_end = ?, "
              "field_questionnaire_id = ?, office_questionnaire_id = ?, version = "
              "version + 1 WHERE jurisdiction = ? AND id = ?",
              {c.display_name(), db::DateParam(c.period_start()), db::DateParam(c.period_end()),
               db::LastSegment(c.field_questionnaire()), db::LastSegment(c.office_questionnaire()),
               j, rec.id})
          .status());
  if (person_ids) {
    RETURN_IF_ERROR(tx.Exec("DELETE FROM campaign_auxiliaries WHERE jurisdiction = ? AND "
                            "campaign_id = ?",
                            {j, rec.id})
                        .status());
    rec.campaign.clear_auxiliaries();
    for (const std::string& person_id : *person_ids) {
      RETURN_IF_ERROR(tx.Exec("INSERT INTO campaign_auxiliaries (jurisdiction, campaign_id, "
                              "person_id) VALUES (?, ?, ?)",
                              {j, rec.id, person_id})
                          .status());
      rec.campaign.add_auxiliaries(PersonName(j, person_id));
    }
  }
  rec.campaign.set_etag(absl::StrCat(NextVersion(rec.campaign.etag())));
  return rec;
}

absl::StatusOr<bool> HasResponses(db::Transaction& tx, const std::string& j,
                                  const std::string& campaign_id) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT 1 FROM responses WHERE jurisdiction = ? AND "
                                         "campaign_id = ? LIMIT 1",
                                         {j, campaign_id}));
  return row.has_value();
}

absl::StatusOr<bool> Covers(db::Transaction& tx, const std::string& j,
                            const std::string& campaign_id, const std::string& person_id,
                            bool lock) {
  std::string sql =
      "SELECT 1 FROM campaign_auxiliaries WHERE jurisdiction = ? AND campaign_id = ? AND "
      "person_id = ?";
  if (lock) sql += " FOR UPDATE";
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(sql, {j, campaign_id, person_id}));
  return row.has_value();
}

}  // namespace auxpro::survey::store
