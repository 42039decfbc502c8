#include "tests/support/five_processes.h"

#include <signal.h>

#include "absl/strings/str_cat.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/test_calendar.h"
#include "tests/support/test_env.h"

namespace auxpro::testing {

FiveProcesses::FiveProcesses() : services_(AllModuleNames()), dbs_(services_) {
  for (const std::string& s : services_) ports_[s] = FreePort();
  // The test kit's policies (synthetic calendar years, test data), as TestServer runs with.
  absl::StatusOr<policy::PolicySet> policies = TestPolicies();
  ok_ = policies.ok() && WritePolicies(*policies, PoliciesDir()).ok();
  if (!ok_) return;
  for (const std::string& s : services_) {
    processes_[s] = std::make_unique<ServerProcess>(ArgsOf(s), dbs_.dir() / (s + ".log"), ports_[s]);
  }
  // Started together, then waited for: each waits for none of the others to serve.
  for (const std::string& s : services_) ok_ = processes_[s]->WaitUntilServing() > 0 && ok_;
}

FiveProcesses::~FiveProcesses() { processes_.clear(); }  // each SIGKILLed

std::string FiveProcesses::ArgsOf(const std::string& service) const {
  std::string peers;
  for (const std::string& other : services_) {
    if (other == service) continue;
    absl::StrAppend(&peers, peers.empty() ? "" : ",", other, "=127.0.0.1:", ports_.at(other));
  }
  return absl::StrCat("--target=", service, " --peers=", peers, " --drain_delay_seconds=0 ",
                      "--policies_dir=", PoliciesDir().string(), " ", dbs_.Flags());
}

std::shared_ptr<grpc::Channel> FiveProcesses::Channel(const std::string& service,
                                                      const std::string& jurisdiction,
                                                      const std::string& kind) const {
  const std::string j = kind == "SERVICE" ? "system" : jurisdiction;
  auto channel =
      rpc::MakeMtlsChannel(absl::StrCat("127.0.0.1:", ports_.at(service)), ClientIdentity(j, kind));
  return channel.ok() ? *channel : nullptr;
}

void FiveProcesses::Stop(const std::string& service) {
  auto& process = processes_.at(service);
  if (!process) return;
  process->Signal(SIGKILL);
  process->Wait();
  process.reset();
}

bool FiveProcesses::Start(const std::string& service) {
  auto& process = processes_.at(service);
  if (!process) {
    process = std::make_unique<ServerProcess>(ArgsOf(service), dbs_.dir() / (service + ".log"),
                                              ports_.at(service));
  }
  return process->WaitUntilServing() > 0;
}

std::string FiveProcesses::Log() const {
  std::string out;
  for (const auto& [name, process] : processes_) {
    if (process) absl::StrAppend(&out, "---- ", name, "\n", process->Log(), "\n");
  }
  return out;
}

}  // namespace auxpro::testing
