// auxpro-demo: the quick-start client of deploy/local/up.sh.
//
//   auxpro-demo --endpoint=127.0.0.1:PORT --certs_dir=.local/certs --wait_ready=60
//   auxpro-demo --endpoint=127.0.0.1:PORT --certs_dir=.local/certs --jurisdiction=wenjiang --load
//
// --wait_ready polls grpc.health.v1.Health/Check (service "") over mTLS until SERVING.
// --load creates a demo district through the public Personnel and Assessment APIs (daily records,
// the month's assessments, the quarter's session with exam results, proposed annual grades), each
// call with the agency certificate its access option requires. Every mutating call carries a
// request_id derived from "demo/<jurisdiction>/<step>/<n>", so running it again replays the first
// answers and creates nothing twice.

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/policy/policy_set.h"
#include "libs/rpc/error_info.h"
#include "libs/rpc/tls_files.h"
#include "tools/auxpro-demo/demo_assessment.h"
#include "tools/auxpro-demo/demo_data.h"
#include "tools/auxpro-demo/demo_grading.h"
#include "tools/auxpro-demo/demo_points.h"
#include "tools/auxpro-demo/demo_working_life.h"
#include "tools/auxpro-demo/survey_demo.h"

namespace auxpro::demo {
namespace {

namespace v1 = personnel::v1;
using Stub = v1::Personnel::Stub;

constexpr char kUsage[] =
    "usage: auxpro-demo --endpoint=HOST:PORT --certs_dir=DIR [--jurisdiction=wenjiang]\n"
    "                   [--wait_ready=SECONDS] [--load]\n"
    "  --endpoint      the auxpro-server gRPC address (mTLS), e.g. 127.0.0.1:50051\n"
    "  --certs_dir     certificates made by deploy/local/certs.sh: DIR/ca.crt and\n"
    "                  DIR/clients/<jurisdiction>/<AGENCY_KIND>.crt/.key\n"
    "  --jurisdiction  whose certificates and data (default wenjiang)\n"
    "  --wait_ready    poll grpc.health.v1 Health/Check until SERVING, at most SECONDS\n"
    "  --load          load the demo district (units, limits, agreement, 60 persons, training,\n"
    "                  permits); running it again reuses what exists\n";

constexpr int kPersons = 60;
constexpr int kUnits = 3;

struct Flags {
  std::string endpoint;
  std::string certs_dir;
  std::string jurisdiction = "wenjiang";
  int wait_ready = -1;  // seconds; -1: not asked
  bool load = false;
};

[[noreturn]] void Usage(const std::string& problem) {
  std::cerr << "auxpro-demo: " << problem << "\n" << kUsage;
  std::exit(2);
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (arg.rfind("--", 0) != 0) Usage(absl::StrCat("unexpected argument \"", arg, "\""));
    arg = arg.substr(2);
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const bool has_value = eq != std::string::npos;
    const std::string value = has_value ? arg.substr(eq + 1) : "";
    if (name == "load") {
      if (!has_value || value == "true" || value == "1") {
        f.load = true;
      } else if (value == "false" || value == "0") {
        f.load = false;
      } else {
        Usage(absl::StrCat("--load takes no value (or true/false), got \"", value, "\""));
      }
      continue;
    }
    if (!has_value) Usage(absl::StrCat("--", name, " needs a value (--", name, "=...)"));
    if (name == "endpoint") {
      f.endpoint = value;
    } else if (name == "certs_dir") {
      f.certs_dir = value;
    } else if (name == "jurisdiction") {
      f.jurisdiction = value;
    } else if (name == "wait_ready") {
      if (!absl::SimpleAtoi(value, &f.wait_ready) || f.wait_ready < 0) {
        Usage(absl::StrCat("--wait_ready: a number of seconds >= 0, got \"", value, "\""));
      }
    } else {
      Usage(absl::StrCat("unknown flag --", name));
    }
  }
  if (f.endpoint.empty()) Usage("--endpoint is required");
  if (f.certs_dir.empty()) Usage("--certs_dir is required");
  if (f.jurisdiction.empty()) Usage("--jurisdiction must not be empty");
  if (f.wait_ready < 0 && !f.load) Usage("nothing to do: give --wait_ready=SECONDS and/or --load");
  return f;
}

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::OK:
      return "OK";
    case grpc::CANCELLED:
      return "CANCELLED";
    case grpc::UNKNOWN:
      return "UNKNOWN";
    case grpc::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::ABORTED:
      return "ABORTED";
    case grpc::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::INTERNAL:
      return "INTERNAL";
    case grpc::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN_CODE";
  }
}

