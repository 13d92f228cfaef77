// HttpServer on a real loopback socket: requests reach the handler with headers, query, cookies
// and body; security headers are added; bad and hostile requests get their error without
// reaching the handler (oversize body, too many or too large headers, malformed request line,
// a silent client).
#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>

namespace recount::http {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerLimits limits;
    limits.max_body_bytes = 1000;
    limits.max_upload_bytes = 5000;
    limits.max_header_count = 20;
    limits.connection_memory = 8 << 10;
    limits.idle_timeout_seconds = 1;
    limits.threads = 2;
    auto s = HttpServer::Start(
        "127.0.0.1:0",
        [this](const Request& r) {
          ++handled_;
          Response out;
          out.body = r.method + " " + r.path + " q=" + r.Query("q") + " c=" +
                     (r.cookies.count("k") ? r.cookies.at("k") : "") + " h=" +
                     (r.Header("x-test") ? *r.Header("x-test") : "") + " b=" + r.body;
          out.content_type = "text/plain";
          return out;
        },
        limits,
        [](const std::string& method, const std::string& path) {
          return method == "POST" && path == "/upload" ? BodyKind::kUpload : BodyKind::kJson;
        });
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(*s);
  }

  int Connect() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(server_->port()));
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    return fd;
  }

  // Sends `raw` and reads until the server closes or `timeout_ms` passes.
  std::string Exchange(const std::string& raw, int timeout_ms = 3000) {
    int fd = Connect();
    size_t sent = 0;
    while (sent < raw.size()) {
      ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    std::string out;
    char buf[4096];
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
  }

  static int StatusOf(const std::string& response) {
    if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) return 0;
    return std::stoi(response.substr(9, 3));
  }

  std::unique_ptr<HttpServer> server_;
  std::atomic<int> handled_{0};
};

TEST_F(ServerTest, RequestPartsReachTheHandlerAndSecurityHeadersAreAdded) {
  std::string r = Exchange(
      "POST /api/x?q=%EC%97%B0%EA%B8%B8 HTTP/1.1\r\nHost: t\r\nX-Test: yes\r\n"
      "Cookie: k=v1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
  EXPECT_EQ(StatusOf(r), 200) << r;
  EXPECT_NE(r.find("POST /api/x q=연길 c=v1 h=yes b=hello"), std::string::npos) << r;
  EXPECT_NE(r.find("Content-Security-Policy: default-src 'self'"), std::string::npos);
  EXPECT_NE(r.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(r.find("X-Frame-Options: DENY"), std::string::npos);
}

TEST_F(ServerTest, OversizeBodyIsRefusedBeforeItIsRead) {
  std::string r = Exchange("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 413) << r;
  EXPECT_EQ(handled_.load(), 0);
  // Chunked bodies are counted as they arrive.
  std::string chunk(900, 'a');
  std::string chunked = "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) chunked += "384\r\n" + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  r = Exchange(chunked);
  EXPECT_EQ(StatusOf(r), 0) << "the connection is closed without a response: " << r.substr(0, 200);
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(ServerTest, AnUploadRouteHasItsOwnBodyLimit) {
  const std::string body(3000, 'u');
  auto post = [&](const std::string& path, const std::string& b) {
    return Exchange("POST " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                    "Content-Length: " + std::to_string(b.size()) + "\r\n\r\n" + b);
  };
  std::string r = post("/upload", body);
  EXPECT_EQ(StatusOf(r), 200) << r.substr(0, 300);
  EXPECT_NE(r.find("b=" + body), std::string::npos);
  EXPECT_EQ(handled_.load(), 1);
  EXPECT_EQ(StatusOf(post("/x", body)), 413);  // other routes keep the JSON limit
  r = Exchange("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 6000\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 413) << r;
  EXPECT_NE(r.find("--max-upload"), std::string::npos);
  EXPECT_EQ(handled_.load(), 1);
}

TEST_F(ServerTest, TooManyOrTooLargeHeadersAreRefused) {
  std::string many = "GET /x HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 30; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  many += "\r\n";
  EXPECT_EQ(StatusOf(Exchange(many)), 431);
  std::string huge = "GET /x HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n";
  int status = StatusOf(Exchange(huge));
  EXPECT_TRUE(status == 431 || status == 413 || status == 414 || status == 0) << status;
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(ServerTest, MalformedRequestsGetAnErrorAndTheServerKeepsServing) {
  EXPECT_EQ(StatusOf(Exchange("THIS IS NOT HTTP\r\n\r\n")), 400);
  EXPECT_EQ(StatusOf(Exchange("GET /x HTTP/1.1\r\n\r\n")), 400);  // HTTP/1.1 needs Host
  Exchange(std::string("\0\xff\xfe garbage", 12), 500);
  EXPECT_EQ(handled_.load(), 0);
  EXPECT_EQ(StatusOf(Exchange("GET /ok HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")), 200);
}

TEST_F(ServerTest, ASilentClientIsDisconnected) {
  int fd = Connect();
  ASSERT_GT(::send(fd, "GET /x HTTP/1.1\r\n", 17, MSG_NOSIGNAL), 0);
  // Idle timeout is 1 s: the server closes the connection (recv returns 0) well before 5 s.
  auto start = std::chrono::steady_clock::now();
  char buf[256];
  pollfd p{fd, POLLIN, 0};
  ssize_t n = 1;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
    if (::poll(&p, 1, 200) > 0) {
      n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
    }
  }
  ::close(fd);
  EXPECT_LE(n, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(ListenAddress, ParsesAndRejects) {
  EXPECT_EQ(ParseListenAddress("127.0.0.1:8080").value(), std::make_pair(std::string("127.0.0.1"), 8080));
  EXPECT_EQ(ParseListenAddress("[::1]:0").value(), std::make_pair(std::string("::1"), 0));
  EXPECT_FALSE(ParseListenAddress("localhost").ok());
  EXPECT_FALSE(ParseListenAddress("1.2.3.4:99999").ok());
  EXPECT_FALSE(HttpServer::Start("example.org:80", [](const Request&) { return Response(); }, {})
                   .ok());
}

}  // namespace
}  // namespace recount::http
