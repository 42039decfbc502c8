#include "services/grading/check_reader.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/common/errors.h"
#include "services/grading/grading_store.h"

namespace auxpro::grading {

namespace {

// Each read gets this long; the four run at once, so a check waits at most about this long.
constexpr auto kDeadline = std::chrono::seconds(5);

// Calls `method` of the `service` peer with a deadline: OK, the peer's NOT_FOUND or
// INVALID_ARGUMENT as such, anything else (no route, no answer, an error of the peer) UNAVAILABLE.
template <typename Service, typename Request, typename Response, typename Method>
absl::Status CallPeer(const service::ServiceContext& ctx, const std::string& service, Method method,
                      const Request& request, Response* response) {
  auto stub = ctx.peers == nullptr ? nullptr : ctx.peers->StubOf<Service>(service);
  if (stub == nullptr) {
    return absl::UnavailableError(absl::StrCat(service, " service: no route"));
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kDeadline);
  grpc::Status s = ((*stub).*method)(&context, request, response);
  if (s.ok()) return absl::OkStatus();
  const std::string what = absl::StrCat(service, " service: ", s.error_message());
  switch (s.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
      return absl::NotFoundError(what);
    case grpc::StatusCode::INVALID_ARGUMENT:
      return absl::InvalidArgumentError(what);
    default:
      return absl::UnavailableError(
          absl::StrCat(what, " (", static_cast<int>(s.error_code()), ")"));
  }
}

}  // namespace

absl::StatusOr<personnel::v1::Person> ReadPerson(const service::ServiceContext& ctx,
                                                 const std::string& j,
                                                 const std::string& person_id) {
  personnel::v1::GetPersonRequest r;
  r.set_name(store::PersonName(j, person_id));
  personnel::v1::Person p;
  absl::Status s = CallPeer<personnel::v1::Personnel>(
      ctx, "personnel", &personnel::v1::Personnel::Stub::GetPerson, r, &p);
  if (absl::IsNotFound(s)) return NotFound("person", r.name());
  if (!s.ok()) return s;
  return p;
}

absl::StatusOr<points::v1::PointBalance> ReadBalance(const service::ServiceContext& ctx,
                                                     const std::string& j,
                                                     const std::string& person_id) {
  points::v1::GetPointBalanceRequest r;
  r.set_name(absl::StrCat(store::PersonName(j, person_id), "/pointBalance"));
  points::v1::PointBalance b;
  absl::Status s = CallPeer<points::v1::Points>(ctx, "points",
                                                &points::v1::Points::Stub::GetPointBalance, r, &b);
  if (!s.ok())
    return s;  // NOT_FOUND / INVALID_ARGUMENT as the points service said, else UNAVAILABLE
  return b;
}

absl::Status RequireEmployed(const personnel::v1::Person& person) {
  if (person.state() == personnel::v1::PROBATION || person.state() == personnel::v1::ACTIVE) {
    return absl::OkStatus();
  }
  const std::string state = personnel::v1::PersonState_Name(person.state());
  return WithErrorInfo(
      Precondition(absl::StrCat("person ", person.name(), " is not employed (", state,
                                "): only employed auxiliaries are graded "
                                "(wenjiang 8.2)")),
      "PERSON_NOT_EMPLOYED", {{"person", person.name()}, {"state", state}});
}

CheckFacts ReadCheckFacts(const service::ServiceContext& ctx, const std::string& j,
                          const std::string& person_id, int current_level,
                          const common::v1::Date& date,
                          const std::function<void()>& meanwhile) {
  CheckFacts f;
  f.person = store::PersonName(j, person_id);
  f.current_level = current_level;
  f.date = date;
  std::thread personnel([&] {
    personnel::v1::GetPersonRequest r;
    r.set_name(f.person);
    f.person_record.status = CallPeer<personnel::v1::Personnel>(
        ctx, "personnel", &personnel::v1::Personnel::Stub::GetPerson, r, &f.person_record.value);
  });
  std::thread assessment([&] {
    assessment::v1::GetAssessmentStandingRequest r;
    r.set_name(absl::StrCat(f.person, "/assessmentStanding"));
    *r.mutable_date() = date;
    f.standing.status = CallPeer<assessment::v1::Assessment>(
        ctx, "assessment", &assessment::v1::Assessment::Stub::GetAssessmentStanding, r,
        &f.standing.value);
  });
  std::thread points([&] {
    points::v1::GetPointBalanceRequest r;
    r.set_name(absl::StrCat(f.person, "/pointBalance"));
    f.balance.status = CallPeer<points::v1::Points>(
        ctx, "points", &points::v1::Points::Stub::GetPointBalance, r, &f.balance.value);
  });
  std::thread survey([&] {
    survey::v1::GetSatisfactionRateRequest r;
    r.set_person(f.person);
    f.satisfaction.status = CallPeer<survey::v1::Survey>(
        ctx, "survey", &survey::v1::Survey::Stub::GetSatisfactionRate, r, &f.satisfaction.value);
  });
  if (meanwhile) meanwhile();
  personnel.join();
  assessment.join();
  points.join();
  survey.join();
  return f;
}

}  // namespace auxpro::grading
