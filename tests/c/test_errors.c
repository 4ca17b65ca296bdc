/* test_errors.c: every kind of failure maps to its own status with a useful message: server
 * errors injected by the emulator (429 with Retry-After, 503, 500), a timeout, a connection reset
 * and a truncated body mid-reply, and a 403 for a user
 * without the role (TLS failures are covered by tests/transport.rs).
 * Also JWT sign-in and impersonation from C. */
#include "check.h"

static void fault(const char *xml) {
    CHECK(emu_control("DELETE", "/_emulator/faults", NULL) / 100 == 2);
    CHECK(emu_control("POST", "/_emulator/faults", xml) / 100 == 2);
}

static int has(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* Runs tsc_projects_get expecting `status`; returns the error (caller frees). */
static tsc_error *projects_fail(tsc_server *s, tsc_status status) {
    tsc_project_list *l = NULL;
    tsc_error *err = NULL;
    tsc_status st = tsc_projects_get(s, NULL, &l, &err);
    CHECK(st == status);
    CHECK(l == NULL);
    CHECK(err != NULL && tsc_error_status(err) == status);
    if (st != status && err != NULL) fprintf(stderr, "  got: %s\n", tsc_error_message(err));
    return err;
}

static void server_said_no(tsc_server *s) {
    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"status\" status=\"429\" retryAfter=\"7\"/>");
    tsc_error *e = projects_fail(s, TSC_STATUS_RATE_LIMITED);
    CHECK(tsc_error_http_status(e) == 429);
    CHECK(tsc_error_retry_after(e) == 7);
    CHECK(has(tsc_error_message(e), "tsc_projects_get: GET http"));
    CHECK(has(tsc_error_message(e), "Retry-After"));
    tsc_error_free(e);

    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"status\" status=\"503\" retryAfter=\"2\"/>");
    e = projects_fail(s, TSC_STATUS_SERVER_ERROR);
    CHECK(tsc_error_http_status(e) == 503);
    CHECK(tsc_error_retry_after(e) == 2);
    tsc_error_free(e);

    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"status\" status=\"500\"/>");
    e = projects_fail(s, TSC_STATUS_SERVER_ERROR);
    CHECK(tsc_error_http_status(e) == 500);
    CHECK(tsc_error_retry_after(e) == -1);
    tsc_error_free(e);

    /* the fault was used up: the next call works */
    tsc_project_list *l = NULL;
    OK(tsc_projects_get(s, NULL, &l, &E));
    tsc_project_list_free(l);
}

static void connection_failures(tsc_server *s) {
    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"reset\" afterBytes=\"40\"/>");
    tsc_error *e = projects_fail(s, TSC_STATUS_IO);
    CHECK(tsc_error_http_status(e) == 0);
    CHECK(has(tsc_error_message(e), "retry"));
    tsc_error_free(e);

    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"truncate\" afterBytes=\"100\"/>");
    e = projects_fail(s, TSC_STATUS_IO);
    tsc_error_free(e);

    /* a slow server and a short timeout */
    tsc_server_options *o = NULL;
    tsc_server *impatient = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    OK(tsc_server_options_set_timeout_ms(o, 300, &E));
    OK(tsc_server_new(o, &impatient, &E));
    tsc_server_options_free(o);
    test_sign_in(impatient, "");
    fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"delay\" delayMs=\"1500\"/>");
    e = projects_fail(impatient, TSC_STATUS_TIMEOUT);
    CHECK(has(tsc_error_message(e), "timeout"));
    tsc_error_free(e);
    tsc_server_free(impatient);
    CHECK(emu_control("DELETE", "/_emulator/faults", NULL) / 100 == 2);
}

static void forbidden_and_impersonation(tsc_server *s) {
    CHECK(emu_control("POST", "/_emulator/bulk/users?site=&count=1&prefix=viewer&siteRole=Viewer&password=pw", NULL) / 100 == 2);
    tsc_server *v = test_server();
    tsc_credentials *c = NULL;
    OK(tsc_credentials_new_password("viewer00001", "pw", "", &c, &E));
    OK(tsc_auth_sign_in(v, c, &E));
    tsc_credentials_free(c);
    char *viewer_id = NULL;
    OK(tsc_server_user_id(v, &viewer_id, &E));

    tsc_site *draft = NULL, *site = NULL;
    OK(tsc_site_new("Not Allowed", "notallowed", &draft, &E));
    FAILS(TSC_STATUS_FORBIDDEN, tsc_sites_create(v, draft, &site, &E));
    CHECK(site == NULL);
    tsc_site_free(draft);
    OK(tsc_auth_sign_out(v, &E));
    tsc_server_free(v);

    /* the administrator signs in as the viewer */
    tsc_server *as = test_server();
    OK(tsc_credentials_new_password("admin", "admin", "", &c, &E));
    OK(tsc_credentials_set_impersonate(c, viewer_id, &E));
    OK(tsc_auth_sign_in(as, c, &E));
    tsc_credentials_free(c);
    char *uid = NULL;
    OK(tsc_server_user_id(as, &uid, &E));
    CHECK_STR(uid, viewer_id);
    tsc_string_free(uid);
    OK(tsc_auth_sign_out(as, &E));
    tsc_server_free(as);
    tsc_string_free(viewer_id);
    (void)s;
}

static void jwt_and_pat(void) {
    const char *jwt = getenv("TSC_TEST_JWT");
    CHECK(jwt != NULL);
    if (jwt == NULL) return;
    tsc_server *s = test_server();
    tsc_credentials *c = NULL;
    OK(tsc_credentials_new_jwt(jwt, "", &c, &E));
    OK(tsc_auth_sign_in(s, c, &E));
    CHECK(tsc_server_is_signed_in(s) == 1);
    tsc_credentials_free(c);
    OK(tsc_auth_sign_out(s, &E));

    OK(tsc_credentials_new_jwt("not.a.jwt", "", &c, &E));
    FAILS(TSC_STATUS_UNAUTHORIZED, tsc_auth_sign_in(s, c, &E));
    tsc_credentials_free(c);

    OK(tsc_credentials_new_pat("test-pat", "pat-secret", "", &c, &E));
    OK(tsc_auth_sign_in(s, c, &E));
    tsc_credentials_free(c);
    OK(tsc_auth_sign_out(s, &E));
    tsc_server_free(s);
}

int main(void) {
    tsc_server *s = test_server_retrying(1);
    test_sign_in(s, "");
    server_said_no(s);
    connection_failures(s);
    forbidden_and_impersonation(s);
    jwt_and_pat();
    OK(tsc_auth_sign_out(s, &E));
    tsc_server_free(s);
    return check_finish();
}
