// ctest-labels: fuzz
// The inputs of the per-service fuzz targets through the real handlers and the real store
// (docs/reliability.md, "Hostile input"). The libFuzzer targets (tests/fuzz/<svc>_requests.cc) run
// a request through the check, the scoping and the pure rules only; here one in-process server
// with all five modules and the test MariaDB, and per case a small district (a unit, two hired
// auxiliaries, an open survey campaign), take for each target every input of its checked-in
// corpus and regressions, decoded into a call exactly as the target decodes it
// (tests/fuzz/request_input.h), the same with the placeholder names of tests/fuzz/requests/
// replaced by the district's (so that they get past NOT_FOUND into the handlers' writes), and a
// well-formed request of every method; each as it is with every agency kind the method's access
// declares, then a fixed number of deterministic mutations (a seeded PRNG) of its bytes (bit
// flips, boundary bytes, truncation, insertion, erasure, duplication, splicing) or of its fields
// (boundary numbers, enum values, long and odd strings, names of the district and of the run's
// answers, repeated fields grown), half of them with a fresh request_id so that they reach the
// handler rather than the idempotency check, one in eight as the same kind of longquan.
//
// Expected: every answer is OK or a client error (never INTERNAL, UNKNOWN, DEADLINE_EXCEEDED...)
// with a bounded message that shows no SQL and is not the database's own refusal; a longquan
// caller gets no wenjiang name it did not send; afterwards every outbox event is delivered, the
// server answers health and the audit chain of every service verifies. A failure prints the call
// and the input in hex ("<Method>\0<body>", ready for tests/fuzz/regressions/<target>/).
// AUXPRO_FUZZ_CORPUS_DIR=<dir> (e.g. build-fuzz/corpus after a long libFuzzer run) sends the
// inputs of <dir>/<target>/ too, unmutated; AUXPRO_FUZZ_STORE_SCALE and AUXPRO_FUZZ_STORE_SEED
// make longer and other runs by hand; AUXPRO_FUZZ_TRACE=1 prints every call.

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "auxpro/common/v1/access.pb.h"
#include "auxpro/common/v1/audit_service.grpc.pb.h"
#include "libs/db/transaction.h"
#include "services/assessment/assessment_module.h"
#include "services/grading/grading_module.h"
#include "services/personnel/personnel_module.h"
#include "services/points/points_module.h"
#include "services/survey/survey_module.h"
#include "tests/fuzz/request_input.h"
#include "tests/support/access_matrix.h"
#include "tests/support/call.h"
#include "tests/support/raw_call.h"
#include "tests/support/survey_client.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_server.h"

#ifndef AUXPRO_FUZZ_DIR
#error "AUXPRO_FUZZ_DIR (tests/fuzz of the source tree) is set by tests/CMakeLists.txt"
#endif

namespace auxpro {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// Mutations per checked-in input (and per district variant of one), and per method of the service
// (of its well-formed request).
constexpr int kMutationsPerSeed = 60;
constexpr int kMutationsPerMethod = 16;

// A longer run by hand: AUXPRO_FUZZ_STORE_SCALE=<n> makes n times the mutations, and
// AUXPRO_FUZZ_STORE_SEED=<s> other ones (the suite runs with 1 and the fixed seeds).
int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

// Inputs longer than this are cut (the checked-in ones are far smaller; gRPC's own 4 MB limit has
// its test in e2e_hostile_input_test).
constexpr size_t kMaxInputBytes = 64 << 10;
// What a refusal may carry (tests/fuzz/fuzz_check.h, kMaxRefusalBytes).
constexpr size_t kMaxRefusalBytes = 2048;

constexpr const char* kModules[] = {"personnel", "assessment", "points", "grading", "survey"};

// The placeholder names of tests/fuzz/requests/ (the seeds' resources).
constexpr char kPlaceholderPerson[] = "jurisdictions/wenjiang/persons/p-0123456789abcdef";
constexpr char kPlaceholderUnit[] = "jurisdictions/wenjiang/units/unit-1";
constexpr char kPlaceholderCampaign[] = "jurisdictions/wenjiang/campaigns/c-1";

bool AllowedCode(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::OUT_OF_RANGE:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::UNAVAILABLE:  // a peer service, in-process here, is busy or starting
      return true;
    default:
      return false;
  }
}

// Text of the database that must never reach a client (libs/rpc ForClient, libs/db SqlError).
constexpr const char* kDatabaseText[] = {
    "SQL",     "MariaDB", "mysql",   "Duplicate entry", "Data too long", "Out of range value",
    "Incorrect ", "SELECT ", "INSERT ", "UPDATE ",      "Deadlock"};

