// auxpro-bench: the floors and helpers of deploy/local/bench.sh (the load comes from ghz).
//
//   auxpro-bench floor-read   --db_port=P --db_user=U --db_password_file=F --schema=S
//                             --jurisdiction=J --ids=pb-000001,... | --id_prefix=pb- --id_count=N
//                             --calls=N
//   auxpro-bench floor-insert --db_port=P --db_user=U --db_password_file=F --calls=N
//   auxpro-bench settings     --db_port=P --db_user=U --db_password_file=F
//   auxpro-bench page-token   --last_key=K --query=Q       (a ListPersons token for a deep page)
//   auxpro-bench wait-serving --endpoint=H:P --certs_dir=D --since_ns=T [--timeout=S]
//   auxpro-bench grading-round --endpoint=H:P --certs_dir=D --jurisdiction=J [--page_size=N]
//
// Floors and settings print one JSON object on stdout; wait-serving prints the seconds from
// --since_ns (CLOCK_REALTIME, e.g. `date +%s%N` just before the server was started) until
// grpc.health.v1.Health/Check answered SERVING. grading-round pages through the grading round of
// a jurisdiction (ListRoundEntries as its bureau) and prints {"seconds", "auxiliaries" (persons
// scanned), "entries", "pages"}.

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "auxpro/grading/v1/grading_service.grpc.pb.h"
#include "libs/rpc/tls_files.h"
#include "libs/service/pagination.h"
#include "tools/auxpro-bench/bench_floors.h"

