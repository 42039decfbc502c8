// Who may call what on auxpro.points.v1.Points (DOMAIN.md section 8: points rows), over real mTLS
// with one client certificate per agency kind. The table is written out from DOMAIN.md,
// independently of the proto options it checks.
#include <gtest/gtest.h>

#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "tests/support/access_matrix.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

// Commendations: W establishment office and bureau, R HR company, W via events for services.
// Breaches: W bureau, R office and HR company. Reading the figures: every reader plus services
// (grading reads level points). Corrections follow the recording rows.
const testing::AccessMatrix& PointsMatrix() {
  static const std::set<std::string> kReaders = {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU",
                                                 "HR_COMPANY", "SERVICE"};
  static const std::set<std::string> kCommenders = {"ESTABLISHMENT_OFFICE", "ENFORCEMENT_BUREAU"};
  static const testing::AccessMatrix table{"auxpro.points.v1.Points",
                                           {{"RecordCommendation", kCommenders},
                                            {"RecordBreach", {"ENFORCEMENT_BUREAU"}},
                                            {"ReverseEntry", kCommenders},
                                            {"GetPointBalance", kReaders},
                                            {"ListPointEntries", kReaders},
                                            {"ListPromotionCandidates", kReaders},
                                            {"ListDemotionsDue", kReaders},
                                            {"BatchGetPointBalances", kReaders}}};
  return table;
}

TEST(PointsAccessMatrix, EveryMethodTimesEveryAgencyKind) {
  testing::TestServer server({points::PointsModule(), personnel::PersonnelModule()});
  testing::ExpectAccessMatrix(server, PointsMatrix());
}

}  // namespace
}  // namespace auxpro
