// main.cpp: runs every TEST of the C++ binding tests (an exception escaping a test fails it) and
// prints `N passed, M failed` (checks) as the last line; the exit status is 0 only if all passed.
#include "check.hpp"

#include <dirent.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <exception>
#include <fstream>
#include <sstream>

namespace t {

int emulator_post(const std::string &path) {
    std::string url = env("TSC_TEST_URL");
    std::string::size_type scheme = url.find("://");
    std::string hostport = url.substr(scheme == std::string::npos ? 0 : scheme + 3);
    hostport = hostport.substr(0, hostport.find('/'));
    std::string::size_type colon = hostport.rfind(':');
    std::string host = hostport.substr(0, colon), port = colon == std::string::npos ? "80" : hostport.substr(colon + 1);
    addrinfo hints{}, *res = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &res) != 0) return -1;
    int fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    bool connected = fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) == 0;
    freeaddrinfo(res);
    if (!connected) {
        if (fd >= 0) close(fd);
        return -1;
    }
    std::string req = "POST " + path + " HTTP/1.1\r\nHost: " + hostport + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    bool sent = send(fd, req.data(), req.size(), 0) == static_cast<ssize_t>(req.size());
    char head[64] = {0};
    ssize_t n = sent ? recv(fd, head, sizeof head - 1, 0) : -1;
    close(fd);
    int status = -1;
    if (n > 12 && std::sscanf(head, "HTTP/1.1 %d", &status) != 1) status = -1;
    return status;
}

std::string temp_dir() {
    char buf[] = "/tmp/tsc-cpp-test-XXXXXX";
    if (mkdtemp(buf) == nullptr) {
        std::perror("mkdtemp");
        std::exit(2);
    }
    return buf;
}

void remove_dir(const std::string &d) {
    if (DIR *h = opendir(d.c_str())) {
        while (dirent *e = readdir(h)) {
            std::string n = e->d_name;
            if (n != "." && n != "..") unlink((d + "/" + n).c_str());
        }
        closedir(h);
    }
    rmdir(d.c_str());
}

int dir_entries(const std::string &d) {
    DIR *h = opendir(d.c_str());
    if (h == nullptr) return -1;
    int n = 0;
    while (dirent *e = readdir(h)) {
        std::string x = e->d_name;
        if (x != "." && x != "..") n++;
    }
    closedir(h);
    return n;
}

std::string read_file(const std::string &path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

void write_hyper(const std::string &path, std::size_t size) {
    static const unsigned char magic[12] = {'H', 'y', 'p', 'e', 'r', 8, 0, 0, 1, 0, 0, 0};
    std::string b(size, '\0');
    std::uint32_t x = 12345;
    for (std::size_t i = 0; i < size; i++) {
        x = x * 1103515245u + 12345u;
        b[i] = i < sizeof magic ? static_cast<char>(magic[i]) : static_cast<char>(x >> 24);
    }
    std::ofstream(path, std::ios::binary) << b;
}

}  // namespace t

int main() {
    for (auto &[name, fn] : t::registry()) {
        int before = t::totals().failed;
        try {
            fn();
        } catch (const std::exception &e) {
            t::record(false, (std::string(name) + ": uncaught exception: " + e.what()).c_str(), __FILE__, __LINE__);
        } catch (...) {
            t::record(false, (std::string(name) + ": uncaught exception").c_str(), __FILE__, __LINE__);
        }
        t::totals().tests++;
        std::printf("%s %s\n", t::totals().failed == before ? "ok  " : "FAIL", name);
    }
    std::printf("%d tests\n%d passed, %d failed\n", t::totals().tests, t::totals().passed, t::totals().failed);
    return t::totals().failed == 0 && t::totals().passed > 0 ? 0 : 1;
}
