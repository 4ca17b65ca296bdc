// workbooks.cpp: the workbooks of a site, from C++ (<tsc.hpp>), built with CMake (find_package(tsc)).
//
// The server and the credentials come from the environment, with tsc-emulator's defaults:
//   TSC_SERVER (http://127.0.0.1:8000), TSC_USER (admin), TSC_PASSWORD (admin), TSC_SITE ("").
#include <tsc.hpp>

#include <cstdlib>
#include <iostream>

static const char *env(const char *name, const char *fallback) {
    const char *v = std::getenv(name);
    return v && *v ? v : fallback;
}

int main() {
    try {
        tsc::server server = tsc::server::create(
            tsc::server_options::create(env("TSC_SERVER", "http://127.0.0.1:8000")));
        server.auth().sign_in(tsc::credentials::password(env("TSC_USER", "admin"),
                                                         env("TSC_PASSWORD", "admin"), env("TSC_SITE", "")));
        for (auto &page : server.workbooks().pager({}, 0))
            for (auto wb : page) std::cout << wb.name().value_or("?") << "\n";
        server.auth().sign_out();
    } catch (const tsc::error &e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
