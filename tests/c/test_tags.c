/* test_tags.c: tags of workbooks, data sources and views through the C API: add (one request,
 * the item's tags answered), delete (one request per label), and the tag changes of an item sent
 * by `_update_tags` and by `_update`, where only what the caller added and removed is sent (a tag
 * someone else added meanwhile survives); tags of many items at once (`tsc_tags_batch_add` and
 * `_delete` over a `tsc_tag_targets` list of a workbook, a data source and a view, all changed or
 * none); a view's tag changes sent by `tsc_views_update`; and the failures: no labels, an empty label, a tag the item does not have, an unknown
 * item, an unknown content type, an empty list, a server older than 3.9. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;

/* 1 if the list holds exactly these labels, in any order. */
static int list_is(const tsc_string_list *l, const char *const *want, size_t n) {
    if (l == NULL || tsc_string_list_count(l) != n) return 0;
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        for (size_t j = 0; j < n; j++) {
            const char *s = tsc_string_list_get(l, j);
            if (s != NULL && strcmp(s, want[i]) == 0) found = 1;
        }
        if (!found) return 0;
    }
    return 1;
}

/* 1 if the fetched workbook's tags are exactly these labels, in any order. */
static int workbook_tags_are(const char *id, const char *const *want, size_t n) {
    tsc_workbook *w = NULL;
    OK(tsc_workbooks_get_by_id(S, id, &w, &E));
    int ok = w != NULL && tsc_workbook_tag_count(w) == n;
    for (size_t i = 0; ok && i < n; i++) {
        int found = 0;
        for (size_t j = 0; j < n; j++) {
            const char *t = tsc_workbook_tag(w, j);
            if (t != NULL && strcmp(t, want[i]) == 0) found = 1;
        }
        ok = found;
    }
    tsc_workbook_free(w);
    return ok;
}

