// The labour-contract, backbone-post and staffing stores against a real MariaDB, and the person
// record's working-life detail (probation result, backbone post, earlier periods) round-tripped.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/time/clock.h"
#include "libs/common/status_macros.h"
#include "libs/policy/testing/policy_test_util.h"
#include "libs/service/module.h"
#include "services/personnel/contracts_rules.h"
#include "services/personnel/contracts_store.h"
#include "services/personnel/personnel_module.h"
#include "services/personnel/persons_store.h"
#include "services/personnel/staffing_store.h"
#include "tests/support/test_env.h"

namespace auxpro::personnel {
namespace {

class PersonnelContractsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = schema_.Pool(4);
    ASSERT_TRUE(service::MigrateModule(*pool_, PersonnelModule()).ok());
  }

  void InTx(const std::function<absl::Status(db::Transaction&)>& fn) {
    absl::Status s = pool_->Transact(fn);
    ASSERT_TRUE(s.ok()) << s;
  }

  store::PersonRecord Active(const std::string& id) {
    store::PersonRecord rec;
    rec.id = id;
    rec.person.set_full_name("合同人员");
    rec.person.set_gender(common::v1::MALE);
    *rec.person.mutable_birth_date() = ToProto(CivilDate{1990, 1, 1});
    rec.person.set_education(common::v1::HIGH_SCHOOL);
    rec.person.set_post_type(v1::FIELD);
    rec.person.set_state(v1::ACTIVE);
    *rec.person.mutable_hire_date() = ToProto(CivilDate{2026, 1, 1});
    rec.national_id_sealed = "sealed-" + id;
    rec.national_id_masked = "5101**********0000";
    return rec;
  }

  testing::ScratchSchema schema_;
  std::unique_ptr<db::ConnectionPool> pool_;
  const absl::Time now_ = absl::Now();
};

TEST_F(PersonnelContractsStoreTest, ContractsRoundTripEndAndStayInTheirJurisdiction) {
  v1::LabourContract c;
  c.set_employer(common::v1::HR_COMPANY);
  *c.mutable_start_date() = ToProto(CivilDate{2026, 1, 1});
  *c.mutable_end_date() = ToProto(CivilDate{2026, 12, 31});
  c.set_min_service_months(24);
  c.set_document_ref("劳动合同〔2026〕1号");
  c.set_state(v1::LabourContract::IN_FORCE);
  InTx([&](db::Transaction& tx) {
    return store::InsertContract(tx, "wenjiang", "p-1", "lc-1", c, now_).status();
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto list, store::ListContracts(tx, "wenjiang", "p-1"));
    EXPECT_EQ(list.size(), 1u);
    EXPECT_EQ(list.at(0).name(), "jurisdictions/wenjiang/persons/p-1/labourContracts/lc-1");
    EXPECT_EQ(list.at(0).min_service_months(), 24);
    EXPECT_EQ(list.at(0).document_ref(), "劳动合同〔2026〕1号");
    ASSIGN_OR_RETURN(auto other, store::ListContracts(tx, "haimen", "p-1"));
    EXPECT_TRUE(other.empty());
    ASSIGN_OR_RETURN(auto ended, DecideContractEnd(list.at(0), {2026, 6, 30}, "辞职"));
    return store::UpdateContractEnd(tx, "wenjiang", "p-1", ended).status();
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto got, store::GetContract(tx, "wenjiang", "p-1", "lc-1"));
    EXPECT_TRUE(got.has_value());
    EXPECT_EQ(got->state(), v1::LabourContract::ENDED);
    EXPECT_EQ(got->end_date().month(), 6);
    EXPECT_EQ(got->end_reason(), "辞职");
    return absl::OkStatus();
  });
}

