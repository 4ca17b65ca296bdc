/* pager_workbooks.c: the C baseline for the bindings' pager benchmark (benches/run_bindings.sh):
 * lists every workbook of the Default site with the pager (pages of 1000, no read-ahead) RUNS
 * times and prints one line: `c <items> <median ms> <peak RSS KiB>`. Each binding's benchmark
 * prints the same line with its own name, so the runner can put them side by side.
 *
 * Usage: pager_workbooks URL [RUNS]   (signs in as admin/admin on the Default site)
 */
#define _POSIX_C_SOURCE 200112L
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_util.h"

/* Lists every workbook once, reading each one's name; returns the number of items. */
static long list_all(const tsc_server *s) {
    tsc_error *err = NULL;
    tsc_request_options *o = NULL;
    tsc_workbook_pager *p = NULL;
    tsc_workbook_list *page = NULL;
    long items = 0;
    if (tsc_request_options_new(&o, &err) || tsc_request_options_set_page_size(o, 1000, &err))
        die("request options", err);
    if (tsc_workbooks_pager(s, o, 0, &p, &err)) die("tsc_workbooks_pager", err);
    tsc_request_options_free(o);
    for (;;) {
        if (tsc_workbook_pager_next(p, &page, &err)) die("tsc_workbook_pager_next", err);
        if (page == NULL) break;
        size_t n = tsc_workbook_list_count(page);
        for (size_t i = 0; i < n; i++) {
            if (tsc_workbook_name(tsc_workbook_list_get(page, i)) != NULL) items++;
        }
        tsc_workbook_list_free(page);
    }
    tsc_workbook_pager_free(p);
    return items;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s URL [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 7;
    if (runs < 1 || runs > 100) runs = 7;
    tsc_error *err = NULL;
    tsc_server *s = bench_sign_in(argv[1]);

    long items = list_all(s); /* warm-up */
    double t[100];
    for (int r = 0; r < runs; r++) {
        double t0 = now_ms();
        items = list_all(s);
        t[r] = now_ms() - t0;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("c %ld %.1f %ld\n", items, t[runs / 2], ru.ru_maxrss);
    if (tsc_auth_sign_out(s, &err)) die("tsc_auth_sign_out", err);
    tsc_server_free(s);
    return 0;
}
