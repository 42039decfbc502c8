#include "services/grading/round_reader.h"

#include <grpcpp/client_context.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "auxpro/assessment/v1/assessment_service.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "libs/common/status_macros.h"
#include "services/grading/grading_store.h"
#include "services/grading/round_store.h"

namespace auxpro::grading {

namespace {

// A batch of 1000 takes a few hundred milliseconds; a service that does not answer in this time
// fails the page rather than holding it.
constexpr auto kBatchDeadline = std::chrono::seconds(10);

// Calls `method` of the `service` peer: OK, or UNAVAILABLE naming the service (no route, no
// answer, or any error of the peer: a batch the round cannot use).
template <typename Service, typename Request, typename Response, typename Method>
absl::Status CallBatch(const service::ServiceContext& ctx, const std::string& service,
                       Method method, const Request& request, Response* response) {
  auto stub = ctx.peers == nullptr ? nullptr : ctx.peers->StubOf<Service>(service);
  if (stub == nullptr) return absl::UnavailableError(absl::StrCat(service, " service: no route"));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kBatchDeadline);
  grpc::Status s = ((*stub).*method)(&context, request, response);
  if (s.ok()) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("round: the ", service, " service did not answer: ",
                                             s.error_message(), " (",
                                             static_cast<int>(s.error_code()), ")"));
}

bool Employed(const personnel::v1::Person& p) {
  return p.state() == personnel::v1::PROBATION || p.state() == personnel::v1::ACTIVE;
}

}  // namespace

absl::StatusOr<RoundChunk> ReadRoundChunk(const service::ServiceContext& ctx,
                                          const std::string& j, const std::string& chunk_token,
                                          int size, const common::v1::Date& date) {
  const std::string parent = absl::StrCat("jurisdictions/", j);
  personnel::v1::ListPersonsRequest list;
  list.set_parent(parent);
  list.set_page_size(std::clamp(size, 1, kRoundChunk));
  list.set_page_token(chunk_token);
  personnel::v1::ListPersonsResponse persons;
  RETURN_IF_ERROR(CallBatch<personnel::v1::Personnel>(
      ctx, "personnel", &personnel::v1::Personnel::Stub::ListPersons, list, &persons));
  RoundChunk out;
  out.scanned = persons.persons_size();
  out.next_chunk_token = persons.next_page_token();
  std::vector<std::string> ids;
  for (auto& p : *persons.mutable_persons()) {
    if (!Employed(p)) continue;
    RoundCandidate c;
    c.facts.person = p.name();
    c.facts.date = date;
    c.facts.person_record.status = absl::OkStatus();
    c.facts.person_record.value = std::move(p);
    ids.push_back(c.facts.person.substr(c.facts.person.find_last_of('/') + 1));
    out.candidates.push_back(std::move(c));
  }
  if (ids.empty()) return out;

  assessment::v1::BatchGetAssessmentStandingsRequest standings_req;
  points::v1::BatchGetPointBalancesRequest balances_req;
  survey::v1::BatchGetSatisfactionRatesRequest rates_req;
  standings_req.set_parent(parent);
  *standings_req.mutable_date() = date;
  balances_req.set_parent(parent);
  rates_req.set_parent(parent);
  for (const RoundCandidate& c : out.candidates) {
    standings_req.add_names(absl::StrCat(c.facts.person, "/assessmentStanding"));
    balances_req.add_names(absl::StrCat(c.facts.person, "/pointBalance"));
    rates_req.add_persons(c.facts.person);
  }
  assessment::v1::BatchGetAssessmentStandingsResponse standings;
  points::v1::BatchGetPointBalancesResponse balances;
  survey::v1::BatchGetSatisfactionRatesResponse rates;
  absl::Status standings_status, balances_status, rates_status, records_status;
  std::map<std::string, store::RoundRecord> records;
  std::thread assessment([&] {
    standings_status = CallBatch<assessment::v1::Assessment>(
        ctx, "assessment", &assessment::v1::Assessment::Stub::BatchGetAssessmentStandings,
        standings_req, &standings);
  });
  std::thread points([&] {
    balances_status = CallBatch<points::v1::Points>(
        ctx, "points", &points::v1::Points::Stub::BatchGetPointBalances, balances_req, &balances);
  });
  std::thread survey([&] {
    rates_status = CallBatch<survey::v1::Survey>(
        ctx, "survey", &survey::v1::Survey::Stub::BatchGetSatisfactionRates, rates_req, &rates);
  });
  records_status = ctx.pool.Read([&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(records, store::RoundRecordsOf(tx, j, ids));
    return absl::OkStatus();
  });
  assessment.join();
  points.join();
  survey.join();
  RETURN_IF_ERROR(records_status);
  RETURN_IF_ERROR(standings_status);
  RETURN_IF_ERROR(balances_status);
  RETURN_IF_ERROR(rates_status);
  const size_t n = out.candidates.size();
  if (standings.assessment_standings_size() != static_cast<int>(n) ||
      balances.point_balances_size() != static_cast<int>(n) ||
      rates.satisfaction_rates_size() != static_cast<int>(n)) {
    return absl::UnavailableError("round: a batch read answered a different number of persons");
  }
  for (size_t i = 0; i < n; ++i) {
    RoundCandidate& c = out.candidates[i];
    c.facts.standing.status = absl::OkStatus();
    c.facts.standing.value = std::move(*standings.mutable_assessment_standings(i));
    c.facts.balance.status = absl::OkStatus();
    c.facts.balance.value = std::move(*balances.mutable_point_balances(i));
    c.facts.satisfaction.status = absl::OkStatus();
    c.facts.satisfaction.value = std::move(*rates.mutable_satisfaction_rates(i));
    auto it = records.find(ids[i]);
    if (it == records.end()) continue;
    c.facts.current_level = it->second.level;
    if (!it->second.open_application.empty()) {
      c.open_application = store::ApplicationName(j, it->second.open_application);
    }
    if (!it->second.open_demotion_case.empty()) {
      c.open_demotion_case = store::CaseName(j, it->second.open_demotion_case);
    }
  }
  return out;
}

}  // namespace auxpro::grading