std::string Describe(const grpc::Status& s) {
  std::string out = absl::StrCat(CodeName(s.error_code()), ": ", s.error_message());
  if (auto info = rpc::ErrorInfoOf(s)) {
    absl::StrAppend(&out, " [", info->reason);
    for (const auto& [k, v] : info->metadata) absl::StrAppend(&out, " ", k, "=", v);
    absl::StrAppend(&out, "]");
  }
  return out;
}

// The mTLS identity of `kind` (e.g. "ENFORCEMENT_BUREAU") of `jurisdiction`.
rpc::TlsFiles Identity(const Flags& f, const std::string& jurisdiction, const std::string& kind) {
  const std::string base = absl::StrCat(f.certs_dir, "/clients/", jurisdiction, "/", kind);
  return rpc::TlsFiles{base + ".crt", base + ".key", f.certs_dir + "/ca.crt"};
}
rpc::TlsFiles Identity(const Flags& f, const std::string& kind) {
  return Identity(f, f.jurisdiction, kind);
}

std::shared_ptr<grpc::Channel> ChannelOrDie(const Flags& f, const std::string& jurisdiction,
                                            const std::string& kind) {
  auto channel = rpc::MakeMtlsChannel(f.endpoint, Identity(f, jurisdiction, kind));
  if (!channel.ok()) {
    std::cerr << "auxpro-demo: cannot make the mTLS channel as " << jurisdiction << "/" << kind
              << ": " << channel.status().message()
              << " (certificates come from deploy/local/certs.sh)\n";
    std::exit(1);
  }
  return *channel;
}
std::shared_ptr<grpc::Channel> ChannelOrDie(const Flags& f, const std::string& kind) {
  return ChannelOrDie(f, f.jurisdiction, kind);
}

// ------------------------------------------------------------------------------ --wait_ready

