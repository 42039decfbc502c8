#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "libs/crypto/field_cipher.h"
#include "libs/policy/policy_loader.h"
#include "libs/service/host.h"
#include "libs/service/module.h"
#include "tests/support/test_env.h"

namespace auxpro::testing {

struct TestServerOptions {
  // Each module connects as a database user with privileges on its own schema only, as in
  // production (deploy/mysql); by default it connects as root.
  bool per_service_users = false;
  // Where outbox events go; by default through the host's routes, so co-located services reach
  // each other and events for a service not hosted here wait.
  outbox::ConsumerResolver consumers;
  // Serve Prometheus metrics on a free loopback port (TestServer::host().metrics_port()).
  bool metrics = false;
  // Changes how a module reaches its database (e.g. through a proxy a test can cut).
  std::function<void(const std::string& service, db::DbConfig& config)> adjust_db;
  std::chrono::milliseconds health_interval{1000};
  // Threads of each module's work pool.
  int work_threads = 8;
};

// auxpro-server in process, as main wires it (one service::ServiceHost): the given modules, each
// on a fresh scratch schema (migrated), the preset policies (their working-day calendars extended
// with synthetic years, test data: tests/support/test_calendar.h), one mTLS gRPC server on
// 127.0.0.1 with the access gate. Clients connect with the certificates of deploy/local/certs.sh.
//
//   testing::TestServer server({points::PointsModule(), personnel::PersonnelModule()});
//   auto stub = points::v1::Points::NewStub(server.Channel("wenjiang", "ENFORCEMENT_BUREAU"));
class TestServer {
 public:
  explicit TestServer(const std::vector<service::ModuleSpec>& modules,
                      TestServerOptions options = {});
  ~TestServer();

  int port() const { return host_->port(); }
  std::string address() const;
  // A channel presenting the client certificate of (jurisdiction, kind); kind "SERVICE" uses the
  // trusted test service identity (jurisdiction "system").
  std::shared_ptr<grpc::Channel> Channel(const std::string& jurisdiction,
                                         const std::string& kind) const;
  // Root access to a module's schema, for assertions on rows.
  db::ConnectionPool& Db(const std::string& module);
  const policy::PolicySet& policies() const { return policies_; }
  service::ServiceHost& host() { return *host_; }
  // The running module, or nullptr.
  service::ServiceModule* Module(const std::string& name) { return host_->Module(name); }

 private:
  std::vector<service::ModuleSpec> specs_;
  policy::PolicySet policies_;
  std::unique_ptr<crypto::FieldCipher> cipher_;
  std::map<std::string, std::unique_ptr<ScratchSchema>> schemas_;
  std::map<std::string, std::unique_ptr<db::ConnectionPool>> root_pools_;
  std::unique_ptr<service::ServiceHost> host_;
};

}  // namespace auxpro::testing
