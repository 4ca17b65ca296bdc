// test_retained.cpp: the retained callbacks: a log callable (kept by every server made from the
// options, after the options are destroyed; called from pager read-ahead threads too) and a JWT
// source (kept by the server after the credentials are destroyed, called again when the
// session expired; an exception aborts the sign-in).
#include "check.hpp"

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

/// Sends `POST path` to the emulator; returns the HTTP status (-1 on failure).
int emu_post(const std::string &path) {
    std::string url = t::env("TSC_TEST_URL");
    std::string rest = url.substr(url.find("://") + 3);
    std::string hostport = rest.substr(0, rest.find('/'));
    std::string host = hostport.substr(0, hostport.find(':'));
    std::string port = hostport.find(':') == std::string::npos ? "80" : hostport.substr(hostport.find(':') + 1);
    addrinfo hints{}, *ai = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &ai) != 0) return -1;
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    bool ok = fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0;
    freeaddrinfo(ai);
    if (!ok) {
        if (fd >= 0) close(fd);
        return -1;
    }
    std::string req = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) {
        close(fd);
        return -1;
    }
    char resp[64] = {0};
    ssize_t got = read(fd, resp, sizeof resp - 1);
    close(fd);
    int status = -1;
    if (got > 12) std::sscanf(resp, "HTTP/1.%*d %d", &status);
    return status;
}

struct log_sink {
    std::mutex m;
    std::vector<std::string> lines;
    std::set<std::thread::id> threads;
    bool has(const std::string &s) {
        std::lock_guard<std::mutex> g(m);
        for (const auto &l : lines)
            if (l.find(s) != std::string::npos) return true;
        return false;
    }
};

}  // namespace

TEST(log_callable_outlives_the_options) {
    auto sink = std::make_shared<log_sink>();
    tsc::server s;
    {
        auto o = tsc::server_options::create(t::env("TSC_TEST_URL"));
        o.set_log(tsc::log_level::debug, [sink](tsc::log_level, std::string_view line) {
            std::lock_guard<std::mutex> g(sink->m);
            sink->lines.emplace_back(line);
            sink->threads.insert(std::this_thread::get_id());
        });
        s = tsc::server::create(o);
    }  // the options are destroyed: the server still logs to the callable
    s.auth().sign_in(tsc::credentials::password("admin", "admin", ""));
    s.projects().get();
    CHECK(sink->has("-> 200"));
    // a throwing log callable is swallowed: the call succeeds
    auto o2 = tsc::server_options::create(t::env("TSC_TEST_URL"));
    o2.set_log(tsc::log_level::debug, [](tsc::log_level, std::string_view) { throw std::runtime_error("log"); });
    tsc::server s2 = tsc::server::create(o2);
    s2.auth().sign_in(tsc::credentials::password("admin", "admin", ""));
    CHECK(s2.projects().get().total_available() >= 0);
}

TEST(log_lines_come_from_several_threads) {
    auto sink = std::make_shared<log_sink>();
    auto o = tsc::server_options::create(t::env("TSC_TEST_URL"));
    o.set_log(tsc::log_level::debug, [sink](tsc::log_level, std::string_view line) {
        std::lock_guard<std::mutex> g(sink->m);
        sink->lines.emplace_back(line);
        sink->threads.insert(std::this_thread::get_id());
    });
    tsc::server s = tsc::server::create(o);
    s.auth().sign_in(tsc::credentials::password("admin", "admin", ""));
    for (int i = 0; i < 12; i++) s.projects().create(tsc::project::create("cpp-log-" + std::to_string(i)));
    auto ro = tsc::request_options::create();
    ro.set_page_size(2);
    std::size_t n = 0;
    std::thread other([&] { s.projects().get(); });
    for (auto &p : s.projects().pager(ro, 4).items()) n += p.id().has_value();
    other.join();
    CHECK(n >= 12);
    std::lock_guard<std::mutex> g(sink->m);
    CHECK(sink->threads.size() >= 2);
}

TEST(jwt_source_signs_in_again_after_the_credentials_are_gone) {
    auto calls = std::make_shared<std::atomic<int>>(0);
    std::string jwt = t::env("TSC_TEST_JWT");
    tsc::server s = tsc::server::create(tsc::server_options::create(t::env("TSC_TEST_URL")));
    {
        auto c = tsc::credentials::jwt_source([calls, jwt] { ++*calls; return jwt; }, "");
        s.auth().sign_in(c);
    }  // the credentials are destroyed: the server keeps the source
    CHECK(calls->load() == 1);
    CHECK(emu_post("/_emulator/sessions/expire") == 200);
    std::thread th([&] { s.projects().get(); });  // signs in again on another thread
    th.join();
    CHECK(calls->load() == 2);
}

TEST(a_throwing_jwt_source_aborts_the_sign_in) {
    tsc::server s = tsc::server::create(tsc::server_options::create(t::env("TSC_TEST_URL")));
    auto c = tsc::credentials::jwt_source([]() -> std::string { throw std::runtime_error("no token"); }, "");
    THROWS_TSC(tsc::status::aborted_by_callback, s.auth().sign_in(c), (void)0);
    CHECK(!s.is_signed_in());
}

TEST(a_pager_keeps_logging_after_the_server_is_gone) {
    auto sink = std::make_shared<log_sink>();
    auto o = tsc::server_options::create(t::env("TSC_TEST_URL"));
    o.set_log(tsc::log_level::debug, [sink](tsc::log_level, std::string_view line) {
        std::lock_guard<std::mutex> g(sink->m);
        sink->lines.emplace_back(line);
    });
    tsc::server s = tsc::server::create(o);
    o = tsc::server_options();
    s.auth().sign_in(tsc::credentials::password("admin", "admin", ""));
    auto ro = tsc::request_options::create();
    ro.set_page_size(1);
    auto pager = s.projects().pager(ro, 3);
    s = tsc::server();  // the pager still makes requests, and logs them
    std::size_t before;
    {
        std::lock_guard<std::mutex> g(sink->m);
        before = sink->lines.size();
    }
    std::size_t n = 0;
    for (auto &p : pager.items()) n += p.id().has_value();
    CHECK(n >= 2);
    std::lock_guard<std::mutex> g(sink->m);
    CHECK(sink->lines.size() > before);
}
