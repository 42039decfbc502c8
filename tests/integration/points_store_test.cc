// The points store against a real MariaDB: figures at a past date come from the running totals
// by effective date, equal the sum of the entries effective by then (backdated entries included),
// and cost one indexed row however long the person's ledger.

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/db/columns.h"
#include "libs/service/module.h"
#include "services/points/ledger_store.h"
#include "services/points/points_module.h"
#include "tests/support/test_env.h"

namespace auxpro::points {
namespace {

common::v1::Date Day(int y, int m, int d) { return ToProto(CivilDate{y, m, d}); }

class PointsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(2);
    ASSERT_TRUE(service::MigrateModule(*pool_, PointsModule()).ok());
  }

  // Posts `amounts` for person p-1, the i-th effective on `dates[i % dates.size()]`.
  void Post(const std::vector<int>& amounts, const std::vector<common::v1::Date>& dates) {
    absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(store::Figures figures,
                       store::LockPerson(tx, "wenjiang", "p-1", absl::Now()));
      for (size_t i = 0; i < amounts.size(); ++i) {
        store::NewEntry e;
        e.posting.kind = amounts[i] > 0 ? v1::COMMENDATION : v1::BREACH;
        e.posting.rule_code = "TEST";
        e.posting.amount = e.posting.rule_amount = amounts[i];
        e.reason = "test";
        e.deciding_agency = "wenjiang-bureau";
        e.actor = "tester";
        e.effective_date = dates[i % dates.size()];
        e.request_id = absl::StrCat("rq-", next_++);
        RETURN_IF_ERROR(
            store::AppendEntry(tx, "wenjiang", "p-1", e, figures, absl::Now()).status());
      }
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  // FiguresOn, and the handler reads the server did for it.
  std::pair<store::FiguresAt, int64_t> On(const common::v1::Date& date) {
    store::FiguresAt at;
    int64_t reads = 0;
    absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
      auto count = [&]() -> int64_t {
        auto rows = tx.Query("SHOW SESSION STATUS LIKE 'Handler_read%'");
        int64_t sum = 0;
        if (rows.ok()) {
          for (const auto& r : *rows) sum += std::stoll(r.Str(1));
        }
        return sum;
      };
      const int64_t before = count();
      ASSIGN_OR_RETURN(at, store::FiguresOn(tx, "wenjiang", "p-1", date));
      reads = count() - before;
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return {at, reads};
  }

  // The sum and count of the entries effective on or before `date`, summed by the database.
  std::pair<int64_t, int64_t> Sum(const common::v1::Date& date) {
    std::pair<int64_t, int64_t> out;
    absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM "
                                             "point_entries WHERE effective_date <= ?",
                                             {db::DateParam(date)}));
      out = {row->Int(0), row->Int(1)};
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
  int next_ = 0;
};

TEST_F(PointsStoreTest, FiguresAtAPastDateAreTheEntriesEffectiveByThenBackdatedOnesIncluded) {
  Post({5, -3, 2}, {Day(2026, 3, 1), Day(2026, 5, 1), Day(2026, 7, 1)});
  // Posted later, effective earlier: between the first two and before all.
  Post({4}, {Day(2026, 4, 1)});
  Post({-1}, {Day(2026, 1, 15)});
  Post({10}, {Day(2026, 5, 1)});  // a second entry on a day that has one
  for (const auto& d : {Day(2026, 1, 1), Day(2026, 1, 15), Day(2026, 3, 31), Day(2026, 4, 1),
                        Day(2026, 5, 1), Day(2026, 6, 30), Day(2026, 12, 31)}) {
    const auto [sum, count] = Sum(d);
    const auto [at, reads] = On(d);
    EXPECT_EQ(at.balance, sum) << d.month() << "-" << d.day();
    EXPECT_EQ(at.entry_count, count) << d.month() << "-" << d.day();
  }
  EXPECT_EQ(On(Day(2026, 12, 31)).first.balance, 5 - 3 + 2 + 4 - 1 + 10);
}

TEST_F(PointsStoreTest, BalanceAtAPastDateDoesTheSameWorkWith10And10000Entries) {
  std::vector<common::v1::Date> days;
  for (int m = 1; m <= 12; ++m) days.push_back(Day(2025, m, 10));
  Post(std::vector<int>(10, 1), days);
  On(Day(2025, 6, 30));  // the first read of a table also reads its definition
  const auto ten = On(Day(2025, 6, 30));
  Post(std::vector<int>(9990, 1), days);
  const auto many = On(Day(2025, 6, 30));
  EXPECT_EQ(many.first.balance, Sum(Day(2025, 6, 30)).first);
  EXPECT_GT(many.first.balance, ten.first.balance * 100);
  EXPECT_EQ(many.second, ten.second) << "handler reads grew with the ledger";
}

}  // namespace
}  // namespace auxpro::points