std::vector<std::string> ReadInputs(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(dir)) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() > kMaxInputBytes) bytes.resize(kMaxInputBytes);
    out.push_back(std::move(bytes));
  }
  return out;
}

// Replaces, in every string field of `m` (nested and repeated too), each `from` with its `to`.
// Returns whether anything changed.
bool ReplaceNames(Message& m, const std::vector<std::pair<std::string, std::string>>& names) {
  bool changed = false;
  const auto* reflection = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      const int n = f->is_repeated() ? reflection->FieldSize(m, f) : 1;
      for (int i = 0; i < n; ++i) {
        const std::string before = f->is_repeated() ? reflection->GetRepeatedString(m, f, i)
                                                    : reflection->GetString(m, f);
        const std::string after = absl::StrReplaceAll(before, names);
        if (after == before) continue;
        changed = true;
        f->is_repeated() ? reflection->SetRepeatedString(&m, f, i, after)
                         : reflection->SetString(&m, f, after);
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(m, f); ++i) {
          changed |= ReplaceNames(*reflection->MutableRepeatedMessage(&m, f, i), names);
        }
      } else {
        changed |= ReplaceNames(*reflection->MutableMessage(&m, f), names);
      }
    }
  }
  return changed;
}

void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// The idempotency key field of a mutating request (request_id; submission_id of a public survey
// answer), or nullptr.
const FieldDescriptor* IdempotencyField(const MethodDescriptor& method) {
  for (const char* name : {"request_id", "submission_id"}) {
    const FieldDescriptor* f = method.input_type()->FindFieldByName(name);
    if (f != nullptr && !f->is_repeated() && f->type() == FieldDescriptor::TYPE_STRING) return f;
  }
  return nullptr;
}

// The input that decodes to `method` with `body`, as the fuzz targets take it.
std::string AsInput(const MethodDescriptor& method, const std::string& body) {
  return absl::StrCat(method.name(), std::string(1, '\0'), body);
}

// Deterministic mutations of fuzz inputs (std::mt19937's output is fixed by the standard; the
// distributions are not, so only its raw output is used).
class Mutator {
 public:
  explicit Mutator(uint32_t seed) : rng_(seed) {}

  uint32_t Below(uint32_t n) { return n == 0 ? 0 : rng_() % n; }

  // One to three mutations stacked on `input`; `others` are splice partners. The method prefix
  // ("<Method>\0") is kept in 7 of 8 mutations, so that most of them reach the same method.
  std::string Mutate(const std::string& input, const std::vector<std::string>& others) {
    size_t keep = 0;
    if (Below(8) != 0) {
      const size_t nul = input.find('\0');
      if (nul != std::string::npos && nul < 80) keep = nul + 1;
    }
    std::string head = input.substr(0, keep), s = input.substr(keep);
    for (uint32_t rounds = 1 + Below(3); rounds > 0; --rounds) MutateOnce(&s, others);
    std::string out = head + s;
    if (out.size() > kMaxInputBytes) out.resize(kMaxInputBytes);
    return out;
  }

 private:
  void MutateOnce(std::string* s, const std::vector<std::string>& others) {
    static constexpr unsigned char kInteresting[] = {0x00, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x12};
    const size_t pos = s->empty() ? 0 : Below(static_cast<uint32_t>(s->size()));
    switch (Below(8)) {
      case 0:  // flip a bit
      case 1:
        if (!s->empty()) (*s)[pos] = static_cast<char>((*s)[pos] ^ (1u << Below(8)));
        break;
      case 2:  // an interesting byte (a tag, a length, a varint's continuation)
        if (!s->empty()) (*s)[pos] = static_cast<char>(kInteresting[Below(sizeof(kInteresting))]);
        break;
      case 3:  // truncate
        s->resize(pos);
        break;
      case 4: {  // insert random bytes
        std::string bytes(1 + Below(8), '\0');
        for (char& c : bytes) c = static_cast<char>(Below(256));
        s->insert(pos, bytes);
        break;
      }
      case 5:  // erase a range
        if (!s->empty()) s->erase(pos, 1 + Below(16));
        break;
      case 6: {  // duplicate a range (a repeated field, a field set twice)
        if (s->empty()) break;
        const std::string chunk = s->substr(pos, 1 + Below(32));
        s->insert(Below(static_cast<uint32_t>(s->size() + 1)), chunk);
        break;
      }
      default: {  // splice with another input of the target (its body from a random point on)
        if (others.empty()) break;
        const std::string& other = others[Below(static_cast<uint32_t>(others.size()))];
        const size_t nul = other.find('\0');
        const size_t from = nul == std::string::npos ? 0 : nul + 1;
        if (from >= other.size()) break;
        s->resize(pos);
        s->append(other.substr(from + Below(static_cast<uint32_t>(other.size() - from))));
        break;
      }
    }
  }

