// Ratios of the personnel service measured in one run against the real stack (mTLS gRPC, work
// pool, MariaDB). Prints a table; exits non-zero only when a measured call fails or returns the
// wrong data, never because of a time.

#include <grpcpp/client_context.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/db/transaction.h"
#include "services/personnel/personnel_module.h"
#include "services/personnel/persons_store.h"
#include "tests/support/national_id.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = personnel::v1;
using Clock = std::chrono::steady_clock;

int failures = 0;

void Check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    ++failures;
  }
}

// Median seconds of `reps` runs of fn.
double Median(int reps, const std::function<void()>& fn) {
  std::vector<double> samples;
  for (int i = 0; i < reps; ++i) {
    const auto start = Clock::now();
    fn();
    samples.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

grpc::Status Call(const std::function<grpc::Status(grpc::ClientContext*)>& call) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return call(&context);
}

int Run() {
  testing::TestServer server({personnel::PersonnelModule()});
  auto bureau = v1::Personnel::NewStub(server.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
  auto hr = v1::Personnel::NewStub(server.Channel("wenjiang", "HR_COMPANY"));

  // Seed persons straight through the store: the benchmark reads them through the API.
  constexpr int kPersons = 3000;
  absl::Status seeded = server.Db("personnel").Transact([&](db::Transaction& tx) -> absl::Status {
    for (int i = 0; i < kPersons; ++i) {
      personnel::store::PersonRecord rec;
      rec.id = absl::StrCat("p-", 100000 + i);
      rec.person.set_full_name("基准人员");
      rec.person.set_gender(common::v1::MALE);
      rec.person.mutable_birth_date()->set_year(1990);
      rec.person.mutable_birth_date()->set_month(1);
      rec.person.mutable_birth_date()->set_day(1);
      rec.person.set_education(common::v1::HIGH_SCHOOL);
      rec.person.set_post_type(v1::FIELD);
      rec.person.set_state(v1::CANDIDATE);
      rec.national_id_sealed = "x";
      rec.national_id_masked = "x";
      if (auto s = personnel::store::InsertPerson(tx, "wenjiang", rec, rec.id, absl::Now());
          !s.ok()) {
        return s.status();
      }
    }
    return absl::OkStatus();
  });
  Check(seeded.ok(), absl::StrCat("seed: ", seeded.ToString()));

  // 1. Keyset pagination: the cost of a page does not grow with its depth.
  v1::ListPersonsRequest list;
  list.set_parent("jurisdictions/wenjiang");
  list.set_page_size(50);
  std::string deep_token;
  for (int page = 0; page < kPersons / 50 - 1; ++page) {
    v1::ListPersonsResponse out;
    Check(Call([&](auto* c) { return bureau->ListPersons(c, list, &out); }).ok(), "list walk");
    list.set_page_token(out.next_page_token());
    if (page == kPersons / 50 - 3) deep_token = out.next_page_token();
  }
  auto page_time = [&](const std::string& token, const std::string& expected_first) {
    v1::ListPersonsRequest r = list;
    r.set_page_token(token);
    return Median(15, [&] {
      v1::ListPersonsResponse out;
      grpc::Status s = Call([&](auto* c) { return bureau->ListPersons(c, r, &out); });
      Check(s.ok() && out.persons_size() == 50 &&
                out.persons(0).name() == "jurisdictions/wenjiang/persons/" + expected_first,
            "page contents");
    });
  };
  const double first = page_time("", "p-100000");
  const double deep = page_time(deep_token, absl::StrCat("p-", 100000 + kPersons - 100));

  // 2. Throughput of GetPerson with 1 and 8 clients in flight (callback server + work pool).
  auto throughput = [&](int clients) {
    constexpr int kCalls = 400;
    std::atomic<int> next{0};
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < clients; ++t) {
      threads.emplace_back([&] {
        for (int i = next++; i < kCalls; i = next++) {
          v1::GetPersonRequest r;
          r.set_name(absl::StrCat("jurisdictions/wenjiang/persons/p-", 100000 + i));
          v1::Person out;
          grpc::Status s = Call([&](auto* c) { return bureau->GetPerson(c, r, &out); });
          Check(s.ok() && out.name() == r.name(), "get person");
        }
      });
    }
    for (auto& t : threads) t.join();
    return kCalls / std::chrono::duration<double>(Clock::now() - start).count();
  };
  const double qps1 = throughput(1);
  const double qps8 = throughput(8);

  // 3. An idempotent retry answers from the stored response: replay vs first write.
  int serial = 100;  // fresh national IDs; 1 is the replayed one
  auto create = [&](const std::string& request_id, bool fresh) {
    v1::CreatePersonRequest r;
    r.set_parent("jurisdictions/wenjiang");
    r.mutable_person()->set_full_name("新人员");
    r.mutable_person()->set_national_id(testing::MakeNationalId(1995, 6, 1, fresh ? ++serial : 1));
    r.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
    r.mutable_person()->set_post_type(v1::OFFICE);
    r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
    r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
    r.set_request_id(request_id);
    v1::Person out;
    Check(Call([&](auto* c) { return hr->CreatePerson(c, r, &out); }).ok(), "create person");
  };
  create("bench-replay", false);
  int n = 0;
  const double write = Median(15, [&] { create(absl::StrCat("bench-", n++), true); });
  const double replay = Median(15, [&] { create("bench-replay", false); });

  std::printf("\npersonnel benchmark (ratios within this run)\n");
  std::printf("  ListPersons page at depth %d / first page   %6.2f  (keyset: ~1)\n", kPersons - 100,
              deep / first);
  std::printf("  GetPerson throughput 8 clients / 1 client    %6.2f  (%.0f vs %.0f calls/s)\n",
              qps8 / qps1, qps8, qps1);
  std::printf("  CreatePerson replay / first write            %6.2f\n", replay / write);
  if (failures > 0) std::printf("%d measured calls failed\n", failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace auxpro

int main() { return auxpro::Run(); }
