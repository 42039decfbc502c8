#include "tools/auxpro-demo/demo_points.h"

#include <grpcpp/client_context.h>

#include <chrono>
#include <functional>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "auxpro/points/v1/points_service.grpc.pb.h"
#include "tools/auxpro-demo/demo_data.h"

namespace auxpro::demo {

namespace {

namespace v1 = points::v1;
using common::v1::CommendationBody;
using common::v1::CommendationLevel;

bool Ok(const std::string& what, const std::function<grpc::Status(grpc::ClientContext*)>& call) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-auxpro-actor", "demo-loader");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  grpc::Status s = call(&ctx);
  if (s.ok()) return true;
  std::cerr << "auxpro-demo: auxpro.points.v1.Points/" << what << " failed: " << s.error_code()
            << " " << s.error_message() << "\n";
  return false;
}

}  // namespace

int LoadPointsDemo(const std::shared_ptr<grpc::Channel>& bureau_channel,
                   const std::shared_ptr<grpc::Channel>& office_channel,
                   const std::string& jurisdiction, const std::vector<std::string>& persons) {
  if (persons.size() < 6) return 0;
  auto bureau = v1::Points::NewStub(bureau_channel);
  auto office = v1::Points::NewStub(office_channel);
  auto rid = [&](const std::string& step) {
    return DeterministicRequestId(absl::StrCat("demo/", jurisdiction, "/points/", step));
  };
  const std::string doc = DocumentPrefix(jurisdiction);
  struct Commendation {
    int person;
    CommendationBody body;
    CommendationLevel level;
    bool own;
    const char* matter;
    const char* reason;
  };
  const Commendation commendations[] = {
      {0, common::v1::PARTY_GOVERNMENT, common::v1::CITY, true, "deed-flood-2026",
       "防汛抢险中转移群众"},
      {0, common::v1::DEPARTMENT, common::v1::PROVINCE, true, "deed-flood-2026",
       "防汛抢险中转移群众 (省住建厅通报表扬)"},
      {1, common::v1::PARTY_GOVERNMENT, common::v1::PROVINCE, true, "deed-rescue-2026",
       "见义勇为救助落水儿童"},
      {1, common::v1::GENERAL_OFFICE, common::v1::DISTRICT, true, "deed-civility-2026",
       "文明城市创建工作表现突出"},
      {2, common::v1::PARTY_GOVERNMENT, common::v1::DISTRICT, false, "deed-team-2026",
       "中队集体嘉奖 (集体表彰，不计个人积分)"},
      {3, common::v1::GENERAL_OFFICE, common::v1::CITY, true, "deed-service-2026",
       "市容整治专项行动"},
  };
  int n = 0;
  for (const Commendation& c : commendations) {
    v1::RecordCommendationRequest req;
    req.set_parent(persons[c.person]);
    auto* m = req.mutable_commendation();
    m->set_body(c.body);
    m->set_level(c.level);
    m->set_in_own_name(c.own);
    m->set_matter_id(c.matter);
    m->set_reason(c.reason);
    m->set_evidence_ref(absl::StrCat(doc, "府表〔", kDemoYear, "〕", ++n, "号"));
    req.set_request_id(rid(absl::StrCat("commendation/", n)));
    v1::PointEntry out;
    auto* stub = n % 2 ? bureau.get() : office.get();
    if (!Ok("RecordCommendation",
            [&](grpc::ClientContext* ctx) { return stub->RecordCommendation(ctx, req, &out); })) {
      return 1;
    }
  }
  struct Breach {
    int person;
    const char* rule;
    int amount;
    const char* reason;
  };
  const Breach breaches[] = {
      {4, "BREACH_DISCIPLINE", -3, "值班期间脱岗"},
      {5, "BREACH_MEDIA_EXPOSURE", -10, "执法辅助过程被媒体曝光，造成不良影响"},
      {3, "BREACH_REFUSED_ASSIGNMENT", -5, "不服从中队勤务安排"},
  };
  v1::PointEntry mistaken;
  n = 0;
  for (const Breach& b : breaches) {
    v1::RecordBreachRequest req;
    req.set_parent(persons[b.person]);
    req.set_rule_code(b.rule);
    req.set_amount(b.amount);
    req.set_reason(b.reason);
    req.set_request_id(rid(absl::StrCat("breach/", ++n)));
    v1::PointEntry out;
    if (!Ok("RecordBreach",
            [&](grpc::ClientContext* ctx) { return bureau->RecordBreach(ctx, req, &out); })) {
      return 1;
    }
    if (n == 3) mistaken = out;
  }
  // The third breach was recorded against the wrong person: the bureau reverses it.
  v1::ReverseEntryRequest rev;
  rev.set_name(mistaken.name());
  rev.set_reason("登记对象有误，予以冲正");
  rev.set_request_id(rid("reversal/1"));
  v1::PointEntry reversal;
  if (!Ok("ReverseEntry",
          [&](grpc::ClientContext* ctx) { return bureau->ReverseEntry(ctx, rev, &reversal); })) {
    return 1;
  }
  std::cout << "[points] " << std::size(commendations) << " commendations (one deed twice, one "
            << "collective), " << std::size(breaches) << " breaches, 1 reversal\n";
  return 0;
}

}  // namespace auxpro::demo
