/* check.h: the tiny test kit of the C test programs.
 *
 * Each program prints "N passed, N failed" last and exits non-zero on any failure. It reads the
 * emulator's URL from TSC_TEST_URL (set by tests/c_programs.rs, which also builds and runs it
 * plain, under AddressSanitizer and under valgrind), and can drive the emulator's control
 * endpoints (/_emulator/...) with emu_control().
 */
#ifndef TSC_TEST_CHECK_H
#define TSC_TEST_CHECK_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200112L
#endif
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tsc.h"

static int check_passed = 0;
static int check_failed = 0;
/* The error slot every OK()/FAILS() call uses. */
static tsc_error *E = NULL;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            check_passed++;                                                           \
        } else {                                                                      \
            check_failed++;                                                           \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);  \
        }                                                                             \
    } while (0)

#define CHECK_STR(a, b) CHECK((a) != NULL && (b) != NULL && strcmp((a), (b)) == 0)

/* Runs a call that must succeed; on failure prints the error's message. */
#define OK(call)                                                                       \
    do {                                                                               \
        tsc_status st_ = (call);                                                       \
        if (st_ == TSC_STATUS_OK && E == NULL) {                                       \
            check_passed++;                                                            \
        } else {                                                                       \
            check_failed++;                                                            \
            fprintf(stderr, "%s:%d: %s -> %d (%s)\n", __FILE__, __LINE__, #call,       \
                    (int)st_, E ? tsc_error_message(E) : "no error object");           \
        }                                                                              \
        tsc_error_free(E);                                                             \
        E = NULL;                                                                      \
    } while (0)

/* Runs a call that must fail with `status` and leave an error object with a message. */
#define FAILS(status, call)                                                            \
    do {                                                                               \
        tsc_status st_ = (call);                                                       \
        if (st_ == (status) && E != NULL && tsc_error_status(E) == (status) &&         \
            tsc_error_message(E) != NULL && strlen(tsc_error_message(E)) > 0) {        \
            check_passed++;                                                            \
        } else {                                                                       \
            check_failed++;                                                            \
            fprintf(stderr, "%s:%d: %s -> %d, expected %d (%s)\n", __FILE__, __LINE__,  \
                    #call, (int)st_, (int)(status),                                    \
                    E ? tsc_error_message(E) : "no error object");                     \
        }                                                                              \
        tsc_error_free(E);                                                             \
        E = NULL;                                                                      \
    } while (0)

/* Like FAILS, and the server's Tableau error code must be `code` (a string such as "409000"). */
#define FAILS_CODE(status, code, call)                                                 \
    do {                                                                               \
        tsc_status st_ = (call);                                                       \
        const char *c_ = E ? tsc_error_server_code(E) : NULL;                          \
        if (st_ == (status) && E != NULL && c_ != NULL && strcmp(c_, (code)) == 0) {   \
            check_passed++;                                                            \
        } else {                                                                       \
            check_failed++;                                                            \
            fprintf(stderr, "%s:%d: %s -> %d (code %s), expected %d (code %s): %s\n",   \
                    __FILE__, __LINE__, #call, (int)st_, c_ ? c_ : "none",             \
                    (int)(status), (code), E ? tsc_error_message(E) : "no error object");\
        }                                                                              \
        tsc_error_free(E);                                                             \
        E = NULL;                                                                      \
    } while (0)

