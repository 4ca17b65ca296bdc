/* test_resilience.c: what the library does on its own against the emulator's faults, from C:
 * retries of GETs on 503/502/429 after Retry-After (counted, bounded by the wait the caller
 * allows, off on request), POSTs never repeated, an expired session signed in again (or not,
 * on request), a session attached without signing in, the call deadline, and the log callback: every request, retry and sign-in again
 * traced, and no password, secret or token in any line over every kind of failure. */
#include "check.h"

#include <time.h>

static void fault(const char *xml) {
    CHECK(emu_control("DELETE", "/_emulator/faults", NULL) / 100 == 2);
    CHECK(emu_control("POST", "/_emulator/faults", xml) / 100 == 2);
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int has(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* Every log line, concatenated (one per line). */
static char logged[1 << 18];
static size_t logged_len = 0;
static int log_lines = 0;

/* When set, the next log line tries a request with it: refused from inside the callback. */
static const tsc_server *reenter = NULL;
static tsc_status reentered = TSC_STATUS_OK;

static int32_t keep_line(void *userdata, int32_t level, const char *message) {
    CHECK(userdata == (void *)logged);
    if (reenter != NULL) {
        const tsc_server *s = reenter;
        tsc_project_list *l = NULL;
        tsc_error *e = NULL;
        reenter = NULL;
        reentered = tsc_projects_get(s, NULL, &l, &e);
        CHECK(l == NULL);
        tsc_error_free(e);
    }
    CHECK(level >= TSC_LOG_LEVEL_ERROR && level <= TSC_LOG_LEVEL_DEBUG);
    size_t n = strlen(message);
    if (logged_len + n + 2 < sizeof logged) {
        memcpy(logged + logged_len, message, n);
        logged_len += n;
        logged[logged_len++] = '\n';
        logged[logged_len] = 0;
    }
    log_lines++;
    return 0;
}

/* A server with retries (attempts, wait) and sign-in again as given, logging into `logged`. */
static tsc_server *server_with(uint32_t attempts, uint32_t wait_ms, int reauth, uint32_t deadline_ms) {
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    OK(tsc_server_options_set_retries(o, attempts, wait_ms, &E));
    OK(tsc_server_options_set_reauthenticate(o, reauth, &E));
    OK(tsc_server_options_set_deadline_ms(o, deadline_ms, &E));
    OK(tsc_server_options_set_log(o, TSC_LOG_LEVEL_DEBUG, keep_line, logged, &E));
    OK(tsc_server_new(o, &s, &E));
    tsc_server_options_free(o);
    return s;
}

static void sign_in_pat(tsc_server *s) {
    tsc_credentials *c = NULL;
    OK(tsc_credentials_new_pat("test-pat", "pat-secret", "", &c, &E));
    OK(tsc_auth_sign_in(s, c, &E));
    tsc_credentials_free(c);
}

static void retries(void) {
    tsc_server *s = server_with(4, 10000, 1, 0);
    sign_in_pat(s);
    tsc_project_list *l = NULL;

    /* two 503s with Retry-After: 1, then the answer: waited at least 2 s, two retries */
    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"2\" action=\"status\" status=\"503\" retryAfter=\"1\"/>");
    double t0 = now_s();
    OK(tsc_projects_get(s, NULL, &l, &E));
    CHECK(now_s() - t0 >= 1.9);
    CHECK(l != NULL && tsc_project_list_count(l) >= 1);
    tsc_project_list_free(l);
    l = NULL;
    CHECK(tsc_server_retry_count(s) == 2);
    CHECK(has(logged, "retry 1 of 3 in 1000 ms (Retry-After)"));
    CHECK(has(logged, "retry 2 of 3"));

    /* a request from inside the log callback is refused, not deadlocked */
    reenter = s;
    OK(tsc_projects_get(s, NULL, &l, &E));
    tsc_project_list_free(l);
    l = NULL;
    CHECK(reenter == NULL && reentered == TSC_STATUS_INVALID_ARGUMENT);

    /* a 502 without Retry-After: retried after the backoff */
    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"status\" status=\"502\"/>");
    OK(tsc_projects_get(s, NULL, &l, &E));
    tsc_project_list_free(l);
    l = NULL;
    CHECK(tsc_server_retry_count(s) == 3);

    /* a Retry-After beyond the 10 s retries may wait: not waited for, the error carries it */
    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"status\" status=\"429\" retryAfter=\"120\"/>");
    t0 = now_s();
    CHECK(tsc_projects_get(s, NULL, &l, &E) == TSC_STATUS_RATE_LIMITED);
    CHECK(now_s() - t0 < 60);
    CHECK(E != NULL && tsc_error_retry_after(E) == 120);
    CHECK(E != NULL && has(tsc_error_message(E), "not retried"));
    tsc_error_free(E);
    E = NULL;
    CHECK(tsc_server_retry_count(s) == 3);

    /* a POST that creates something is never repeated */
    fault("<fault method=\"POST\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"status\" status=\"503\" retryAfter=\"1\"/>");
    tsc_project *draft = NULL, *made = NULL;
    OK(tsc_project_new("C resilience once", &draft, &E));
    FAILS(TSC_STATUS_SERVER_ERROR, tsc_projects_create(s, draft, &made, &E));
    CHECK(made == NULL);
    CHECK(tsc_server_retry_count(s) == 3);
    /* the fault was used once: the project does not exist, and creating it now works */
    OK(tsc_projects_create(s, draft, &made, &E));
    CHECK(made != NULL);
    OK(tsc_projects_delete(s, tsc_project_id(made), &E));
    tsc_project_free(made);
    tsc_project_free(draft);
    CHECK(emu_control("DELETE", "/_emulator/faults", NULL) / 100 == 2);
    tsc_server_free(s);

    /* retries off: the first 503 is the answer */
    s = server_with(1, 0, 1, 0);
    sign_in_pat(s);
    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"status\" status=\"503\"/>");
    FAILS(TSC_STATUS_SERVER_ERROR, tsc_projects_get(s, NULL, &l, &E));
    CHECK(tsc_server_retry_count(s) == 0);
    tsc_server_free(s);

    tsc_server_options *o = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_set_retries(o, 0, 1000, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_set_log(o, 9, NULL, NULL, &E));
    tsc_server_options_free(o);
}

