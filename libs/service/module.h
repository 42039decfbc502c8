#pragma once

#include <grpcpp/impl/service_type.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/common/embedded_file.h"
#include "libs/crypto/field_cipher.h"
#include "libs/db/connection_pool.h"
#include "libs/outbox/relay.h"
#include "libs/policy/policy_loader.h"
#include "libs/rpc/call_context.h"
#include "libs/rpc/work_pool.h"
#include "libs/service/peer_router.h"

namespace auxpro::service {

// What the host gives every module it starts (built once by ServiceHost, in main or a test).
struct ModuleEnv {
  const policy::PolicySet* policies = nullptr;
  rpc::WorkPool* work_pool = nullptr;
  const crypto::FieldCipher* field_cipher = nullptr;
  // Opens a pool on the service's own schema with the service's own database user.
  std::function<absl::StatusOr<std::unique_ptr<db::ConnectionPool>>(const std::string& service)>
      open_db;
  // Channels to the other services, co-located or remote (cross-service reads).
  PeerRouter* peers = nullptr;
  // Routes outbox events to consumer services (by default through `peers`).
  outbox::ConsumerResolver consumers;
};

// Applies outbox events delivered to a module (auxpro.common.v1.EventConsumer): idempotently, with
// the event id as the request id (redelivery is harmless). INVALID_ARGUMENT parks the event at the
// producer; any other error makes it retry.
using EventHandler =
    std::function<absl::Status(const rpc::CallContext&, const common::v1::ConsumeEventRequest&,
                               common::v1::ConsumeEventResponse*)>;

// A running service module.
class ServiceModule {
 public:
  virtual ~ServiceModule() = default;
  virtual std::vector<grpc::Service*> GrpcServices() = 0;
  // The module's consumer of outbox events; empty when it consumes none.
  virtual EventHandler Events() { return nullptr; }
  // The module's own database pool (the host verifies its audit chain through it).
  virtual db::ConnectionPool& Db() = 0;
  // Background work (outbox relay); called once the server listens.
  virtual void Start() {}
  virtual void Stop() {}
};

// One entry of the server's module list (--target names it).
struct ModuleSpec {
  std::string name;         // "personnel"
  std::string description;  // one line for --list-targets
  // Modules this one calls or needs running first; the host starts them before it, and does not
  // start it when one of them failed.
  std::vector<std::string> deps;
  // Full gRPC service names reported to health checking, e.g. "auxpro.personnel.v1.Personnel".
  std::vector<std::string> grpc_services;
  // The service's own migrations (component = name); the shared tables of libs/audit,
  // libs/idempotency and libs/outbox are applied before them.
  std::function<const std::vector<EmbeddedFile>&()> migrations;
  std::function<absl::StatusOr<std::unique_ptr<ServiceModule>>(ModuleEnv&)> init;
};

// Applies the shared components' migrations and then the module's own, on the module's schema.
absl::Status MigrateModule(db::ConnectionPool& pool, const ModuleSpec& module);

}  // namespace auxpro::service
