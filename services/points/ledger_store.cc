#include "services/points/ledger_store.h"

#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/service/batch.h"
#include "libs/db/columns.h"

namespace auxpro::points::store {

using db::DateAt;
using db::DateParam;
using db::Param;
using db::Row;

namespace {

constexpr char kEntryColumns[] =
    "seq, id, person_id, kind, rule_code, amount, rule_amount, not_counted, matter_id, reason, "
    "deciding_agency, actor, evidence_ref, effective_date, request_id, reverses_id, body, level, "
    "in_own_name, balance_after, created_at, matter_group";

std::string KeyOf(int64_t seq) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(seq));
  return buf;
}

v1::PointEntry EntryOf(const std::string& j, const Row& r) {
  v1::PointEntry e;
  e.set_name(EntryName(j, r.Str(2), r.Str(1)));
  e.set_kind(static_cast<v1::EntryKind>(r.Int(3)));
  e.set_rule_code(r.Str(4));
  e.set_amount(static_cast<int>(r.Int(5)));
  e.set_rule_amount(static_cast<int>(r.Int(6)));
  e.set_not_counted(static_cast<v1::NotCounted>(r.Int(7)));
  e.set_matter_id(r.Str(8));
  e.set_reason(r.Str(9));
  e.set_deciding_agency(r.Str(10));
  e.set_actor(r.Str(11));
  e.set_evidence_ref(r.Str(12));
  if (auto d = DateAt(r, 13)) *e.mutable_effective_date() = *d;
  e.set_request_id(r.Str(14));
  if (!r.IsNull(15)) e.set_reverses(EntryName(j, r.Str(2), r.Str(15)));
  e.set_body(static_cast<common::v1::CommendationBody>(r.Int(16)));
  e.set_level(static_cast<common::v1::CommendationLevel>(r.Int(17)));
  e.set_in_own_name(r.Bool(18));
  e.set_balance_after(static_cast<int>(r.Int(19)));
  *e.mutable_create_time() = TimestampFromSql(r.Str(20));
  return e;
}

Figures FiguresOf(const Row& r) {
  Figures f;
  f.balance = static_cast<int>(r.Int(0));
  f.entry_count = r.Int(1);
  f.level = static_cast<int>(r.Int(2));
  f.level_points = static_cast<int>(r.Int(3));
  f.period_start = DateAt(r, 4);
  f.employed = r.Bool(5);
  return f;
}

constexpr char kFigureColumns[] =
    "balance, entry_count, level, level_points, period_start, employed";

}  // namespace

std::string PersonName(const std::string& j, const std::string& person_id) {
  return absl::StrCat("jurisdictions/", j, "/persons/", person_id);
}
std::string EntryName(const std::string& j, const std::string& person_id, const std::string& id) {
  return absl::StrCat(PersonName(j, person_id), "/pointEntries/", id);
}
std::string BalanceName(const std::string& j, const std::string& person_id) {
  return absl::StrCat(PersonName(j, person_id), "/pointBalance");
}

absl::StatusOr<Figures> LockPerson(db::Transaction& tx, const std::string& j,
                                   const std::string& person_id, absl::Time now) {
  const std::string lock = absl::StrCat("SELECT ", kFigureColumns,
                                        " FROM point_persons WHERE jurisdiction = ? AND "
                                        "person_id = ? FOR UPDATE");
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(lock, {j, person_id}));
  if (row) return FiguresOf(*row);
  // First sight: create the row (a concurrent twin's insert is ignored), then lock it. The
  // existing-row path above takes only the exclusive lock, so postings never deadlock on it.
  RETURN_IF_ERROR(tx.Exec("INSERT IGNORE INTO point_persons (jurisdiction, person_id, updated_at) "
                          "VALUES (?, ?, ?)",
                          {j, person_id, TimeToSql(now)})
                      .status());
  ASSIGN_OR_RETURN(row, tx.QueryOne(lock, {j, person_id}));
  if (!row) return absl::InternalError("point_persons row vanished");
  return FiguresOf(*row);
}

