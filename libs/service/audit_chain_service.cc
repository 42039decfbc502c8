#include "libs/service/audit_chain_service.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/audit/audit_log.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "libs/metrics/metrics.h"

namespace auxpro::service {

AuditChainService::AuditChainService(rpc::WorkPool& work, const crypto::FieldCipher& cipher)
    : UnaryService(common::v1::AuditChain::service_full_name(), work), cipher_(cipher) {
  Bind("VerifyAuditChain", this, &AuditChainService::Verify);
}

void AuditChainService::AddService(const std::string& service, db::ConnectionPool* pool) {
  pools_[service] = pool;
}

absl::Status AuditChainService::Verify(const rpc::CallContext& call,
                                       const common::v1::VerifyAuditChainRequest& request,
                                       common::v1::VerifyAuditChainResponse* response) const {
  ASSIGN_OR_RETURN(const std::string j, auth::ScopeOfParent(call.principal, request.parent()));
  if (request.service().empty()) return Invalid("service: required, e.g. \"personnel\"");
  auto pool = pools_.find(request.service());
  if (pool == pools_.end()) {
    std::vector<std::string> hosted;
    for (const auto& [name, unused] : pools_) hosted.push_back(name);
    return absl::NotFoundError(absl::StrCat(
        "service: \"", request.service(), "\" is not hosted by this endpoint (it hosts ",
        absl::StrJoin(hosted, ", "), "); call the endpoint of that service"));
  }
  ASSIGN_OR_RETURN(*response, audit::Verify(*pool->second, j, cipher_));
  metrics::RecordAuditVerification(request.service(), response->intact());
  return absl::OkStatus();
}

}  // namespace auxpro::service