// Reads field 1 (varint) of a serialized grpc.health.v1.HealthCheckResponse; -1 when absent.
int HealthStatusOf(const std::string& bytes) {
  size_t i = 0;
  auto varint = [&](uint64_t* out) {
    *out = 0;
    for (int shift = 0; i < bytes.size() && shift < 64; shift += 7) {
      const auto b = static_cast<unsigned char>(bytes[i++]);
      *out |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  };
  int status = -1;
  while (i < bytes.size()) {
    uint64_t key = 0, value = 0;
    if (!varint(&key)) return -1;
    switch (key & 7) {
      case 0:
        if (!varint(&value)) return -1;
        if ((key >> 3) == 1) status = static_cast<int>(value);
        break;
      case 2:
        if (!varint(&value) || value > bytes.size() - i) return -1;
        i += value;
        break;
      default:
        return status;  // not in HealthCheckResponse
    }
  }
  return status;
}

// One Health/Check call; returns "" when SERVING, else what was wrong.
std::string CheckHealthOnce(const Flags& f, std::chrono::milliseconds timeout) {
  auto channel = rpc::MakeMtlsChannel(f.endpoint, Identity(f, "ENFORCEMENT_BUREAU"));
  if (!channel.ok()) return std::string(channel.status().message());
  grpc::GenericStub stub(*channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + timeout);
  // HealthCheckRequest{service: ""}: every field at its default, so zero bytes.
  grpc::Slice empty("", 0);
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  grpc::Status status = done.get_future().get();
  if (!status.ok()) return Describe(status);
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return "unreadable health response";
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  const int serving = HealthStatusOf(bytes);
  if (serving == 1) return "";
  static const std::map<int, std::string> kNames = {
      {0, "UNKNOWN"}, {2, "NOT_SERVING"}, {3, "SERVICE_UNKNOWN"}};
  auto it = kNames.find(serving);
  return absl::StrCat("health status ", it == kNames.end() ? std::to_string(serving) : it->second);
}

int WaitReady(const Flags& f) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::seconds(f.wait_ready);
  std::string last;
  int attempts = 0;
  while (true) {
    ++attempts;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    // A fresh channel per attempt: no reconnect back-off carried over from a refused connect.
    last = CheckHealthOnce(
        f, std::clamp(left, std::chrono::milliseconds(200), std::chrono::milliseconds(3000)));
    if (last.empty()) {
      std::cout << "auxpro-demo: " << f.endpoint << " is SERVING (grpc.health.v1, as "
                << f.jurisdiction << "/ENFORCEMENT_BUREAU)\n";
      return 0;
    }
    if (Clock::now() + std::chrono::milliseconds(250) >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  std::cerr << "auxpro-demo: " << f.endpoint << " not SERVING after " << f.wait_ready << " s ("
            << attempts << " attempts); last answer: " << last << "\n";
  return 1;
}

// ------------------------------------------------------------------------------------ --load

class Loader {
 public:
  explicit Loader(const Flags& f)
      : f_(f),
        parent_("jurisdictions/" + f.jurisdiction),
        bureau_(v1::Personnel::NewStub(ChannelOrDie(f, "ENFORCEMENT_BUREAU"))),
        office_(v1::Personnel::NewStub(ChannelOrDie(f, "ESTABLISHMENT_OFFICE"))),
        hr_(v1::Personnel::NewStub(ChannelOrDie(f, "HR_COMPANY"))),
        year_(TodayInChina().year()) {}

  int Run() {
    std::cout << "auxpro-demo: loading the demo district of " << f_.jurisdiction << " into "
              << f_.endpoint << " (request_ids are deterministic: a rerun replays)\n";
    CreateUnits();
    SetLimits();
    CreateAgreement();
    CreatePersons();
    HireTrainAndPermit();
    EndProbations();
    std::cout << "[6b] working life: hiring steps, direct hire, re-hire, contract, backbone\n";
    calls_ += LoadWorkingLifeDemo(WorkingLife());
    calls_ += LoadSurveyDemo(
        {f_.jurisdiction, badges_, [this](const std::string& step, int n) { return Rid(step, n); }},
        ChannelOrDie(f_, "ENFORCEMENT_BUREAU"), ChannelOrDie(f_, "PUBLIC"));
    std::vector<std::string> persons;
    for (const auto& p : persons_) persons.push_back(p.name());
    calls_ += LoadAssessment({f_.jurisdiction, ChannelOrDie(f_, "ENFORCEMENT_BUREAU"),
                              ChannelOrDie(f_, "ASSESSOR"),
                              absl::StrCat(f_.jurisdiction, "-assessor"), units_, persons});
    LoadPoints();
    calls_ += LoadGradingDemo({f_.jurisdiction, ChannelOrDie(f_, "ENFORCEMENT_BUREAU"),
                               ChannelOrDie(f_, "HR_COMPANY"), ChannelOrDie(f_, "ESTABLISHMENT_OFFICE"),
                               units_, persons});
    Summary();
    return 0;
  }

 private:
  std::string Rid(const std::string& step, int n) const {
    return DeterministicRequestId(absl::StrCat("demo/", f_.jurisdiction, "/", step, "/", n));
  }

  // The jurisdiction's preset as compiled in (the steps, checklist and rules the demo follows).
  const policy::v1::Policy& Policy() {
    if (policies_.empty()) {
      auto set = policy::PolicySet::LoadEmbedded();
      if (!set.ok() || set->Find(f_.jurisdiction) == nullptr) {
        std::cerr << "auxpro-demo: no compiled-in policy for " << f_.jurisdiction << "\n";
        std::exit(1);
      }
      policies_ = *std::move(set);
    }
    return *policies_.Find(f_.jurisdiction);
  }

  // Built once, after the units and the agreement exist.
  const WorkingLifeDemo& WorkingLife() {
    if (working_life_) return *working_life_;
    working_life_ = WorkingLifeDemo{f_.jurisdiction,
                                    &Policy(),
                                    [this](const std::string& step, int n) { return Rid(step, n); },
                                    ChannelOrDie(f_, "ENFORCEMENT_BUREAU"),
                                    ChannelOrDie(f_, "HR_COMPANY"),
                                    ChannelOrDie(f_, "ESTABLISHMENT_OFFICE"),
                                    units_.empty() ? "" : units_[0],
                                    agreement_};
    Policy();  // the presets loaded
    working_life_->preset = [this](const std::string& j) { return policies_.Find(j); };
    working_life_->channel_of = [this](const std::string& j, const std::string& kind) {
      return ChannelOrDie(f_, j, kind);
    };
    return *working_life_;
  }

  // Runs one call with the actor metadata; on an error not in `accept`, prints it and exits 1.
  grpc::Status Invoke(const std::string& method, const std::string& what,
                      const std::function<grpc::Status(grpc::ClientContext*)>& call,
                      std::set<grpc::StatusCode> accept = {}) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-auxpro-actor", "demo-loader");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    grpc::Status s = call(&ctx);
    ++calls_;
    if (s.ok() || accept.count(s.error_code()) > 0) return s;
    std::cerr << "auxpro-demo: auxpro.personnel.v1.Personnel/" << method;
    if (!what.empty()) std::cerr << " (" << what << ")";
    std::cerr << " failed: " << Describe(s) << "\n";
    std::exit(1);
  }

  // 1. Units, by the enforcement bureau.
  void CreateUnits() {
    static constexpr const char* kDisplay[kUnits] = {"一中队", "二中队", "三中队"};
    for (int k = 1; k <= kUnits; ++k) {
      v1::CreateUnitRequest req;
      req.set_parent(parent_);
      req.set_unit_id(absl::StrCat("unit-", k));
      req.mutable_unit()->set_display_name(kDisplay[k - 1]);
      req.set_request_id(Rid("unit", k));
      v1::Unit unit;
      grpc::Status s =
          Invoke("CreateUnit", req.unit_id(),
                 [&](grpc::ClientContext* c) { return bureau_->CreateUnit(c, req, &unit); },
                 {grpc::ALREADY_EXISTS});
      const std::string name = absl::StrCat(parent_, "/units/", req.unit_id());
      if (!s.ok()) {
        std::cout << "  note: " << name << " already exists (not made by this loader's request_id);"
                  << " using it\n";
      } else if (unit.name() != name) {
        std::cerr << "auxpro-demo: CreateUnit returned \"" << unit.name() << "\", expected \""
                  << name << "\"\n";
        std::exit(1);
      }
      units_.push_back(name);
    }
    std::cout << "[1/6] units: " << units_.size() << " (" << kDisplay[0] << ", " << kDisplay[1]
              << ", " << kDisplay[2] << ")\n";
  }

  // 2. Head-count limits, by the establishment office.
  void SetLimits() {
    const std::string prefix = DocumentPrefix(f_.jurisdiction);
    auto set = [&](const std::string& unit, int limit, int n) {
      v1::SetHeadcountLimitRequest req;
      req.set_parent(parent_);
      req.set_unit(unit);
      req.set_limit(limit);
      req.set_document_ref(absl::StrCat(prefix, "〔", kDemoYear, "〕", unit.empty() ? 1 : 2, "号"));
      req.set_request_id(Rid("headcount", n));
      v1::HeadcountLimit out;
      Invoke("SetHeadcountLimit", unit.empty() ? "jurisdiction" : unit,
             [&](grpc::ClientContext* c) { return office_->SetHeadcountLimit(c, req, &out); });
    };
    set("", 80, 0);
    for (int k = 0; k < kUnits; ++k) set(units_[k], 25, k + 1);
    std::cout << "[2/6] head-count limits: jurisdiction 80, each unit 25\n";
  }

  // 3. Dispatch agreement: drafted (and signed) by the HR company, signed by the bureau.
  void CreateAgreement() {
    v1::CreateDispatchAgreementRequest req;
    req.set_parent(parent_);
    req.set_request_id(Rid("agreement", 1));
    v1::DispatchAgreement* a = req.mutable_dispatch_agreement();
    a->set_title(absl::StrCat(JurisdictionTitle(f_.jurisdiction), "城市管理辅助人员劳务派遣协议（",
                              kDemoYear, "—", kDemoYear + 4, "年）"));
    a->add_posts("外勤巡查（市容秩序、占道经营、违规广告）");
    a->add_posts("内勤（案卷整理、数据录入、窗口服务）");
    a->set_duties(
        "在执法人员指挥下协助开展市容环境巡查、劝导和信息采集，协助做好案卷整理、数据录入等内勤"
        "工作；不得独立执法。");
    a->set_headcount(70);
    a->mutable_start_date()->set_year(kDemoYear);
    a->mutable_start_date()->set_month(1);
    a->mutable_start_date()->set_day(1);
    a->mutable_end_date()->set_year(kDemoYear + 4);
    a->mutable_end_date()->set_month(12);
    a->mutable_end_date()->set_day(31);
    a->set_monthly_pay_fen(450000);
    a->set_social_insurance(
        "养老、医疗、失业、工伤、生育保险及住房公积金按成都市缴费基数足额缴纳，单位部分由派遣公司"
        "承担并按月缴纳，费用计入派遣服务费。");
    a->set_breach_liability(
        "派遣公司未按约定足额发放工资或缴纳社会保险的，按欠缴金额的20%支付违约金并补足；"
        "用工单位逾期支付派遣服务费的，按日万分之五支付滞纳金。");
    v1::DispatchAgreement created;
    Invoke("CreateDispatchAgreement", "HR company",
           [&](grpc::ClientContext* c) { return hr_->CreateDispatchAgreement(c, req, &created); });
    agreement_ = created.name();

    v1::SignDispatchAgreementRequest sign;
    sign.set_name(agreement_);
    sign.set_request_id(Rid("agreement-sign", 1));
    v1::DispatchAgreement signed_;
    Invoke("SignDispatchAgreement", "bureau", [&](grpc::ClientContext* c) {
      return bureau_->SignDispatchAgreement(c, sign, &signed_);
    });
    if (signed_.state() != v1::DispatchAgreement::ACTIVE) {
      std::cerr << "auxpro-demo: " << agreement_ << " is not ACTIVE after both signatures (state "
                << v1::DispatchAgreement::State_Name(signed_.state()) << ")\n";
      std::exit(1);
    }
    const common::v1::Date today = TodayInChina();
    if (today.year() > kDemoYear + 4) {
      std::cout << "  warning: the demo agreement ends " << FormatDate(a->end_date())
                << "; hiring today (" << FormatDate(today) << ") will be refused\n";
    }
    std::cout << "[3/6] dispatch agreement " << agreement_ << ": ACTIVE, head-count "
              << signed_.headcount() << ", " << FormatDate(signed_.start_date()) << " to "
              << FormatDate(signed_.end_date()) << "\n";
  }

  // 4. Person records, by the HR company.
  void CreatePersons() {
    for (int n = 0; n < kPersons; ++n) {
      v1::CreatePersonRequest req;
      req.set_parent(parent_);
      *req.mutable_person() = DemoPerson(f_.jurisdiction, n);
      req.set_request_id(Rid("person", n + 1));
      v1::Person out;
      Invoke("CreatePerson", absl::StrCat("person ", n + 1, " ", req.person().full_name()),
             [&](grpc::ClientContext* c) { return hr_->CreatePerson(c, req, &out); });
      persons_.push_back(out);
      full_names_[out.name()] = out.full_name();
    }
    std::cout << "[4/6] person records: " << persons_.size() << "\n";
  }

  // 5. Hire, pre-job training, permit, annual training; by the bureau.
  void HireTrainAndPermit() {
    int hired = 0, permits = 0, annual = 0;
    for (int n = 0; n < kPersons; ++n) {
      const std::string who = absl::StrCat("person ", n + 1, " ", persons_[n].full_name());
      // The policy's hiring steps first (haimen 三(一)2-3, longquan art. 6, shanxi art. 10).
      calls_ += RecordDemoHiringSteps(WorkingLife(), persons_[n].name(), n, 1);
      v1::HirePersonRequest hire;
      hire.set_name(persons_[n].name());
      hire.set_unit(units_[n % kUnits]);
      hire.set_dispatch_agreement(agreement_);
      // hire_date unset: the server's today (and the same request on a rerun).
      hire.set_request_id(Rid("hire", n + 1));
      v1::Person p;
      Invoke("HirePerson", who,
             [&](grpc::ClientContext* c) { return bureau_->HirePerson(c, hire, &p); });
      ++hired;
      // Training dates follow the hire date the server answered (replayed on a rerun).
      const common::v1::Date hired_on = p.hire_date();

      v1::RecordTrainingRequest pre;
      pre.set_parent(p.name());
      pre.set_request_id(Rid("training-prejob", n + 1));
      v1::TrainingRecord* t = pre.mutable_training_record();
      t->set_kind(v1::PRE_JOB);
      t->set_topic("岗前培训：城市管理法律法规、文明执勤规范、安全防护");
      *t->mutable_start_date() = hired_on;
      t->set_days(15);
      t->set_passed(true);
      v1::TrainingRecord rec;
      Invoke("RecordTraining", who + " PRE_JOB",
             [&](grpc::ClientContext* c) { return bureau_->RecordTraining(c, pre, &rec); });

      v1::IssuePermitRequest permit;
      permit.set_name(p.name());
      permit.set_request_id(Rid("permit", n + 1));
      v1::Permit issued;
      Invoke("IssuePermit", who,
             [&](grpc::ClientContext* c) { return bureau_->IssuePermit(c, permit, &issued); });
      ++permits;
      badges_.emplace_back(p.name(), issued.badge_number());

      // A few are left without this year's annual training, so the coverage report names them.
      if (n % 12 == 5) continue;
      v1::RecordTrainingRequest yearly;
      yearly.set_parent(p.name());
      yearly.set_request_id(Rid(absl::StrCat("training-annual-", year_), n + 1));
      t = yearly.mutable_training_record();
      t->set_kind(v1::ANNUAL);
      t->set_topic(absl::StrCat(year_, "年度集中轮训：业务知识与应急处置"));
      if (hired_on.year() == year_) {
        *t->mutable_start_date() = hired_on;
      } else {
        t->mutable_start_date()->set_year(year_);
        t->mutable_start_date()->set_month(3);
        t->mutable_start_date()->set_day(2);
      }
      t->set_days(5);
      t->set_passed(true);
      Invoke("RecordTraining", who + " ANNUAL",
             [&](grpc::ClientContext* c) { return bureau_->RecordTraining(c, yearly, &rec); });
      ++annual;
    }
    std::cout << "[5/6] hired " << hired << " into " << kUnits << " units, " << permits
              << " permits issued, pre-job training for all, annual training " << year_ << " for "
              << annual << "\n";
  }

  // 6. End of probation for about half, by the HR company.
  void EndProbations() {
    int ended = 0;
    for (int n = 0; n < kPersons; n += 2) {
      v1::EndProbationRequest req;
      req.set_name(persons_[n].name());
      // wenjiang 7.3.1.2: the first centralized assessment after joining is the evidence.
      req.set_result(v1::PROBATION_PASSED);
      req.set_evidence_ref("首次集中考核合格");
      req.set_request_id(Rid("end-probation", n + 1));
      v1::Person out;
      Invoke("EndProbation", absl::StrCat("person ", n + 1, " ", persons_[n].full_name()),
             [&](grpc::ClientContext* c) { return hr_->EndProbation(c, req, &out); });
      ++ended;
    }
    std::cout << "[6/6] probation ended for " << ended << "\n";
  }

  // 7. Points: commendations, breaches and a reversal (tools/auxpro-demo/demo_points.cc).
  void LoadPoints() {
    std::vector<std::string> names;
    for (const auto& p : persons_) names.push_back(p.name());
    if (LoadPointsDemo(ChannelOrDie(f_, "ENFORCEMENT_BUREAU"),
                       ChannelOrDie(f_, "ESTABLISHMENT_OFFICE"), f_.jurisdiction, names) != 0) {
      std::exit(1);
    }
  }

  void Summary() {
    int units = 0;
    std::string token;
    do {
      v1::ListUnitsRequest req;
      req.set_parent(parent_);
      req.set_page_size(1000);
      req.set_page_token(token);
      v1::ListUnitsResponse resp;
      Invoke("ListUnits", "",
             [&](grpc::ClientContext* c) { return bureau_->ListUnits(c, req, &resp); });
      units += resp.units_size();
      token = resp.next_page_token();
    } while (!token.empty());

    std::map<std::string, int> by_state;
    int persons = 0;
    do {
      v1::ListPersonsRequest req;
      req.set_parent(parent_);
      req.set_page_size(1000);
      req.set_page_token(token);
      v1::ListPersonsResponse resp;
      Invoke("ListPersons", "",
             [&](grpc::ClientContext* c) { return bureau_->ListPersons(c, req, &resp); });
      for (const auto& p : resp.persons()) {
        ++persons;
        ++by_state[v1::PersonState_Name(p.state())];
      }
      token = resp.next_page_token();
    } while (!token.empty());

    int valid = 0, permits = 0;
    do {
      v1::ListPermitsRequest req;
      req.set_parent(parent_);
      req.set_page_size(1000);
      req.set_page_token(token);
      v1::ListPermitsResponse resp;
      Invoke("ListPermits", "",
             [&](grpc::ClientContext* c) { return bureau_->ListPermits(c, req, &resp); });
      for (const auto& p : resp.permits()) {
        ++permits;
        if (p.state() == v1::Permit::VALID) ++valid;
      }
      token = resp.next_page_token();
    } while (!token.empty());

    v1::GetTrainingCoverageRequest creq;
    creq.set_parent(parent_);
    creq.set_year(year_);
    v1::TrainingCoverage cov;
    Invoke("GetTrainingCoverage", "",
           [&](grpc::ClientContext* c) { return bureau_->GetTrainingCoverage(c, creq, &cov); });

    std::string states;
    for (const auto& [state, count] : by_state) {
      absl::StrAppend(&states, states.empty() ? "" : ", ", state, " ", count);
    }
    std::cout << "\nSummary for " << parent_ << " (" << calls_ << " calls):\n"
              << "  units:    " << units << "\n"
              << "  persons:  " << persons << " (" << states << ")\n"
              << "  permits:  " << valid << " valid of " << permits << "\n"
              << "  dispatch agreement: " << agreement_ << "\n"
              << absl::StrFormat(
                     "  annual training coverage %d: %d of %d (%.1f %%), target %d %%: %s\n",
                     cov.year(), cov.covered(), cov.required(), cov.percent(), cov.target_percent(),
                     cov.target_met() ? "met" : "not met");
    for (const auto& m : cov.missing()) {
      auto it = full_names_.find(m);
      std::cout << "    missing: " << m << (it == full_names_.end() ? "" : " " + it->second)
                << "\n";
    }
  }

  const Flags& f_;
  const std::string parent_;
  std::unique_ptr<Stub> bureau_, office_, hr_;
  const int year_;
  std::vector<std::string> units_;
  std::string agreement_;
  std::vector<v1::Person> persons_;
  std::vector<std::pair<std::string, std::string>> badges_;  // person name, badge number
  std::map<std::string, std::string> full_names_;
  int calls_ = 0;
  policy::PolicySet policies_;
  std::optional<WorkingLifeDemo> working_life_;
};

}  // namespace
}  // namespace auxpro::demo

int main(int argc, char** argv) {
  using namespace auxpro::demo;
  const Flags flags = ParseFlags(argc, argv);
  if (flags.wait_ready >= 0) {
    if (int rc = WaitReady(flags); rc != 0) return rc;
  }
  if (flags.load) return Loader(flags).Run();
  return 0;
}
