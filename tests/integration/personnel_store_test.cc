// personnel_store against a real MariaDB: the only SQL of the personnel service.

#include "services/personnel/personnel_store.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "absl/time/clock.h"
#include "libs/db/migrations.h"
#include "libs/rpc/module.h"
#include "services/personnel/personnel_module.h"
#include "tests/support/test_env.h"

namespace auxpro::personnel {
namespace {

class PersonnelStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(4);
    ASSERT_TRUE(rpc::MigrateModule(*pool_, PersonnelModule()).ok());
  }

  // Runs `fn` in a transaction and expects it to succeed.
  void InTx(const std::function<absl::Status(db::Transaction&)>& fn) {
    absl::Status s = pool_->Transact(fn);
    ASSERT_TRUE(s.ok()) << s;
  }

  store::PersonRecord Person(const std::string& id, const std::string& name,
                             common::v1::Gender gender, v1::PersonState state) {
    store::PersonRecord rec;
    rec.id = id;
    rec.person.set_full_name(name);
    rec.person.set_gender(gender);
    rec.person.mutable_birth_date()->set_year(1990);
    rec.person.mutable_birth_date()->set_month(2);
    rec.person.mutable_birth_date()->set_day(28);
    rec.person.set_education(common::v1::JUNIOR_COLLEGE);
    rec.person.set_mandarin_level(common::v1::LEVEL_2B);
    rec.person.set_post_type(v1::FIELD);
    rec.person.set_state(state);
    rec.person.add_driving_licence_classes("C1");
    rec.person.add_driving_licence_classes("D");
    rec.person.add_background_findings(common::v1::BAD_CREDIT);
    rec.national_id_sealed = "sealed-" + id;
    rec.national_id_masked = "5101**********0000";
    return rec;
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
  const absl::Time now_ = absl::Now();
};

TEST_F(PersonnelStoreTest, PersonRoundTripsEveryFieldIncludingChineseText) {
  store::PersonRecord rec = Person("p-1", "欧阳娜娜", common::v1::FEMALE, v1::CANDIDATE);
  rec.person.set_duty_area("光华大道一段");
  InTx(
      [&](db::Transaction& tx) { return store::InsertPerson(tx, "wenjiang", rec, "idx-1", now_); });
  InTx([&](db::Transaction& tx) -> absl::Status {
    auto got = store::GetPerson(tx, "wenjiang", "p-1");
    EXPECT_TRUE(got.ok() && got->has_value());
    const v1::Person& p = (*got)->person;
    EXPECT_EQ(p.name(), "jurisdictions/wenjiang/persons/p-1");
    EXPECT_EQ(p.full_name(), "欧阳娜娜");
    EXPECT_EQ(p.duty_area(), "光华大道一段");
    EXPECT_EQ(p.gender(), common::v1::FEMALE);
    EXPECT_EQ(p.birth_date().day(), 28);
    EXPECT_EQ(p.mandarin_level(), common::v1::LEVEL_2B);
    EXPECT_EQ(p.driving_licence_classes_size(), 2);
    EXPECT_EQ(p.driving_licence_classes(1), "D");
    EXPECT_EQ(p.background_findings_size(), 1);
    EXPECT_EQ(p.background_findings(0), common::v1::BAD_CREDIT);
    EXPECT_EQ((*got)->national_id_sealed, "sealed-p-1");
    EXPECT_EQ((*got)->version, 1);
    EXPECT_EQ(p.etag(), "\"1\"");
    return absl::OkStatus();
  });
}

TEST_F(PersonnelStoreTest, UpdateWithStaleVersionIsAbortedAndBumpsVersionOtherwise) {
  store::PersonRecord rec = Person("p-1", "张三", common::v1::MALE, v1::CANDIDATE);
  InTx(
      [&](db::Transaction& tx) { return store::InsertPerson(tx, "wenjiang", rec, "idx-1", now_); });
  rec.version = 1;
  rec.person.set_duty_area("A");
  InTx([&](db::Transaction& tx) { return store::UpdatePerson(tx, "wenjiang", rec, now_); });
  absl::Status stale = pool_->Transact(
      [&](db::Transaction& tx) { return store::UpdatePerson(tx, "wenjiang", rec, now_); });
  EXPECT_TRUE(absl::IsAborted(stale)) << stale;
  InTx([&](db::Transaction& tx) -> absl::Status {
    auto got = store::GetPerson(tx, "wenjiang", "p-1");
    EXPECT_EQ((*got)->version, 2);
    EXPECT_EQ((*got)->person.duty_area(), "A");
    return absl::OkStatus();
  });
}

TEST_F(PersonnelStoreTest, NationalIdIndexIsUniquePerJurisdiction) {
  InTx([&](db::Transaction& tx) {
    return store::InsertPerson(tx, "wenjiang", Person("p-1", "甲", common::v1::MALE, v1::CANDIDATE),
                               "same-index", now_);
  });
  absl::Status dup = pool_->Transact([&](db::Transaction& tx) {
    return store::InsertPerson(tx, "wenjiang", Person("p-2", "乙", common::v1::MALE, v1::CANDIDATE),
                               "same-index", now_);
  });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  InTx([&](db::Transaction& tx) {
    return store::InsertPerson(tx, "haimen", Person("p-2", "乙", common::v1::MALE, v1::CANDIDATE),
                               "same-index", now_);
  });
}

TEST_F(PersonnelStoreTest, ListIsKeysetOrderedFilteredAndScopedToTheJurisdiction) {
  InTx([&](db::Transaction& tx) -> absl::Status {
    for (int i = 1; i <= 5; ++i) {
      auto rec = Person("p-" + std::to_string(i), "人员", common::v1::MALE,
                        i % 2 ? v1::ACTIVE : v1::CANDIDATE);
      if (auto s = store::InsertPerson(tx, "wenjiang", rec, "w" + std::to_string(i), now_); !s.ok())
        return s;
    }
    return store::InsertPerson(tx, "haimen", Person("p-0", "外地", common::v1::MALE, v1::ACTIVE),
                               "h0", now_);
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
    store::PersonFilter active;
    active.state = v1::ACTIVE;
    auto page1 = store::ListPersons(tx, "wenjiang", active, "", 2);
    EXPECT_TRUE(page1.ok());
    EXPECT_EQ(page1->size(), 2u);
    EXPECT_EQ((*page1)[0].id, "p-1");
    EXPECT_EQ((*page1)[1].id, "p-3");
    auto page2 = store::ListPersons(tx, "wenjiang", active, (*page1)[1].id, 2);
    EXPECT_EQ(page2->size(), 1u);
    EXPECT_EQ((*page2)[0].id, "p-5");
    auto all = store::ListPersons(tx, "wenjiang", {}, "", 100);
    EXPECT_EQ(all->size(), 5u);  // haimen's row never shows
    return absl::OkStatus();
  });
}

TEST_F(PersonnelStoreTest, MembersCountOnlyProbationAndActivePerUnitAndGender) {
  InTx([&](db::Transaction& tx) -> absl::Status {
    if (auto s = store::InsertUnit(tx, "wenjiang", "u1", "一中队", now_); !s.ok()) return s;
    const std::vector<std::pair<common::v1::Gender, v1::PersonState>> people = {
        {common::v1::FEMALE, v1::ACTIVE},
        {common::v1::MALE, v1::PROBATION},
        {common::v1::FEMALE, v1::EXITED},
        {common::v1::MALE, v1::CANDIDATE}};
    int i = 0;
    for (auto [gender, state] : people) {
      auto rec = Person("p-" + std::to_string(++i), "人员", gender, state);
      rec.unit_id = "u1";
      if (auto s = store::InsertPerson(tx, "wenjiang", rec, "i" + std::to_string(i), now_); !s.ok())
        return s;
    }
    return absl::OkStatus();
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
    EXPECT_EQ(*store::CountMembers(tx, "wenjiang", ""), 2);
    EXPECT_EQ(*store::CountMembers(tx, "wenjiang", "u1"), 2);
    auto team = store::CountTeam(tx, "wenjiang");
    EXPECT_EQ(team->total, 2);
    EXPECT_EQ(team->female, 1);
    auto unit = store::GetUnit(tx, "wenjiang", "u1");
    EXPECT_EQ((*unit)->member_count(), 2);
    return absl::OkStatus();
  });
}

TEST_F(PersonnelStoreTest, HeadcountLimitsUpsertAndReportCurrentCount) {
  InTx([&](db::Transaction& tx) -> absl::Status {
    if (auto s = store::InsertUnit(tx, "wenjiang", "u1", "一中队", now_); !s.ok()) return s;
    auto rec = Person("p-1", "人员", common::v1::MALE, v1::ACTIVE);
    rec.unit_id = "u1";
    if (auto s = store::InsertPerson(tx, "wenjiang", rec, "i1", now_); !s.ok()) return s;
    if (auto s = store::UpsertHeadcountLimit(tx, "wenjiang", "u1", 5, "doc-1", now_); !s.ok())
      return s;
    if (auto s = store::UpsertHeadcountLimit(tx, "wenjiang", "all", 10, "doc-1", now_); !s.ok())
      return s;
    return store::UpsertHeadcountLimit(tx, "wenjiang", "all", 12, "doc-2", now_);
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
    auto limits = store::ListHeadcountLimits(tx, "wenjiang");
    EXPECT_EQ(limits->size(), 2u);
    EXPECT_EQ((*limits)[0].name(), "jurisdictions/wenjiang/headcountLimits/all");
    EXPECT_EQ((*limits)[0].limit(), 12);
    EXPECT_EQ((*limits)[0].document_ref(), "doc-2");
    EXPECT_EQ((*limits)[0].current_count(), 1);
    EXPECT_EQ((*limits)[1].unit(), "jurisdictions/wenjiang/units/u1");
    EXPECT_EQ((*limits)[1].current_count(), 1);
    return absl::OkStatus();
  });
}

TEST_F(PersonnelStoreTest, BadgeSerialsOnlyGrowAlsoUnderConcurrency) {
  std::vector<int64_t> serials(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
        auto serial = store::TakeNextBadgeSerial(tx, "shanxi");
        if (!serial.ok()) return serial.status();
        serials[t] = *serial;
        return absl::OkStatus();
      });
      EXPECT_TRUE(s.ok()) << s;
    });
  }
  for (auto& t : threads) t.join();
  std::set<int64_t> distinct(serials.begin(), serials.end());
  EXPECT_EQ(distinct.size(), 8u);
  EXPECT_EQ(*distinct.begin(), 1);
  EXPECT_EQ(*distinct.rbegin(), 8);
  // The next take continues above the highest ever taken.
  InTx([&](db::Transaction& tx) -> absl::Status {
    EXPECT_EQ(*store::TakeNextBadgeSerial(tx, "shanxi"), 9);
    EXPECT_EQ(*store::TakeNextBadgeSerial(tx, "wenjiang"), 1);  // per jurisdiction
    return absl::OkStatus();
  });
}

