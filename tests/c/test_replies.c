/* test_replies.c: what libtsc keeps from replies and refuses to send (issue 10): a workbook keeps
 * the views its get-by-id and publish replies list (tsc_workbook_views), a site update sends the
 * user quota or the tier capacities, never both, and refuses an empty name, and query tagging
 * cannot be set on a hyper connection. Reply shapes the emulator does not produce (a
 * <connections>-wrapped update_connection reply, empty attributes, impossible dates) are tested
 * over recorded bytes in the library's unit tests. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;

static int has(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

static void workbook_views(void) {
    tsc_workbook *item = NULL, *pub = NULL, *got = NULL;
    tsc_view_list *from_pub = NULL, *from_get = NULL, *populated = NULL, *none = NULL;
    OK(tsc_workbook_new("Replies", PROJECT, &item, &E));
    OK(tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &pub,
                             NULL, &E));
    tsc_workbook_free(item);
    if (pub == NULL) return;

    /* the publish reply lists the views, and so does get_by_id: both are kept */
    OK(tsc_workbook_views(pub, &from_pub, &E));
    OK(tsc_workbooks_get_by_id(S, tsc_workbook_id(pub), &got, &E));
    OK(tsc_workbook_views(got, &from_get, &E));
    OK(tsc_workbooks_populate_views(S, got, 0, &populated, &E));
    size_t n = tsc_view_list_count(populated);
    CHECK(n > 0);
    CHECK(tsc_view_list_count(from_pub) == n);
    CHECK(tsc_view_list_count(from_get) == n);
    CHECK(tsc_view_list_total_available(from_get) == -1); /* unpaged */
    for (size_t i = 0; i < n && i < tsc_view_list_count(from_get); i++) {
        const tsc_view *v = tsc_view_list_get(from_get, i);
        CHECK_STR(tsc_view_name(v), tsc_view_name(tsc_view_list_get(populated, i)));
        CHECK_STR(tsc_view_id(v), tsc_view_id(tsc_view_list_get(populated, i)));
        CHECK_STR(tsc_view_workbook_id(v), tsc_workbook_id(got));
        CHECK_STR(tsc_view_name(tsc_view_list_get(from_pub, i)), tsc_view_name(v));
    }

    /* a view kept from get_by_id has what a preview needs (its id and its workbook's id) */
    tsc_bytes *png = NULL;
    if (n > 0) OK(tsc_views_populate_preview_image(S, tsc_view_list_get(from_get, 0), &png, &E));
    CHECK(png != NULL && tsc_bytes_len(png) > 8);
    tsc_bytes_free(png);

    /* a clone keeps them; the list is a copy that outlives the workbook */
    tsc_workbook *copy = tsc_workbook_clone(got);
    tsc_view_list *from_copy = NULL;
    OK(tsc_workbook_views(copy, &from_copy, &E));
    CHECK(tsc_view_list_count(from_copy) == n);
    tsc_workbook_free(copy);
    tsc_view_list_free(from_copy);
    tsc_workbook_free(got);
    got = NULL;
    CHECK(n == 0 || tsc_view_name(tsc_view_list_get(from_get, 0)) != NULL);

    /* a listing does not list views: an empty list, not an error */
    tsc_workbook_list *l = NULL;
    OK(tsc_workbooks_get(S, NULL, &l, &E));
    CHECK(tsc_workbook_list_count(l) > 0);
    OK(tsc_workbook_views(tsc_workbook_list_get(l, 0), &none, &E));
    CHECK(none != NULL && tsc_view_list_count(none) == 0);
    tsc_view_list_free(none);
    tsc_workbook_list_free(l);

    /* a new workbook has none */
    tsc_workbook *fresh = NULL;
    none = NULL;
    OK(tsc_workbook_new("Fresh", PROJECT, &fresh, &E));
    OK(tsc_workbook_views(fresh, &none, &E));
    CHECK(none != NULL && tsc_view_list_count(none) == 0);
    tsc_view_list_free(none);
    tsc_workbook_free(fresh);

    OK(tsc_workbooks_delete(S, tsc_workbook_id(pub), &E));
    tsc_view_list_free(from_pub);
    tsc_view_list_free(from_get);
    tsc_view_list_free(populated);
    tsc_workbook_free(pub);
}

