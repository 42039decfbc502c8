// DOMAIN.md section 7 example 1 end to end in one process: all five services co-located (as
// --target=all), each with its own database user, over mTLS. Hiring, level 5 by the bureau and
// the HR company jointly (filed), level 4 by the establishment office's result notice (the level
// unchanged at publication, changed once by the office's sweep after the objection period), the
// level-3 check failing on exactly level points and satisfaction, and the demotion back to level 5,
// each step by the agency that must take it and refused for the others
// (tests/support/grading_walk).
#include <gtest/gtest.h>

#include "services/assessment/assessment_module.h"
#include "services/grading/grading_module.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/grading_walk.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

TEST(GradingWalkOneProcess, Example1FromHiringToLevel4AndADemotionBack) {
  testing::TestServerOptions options;
  options.per_service_users = true;
  testing::TestServer server({personnel::PersonnelModule(), points::PointsModule(),
                              assessment::AssessmentModule(), survey::SurveyModule(),
                              grading::GradingModule()},
                             options);
  const std::string person = testing::WalkExample1(
      [&](const std::string&, const std::string& kind) { return server.Channel("wenjiang", kind); },
      server.Db("grading"), 301);
  EXPECT_FALSE(person.empty());
}

}  // namespace
}  // namespace auxpro
