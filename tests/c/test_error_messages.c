/* test_error_messages.c: what error messages say (issue 10): a Retry-After given as an HTTP date
 * is read as the seconds until then, an unsupported REST API version (Tableau's 404001) says so
 * and names the option to pin another, and a 10 MB id gives a short message. Non-XML error
 * bodies, reply heads over 64 KiB and the timeout hints are tested through the transport in
 * tests/replies.rs and the library's unit tests. */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

#include "check.h"

static int has(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

static void retry_after_date(tsc_server *s) {
    char date[64], xml[512];
    time_t at = time(NULL) + 120;
    struct tm tm;
    gmtime_r(&at, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    snprintf(xml, sizeof xml,
             "<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"status\" "
             "status=\"429\" retryAfter=\"%s\"/>",
             date);
    CHECK(emu_control("DELETE", "/_emulator/faults", NULL) / 100 == 2);
    CHECK(emu_control("POST", "/_emulator/faults", xml) / 100 == 2);
    tsc_project_list *l = NULL;
    tsc_status st = tsc_projects_get(s, NULL, &l, &E);
    CHECK(st == TSC_STATUS_RATE_LIMITED && l == NULL);
    int64_t secs = E ? tsc_error_retry_after(E) : -2;
    CHECK(secs >= 100 && secs <= 120);
    if (secs < 100 || secs > 120) fprintf(stderr, "  Retry-After %s read as %lld\n", date, (long long)secs);
    CHECK(E != NULL && has(tsc_error_message(E), "Retry-After"));
    tsc_error_free(E);
    E = NULL;
    CHECK(emu_control("DELETE", "/_emulator/faults", NULL) / 100 == 2);
}

static void unsupported_version(void) {
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    tsc_credentials *c = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    OK(tsc_server_options_set_api_version(o, "9.9", &E));
    OK(tsc_server_new(o, &s, &E));
    OK(tsc_credentials_new_password("admin", "admin", "", &c, &E));
    tsc_status st = tsc_auth_sign_in(s, c, &E);
    CHECK(st == TSC_STATUS_NOT_FOUND);
    CHECK(E != NULL && tsc_error_server_code(E) != NULL && strcmp(tsc_error_server_code(E), "404001") == 0);
    CHECK(E != NULL && has(tsc_error_message(E), "does not support the REST API version"));
    CHECK(E != NULL && has(tsc_error_message(E), "tsc_server_options_set_api_version"));
    CHECK(E != NULL && !has(tsc_error_message(E), "check the id"));
    if (E) fprintf(stderr, "  404001: %s\n", tsc_error_message(E));
    tsc_error_free(E);
    E = NULL;
    tsc_credentials_free(c);
    tsc_server_free(s);
    tsc_server_options_free(o);
}

static void huge_id(tsc_server *s) {
    size_t n = 10u * 1024u * 1024u;
    char *id = malloc(n + 1);
    if (id == NULL) return;
    memset(id, 'a', n);
    id[n] = 0;
    tsc_workbook *wb = NULL;
    tsc_status st = tsc_workbooks_get_by_id(s, id, &wb, &E);
    CHECK(st != TSC_STATUS_OK && wb == NULL);
    CHECK(E != NULL && strlen(tsc_error_message(E)) < 2000);
    CHECK(E != NULL && has(tsc_error_message(E), "characters in all)"));
    if (E && strlen(tsc_error_message(E)) < 2000) fprintf(stderr, "  10 MB id: %s\n", tsc_error_message(E));
    tsc_error_free(E);
    E = NULL;
    free(id);
}

int main(void) {
    tsc_server *s = test_server();
    test_sign_in(s, "");
    retry_after_date(s);
    unsupported_version();
    huge_id(s);
    OK(tsc_auth_sign_out(s, &E));
    tsc_server_free(s);
    return check_finish();
}
