#include "libs/rpc/error_info.h"

#include <google/protobuf/any.pb.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <vector>

namespace auxpro::rpc {

namespace {

// google.rpc.Status and google.rpc.ErrorInfo are not in Debian's packages; their wire format is
// small and stable, so they are written and read here field by field.
constexpr char kErrorInfoType[] = "type.googleapis.com/google.rpc.ErrorInfo";

using google::protobuf::io::CodedInputStream;
using google::protobuf::io::CodedOutputStream;
using google::protobuf::io::StringOutputStream;

void WriteString(CodedOutputStream& out, int field, const std::string& value) {
  out.WriteTag(static_cast<uint32_t>(field << 3 | 2));
  out.WriteVarint32(static_cast<uint32_t>(value.size()));
  out.WriteString(value);
}

std::string EncodeErrorInfo(const ErrorInfo& info) {
  std::string bytes;
  {
    StringOutputStream stream(&bytes);
    CodedOutputStream out(&stream);
    WriteString(out, 1, info.reason);
    if (!info.domain.empty()) WriteString(out, 2, info.domain);
    for (const auto& [key, value] : info.metadata) {  // map<string,string> metadata = 3
      std::string entry;
      {
        StringOutputStream entry_stream(&entry);
        CodedOutputStream entry_out(&entry_stream);
        WriteString(entry_out, 1, key);
        WriteString(entry_out, 2, value);
      }
      WriteString(out, 3, entry);
    }
  }
  return bytes;
}

// Reads length-delimited fields of a message: field number -> values (other wire types skipped).
std::optional<std::vector<std::pair<int, std::string>>> ReadStrings(const std::string& bytes) {
  std::vector<std::pair<int, std::string>> fields;
  CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                      static_cast<int>(bytes.size()));
  while (uint32_t tag = in.ReadTag()) {
    const int field = static_cast<int>(tag >> 3);
    switch (tag & 7) {
      case 0: {
        uint64_t ignored;
        if (!in.ReadVarint64(&ignored)) return std::nullopt;
        break;
      }
      case 2: {
        uint32_t size;
        std::string value;
        if (!in.ReadVarint32(&size) || !in.ReadString(&value, static_cast<int>(size))) {
          return std::nullopt;
        }
        fields.emplace_back(field, std::move(value));
        break;
      }
      default:
        return std::nullopt;
    }
  }
  return fields;
}

std::optional<ErrorInfo> DecodeErrorInfo(const std::string& bytes) {
  auto fields = ReadStrings(bytes);
  if (!fields) return std::nullopt;
  ErrorInfo info;
  for (auto& [field, value] : *fields) {
    if (field == 1) {
      info.reason = value;
    } else if (field == 2) {
      info.domain = value;
    } else if (field == 3) {
      auto entry = ReadStrings(value);
      if (!entry) return std::nullopt;
      std::string key, val;
      for (auto& [f, v] : *entry) (f == 1 ? key : val) = v;
      info.metadata[key] = val;
    }
  }
  return info;
}

}  // namespace

absl::Status WithErrorInfo(absl::Status status, const std::string& reason,
                           std::map<std::string, std::string> metadata) {
  status.SetPayload(kErrorInfoType, absl::Cord(EncodeErrorInfo({reason, "", std::move(metadata)})));
  return status;
}

std::optional<ErrorInfo> ErrorInfoOf(const absl::Status& status) {
  auto payload = status.GetPayload(kErrorInfoType);
  if (!payload) return std::nullopt;
  return DecodeErrorInfo(std::string(*payload));
}

grpc::Status ToGrpcWithDetails(const absl::Status& status, const std::string& domain) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  auto info = ErrorInfoOf(status);
  if (!info) return grpc::Status(code, message);
  if (info->domain.empty()) info->domain = domain;
  google::protobuf::Any any;
  any.set_type_url(kErrorInfoType);
  any.set_value(EncodeErrorInfo(*info));
  std::string details;  // google.rpc.Status{code = 1, message = 2, details = 3}
  {
    StringOutputStream stream(&details);
    CodedOutputStream out(&stream);
    out.WriteTag(1 << 3);
    out.WriteVarint32(static_cast<uint32_t>(code));
    WriteString(out, 2, message);
    WriteString(out, 3, any.SerializeAsString());
  }
  return grpc::Status(code, message, details);
}

std::optional<ErrorInfo> ErrorInfoOf(const grpc::Status& status) {
  auto fields = ReadStrings(status.error_details());
  if (!fields) return std::nullopt;
  for (auto& [field, value] : *fields) {
    if (field != 3) continue;
    google::protobuf::Any any;
    if (any.ParseFromString(value) && any.type_url() == kErrorInfoType) {
      return DecodeErrorInfo(any.value());
    }
  }
  return std::nullopt;
}

}  // namespace auxpro::rpc
