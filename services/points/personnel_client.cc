#include "services/points/personnel_client.h"

#include <grpcpp/client_context.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"
#include "services/points/ledger_store.h"

namespace auxpro::points {

namespace {
constexpr auto kDeadline = std::chrono::seconds(5);
}  // namespace

absl::StatusOr<bool> IsEmployed(const service::ServiceContext& ctx, const std::string& j,
                                const std::string& person_id, std::string* state_name) {
  const std::string name = store::PersonName(j, person_id);
  auto stub =
      ctx.peers == nullptr ? nullptr : ctx.peers->StubOf<personnel::v1::Personnel>("personnel");
  if (stub == nullptr) {
    return absl::UnavailableError("personnel service: no route to check the person's employment");
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kDeadline);
  personnel::v1::GetPersonRequest request;
  request.set_name(name);
  personnel::v1::Person person;
  grpc::Status s = stub->GetPerson(&context, request, &person);
  if (s.error_code() == grpc::StatusCode::NOT_FOUND) return NotFound("person", name);
  if (!s.ok()) {
    return absl::UnavailableError(
        absl::StrCat("personnel service: GetPerson ", name, " failed: ", s.error_message()));
  }
  if (state_name != nullptr) *state_name = personnel::v1::PersonState_Name(person.state());
  return person.state() == personnel::v1::PROBATION || person.state() == personnel::v1::ACTIVE;
}

namespace {
absl::Status NotEmployed(const std::string& name, const std::string& state) {
  return WithErrorInfo(Precondition(absl::StrCat("person ", name, " is not employed (state ", state,
                                                 "): points are posted only for persons in "
                                                 "employment (wenjiang C.3)")),
                       "PERSON_NOT_EMPLOYED", {{"person", name}, {"state", state}});
}
}  // namespace

absl::Status RequireEmployed(const store::Figures& figures, const std::string& j,
                             const std::string& person_id) {
  if (figures.employed) return absl::OkStatus();
  return NotEmployed(store::PersonName(j, person_id), "EXITED");
}

absl::Status CheckKnownOrEmployed(const service::ServiceContext& ctx, const std::string& j,
                                  const std::string& person_id) {
  std::optional<store::Figures> figures;
  RETURN_IF_ERROR(ctx.pool.Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(figures, store::GetFigures(tx, j, person_id));
    return absl::OkStatus();
  }));
  if (figures) return RequireEmployed(*figures, j, person_id);
  return CheckEmployed(ctx, j, person_id);
}

absl::Status CheckEmployed(const service::ServiceContext& ctx, const std::string& j,
                           const std::string& person_id) {
  std::string state;
  ASSIGN_OR_RETURN(bool employed, IsEmployed(ctx, j, person_id, &state));
  if (employed) return absl::OkStatus();
  return NotEmployed(store::PersonName(j, person_id), state);
}

}  // namespace auxpro::points
