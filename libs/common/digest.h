#pragma once

#include <google/protobuf/message.h>

#include <string>

namespace auxpro {

// Lower-case hex SHA-256 of the bytes.
std::string Sha256Hex(const std::string& data);

// Deterministic serialization of a message (map order fixed), for digests and stored responses.
std::string DeterministicBytes(const google::protobuf::Message& message);

}  // namespace auxpro