static void test_workbook_tags(void) {
    tsc_workbook *wb = publish_superstore(S, PROJECT, "Tagged");
    CHECK(wb != NULL && tsc_workbook_tag_count(wb) == 0);
    const char *id = tsc_workbook_id(wb);

    /* Add: the answer is the item's tags. */
    const char *rb[] = {"red", "blue"};
    tsc_string_list *l = NULL;
    OK(tsc_workbooks_add_tags(S, id, rb, 2, &l, &E));
    CHECK(list_is(l, rb, 2));
    tsc_string_list_free(l);
    CHECK(workbook_tags_are(id, rb, 2));

    /* A fetched item's changes: remove red, add green; meanwhile someone adds "other". */
    tsc_workbook *fetched = NULL;
    OK(tsc_workbooks_get_by_id(S, id, &fetched, &E));
    tsc_workbook *edit = tsc_workbook_clone(fetched);
    CHECK(edit != NULL);
    OK(tsc_workbook_remove_tag(edit, "red", &E));
    OK(tsc_workbook_remove_tag(edit, "not there", &E));
    OK(tsc_workbook_add_tag(edit, "green", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbook_add_tag(edit, "", &E));
    const char *other[] = {"other"};
    l = NULL;
    OK(tsc_workbooks_add_tags(S, id, other, 1, &l, &E));
    tsc_string_list_free(l);
    tsc_workbook *synced = NULL;
    OK(tsc_workbooks_update_tags(S, edit, &synced, &E));
    const char *after[] = {"blue", "green", "other"};
    CHECK(workbook_tags_are(id, after, 3));
    CHECK(synced != NULL && tsc_workbook_tag_count(synced) == 2);
    /* Nothing changed since the answer: nothing is sent, "other" stays. */
    tsc_workbook *same = NULL;
    OK(tsc_workbooks_update_tags(S, synced, &same, &E));
    CHECK(workbook_tags_are(id, after, 3));
    tsc_workbook_free(same);
    /* The fetched item still has "red", which is gone: removing it again is not an error. */
    tsc_workbook *stale = tsc_workbook_clone(fetched);
    OK(tsc_workbook_remove_tag(stale, "red", &E));
    same = NULL;
    OK(tsc_workbooks_update_tags(S, stale, &same, &E));
    CHECK(workbook_tags_are(id, after, 3));
    tsc_workbook_free(same);
    tsc_workbook_free(stale);
    tsc_workbook_free(synced);
    tsc_workbook_free(edit);
    tsc_workbook_free(fetched);

    /* Update sends the tag changes, then the attributes; its answer reads the new tags. */
    fetched = NULL;
    OK(tsc_workbooks_get_by_id(S, id, &fetched, &E));
    edit = tsc_workbook_clone(fetched);
    OK(tsc_workbook_clear_tags(edit, &E));
    OK(tsc_workbook_add_tag(edit, "q4", &E));
    OK(tsc_workbook_set_name(edit, "Tagged 2", &E));
    tsc_workbook *updated = NULL;
    OK(tsc_workbooks_update(S, edit, &updated, &E));
    CHECK_STR(tsc_workbook_name(updated), "Tagged 2");
    const char *q4[] = {"q4"};
    CHECK(workbook_tags_are(id, q4, 1));
    /* The answer knows its tags: a removal from it is sent. */
    tsc_workbook *again = tsc_workbook_clone(updated);
    OK(tsc_workbook_remove_tag(again, "q4", &E));
    tsc_workbook *cleared = NULL;
    OK(tsc_workbooks_update_tags(S, again, &cleared, &E));
    CHECK(workbook_tags_are(id, NULL, 0));
    CHECK(cleared != NULL && tsc_workbook_tag_count(cleared) == 0);
    tsc_workbook_free(cleared);
    tsc_workbook_free(again);
    tsc_workbook_free(updated);
    tsc_workbook_free(edit);
    tsc_workbook_free(fetched);

    /* Delete: one request per label; a label the item does not have is the server's 404007. */
    l = NULL;
    OK(tsc_workbooks_add_tags(S, id, rb, 2, &l, &E));
    tsc_string_list_free(l);
    const char *blue[] = {"blue"};
    OK(tsc_workbooks_delete_tags(S, id, blue, 1, &E));
    const char *red[] = {"red"};
    CHECK(workbook_tags_are(id, red, 1));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404007", tsc_workbooks_delete_tags(S, id, blue, 1, &E));

    /* Bad arguments are refused before any request. */
    l = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_add_tags(S, id, rb, 0, &l, &E));
    CHECK(l == NULL);
    const char *empty[] = {"ok", ""};
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_add_tags(S, id, empty, 2, &l, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_delete_tags(S, id, empty, 2, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_delete_tags(S, "", red, 1, &E));
    CHECK(workbook_tags_are(id, red, 1));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404006",
               tsc_workbooks_add_tags(S, "00000000-0000-4000-8000-000000000000", red, 1, &l, &E));
    CHECK(l == NULL);
    tsc_workbook *no_id = NULL;
    OK(tsc_workbook_new("No id", PROJECT, &no_id, &E));
    tsc_workbook *none = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update_tags(S, no_id, &none, &E));
    CHECK(none == NULL);
    tsc_workbook_free(no_id);

    /* Views of the workbook have their own tags. */
    tsc_view_list *views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &views, &E));
    CHECK(views != NULL && tsc_view_list_count(views) > 0);
    const char *vid = tsc_view_id(tsc_view_list_get(views, 0));
    const char *vt[] = {"v1", "v2"};
    l = NULL;
    OK(tsc_views_add_tags(S, vid, vt, 2, &l, &E));
    CHECK(list_is(l, vt, 2));
    tsc_string_list_free(l);
    OK(tsc_views_delete_tags(S, vid, vt, 1, &E));
    tsc_view *v = NULL;
    OK(tsc_views_get_by_id(S, vid, 0, &v, &E));
    CHECK(v != NULL && tsc_view_tag_count(v) == 1);
    CHECK_STR(tsc_view_tag(v, 0), "v2");
    tsc_view_free(v);
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404011",
               tsc_views_add_tags(S, "00000000-0000-4000-8000-000000000000", vt, 1, &l, &E));
    tsc_view_list_free(views);
    tsc_workbook_free(wb);
}