absl::StatusOr<std::optional<Figures>> GetFigures(db::Transaction& tx, const std::string& j,
                                                  const std::string& person_id) {
  ASSIGN_OR_RETURN(auto row, tx.QueryOne(absl::StrCat("SELECT ", kFigureColumns,
                                                      " FROM point_persons WHERE jurisdiction = ? "
                                                      "AND person_id = ?"),
                                         {j, person_id}));
  if (!row) return std::optional<Figures>();
  return std::optional<Figures>(FiguresOf(*row));
}

absl::StatusOr<std::map<std::string, Figures>> GetFiguresOf(db::Transaction& tx,
                                                           const std::string& j,
                                                           const std::vector<std::string>& ids) {
  std::map<std::string, Figures> out;
  const std::string sql =
      absl::StrCat("SELECT person_id, ", kFigureColumns,
                   " FROM point_persons WHERE jurisdiction = ? AND person_id IN (",
                   service::ChunkPlaceholders(), ")");
  RETURN_IF_ERROR(service::ForEachChunk(ids, [&](std::vector<Param> chunk) -> absl::Status {
    chunk.insert(chunk.begin(), Param(j));
    ASSIGN_OR_RETURN(auto rows, tx.Query(sql, chunk));
    for (const Row& r : rows) {
      // The figure columns follow the id: read them as FiguresOf does, shifted by one.
      Figures f;
      f.balance = static_cast<int>(r.Int(1));
      f.entry_count = r.Int(2);
      f.level = static_cast<int>(r.Int(3));
      f.level_points = static_cast<int>(r.Int(4));
      f.period_start = DateAt(r, 5);
      f.employed = r.Bool(6);
      out.emplace(r.Str(0), f);
    }
    return absl::OkStatus();
  }));
  return out;
}

namespace {

// The person's totals through `date` (entries effective on or before it): one indexed row.
absl::StatusOr<std::pair<int, int64_t>> TotalsThrough(db::Transaction& tx, const std::string& j,
                                                      const std::string& person_id,
                                                      const common::v1::Date& date,
                                                      bool inclusive) {
  ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne(absl::StrCat("SELECT through_balance, through_count FROM "
                               "point_daily_totals WHERE jurisdiction = ? AND "
                               "person_id = ? AND effective_date ",
                               inclusive ? "<=" : "<", " ? ORDER BY effective_date DESC LIMIT 1"),
                  {j, person_id, DateParam(date)}));
  if (!row) return std::pair<int, int64_t>{0, 0};
  return std::pair<int, int64_t>{static_cast<int>(row->Int(0)), row->Int(1)};
}

// Counts an entry of `amount` effective on `date` in the running totals (the caller holds the
// person's lock): the day's row, and every later day's.
absl::Status AddToDailyTotals(db::Transaction& tx, const std::string& j,
                              const std::string& person_id, const common::v1::Date& date,
                              int amount) {
  ASSIGN_OR_RETURN(auto before, TotalsThrough(tx, j, person_id, date, /*inclusive=*/false));
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO point_daily_totals (jurisdiction, person_id, "
              "effective_date, through_balance, through_count) VALUES (?, ?, ?, ?, ?) "
              "ON DUPLICATE KEY UPDATE through_balance = through_balance + ?, "
              "through_count = through_count + 1",
              {j, person_id, DateParam(date), before.first + amount, before.second + 1, amount})
          .status());
  return tx
      .Exec(
          "UPDATE point_daily_totals SET through_balance = through_balance + ?, through_count = "
          "through_count + 1 WHERE jurisdiction = ? AND person_id = ? AND effective_date > ?",
          {amount, j, person_id, DateParam(date)})
      .status();
}

}  // namespace

