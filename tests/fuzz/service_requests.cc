#include "tests/fuzz/service_requests.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "absl/strings/str_split.h"
#include "libs/auth/jurisdiction_scope.h"
#include "libs/policy/policy_loader.h"
#include "libs/service/list_filter.h"
#include "libs/service/pagination.h"
#include "libs/service/request_check.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/request_input.h"

namespace auxpro::fuzz {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::string StringField(const Message& m, const char* name) {
  const FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(name);
  if (f == nullptr || f->is_repeated() || f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
    return "";
  }
  return m.GetReflection()->GetString(m, f);
}

bool Int32Field(const Message& m, const char* name, int32_t* out) {
  const FieldDescriptor* f = m.GetDescriptor()->FindFieldByName(name);
  if (f == nullptr || f->is_repeated() || f->cpp_type() != FieldDescriptor::CPPTYPE_INT32) {
    return false;
  }
  *out = m.GetReflection()->GetInt32(m, f);
  return true;
}

void CheckRefusal(const absl::Status& s) {
  FUZZ_CHECK(IsBoundedRefusal(s, absl::StatusCode::kInvalidArgument) ||
             IsBoundedRefusal(s, absl::StatusCode::kNotFound));
}

// Step 2 of the harness: what the kit makes of `parent`, `name`, `person`, the page and the filter.
void KitChecks(const Message& request) {
  const std::string parent = StringField(request, "parent");
  const std::string name = StringField(request, "name");
  const std::string person = StringField(request, "person");
  for (auto kind : {common::v1::ENFORCEMENT_BUREAU, common::v1::HR_COMPANY, common::v1::SERVICE}) {
    const auth::Principal caller = Caller(kind);
    if (!parent.empty()) {
      absl::StatusOr<std::string> j = auth::ScopeOfParent(caller, parent);
      if (j.ok()) {
        FUZZ_CHECK(auth::MayActIn(caller, *j));
      } else {
        CheckRefusal(j.status());
      }
    }
    for (const std::string* n : {&name, &person}) {
      if (n->empty()) continue;
      // The collection the name claims ("jurisdictions/<j>/<collection>/<id>...").
      std::vector<std::string> parts = absl::StrSplit(*n, absl::MaxSplits('/', 3));
      const std::string collection =
          parts.size() > 2 && parts[2].size() <= 64 ? parts[2] : "persons";
      absl::StatusOr<auth::ScopedName> scoped = auth::ScopeOfName(caller, *n, collection);
      if (scoped.ok()) {
        FUZZ_CHECK(auth::MayActIn(caller, scoped->jurisdiction));
        FUZZ_CHECK(!scoped->id.empty());
        absl::StatusOr<std::string> ref =
            auth::ScopeOfReference(caller, *n, collection, "ref", scoped->jurisdiction);
        FUZZ_CHECK(ref.ok() && *ref == scoped->id);
      } else {
        CheckRefusal(scoped.status());
      }
    }
  }
  int32_t page_size = 0;
  if (Int32Field(request, "page_size", &page_size)) {
    const std::string filter = StringField(request, "filter");
    absl::StatusOr<service::Page> page =
        service::StartPage(page_size, StringField(request, "page_token"), parent + "|" + filter);
    if (page.ok()) {
      FUZZ_CHECK(page->size >= 1 && page->size <= service::kMaxPageSize);
    } else {
      CheckRefusal(page.status());
    }
    absl::StatusOr<std::map<std::string, std::string>> terms =
        service::ParseFilter(filter, {"state", "unit", "person", "kind", "year"});
    if (!terms.ok()) CheckRefusal(terms.status());
  }
}

}  // namespace

const policy::v1::Policy& Wenjiang() {
  static const policy::v1::Policy* policy = [] {
    absl::StatusOr<policy::PolicySet> set = policy::PolicySet::LoadEmbedded();
    FUZZ_CHECK(set.ok());
    const policy::v1::Policy* found = set->Find("wenjiang");
    FUZZ_CHECK(found != nullptr);
    return new policy::v1::Policy(*found);
  }();
  return *policy;
}

auth::Principal Caller(common::v1::AgencyKind kind) {
  auth::Principal p;
  p.kind = kind;
  p.jurisdiction = kind == common::v1::SERVICE ? auth::kSystemJurisdiction : "wenjiang";
  p.agency_id = kind == common::v1::SERVICE ? "points" : "wenjiang-agency";
  p.spiffe_id = "spiffe://auxpro/" + p.jurisdiction + "/" + common::v1::AgencyKind_Name(kind) +
                "/" + p.agency_id;
  p.actor = "fuzz";
  return p;
}

const google::protobuf::ServiceDescriptor& ServiceOf(const google::protobuf::Descriptor& message,
                                                     const char* name) {
  const google::protobuf::ServiceDescriptor* service =
      message.file()->pool()->FindServiceByName(name);
  FUZZ_CHECK(service != nullptr);
  return *service;
}

void RunRequest(const google::protobuf::ServiceDescriptor& service, const uint8_t* data,
                size_t size, const Rules& rules) {
  const RequestInput input = DecodeRequestInput(service, data, size);
  if (input.method == nullptr) return;
  const google::protobuf::MethodDescriptor* method = input.method;
  const std::string& body = input.body;
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(method->input_type());
  FUZZ_CHECK(prototype != nullptr);
  std::unique_ptr<Message> request(prototype->New());

  // AUXPRO_FUZZ_TRACE=1: how far each input got (to see that the seeds reach the rules).
  static const bool trace = std::getenv("AUXPRO_FUZZ_TRACE") != nullptr;
  absl::Status parsed = service::ParseRequest(body, request.get());
  if (parsed.ok()) parsed = service::CheckRequest(*request);
  if (!parsed.ok()) {
    if (trace) std::fprintf(stderr, "%s: refused: %s\n", method->name().c_str(),
                            std::string(parsed.message()).c_str());
    FUZZ_CHECK(IsBoundedRefusal(parsed, absl::StatusCode::kInvalidArgument));
    return;
  }
  KitChecks(*request);
  rules(method->name(), *request);
  if (trace) std::fprintf(stderr, "%s: checked, rules ran\n", method->name().c_str());
}

}  // namespace auxpro::fuzz