static void test_datasource_tags(void) {
    tsc_datasource *item = NULL, *ds = NULL;
    OK(tsc_datasource_new("Tagged source", PROJECT, &item, &E));
    OK(tsc_datasources_publish(S, item, sample("Sales.tds"), TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &ds, NULL,
                               &E));
    tsc_datasource_free(item);
    CHECK(ds != NULL);
    const char *id = tsc_datasource_id(ds);
    const char *ab[] = {"a", "b"};
    tsc_string_list *l = NULL;
    OK(tsc_datasources_add_tags(S, id, ab, 2, &l, &E));
    CHECK(list_is(l, ab, 2));
    tsc_string_list_free(l);

    tsc_datasource *fetched = NULL;
    OK(tsc_datasources_get_by_id(S, id, &fetched, &E));
    CHECK(fetched != NULL && tsc_datasource_tag_count(fetched) == 2);
    tsc_datasource *edit = tsc_datasource_clone(fetched);
    OK(tsc_datasource_remove_tag(edit, "a", &E));
    OK(tsc_datasource_add_tag(edit, "c", &E));
    OK(tsc_datasource_set_description(edit, "with tags", &E));
    tsc_datasource *updated = NULL;
    OK(tsc_datasources_update(S, edit, &updated, &E));
    CHECK_STR(tsc_datasource_description(updated), "with tags");
    tsc_datasource *now = NULL;
    OK(tsc_datasources_get_by_id(S, id, &now, &E));
    CHECK(now != NULL && tsc_datasource_tag_count(now) == 2);
    int b = 0, c = 0;
    for (size_t i = 0; now != NULL && i < tsc_datasource_tag_count(now); i++) {
        b |= strcmp(tsc_datasource_tag(now, i), "b") == 0;
        c |= strcmp(tsc_datasource_tag(now, i), "c") == 0;
    }
    CHECK(b && c);
    const char *bc[] = {"b", "c"};
    OK(tsc_datasources_delete_tags(S, id, bc, 2, &E));
    tsc_datasource_free(now);
    now = NULL;
    OK(tsc_datasources_get_by_id(S, id, &now, &E));
    CHECK(now != NULL && tsc_datasource_tag_count(now) == 0);
    tsc_datasource_free(now);
    tsc_datasource_free(updated);
    tsc_datasource_free(edit);
    tsc_datasource_free(fetched);
    tsc_datasource_free(ds);
}

/* The number of tags of each item: workbook, data source, first view of the workbook. */
static void batch_counts(const char *wb, const char *ds, const char *view, size_t *out) {
    tsc_workbook *w = NULL;
    tsc_datasource *d = NULL;
    tsc_view *v = NULL;
    OK(tsc_workbooks_get_by_id(S, wb, &w, &E));
    OK(tsc_datasources_get_by_id(S, ds, &d, &E));
    OK(tsc_views_get_by_id(S, view, 0, &v, &E));
    out[0] = w ? tsc_workbook_tag_count(w) : 99;
    out[1] = d ? tsc_datasource_tag_count(d) : 99;
    out[2] = v ? tsc_view_tag_count(v) : 99;
    tsc_workbook_free(w);
    tsc_datasource_free(d);
    tsc_view_free(v);
}

