// The forwarded-identity path with a real gateway in front of the real server: Debian's nginx
// configured as the chart's gateway would be (TLS terminated, the agency's client certificate
// verified against the agency CA and forwarded in x-forwarded-client-cert, the upstream reached
// over mTLS with the gateway's own certificate). The server honours the forwarded certificate
// from the trusted proxy only; the same header from anyone else is refused; a header an agency
// forges behind the gateway is overwritten by the gateway.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "auxpro/personnel/v1/personnel_service.grpc.pb.h"
#include "libs/rpc/tls_files.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace auxpro {
namespace {

namespace fs = std::filesystem;
namespace v1 = personnel::v1;
constexpr char kNginx[] = "/usr/sbin/nginx";

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// As nginx's $ssl_client_escaped_cert: the PEM, URL-encoded.
std::string Escaped(const std::string& pem) {
  std::string out;
  for (unsigned char c : pem) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += absl::StrFormat("%%%02X", c);
    }
  }
  return out;
}

bool Listening(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  close(fd);
  return ok;
}

// nginx as the agency-facing gateway, in the foreground, killed when destroyed.
class Gateway {
 public:
  Gateway(const fs::path& dir, int listen_port, int upstream_port) : dir_(dir) {
    const rpc::TlsFiles server = testing::ServerIdentity();
    const rpc::TlsFiles proxy = testing::ClientIdentity("system", "SERVICE");
    fs::create_directories(dir_ / "tmp");
    fs::create_directories(dir_ / "logs");  // nginx opens <prefix>/logs/error.log before its config
    std::ofstream(dir_ / "nginx.conf") << absl::StrCat(
        "daemon off;\nmaster_process off;\nworker_processes 1;\n", "error_log ",
        (dir_ / "error.log").string(), " info;\npid ", (dir_ / "nginx.pid").string(),
        ";\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n",
        "  client_body_temp_path ", (dir_ / "tmp/body").string(), ";\n", "  proxy_temp_path ",
        (dir_ / "tmp/proxy").string(), ";\n", "  fastcgi_temp_path ",
        (dir_ / "tmp/fastcgi").string(), ";\n", "  uwsgi_temp_path ", (dir_ / "tmp/uwsgi").string(),
        ";\n", "  scgi_temp_path ", (dir_ / "tmp/scgi").string(), ";\n",
        "  server {\n    listen 127.0.0.1:", listen_port, " ssl http2;\n", "    ssl_certificate ",
        server.cert, ";\n    ssl_certificate_key ", server.key, ";\n",
        // The agency's certificate, verified against the agency CA (no certificate: refused).
        "    ssl_client_certificate ", server.ca, ";\n    ssl_verify_client on;\n",
        "    ssl_verify_depth 2;\n    location / {\n",
        "      grpc_pass grpcs://127.0.0.1:", upstream_port, ";\n",
        // Upstream mTLS with the gateway's own identity, the trusted proxy.
        "      grpc_ssl_certificate ", proxy.cert, ";\n      grpc_ssl_certificate_key ", proxy.key,
        ";\n      grpc_ssl_trusted_certificate ", server.ca, ";\n",
        "      grpc_ssl_verify on;\n      grpc_ssl_name localhost;\n",
        "      grpc_ssl_server_name on;\n",
        // Replaces any header of that name the client sent.
        "      grpc_set_header X-Forwarded-Client-Cert $ssl_client_escaped_cert;\n",
        "    }\n  }\n}\n");
    pid_ = fork();
    if (pid_ == 0) {
      const int fd = ::open((dir_ / "nginx.out").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      dup2(fd, 1);
      dup2(fd, 2);
      execl(kNginx, kNginx, "-p", dir_.c_str(), "-c", (dir_ / "nginx.conf").c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 200 && !Listening(listen_port); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~Gateway() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  std::string Log() const { return ReadAll(dir_ / "nginx.out") + ReadAll(dir_ / "error.log"); }

 private:
  fs::path dir_;
  pid_t pid_ = -1;
};

grpc::Status ListUnits(int port, const rpc::TlsFiles& identity, const std::string& forged = "") {
  auto channel = rpc::MakeMtlsChannel(absl::StrCat("127.0.0.1:", port), identity);
  EXPECT_TRUE(channel.ok()) << channel.status();
  auto stub = v1::Personnel::NewStub(*channel);
  v1::ListUnitsRequest request;
  request.set_parent("jurisdictions/wenjiang");
  v1::ListUnitsResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  if (!forged.empty()) context.AddMetadata("x-forwarded-client-cert", forged);
  return stub->ListUnits(&context, request, &response);
}

class ForwardedIdentity : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kNginx)) GTEST_SKIP() << kNginx << " missing (deploy/local/lib.sh installs it)";
    server_ = std::make_unique<testing::ServerProcess>(
        absl::StrCat("--target=personnel --drain_delay_seconds=0 --trusted_proxies=",
                     testing::TestServiceId(), " ", dbs_.Flags()),
        dbs_.dir() / "server.log");
    port_ = server_->WaitUntilServing();
    ASSERT_GT(port_, 0) << server_->Log();
    gateway_port_ = testing::FreePort();
    gateway_ = std::make_unique<Gateway>(dbs_.dir() / "nginx", gateway_port_, port_);
    ASSERT_TRUE(Listening(gateway_port_)) << gateway_->Log();
  }