  std::mt19937 rng_;
};

// A value that validation may let through, for a field the structured mutation picked:
// boundaries, names of the district and of another jurisdiction, long and odd text.
class ValueMutator {
 public:
  ValueMutator(Mutator& rng, const std::vector<std::string>& names) : rng_(rng) {
    std::string cjk;
    for (int i = 0; i < 200; ++i) cjk += "测";
    strings_ = {"",
                "x",
                std::string(65, 'a'),
                std::string(300, 'b'),
                std::string(4000, 'c'),
                std::string(70000, 'd'),  // past a TEXT column
                "温江区城市管理辅助人员",
                cjk,
                "' OR '1'='1",
                "%_\\",
                "a;b--c",
                "questionnaires/B.1",
                "state=ACTIVE",
                "W/\"1\"",
                "2026-06-15"};
    names_ = {"",
              "jurisdictions/wenjiang",
              "jurisdictions/longquan",
              "jurisdictions/longquan/persons/p-0123456789abcdef",
              "jurisdictions/wenjiang/persons/",
              "jurisdictions/wenjiang/persons/p-ffffffffffffffff",
              "jurisdictions/wenjiang/units/none",
              std::string("jurisdictions/wenjiang/persons/") + std::string(300, 'p')};
    for (const std::string& n : names) AddName(n);
  }

  // A resource name or etag the server answered with: later mutations put it into name fields
  // (and etags), so that they reach the resources the run made.
  void AddName(const std::string& name) {
    if (names_.size() < 400 && seen_.insert(name).second) names_.push_back(name);
  }
  void AddEtag(const std::string& etag) {
    if (etags_.size() < 200 && seen_.insert(etag).second) etags_.push_back(etag);
  }

  // One to three fields of `m` set, cleared or grown; returns false when `m` has no fields.
  bool Mutate(Message& m) {
    bool any = false;
    for (uint32_t rounds = 1 + rng_.Below(3); rounds > 0; --rounds) any |= MutateField(m, 0);
    return any;
  }

