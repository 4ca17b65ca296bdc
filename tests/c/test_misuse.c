/* test_misuse.c: misuse from C never crashes, beyond what the generated test_api_misuse.c checks
 * for every function (NULL for each pointer, invalid UTF-8): the sentinels getters give for NULL,
 * out-of-range list indexes, unknown enum values and numbers out of range, values refused before
 * any request, and a non-NULL *err on entry. */
#include "check.h"

#define NUL(call) FAILS(TSC_STATUS_NULL_ARGUMENT, call)
#define BADUTF8(call) FAILS(TSC_STATUS_INVALID_UTF8, call)
#define BADARG(call) FAILS(TSC_STATUS_INVALID_ARGUMENT, call)

static const char *bad = "caf\xc3\x28 \xff"; /* invalid UTF-8 */

static void outside_a_session(void) {
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    tsc_credentials *c = NULL;
    tsc_request_options *ro = NULL;

    /* infallible functions and destructors accept NULL */
    CHECK(tsc_error_status(NULL) == TSC_STATUS_NULL_ARGUMENT);
    CHECK(tsc_error_message(NULL) == NULL);
    CHECK(tsc_error_http_status(NULL) == 0);
    CHECK(tsc_error_server_code(NULL) == NULL);
    CHECK(tsc_error_server_summary(NULL) == NULL);
    CHECK(tsc_error_server_detail(NULL) == NULL);
    CHECK(tsc_error_retry_after(NULL) == -1);
    CHECK(tsc_error_callback_code(NULL) == 0);
    tsc_error_free(NULL);
    tsc_string_free(NULL);
    tsc_server_options_free(NULL);
    tsc_server_free(NULL);
    tsc_credentials_free(NULL);
    tsc_request_options_free(NULL);
    tsc_server_info_free(NULL);
    CHECK(tsc_server_url(NULL) == NULL);
    CHECK(tsc_server_is_signed_in(NULL) == 0);
    CHECK(tsc_server_info_product_version(NULL) == NULL);
    CHECK(tsc_server_info_build_number(NULL) == NULL);
    CHECK(tsc_server_info_rest_api_version(NULL) == NULL);
    CHECK(tsc_request_options_clone(NULL) == NULL);

    /* server URLs that would leak a password or misdirect every request */
    CHECK(tsc_server_options_new("https://admin:hunter2@tableau.example.com", &o, &E) ==
          TSC_STATUS_INVALID_ARGUMENT);
    CHECK(E != NULL && strstr(tsc_error_message(E), "hunter2") == NULL &&
          strstr(tsc_error_message(E), "admin") == NULL);
    tsc_error_free(E);
    E = NULL;
    BADARG(tsc_server_options_new("https://tableau.example.com/?site=x", &o, &E));
    BADARG(tsc_server_options_new("https://tableau.example.com#top", &o, &E));
    CHECK(o == NULL);

    /* options */
    OK(tsc_server_options_new(test_url(), &o, &E));
    OK(tsc_server_new(o, &s, &E));
    tsc_server_options_free(o);

    /* credentials */
    OK(tsc_credentials_new_jwt("a.b.c", "", &c, &E));
    BADARG(tsc_credentials_set_unified_access_token(c, 3, &E));
    OK(tsc_credentials_set_impersonate(c, NULL, &E));
    tsc_credentials_free(c);

    /* request options */
    OK(tsc_request_options_new(&ro, &E));
    {
        const char *vals[2] = {"a", NULL};
        NUL(tsc_request_options_add_filter_in(ro, "name", vals, 2, &E));
        vals[1] = bad;
        BADUTF8(tsc_request_options_add_filter_in(ro, "name", vals, 2, &E));
        BADARG(tsc_request_options_add_filter_in(ro, "name", vals, 0, &E));
    }
    /* unknown enum values and out-of-range numbers */
    BADARG(tsc_request_options_add_filter(ro, "name", 99, "x", &E));
    BADARG(tsc_request_options_add_filter(ro, "name", -1, "x", &E));
    BADARG(tsc_request_options_add_sort(ro, "name", 2, &E));
    BADARG(tsc_request_options_add_sort(ro, "name", -7, &E));
    BADARG(tsc_request_options_set_page_size(ro, 0, &E));
    BADARG(tsc_request_options_set_page_size(ro, 1001, &E));
    BADARG(tsc_request_options_set_page_size(ro, -5, &E));
    BADARG(tsc_request_options_set_page_number(ro, 0, &E));
    BADARG(tsc_request_options_set_page_number(ro, -1, &E));
    BADARG(tsc_request_options_add_field(ro, "not a field", &E));
    tsc_request_options_free(ro);

    tsc_server_free(s);
}

