#include "tests/support/call.h"

#include "libs/common/ids.h"

namespace auxpro::testing {

std::string FreshRequestId() { return NewUuid(); }

void FillRequestId(google::protobuf::Message& request) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->type() != google::protobuf::FieldDescriptor::TYPE_STRING ||
      field->is_repeated()) {
    return;
  }
  if (request.GetReflection()->GetString(request, field).empty()) {
    request.GetReflection()->SetString(&request, field, FreshRequestId());
  }
}

}  // namespace auxpro::testing
