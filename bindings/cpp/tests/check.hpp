// check.hpp: the C++ binding tests' harness: TEST(name) registers a test, CHECK(cond) counts a
// check, THROWS_TSC(status, expr) expects a tsc::error; main() (main.cpp) runs every test and
// prints `N passed, M failed` last. Also the environment the Rust runner sets (TSC_TEST_URL,
// TSC_TEST_SAMPLES, TSC_TEST_JWT) and small helpers shared by the test files.
#ifndef TSC_CPP_TEST_CHECK_HPP
#define TSC_CPP_TEST_CHECK_HPP

#include <tsc.hpp>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace t {

struct counts {
    int passed = 0, failed = 0, tests = 0;
};
inline counts &totals() {
    static counts c;
    return c;
}
inline std::vector<std::pair<const char *, std::function<void()>>> &registry() {
    static std::vector<std::pair<const char *, std::function<void()>>> r;
    return r;
}
struct reg {
    reg(const char *n, std::function<void()> f) { registry().emplace_back(n, std::move(f)); }
};
inline void record(bool ok, const char *what, const char *file, int line) {
    if (ok) {
        totals().passed++;
    } else {
        totals().failed++;
        std::fprintf(stderr, "FAILED %s:%d: %s\n", file, line, what);
    }
}

inline std::string env(const char *name) {
    const char *v = std::getenv(name);
    if (v == nullptr) {
        std::fprintf(stderr, "%s is not set\n", name);
        std::exit(2);
    }
    return v;
}
inline std::string sample(const std::string &name) { return env("TSC_TEST_SAMPLES") + "/" + name; }

/// A server handle for the test emulator, signed in as admin on the Default site.
inline tsc::server connect() {
    tsc::server s = tsc::server::create(tsc::server_options::create(env("TSC_TEST_URL")));
    s.auth().sign_in(tsc::credentials::password("admin", "admin", ""));
    return s;
}

/// The id of the Default project ("Default" or "default").
inline std::string default_project(const tsc::server &s) {
    for (auto p : s.projects().get())
        if (p.name() == std::optional<std::string_view>("Default") || p.name() == std::optional<std::string_view>("default"))
            return std::string(p.id().value());
    std::fprintf(stderr, "no Default project\n");
    std::exit(2);
}

/// A fresh empty directory under /tmp.
std::string temp_dir();
/// Removes a directory made by temp_dir and what is in it.
void remove_dir(const std::string &d);
/// Number of entries in a directory (-1 if it cannot be read).
int dir_entries(const std::string &d);
/// The bytes of a file.
std::string read_file(const std::string &path);
/// Writes a .hyper file of `size` bytes (the Hyper signature, then a pattern).
void write_hyper(const std::string &path, std::size_t size);
/// Sends `POST path` (an /_emulator/ control endpoint, with its query) to the test emulator
/// over a plain socket; the HTTP status, or -1 if the exchange failed.
int emulator_post(const std::string &path);

}  // namespace t

#define TSC_T_CAT2(a, b) a##b
#define TSC_T_CAT(a, b) TSC_T_CAT2(a, b)
#define TEST(name)                                                        \
    static void name();                                                   \
    static ::t::reg TSC_T_CAT(reg_, name)(#name, name);                   \
    static void name()
#define CHECK(cond) ::t::record(static_cast<bool>(cond), #cond, __FILE__, __LINE__)
/// Expects `expr` to throw tsc::error with `st`; binds it to `e` for further checks in `more`.
#define THROWS_TSC(st, expr, more)                                                            \
    do {                                                                                      \
        bool thrown_ = false;                                                                 \
        try {                                                                                 \
            (void)(expr);                                                                     \
        } catch (const tsc::error &e) {                                                       \
            thrown_ = true;                                                                   \
            ::t::record(e.status() == (st), #expr " throws " #st, __FILE__, __LINE__);         \
            if (e.status() != (st)) std::fprintf(stderr, "  got: %s\n", e.what());            \
            more;                                                                             \
        }                                                                                     \
        ::t::record(thrown_, #expr " throws tsc::error", __FILE__, __LINE__);                 \
    } while (0)

#endif