namespace auxpro::bench {
namespace {

int Usage(const std::string& why) {
  std::cerr << "auxpro-bench: " << why
            << "\nusage: auxpro-bench floor-read|floor-insert|settings|page-token|wait-serving|"
               "grading-round "
               "--flag=value ... (see the header of tools/auxpro-bench/bench_main.cc)\n";
  return 2;
}

struct Flags {
  std::map<std::string, std::string> values;
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
  int Int(const std::string& name, int fallback) const {
    int v = fallback;
    if (auto it = values.find(name); it != values.end() && !absl::SimpleAtoi(it->second, &v)) {
      std::cerr << "auxpro-bench: --" << name << " is not a number\n";
      std::exit(2);
    }
    return v;
  }
};

absl::StatusOr<db::DbConfig> DbOf(const Flags& f) {
  db::DbConfig c;
  c.host = f.Get("db_host", "127.0.0.1");
  c.port = f.Int("db_port", 3306);
  c.user = f.Get("db_user", "root");
  c.schema = f.Get("schema");
  if (!f.Get("db_password_file").empty()) {
    auto pw = rpc::ReadFile(f.Get("db_password_file"));
    if (!pw.ok()) return pw.status();
    c.password = std::string(absl::StripAsciiWhitespace(*pw));
  }
  return c;
}

// True when Health/Check (service "") answers SERVING within `timeout`.
bool Serving(const std::string& endpoint, const rpc::TlsFiles& identity,
             std::chrono::milliseconds timeout) {
  auto channel = rpc::MakeMtlsChannel(endpoint, identity);
  if (!channel.ok()) return false;
  grpc::GenericStub stub(*channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + timeout);
  grpc::Slice empty("", 0);
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  if (!done.get_future().get().ok()) return false;
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return false;
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return bytes == std::string("\x08\x01", 2);  // HealthCheckResponse{status: SERVING}
}

int WaitServing(const Flags& f) {
  int64_t since_ns = 0;
  if (!absl::SimpleAtoi(f.Get("since_ns"), &since_ns)) return Usage("--since_ns is required");
  const std::string certs = f.Get("certs_dir", ".local/certs");
  const rpc::TlsFiles identity{certs + "/clients/wenjiang/ENFORCEMENT_BUREAU.crt",
                               certs + "/clients/wenjiang/ENFORCEMENT_BUREAU.key",
                               certs + "/ca.crt"};
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(f.Int("timeout", 60));
  while (std::chrono::steady_clock::now() < deadline) {
    if (Serving(f.Get("endpoint"), identity, std::chrono::milliseconds(500))) {
      const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
      std::printf("%.3f\n", (now_ns - since_ns) / 1e9);
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::cerr << "auxpro-bench: " << f.Get("endpoint") << " not SERVING in time\n";
  return 1;
}

int GradingRound(const Flags& f) {
  const std::string certs = f.Get("certs_dir", ".local/certs");
  const std::string j = f.Get("jurisdiction", "wenjiang");
  const rpc::TlsFiles identity{absl::StrCat(certs, "/clients/", j, "/ENFORCEMENT_BUREAU.crt"),
                               absl::StrCat(certs, "/clients/", j, "/ENFORCEMENT_BUREAU.key"),
                               certs + "/ca.crt"};
  auto channel = rpc::MakeMtlsChannel(f.Get("endpoint"), identity);
  if (!channel.ok()) {
    std::cerr << "auxpro-bench: " << channel.status() << "\n";
    return 1;
  }
  auto stub = grading::v1::Grading::NewStub(*channel);
  grading::v1::ListRoundEntriesRequest r;
  r.set_parent(absl::StrCat("jurisdictions/", j));
  r.set_page_size(f.Int("page_size", 1000));
  int64_t entries = 0, scanned = 0, pages = 0;
  const auto start = std::chrono::steady_clock::now();
  do {
    grading::v1::ListRoundEntriesResponse page;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    grpc::Status s = stub->ListRoundEntries(&ctx, r, &page);
    if (!s.ok()) {
      std::cerr << "auxpro-bench: ListRoundEntries: " << s.error_message() << "\n";
      return 1;
    }
    ++pages;
    entries += page.round_entries_size();
    scanned += page.persons_scanned();
    r.set_page_token(page.next_page_token());
  } while (!r.page_token().empty());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"seconds\": %.3f, \"auxiliaries\": %lld, \"entries\": %lld, \"pages\": %lld}\n",
              seconds, static_cast<long long>(scanned), static_cast<long long>(entries),
              static_cast<long long>(pages));
  return 0;
}

int Run(int argc, char** argv) {
  if (argc < 2) return Usage("no command");
  const std::string command = argv[1];
  Flags f;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg.find('=') == std::string::npos) {
      return Usage(absl::StrCat("bad argument ", arg));
    }
    const size_t eq = arg.find('=');
    f.values[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
  }
  if (command == "page-token") {
    std::cout << service::EncodePageToken(f.Get("last_key"), f.Get("query")) << "\n";
    return 0;
  }
  if (command == "wait-serving") return WaitServing(f);
  if (command == "grading-round") return GradingRound(f);
  auto config = DbOf(f);
  if (!config.ok()) return Usage(std::string(config.status().message()));
  absl::StatusOr<Timing> timing;
  if (command == "floor-read") {
    std::vector<std::string> ids;
    if (!f.Get("ids").empty()) {
      ids = absl::StrSplit(f.Get("ids"), ',');
    } else {
      for (int i = 1; i <= f.Int("id_count", 1000); ++i) {
        ids.push_back(absl::StrFormat("%s%06d", f.Get("id_prefix", "pb-"), i));
      }
    }
    timing = FloorRead(*config, f.Get("jurisdiction", "wenjiang"), ids, f.Int("calls", 2000));
  } else if (command == "floor-insert") {
    timing = FloorInsert(*config, f.Int("calls", 500));
  } else if (command == "settings") {
    auto settings = DurabilitySettings(*config);
    if (!settings.ok()) {
      std::cerr << "auxpro-bench: " << settings.status().message() << "\n";
      return 1;
    }
    std::cout << *settings << "\n";
    return 0;
  } else {
    return Usage(absl::StrCat("unknown command ", command));
  }
  if (!timing.ok()) {
    std::cerr << "auxpro-bench: " << command << ": " << timing.status().message() << "\n";
    return 1;
  }
  std::cout << TimingJson(*timing) << "\n";
  return timing->errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace auxpro::bench

int main(int argc, char** argv) { return auxpro::bench::Run(argc, argv); }
