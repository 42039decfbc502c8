#pragma once

#include "absl/status/statusor.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "libs/rpc/call_context.h"
#include "libs/service/service_context.h"
#include "services/personnel/persons_store.h"

namespace auxpro::personnel {

// Person records: CreatePerson, GetPerson, ListPersons, UpdatePerson.
class Persons {
 public:
  explicit Persons(const service::ServiceContext& ctx) : ctx_(ctx) {}

  absl::Status Create(const rpc::CallContext& call, const v1::CreatePersonRequest& request,
                      v1::Person* response) const;
  absl::Status Get(const rpc::CallContext& call, const v1::GetPersonRequest& request,
                   v1::Person* response) const;
  absl::Status List(const rpc::CallContext& call, const v1::ListPersonsRequest& request,
                    v1::ListPersonsResponse* response) const;
  absl::Status Update(const rpc::CallContext& call, const v1::UpdatePersonRequest& request,
                      v1::Person* response) const;

 private:
  const service::ServiceContext& ctx_;
};

// The person as the caller may see it: the national ID masked for everyone, in clear
// (disclosed_national_id) for the HR company only.
v1::Person Present(const store::PersonRecord& record, const rpc::CallContext& call,
                   const crypto::FieldCipher& cipher);

// The person `id` of the jurisdiction, NOT_FOUND naming it when there is none; FOR UPDATE when
// `lock`.
absl::StatusOr<store::PersonRecord> LoadPerson(db::Transaction& tx, const std::string& j,
                                               const std::string& id, bool lock);

}  // namespace auxpro::personnel
