#pragma once

// The five services as five auxpro-server processes (`--target=<svc>`), each on its own loopback
// port fixed before any starts, each with `--peers` naming the other four, over one set of
// per-service databases (ServerDatabases): the microservices deployment in one test. A service
// can be stopped and started again on the same port, to see what its peers make of it. The
// processes run with the test kit's policies (--policies_dir: the presets with synthetic calendar
// years, test data, tests/support/test_calendar.h).
//
//   testing::FiveProcesses five;
//   ASSERT_TRUE(five.ok()) << five.Log();
//   auto stub = grading::v1::Grading::NewStub(five.Channel("grading", "wenjiang", "HR_COMPANY"));

#include <grpcpp/channel.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/server_process.h"

namespace auxpro::testing {

class FiveProcesses {
 public:
  // The services of the server (AllModuleNames()), each started and SERVING.
  FiveProcesses();
  ~FiveProcesses();
  FiveProcesses(const FiveProcesses&) = delete;
  FiveProcesses& operator=(const FiveProcesses&) = delete;

  // Every process came up.
  bool ok() const { return ok_; }
  const std::vector<std::string>& services() const { return services_; }
  int Port(const std::string& service) const { return ports_.at(service); }
  // A channel to `service`'s process with the client certificate of (jurisdiction, kind).
  std::shared_ptr<grpc::Channel> Channel(const std::string& service,
                                         const std::string& jurisdiction,
                                         const std::string& kind) const;
  // Kills the service's process (SIGKILL, gone at once as after a crash) and waits for it.
  void Stop(const std::string& service);
  // Starts the service's process again on its port; true once it is SERVING.
  bool Start(const std::string& service);
  // Root access to a service's schema.
  std::unique_ptr<db::ConnectionPool> RootPool(const std::string& service) const {
    return dbs_.RootPool(service);
  }
  // The logs of every process, for a failure message.
  std::string Log() const;

 private:
  std::string ArgsOf(const std::string& service) const;
  std::filesystem::path PoliciesDir() const { return dbs_.dir() / "policies"; }

  std::vector<std::string> services_;
  ServerDatabases dbs_;
  std::map<std::string, int> ports_;
  std::map<std::string, std::unique_ptr<ServerProcess>> processes_;
  bool ok_ = false;
};

}  // namespace auxpro::testing