absl::StatusOr<v1::PointEntry> AppendEntry(db::Transaction& tx, const std::string& j,
                                           const std::string& person_id, const NewEntry& entry,
                                           Figures& figures, absl::Time now) {
  const Posting& p = entry.posting;
  const std::string id = NewId("e");
  const int balance_after = figures.balance + p.amount;
  RETURN_IF_ERROR(
      tx.Exec("INSERT INTO point_entries (jurisdiction, id, person_id, kind, rule_code, amount, "
              "rule_amount, not_counted, matter_id, matter_group, reason, deciding_agency, actor, "
              "evidence_ref, effective_date, request_id, reverses_id, body, level, in_own_name, "
              "balance_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?, ?, ?, ?, ?, ?)",
              {j,
               id,
               person_id,
               static_cast<int>(p.kind),
               p.rule_code,
               p.amount,
               p.rule_amount,
               static_cast<int>(p.not_counted),
               entry.matter_id,
               p.matter_group,
               entry.reason,
               entry.deciding_agency,
               entry.actor,
               entry.evidence_ref,
               DateParam(entry.effective_date),
               entry.request_id,
               Param::NullIfEmpty(entry.reverses_id),
               static_cast<int>(entry.body),
               static_cast<int>(entry.level),
               entry.in_own_name,
               balance_after,
               TimeToSql(now)})
          .status());
  RETURN_IF_ERROR(AddToDailyTotals(tx, j, person_id, entry.effective_date, p.amount));
  figures.balance = balance_after;
  figures.level_points += p.amount;
  figures.entry_count += 1;
  RETURN_IF_ERROR(
      tx.Exec("UPDATE point_persons SET balance = ?, level_points = ?, entry_count = ?, "
              "updated_at = ? WHERE jurisdiction = ? AND person_id = ?",
              {figures.balance, figures.level_points, figures.entry_count, TimeToSql(now), j,
               person_id})
          .status());
  v1::PointEntry out;
  out.set_name(EntryName(j, person_id, id));
  out.set_kind(p.kind);
  out.set_rule_code(p.rule_code);
  out.set_amount(p.amount);
  out.set_rule_amount(p.rule_amount);
  out.set_not_counted(p.not_counted);
  out.set_matter_id(entry.matter_id);
  out.set_reason(entry.reason);
  out.set_deciding_agency(entry.deciding_agency);
  out.set_actor(entry.actor);
  out.set_evidence_ref(entry.evidence_ref);
  *out.mutable_effective_date() = entry.effective_date;
  out.set_request_id(entry.request_id);
  if (!entry.reverses_id.empty()) out.set_reverses(EntryName(j, person_id, entry.reverses_id));
  out.set_body(entry.body);
  out.set_level(entry.level);
  out.set_in_own_name(entry.in_own_name);
  out.set_balance_after(balance_after);
  // DATETIME(6) keeps microseconds: the same value a later read returns.
  *out.mutable_create_time() = TimestampFromSql(TimeToSql(now));
  return out;
}

absl::StatusOr<MatterFacts> MatterOf(db::Transaction& tx, const std::string& j,
                                     const std::string& person_id, const std::string& matter_id,
                                     const std::string& group) {
  // Both figures in one statement (one round trip inside the posting's transaction).
  ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne("SELECT (SELECT COALESCE(SUM(amount), 0) FROM point_entries "
                  "WHERE jurisdiction = ? AND person_id = ? AND "
                  "matter_id = ? AND matter_group = ?), "
                  "(SELECT COALESCE(MAX(e.rule_amount), 0) FROM point_entries e WHERE "
                  "e.jurisdiction = ? AND e.person_id = ? AND e.matter_id = ? AND "
                  "e.matter_group = ? AND e.kind = ? AND e.not_counted IN (0, ?) AND NOT EXISTS "
                  "(SELECT 1 FROM point_entries r WHERE r.jurisdiction = e.jurisdiction AND "
                  "r.reverses_id = e.id))",
                  {j, person_id, matter_id, group, j, person_id, matter_id, group,
                   static_cast<int>(v1::COMMENDATION),
                   static_cast<int>(v1::MATTER_ALREADY_COUNTED)}));
  MatterFacts f;
  f.posted_sum = row ? static_cast<int>(row->Int(0)) : 0;
  f.highest_rule_amount = row ? static_cast<int>(row->Int(1)) : 0;
  return f;
}

absl::StatusOr<std::optional<EntryRecord>> GetEntry(db::Transaction& tx, const std::string& j,
                                                    const std::string& person_id,
                                                    const std::string& id) {
  ASSIGN_OR_RETURN(auto row,
                   tx.QueryOne(absl::StrCat("SELECT ", kEntryColumns,
                                            " FROM point_entries WHERE jurisdiction = ? AND "
                                            "person_id = ? AND id = ?"),
                               {j, person_id, id}));
  if (!row) return std::optional<EntryRecord>();
  EntryRecord rec;
  rec.entry = EntryOf(j, *row);
  rec.matter_group = row->Str(21);
  ASSIGN_OR_RETURN(auto rev, tx.QueryOne("SELECT id FROM point_entries WHERE jurisdiction = ? AND "
                                         "reverses_id = ?",
                                         {j, id}));
  if (rev) rec.reversed_by = EntryName(j, person_id, rev->Str(0));
  return std::optional<EntryRecord>(std::move(rec));
}