  testing::ServerDatabases dbs_{{"personnel"}};
  std::unique_ptr<testing::ServerProcess> server_;
  std::unique_ptr<Gateway> gateway_;
  int port_ = 0;
  int gateway_port_ = 0;
};

TEST_F(ForwardedIdentity, TheForwardedCertificateIsTheCallerBehindTheTrustedProxy) {
  // The gateway's own identity is a SERVICE nobody trusts as one: only the forwarded agency
  // certificate makes this call pass.
  grpc::Status bureau =
      ListUnits(gateway_port_, testing::ClientIdentity("wenjiang", "ENFORCEMENT_BUREAU"));
  EXPECT_TRUE(bureau.ok()) << bureau.error_code() << " " << bureau.error_message() << "\n"
                           << gateway_->Log() << server_->Log();
  // And it is the agency's kind that the access gate checks.
  grpc::Status anyone = ListUnits(gateway_port_, testing::ClientIdentity("wenjiang", "PUBLIC"));
  EXPECT_EQ(anyone.error_code(), grpc::StatusCode::PERMISSION_DENIED) << anyone.error_message();
}

TEST_F(ForwardedIdentity, TheHeaderFromAnyoneButTheProxyIsRefused) {
  const std::string bureau_cert =
      ReadAll(testing::ClientIdentity("wenjiang", "ENFORCEMENT_BUREAU").cert);
  // Straight to the server, a public certificate claiming the bureau's.
  grpc::Status direct =
      ListUnits(port_, testing::ClientIdentity("wenjiang", "PUBLIC"), Escaped(bureau_cert));
  EXPECT_EQ(direct.error_code(), grpc::StatusCode::UNAUTHENTICATED) << direct.error_message();
  EXPECT_THAT(direct.error_message(), ::testing::HasSubstr("only from a trusted proxy"));
  // Even the bureau's own certificate may not carry the header.
  grpc::Status own = ListUnits(port_, testing::ClientIdentity("wenjiang", "ENFORCEMENT_BUREAU"),
                               Escaped(bureau_cert));
  EXPECT_EQ(own.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // The proxy's certificate without a forwarded one is no caller.
  grpc::Status bare = ListUnits(port_, testing::ClientIdentity("system", "SERVICE"));
  EXPECT_EQ(bare.error_code(), grpc::StatusCode::UNAUTHENTICATED) << bare.error_message();
  // With a certificate of another CA forwarded, it is refused too.
  grpc::Status rogue = ListUnits(port_, testing::ClientIdentity("system", "SERVICE"),
                                 Escaped(ReadAll(testing::RogueIdentity().cert)));
  EXPECT_EQ(rogue.error_code(), grpc::StatusCode::UNAUTHENTICATED) << rogue.error_message();
  EXPECT_THAT(rogue.error_message(), ::testing::HasSubstr("does not verify"));
}

TEST_F(ForwardedIdentity, AHeaderForgedBehindTheGatewayIsOverwritten) {
  const std::string bureau_cert =
      ReadAll(testing::ClientIdentity("wenjiang", "ENFORCEMENT_BUREAU").cert);
  // The public's certificate with a forged header naming the bureau: the gateway replaces the
  // header with the public's own certificate, so the public's kind is checked.
  grpc::Status forged =
      ListUnits(gateway_port_, testing::ClientIdentity("wenjiang", "PUBLIC"), Escaped(bureau_cert));
  EXPECT_EQ(forged.error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << forged.error_code() << " " << forged.error_message();
  // A certificate of another CA does not get through the gateway at all.
  grpc::Status rogue = ListUnits(gateway_port_, testing::RogueIdentity());
  EXPECT_FALSE(rogue.ok());
}

}  // namespace
}  // namespace auxpro
