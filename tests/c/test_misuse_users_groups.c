/* test_misuse_users_groups.c: misuse of every function added for users, groups, favorites and
 * pagers never crashes: NULL for each pointer argument gives TSC_STATUS_NULL_ARGUMENT, a string
 * that is not UTF-8 gives TSC_STATUS_INVALID_UTF8 (both before any request), getters and
 * destructors take NULL, and nothing is written to an output on failure. */
#include "check.h"

#define NUL(call) FAILS(TSC_STATUS_NULL_ARGUMENT, call)
#define BADUTF8(call) FAILS(TSC_STATUS_INVALID_UTF8, call)

static const char *bad = "caf\xc3\x28 \xff"; /* invalid UTF-8 */
static const char *ID = "00000000-0000-4000-8000-000000000000";

static void items(void) {
    tsc_user *u = NULL;
    tsc_group *g = NULL;
    tsc_favorite *f = NULL;
    NUL(tsc_user_new(NULL, "Viewer", &u, &E));
    NUL(tsc_user_new("x", NULL, &u, &E));
    NUL(tsc_user_new("x", "Viewer", NULL, &E));
    BADUTF8(tsc_user_new(bad, "Viewer", &u, &E));
    BADUTF8(tsc_user_new("x", bad, &u, &E));
    NUL(tsc_group_new(NULL, &g, &E));
    BADUTF8(tsc_group_new(bad, &g, &E));
    NUL(tsc_favorite_new(NULL, "project", ID, &f, &E));
    NUL(tsc_favorite_new("x", NULL, ID, &f, &E));
    NUL(tsc_favorite_new("x", "project", NULL, &f, &E));
    NUL(tsc_favorite_new("x", "project", ID, NULL, &E));
    BADUTF8(tsc_favorite_new(bad, "project", ID, &f, &E));
    BADUTF8(tsc_favorite_new("x", bad, ID, &f, &E));
    BADUTF8(tsc_favorite_new("x", "project", bad, &f, &E));
    CHECK(u == NULL && g == NULL && f == NULL);

    /* setters: NULL item, invalid UTF-8 value */
    OK(tsc_user_new("x", "Viewer", &u, &E));
    OK(tsc_group_new("x", &g, &E));
    OK(tsc_favorite_new("x", "project", ID, &f, &E));
    NUL(tsc_user_set_fullname(NULL, "x", &E));
    BADUTF8(tsc_user_set_fullname(u, bad, &E));
    BADUTF8(tsc_user_set_email(u, bad, &E));
    BADUTF8(tsc_user_set_site_role(u, bad, &E));
    BADUTF8(tsc_user_set_auth_setting(u, bad, &E));
    BADUTF8(tsc_user_set_idp_configuration_id(u, bad, &E));
    NUL(tsc_group_set_name(NULL, "x", &E));
    BADUTF8(tsc_group_set_name(g, bad, &E));
    BADUTF8(tsc_group_set_minimum_site_role(g, bad, &E));
    BADUTF8(tsc_group_set_domain_name(g, bad, &E));
    BADUTF8(tsc_group_set_license_mode(g, bad, &E));
    NUL(tsc_favorite_set_label(NULL, "x", &E));
    BADUTF8(tsc_favorite_set_label(f, bad, &E));
    BADUTF8(tsc_favorite_set_content_type(f, bad, &E));
    BADUTF8(tsc_favorite_set_content_id(f, bad, &E));
    CHECK_STR(tsc_favorite_label(f), "x");
    CHECK_STR(tsc_user_site_role(u), "Viewer");

    /* getters and destructors take NULL */
    CHECK(tsc_favorite_label(NULL) == NULL);
    CHECK(tsc_favorite_content_type(NULL) == NULL);
    CHECK(tsc_favorite_content_id(NULL) == NULL);
    CHECK(tsc_favorite_content_name(NULL) == NULL);
    CHECK(tsc_favorite_position(NULL) == TSC_ABSENT_INT);
    CHECK(tsc_favorite_added_at(NULL) == NULL);
    CHECK(tsc_favorite_clone(NULL) == NULL);
    CHECK(tsc_favorite_list_count(NULL) == 0);
    CHECK(tsc_favorite_list_get(NULL, 0) == NULL);
    CHECK(tsc_favorite_list_total_available(NULL) == -1);
    CHECK(tsc_favorite_list_page_number(NULL) == -1);
    CHECK(tsc_favorite_list_page_size(NULL) == -1);
    CHECK(tsc_user_pager_total_available(NULL) == -1);
    CHECK(tsc_group_pager_total_available(NULL) == -1);
    CHECK(tsc_site_pager_total_available(NULL) == -1);
    CHECK(tsc_favorite_pager_total_available(NULL) == -1);
    CHECK(tsc_workbook_pager_total_available(NULL) == -1);
    tsc_favorite_free(NULL);
    tsc_favorite_list_free(NULL);
    tsc_favorite_pager_free(NULL);
    tsc_user_pager_free(NULL);
    tsc_group_pager_free(NULL);
    tsc_project_pager_free(NULL);
    tsc_site_pager_free(NULL);
    tsc_workbook_pager_free(NULL);
    tsc_user_free(u);
    tsc_group_free(g);
    tsc_favorite_free(f);
}

