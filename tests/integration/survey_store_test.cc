// The survey stores against a real MariaDB: the unique respondent key, and a rate read whose work
// does not grow with the number of responses (counters kept in the submission's transaction).

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/status_macros.h"
#include "libs/service/module.h"
#include "services/survey/responses_store.h"
#include "services/survey/survey_module.h"
#include "tests/support/test_env.h"

namespace auxpro::survey {
namespace {

class SurveyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(2);
    ASSERT_TRUE(service::MigrateModule(*pool_, SurveyModule()).ok());
  }

  // Stores `n` responses about person p-1 in campaign c-1 on one day, respondents from `first`.
  void Insert(int first, int n) {
    absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      for (int i = first; i < first + n; ++i) {
        store::ResponseRow row;
        row.id = absl::StrCat("r-", i);
        row.campaign_id = "c-1";
        row.person_id = "p-1";
        row.badge_number = "WJ00001";
        row.questionnaire_id = "b1-field-v1";
        row.respondent_hash = absl::StrCat(std::string(56, 'a'), absl::Dec(i, absl::kZeroPad8));
        row.submit_date = ToProto(CivilDate{2026, 2, 3});
        row.answers = std::vector<uint32_t>(10, static_cast<uint32_t>(1 + i % 5));
        RETURN_IF_ERROR(store::InsertResponse(tx, "wenjiang", row).status());
      }
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  // The counters read and the handler reads the server did for one rate read.
  struct Work {
    int64_t rows = 0;
    int64_t handler_reads = 0;
    int64_t responses = 0;
  };
  Work ReadRate() {
    Work w;
    absl::Status s = pool_->Read([&](db::Transaction& tx) -> absl::Status {
      auto reads = [&]() -> int64_t {
        auto rows = tx.Query("SHOW SESSION STATUS LIKE 'Handler_read%'");
        int64_t sum = 0;
        if (rows.ok()) {
          for (const auto& r : *rows) sum += std::stoll(r.Str(1));
        }
        return sum;
      };
      const int64_t before = reads();
      ASSIGN_OR_RETURN(auto counts,
                       store::SumCounts(tx, "wenjiang", "p-1", "c-1", {}, {}, &w.rows));
      w.handler_reads = reads() - before;
      w.responses = counts.responses;
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return w;
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
};

TEST_F(SurveyStoreTest, RateReadDoesTheSameWorkWith10And10000Responses) {
  Insert(0, 10);
  const Work ten = ReadRate();
  EXPECT_EQ(ten.responses, 10);
  Insert(10, 9990);
  const Work many = ReadRate();
  EXPECT_EQ(many.responses, 10000);
  EXPECT_EQ(many.rows, ten.rows);
  EXPECT_EQ(many.rows, 1 + 10 * 5);  // the response counter and 5 answers of 10 questions
  EXPECT_EQ(many.handler_reads, ten.handler_reads);
}

TEST_F(SurveyStoreTest, TheSameRespondentTwiceIsAlreadyExists) {
  Insert(0, 1);
  absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
    store::ResponseRow row;
    row.id = "r-other";
    row.campaign_id = "c-1";
    row.person_id = "p-1";
    row.respondent_hash = absl::StrCat(std::string(56, 'a'), absl::Dec(0, absl::kZeroPad8));
    row.submit_date = ToProto(CivilDate{2026, 2, 3});
    row.answers = std::vector<uint32_t>(10, 5);
    return store::InsertResponse(tx, "wenjiang", row).status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace auxpro::survey