 private:
  bool MutateField(Message& m, int depth) {
    const auto* type = m.GetDescriptor();
    if (type->field_count() == 0 || depth > 4) return false;
    const auto* r = m.GetReflection();
    // A field that is set (two times in three, so that the request stays close to its seed), or
    // any field.
    std::vector<const FieldDescriptor*> set;
    r->ListFields(m, &set);
    const FieldDescriptor* f = !set.empty() && rng_.Below(3) != 0
                                   ? set[rng_.Below(static_cast<uint32_t>(set.size()))]
                                   : type->field(rng_.Below(type->field_count()));
    if (f->is_map()) {
      r->ClearField(&m, f);
      return true;
    }
    if (f->is_repeated()) {
      const int n = r->FieldSize(m, f);
      switch (rng_.Below(5)) {
        case 0:
          r->ClearField(&m, f);
          return true;
        case 4: {  // many elements (a batch, a list, a set past any limit), up to about 2 MB
          if (n == 0) {
            if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
              MutateField(*r->AddMessage(&m, f), depth + 1);
            } else {
              AddScalar(m, f);
            }
          }
          static constexpr int kCounts[] = {100, 1001, 20000};
          const int count = kCounts[rng_.Below(3)];
          const int last = r->FieldSize(m, f) - 1;
          size_t bytes = 0;
          for (int k = 0; k < count && bytes < (2 << 20); ++k) {
            if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
              Message* copy = r->AddMessage(&m, f);
              copy->CopyFrom(r->GetRepeatedMessage(m, f, last));
              bytes += copy->ByteSizeLong() + 2;
            } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
              const std::string v = r->GetRepeatedString(m, f, last);
              r->AddString(&m, f, v);
              bytes += v.size() + 2;
            } else {
              AddScalar(m, f);
              bytes += 10;
            }
          }
          return true;
        }
        case 1:  // a copy of the last element (a duplicate)
          if (n > 0 && f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
            r->AddString(&m, f, r->GetRepeatedString(m, f, n - 1));
            return true;
          }
          [[fallthrough]];
        default:
          if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
            Message* element = n > 0 && rng_.Below(2) == 0
                                   ? r->MutableRepeatedMessage(&m, f, rng_.Below(n))
                                   : r->AddMessage(&m, f);
            MutateField(*element, depth + 1);
          } else {
            AddScalar(m, f);
          }
          return true;
      }
    }
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (rng_.Below(5) == 0) {
          r->ClearField(&m, f);
        } else {
          MutateField(*r->MutableMessage(&m, f), depth + 1);
        }
        return true;
      case FieldDescriptor::CPPTYPE_STRING:
        r->SetString(&m, f, StringFor(f, r->GetString(m, f)));
        return true;
      case FieldDescriptor::CPPTYPE_INT32:
        r->SetInt32(&m, f, static_cast<int32_t>(Int()));
        return true;
      case FieldDescriptor::CPPTYPE_INT64:
        r->SetInt64(&m, f, Int());
        return true;
      case FieldDescriptor::CPPTYPE_UINT32:
        r->SetUInt32(&m, f, static_cast<uint32_t>(Int()));
        return true;
      case FieldDescriptor::CPPTYPE_UINT64:
        r->SetUInt64(&m, f, static_cast<uint64_t>(Int()));
        return true;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r->SetDouble(&m, f, Double());
        return true;
      case FieldDescriptor::CPPTYPE_FLOAT:
        r->SetFloat(&m, f, static_cast<float>(Double()));
        return true;
      case FieldDescriptor::CPPTYPE_BOOL:
        r->SetBool(&m, f, !r->GetBool(m, f));
        return true;
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* e = f->enum_type();
        r->SetEnumValue(&m, f, e->value(rng_.Below(e->value_count()))->number());
        return true;
      }
    }
    return false;
  }

  void AddScalar(Message& m, const FieldDescriptor* f) {
    const auto* r = m.GetReflection();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        r->AddString(&m, f, StringFor(f, ""));
        break;
      case FieldDescriptor::CPPTYPE_INT32:
        r->AddInt32(&m, f, static_cast<int32_t>(Int()));
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        r->AddInt64(&m, f, Int());
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        r->AddUInt32(&m, f, static_cast<uint32_t>(Int()));
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        r->AddUInt64(&m, f, static_cast<uint64_t>(Int()));
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r->AddDouble(&m, f, Double());
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        r->AddFloat(&m, f, static_cast<float>(Double()));
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        r->AddBool(&m, f, rng_.Below(2) == 0);
        break;
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* e = f->enum_type();
        r->AddEnumValue(&m, f, e->value(rng_.Below(e->value_count()))->number());
        break;
      }
      default:
        break;
    }
  }

  // A value for the string field `f` that holds `now`: for a name (of a resource, by its field
  // name or value) mostly a name, for an etag mostly one the server gave, else any string.
  std::string StringFor(const FieldDescriptor* f, const std::string& now) {
    static const std::set<std::string> kNameFields = {
        "parent",  "name",    "person",     "unit",          "to_unit",       "campaign",
        "session", "persons", "names",      "application",   "auxiliaries",   "questionnaire",
        "assessment_session"};
    const bool name_like = kNameFields.count(f->name()) > 0 ||
                           absl::StartsWith(now, "jurisdictions/") ||
                           absl::EndsWith(f->name(), "_person") ||
                           absl::EndsWith(f->name(), "_unit");
    if (name_like && rng_.Below(4) != 0) {
      if (rng_.Below(6) == 0 && !now.empty()) {  // the name itself, cut or extended
        return rng_.Below(2) == 0 ? now.substr(0, rng_.Below(static_cast<uint32_t>(now.size())))
                                  : now + (rng_.Below(2) == 0 ? "/x" : "0");
      }
      // Half of the time another resource of the same collection (a name with the same part
      // before its last '/'), so that the request gets past the name check to the store.
      const std::string collection = now.substr(0, now.rfind('/') + 1);
      if (!collection.empty() && rng_.Below(2) == 0) {
        std::vector<const std::string*> same;
        for (const std::string& n : names_) {
          if (n.size() > collection.size() && absl::StartsWith(n, collection) &&
              n.find('/', collection.size()) == std::string::npos) {
            same.push_back(&n);
          }
        }
        if (!same.empty()) return *same[rng_.Below(static_cast<uint32_t>(same.size()))];
      }
      return names_[rng_.Below(static_cast<uint32_t>(names_.size()))];
    }
    if (f->name() == "etag" && !etags_.empty() && rng_.Below(4) != 0) {
      return etags_[rng_.Below(static_cast<uint32_t>(etags_.size()))];
    }
    return strings_[rng_.Below(static_cast<uint32_t>(strings_.size()))];
  }
  int64_t Int() {
    static constexpr int64_t kInts[] = {0,          1,         -1,    2,      5,       12,
                                        13,         29,        31,    32,     100,     1000,
                                        1900,       2026,      9999,  10000,  -100000, 2147483647,
                                        -2147483648LL, 4294967295LL, 9223372036854775807LL,
                                        -9223372036854775807LL - 1};
    return kInts[rng_.Below(sizeof(kInts) / sizeof(kInts[0]))];
  }
  double Double() {
    static constexpr double kDoubles[] = {0, -1, 0.5, 1, 8, 24, 24.5, 1e9, 1e308, -1e308, -0.0};
    return kDoubles[rng_.Below(sizeof(kDoubles) / sizeof(kDoubles[0]))];
  }

  Mutator& rng_;
  std::vector<std::string> strings_, names_, etags_;
  std::set<std::string> seen_;
};

