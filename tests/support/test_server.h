#pragma once

#include <grpcpp/channel.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "libs/crypto/field_cipher.h"
#include "libs/policy/policy_loader.h"
#include "libs/rpc/grpc_server.h"
#include "libs/rpc/module.h"
#include "libs/rpc/work_pool.h"
#include "tests/support/test_env.h"

namespace auxpro::testing {

// auxpro-server in process, as main wires it: the given modules, each on a fresh scratch schema
// (migrated), the preset policies, one mTLS gRPC server on 127.0.0.1 with the access gate.
// Clients connect with the certificates of deploy/local/certs.sh.
class TestServer {
 public:
  explicit TestServer(const std::vector<rpc::ModuleSpec>& modules,
                      outbox::ConsumerResolver consumers = nullptr);
  ~TestServer();

  int port() const { return server_->port(); }
  std::string address() const;
  // A channel presenting the client certificate of (jurisdiction, kind).
  std::shared_ptr<grpc::Channel> Channel(const std::string& jurisdiction,
                                         const std::string& kind) const;
  // Root access to a module's schema, for assertions on rows.
  db::ConnectionPool& Db(const std::string& module);
  const policy::PolicySet& policies() const { return policies_; }
  std::vector<std::unique_ptr<rpc::ServiceModule>>& modules() { return running_; }

 private:
  policy::PolicySet policies_;
  std::unique_ptr<crypto::FieldCipher> cipher_;
  std::unique_ptr<rpc::WorkPool> work_;
  std::map<std::string, std::unique_ptr<ScratchSchema>> schemas_;
  std::map<std::string, std::unique_ptr<db::ConnectionPool>> root_pools_;
  std::vector<std::unique_ptr<rpc::ServiceModule>> running_;
  std::unique_ptr<rpc::GrpcServer> server_;
};

}  // namespace auxpro::testing
