#include "services/assessment/personnel_reader.h"

#include <grpcpp/client_context.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"

namespace auxpro::assessment {

namespace {

namespace pv1 = ::auxpro::personnel::v1;

constexpr std::chrono::seconds kDeadline{5};

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + kDeadline);
}

absl::Status Unavailable(const grpc::Status& s) {
  return absl::UnavailableError(
      absl::StrCat("personnel service did not answer: ", s.error_message()));
}

}  // namespace

absl::StatusOr<pv1::Person> PersonnelReader::Person(const std::string& name,
                                                    const std::string& field) const {
  auto stub = peers_ == nullptr ? nullptr : peers_->StubOf<pv1::Personnel>("personnel");
  if (stub == nullptr) return absl::UnavailableError("personnel service: no route");
  grpc::ClientContext context;
  SetDeadline(context);
  pv1::GetPersonRequest request;
  request.set_name(name);
  pv1::Person person;
  grpc::Status s = stub->GetPerson(&context, request, &person);
  if (s.error_code() == grpc::StatusCode::NOT_FOUND ||
      s.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    return NotFound(absl::StrCat(field, ": person"), name);
  }
  if (!s.ok()) return Unavailable(s);
  return person;
}

absl::StatusOr<pv1::Person> PersonnelReader::EmployedPerson(const std::string& name,
                                                            const std::string& field) const {
  auto person = Person(name, field);
  if (!person.ok()) return person.status();
  if (person->state() != pv1::PROBATION && person->state() != pv1::ACTIVE) {
    return WithErrorInfo(
        Precondition(absl::StrCat(field, ": ", name, " is not employed (state ",
                                  pv1::PersonState_Name(person->state()),
                                  "); only persons in PROBATION or ACTIVE are assessed")),
        "PERSON_NOT_EMPLOYED",
        {{"person", name}, {"state", pv1::PersonState_Name(person->state())}});
  }
  return person;
}

absl::StatusOr<std::vector<pv1::LabourContract>> PersonnelReader::LabourContracts(
    const std::string& name, const std::string& field) const {
  auto stub = peers_ == nullptr ? nullptr : peers_->StubOf<pv1::Personnel>("personnel");
  if (stub == nullptr) return absl::UnavailableError("personnel service: no route");
  grpc::ClientContext context;
  SetDeadline(context);
  pv1::ListLabourContractsRequest request;
  request.set_parent(name);
  pv1::ListLabourContractsResponse response;
  grpc::Status s = stub->ListLabourContracts(&context, request, &response);
  if (s.error_code() == grpc::StatusCode::NOT_FOUND ||
      s.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    return NotFound(absl::StrCat(field, ": person"), name);
  }
  if (!s.ok()) return Unavailable(s);
  return std::vector<pv1::LabourContract>(response.labour_contracts().begin(),
                                          response.labour_contracts().end());
}

absl::StatusOr<pv1::Unit> PersonnelReader::Unit(const std::string& j,
                                                const std::string& unit_name) const {
  auto stub = peers_ == nullptr ? nullptr : peers_->StubOf<pv1::Personnel>("personnel");
  if (stub == nullptr) return absl::UnavailableError("personnel service: no route");
  std::string token;
  do {
    grpc::ClientContext context;
    SetDeadline(context);
    pv1::ListUnitsRequest request;
    request.set_parent(absl::StrCat("jurisdictions/", j));
    request.set_page_size(1000);
    request.set_page_token(token);
    pv1::ListUnitsResponse page;
    grpc::Status s = stub->ListUnits(&context, request, &page);
    if (!s.ok()) return Unavailable(s);
    for (const pv1::Unit& unit : page.units()) {
      if (unit.name() == unit_name) return unit;
    }
    token = page.next_page_token();
  } while (!token.empty());
  return NotFound("unit", unit_name);
}

absl::StatusOr<std::vector<pv1::Person>> PersonnelReader::UnitMembers(
    const std::string& j, const std::string& unit_name) const {
  auto stub = peers_ == nullptr ? nullptr : peers_->StubOf<pv1::Personnel>("personnel");
  if (stub == nullptr) return absl::UnavailableError("personnel service: no route");
  std::vector<pv1::Person> out;
  std::string token;
  do {
    grpc::ClientContext context;
    SetDeadline(context);
    pv1::ListPersonsRequest request;
    request.set_parent(absl::StrCat("jurisdictions/", j));
    request.set_page_size(1000);
    request.set_page_token(token);
    request.set_filter(absl::StrCat("unit=", unit_name));
    pv1::ListPersonsResponse page;
    grpc::Status s = stub->ListPersons(&context, request, &page);
    if (!s.ok()) return Unavailable(s);
    for (const pv1::Person& p : page.persons()) {
      if (p.state() == pv1::PROBATION || p.state() == pv1::ACTIVE) out.push_back(p);
    }
    token = page.next_page_token();
  } while (!token.empty());
  return out;
}

}  // namespace auxpro::assessment
