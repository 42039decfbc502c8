#pragma once

// The checks every request of every service passes before its handler runs, driven by the
// message's descriptor rather than written per handler (UnaryService applies them to each call):
//   - every enum field holds a value its enum defines (`education = 99` is refused);
//   - every float and double is finite (`days = NaN` never reaches a rule or the database);
//   - every string field is safe text (libs/common/safe_text.h): UTF-8 without NUL, control
//     characters or bidi controls, and without line breaks or tabs unless the field is marked
//     `[(auxpro.common.v1.multi_line) = true]` (proto/auxpro/common/v1/field_options.proto).
// Nested messages, repeated fields and map values are checked too; fields marked OUTPUT_ONLY
// are skipped (the server ignores them); google.protobuf.Any payloads are not opened.
// The first failure is INVALID_ARGUMENT naming the field by its path, e.g.
// `person.education: 99 is not a value of auxpro.common.v1.Education`.

#include <google/protobuf/message.h>
#include <grpcpp/support/byte_buffer.h>

#include <string>

#include "absl/status/status.h"

namespace auxpro::service {

absl::Status CheckRequest(const google::protobuf::Message& request);

// Parses `bytes` into `request`. A request that does not parse is INVALID_ARGUMENT: naming the
// string field when one holds invalid UTF-8 (protobuf refuses it in proto3), otherwise saying the
// bytes are not a `<type>`.
absl::Status ParseRequest(const std::string& bytes, google::protobuf::Message* request);
absl::Status ParseRequest(const grpc::ByteBuffer& bytes, google::protobuf::Message* request);

}  // namespace auxpro::service
