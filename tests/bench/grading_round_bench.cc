// The grading round and the requirement check measured against the real stack: all five services
// in one process (as --target=all) over mTLS with their own database users, and N persons loaded
// straight into the schemas (tests/support/grading_round_loader; N = $AUXPRO_ROUND_PERSONS,
// default 10,000). Prints one JSON line: the load time, the p50 of CheckRequirements for one
// person (which reads the four other services), and the seconds of a whole round (every page of
// ListRoundEntries at page_size 1000). Exits non-zero only when a call fails or the round's
// content is wrong, never because of a time.
#include <grpcpp/client_context.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "services/assessment/assessment_module.h"
#include "services/grading/grading_module.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/grading_round_loader.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = grading::v1;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

int Run() {
  const char* env = std::getenv("AUXPRO_ROUND_PERSONS");
  const int persons = env != nullptr ? std::atoi(env) : 10000;
  testing::TestServerOptions options;
  options.per_service_users = true;
  testing::TestServer server({personnel::PersonnelModule(), points::PointsModule(),
                              assessment::AssessmentModule(), survey::SurveyModule(),
                              grading::GradingModule()},
                             options);
  auto start = Clock::now();
  testing::LoadRoundDistrict({&server.Db("personnel"), &server.Db("assessment"),
                              &server.Db("points"), &server.Db("survey"), &server.Db("grading")},
                             "wenjiang", persons);
  const double load_seconds = Seconds(start);
  auto stub = v1::Grading::NewStub(server.Channel("wenjiang", "ENFORCEMENT_BUREAU"));

  // CheckRequirements for one person at a time, 200 persons spread over the district.
  std::vector<double> check_ms;
  for (int i = 0; i < 200; ++i) {
    v1::CheckRequirementsRequest r;
    r.set_person(absl::StrCat("jurisdictions/wenjiang/persons/",
                              testing::RoundPersonId(1 + (i * 7919) % persons)));
    v1::RequirementCheck out;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    const auto t = Clock::now();
    grpc::Status s = stub->CheckRequirements(&context, r, &out);
    check_ms.push_back(Seconds(t) * 1000);
    if (!s.ok() || out.rows_size() < 13) {
      std::fprintf(stderr, "FAILED: CheckRequirements: %s\n", s.error_message().c_str());
      return 1;
    }
  }
  std::sort(check_ms.begin(), check_ms.end());

  // The whole round, twice (the second warm); the faster is reported with both.
  std::vector<double> round_seconds;
  int64_t entries = 0, scanned = 0, pages = 0;
  for (int run = 0; run < 2; ++run) {
    entries = scanned = pages = 0;
    v1::ListRoundEntriesRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.set_page_size(1000);
    const auto t = Clock::now();
    do {
      v1::ListRoundEntriesResponse page;
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
      grpc::Status s = stub->ListRoundEntries(&context, r, &page);
      if (!s.ok()) {
        std::fprintf(stderr, "FAILED: ListRoundEntries: %s\n", s.error_message().c_str());
        return 1;
      }
      ++pages;
      entries += page.round_entries_size();
      scanned += page.persons_scanned();
      r.set_page_token(page.next_page_token());
    } while (!r.page_token().empty());
    round_seconds.push_back(Seconds(t));
  }
  // The loader's mix: about 3 in 10 persons are listed (see grading_round_loader.h).
  if (scanned < persons || entries < persons / 10) {
    std::fprintf(stderr, "FAILED: the round scanned %lld persons and listed %lld\n",
                 static_cast<long long>(scanned), static_cast<long long>(entries));
    return 1;
  }
  const std::string line = absl::StrCat(
      "{\"auxiliaries\": ", persons, ", \"load_seconds\": ", load_seconds,
      ", \"check_p50_ms\": ", check_ms[check_ms.size() / 2],
      ", \"check_p90_ms\": ", check_ms[check_ms.size() * 9 / 10],
      ", \"round_seconds\": ", std::min(round_seconds[0], round_seconds[1]),
      ", \"round_seconds_cold\": ", round_seconds[0], ", \"round_pages\": ", pages,
      ", \"round_entries\": ", entries, ", \"persons_scanned\": ", scanned, "}");
  std::printf("%s\n", line.c_str());
  if (const char* out = std::getenv("AUXPRO_ROUND_BENCH_OUT")) std::ofstream(out) << line << "\n";
  return 0;
}

}  // namespace
}  // namespace auxpro

int main() { return auxpro::Run(); }
