/* bench_util.h: what the C benchmark programs share: a monotonic clock in milliseconds, a
 * comparison for qsort'ing timings, and a fatal error that prints the library's message. */
#ifndef TSC_BENCH_UTIL_H
#define TSC_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tsc.h"

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void die(const char *what, tsc_error *err) {
    fprintf(stderr, "%s failed: %s\n", what, err ? tsc_error_message(err) : "?");
    tsc_error_free(err);
    exit(1);
}

#endif
