#include "tests/fuzz/request_input.h"

#include <algorithm>
#include <cstring>

namespace auxpro::fuzz {

RequestInput DecodeRequestInput(const google::protobuf::ServiceDescriptor& service,
                                const uint8_t* data, size_t size) {
  RequestInput out;
  if (size == 0 || service.method_count() == 0) return out;
  const char* bytes = reinterpret_cast<const char*>(data);
  if (const void* nul = std::memchr(bytes, 0, std::min<size_t>(size, 80))) {
    const size_t len = static_cast<const char*>(nul) - bytes;
    out.method = service.FindMethodByName(std::string(bytes, len));
    if (out.method != nullptr) out.body.assign(bytes + len + 1, size - len - 1);
  }
  if (out.method == nullptr) {
    out.method = service.method(data[0] % service.method_count());
    out.body.assign(bytes + 1, size - 1);
  }
  return out;
}

}  // namespace auxpro::fuzz
