#include "tests/support/grading_round_loader.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "libs/common/calendar.h"
#include "libs/db/transaction.h"

namespace auxpro::testing {

namespace {

// Runs `sql` on `pool`; a schema that is not there (nullptr) is skipped.
void Exec(db::ConnectionPool* pool, const std::string& sql) {
  if (pool == nullptr) return;
  absl::Status s = pool->Read([&](db::Transaction& tx) -> absl::Status {
    return tx.Exec(sql).status();
  });
  ASSERT_TRUE(s.ok()) << s.message() << "\n" << sql.substr(0, 400);
}

}  // namespace

std::string RoundPersonId(int n, const std::string& id_prefix) {
  return absl::StrFormat("%s%06d", id_prefix, n);
}

void LoadRoundDistrict(const RoundSchemas& s, const std::string& j, int count,
                       const std::string& prefix) {
  const int year = DateOf(absl::Now()).year();
  const std::string seq = absl::StrCat("seq_1_to_", count);
  const std::string id = absl::StrCat("CONCAT('", prefix, "', LPAD(s.seq, 6, '0'))");
  // personnel: the columns without a default (see services/personnel/migrations).
  Exec(s.personnel,
       absl::StrCat(
           "INSERT INTO persons (jurisdiction, id, full_name, gender, birth_date, "
           "national_id_sealed, national_id_index, national_id_masked, education, mandarin_level, "
           "basic_english, veteran, party_member, former_auxiliary, driving_licence_classes, "
           "smart_device_skill, photo_ref, post_type, unit_id, duty_area, state, agreement_id, "
           "hire_date, background_findings, created_at, updated_at, version, attestations) "
           "SELECT '", j, "', ", id, ", CONCAT('轮次', s.seq), 1, '", year - 38,
           "-01-15', 'sealed', SHA2(CONCAT('", prefix, "', s.seq), 256), "
           "'510100**********0000', 4, 2, 0, 0, 0, 0, 'C1', 1, '', 1, NULL, '', "
           "IF(s.seq % 10 = 9, 4, 3), NULL, '", year - 2,
           "-03-01', '', NOW(6), NOW(6), 1, '1,2,4' FROM ", seq, " s"));
  // grading: the level held (none for n % 4 == 0).
  Exec(s.grading, absl::StrCat("INSERT INTO person_levels (jurisdiction, person_id, level, since, "
                               "version, updated_at) SELECT '",
                               j, "', ", id, ", CASE s.seq % 4 WHEN 1 THEN 5 WHEN 2 THEN 4 "
                               "ELSE 3 END, '",
                               year - 1, "-01-01', 1, NOW(6) FROM ", seq,
                               " s WHERE s.seq % 4 <> 0"));
  // points: the level period of that level with its level points.
  Exec(s.points,
       absl::StrCat("INSERT INTO point_persons (jurisdiction, person_id, balance, entry_count, "
                    "level, level_points, period_start, employed, updated_at) SELECT '",
                    j, "', ", id,
                    ", CASE s.seq % 3 WHEN 0 THEN 15 WHEN 1 THEN 0 ELSE -18 END, 2, "
                    "CASE s.seq % 4 WHEN 0 THEN 0 WHEN 1 THEN 5 WHEN 2 THEN 4 ELSE 3 END, "
                    "CASE s.seq % 3 WHEN 0 THEN 15 WHEN 1 THEN 0 ELSE -18 END, '",
                    year - 1, "-01-01', IF(s.seq % 10 = 9, 0, 1), NOW(6) FROM ", seq, " s"));
  // assessment: the professional exam this year, QUALIFIED last year.
  Exec(s.assessment,
       absl::StrCat("INSERT INTO results (jurisdiction, id, session_id, person_id, item, year, "
                    "attempt, score, passed, created_at) SELECT '",
                    j, "', CONCAT('rr-', s.seq), 's-round', ", id, ", 'PROFESSIONAL_EXAM', ",
                    year, ", 1, 72, 1, NOW(6) FROM ", seq, " s"));
  Exec(s.assessment,
       absl::StrCat("INSERT INTO annual_ratings (jurisdiction, id, person_id, unit_id, year, grade, "
                    "state, updated_at) SELECT '",
                    j, "', CONCAT('ar-', s.seq), ", id, ", 'u-round', ", year - 1,
                    ", 'QUALIFIED', 2, NOW(6) FROM ", seq, " s"));
  // survey: 40 responses (20 for n % 7 == 6) on one day, 90 % satisfied on each rated question.
  const std::string responses = "IF(s.seq % 7 = 6, 20, 40)";
  Exec(s.survey, absl::StrCat("INSERT INTO daily_counts (jurisdiction, person_id, campaign_id, day, "
                              "question, answer, n) SELECT '",
                              j, "', ", id, ", 'c-round', '", year, "-01-10', 0, 0, ", responses,
                              " FROM ", seq, " s"));
  Exec(s.survey,
       absl::StrCat("INSERT INTO daily_counts (jurisdiction, person_id, campaign_id, day, question, "
                    "answer, n) SELECT '",
                    j, "', ", id, ", 'c-round', '", year, "-01-10', q.seq, a.answer, IF(a.answer = 4, ",
                    responses, " * 9 DIV 10, ", responses, " DIV 10) FROM ", seq,
                    " s JOIN seq_1_to_10 q JOIN (SELECT 4 AS answer UNION ALL SELECT 1) a"));
}

}  // namespace auxpro::testing
