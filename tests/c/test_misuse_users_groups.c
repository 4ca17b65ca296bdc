/* test_misuse_users_groups.c: misuse of the users, groups, favorites and pager functions beyond
 * what the generated test_api_misuse.c checks for every function (NULL for each pointer, invalid
 * UTF-8): NULL or invalid strings inside id arrays, getters' sentinels, values out of range, a
 * non-NULL *err on entry, and nothing written to an output on failure. */
#include "check.h"

#define NUL(call) FAILS(TSC_STATUS_NULL_ARGUMENT, call)
#define BADUTF8(call) FAILS(TSC_STATUS_INVALID_UTF8, call)

static const char *bad = "caf\xc3\x28 \xff"; /* invalid UTF-8 */
static const char *ID = "00000000-0000-4000-8000-000000000000";

static void items(void) {
    tsc_user *u = NULL;
    tsc_group *g = NULL;
    tsc_favorite *f = NULL;

    /* items to misuse below */
    OK(tsc_user_new("x", "Viewer", &u, &E));
    OK(tsc_group_new("x", &g, &E));
    OK(tsc_favorite_new("x", "project", ID, &f, &E));
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

    
    /* groups */
    const char *ids[] = {ID, NULL};
    const char *bad_ids[] = {ID, bad};
    NUL(tsc_groups_add_users(s, g, ids, 2, &ul, &E)); /* ids[1] is NULL */
    BADUTF8(tsc_groups_add_users(s, g, bad_ids, 2, &ul, &E));
    NUL(tsc_groups_remove_users(s, g, ids, 2, &E));
    BADUTF8(tsc_groups_remove_users(s, g, bad_ids, 2, &E));

    /* favorites, sites and projects pagers */
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
