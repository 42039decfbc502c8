#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/crypto/field_cipher.h"
#include "libs/db/connection_pool.h"
#include "libs/outbox/relay.h"
#include "libs/policy/policy_loader.h"
#include "libs/rpc/work_pool.h"
#include "libs/service/module.h"
#include "libs/service/mutation.h"
#include "libs/service/peer_router.h"

namespace auxpro::service {

// What a service's handlers get from the host: the service's own pool, the policies, the keys,
// the mutator bound to both, and the routes to other services.
class ServiceContext {
 public:
  ServiceContext(db::ConnectionPool& pool, const ModuleEnv& env)
      : pool(pool),
        policies(*env.policies),
        cipher(*env.field_cipher),
        work(*env.work_pool),
        peers(env.peers),
        mutate(pool, *env.field_cipher) {}

  // The policy of a jurisdiction; FAILED_PRECONDITION naming it when none is configured.
  absl::StatusOr<const policy::v1::Policy*> Policy(const std::string& jurisdiction) const;

  db::ConnectionPool& pool;
  const policy::PolicySet& policies;
  const crypto::FieldCipher& cipher;
  rpc::WorkPool& work;
  PeerRouter* peers;  // nullptr in tests that host one service alone
  Mutator mutate;
};

// The module of a service whose gRPC class `Service` is built from a ServiceContext (and derives
// from UnaryService): opens the service's pool, builds the service, checks every rpc has a handler,
// and runs the outbox relay of its schema. A service that consumes events declares
//   absl::Status ConsumeEvent(const rpc::CallContext&, const common::v1::ConsumeEventRequest&,
//                             common::v1::ConsumeEventResponse*) const;
// and the host delivers the events addressed to it there.
template <typename Service>
absl::StatusOr<std::unique_ptr<ServiceModule>> StartService(const std::string& name,
                                                            ModuleEnv& env);

namespace internal {
template <typename Service>
class StandardModule final : public ServiceModule {
 public:
  StandardModule(std::unique_ptr<db::ConnectionPool> pool, ModuleEnv& env)
      : pool_(std::move(pool)),
        context_(*pool_, env),
        service_(context_),
        relay_(*pool_, env.consumers) {}
  std::vector<grpc::Service*> GrpcServices() override { return {&service_}; }
  db::ConnectionPool& Db() override { return *pool_; }
  EventHandler Events() override {
    if constexpr (requires(const Service& s, const rpc::CallContext& c,
                           const common::v1::ConsumeEventRequest& r,
                           common::v1::ConsumeEventResponse* out) { s.ConsumeEvent(c, r, out); }) {
      return [this](const rpc::CallContext& call, const common::v1::ConsumeEventRequest& request,
                    common::v1::ConsumeEventResponse* response) {
        return service_.ConsumeEvent(call, request, response);
      };
    } else {
      return nullptr;
    }
  }
  void Start() override { relay_.Start(); }
  void Stop() override { relay_.Stop(); }
  const Service& service() const { return service_; }

 private:
  std::unique_ptr<db::ConnectionPool> pool_;
  ServiceContext context_;
  Service service_;
  outbox::Relay relay_;
};
}  // namespace internal

template <typename Service>
absl::StatusOr<std::unique_ptr<ServiceModule>> StartService(const std::string& name,
                                                            ModuleEnv& env) {
  auto pool = env.open_db(name);
  if (!pool.ok()) return pool.status();
  auto module = std::make_unique<internal::StandardModule<Service>>(std::move(*pool), env);
  if (absl::Status bound = module->service().Unbound(); !bound.ok()) return bound;
  return std::unique_ptr<ServiceModule>(std::move(module));
}

}  // namespace auxpro::service