TEST_F(PersonnelStoreTest, TrainingForRulesGroupsByPerson) {
  InTx([&](db::Transaction& tx) -> absl::Status {
    v1::TrainingRecord t;
    t.set_kind(v1::ANNUAL);
    t.set_days(2.5);
    t.set_passed(true);
    t.mutable_start_date()->set_year(2026);
    t.mutable_start_date()->set_month(3);
    t.mutable_start_date()->set_day(1);
    if (auto s = store::InsertTraining(tx, "wenjiang", "p-1", "t-1", t, now_); !s.ok()) return s;
    t.set_kind(v1::PRE_JOB);
    if (auto s = store::InsertTraining(tx, "wenjiang", "p-1", "t-2", t, now_); !s.ok()) return s;
    return store::InsertTraining(tx, "wenjiang", "p-2", "t-3", t, now_);
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
    auto grouped = store::TrainingForRules(tx, "wenjiang", {"p-1", "p-2", "p-3"});
    EXPECT_TRUE(grouped.ok());
    EXPECT_EQ((*grouped)["p-1"].size(), 2u);
    EXPECT_EQ((*grouped)["p-2"].size(), 1u);
    EXPECT_EQ((*grouped).count("p-3"), 0u);
    EXPECT_DOUBLE_EQ((*grouped)["p-1"][0].days, 2.5);
    auto listed = store::ListTraining(tx, "wenjiang", "p-1", "", 10);
    EXPECT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[0].name(), "jurisdictions/wenjiang/persons/p-1/trainingRecords/t-1");
    return absl::OkStatus();
  });
}

}  // namespace
}  // namespace auxpro::personnel