static void items_and_lists(void) {
    tsc_site *site = NULL;
    /* getters on NULL give their sentinel */
    CHECK(tsc_site_name(NULL) == NULL);
    CHECK(tsc_site_user_quota(NULL) == TSC_ABSENT_INT);
    CHECK(tsc_site_disable_subscriptions(NULL) == -1);
    CHECK(tsc_project_id(NULL) == NULL);
    CHECK(tsc_project_top_level_project(NULL) == -1);
    CHECK(tsc_project_workbook_count(NULL) == TSC_ABSENT_INT);
    CHECK(tsc_site_clone(NULL) == NULL);
    CHECK(tsc_project_clone(NULL) == NULL);
    tsc_site_free(NULL);
    tsc_project_free(NULL);
    CHECK(tsc_site_list_count(NULL) == 0);
    CHECK(tsc_site_list_get(NULL, 0) == NULL);
    CHECK(tsc_site_list_page_number(NULL) == -1);
    CHECK(tsc_site_list_page_size(NULL) == -1);
    CHECK(tsc_site_list_total_available(NULL) == -1);
    tsc_site_list_free(NULL);
    CHECK(tsc_project_list_count(NULL) == 0);
    CHECK(tsc_project_list_get(NULL, 3) == NULL);
    tsc_project_list_free(NULL);

    /* setters: bad values, clearing */
    OK(tsc_site_new("x", "x", &site, &E));
    BADARG(tsc_site_set_state(site, "Sleeping", &E));
    BADARG(tsc_site_set_revision_history_enabled(site, 2, &E));
    OK(tsc_site_set_user_quota(site, TSC_ABSENT_INT, &E));
    CHECK(tsc_site_user_quota(site) == TSC_ABSENT_INT);
    OK(tsc_site_set_content_url(site, NULL, &E));
    CHECK(tsc_site_content_url(site) == NULL);
    tsc_site_free(site);
}

