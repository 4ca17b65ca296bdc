/* bench_util.h: what the C benchmark programs share: a monotonic clock in milliseconds, a
 * comparison for qsort'ing timings, a fatal error that prints the library's message, and a
 * server handle signed in as the emulator's administrator. */
#ifndef TSC_BENCH_UTIL_H
#define TSC_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tsc.h"

static inline double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static inline int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void die(const char *what, tsc_error *err) {
    fprintf(stderr, "%s failed: %s\n", what, err ? tsc_error_message(err) : "?");
    tsc_error_free(err);
    exit(1);
}

/* A server handle for `url`, signed in as admin/admin on the Default site. */
static tsc_server *bench_sign_in(const char *url) {
    tsc_error *err = NULL;
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    tsc_credentials *c = NULL;
    if (tsc_server_options_new(url, &o, &err)) die("tsc_server_options_new", err);
    if (tsc_server_new(o, &s, &err)) die("tsc_server_new", err);
    tsc_server_options_free(o);
    if (tsc_credentials_new_password("admin", "admin", "", &c, &err)) die("tsc_credentials_new_password", err);
    if (tsc_auth_sign_in(s, c, &err)) die("tsc_auth_sign_in", err);
    tsc_credentials_free(c);
    return s;
}

#endif
