#include "libs/service/unary_service.h"

#include <google/protobuf/descriptor.pb.h>

namespace auxpro::service {

UnaryService::UnaryService(const std::string& full_name, rpc::WorkPool& work)
    : full_name_(full_name),
      descriptor_(google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(full_name)),
      work_(work) {
  if (descriptor_ == nullptr) errors_ = absl::StrCat("service ", full_name, " is not compiled in");
}

const std::string* UnaryService::Register(const std::string& method,
                                          const google::protobuf::Descriptor* request,
                                          const google::protobuf::Descriptor* response) {
  if (descriptor_ == nullptr) return nullptr;
  const google::protobuf::MethodDescriptor* m = descriptor_->FindMethodByName(method);
  std::string error;
  if (m == nullptr) {
    error = absl::StrCat(full_name_, " has no method ", method);
  } else if (m->client_streaming() || m->server_streaming()) {
    error = absl::StrCat(full_name_, "/", method, " is streaming");
  } else if (m->input_type() != request || m->output_type() != response) {
    error = absl::StrCat(full_name_, "/", method, " takes ", m->input_type()->full_name(),
                         " and returns ", m->output_type()->full_name(), "; the handler takes ",
                         request->full_name(), " and returns ", response->full_name());
  } else if (!bound_.insert(method).second) {
    error = absl::StrCat(full_name_, "/", method, " is bound twice");
  }
  if (!error.empty()) {
    absl::StrAppend(&errors_, errors_.empty() ? "" : "; ", error);
    return nullptr;
  }
  paths_.push_back(absl::StrCat("/", full_name_, "/", method));
  AddMethod(new grpc::internal::RpcServiceMethod(paths_.back().c_str(),
                                                 grpc::internal::RpcMethod::NORMAL_RPC, nullptr));
  return &paths_.back();
}

absl::Status UnaryService::Unbound() const {
  std::string errors = errors_;
  if (descriptor_ != nullptr) {
    for (int i = 0; i < descriptor_->method_count(); ++i) {
      const std::string& name = descriptor_->method(i)->name();
      if (bound_.count(name) == 0) {
        absl::StrAppend(&errors, errors.empty() ? "" : "; ", full_name_, "/", name,
                        " has no handler");
      }
    }
  }
  return errors.empty() ? absl::OkStatus() : absl::InternalError(errors);
}

}  // namespace auxpro::service