static void in_a_session(void) {
    tsc_server *s = test_server();
    test_sign_in(s, "");
    tsc_site_list *sl = NULL;
    tsc_site *site = NULL;
    tsc_project *p = NULL;

    /* ids that a server or proxy would read as path steps never reach the wire: deleting the
     * project ".." must not become a delete of the site */
    BADARG(tsc_projects_delete(s, "..", &E));
    BADARG(tsc_projects_delete(s, ".", &E));
    BADARG(tsc_workbooks_delete(s, "..", &E));
    BADARG(tsc_users_remove(s, "..", NULL, &E));
    BADARG(tsc_groups_delete(s, "..", &E));
    BADARG(tsc_sites_get_by_id(s, "..", &site, &E));
    CHECK(site == NULL);
    {
        tsc_site_list *sites = NULL;
        OK(tsc_sites_get(s, NULL, &sites, &E));
        CHECK(tsc_site_list_count(sites) >= 1); /* the site is still there */
        tsc_site_list_free(sites);
    }

    /* an update without an id is refused before any request */
    OK(tsc_project_new("no id", &p, &E));
    tsc_project *out = NULL;
    BADARG(tsc_projects_update(s, p, &out, &E));
    CHECK(out == NULL);
    tsc_project_free(p);

    /* a control character XML cannot carry is refused before any request */
    OK(tsc_project_new("bad\x01name", &p, &E));
    BADARG(tsc_projects_create(s, p, &out, &E));
    CHECK(out == NULL);
    tsc_project_free(p);

    /* out-of-range indexes */
    OK(tsc_sites_get(s, NULL, &sl, &E));
    size_t n = tsc_site_list_count(sl);
    CHECK(n >= 1);
    CHECK(tsc_site_list_get(sl, n) == NULL);
    CHECK(tsc_site_list_get(sl, (size_t)-1) == NULL);
    tsc_site_list_free(sl);
    sl = NULL;

    /* a non-NULL *err on entry: TSC_STATUS_ERROR_NOT_CLEARED, nothing done, and the caller's
     * error object is left exactly as it was (same pointer, status, message, server fields) */
    tsc_error *mine = NULL;
    CHECK(tsc_sites_get_by_id(s, "00000000-0000-4000-8000-000000000000", &site, &mine) == TSC_STATUS_NOT_FOUND);
    CHECK(mine != NULL);
    tsc_error *before = mine;
    char message[512] = {0};
    const char *code = tsc_error_server_code(mine);
    char code_copy[32] = {0};
    if (mine != NULL) strncpy(message, tsc_error_message(mine), sizeof message - 1);
    if (code != NULL) strncpy(code_copy, code, sizeof code_copy - 1);
    tsc_status st = tsc_sites_get(s, NULL, &sl, &mine);
    CHECK(st == TSC_STATUS_ERROR_NOT_CLEARED);
    CHECK(st != TSC_STATUS_INVALID_ARGUMENT && st != TSC_STATUS_NOT_FOUND);
    CHECK(mine == before);
    CHECK(sl == NULL);
    CHECK(tsc_error_status(mine) == TSC_STATUS_NOT_FOUND);
    CHECK(tsc_error_http_status(mine) == 404);
    CHECK_STR(tsc_error_message(mine), message);
    CHECK(code != NULL && tsc_error_server_code(mine) == code);
    CHECK_STR(tsc_error_server_code(mine), code_copy);
    /* a setter and a constructor refuse it the same way, and write no output */
    tsc_site *draft = NULL;
    CHECK(tsc_site_new("n", "u", &draft, &mine) == TSC_STATUS_ERROR_NOT_CLEARED && draft == NULL);
    OK(tsc_site_new("n", "u", &draft, &E));
    CHECK(tsc_site_set_name(draft, "changed", &mine) == TSC_STATUS_ERROR_NOT_CLEARED);
    CHECK_STR(tsc_site_name(draft), "n");
    tsc_site_free(draft);
    CHECK(mine == before && tsc_error_status(mine) == TSC_STATUS_NOT_FOUND);
    CHECK_STR(tsc_error_message(mine), message);
    CHECK(strcmp(tsc_status_str(TSC_STATUS_ERROR_NOT_CLEARED), "unknown status") != 0);
    CHECK(TSC_STATUS_ERROR_NOT_CLEARED == 10);
    tsc_error_free(mine);
    /* once cleared, the same call goes through */
    mine = NULL;
    CHECK(tsc_sites_get(s, NULL, &sl, &mine) == TSC_STATUS_OK && mine == NULL && sl != NULL);
    tsc_site_list_free(sl);
    sl = NULL;

    /* a NULL err is allowed: only the status comes back */
    CHECK(tsc_sites_get_by_id(s, "00000000-0000-4000-8000-000000000000", &site, NULL) == TSC_STATUS_NOT_FOUND);
    CHECK(site == NULL);

    OK(tsc_auth_sign_out(s, &E));
    tsc_server_free(s);
}

int main(void) {
    outside_a_session();
    items_and_lists();
    in_a_session();
    return check_finish();
}
