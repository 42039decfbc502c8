#pragma once

// For tests of the outbox through the real auxpro-server (tests/support/server_process.h): a fake
// EventConsumer standing in for points or grading, started on a port the server's --peers names;
// calls with a deadline that must succeed; waiting for a condition; and the personnel district
// (unit, limit, signed dispatch agreement, hired persons) made through the server's API with
// fixed request ids.

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "auxpro/common/v1/events.grpc.pb.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/common/calendar.h"
#include "libs/rpc/grpc_server.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/national_id.h"
#include "tests/support/test_env.h"

namespace auxpro::testing {

// Applies each event id once and records it. `counted_type` (empty: every type) limits what is
// gated and recorded; other events are accepted and ignored. Until Open(), it accepts only the
// first `accept_before_open` counted events and answers UNAVAILABLE to the rest.
class FakeEventConsumer final : public common::v1::EventConsumer::Service {
 public:
  explicit FakeEventConsumer(std::string counted_type = "",
                             size_t accept_before_open = std::numeric_limits<size_t>::max())
      : counted_type_(std::move(counted_type)), accept_(accept_before_open) {}

  grpc::Status ConsumeEvent(grpc::ServerContext*, const common::v1::ConsumeEventRequest* request,
                            common::v1::ConsumeEventResponse* response) override {
    if (!counted_type_.empty() && request->event().event_type() != counted_type_) {
      return grpc::Status::OK;
    }
    std::lock_guard lock(mu_);
    if (!open_ && applied_.size() >= accept_ && !seen_.contains(request->event().event_id())) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "consumer busy");
    }
    const bool duplicate = !seen_.insert(request->event().event_id()).second;
    response->set_duplicate(duplicate);
    if (!duplicate) applied_.push_back(request->event());
    return grpc::Status::OK;
  }
  void Open() {
    std::lock_guard lock(mu_);
    open_ = true;
  }
  std::vector<common::v1::Event> applied() {
    std::lock_guard lock(mu_);
    return applied_;
  }

 private:
  const std::string counted_type_;
  std::mutex mu_;
  size_t accept_;
  bool open_ = false;
  std::set<std::string> seen_;
  std::vector<common::v1::Event> applied_;
};

// Serves `consumer` on 127.0.0.1:`port` with the server identity; null (and a failure) if not.
inline std::unique_ptr<rpc::GrpcServer> StartConsumer(FakeEventConsumer* consumer, int port) {
  auto started = rpc::GrpcServer::Start(
      {absl::StrCat("127.0.0.1:", port), ServerIdentity(), "", {}}, {consumer}, {});
  EXPECT_TRUE(started.ok()) << started.status();
  return started.ok() ? std::move(*started) : nullptr;
}

// Runs `call(&context)` with a 20 s deadline; fails the test naming `what` unless it is OK.
template <typename Call>
void MustCall(const char* what, Call call) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  grpc::Status status = call(&context);
  ASSERT_TRUE(status.ok()) << what << ": " << status.error_message();
}

// Polls `done` every 100 ms, at most `tenths` times; returns its last answer.
template <typename Pred>
bool WaitFor(Pred done, int tenths) {
  for (int i = 0; i < tenths && !done(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

// A wenjiang district on the server at `port`: a unit, a limit of 10 and a signed agreement,
// each made once under request ids prefixed with `prefix`.
class OutboxDistrict {
 public:
  OutboxDistrict(int port, std::string prefix) : port_(port), prefix_(std::move(prefix)) {
    bureau_ = Stub("ENFORCEMENT_BUREAU");
    hr_ = Stub("HR_COMPANY");
    auto office = Stub("ESTABLISHMENT_OFFICE");
    MustCall("unit", [&](auto* c) {
      personnel::v1::CreateUnitRequest r;
      r.set_parent("jurisdictions/wenjiang");
      r.set_unit_id("unit-1");
      r.mutable_unit()->set_display_name("一中队");
      r.set_request_id(RequestId("unit"));
      return bureau_->CreateUnit(c, r, &unit_);
    });
    MustCall("limit", [&](auto* c) {
      personnel::v1::SetHeadcountLimitRequest r;
      r.set_parent("jurisdictions/wenjiang");
      r.set_limit(10);
      r.set_request_id(RequestId("limit"));
      personnel::v1::HeadcountLimit out;
      return office->SetHeadcountLimit(c, r, &out);
    });
    MustCall("agreement", [&](auto* c) {
      personnel::v1::CreateDispatchAgreementRequest r;
      r.set_parent("jurisdictions/wenjiang");
      auto* a = r.mutable_dispatch_agreement();
      a->set_title("派遣协议");
      a->set_headcount(10);
      *a->mutable_start_date() = ToProto(CivilDate{2000, 1, 1});
      *a->mutable_end_date() = ToProto(CivilDate{2100, 1, 1});
      r.set_request_id(RequestId("agreement"));
      return hr_->CreateDispatchAgreement(c, r, &agreement_);
    });
    MustCall("sign", [&](auto* c) {
      personnel::v1::SignDispatchAgreementRequest r;
      r.set_name(agreement_.name());
      r.set_request_id(RequestId("sign"));
      return bureau_->SignDispatchAgreement(c, r, &agreement_);
    });
  }

  std::shared_ptr<grpc::Channel> Channel(const std::string& kind) const {
    return *rpc::MakeMtlsChannel(absl::StrCat("127.0.0.1:", port_),
                                 ClientIdentity("wenjiang", kind));
  }
  std::unique_ptr<personnel::v1::Personnel::Stub> Stub(const std::string& kind) const {
    return personnel::v1::Personnel::NewStub(Channel(kind));
  }
  std::string RequestId(const std::string& step) const { return prefix_ + step; }

  // Creates `full_name` (national id serial `serial`) and hires them into the unit.
  personnel::v1::Person Hire(const std::string& full_name, int serial) {
    personnel::v1::Person person;
    const std::string step = absl::StrCat(serial);
    MustCall("person", [&](auto* c) {
      personnel::v1::CreatePersonRequest r;
      r.set_parent("jurisdictions/wenjiang");
      r.mutable_person()->set_full_name(full_name);
      r.mutable_person()->set_national_id(MakeNationalId(1990, 1, 1, serial));
      r.mutable_person()->set_education(common::v1::HIGH_SCHOOL);
      r.mutable_person()->set_post_type(personnel::v1::FIELD);
      r.mutable_person()->add_attestations(common::v1::FIT_FOR_POST);
      r.mutable_person()->add_attestations(common::v1::SPEAKS_MANDARIN);
      r.set_request_id(RequestId("person-" + step));
      return hr_->CreatePerson(c, r, &person);
    });
    MustCall("hire", [&](auto* c) {
      personnel::v1::HirePersonRequest r;
      r.set_name(person.name());
      r.set_unit(unit_.name());
      r.set_dispatch_agreement(agreement_.name());
      r.set_request_id(RequestId("hire-" + step));
      return bureau_->HirePerson(c, r, &person);
    });
    return person;
  }

  const personnel::v1::Unit& unit() const { return unit_; }
  personnel::v1::Personnel::Stub& bureau() { return *bureau_; }

 private:
  int port_;
  std::string prefix_;
  std::unique_ptr<personnel::v1::Personnel::Stub> bureau_, hr_;
  personnel::v1::Unit unit_;
  personnel::v1::DispatchAgreement agreement_;
};

}  // namespace auxpro::testing
