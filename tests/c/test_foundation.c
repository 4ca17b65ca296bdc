/* test_foundation.c: version, server options, server info, sign-in and its failures, session
 * accessors, sites and projects end to end against the emulator, through the C API only. */
#include "check.h"

static char *copy_out(tsc_status (*f)(const tsc_server *, char **, tsc_error **), const tsc_server *s) {
    char *v = NULL;
    OK(f(s, &v, &E));
    return v;
}

static void test_version(void) {
    CHECK(strstr(tsc_version(), "libtsc ") == tsc_version());
    CHECK(tsc_version_number() == TSC_VERSION_NUMBER);
    CHECK_STR(tsc_status_str(TSC_STATUS_NOT_FOUND), "not found (HTTP 404)");
    CHECK_STR(tsc_status_str(12345), "unknown status");
    CHECK(tsc_absent_int() == TSC_ABSENT_INT);
}

static void test_options(void) {
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_new("ftp://example.com", &o, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_new("tableau.example.com", &o, &E));
    CHECK(o == NULL);
    OK(tsc_server_options_new(test_url(), &o, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_set_timeout_ms(o, 0, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_set_connect_timeout_ms(o, 0, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_set_api_version(o, "three", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_set_accept_invalid_certs(o, 2, &E));
    OK(tsc_server_options_set_timeout_ms(o, 20000, &E));
    OK(tsc_server_options_set_connect_timeout_ms(o, 5000, &E));
    OK(tsc_server_options_set_proxy(o, "", &E));
    OK(tsc_server_options_set_user_agent_suffix(o, "foundation-test/1", &E));
    OK(tsc_server_options_set_ca_bundle_file(o, "/nonexistent/ca.pem", &E));
    FAILS(TSC_STATUS_FILE, tsc_server_new(o, &s, &E));
    CHECK(s == NULL);
    tsc_server_options_free(o);

    /* a pinned version is used as is */
    o = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    OK(tsc_server_options_set_api_version(o, "3.19", &E));
    OK(tsc_server_new(o, &s, &E));
    tsc_server_options_free(o);
    char *v = copy_out(tsc_server_api_version, s);
    CHECK_STR(v, "3.19");
    tsc_string_free(v);
    test_sign_in(s, "");
    tsc_site_list *l = NULL;
    OK(tsc_sites_get(s, NULL, &l, &E));
    CHECK(tsc_site_list_count(l) >= 1);
    tsc_site_list_free(l);
    OK(tsc_auth_sign_out(s, &E));
    tsc_server_free(s);

    /* a server that is not there: a connect error naming the call */
    OK(tsc_server_options_new("http://127.0.0.1:1", &o, &E));
    OK(tsc_server_new(o, &s, &E));
    tsc_server_options_free(o);
    tsc_server_info *info = NULL;
    tsc_status st = tsc_server_info_get(s, &info, &E);
    CHECK(st == TSC_STATUS_CONNECT);
    CHECK(E != NULL && strstr(tsc_error_message(E), "tsc_server_info_get") != NULL);
    CHECK(E != NULL && strstr(tsc_error_message(E), "refused") != NULL);
    CHECK(info == NULL);
    tsc_error_free(E);
    E = NULL;
    tsc_server_free(s);
}

static void test_sign_in_and_session(tsc_server *s) {
    tsc_server_info *info = NULL;
    OK(tsc_server_info_get(s, &info, &E));
    CHECK_STR(tsc_server_info_rest_api_version(info), "3.29");
    CHECK(tsc_server_info_product_version(info) != NULL);
    tsc_server_info_free(info);

    /* before sign-in */
    tsc_site_list *l = NULL;
    char *v = NULL;
    CHECK(tsc_server_is_signed_in(s) == 0);
    FAILS(TSC_STATUS_NOT_SIGNED_IN, tsc_sites_get(s, NULL, &l, &E));
    FAILS(TSC_STATUS_NOT_SIGNED_IN, tsc_server_site_id(s, &v, &E));
    CHECK(v == NULL && l == NULL);
    OK(tsc_auth_sign_out(s, &E)); /* a no-op when not signed in */

    /* wrong password, unknown site */
    tsc_credentials *c = NULL;
    OK(tsc_credentials_new_password("admin", "Pw-Not-This-0ne", "", &c, &E));
    tsc_status st = tsc_auth_sign_in(s, c, &E);
    CHECK(st == TSC_STATUS_UNAUTHORIZED);
    CHECK(E != NULL && tsc_error_http_status(E) == 401);
    CHECK(E != NULL && tsc_error_server_code(E) != NULL && strcmp(tsc_error_server_code(E), "401001") == 0);
    CHECK(E != NULL && strstr(tsc_error_message(E), "Pw-Not-This-0ne") == NULL); /* no secrets in messages */
    tsc_error_free(E);
    E = NULL;
    tsc_credentials_free(c);
    OK(tsc_credentials_new_password("admin", "admin", "no-such-site", &c, &E));
    FAILS(TSC_STATUS_UNAUTHORIZED, tsc_auth_sign_in(s, c, &E));
    tsc_credentials_free(c);
    OK(tsc_credentials_new_pat("no-such-token", "secret", "", &c, &E));
    FAILS(TSC_STATUS_UNAUTHORIZED, tsc_auth_sign_in(s, c, &E));
    tsc_credentials_free(c);

    test_sign_in(s, "");
    CHECK(tsc_server_is_signed_in(s) == 1);
    v = copy_out(tsc_server_api_version, s);
    CHECK_STR(v, "3.29");
    tsc_string_free(v);
    v = copy_out(tsc_server_site_content_url, s);
    CHECK_STR(v, "");
    tsc_string_free(v);
    v = copy_out(tsc_server_site_id, s);
    CHECK(v != NULL && strlen(v) == 36);
    tsc_string_free(v);
    v = copy_out(tsc_server_user_id, s);
    CHECK(v != NULL && strlen(v) == 36);
    tsc_string_free(v);
    v = copy_out(tsc_server_auth_token, s);
    CHECK(v != NULL && strlen(v) > 8);
    tsc_string_free(v);

    /* an expired token: signed in again with the same credentials, once, and the call made again
     * (test_resilience.c has the opt-out, where the 401 comes back as UNAUTHORIZED) */
    CHECK(emu_control("POST", "/_emulator/sessions/expire", NULL) == 200);
    OK(tsc_sites_get(s, NULL, &l, &E));
    tsc_site_list_free(l);
    CHECK(tsc_server_reauthentication_count(s) == 1);
    v = copy_out(tsc_server_auth_token, s);
    CHECK(v != NULL && strlen(v) > 8);
    tsc_string_free(v);
}

static void test_sites(tsc_server *s) {
    tsc_site *draft = NULL, *site = NULL, *again = NULL, *changed = NULL, *updated = NULL;
    OK(tsc_site_new("C Test Site", "ctestsite", &draft, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_site_set_admin_mode(draft, "Everything", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_site_set_disable_subscriptions(draft, 5, &E));
    OK(tsc_site_set_admin_mode(draft, "ContentAndUsers", &E));
    OK(tsc_site_set_user_quota(draft, 25, &E));
    OK(tsc_site_set_revision_limit(draft, 7, &E));
    OK(tsc_site_set_disable_subscriptions(draft, 1, &E));
    CHECK(tsc_site_id(draft) == NULL);
    CHECK(tsc_site_user_quota(draft) == 25);
    CHECK(tsc_site_storage_quota(draft) == TSC_ABSENT_INT);

    OK(tsc_sites_create(s, draft, &site, &E));
    CHECK(site != NULL && tsc_site_id(site) != NULL && strlen(tsc_site_id(site)) == 36);
    CHECK_STR(tsc_site_name(site), "C Test Site");
    CHECK_STR(tsc_site_content_url(site), "ctestsite");
    CHECK_STR(tsc_site_admin_mode(site), "ContentAndUsers");
    CHECK(tsc_site_user_quota(site) == 25);
    CHECK(tsc_site_revision_limit(site) == 7);
    CHECK(tsc_site_disable_subscriptions(site) == 1);
    FAILS(TSC_STATUS_CONFLICT, tsc_sites_create(s, draft, &again, &E));
    CHECK(again == NULL);

    OK(tsc_sites_get_by_id(s, tsc_site_id(site), &again, &E));
    CHECK_STR(tsc_site_name(again), "C Test Site");
    tsc_site_free(again);
    again = NULL;
    OK(tsc_sites_get_by_name(s, "C Test Site", &again, &E));
    CHECK_STR(tsc_site_id(again), tsc_site_id(site));
    tsc_site_free(again);
    again = NULL;
    OK(tsc_sites_get_by_content_url(s, "ctestsite", &again, &E));
    CHECK_STR(tsc_site_id(again), tsc_site_id(site));
    tsc_site_free(again);
    again = NULL;
    FAILS(TSC_STATUS_NOT_FOUND, tsc_sites_get_by_id(s, "00000000-0000-4000-8000-000000000000", &again, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_sites_get_by_id(s, "", &again, &E));

    /* list, with paging */
    tsc_request_options *o = NULL;
    tsc_site_list *l = NULL;
    OK(tsc_sites_get(s, NULL, &l, &E));
    size_t n = tsc_site_list_count(l);
    CHECK(n >= 2);
    CHECK(tsc_site_list_total_available(l) == (int64_t)n);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(tsc_site_name(tsc_site_list_get(l, i)), "C Test Site") == 0) found++;
    CHECK(found == 1);
    CHECK(tsc_site_list_get(l, n) == NULL);
    tsc_site_list_free(l);
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_set_page_size(o, 1, &E));
    OK(tsc_request_options_set_page_number(o, 2, &E));
    OK(tsc_sites_get(s, o, &l, &E));
    CHECK(tsc_site_list_count(l) == 1);
    CHECK(tsc_site_list_page_number(l) == 2);
    CHECK(tsc_site_list_page_size(l) == 1);
    CHECK(tsc_site_list_total_available(l) == (int64_t)n);
    tsc_site_list_free(l);
    tsc_request_options_free(o);

    /* update: clone, change, send; the original stays as it was */
    changed = tsc_site_clone(site);
    CHECK(changed != NULL);
    OK(tsc_site_set_name(changed, "C Test Site Renamed", &E));
    OK(tsc_site_set_storage_quota(changed, 2048, &E));
    CHECK_STR(tsc_site_name(site), "C Test Site");
    OK(tsc_sites_update(s, changed, &updated, &E));
    CHECK_STR(tsc_site_name(updated), "C Test Site Renamed");
    CHECK(tsc_site_storage_quota(updated) == 2048);
    CHECK_STR(tsc_site_id(updated), tsc_site_id(site));

    /* switch into the new site and back */
    OK(tsc_auth_switch_site(s, "ctestsite", &E));
    char *cu = NULL;
    OK(tsc_server_site_content_url(s, &cu, &E));
    CHECK_STR(cu, "ctestsite");
    tsc_string_free(cu);
    OK(tsc_auth_switch_site(s, "ctestsite", &E)); /* already there: no change */
    OK(tsc_auth_switch_site(s, "", &E));

    OK(tsc_sites_delete(s, tsc_site_id(site), &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_sites_get_by_id(s, tsc_site_id(site), &again, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_sites_delete(s, tsc_site_id(site), &E));

    tsc_site_free(draft);
    tsc_site_free(site);
    tsc_site_free(changed);
    tsc_site_free(updated);
}

static tsc_project *make_project(tsc_server *s, const char *name, const char *parent) {
    tsc_project *draft = NULL, *p = NULL;
    OK(tsc_project_new(name, &draft, &E));
    OK(tsc_project_set_description(draft, "made by test_foundation", &E));
    if (parent) OK(tsc_project_set_parent_id(draft, parent, &E));
    OK(tsc_projects_create(s, draft, &p, &E));
    tsc_project_free(draft);
    return p;
}

static void test_projects(tsc_server *s) {
    tsc_project *parent = make_project(s, "C Parent, with: [odd] chars ś", NULL);
    CHECK(parent != NULL);
    CHECK_STR(tsc_project_name(parent), "C Parent, with: [odd] chars ś");
    CHECK_STR(tsc_project_description(parent), "made by test_foundation");
    CHECK(tsc_project_parent_id(parent) == NULL);
    tsc_project *child = make_project(s, "C Child", tsc_project_id(parent));
    CHECK(child != NULL);
    CHECK_STR(tsc_project_parent_id(child), tsc_project_id(parent));

    /* the same name under the same parent conflicts; under another parent it does not */
    tsc_project *draft = NULL, *dup = NULL;
    OK(tsc_project_new("C Child", &draft, &E));
    OK(tsc_project_set_parent_id(draft, tsc_project_id(parent), &E));
    FAILS(TSC_STATUS_CONFLICT, tsc_projects_create(s, draft, &dup, &E));
    CHECK(dup == NULL);
    OK(tsc_project_set_parent_id(draft, NULL, &E));
    OK(tsc_projects_create(s, draft, &dup, &E));
    tsc_project_free(draft);

    /* a filter with spaces, commas, colons, brackets and non-ASCII, and a sort */
    tsc_request_options *o = NULL;
    tsc_project_list *l = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_EQ, "C Parent, with: [odd] chars ś", &E));
    OK(tsc_projects_get(s, o, &l, &E));
    CHECK(tsc_project_list_count(l) == 1);
    CHECK_STR(tsc_project_id(tsc_project_list_get(l, 0)), tsc_project_id(parent));
    tsc_project_list_free(l);
    tsc_request_options_free(o);
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_EQ, "C Child", &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_DESC, &E));
    OK(tsc_projects_get(s, o, &l, &E));
    CHECK(tsc_project_list_count(l) == 2);
    tsc_project_list_free(l);
    tsc_request_options_free(o);
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_ASC, &E));
    OK(tsc_projects_get(s, o, &l, &E));
    for (size_t i = 1; i < tsc_project_list_count(l); i++)
        CHECK(strcmp(tsc_project_name(tsc_project_list_get(l, i - 1)),
                     tsc_project_name(tsc_project_list_get(l, i))) <= 0);
    tsc_project_list_free(l);
    tsc_request_options_free(o);

    /* get by id, update */
    tsc_project *got = NULL, *changed = NULL, *updated = NULL;
    OK(tsc_projects_get_by_id(s, tsc_project_id(child), &got, &E));
    CHECK_STR(tsc_project_name(got), "C Child");
    CHECK(tsc_project_owner_id(got) != NULL);
    changed = tsc_project_clone(got);
    OK(tsc_project_set_description(changed, "updated", &E));
    OK(tsc_project_set_content_permissions(changed, "LockedToProject", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_project_set_content_permissions(changed, "Whatever", &E));
    OK(tsc_projects_update(s, changed, &updated, &E));
    CHECK_STR(tsc_project_description(updated), "updated");
    CHECK_STR(tsc_project_content_permissions(updated), "LockedToProject");
    CHECK_STR(tsc_project_parent_id(updated), tsc_project_id(parent));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_projects_get_by_id(s, "00000000-0000-4000-8000-000000000000", &draft, &E));

    /* by path: one level per name, the top level first; the same name nested and at the top */
    tsc_project *at = NULL;
    OK(tsc_projects_get_by_path(s, "C Parent, with: [odd] chars ś/C Child", &at, &E));
    CHECK(at != NULL);
    CHECK_STR(tsc_project_id(at), tsc_project_id(child));
    tsc_project_free(at);
    at = NULL;
    OK(tsc_projects_get_by_path(s, "c child", &at, &E));
    CHECK(at != NULL);
    CHECK_STR(tsc_project_id(at), tsc_project_id(dup));
    tsc_project_free(at);
    at = NULL;
    FAILS(TSC_STATUS_NOT_FOUND, tsc_projects_get_by_path(s, "C Parent, with: [odd] chars ś/Nope", &at, &E));
    CHECK(at == NULL);
    FAILS(TSC_STATUS_NOT_FOUND, tsc_projects_get_by_path(s, "C Child/C Child", &at, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_projects_get_by_path(s, "C Parent, with: [odd] chars ś//C Child", &at, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_projects_get_by_path(s, "", &at, &E));
    CHECK(at == NULL);

    /* deleting the parent deletes the child */
    OK(tsc_projects_delete(s, tsc_project_id(parent), &E));
    tsc_project *gone = NULL;
    FAILS(TSC_STATUS_NOT_FOUND, tsc_projects_get_by_id(s, tsc_project_id(child), &gone, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_projects_delete(s, tsc_project_id(parent), &E));
    OK(tsc_projects_delete(s, tsc_project_id(dup), &E));

    tsc_project_free(parent);
    tsc_project_free(child);
    tsc_project_free(dup);
    tsc_project_free(got);
    tsc_project_free(changed);
    tsc_project_free(updated);
}

int main(void) {
    test_version();
    test_options();
    tsc_server *s = test_server();
    test_sign_in_and_session(s);
    test_sites(s);
    test_projects(s);
    OK(tsc_auth_sign_out(s, &E));
    tsc_site_list *l = NULL;
    FAILS(TSC_STATUS_NOT_SIGNED_IN, tsc_sites_get(s, NULL, &l, &E));
    tsc_server_free(s);
    return check_finish();
}
