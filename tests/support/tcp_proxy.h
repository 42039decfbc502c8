#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace auxpro::testing {

// A loopback TCP forwarder from 127.0.0.1:port() to 127.0.0.1:target_port, for fault tests: Cut()
// closes every connection and refuses new ones (the database "goes away"), Restore() accepts again
// on the same port.
class TcpProxy {
 public:
  explicit TcpProxy(int target_port);
  ~TcpProxy();
  TcpProxy(const TcpProxy&) = delete;
  TcpProxy& operator=(const TcpProxy&) = delete;

  int port() const { return port_; }
  void Cut();
  void Restore();

 private:
  void Listen();
  void Accept(int listener, int generation);
  void Pump(int from, int to);

  const int target_port_;
  int port_ = 0;
  int listener_ = -1;
  std::atomic<bool> open_{false};
  std::atomic<int> generation_{0};  // bumped by every Cut: an accept loop of an older one ends
  std::mutex mu_;
  std::vector<int> sockets_;
  std::vector<std::thread> threads_;
};

}  // namespace auxpro::testing
