// The personnel stores against a real MariaDB: the only SQL of the personnel service.

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "absl/time/clock.h"
#include "libs/common/status_macros.h"
#include "libs/db/migrations.h"
#include "libs/service/module.h"
#include "services/personnel/organisation_store.h"
#include "services/personnel/permits_rules.h"
#include "services/personnel/permits_store.h"
#include "services/personnel/personnel_module.h"
#include "services/personnel/persons_store.h"
#include "services/personnel/resource_names.h"
#include "services/personnel/training_store.h"
#include "tests/support/test_env.h"

namespace auxpro::personnel {
namespace {

common::v1::Date Date(int year, int month, int day) { return ToProto(CivilDate{year, month, day}); }

class PersonnelStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(4);
    ASSERT_TRUE(service::MigrateModule(*pool_, PersonnelModule()).ok());
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
  InTx([&](db::Transaction& tx) {
    return store::InsertPerson(tx, "wenjiang", rec, "idx-1", now_).status();
  });
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
    EXPECT_EQ(p.etag(), "1");
    return absl::OkStatus();
  });
}

TEST_F(PersonnelStoreTest, UpdateWithStaleVersionIsAbortedAndBumpsVersionOtherwise) {
  store::PersonRecord rec = Person("p-1", "张三", common::v1::MALE, v1::CANDIDATE);
  InTx([&](db::Transaction& tx) {
    return store::InsertPerson(tx, "wenjiang", rec, "idx-1", now_).status();
  });
  rec.version = 1;
  rec.person.set_duty_area("A");
  InTx(
      [&](db::Transaction& tx) { return store::UpdatePerson(tx, "wenjiang", rec, now_).status(); });
  absl::Status stale = pool_->Transact(
      [&](db::Transaction& tx) { return store::UpdatePerson(tx, "wenjiang", rec, now_).status(); });
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
                               "same-index", now_)
        .status();
  });
  absl::Status dup = pool_->Transact([&](db::Transaction& tx) {
    return store::InsertPerson(tx, "wenjiang", Person("p-2", "乙", common::v1::MALE, v1::CANDIDATE),
                               "same-index", now_)
        .status();
  });
  EXPECT_TRUE(absl::IsAlreadyExists(dup)) << dup;
  InTx([&](db::Transaction& tx) {
    return store::InsertPerson(tx, "haimen", Person("p-2", "乙", common::v1::MALE, v1::CANDIDATE),
                               "same-index", now_)
        .status();
  });
}

TEST_F(PersonnelStoreTest, ListIsKeysetOrderedFilteredAndScopedToTheJurisdiction) {
  InTx([&](db::Transaction& tx) -> absl::Status {
    for (int i = 1; i <= 5; ++i) {
      auto rec = Person("p-" + std::to_string(i), "人员", common::v1::MALE,
                        i % 2 ? v1::ACTIVE : v1::CANDIDATE);
      RETURN_IF_ERROR(store::InsertPerson(tx, "wenjiang", rec, "w" + std::to_string(i), now_));
    }
    return store::InsertPerson(tx, "haimen", Person("p-0", "外地", common::v1::MALE, v1::ACTIVE),
                               "h0", now_)
        .status();
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
    RETURN_IF_ERROR(store::InsertUnit(tx, "wenjiang", "u1", "一中队", now_));
    const std::vector<std::pair<common::v1::Gender, v1::PersonState>> people = {
        {common::v1::FEMALE, v1::ACTIVE},
        {common::v1::MALE, v1::PROBATION},
        {common::v1::FEMALE, v1::EXITED},
        {common::v1::MALE, v1::CANDIDATE}};
    int i = 0;
    for (auto [gender, state] : people) {
      auto rec = Person("p-" + std::to_string(++i), "人员", gender, state);
      rec.person.set_unit(UnitName("wenjiang", "u1"));
      RETURN_IF_ERROR(store::InsertPerson(tx, "wenjiang", rec, "i" + std::to_string(i), now_));
    }
    return absl::OkStatus();
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
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
    RETURN_IF_ERROR(store::InsertUnit(tx, "wenjiang", "u1", "一中队", now_));
    auto rec = Person("p-1", "人员", common::v1::MALE, v1::ACTIVE);
    rec.person.set_unit(UnitName("wenjiang", "u1"));
    RETURN_IF_ERROR(store::InsertPerson(tx, "wenjiang", rec, "i1", now_));
    RETURN_IF_ERROR(store::UpsertHeadcountLimit(tx, "wenjiang", "u1", 5, "doc-1", now_));
    RETURN_IF_ERROR(store::UpsertHeadcountLimit(tx, "wenjiang", "all", 10, "doc-1", now_));
    return store::UpsertHeadcountLimit(tx, "wenjiang", "all", 12, "doc-2", now_).status();
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
    auto limits = store::ListHeadcountLimits(tx, "wenjiang", "", 100);
    EXPECT_EQ(limits->size(), 2u);
    // Keyset pages: the jurisdiction-wide limit first, then units.
    auto first = store::ListHeadcountLimits(tx, "wenjiang", "", 1);
    EXPECT_EQ(first->size(), 1u);
    auto rest = store::ListHeadcountLimits(tx, "wenjiang", store::ListKey((*first)[0]), 10);
    EXPECT_EQ(rest->size(), 1u);
    EXPECT_EQ((*rest)[0].unit(), "jurisdictions/wenjiang/units/u1");
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
        ASSIGN_OR_RETURN(int64_t last, store::LockBadgeSerials(tx, "shanxi"));
        serials[t] = NextBadgeSerial(last);
        return store::InsertPermit(tx, "shanxi", "B" + std::to_string(serials[t]), serials[t],
                                   "p-" + std::to_string(t), Date(2026, 1, 5))
            .status();
      });
      EXPECT_TRUE(s.ok()) << s;
    });
  }
  for (auto& t : threads) t.join();
  std::set<int64_t> distinct(serials.begin(), serials.end());
  EXPECT_EQ(distinct.size(), 8u);
  EXPECT_EQ(*distinct.begin(), 1);
  EXPECT_EQ(*distinct.rbegin(), 8);
  // The next issue continues above the highest ever issued, revoked or not.
  InTx([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto held, store::ValidPermitOf(tx, "shanxi", "p-0"));
    EXPECT_TRUE(held.has_value());
    RETURN_IF_ERROR(store::RevokePermit(tx, "shanxi", *held, Date(2026, 2, 1), "exit"));
    EXPECT_EQ(*store::LockBadgeSerials(tx, "shanxi"), 8);
    EXPECT_EQ(*store::LockBadgeSerials(tx, "wenjiang"), 0);  // per jurisdiction
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
    RETURN_IF_ERROR(store::InsertTraining(tx, "wenjiang", "p-1", "t-1", t, now_));
    t.set_kind(v1::PRE_JOB);
    RETURN_IF_ERROR(store::InsertTraining(tx, "wenjiang", "p-1", "t-2", t, now_));
    return store::InsertTraining(tx, "wenjiang", "p-2", "t-3", t, now_).status();
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
