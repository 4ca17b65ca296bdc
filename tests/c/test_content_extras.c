/* test_content_extras.c: the content methods of TSC 0.42 beyond the seed, through the C API
 * against the emulator: deleting a view (3.27) out of its workbook, and the failures (an unknown
 * view, an empty id, a server older than 3.27). */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;

/* A fresh copy of the sample workbook, published as `name` into the default project. */
static tsc_workbook *publish_sample(const char *name) {
    tsc_workbook *item = NULL, *wb = NULL;
    OK(tsc_workbook_new(name, PROJECT, &item, &E));
    OK(tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_OVERWRITE, NULL, NULL, &wb,
                             NULL, &E));
    tsc_workbook_free(item);
    CHECK(wb != NULL);
    return wb;
}

/* The number of views the server lists for the workbook (-1 on failure). */
static long view_count(const tsc_workbook *wb) {
    tsc_view_list *l = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &l, &E));
    long n = l ? (long)tsc_view_list_count(l) : -1;
    tsc_view_list_free(l);
    return n;
}

/* A server handle pinned to an older REST API version, signed in. */
static tsc_server *pinned(const char *version) {
    tsc_server_options *o = NULL;
    tsc_server *old = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    OK(tsc_server_options_set_api_version(o, version, &E));
    OK(tsc_server_new(o, &old, &E));
    tsc_server_options_free(o);
    test_sign_in(old, "");
    return old;
}

static void test_views_delete(void) {
    tsc_workbook *wb = publish_sample("Extras Views");
    long before = view_count(wb);
    CHECK(before >= 2);
    tsc_view_list *views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &views, &E));
    char gone[64] = "", kept[64] = "";
    snprintf(gone, sizeof gone, "%s", tsc_view_id(tsc_view_list_get(views, 0)));
    snprintf(kept, sizeof kept, "%s", tsc_view_id(tsc_view_list_get(views, 1)));
    tsc_view_list_free(views);

    OK(tsc_views_delete(S, gone, &E));
    CHECK(view_count(wb) == before - 1);
    tsc_view *v = NULL;
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404011", tsc_views_get_by_id(S, gone, 0, &v, &E));
    OK(tsc_views_get_by_id(S, kept, 0, &v, &E));
    CHECK_STR(tsc_view_id(v), kept);
    tsc_view_free(v);
    /* The workbook no longer lists it, and its default view is one it still has. */
    tsc_workbook *again = NULL;
    OK(tsc_workbooks_get_by_id(S, tsc_workbook_id(wb), &again, &E));
    CHECK(again != NULL && tsc_workbook_default_view_id(again) != NULL &&
          strcmp(tsc_workbook_default_view_id(again), gone) != 0);
    tsc_workbook_free(again);

    /* Failures: deleted already, an unknown id, no id, a server older than 3.27. */
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404011", tsc_views_delete(S, gone, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_views_delete(S, "00000000-0000-0000-0000-000000000000", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_views_delete(S, "", &E));
    tsc_server *old = pinned("3.26");
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_views_delete(old, kept, &E));
    tsc_server_free(old);
    CHECK(view_count(wb) == before - 1);

    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    tsc_workbook_free(wb);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    test_views_delete();
    free(PROJECT);
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    return check_finish();
}