static void site_update(void) {
    char *site_id = NULL;
    tsc_site *cur = NULL, *out = NULL;
    OK(tsc_server_site_id(S, &site_id, &E));
    OK(tsc_sites_get_by_id(S, site_id, &cur, &E));
    tsc_string_free(site_id);
    if (cur == NULL) return;

    /* user quota and tier capacities together: the tiers are sent, the quota is not (the
     * server refuses both with 409004) */
    tsc_site *s = tsc_site_clone(cur);
    OK(tsc_site_set_user_quota(s, 20, &E));
    OK(tsc_site_set_tier_creator_capacity(s, 5, &E));
    OK(tsc_site_set_tier_explorer_capacity(s, 6, &E));
    OK(tsc_site_set_tier_viewer_capacity(s, 10, &E));
    OK(tsc_sites_update(S, s, &out, &E));
    CHECK(tsc_site_tier_creator_capacity(out) == 5);
    CHECK(tsc_site_tier_viewer_capacity(out) == 10);
    tsc_site_free(out);
    out = NULL;
    tsc_site_free(s);

    /* an empty name is refused before any request, with a clear message */
    s = tsc_site_clone(cur);
    OK(tsc_site_set_name(s, "", &E));
    tsc_status st = tsc_sites_update(S, s, &out, &E);
    CHECK(st == TSC_STATUS_INVALID_ARGUMENT && out == NULL);
    CHECK(E != NULL && has(tsc_error_message(E), "tsc_sites_update"));
    CHECK(E != NULL && has(tsc_error_message(E), "name cannot be empty"));
    CHECK(E != NULL && tsc_error_http_status(E) == 0);
    tsc_error_free(E);
    E = NULL;
    OK(tsc_site_set_name(s, "  ", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_sites_update(S, s, &out, &E));
    /* a name left unset keeps the current one */
    OK(tsc_site_set_name(s, NULL, &E));
    OK(tsc_sites_update(S, s, &out, &E));
    CHECK_STR(tsc_site_name(out), tsc_site_name(cur));
    tsc_site_free(out);
    tsc_site_free(s);
    tsc_site_free(cur);
}

static void query_tagging(void) {
    char path[64];
    snprintf(path, sizeof path, "%s/Orders.hyper", temp_dir());
    write_hyper(path, 4096, 3);
    tsc_datasource *item = NULL, *ds = NULL;
    OK(tsc_datasource_new("Orders", PROJECT, &item, &E));
    OK(tsc_datasources_publish(S, item, path, TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &ds, NULL, &E));
    tsc_datasource_free(item);
    if (ds == NULL) return;
    tsc_connection_list *l = NULL;
    OK(tsc_datasources_populate_connections(S, ds, &l, &E));
    CHECK(tsc_connection_list_count(l) == 1);
    const tsc_connection *hyper = tsc_connection_list_get(l, 0);
    CHECK_STR(tsc_connection_connection_type(hyper), "hyper");

    tsc_connection *c = tsc_connection_clone(hyper);
    tsc_status st = tsc_connection_set_query_tagging(c, 1, &E);
    CHECK(st == TSC_STATUS_INVALID_ARGUMENT);
    CHECK(E != NULL && has(tsc_error_message(E), "tsc_connection_set_query_tagging"));
    CHECK(E != NULL && has(tsc_error_message(E), "query tagging cannot be set on a hyper connection"));
    tsc_error_free(E);
    E = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_connection_set_query_tagging(c, 0, &E));
    OK(tsc_connection_set_query_tagging(c, -1, &E)); /* clearing is fine */
    CHECK(tsc_connection_query_tagging(c) == -1);

    /* other changes still go through */
    tsc_connection *out = NULL;
    OK(tsc_connection_set_username(c, "reader", &E));
    OK(tsc_datasources_update_connection(S, ds, c, &out, &E));
    CHECK_STR(tsc_connection_username(out), "reader");
    tsc_connection_free(out);
    tsc_connection_free(c);

    /* a connection of no known type (made locally) may set it */
    tsc_connection *fresh = NULL;
    OK(tsc_connection_new(&fresh, &E));
    OK(tsc_connection_set_query_tagging(fresh, 1, &E));
    CHECK(tsc_connection_query_tagging(fresh) == 1);
    tsc_connection_free(fresh);

    tsc_connection_list_free(l);
    OK(tsc_datasources_delete(S, tsc_datasource_id(ds), &E));
    tsc_datasource_free(ds);
    remove(path);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    workbook_views();
    site_update();
    query_tagging();
    free(PROJECT);
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    return check_finish();
}