absl::StatusOr<std::vector<ListedEntry>> ListEntries(db::Transaction& tx, const std::string& j,
                                                     const std::string& person_id,
                                                     const EntryFilter& filter,
                                                     const std::string& after_key, int limit) {
  int64_t after = 0;
  if (!after_key.empty() && !absl::SimpleAtoi(after_key, &after)) {
    return absl::InvalidArgumentError("page_token: malformed");
  }
  std::string sql = absl::StrCat("SELECT ", kEntryColumns,
                                 " FROM point_entries WHERE jurisdiction = ? AND person_id = ? "
                                 "AND seq > ?");
  std::vector<Param> params = {j, person_id, after};
  if (!filter.rule_code.empty()) {
    sql += " AND rule_code = ?";
    params.emplace_back(filter.rule_code);
  }
  if (!filter.matter_id.empty()) {
    sql += " AND matter_id = ?";
    params.emplace_back(filter.matter_id);
  }
  if (filter.kind != 0) {
    sql += " AND kind = ?";
    params.emplace_back(filter.kind);
  }
  sql += " ORDER BY seq LIMIT ?";
  params.emplace_back(limit);
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<ListedEntry> out;
  for (const Row& r : rows) out.push_back({KeyOf(r.Int(0)), EntryOf(j, r)});
  return out;
}

absl::StatusOr<std::vector<v1::PointEntry>> PeriodEntries(db::Transaction& tx, const std::string& j,
                                                          const std::string& person_id, int limit) {
  // The period began after the last entry posted before its LevelChanged event.
  ASSIGN_OR_RETURN(auto start, tx.QueryOne("SELECT COALESCE(MAX(seq), 0) FROM point_level_periods "
                                           "WHERE jurisdiction = ? AND person_id = ?",
                                           {j, person_id}));
  const int64_t period_seq = start ? start->Int(0) : 0;
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(absl::StrCat("SELECT ", kEntryColumns,
                            " FROM point_entries e WHERE e.jurisdiction = ? AND e.person_id = ? "
                            "AND e.seq > (SELECT COALESCE(MAX(p.after_entry), 0) FROM "
                            "point_level_periods p WHERE p.jurisdiction = e.jurisdiction AND "
                            "p.person_id = e.person_id AND p.seq = ?) ORDER BY e.seq LIMIT ?"),
               {j, person_id, period_seq, limit}));
  std::vector<v1::PointEntry> out;
  for (const Row& r : rows) out.push_back(EntryOf(j, r));
  return out;
}

absl::Status StartPeriod(db::Transaction& tx, const std::string& j, const std::string& person_id,
                         int level, const common::v1::Date& start_date, const std::string& cause,
                         const std::string& event_id, Figures& figures, bool employed,
                         absl::Time now) {
  ASSIGN_OR_RETURN(auto last, tx.QueryOne("SELECT COALESCE(MAX(seq), 0) FROM point_entries WHERE "
                                          "jurisdiction = ? AND person_id = ?",
                                          {j, person_id}));
  RETURN_IF_ERROR(tx.Exec("INSERT INTO point_level_periods (jurisdiction, person_id, start_date, "
                          "level, cause, event_id, after_entry) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          {j, person_id, DateParam(start_date), level, cause, event_id,
                           last ? last->Int(0) : int64_t{0}})
                      .status());
  figures.level = level;
  figures.level_points = 0;
  figures.period_start = start_date;
  figures.employed = employed;
  return tx
      .Exec(
          "UPDATE point_persons SET level = ?, level_points = 0, period_start = ?, employed = ?, "
          "updated_at = ? WHERE jurisdiction = ? AND person_id = ?",
          {level, DateParam(start_date), employed, TimeToSql(now), j, person_id})
      .status();
}