TEST_F(PersonnelContractsStoreTest, WorkingLifeDetailOfThePersonRoundTrips) {
  store::PersonRecord rec = Active("p-2");
  rec.person.set_probation_result(v1::PROBATION_PASSED);
  rec.person.set_probation_evidence_ref("首次集中考核");
  rec.person.set_backbone_post(v1::LEADER);
  rec.person.set_backbone_monthly_pay_fen(55000);
  auto* past = rec.person.add_past_periods();
  *past->mutable_hire_date() = ToProto(CivilDate{2020, 3, 1});
  past->set_exit_reason(v1::RESIGNATION);
  InTx([&](db::Transaction& tx) {
    return store::InsertPerson(tx, "wenjiang", rec, "idx-2", now_).status();
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(auto got, store::GetPerson(tx, "wenjiang", "p-2"));
    EXPECT_TRUE(got.has_value());
    const v1::Person& p = got->person;
    EXPECT_EQ(p.probation_result(), v1::PROBATION_PASSED);
    EXPECT_EQ(p.probation_evidence_ref(), "首次集中考核");
    EXPECT_EQ(p.backbone_post(), v1::LEADER);
    EXPECT_EQ(p.backbone_monthly_pay_fen(), 55000);
    EXPECT_EQ(p.past_periods_size(), 1);
    EXPECT_EQ(p.past_periods(0).exit_reason(), v1::RESIGNATION);
    return absl::OkStatus();
  });
}

TEST_F(PersonnelContractsStoreTest, StaffingFloorsBackbonePostsAndEstablishedStaffUpsert) {
  InTx([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(int none, store::GetEstablishedStaff(tx, "longquan"));
    EXPECT_EQ(none, 0);
    RETURN_IF_ERROR(store::UpsertEstablishedStaff(tx, "longquan", 40, "编", now_));
    RETURN_IF_ERROR(store::UpsertEstablishedStaff(tx, "longquan", 42, "编2", now_));
    RETURN_IF_ERROR(store::UpsertStaffingFloor(tx, "haimen", "u1", {170, "annex 1"}, now_));
    RETURN_IF_ERROR(store::UpsertStaffingFloor(tx, "haimen", "u1", {150, "海编"}, now_));
    RETURN_IF_ERROR(store::SetBackbonePosts(tx, "longquan", "u1", {1, 2}, now_));
    return absl::OkStatus();
  });
  InTx([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(int staff, store::GetEstablishedStaff(tx, "longquan"));
    EXPECT_EQ(staff, 42);
    ASSIGN_OR_RETURN(auto floors, store::ListStaffingFloors(tx, "haimen"));
    EXPECT_EQ(floors.size(), 1u);
    EXPECT_EQ(floors["u1"].minimum, 150);
    ASSIGN_OR_RETURN(auto none, store::ListStaffingFloors(tx, "longquan"));
    EXPECT_TRUE(none.empty());
    ASSIGN_OR_RETURN(auto posts, store::GetBackbonePosts(tx, "longquan", "u1"));
    EXPECT_TRUE(posts.has_value());
    EXPECT_EQ(posts->deputy_posts, 2);
    ASSIGN_OR_RETURN(auto other, store::GetBackbonePosts(tx, "haimen", "u1"));
    EXPECT_FALSE(other.has_value());
    return absl::OkStatus();
  });
}

// The invariant the handler keeps: with the person's row locked, two overlapping contracts
// recorded at once never both land.
TEST_F(PersonnelContractsStoreTest, ConcurrentOverlappingContractsOneLands) {
  InTx([&](db::Transaction& tx) {
    return store::InsertPerson(tx, "shanxi", Active("p-3"), "idx-3", now_).status();
  });
  const policy::v1::Policy& policy = policy::testutil::Preset("shanxi");
  std::atomic<int> landed{0}, refused{0};
  auto attempt = [&](int k) {
    absl::Status s = pool_->Transact([&](db::Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(auto rec, store::GetPerson(tx, "shanxi", "p-3", /*lock=*/true));
      ASSIGN_OR_RETURN(auto existing, store::ListContracts(tx, "shanxi", "p-3"));
      v1::LabourContract c;
      *c.mutable_start_date() = ToProto(CivilDate{2026, 1, 1 + k});
      *c.mutable_end_date() = ToProto(CivilDate{2026, 12, 31});
      ASSIGN_OR_RETURN(auto decided,
                       DecideContract(policy, {rec->person, c, existing, std::nullopt}));
      return store::InsertContract(tx, "shanxi", "p-3", "lc-" + std::to_string(k), decided, now_)
          .status();
    });
    (s.ok() ? landed : refused)++;
  };
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) threads.emplace_back(attempt, k);
  for (auto& t : threads) t.join();
  EXPECT_EQ(landed.load(), 1);
  EXPECT_EQ(refused.load(), 3);
}

}  // namespace
}  // namespace auxpro::personnel