static void calls(tsc_server *s) {
    tsc_user *u = NULL, *uo = NULL;
    tsc_group *g = NULL, *go = NULL;
    tsc_favorite *f = NULL;
    tsc_user_list *ul = NULL;
    tsc_group_list *gl = NULL;
    tsc_workbook_list *wl = NULL;
    tsc_favorite_list *fl = NULL;
    tsc_user_pager *up = NULL;
    tsc_group_pager *gp = NULL;
    tsc_workbook_pager *wp = NULL;
    tsc_favorite_pager *fp = NULL;
    tsc_site_pager *sp = NULL;
    tsc_project_pager *pp = NULL;
    OK(tsc_user_new("x", "Viewer", &u, &E));
    OK(tsc_group_new("x", &g, &E));
    OK(tsc_favorite_new("x", "project", ID, &f, &E));

    /* users */
    NUL(tsc_users_get(NULL, NULL, &ul, &E));
    NUL(tsc_users_get(s, NULL, NULL, &E));
    NUL(tsc_users_pager(NULL, NULL, 0, &up, &E));
    NUL(tsc_users_pager(s, NULL, 0, NULL, &E));
    NUL(tsc_users_get_by_id(NULL, ID, &uo, &E));
    NUL(tsc_users_get_by_id(s, NULL, &uo, &E));
    NUL(tsc_users_get_by_id(s, ID, NULL, &E));
    BADUTF8(tsc_users_get_by_id(s, bad, &uo, &E));
    NUL(tsc_users_add(NULL, u, &uo, &E));
    NUL(tsc_users_add(s, NULL, &uo, &E));
    NUL(tsc_users_add(s, u, NULL, &E));
    NUL(tsc_users_update(NULL, u, NULL, &uo, &E));
    NUL(tsc_users_update(s, NULL, NULL, &uo, &E));
    NUL(tsc_users_update(s, u, "pw", NULL, &E));
    BADUTF8(tsc_users_update(s, u, bad, &uo, &E));
    NUL(tsc_users_remove(NULL, ID, NULL, &E));
    NUL(tsc_users_remove(s, NULL, NULL, &E));
    BADUTF8(tsc_users_remove(s, bad, NULL, &E));
    BADUTF8(tsc_users_remove(s, ID, bad, &E));
    NUL(tsc_users_populate_workbooks(NULL, u, NULL, 0, &wl, &E));
    NUL(tsc_users_populate_workbooks(s, NULL, NULL, 0, &wl, &E));
    NUL(tsc_users_populate_workbooks(s, u, NULL, 0, NULL, &E));
    NUL(tsc_users_workbooks_pager(NULL, u, NULL, 0, 0, &wp, &E));
    NUL(tsc_users_workbooks_pager(s, NULL, NULL, 0, 0, &wp, &E));
    NUL(tsc_users_workbooks_pager(s, u, NULL, 0, 0, NULL, &E));
    NUL(tsc_users_populate_favorites(NULL, u, NULL, &fl, &E));
    NUL(tsc_users_populate_favorites(s, NULL, NULL, &fl, &E));
    NUL(tsc_users_populate_favorites(s, u, NULL, NULL, &E));
    NUL(tsc_users_populate_groups(NULL, u, NULL, &gl, &E));
    NUL(tsc_users_populate_groups(s, NULL, NULL, &gl, &E));
    NUL(tsc_users_populate_groups(s, u, NULL, NULL, &E));
    NUL(tsc_users_groups_pager(NULL, u, NULL, 0, &gp, &E));
    NUL(tsc_users_groups_pager(s, NULL, NULL, 0, &gp, &E));
    NUL(tsc_users_groups_pager(s, u, NULL, 0, NULL, &E));

    /* groups */
    const char *ids[] = {ID, NULL};
    const char *bad_ids[] = {ID, bad};
    NUL(tsc_groups_get(NULL, NULL, &gl, &E));
    NUL(tsc_groups_get(s, NULL, NULL, &E));
    NUL(tsc_groups_pager(NULL, NULL, 0, &gp, &E));
    NUL(tsc_groups_pager(s, NULL, 0, NULL, &E));
    NUL(tsc_groups_create(NULL, g, &go, &E));
    NUL(tsc_groups_create(s, NULL, &go, &E));
    NUL(tsc_groups_create(s, g, NULL, &E));
    NUL(tsc_groups_update(NULL, g, &go, &E));
    NUL(tsc_groups_update(s, NULL, &go, &E));
    NUL(tsc_groups_update(s, g, NULL, &E));
    NUL(tsc_groups_delete(NULL, ID, &E));
    NUL(tsc_groups_delete(s, NULL, &E));
    BADUTF8(tsc_groups_delete(s, bad, &E));
    NUL(tsc_groups_populate_users(NULL, g, NULL, &ul, &E));
    NUL(tsc_groups_populate_users(s, NULL, NULL, &ul, &E));
    NUL(tsc_groups_populate_users(s, g, NULL, NULL, &E));
    NUL(tsc_groups_users_pager(NULL, g, NULL, 0, &up, &E));
    NUL(tsc_groups_users_pager(s, NULL, NULL, 0, &up, &E));
    NUL(tsc_groups_users_pager(s, g, NULL, 0, NULL, &E));
    NUL(tsc_groups_add_user(NULL, g, ID, &uo, &E));
    NUL(tsc_groups_add_user(s, NULL, ID, &uo, &E));
    NUL(tsc_groups_add_user(s, g, NULL, &uo, &E));
    NUL(tsc_groups_add_user(s, g, ID, NULL, &E));
    BADUTF8(tsc_groups_add_user(s, g, bad, &uo, &E));
    NUL(tsc_groups_remove_user(NULL, g, ID, &E));
    NUL(tsc_groups_remove_user(s, NULL, ID, &E));
    NUL(tsc_groups_remove_user(s, g, NULL, &E));
    BADUTF8(tsc_groups_remove_user(s, g, bad, &E));
    NUL(tsc_groups_add_users(NULL, g, ids, 1, &ul, &E));
    NUL(tsc_groups_add_users(s, NULL, ids, 1, &ul, &E));
    NUL(tsc_groups_add_users(s, g, NULL, 1, &ul, &E));
    NUL(tsc_groups_add_users(s, g, ids, 2, &ul, &E)); /* ids[1] is NULL */
    NUL(tsc_groups_add_users(s, g, ids, 1, NULL, &E));
    BADUTF8(tsc_groups_add_users(s, g, bad_ids, 2, &ul, &E));
    NUL(tsc_groups_remove_users(NULL, g, ids, 1, &E));
    NUL(tsc_groups_remove_users(s, NULL, ids, 1, &E));
    NUL(tsc_groups_remove_users(s, g, NULL, 1, &E));
    NUL(tsc_groups_remove_users(s, g, ids, 2, &E));
    BADUTF8(tsc_groups_remove_users(s, g, bad_ids, 2, &E));

    /* favorites, sites and projects pagers */
    NUL(tsc_favorites_add(NULL, u, f, &E));
    NUL(tsc_favorites_add(s, NULL, f, &E));
    NUL(tsc_favorites_add(s, u, NULL, &E));
    NUL(tsc_favorites_delete(NULL, u, f, &E));
    NUL(tsc_favorites_delete(s, NULL, f, &E));
    NUL(tsc_favorites_delete(s, u, NULL, &E));
    NUL(tsc_favorites_pager(NULL, u, NULL, 0, &fp, &E));
    NUL(tsc_favorites_pager(s, NULL, NULL, 0, &fp, &E));
    NUL(tsc_favorites_pager(s, u, NULL, 0, NULL, &E));
    NUL(tsc_sites_pager(NULL, NULL, 0, &sp, &E));
    NUL(tsc_sites_pager(s, NULL, 0, NULL, &E));
    NUL(tsc_projects_pager(NULL, NULL, 0, &pp, &E));
    NUL(tsc_projects_pager(s, NULL, 0, NULL, &E));
    NUL(tsc_user_pager_next(NULL, &ul, &E));
    NUL(tsc_group_pager_next(NULL, &gl, &E));
    NUL(tsc_favorite_pager_next(NULL, &fl, &E));
    NUL(tsc_workbook_pager_next(NULL, &wl, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_pager(s, NULL, 100, &up, &E));
    CHECK(uo == NULL && go == NULL && ul == NULL && gl == NULL && wl == NULL && fl == NULL);
    CHECK(up == NULL && gp == NULL && wp == NULL && fp == NULL && sp == NULL && pp == NULL);

    /* a non-NULL *err on entry is refused before anything else */
    tsc_error *stale = NULL;
    CHECK(tsc_users_get_by_id(s, "", &uo, &stale) == TSC_STATUS_INVALID_ARGUMENT && stale != NULL);
    CHECK(tsc_users_get(s, NULL, &ul, &stale) == TSC_STATUS_ERROR_NOT_CLEARED && ul == NULL);
    CHECK(tsc_groups_add_users(s, g, ids, 1, &ul, &stale) == TSC_STATUS_ERROR_NOT_CLEARED);
    tsc_error_free(stale);
    /* a NULL err is allowed */
    CHECK(tsc_groups_delete(s, NULL, NULL) == TSC_STATUS_NULL_ARGUMENT);

    tsc_user_free(u);
    tsc_group_free(g);
    tsc_favorite_free(f);
}

int main(void) {
    items();
    tsc_server *s = test_server();
    calls(s); /* not signed in: every check happens before a request */
    test_sign_in(s, "");
    calls(s);
    tsc_server_free(s);
    return check_finish();
}