static char *token_of(tsc_server *s) {
    char *t = NULL;
    OK(tsc_server_auth_token(s, &t, &E));
    return t;
}

static void sign_in_again(void) {
    tsc_server *s = server_with(4, 10000, 1, 0);
    sign_in_pat(s);
    char *before = token_of(s);
    tsc_project_list *l = NULL;
    CHECK(emu_control("POST", "/_emulator/sessions/expire", NULL) == 200);
    OK(tsc_projects_get(s, NULL, &l, &E));
    tsc_project_list_free(l);
    l = NULL;
    CHECK(tsc_server_reauthentication_count(s) == 1);
    char *after = token_of(s);
    CHECK(before != NULL && after != NULL && strcmp(before, after) != 0);
    CHECK(has(logged, "signing in again"));
    tsc_string_free(before);
    tsc_string_free(after);
    tsc_server_free(s);

    /* opted out: the expiry comes back as UNAUTHORIZED */
    s = server_with(4, 10000, 0, 0);
    sign_in_pat(s);
    CHECK(emu_control("POST", "/_emulator/sessions/expire", NULL) == 200);
    FAILS_CODE(TSC_STATUS_UNAUTHORIZED, "401002", tsc_projects_get(s, NULL, &l, &E));
    CHECK(tsc_server_reauthentication_count(s) == 0);
    tsc_server_free(s);
}

/* JWT sign-ins through a source callback: called for the first sign-in and again when the
 * session expires (the test's JWT comes from TSC_TEST_JWT); a refusing source stops the sign-in. */
static int minted = 0;

static int32_t jwt_from_env(void *userdata, char *buf, size_t cap, size_t *out_len) {
    const char *jwt = getenv("TSC_TEST_JWT");
    CHECK(userdata == (void *)&minted);
    if (jwt == NULL || strlen(jwt) > cap) return 7;
    memcpy(buf, jwt, strlen(jwt));
    *out_len = strlen(jwt);
    minted++;
    return 0;
}

static int32_t jwt_refused(void *userdata, char *buf, size_t cap, size_t *out_len) {
    (void)userdata;
    (void)buf;
    (void)cap;
    (void)out_len;
    return 42;
}

static void jwt_source(void) {
    tsc_server *s = server_with(4, 10000, 1, 0);
    tsc_credentials *c = NULL;
    OK(tsc_credentials_new_jwt_source(jwt_from_env, &minted, "", &c, &E));
    OK(tsc_auth_sign_in(s, c, &E));
    CHECK(minted == 1);
    tsc_credentials_free(c); /* the server keeps what it needs */
    CHECK(emu_control("POST", "/_emulator/sessions/expire", NULL) == 200);
    tsc_project_list *l = NULL;
    OK(tsc_projects_get(s, NULL, &l, &E));
    tsc_project_list_free(l);
    CHECK(minted == 2);
    CHECK(tsc_server_reauthentication_count(s) == 1);
    OK(tsc_credentials_new_jwt_source(jwt_refused, NULL, "", &c, &E));
    CHECK(tsc_auth_sign_in(s, c, &E) == TSC_STATUS_ABORTED_BY_CALLBACK);
    CHECK(E != NULL && tsc_error_callback_code(E) == 42);
    tsc_error_free(E);
    E = NULL;
    FAILS(TSC_STATUS_NULL_ARGUMENT, tsc_credentials_new_jwt_source(NULL, NULL, "", &c, &E));
    tsc_credentials_free(c);
    tsc_server_free(s);
}

/* A session signed in elsewhere, attached without signing in: works until it expires, and is
 * then not signed in again (the handle has no credentials). */