/* Prints the summary line and returns the exit status. */
static inline int check_finish(void) {
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

/* The emulator's base URL. */
static inline const char *test_url(void) {
    const char *u = getenv("TSC_TEST_URL");
    if (u == NULL) {
        fprintf(stderr, "TSC_TEST_URL is not set (run through `cargo test --test c_programs`)\n");
        exit(2);
    }
    return u;
}

/* A server handle for the emulator; `attempts` 1 turns retries off (tests of error mapping see
 * each injected fault as it is), 0 keeps the default retries. */
static inline tsc_server *test_server_retrying(uint32_t attempts) {
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    if (attempts > 0) OK(tsc_server_options_set_retries(o, attempts, 0, &E));
    OK(tsc_server_new(o, &s, &E));
    tsc_server_options_free(o);
    return s;
}

/* A server handle for the emulator, with the default options. */
static inline tsc_server *test_server(void) {
    return test_server_retrying(0);
}

/* Signs in as the emulator's administrator on the site with this content URL. */
static inline void test_sign_in(tsc_server *s, const char *site) {
    tsc_credentials *c = NULL;
    OK(tsc_credentials_new_password("admin", "admin", site, &c, &E));
    OK(tsc_auth_sign_in(s, c, &E));
    tsc_credentials_free(c);
}

/* A server handle for the emulator pinned to REST API `version` (an older one, to see calls
 * that need a newer one refused before any request), signed in as the administrator. */
static inline tsc_server *test_server_pinned(const char *version) {
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    OK(tsc_server_options_set_api_version(o, version, &E));
    OK(tsc_server_new(o, &s, &E));
    tsc_server_options_free(o);
    test_sign_in(s, "");
    return s;
}

/* Sends `method path` with an optional XML body to the emulator over a raw socket; returns the
 * HTTP status, or -1 if the exchange failed, and puts the whole answer (head and body, NUL
 * terminated, cut at `cap` - 1 bytes) in `out` unless it is NULL. For the /_emulator/ control
 * endpoints. */
static inline int emu_exchange(const char *method, const char *path, const char *body, char *out, size_t cap) {
    const char *url = test_url();
    char host[256] = {0}, port[16] = "80";
    const char *h = strstr(url, "://");
    h = h ? h + 3 : url;
    const char *colon = strchr(h, ':');
    const char *slash = strchr(h, '/');
    size_t hl = colon ? (size_t)(colon - h) : (slash ? (size_t)(slash - h) : strlen(h));
    if (hl >= sizeof host) return -1;
    memcpy(host, h, hl);
    if (colon) {
        size_t pl = slash ? (size_t)(slash - colon - 1) : strlen(colon + 1);
        if (pl >= sizeof port) return -1;
        memcpy(port, colon + 1, pl);
        port[pl] = 0;
    }
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &ai) != 0) return -1;
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        freeaddrinfo(ai);
        if (fd >= 0) close(fd);
        return -1;
    }
    freeaddrinfo(ai);
    char req[4096];
    size_t blen = body ? strlen(body) : 0;
    int n = snprintf(req, sizeof req,
                     "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nContent-Type: application/xml\r\n"
                     "Content-Length: %lu\r\n\r\n%s",
                     method, path, host, (unsigned long)blen, body ? body : "");
    if (n < 0 || (size_t)n >= sizeof req || write(fd, req, (size_t)n) != n) {
        close(fd);
        return -1;
    }
    char head[64] = {0};
    char *buf = out != NULL ? out : head;
    size_t room = out != NULL ? cap : sizeof head, got = 0;
    for (;;) {
        if (got + 1 >= room) break;
        ssize_t r = read(fd, buf + got, room - 1 - got);
        if (r <= 0) break;
        got += (size_t)r;
        if (out == NULL) break; /* the status line is enough */
    }
    buf[got] = 0;
    close(fd);
    int status = -1;
    if (got > 12) sscanf(buf, "HTTP/1.%*d %d", &status);
    return status;
}

/* emu_exchange without the answer. */
static inline int emu_control(const char *method, const char *path, const char *body) {
    return emu_exchange(method, path, body, NULL, 0);
}

/* Sets the emulator's job delay: new jobs are queued for half of it, then run to its end. */
static inline void emu_set_job_delay(int ms) {
    char path[128];
    snprintf(path, sizeof path, "/_emulator/settings?jobDelayMs=%d", ms);
    CHECK(emu_control("POST", path, NULL) == 200);
}

#endif