absl::StatusOr<FiguresAt> FiguresOn(db::Transaction& tx, const std::string& j,
                                    const std::string& person_id, const common::v1::Date& date) {
  FiguresAt out;
  ASSIGN_OR_RETURN(auto through, TotalsThrough(tx, j, person_id, date, /*inclusive=*/true));
  out.balance = through.first;
  out.entry_count = through.second;
  ASSIGN_OR_RETURN(auto period,
                   tx.QueryOne("SELECT level, start_date FROM point_level_periods WHERE "
                               "jurisdiction = ? AND person_id = ? AND start_date <= ? ORDER BY "
                               "start_date DESC, seq DESC LIMIT 1",
                               {j, person_id, DateParam(date)}));
  if (!period) {
    out.level_points = out.balance;
    return out;
  }
  out.level = static_cast<int>(period->Int(0));
  out.period_start = DateAt(*period, 1);
  ASSIGN_OR_RETURN(auto before_period,
                   TotalsThrough(tx, j, person_id, *out.period_start, /*inclusive=*/false));
  out.level_points = out.balance - before_period.first;
  return out;
}

absl::StatusOr<bool> InsertRating(db::Transaction& tx, const std::string& j,
                                  const std::string& person_id, const RatingYear& rating,
                                  const std::string& rating_name) {
  ASSIGN_OR_RETURN(
      int64_t n, tx.Exec("INSERT IGNORE INTO point_annual_ratings (jurisdiction, "
                         "person_id, year, top_grade, level, rating) VALUES (?, ?, "
                         "?, ?, ?, ?)",
                         {j, person_id, rating.year, rating.top_grade, rating.level, rating_name}));
  return n == 1;
}

absl::StatusOr<std::vector<RatingYear>> Ratings(db::Transaction& tx, const std::string& j,
                                                const std::string& person_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT year, top_grade, level FROM point_annual_ratings "
                                       "WHERE jurisdiction = ? AND person_id = ? ORDER BY year",
                                       {j, person_id}));
  std::vector<RatingYear> out;
  for (const Row& r : rows) {
    out.push_back({static_cast<int>(r.Int(0)), r.Bool(1), static_cast<int>(r.Int(2))});
  }
  return out;
}

std::string YearMatter(int year) { return absl::StrCat("year:", year); }

int YearOfMatter(const std::string& matter_id) {
  int year = 0;
  if (matter_id.rfind("year:", 0) == 0) (void)absl::SimpleAtoi(matter_id.substr(5), &year);
  return year;
}

absl::StatusOr<std::vector<int>> YearsPosted(db::Transaction& tx, const std::string& j,
                                             const std::string& person_id,
                                             const std::string& rule_code) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT e.matter_id FROM point_entries e WHERE e.jurisdiction = ? AND "
               "e.person_id = ? AND e.rule_code = ? AND e.kind IN (?, ?) AND NOT EXISTS (SELECT 1 "
               "FROM point_entries r WHERE r.jurisdiction = e.jurisdiction AND r.reverses_id = "
               "e.id)",
               {j, person_id, rule_code, static_cast<int>(v1::ANNUAL_TOP_GRADE),
                static_cast<int>(v1::NO_TOP_GRADE)}));
  std::vector<int> out;
  for (const Row& r : rows) out.push_back(YearOfMatter(r.Str(0)));
  return out;
}

absl::StatusOr<std::vector<Crossing>> ListCrossings(db::Transaction& tx, const std::string& j,
                                                    bool at_most, int threshold, int from_level,
                                                    const std::string& after_id, int limit) {
  std::string sql = absl::StrCat("SELECT ", kFigureColumns,
                                 ", person_id FROM point_persons WHERE jurisdiction = ? AND "
                                 "employed AND person_id > ? AND ");
  std::vector<Param> params = {j, after_id};
  if (at_most) {
    sql += "level_points <= ? AND level >= 1 AND level <= ?";
    params.emplace_back(threshold);
    params.emplace_back(from_level);
  } else {
    sql += "level_points >= ?";
    params.emplace_back(threshold);
  }
  sql += " ORDER BY person_id LIMIT ?";
  params.emplace_back(limit);
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<Crossing> out;
  for (const Row& r : rows) out.push_back({r.Str(6), FiguresOf(r)});
  return out;
}

}  // namespace auxpro::points::store