// Every string of `m` (nested and repeated too) that starts with `prefix`.
void NamesOf(const Message& m, const std::string& prefix, std::vector<std::string>* out,
             int depth = 0) {
  if (depth > 6) return;
  const auto* r = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    const int n = f->is_repeated() ? r->FieldSize(m, f) : 1;
    for (int i = 0; i < n; ++i) {
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        NamesOf(f->is_repeated() ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f), prefix,
                out, depth + 1);
      } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        std::string v = f->is_repeated() ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
        if (absl::StartsWith(v, prefix)) out->push_back(std::move(v));
      }
    }
  }
}

// Every string of `m` (nested and repeated too) that is a name of wenjiang or an etag.
void Harvest(const Message& m, ValueMutator& values, int depth = 0) {
  if (depth > 6) return;
  const auto* r = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    const int n = f->is_repeated() ? r->FieldSize(m, f) : 1;
    for (int i = 0; i < std::min(n, 20); ++i) {
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        Harvest(f->is_repeated() ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f), values,
                depth + 1);
      } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        const std::string v = f->is_repeated() ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
        if (f->name() == "etag") {
          values.AddEtag(v);
        } else if (absl::StartsWith(v, "jurisdictions/wenjiang/") && v.size() < 200) {
          values.AddName(v);
        }
      }
    }
  }
}