static void attached_session(void) {
    tsc_server *a = server_with(4, 10000, 1, 0);
    sign_in_pat(a);
    char *token = token_of(a), *site = NULL, *user = NULL;
    OK(tsc_server_site_id(a, &site, &E));
    OK(tsc_server_user_id(a, &user, &E));
    tsc_server *b = server_with(4, 10000, 1, 0);
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_auth_attach_session(b, "", site, user, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_auth_attach_session(b, token, " ", user, NULL, &E));
    CHECK(tsc_server_is_signed_in(b) == 0);
    OK(tsc_auth_attach_session(b, token, site, user, NULL, &E));
    CHECK(tsc_server_is_signed_in(b) == 1);
    tsc_project_list *l = NULL;
    OK(tsc_projects_get(b, NULL, &l, &E));
    tsc_project_list_free(l);
    l = NULL;
    CHECK(emu_control("POST", "/_emulator/sessions/expire", NULL) == 200);
    FAILS_CODE(TSC_STATUS_UNAUTHORIZED, "401002", tsc_projects_get(b, NULL, &l, &E));
    CHECK(tsc_server_reauthentication_count(b) == 0);
    tsc_string_free(token);
    tsc_string_free(site);
    tsc_string_free(user);
    tsc_server_free(a);
    tsc_server_free(b);
}

/* The deadline stops a call whose reply does not come; the server handle under the deadline
 * uses a session signed in elsewhere and a pinned version, so that only the slow call runs
 * against it (under valgrind a sign-in alone may take longer than a short deadline). */
static void deadline(void) {
    tsc_server *a = server_with(4, 10000, 1, 0);
    sign_in_pat(a);
    char *token = token_of(a), *site = NULL, *user = NULL, *version = NULL;
    OK(tsc_server_site_id(a, &site, &E));
    OK(tsc_server_user_id(a, &user, &E));
    OK(tsc_server_api_version(a, &version, &E));
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    OK(tsc_server_options_set_api_version(o, version, &E));
    OK(tsc_server_options_set_deadline_ms(o, 1500, &E));
    OK(tsc_server_new(o, &s, &E));
    tsc_server_options_free(o);
    OK(tsc_auth_attach_session(s, token, site, user, NULL, &E));
    tsc_project_list *l = NULL;
    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"delay\" delayMs=\"8000\"/>");
    double t0 = now_s();
    CHECK(tsc_projects_get(s, NULL, &l, &E) == TSC_STATUS_TIMEOUT);
    CHECK(now_s() - t0 < 7.5);
    CHECK(E != NULL && has(tsc_error_message(E), "deadline of 1500 ms"));
    CHECK(E != NULL && has(tsc_error_message(E), "tsc_server_options_set_deadline_ms"));
    tsc_error_free(E);
    E = NULL;
    CHECK(emu_control("DELETE", "/_emulator/faults", NULL) / 100 == 2);
    tsc_string_free(token);
    tsc_string_free(site);
    tsc_string_free(user);
    tsc_string_free(version);
    tsc_server_free(s);
    tsc_server_free(a);
}

/* Every kind of failure, logged: none of the lines may hold a secret. */
static void no_secret_in_the_log(void) {
    logged_len = 0;
    logged[0] = 0;
    tsc_server *s = server_with(2, 5000, 1, 0);
    tsc_credentials *c = NULL;
    OK(tsc_credentials_new_password("admin", "Wr0ng-Pa55word", "", &c, &E));
    FAILS(TSC_STATUS_UNAUTHORIZED, tsc_auth_sign_in(s, c, &E));
    tsc_credentials_free(c);
    sign_in_pat(s);
    char *token = token_of(s);
    tsc_project_list *l = NULL;
    tsc_project *p = NULL;
    const char *faults[] = {
        "<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"2\" action=\"status\" status=\"500\"/>",
        "<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"2\" action=\"status\" status=\"503\" retryAfter=\"1\"/>",
        "<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"2\" action=\"reset\"/>",
        "<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"2\" action=\"truncate\" afterBytes=\"20\"/>",
    };
    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) {
        fault(faults[i]);
        CHECK(tsc_projects_get(s, NULL, &l, &E) != TSC_STATUS_OK);
        tsc_error_free(E);
        E = NULL;
    }
    CHECK(emu_control("DELETE", "/_emulator/faults", NULL) / 100 == 2);
    FAILS(TSC_STATUS_NOT_FOUND, tsc_projects_get_by_id(s, "00000000-0000-0000-0000-000000000000", &p, &E));
    CHECK(emu_control("POST", "/_emulator/sessions/expire", NULL) == 200);
    OK(tsc_projects_get(s, NULL, &l, &E));
    tsc_project_list_free(l);
    char *token2 = token_of(s);
    OK(tsc_auth_sign_out(s, &E));

    CHECK(log_lines > 10);
    CHECK(has(logged, "-> 200 in"));
    CHECK(has(logged, "HTTP 500"));
    CHECK(has(logged, "failed:"));
    CHECK(!has(logged, "Wr0ng-Pa55word"));
    CHECK(!has(logged, "pat-secret"));
    CHECK(token != NULL && !has(logged, token));
    CHECK(token2 != NULL && !has(logged, token2));
    tsc_string_free(token);
    tsc_string_free(token2);
    tsc_server_free(s);
}

int main(void) {
    retries();
    sign_in_again();
    jwt_source();
    attached_session();
    deadline();
    no_secret_in_the_log();
    return check_finish();
}
