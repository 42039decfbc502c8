#pragma once

#include <string>
#include <vector>

namespace auxpro::server {

// The whole of auxpro-server: parse flags, load policies and secrets, migrate, start the targets'
// modules on one mTLS gRPC server, serve until SIGTERM/SIGINT, stop gracefully. Returns the exit
// code.
int ServerMain(const std::vector<std::string>& args);

}  // namespace auxpro::server
