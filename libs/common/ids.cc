#include "libs/common/ids.h"

#include <openssl/rand.h>

#include "absl/strings/str_format.h"

namespace auxpro {

std::string NewUuid() {
  unsigned char b[16];
  RAND_bytes(b, sizeof(b));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return absl::StrFormat("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                         b[12], b[13], b[14], b[15]);
}

std::string NewId(std::string_view prefix) {
  unsigned char b[8];
  RAND_bytes(b, sizeof(b));
  std::string id(prefix);
  for (unsigned char c : b) id += absl::StrFormat("%02x", c);
  return id;
}

}  // namespace auxpro
