#pragma once

#include <map>
#include <string>

#include "auxpro/common/v1/audit_service.grpc.pb.h"
#include "libs/crypto/field_cipher.h"
#include "libs/db/connection_pool.h"
#include "libs/service/unary_service.h"

namespace auxpro::service {

// auxpro.common.v1.AuditChain, served once by a host for the services it runs: verifies the audit
// chain of one hosted service's schema for the caller's jurisdiction.
class AuditChainService final : public UnaryService {
 public:
  AuditChainService(rpc::WorkPool& work, const crypto::FieldCipher& cipher);
  // Adds a hosted service's pool (before the server starts).
  void AddService(const std::string& service, db::ConnectionPool* pool);

  absl::Status Verify(const rpc::CallContext& call, const common::v1::VerifyAuditChainRequest& r,
                      common::v1::VerifyAuditChainResponse* response) const;

 private:
  const crypto::FieldCipher& cipher_;
  std::map<std::string, db::ConnectionPool*> pools_;
};

}  // namespace auxpro::service
