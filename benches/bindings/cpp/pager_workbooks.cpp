// pager_workbooks.cpp: the C++ binding's pager benchmark (benches/run_bindings.sh): lists every
// workbook of the Default site with the binding's pager (pages of 1000, no read-ahead, each
// workbook's name read), exactly as benches/pager_workbooks.c does, RUNS times after one warm-up,
// and prints `cpp <items> <median ms> <peak RSS KiB>`.
//
// Usage: pager_workbooks URL [RUNS]   (signs in as admin/admin on the Default site)
#include <tsc.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

/// Lists every workbook once, reading each one's name; returns the number of items.
long list_all(const tsc::server &s) {
    auto o = tsc::request_options::create();
    o.set_page_size(1000);
    long items = 0;
    for (auto &page : s.workbooks().pager(o, 0))
        for (auto wb : page)
            if (wb.name()) items++;
    return items;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s URL [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = argc > 2 ? std::atoi(argv[2]) : 7;
    if (runs < 1 || runs > 100) runs = 7;
    try {
        tsc::server s = tsc::server::create(tsc::server_options::create(argv[1]));
        s.auth().sign_in(tsc::credentials::password("admin", "admin", ""));
        long items = list_all(s);  // warm-up
        std::vector<double> t;
        for (int r = 0; r < runs; r++) {
            auto t0 = std::chrono::steady_clock::now();
            items = list_all(s);
            t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(t.begin(), t.end());
        rusage ru{};
        getrusage(RUSAGE_SELF, &ru);
        std::printf("cpp %ld %.1f %ld\n", items, t[static_cast<std::size_t>(runs / 2)], ru.ru_maxrss);
        s.auth().sign_out();
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "pager_workbooks (C++) failed: %s\n", e.what());
        return 1;
    }
}