static void test_batch(void) {
    tsc_workbook *wb = publish_superstore(S, PROJECT, "Batch tagged");
    tsc_datasource *ditem = NULL, *ds = NULL;
    OK(tsc_datasource_new("Batch tagged source", PROJECT, &ditem, &E));
    OK(tsc_datasources_publish(S, ditem, sample("Sales.tds"), TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &ds, NULL,
                               &E));
    tsc_datasource_free(ditem);
    tsc_view_list *views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &views, &E));
    CHECK(views != NULL && tsc_view_list_count(views) > 0);
    if (wb == NULL || ds == NULL || views == NULL || tsc_view_list_count(views) == 0) return;
    const char *view = tsc_view_id(tsc_view_list_get(views, 0));

    tsc_tag_targets *t = NULL;
    OK(tsc_tag_targets_new(&t, &E));
    OK(tsc_tag_targets_add(t, "Workbook", tsc_workbook_id(wb), &E));
    OK(tsc_tag_targets_add(t, "datasource", tsc_datasource_id(ds), &E)); /* any case */
    OK(tsc_tag_targets_add(t, "VIEW", view, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_tag_targets_add(t, "Spreadsheet", view, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_tag_targets_add(t, "View", "", &E));

    const char *labels[] = {"q1", "finance"};
    tsc_string_list *l = NULL;
    OK(tsc_tags_batch_add(S, labels, 2, t, &l, &E));
    CHECK(list_is(l, labels, 2));
    tsc_string_list_free(l);
    l = NULL;
    size_t n[3];
    batch_counts(tsc_workbook_id(wb), tsc_datasource_id(ds), view, n);
    CHECK(n[0] == 2 && n[1] == 2 && n[2] == 2);
    CHECK(workbook_tags_are(tsc_workbook_id(wb), labels, 2));

    /* one unknown item: nothing changes */
    tsc_tag_targets *bad = NULL;
    OK(tsc_tag_targets_new(&bad, &E));
    OK(tsc_tag_targets_add(bad, "Workbook", tsc_workbook_id(wb), &E));
    OK(tsc_tag_targets_add(bad, "Datasource", "00000000-0000-0000-0000-000000000000", &E));
    const char *extra[] = {"extra"};
    FAILS(TSC_STATUS_NOT_FOUND, tsc_tags_batch_add(S, extra, 1, bad, &l, &E));
    CHECK(l == NULL);
    CHECK(workbook_tags_are(tsc_workbook_id(wb), labels, 2));
    tsc_tag_targets_free(bad);

    /* delete one label from all three */
    const char *q1[] = {"q1"};
    OK(tsc_tags_batch_delete(S, q1, 1, t, &l, &E));
    CHECK(list_is(l, q1, 1));
    tsc_string_list_free(l);
    l = NULL;
    batch_counts(tsc_workbook_id(wb), tsc_datasource_id(ds), view, n);
    CHECK(n[0] == 1 && n[1] == 1 && n[2] == 1);
    const char *fin[] = {"finance"};
    CHECK(workbook_tags_are(tsc_workbook_id(wb), fin, 1));
    /* a label the items no longer have is not an error */
    OK(tsc_tags_batch_delete(S, q1, 1, t, &l, &E));
    tsc_string_list_free(l);
    l = NULL;

    /* a view's own tag changes, sent by tsc_views_update (the Python client's views.update: only
     * a view's tags change) and tsc_views_update_tags */
    tsc_view *fetched = NULL, *synced = NULL, *cleared = NULL;
    OK(tsc_views_get_by_id(S, view, 0, &fetched, &E));
    tsc_view *edit = tsc_view_clone(fetched);
    OK(tsc_view_add_tag(edit, "v-new", &E));
    OK(tsc_view_remove_tag(edit, "finance", &E));
    OK(tsc_views_update(S, edit, &synced, &E));
    batch_counts(tsc_workbook_id(wb), tsc_datasource_id(ds), view, n);
    CHECK(n[0] == 1 && n[1] == 1 && n[2] == 1);
    tsc_view *now = NULL;
    OK(tsc_views_get_by_id(S, view, 0, &now, &E));
    CHECK(now != NULL && tsc_view_tag_count(now) == 1 && strcmp(tsc_view_tag(now, 0), "v-new") == 0);
    tsc_view_free(now);
    now = NULL;
    tsc_view *again = tsc_view_clone(synced);
    OK(tsc_view_clear_tags(again, &E));
    OK(tsc_views_update_tags(S, again, &cleared, &E));
    CHECK(cleared != NULL && tsc_view_tag_count(cleared) == 0);
    OK(tsc_views_get_by_id(S, view, 0, &now, &E));
    CHECK(now != NULL && tsc_view_tag_count(now) == 0);
    tsc_view_free(now);
    tsc_view_free(again);
    tsc_view_free(cleared);
    tsc_view_free(synced);
    tsc_view_free(edit);
    tsc_view_free(fetched);

    /* refused before any request */
    tsc_tag_targets *empty = NULL;
    OK(tsc_tag_targets_new(&empty, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_tags_batch_add(S, labels, 2, empty, &l, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_tags_batch_add(S, labels, 0, t, &l, &E));
    const char *blank[] = {""};
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_tags_batch_delete(S, blank, 1, t, &l, &E));
    FAILS(TSC_STATUS_NULL_ARGUMENT, tsc_tags_batch_add(S, labels, 2, NULL, &l, &E));
    tsc_tag_targets_free(empty);
    tsc_server *old = test_server_pinned("3.8");
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_tags_batch_add(old, labels, 2, t, &l, &E));
    tsc_server_free(old);
    CHECK(l == NULL);

    tsc_tag_targets_free(t);
    tsc_tag_targets_free(NULL);
    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    OK(tsc_datasources_delete(S, tsc_datasource_id(ds), &E));
    tsc_view_list_free(views);
    tsc_workbook_free(wb);
    tsc_datasource_free(ds);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    test_workbook_tags();
    test_datasource_tags();
    test_batch();
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    free(PROJECT);
    return check_finish();
}