class FuzzInputsThroughTheStore : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new testing::TestServer({personnel::PersonnelModule(),
                                       assessment::AssessmentModule(), points::PointsModule(),
                                       grading::GradingModule(), survey::SurveyModule()});
  }

  // The district the placeholders are mapped to, one per case (ctest runs each case in a process
  // of its own; run together, a case does not meet the persons an earlier one exited).
  void SetUp() override {
    static int districts = 0;
    const int serial = 300 + 10 * districts++;
    const std::vector<testing::Auxiliary> aux =
        testing::HireAuxiliaries(*server_, {personnel::v1::FIELD, personnel::v1::OFFICE}, serial);
    ASSERT_EQ(aux.size(), 2u);
    testing::SurveyStubs survey(*server_);
    const survey::v1::Campaign campaign = testing::MakeCampaign(*survey.bureau, aux);
    ASSERT_FALSE(campaign.name().empty());
    const std::string unit = absl::StrCat("jurisdictions/wenjiang/units/survey-unit-", serial);
    names_ = {{kPlaceholderPerson, aux[0].person},
              {kPlaceholderUnit, unit},
              {kPlaceholderCampaign, campaign.name()},
              {"WJ0001", aux[0].badge_number},
              // The names testing::WellFormedRequest makes (the other auxiliary: the seeds'
              // mutations may have exited the first).
              {"jurisdictions/wenjiang/persons/none", aux[1].person},
              {"jurisdictions/wenjiang/units/none", unit},
              {"jurisdictions/wenjiang/campaigns/none", campaign.name()}};
    values_ = {aux[0].person, aux[1].person, unit, campaign.name(), aux[0].badge_number,
               aux[1].person + "/pointBalance", aux[0].person + "/assessmentStanding"};
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  std::shared_ptr<grpc::Channel> ChannelOf(const std::string& kind,
                                           const std::string& jurisdiction = "wenjiang") {
    auto& channel = channels_[jurisdiction + "/" + kind];
    if (channel == nullptr) channel = server_->Channel(jurisdiction, kind);
    return channel;
  }

  // The agency kinds the method's access declares (ENFORCEMENT_BUREAU for a method that declares
  // none: the gate refuses it, PERMISSION_DENIED).
  static std::vector<std::string> KindsOf(const MethodDescriptor& method) {
    std::vector<std::string> kinds;
    for (int k : method.options().GetExtension(common::v1::access).agencies()) {
      kinds.push_back(common::v1::AgencyKind_Name(static_cast<common::v1::AgencyKind>(k)));
    }
    if (kinds.empty()) kinds.push_back("ENFORCEMENT_BUREAU");
    return kinds;
  }

  static fuzz::RequestInput Decode(const google::protobuf::ServiceDescriptor& service,
                                   const std::string& input) {
    return fuzz::DecodeRequestInput(service, reinterpret_cast<const uint8_t*>(input.data()),
                                    input.size());
  }

  static std::unique_ptr<Message> NewRequest(const MethodDescriptor& method) {
    return std::unique_ptr<Message>(google::protobuf::MessageFactory::generated_factory()
                                        ->GetPrototype(method.input_type())
                                        ->New());
  }

  // Sends the call `input` stands for as `kind` and checks the answer. `fresh_id`: a fresh
  // idempotency key is appended to the body first (the field set again: the last one wins).
  // `jurisdiction`: of the caller's certificate; a longquan caller must never be answered with a
  // name of wenjiang it did not send itself.
  void Send(const google::protobuf::ServiceDescriptor& service, const std::string& input,
            const std::string& kind, bool fresh_id, const std::string& jurisdiction = "wenjiang") {
    fuzz::RequestInput call = Decode(service, input);
    if (call.method == nullptr) return;
    if (const FieldDescriptor* id = IdempotencyField(*call.method); fresh_id && id != nullptr) {
      const std::string value = absl::StrCat("fz-", ++fresh_ids_);
      AppendVarint((static_cast<uint64_t>(id->number()) << 3) | 2, &call.body);
      AppendVarint(value.size(), &call.body);
      call.body += value;
    }
    const std::string path = absl::StrCat("/", service.full_name(), "/", call.method->name());
    std::string response;
    const grpc::Status status =
        testing::RawUnaryCall(ChannelOf(kind, jurisdiction), path, call.body, &response);
    std::string leaked;
    if (status.ok()) {
      std::unique_ptr<Message> out(google::protobuf::MessageFactory::generated_factory()
                                       ->GetPrototype(call.method->output_type())
                                       ->New());
      if (out->ParseFromString(response)) {
        if (jurisdiction == "wenjiang" && harvest_ != nullptr) Harvest(*out, *harvest_);
        if (jurisdiction != "wenjiang") {
          std::vector<std::string> names;
          NamesOf(*out, "jurisdictions/wenjiang", &names);
          for (const std::string& n : names) {
            if (call.body.find(n) == std::string::npos) leaked = n;
          }
        }
      }
    }
    ++calls_;
    ++codes_[status.error_code()];
    // AUXPRO_FUZZ_TRACE=1 (as for the fuzz targets): every call and its answer, to see how deep
    // the inputs get.
    static const bool trace = std::getenv("AUXPRO_FUZZ_TRACE") != nullptr;
    if (trace) {
      std::cerr << "fuzz-call " << call.method->name() << " " << jurisdiction << "/" << kind << " "
                << status.error_code() << " " << status.error_message().substr(0, 160) << "\n";
    }
    std::string problem;
    if (!leaked.empty()) {
      problem = absl::StrCat("a ", jurisdiction, " caller was answered with ", leaked);
    } else if (!AllowedCode(status.error_code())) {
      problem = "not a client error";
    } else if (!status.ok()) {
      if (status.error_message().empty()) problem = "no message";
      if (status.error_message().size() > kMaxRefusalBytes) problem = "message too long";
      if (status.error_details().size() > kMaxRefusalBytes) problem = "details too long";
      // rpc::ForClient's sentence for a value the database refused (libs/db/sql_error.cc): the
      // safety net caught what validation should have refused naming the field.
      if (absl::StartsWith(status.error_message(), "a value does not fit its field")) {
        problem = "refused by the database, not by validation (no field named)";
      }
      for (const char* text : kDatabaseText) {
        if (status.error_message().find(text) != std::string::npos) {
          problem = absl::StrCat("database text \"", text, "\" in the message");
        }
      }
    }
    if (problem.empty()) return;
    if (++failures_ > 20) return;  // the first 20 are printed, the count after the run
    ADD_FAILURE() << problem << ": " << path << " as " << jurisdiction << " " << kind
                  << ": code " << status.error_code()
                  << " \"" << status.error_message().substr(0, 300) << "\"\ninput (hex): "
                  << absl::BytesToHexString(AsInput(*call.method, call.body));
  }

  // `input` with the placeholder names replaced by the district's, or "" when it names none (or
  // does not parse).
  std::string DistrictVariant(const google::protobuf::ServiceDescriptor& service,
                              const std::string& input) const {
    const fuzz::RequestInput call = Decode(service, input);
    if (call.method == nullptr) return "";
    std::unique_ptr<Message> request = NewRequest(*call.method);
    if (!request->ParseFromString(call.body) || !ReplaceNames(*request, names_)) return "";
    return AsInput(*call.method, request->SerializeAsString());
  }

  // A mutation of `input`: of its bytes (a third of the time, and always when it does not parse),
  // or of its fields, parsed and serialized again (with a fresh request_id half of the time).
  std::string Mutated(const google::protobuf::ServiceDescriptor& service, Mutator& mutator,
                      ValueMutator& values, const std::string& input,
                      const std::vector<std::string>& others) {
    if (mutator.Below(3) == 0) return mutator.Mutate(input, others);
    const fuzz::RequestInput call = Decode(service, input);
    if (call.method == nullptr) return mutator.Mutate(input, others);
    std::unique_ptr<Message> request = NewRequest(*call.method);
    if (!request->ParseFromString(call.body) || !values.Mutate(*request)) {
      return mutator.Mutate(input, others);
    }
    if (const FieldDescriptor* id = IdempotencyField(*call.method);
        id != nullptr && mutator.Below(2) == 0) {
      request->GetReflection()->SetString(request.get(), id, absl::StrCat("fz-", ++fresh_ids_));
    }
    return AsInput(*call.method, request->SerializeAsString());
  }

  // Every input of `target` (checked in, their district variants, a well-formed request of every
  // method), each mutated, then the checks after the run.
  void Run(const fuzz::ServiceTarget& target, uint32_t seed) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(target.service);
    ASSERT_NE(service, nullptr) << target.service;
    const std::filesystem::path dir(AUXPRO_FUZZ_DIR);
    std::vector<std::string> inputs = ReadInputs(dir / "corpus" / target.target);
    ASSERT_FALSE(inputs.empty()) << "no seeds in tests/fuzz/corpus/" << target.target;
    for (std::string& r : ReadInputs(dir / "regressions" / target.target)) {
      inputs.push_back(std::move(r));
    }
    const size_t checked_in = inputs.size();
    for (size_t i = 0; i < checked_in; ++i) {
      std::string variant = DistrictVariant(*service, inputs[i]);
      if (!variant.empty()) inputs.push_back(std::move(variant));
    }
    const size_t seeds = inputs.size();
    // The methods without a seed get one: testing::WellFormedRequest (parent, name, request_id),
    // its names those of the district.
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor& method = *service->method(i);
      const std::string input = AsInput(
          method, testing::WellFormedRequest(service->full_name(), method.name(), "wenjiang"));
      std::string variant = DistrictVariant(*service, input);
      inputs.push_back(variant.empty() ? input : variant);
    }

    Mutator mutator(seed + 1000 * static_cast<uint32_t>(EnvInt("AUXPRO_FUZZ_STORE_SEED", 0)));
    const int scale = std::max(1, EnvInt("AUXPRO_FUZZ_STORE_SCALE", 1));
    ValueMutator values(mutator, values_);
    harvest_ = &values;
    // Inputs [begin, end) as they are, with each kind their method admits (a seed twice: new,
    // then again with its own request_id, which must replay or refuse, never fail), then `n`
    // mutations of each, as one of the kinds.
    const auto pass = [&](size_t begin, size_t end, int n) {
      for (size_t i = begin; i < end; ++i) {
        const fuzz::RequestInput call = Decode(*service, inputs[i]);
        if (call.method == nullptr) continue;
        for (const std::string& kind : KindsOf(*call.method)) {
          Send(*service, inputs[i], kind, /*fresh_id=*/true);
          if (i < seeds) Send(*service, inputs[i], kind, /*fresh_id=*/false);
        }
      }
      for (size_t i = begin; i < end; ++i) {
        for (int k = 0; k < n; ++k) {
          const std::string mutated = Mutated(*service, mutator, values, inputs[i], inputs);
          const fuzz::RequestInput call = Decode(*service, mutated);
          if (call.method == nullptr) continue;
          const std::vector<std::string> kinds = KindsOf(*call.method);
          const std::string& kind = kinds[mutator.Below(static_cast<uint32_t>(kinds.size()))];
          // One in eight as the same kind of longquan, which reaches no resource of wenjiang.
          const bool foreign = kind != "SERVICE" && mutator.Below(8) == 0;
          Send(*service, mutated, kind, /*fresh_id=*/mutator.Below(2) == 0,
               foreign ? "longquan" : "wenjiang");
        }
      }
    };
    // The seeds first: the well-formed requests of every method close, exit and revoke too.
    pass(0, seeds, scale * kMutationsPerSeed);
    pass(seeds, inputs.size(), scale * kMutationsPerMethod);
    if (const char* extra = std::getenv("AUXPRO_FUZZ_CORPUS_DIR"); extra != nullptr && *extra) {
      for (const std::string& input : ReadInputs(std::filesystem::path(extra) / target.target)) {
        const fuzz::RequestInput call = Decode(*service, input);
        if (call.method == nullptr) continue;
        Send(*service, input, KindsOf(*call.method)[0], /*fresh_id=*/true);
      }
    }

    harvest_ = nullptr;

    std::vector<std::string> histogram;
    for (const auto& [code, n] : codes_) histogram.push_back(absl::StrCat(code, ":", n));
    std::cout << target.target << ": " << checked_in << " checked-in inputs, "
              << seeds - checked_in << " district variants, " << inputs.size() - seeds
              << " methods; " << calls_ << " calls; codes " << absl::StrJoin(histogram, " ")
              << std::endl;
    EXPECT_EQ(failures_, 0) << failures_ << " of " << calls_
                            << " calls failed (the first 20 above)";
    EXPECT_GT(codes_[grpc::StatusCode::OK], 0) << "no call was accepted: the test reaches no store";

    // Every event the accepted calls wrote reaches its consumers: a value a producer let through
    // that a consumer refuses would stay pending (retried, then parked) with its error.
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    for (const char* module : kModules) {
      int64_t waiting = 0;
      do {
        waiting = testing::QueryInt(
            server_->Db(module), "SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL");
        if (waiting > 0) absl::SleepFor(absl::Milliseconds(200));
      } while (waiting > 0 && absl::Now() < give_up);
      if (waiting == 0) continue;
      std::string errors;
      absl::Status read = server_->Db(module).Read([&](db::Transaction& tx) -> absl::Status {
        auto rows = tx.Query(
            "SELECT consumer, event_type, attempts, parked, COALESCE(last_error, '') FROM "
            "outbox_events WHERE delivered_at IS NULL ORDER BY id LIMIT 5");
        if (!rows.ok()) return rows.status();
        for (const db::Row& r : *rows) {
          absl::StrAppend(&errors, "\n  to ", r.Str(0), ": ", r.Str(1), ", ", r.Int(2),
                          " attempts", r.Int(3) ? ", parked" : "", ": ", r.Str(4));
        }
        return absl::OkStatus();
      });
      ADD_FAILURE() << module << ": " << waiting << " events not delivered after the run (first 5):"
                    << errors << (read.ok() ? "" : read.ToString());
    }

    // The server still serves, and every service's audit trail is an intact chain.
    EXPECT_TRUE(testing::RawUnaryCall(ChannelOf("ENFORCEMENT_BUREAU"),
                                      "/grpc.health.v1.Health/Check",
                                      testing::HealthCheckRequest(""))
                    .ok());
    auto audit = common::v1::AuditChain::NewStub(ChannelOf("ESTABLISHMENT_OFFICE"));
    for (const char* module : kModules) {
      common::v1::VerifyAuditChainRequest r;
      r.set_parent("jurisdictions/wenjiang");
      r.set_service(module);
      common::v1::VerifyAuditChainResponse verdict;
      const grpc::Status s =
          testing::Call(*audit, &common::v1::AuditChain::Stub::VerifyAuditChain, r, &verdict);
      ASSERT_TRUE(s.ok()) << module << ": " << s.error_message();
      EXPECT_TRUE(verdict.intact()) << module << ": " << verdict.problem();
      std::cout << "  audit " << module << ": " << verdict.rows_checked() << " rows intact"
                << std::endl;
    }
  }

  static testing::TestServer* server_;
  std::vector<std::pair<std::string, std::string>> names_;
  std::vector<std::string> values_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
  std::map<grpc::StatusCode, int> codes_;
  ValueMutator* harvest_ = nullptr;  // of Run
  int calls_ = 0;
  int failures_ = 0;
  int fresh_ids_ = 0;
};

testing::TestServer* FuzzInputsThroughTheStore::server_ = nullptr;

const fuzz::ServiceTarget& TargetNamed(const std::string& name) {
  for (const auto& t : fuzz::kServiceTargets) {
    if (name == t.target) return t;
  }
  std::abort();
}

TEST_F(FuzzInputsThroughTheStore, PersonnelRequestsGetClientErrorsNeverInternal) {
  Run(TargetNamed("personnel_requests"), 1);
}

TEST_F(FuzzInputsThroughTheStore, AssessmentRequestsGetClientErrorsNeverInternal) {
  Run(TargetNamed("assessment_requests"), 2);
}

TEST_F(FuzzInputsThroughTheStore, PointsRequestsGetClientErrorsNeverInternal) {
  Run(TargetNamed("points_requests"), 3);
}

TEST_F(FuzzInputsThroughTheStore, GradingRequestsGetClientErrorsNeverInternal) {
  Run(TargetNamed("grading_requests"), 4);
}

TEST_F(FuzzInputsThroughTheStore, SurveyRequestsGetClientErrorsNeverInternal) {
  Run(TargetNamed("survey_requests"), 5);
}

}  // namespace
}  // namespace auxpro
