#include "tests/support/tcp_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace auxpro::testing {

namespace {

sockaddr_in Loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

}  // namespace

TcpProxy::TcpProxy(int target_port) : target_port_(target_port) { Listen(); }

TcpProxy::~TcpProxy() {
  Cut();
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
}

void TcpProxy::Listen() {
  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr = Loopback(port_);
  if (bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listener_, 64) != 0) {
    std::cerr << "TcpProxy: cannot listen on 127.0.0.1:" << port_ << std::endl;
    std::abort();
  }
  socklen_t len = sizeof addr;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  open_ = true;
  std::lock_guard lock(mu_);
  const int listener = listener_, generation = generation_.load();
  threads_.emplace_back([this, listener, generation] { Accept(listener, generation); });
}

void TcpProxy::Accept(int listener, int generation) {
  while (generation_.load() == generation) {
    pollfd p{listener, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    const int client = accept(listener, nullptr, nullptr);
    if (client < 0) continue;
    if (generation_.load() != generation) {  // cut while this one was arriving
      close(client);
      break;
    }
    const int upstream = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in target = Loopback(target_port_);
    if (connect(upstream, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
      close(client);
      close(upstream);
      continue;
    }
    std::lock_guard lock(mu_);
    sockets_.push_back(client);
    sockets_.push_back(upstream);
    threads_.emplace_back([this, client, upstream] { Pump(client, upstream); });
    threads_.emplace_back([this, client, upstream] { Pump(upstream, client); });
  }
  close(listener);
}

void TcpProxy::Pump(int from, int to) {
  char buf[16384];
  for (;;) {
    const ssize_t n = read(from, buf, sizeof buf);
    if (n <= 0) break;
    if (write(to, buf, static_cast<size_t>(n)) != n) break;
  }
  shutdown(to, SHUT_RDWR);
  shutdown(from, SHUT_RDWR);
}

void TcpProxy::Cut() {
  if (!open_.exchange(false)) return;
  ++generation_;
  std::lock_guard lock(mu_);
  shutdown(listener_, SHUT_RDWR);  // wakes the accept loop, which closes it
  for (int fd : sockets_) shutdown(fd, SHUT_RDWR);
}

void TcpProxy::Restore() {
  if (open_) return;
  Listen();
}

}  // namespace auxpro::testing
