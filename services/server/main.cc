#include <string>
#include <vector>

#include "services/server/server_main.h"

int main(int argc, char** argv) {
  return auxpro::server::ServerMain(std::vector<std::string>(argv + 1, argv + argc));
}
