/* pager_users.c: how long libtsc's pager takes to list every user of a site, without and with
 * read-ahead. Run by benches/run_pager.sh against `tsc-emulator --latency-ms 20` holding 10,000
 * users; prints one line per read-ahead depth with the median of the runs and, for comparison,
 * the round trips nobody can avoid: pages x latency / depth.
 *
 * Usage: pager_users URL LATENCY_MS [RUNS]   (signs in as admin/admin on the Default site)
 */
#define _POSIX_C_SOURCE 200112L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"

/* Lists every user once with this read-ahead; returns the milliseconds taken. */
static double list_all(const tsc_server *s, uint32_t read_ahead, long *items, long *pages) {
    tsc_error *err = NULL;
    tsc_user_pager *p = NULL;
    tsc_user_list *page = NULL;
    double t0 = now_ms();
    if (tsc_users_pager(s, NULL, read_ahead, &p, &err)) die("tsc_users_pager", err);
    *items = *pages = 0;
    for (;;) {
        if (tsc_user_pager_next(p, &page, &err)) die("tsc_user_pager_next", err);
        if (page == NULL) break;
        *items += (long)tsc_user_list_count(page);
        *pages += 1;
        tsc_user_list_free(page);
    }
    tsc_user_pager_free(p);
    return now_ms() - t0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s URL LATENCY_MS [RUNS]\n", argv[0]);
        return 2;
    }
    double latency = atof(argv[2]);
    int runs = argc > 3 ? atoi(argv[3]) : 7;
    if (runs < 1 || runs > 100) runs = 7;
    tsc_server *s = bench_sign_in(argv[1]);

    long items = 0, pages = 0;
    list_all(s, 4, &items, &pages); /* warm-up: connections, caches */
    printf("libtsc %s pager: %ld users in %ld pages of up to 1000, %.0f ms latency, median of %d runs\n",
           tsc_version(), items, pages, latency, runs);
    printf("  %-10s %10s %12s %14s %8s\n", "read-ahead", "median ms", "round trips", "2x(pages*lat/d)", "verdict");
    const uint32_t depths[] = {0, 1, 2, 3, 4, 5, 9};
    for (size_t k = 0; k < sizeof depths / sizeof depths[0]; k++) {
        double t[100];
        for (int r = 0; r < runs; r++) t[r] = list_all(s, depths[k], &items, &pages);
        qsort(t, (size_t)runs, sizeof t[0], cmp);
        double median = t[runs / 2];
        uint32_t d = depths[k] ? depths[k] : 1;
        double unavoidable = pages * latency / d;
        long trips = depths[k] ? 1 + (pages - 1 + d - 1) / d : pages;
        printf("  %-10u %10.1f %12ld %14.1f %8s\n", depths[k], median, trips, 2 * unavoidable,
               median <= 2 * unavoidable ? "ok" : "over");
    }
    tsc_server_free(s);
    return 0;
}
