#include "libs/service/request_check.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/unknown_field_set.h>

#include <cmath>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "auxpro/common/v1/field_options.pb.h"
#include "google/api/field_behavior.pb.h"
#include "libs/common/errors.h"
#include "libs/common/safe_text.h"

namespace auxpro::service {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kMaxDepth = 32;

bool IsOutputOnly(const FieldDescriptor* field) {
  const auto& behaviors = field->options().GetRepeatedExtension(google::api::field_behavior);
  for (int b : behaviors) {
    if (b == google::api::OUTPUT_ONLY) return true;
  }
  return false;
}

std::string PathOf(const std::string& prefix, const FieldDescriptor* field, int index) {
  std::string path = prefix.empty() ? field->name() : absl::StrCat(prefix, ".", field->name());
  if (index >= 0) absl::StrAppend(&path, "[", index, "]");
  return path;
}

absl::Status CheckMessage(const Message& message, const std::string& prefix, int depth);

absl::Status CheckValue(const Message& message, const FieldDescriptor* field, int index,
                        const std::string& path, int depth) {
  const Reflection* r = message.GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int value = repeated ? r->GetRepeatedEnumValue(message, field, index)
                                 : r->GetEnumValue(message, field);
      if (field->enum_type()->FindValueByNumber(value) == nullptr) {
        return Invalid(absl::StrCat(path, ": ", value, " is not a value of ",
                                    field->enum_type()->full_name()));
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double value = 0;
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
        value =
            repeated ? r->GetRepeatedDouble(message, field, index) : r->GetDouble(message, field);
      } else {
        value = repeated ? r->GetRepeatedFloat(message, field, index) : r->GetFloat(message, field);
      }
      if (!std::isfinite(value)) return Invalid(absl::StrCat(path, ": must be a finite number"));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      if (field->type() == FieldDescriptor::TYPE_BYTES) return absl::OkStatus();
      std::string scratch;
      const std::string& value =
          repeated ? r->GetRepeatedStringReference(message, field, index, &scratch)
                   : r->GetStringReference(message, field, &scratch);
      return CheckSafeText(value, path, field->options().GetExtension(common::v1::multi_line));
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Message& sub =
          repeated ? r->GetRepeatedMessage(message, field, index) : r->GetMessage(message, field);
      if (sub.GetDescriptor()->full_name() == "google.protobuf.Any") return absl::OkStatus();
      return CheckMessage(sub, path, depth + 1);
    }
    default:
      return absl::OkStatus();
  }
}

absl::Status CheckMessage(const Message& message, const std::string& prefix, int depth) {
  if (depth > kMaxDepth) return Invalid(absl::StrCat(prefix, ": nested too deeply"));
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (IsOutputOnly(field)) continue;
    if (field->is_map()) {
      // A map entry is a message {key, value}: name it by the field, check key and value.
      const int n = message.GetReflection()->FieldSize(message, field);
      for (int i = 0; i < n; ++i) {
        const Message& entry = message.GetReflection()->GetRepeatedMessage(message, field, i);
        absl::Status s = CheckMessage(entry, PathOf(prefix, field, i), depth + 1);
        if (!s.ok()) return s;
      }
      continue;
    }
    if (field->is_repeated()) {
      const int n = message.GetReflection()->FieldSize(message, field);
      for (int i = 0; i < n; ++i) {
        absl::Status s = CheckValue(message, field, i, PathOf(prefix, field, i), depth);
        if (!s.ok()) return s;
      }
    } else {
      absl::Status s = CheckValue(message, field, -1, PathOf(prefix, field, -1), depth);
      if (!s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

// The path of the first string field holding invalid UTF-8 in the wire bytes `set` of a message
// of type `type`, or "".
std::string FindInvalidUtf8(const Descriptor* type, const google::protobuf::UnknownFieldSet& set,
                            const std::string& prefix, int depth) {
  if (depth > kMaxDepth) return "";
  std::map<int, int> seen;
  for (int i = 0; i < set.field_count(); ++i) {
    const auto& f = set.field(i);
    const FieldDescriptor* field = type->FindFieldByNumber(f.number());
    const int index = seen[f.number()]++;
    if (field == nullptr || f.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    const std::string path = PathOf(prefix, field, field->is_repeated() ? index : -1);
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      if (!IsValidUtf8(f.length_delimited())) return path;
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
      google::protobuf::UnknownFieldSet sub;
      if (sub.ParseFromString(f.length_delimited())) {
        std::string found = FindInvalidUtf8(field->message_type(), sub, path, depth + 1);
        if (!found.empty()) return found;
      }
    }
  }
  return "";
}

}  // namespace

absl::Status CheckRequest(const Message& request) { return CheckMessage(request, "", 0); }

absl::Status ParseRequest(const std::string& bytes, Message* request) {
  if (request->ParseFromString(bytes)) return absl::OkStatus();
  google::protobuf::UnknownFieldSet set;
  if (set.ParseFromString(bytes)) {
    const std::string path = FindInvalidUtf8(request->GetDescriptor(), set, "", 0);
    if (!path.empty()) return Invalid(absl::StrCat(path, ": not valid UTF-8"));
  }
  return Invalid(
      absl::StrCat("the request does not parse as ", request->GetDescriptor()->full_name()));
}

absl::Status ParseRequest(const grpc::ByteBuffer& bytes, Message* request) {
  std::vector<grpc::Slice> slices;
  if (!bytes.Dump(&slices).ok()) return Invalid("the request cannot be read");
  std::string data;
  data.reserve(bytes.Length());
  for (const auto& slice : slices) {
    data.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return ParseRequest(data, request);
}

}  // namespace auxpro::service
