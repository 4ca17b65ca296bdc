/* test_content_extras.c: the content methods of TSC 0.42 beyond the seed, through the C API
 * against the emulator: deleting a view (3.27) out of its workbook, and the failures (an unknown
 * view, an empty id, a server older than 3.27); a workbook's data acceleration and data freshness
 * policy set through tsc_workbooks_update and read back, the views' acceleration status, and
 * the policies refused before any request; many connections of a workbook and of a data source
 * updated in one request (3.26), and its failures; a connection's database name, read and sent
 * with a publish; projects created and updated with the server's sample workbooks; data source
 * publishing in Replace mode and of .parquet files; upload sessions opened and appended to by the
 * caller; the owner and project details `fields=_all_` gives workbooks, data sources and views;
 * a collection as a favorite. */
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

    /* Someone who neither owns the workbook nor administers the site may not. */
    tsc_user *item = NULL, *u = NULL, *with_pw = NULL;
    OK(tsc_user_new("extras.viewer", "Viewer", &item, &E));
    OK(tsc_users_add(S, item, &u, &E));
    OK(tsc_users_update(S, u, "Viewer pw 1", &with_pw, &E));
    tsc_server *other = test_server();
    tsc_credentials *c = NULL;
    OK(tsc_credentials_new_password("extras.viewer", "Viewer pw 1", "", &c, &E));
    OK(tsc_auth_sign_in(other, c, &E));
    FAILS_CODE(TSC_STATUS_FORBIDDEN, "403004", tsc_views_delete(other, kept, &E));
    tsc_credentials_free(c);
    tsc_server_free(other);
    OK(tsc_users_remove(S, tsc_user_id(u), NULL, &E));
    tsc_user_free(with_pw);
    tsc_user_free(u);
    tsc_user_free(item);
    CHECK(view_count(wb) == before - 1);

    /* Failures: deleted already, an unknown id, no id, a server older than 3.27. */
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404011", tsc_views_delete(S, gone, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_views_delete(S, "00000000-0000-0000-0000-000000000000", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_views_delete(S, "", &E));
    tsc_server *old = test_server_pinned("3.26");
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_views_delete(old, kept, &E));
    tsc_server_free(old);
    CHECK(view_count(wb) == before - 1);

    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    tsc_workbook_free(wb);
}

/* The workbook as the server now has it (owned). */
static tsc_workbook *fetch_workbook(const char *id) {
    tsc_workbook *w = NULL;
    OK(tsc_workbooks_get_by_id(S, id, &w, &E));
    return w;
}

static void test_workbook_acceleration_and_freshness(void) {
    tsc_workbook *wb = publish_sample("Extras Acceleration");
    const char *id = tsc_workbook_id(wb);
    CHECK(tsc_workbook_data_acceleration_enabled(wb) == 0);
    CHECK(tsc_workbook_data_acceleration_status(wb) == NULL);
    CHECK(tsc_workbook_data_freshness_policy(wb) == NULL);

    /* Enable acceleration: pending until asked to accelerate now. */
    tsc_workbook *edit = tsc_workbook_clone(wb), *up = NULL;
    OK(tsc_workbook_set_data_acceleration_enabled(edit, 1, &E));
    OK(tsc_workbooks_update(S, edit, &up, &E));
    CHECK(tsc_workbook_data_acceleration_enabled(up) == 1);
    CHECK_STR(tsc_workbook_data_acceleration_status(up), "Pending");
    CHECK(tsc_workbook_data_acceleration_last_updated_at(up) != NULL);
    tsc_workbook_free(edit);
    tsc_workbook *got = fetch_workbook(id);
    CHECK(tsc_workbook_data_acceleration_enabled(got) == 1);
    tsc_workbook_free(got);

    /* Accelerate now, with the views' status in the answer. */
    edit = tsc_workbook_clone(up);
    tsc_workbook_free(up);
    up = NULL;
    OK(tsc_workbook_set_data_acceleration_accelerate_now(edit, 1, &E));
    OK(tsc_workbooks_update_with_view_acceleration_status(S, edit, &up, &E));
    CHECK_STR(tsc_workbook_data_acceleration_status(up), "Accelerated");
    tsc_view_list *views = NULL;
    OK(tsc_workbook_views(up, &views, &E));
    CHECK(views != NULL && tsc_view_list_count(views) >= 2);
    for (size_t i = 0; views && i < tsc_view_list_count(views); i++) {
        const tsc_view *v = tsc_view_list_get(views, i);
        CHECK(tsc_view_data_acceleration_enabled(v) == 1);
        CHECK_STR(tsc_view_data_acceleration_status(v), "Accelerated");
    }
    tsc_view_list_free(views);
    tsc_workbook_free(up);
    tsc_workbook_free(edit);

    /* Fresh every 6 hours. */
    got = fetch_workbook(id);
    edit = tsc_workbook_clone(got);
    tsc_workbook_free(got);
    OK(tsc_workbook_set_data_freshness_policy(edit, "FreshEvery", &E));
    OK(tsc_workbook_set_data_freshness_every_frequency(edit, "Hours", &E));
    OK(tsc_workbook_set_data_freshness_every_value(edit, "6", &E));
    up = NULL;
    OK(tsc_workbooks_update(S, edit, &up, &E));
    CHECK_STR(tsc_workbook_data_freshness_policy(up), "FreshEvery");
    tsc_workbook_free(up);
    got = fetch_workbook(id);
    CHECK_STR(tsc_workbook_data_freshness_policy(got), "FreshEvery");
    CHECK_STR(tsc_workbook_data_freshness_every_frequency(got), "Hours");
    CHECK_STR(tsc_workbook_data_freshness_every_value(got), "6");
    CHECK(tsc_workbook_data_acceleration_enabled(got) == 1); /* untouched by the policy */
    tsc_workbook_free(got);
    tsc_workbook_free(edit);

    /* Fresh at 06:30 on Mondays and Fridays. */
    got = fetch_workbook(id);
    edit = tsc_workbook_clone(got);
    tsc_workbook_free(got);
    OK(tsc_workbook_set_data_freshness_policy(edit, "FreshAt", &E));
    OK(tsc_workbook_set_data_freshness_at_frequency(edit, "Week", &E));
    OK(tsc_workbook_set_data_freshness_at_time(edit, "06:30:00", &E));
    OK(tsc_workbook_set_data_freshness_at_timezone(edit, "Europe/Paris", &E));
    OK(tsc_workbook_set_data_freshness_at_intervals(edit, "weekDay=Monday,weekDay=Friday", &E));
    up = NULL;
    OK(tsc_workbooks_update(S, edit, &up, &E));
    tsc_workbook_free(up);
    got = fetch_workbook(id);
    CHECK_STR(tsc_workbook_data_freshness_policy(got), "FreshAt");
    CHECK_STR(tsc_workbook_data_freshness_at_frequency(got), "Week");
    CHECK_STR(tsc_workbook_data_freshness_at_time(got), "06:30:00");
    CHECK_STR(tsc_workbook_data_freshness_at_timezone(got), "Europe/Paris");
    CHECK_STR(tsc_workbook_data_freshness_at_intervals(got), "weekDay=Monday,weekDay=Friday");
    tsc_workbook_free(got);

    /* Refused before any request: a policy missing what its option needs. */
    up = NULL;
    OK(tsc_workbook_set_data_freshness_at_intervals(edit, "monthDay=3", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update(S, edit, &up, &E));
    OK(tsc_workbook_set_data_freshness_at_time(edit, NULL, &E));
    OK(tsc_workbook_set_data_freshness_at_frequency(edit, "Day", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update(S, edit, &up, &E));
    OK(tsc_workbook_set_data_freshness_policy(edit, "FreshEvery", &E));
    OK(tsc_workbook_set_data_freshness_every_value(edit, "0", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update(S, edit, &up, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbook_set_data_freshness_policy(edit, "Sometimes", &E));
    CHECK(up == NULL);
    got = fetch_workbook(id);
    CHECK_STR(tsc_workbook_data_freshness_policy(got), "FreshAt"); /* nothing was sent */
    tsc_workbook_free(got);
    tsc_server *old = test_server_pinned("3.21");
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_workbooks_update_with_view_acceleration_status(old, wb, &up, &E));
    tsc_server_free(old);
    tsc_workbook_free(edit);

    /* Turning acceleration off clears its status. */
    got = fetch_workbook(id);
    edit = tsc_workbook_clone(got);
    tsc_workbook_free(got);
    OK(tsc_workbook_set_data_acceleration_enabled(edit, 0, &E));
    OK(tsc_workbook_set_data_acceleration_accelerate_now(edit, -1, &E));
    up = NULL;
    OK(tsc_workbooks_update(S, edit, &up, &E));
    CHECK(tsc_workbook_data_acceleration_enabled(up) == 0);
    CHECK(tsc_workbook_data_acceleration_status(up) == NULL);
    tsc_workbook_free(up);
    tsc_workbook_free(edit);

    OK(tsc_workbooks_delete(S, id, &E));
    tsc_workbook_free(wb);
}

/* Copies the ids of `l` into `ids` (at most `max`, each in a 64-byte slot); returns the count. */
static size_t connection_ids(const tsc_connection_list *l, char ids[][64], size_t max) {
    size_t n = l ? tsc_connection_list_count(l) : 0;
    if (n > max) n = max;
    for (size_t i = 0; i < n; i++) snprintf(ids[i], 64, "%s", tsc_connection_id(tsc_connection_list_get(l, i)));
    return n;
}

/* 1 if every connection of `l` has this user name, authentication type and embed flag. */
static int all_updated(const tsc_connection_list *l, const char *user, const char *auth, int32_t embed) {
    if (l == NULL || tsc_connection_list_count(l) == 0) return 0;
    for (size_t i = 0; i < tsc_connection_list_count(l); i++) {
        const tsc_connection *c = tsc_connection_list_get(l, i);
        const char *u = tsc_connection_username(c), *a = tsc_connection_auth_type(c);
        if (u == NULL || strcmp(u, user) != 0 || a == NULL || strcmp(a, auth) != 0 ||
            tsc_connection_embed_password(c) != embed)
            return 0;
    }
    return 1;
}

static void test_update_connections(void) {
    char ids[8][64];
    const char *idp[8];
    tsc_connection_list *l = NULL, *up = NULL;

    /* A workbook's connections, all at once. */
    tsc_workbook *wb = publish_sample("Extras Connections");
    OK(tsc_workbooks_populate_connections(S, wb, &l, &E));
    size_t n = connection_ids(l, ids, 8);
    tsc_connection_list_free(l);
    CHECK(n >= 1);
    for (size_t i = 0; i < n; i++) idp[i] = ids[i];
    OK(tsc_workbooks_update_connections(S, wb, idp, n, "username-password", "svc", "s3cret", 1, &up, &E));
    CHECK(up != NULL && tsc_connection_list_count(up) == n);
    CHECK(all_updated(up, "svc", "username-password", 1));
    tsc_connection_list_free(up);
    l = NULL;
    OK(tsc_workbooks_populate_connections(S, wb, &l, &E));
    CHECK(all_updated(l, "svc", "username-password", 1));
    tsc_connection_list_free(l);
    /* Without credentials: only the authentication type changes. */
    up = NULL;
    OK(tsc_workbooks_update_connections(S, wb, idp, 1, "oauth", NULL, NULL, -1, &up, &E));
    CHECK(all_updated(up, "svc", "oauth", 1));
    tsc_connection_list_free(up);

    /* Failures: an id the workbook lacks (nothing changes), none, an empty one, a bad flag, 3.25. */
    up = NULL;
    const char *unknown[2] = {ids[0], "00000000-0000-0000-0000-000000000000"};
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404020",
               tsc_workbooks_update_connections(S, wb, unknown, 2, "other", "x", NULL, 0, &up, &E));
    l = NULL;
    OK(tsc_workbooks_populate_connections(S, wb, &l, &E));
    CHECK_STR(tsc_connection_auth_type(tsc_connection_list_get(l, 0)), "oauth");
    tsc_connection_list_free(l);
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update_connections(S, wb, idp, 0, "oauth", NULL, NULL, -1, &up, &E));
    const char *empty[1] = {""};
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update_connections(S, wb, empty, 1, "oauth", NULL, NULL, -1, &up, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update_connections(S, wb, idp, 1, "", NULL, NULL, -1, &up, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update_connections(S, wb, idp, 1, "oauth", NULL, NULL, 2, &up, &E));
    tsc_server *old = test_server_pinned("3.25");
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_workbooks_update_connections(old, wb, idp, 1, "oauth", NULL, NULL, -1, &up, &E));
    tsc_server_free(old);
    CHECK(up == NULL);
    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    tsc_workbook_free(wb);

    /* A data source's. */
    tsc_datasource *item = NULL, *ds = NULL;
    OK(tsc_datasource_new("Extras Connections", PROJECT, &item, &E));
    OK(tsc_datasources_publish(S, item, sample("Sales.tdsx"), TSC_PUBLISH_MODE_OVERWRITE, NULL, NULL, &ds, NULL, &E));
    tsc_datasource_free(item);
    l = NULL;
    OK(tsc_datasources_populate_connections(S, ds, &l, &E));
    n = connection_ids(l, ids, 8);
    tsc_connection_list_free(l);
    CHECK(n >= 1);
    for (size_t i = 0; i < n; i++) idp[i] = ids[i];
    up = NULL;
    OK(tsc_datasources_update_connections(S, ds, idp, n, "username-password", "reader", NULL, 0, &up, &E));
    CHECK(up != NULL && tsc_connection_list_count(up) == n);
    CHECK(all_updated(up, "reader", "username-password", 0));
    CHECK(up != NULL && tsc_connection_datasource_id(tsc_connection_list_get(up, 0)) != NULL);
    tsc_connection_list_free(up);
    up = NULL;
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404020",
               tsc_datasources_update_connections(S, ds, unknown + 1, 1, "oauth", NULL, NULL, -1, &up, &E));
    OK(tsc_datasources_delete(S, tsc_datasource_id(ds), &E));
    tsc_datasource_free(ds);
}

static void test_connection_database_name(void) {
    tsc_workbook *wb = publish_sample("Extras Database");
    tsc_connection_list *l = NULL;
    OK(tsc_workbooks_populate_connections(S, wb, &l, &E));
    CHECK(l != NULL && tsc_connection_list_count(l) == 1);
    const tsc_connection *c0 = l ? tsc_connection_list_get(l, 0) : NULL;
    CHECK_STR(tsc_connection_database_name(c0), "sales"); /* the sample's dbname */
    tsc_connection *edit = tsc_connection_clone(c0);
    tsc_connection_list_free(l);
    OK(tsc_connection_set_database_name(edit, "archive", &E));
    CHECK_STR(tsc_connection_database_name(edit), "archive");

    /* A publish connection names the database: the server's connection now uses it. */
    tsc_publish_options *po = NULL;
    OK(tsc_publish_options_new(&po, &E));
    OK(tsc_publish_options_add_connection(po, edit, NULL, &E));
    tsc_workbook *item = NULL, *again = NULL;
    OK(tsc_workbook_new("Extras Database", PROJECT, &item, &E));
    OK(tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_OVERWRITE, po, NULL, &again,
                             NULL, &E));
    l = NULL;
    OK(tsc_workbooks_populate_connections(S, again, &l, &E));
    CHECK(l != NULL && tsc_connection_list_count(l) == 1);
    CHECK_STR(tsc_connection_database_name(l ? tsc_connection_list_get(l, 0) : NULL), "archive");
    tsc_connection_list_free(l);
    OK(tsc_connection_set_database_name(edit, NULL, &E));
    CHECK(tsc_connection_database_name(edit) == NULL);
    tsc_publish_options_free(po);
    tsc_workbook_free(item);
    tsc_workbook_free(again);
    tsc_connection_free(edit);
    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    tsc_workbook_free(wb);
}

/* The names of the workbooks in the project, joined by ',' in listing order (static buffer). */
static const char *workbooks_in(const char *project_id) {
    static char names[512];
    names[0] = '\0';
    tsc_request_options *o = NULL;
    tsc_workbook_list *l = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, "projectId", TSC_FILTER_OP_EQ, project_id, &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_ASC, &E));
    OK(tsc_workbooks_get(S, o, &l, &E));
    for (size_t i = 0; l && i < tsc_workbook_list_count(l); i++) {
        if (i) strncat(names, ",", sizeof names - strlen(names) - 1);
        strncat(names, tsc_workbook_name(tsc_workbook_list_get(l, i)), sizeof names - strlen(names) - 1);
    }
    tsc_workbook_list_free(l);
    tsc_request_options_free(o);
    return names;
}

static void test_projects_with_samples(void) {
    tsc_project *item = NULL, *p = NULL;
    OK(tsc_project_new("Extras Samples", &item, &E));
    OK(tsc_projects_create_with_samples(S, item, &p, &E));
    CHECK(p != NULL);
    const char *id = p ? tsc_project_id(p) : "";
    CHECK_STR(workbooks_in(id), "Regional,Superstore");
    /* Updating with samples again publishes nothing twice. */
    tsc_project *edit = tsc_project_clone(p), *up = NULL;
    OK(tsc_project_set_description(edit, "with samples", &E));
    OK(tsc_projects_update_with_samples(S, edit, &up, &E));
    CHECK_STR(tsc_project_description(up), "with samples");
    CHECK_STR(workbooks_in(id), "Regional,Superstore");
    tsc_project_free(up);
    tsc_project_free(edit);
    OK(tsc_projects_delete(S, id, &E));
    tsc_project_free(p);
    tsc_project_free(item);

    /* A plain project gets the samples from an update; a plain create has none. */
    item = NULL;
    p = NULL;
    OK(tsc_project_new("Extras Samples Later", &item, &E));
    OK(tsc_projects_create(S, item, &p, &E));
    id = p ? tsc_project_id(p) : "";
    CHECK_STR(workbooks_in(id), "");
    up = NULL;
    OK(tsc_projects_update_with_samples(S, p, &up, &E));
    CHECK_STR(workbooks_in(id), "Regional,Superstore");
    tsc_project_free(up);
    OK(tsc_projects_delete(S, id, &E));
    tsc_project_free(p);
    tsc_project_free(item);
}

/* Writes `len` bytes of `data` to `path`. */
static void write_bytes(const char *path, const char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f == NULL) return;
    CHECK(fwrite(data, 1, len, f) == len);
    fclose(f);
}

static tsc_datasource *publish_ds(const char *name, const char *path, int32_t mode, tsc_status want) {
    tsc_datasource *item = NULL, *ds = NULL;
    OK(tsc_datasource_new(name, PROJECT, &item, &E));
    tsc_status st = tsc_datasources_publish(S, item, path, mode, NULL, NULL, &ds, NULL, &E);
    CHECK(st == want);
    if (st != want && E) fprintf(stderr, "publish %s: %s\n", path, tsc_error_message(E));
    tsc_error_free(E);
    E = NULL;
    tsc_datasource_free(item);
    return ds;
}

static void test_replace_mode_and_parquet(void) {
    /* Replace keeps the data source and gives it the new file. */
    tsc_datasource *first = publish_ds("Extras Replace", sample("Sales.tdsx"), TSC_PUBLISH_MODE_CREATE_NEW, TSC_STATUS_OK);
    tsc_datasource *again = publish_ds("Extras Replace", sample("Extract.hyper"), TSC_PUBLISH_MODE_REPLACE, TSC_STATUS_OK);
    CHECK(first != NULL && again != NULL && strcmp(tsc_datasource_id(first), tsc_datasource_id(again)) == 0);
    CHECK_STR(tsc_datasource_datasource_type(again), "hyper");
    /* Replace of a name not published yet creates it. */
    tsc_datasource *fresh = publish_ds("Extras Replace New", sample("Sales.tds"), TSC_PUBLISH_MODE_REPLACE, TSC_STATUS_OK);
    CHECK(fresh != NULL);
    /* Not for workbooks; not a mode. */
    tsc_workbook *item = NULL, *wb = NULL;
    OK(tsc_workbook_new("Extras Replace", PROJECT, &item, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_REPLACE,
                                                             NULL, NULL, &wb, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_publish(S, item, sample("Superstore.twbx"), 4, NULL, NULL, &wb,
                                                             NULL, &E));
    CHECK(wb == NULL);
    tsc_workbook_free(item);

    /* A .parquet file is a data source with an extract; one that is not Parquet is refused. */
    const char *dir = temp_dir();
    char good[128], bad[128];
    snprintf(good, sizeof good, "%s/Orders.parquet", dir);
    snprintf(bad, sizeof bad, "%s/Broken.parquet", dir);
    static const char parquet[] = "PAR1\x15\x04\x15\x10\x15\x14\x4c\x15\x02\x15\x00\x12\x00\x00PAR1";
    write_bytes(good, parquet, sizeof parquet - 1);
    write_bytes(bad, "not parquet at all", 18);
    tsc_datasource *pq = publish_ds("", good, TSC_PUBLISH_MODE_CREATE_NEW, TSC_STATUS_OK);
    CHECK_STR(tsc_datasource_name(pq), "Orders");
    CHECK_STR(tsc_datasource_datasource_type(pq), "parquet");
    CHECK(pq != NULL && tsc_datasource_has_extracts(pq) == 1);
    tsc_datasource *none = publish_ds("", bad, TSC_PUBLISH_MODE_CREATE_NEW, TSC_STATUS_BAD_REQUEST);
    CHECK(none == NULL);
    unlink(good);
    unlink(bad);
    rmdir(dir);

    tsc_datasource *all[] = {first, again, fresh, pq};
    for (size_t i = 0; i < 4; i++) {
        if (all[i] != NULL && i != 1) OK(tsc_datasources_delete(S, tsc_datasource_id(all[i]), &E));
        tsc_datasource_free(all[i]);
    }
}

/* Progress callback: the last (done, total) seen. */
typedef struct {
    uint64_t done;
    int64_t total;
} seen_progress;

static int32_t on_progress(void *ud, uint64_t done, int64_t total) {
    seen_progress *p = ud;
    p->done = done;
    p->total = total;
    return 0;
}

/* Read callback over a string. */
typedef struct {
    const char *data;
    size_t left;
} text_reader;

static int32_t read_text(void *ud, uint8_t *buf, size_t cap, size_t *out_len) {
    text_reader *r = ud;
    size_t n = r->left < cap ? r->left : cap;
    memcpy(buf, r->data, n);
    r->data += n;
    r->left -= n;
    *out_len = n;
    return 0;
}

/* 1 for 404015 when appending to `id`. */
static int session_gone(const char *id) {
    tsc_status st = tsc_fileuploads_append(S, id, sample("Sales.tds"), NULL, &E);
    int gone = st == TSC_STATUS_NOT_FOUND && E && tsc_error_server_code(E) &&
               strcmp(tsc_error_server_code(E), "404015") == 0;
    tsc_error_free(E);
    E = NULL;
    return gone;
}

static void test_file_uploads(void) {
    char *a = NULL, *b = NULL;
    OK(tsc_fileuploads_initiate(S, &a, &E));
    OK(tsc_fileuploads_initiate(S, &b, &E));
    CHECK(a != NULL && b != NULL && strlen(a) > 0 && strcmp(a, b) != 0);

    /* Two chunks: a file with progress, then bytes from a callback. */
    tsc_transfer_options *t = NULL;
    seen_progress p = {0, 0};
    OK(tsc_transfer_options_new(&t, &E));
    OK(tsc_transfer_options_set_progress(t, on_progress, &p, &E));
    long size = file_size(sample("Extract.hyper"));
    OK(tsc_fileuploads_append(S, a, sample("Extract.hyper"), t, &E));
    CHECK(size > 0 && p.done == (uint64_t)size && p.total == size);
    text_reader r = {"<datasource/>", 13};
    OK(tsc_fileuploads_append_from_reader(S, a, "chunk.bin", 13, read_text, &r, NULL, &E));
    CHECK(r.left == 0);
    tsc_transfer_options_free(t);

    /* Unknown and empty ids; a missing file is refused before any request. */
    CHECK(session_gone("7720:00000000000000000000000000000000-1:0"));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_fileuploads_append(S, "", sample("Sales.tds"), NULL, &E));
    FAILS(TSC_STATUS_FILE, tsc_fileuploads_append(S, a, "/nonexistent/file.hyper", NULL, &E));
    /* Still open: another chunk goes in. */
    OK(tsc_fileuploads_append(S, b, sample("Sales.tds"), NULL, &E));
    tsc_string_free(a);
    tsc_string_free(b);
}

/* Request options for one item by name, with `fields` `field`. */
static tsc_request_options *by_name(const char *name, const char *field) {
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_EQ, name, &E));
    if (field) OK(tsc_request_options_add_field(o, field, &E));
    return o;
}

static void test_all_fields_details(void) {
    tsc_workbook *wb = publish_sample("Extras Fields");
    tsc_request_options *o = by_name("Extras Fields", "_all_");
    tsc_workbook_list *wl = NULL;
    OK(tsc_workbooks_get(S, o, &wl, &E));
    const tsc_workbook *w = wl && tsc_workbook_list_count(wl) == 1 ? tsc_workbook_list_get(wl, 0) : NULL;
    CHECK(w != NULL);
    CHECK_STR(tsc_workbook_owner_name(w), "admin");
    CHECK_STR(tsc_workbook_owner_site_role(w), "ServerAdministrator");
    CHECK_STR(tsc_workbook_project_name(w), "default");
    tsc_workbook_list_free(wl);
    tsc_request_options_free(o);
    /* Without them the reply names the owner only by id. */
    o = by_name("Extras Fields", "_default_");
    wl = NULL;
    OK(tsc_workbooks_get(S, o, &wl, &E));
    w = wl && tsc_workbook_list_count(wl) == 1 ? tsc_workbook_list_get(wl, 0) : NULL;
    CHECK(w != NULL && tsc_workbook_owner_id(w) != NULL && tsc_workbook_owner_site_role(w) == NULL);
    tsc_workbook_list_free(wl);
    tsc_request_options_free(o);

    /* Views: owner and project name. */
    tsc_view_list *views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &views, &E));
    const char *vname = views && tsc_view_list_count(views) ? tsc_view_name(tsc_view_list_get(views, 0)) : "";
    o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, "workbookId", TSC_FILTER_OP_EQ, tsc_workbook_id(wb), &E));
    OK(tsc_request_options_add_field(o, "_all_", &E));
    tsc_view_list *vl = NULL;
    OK(tsc_views_get(S, o, 0, &vl, &E));
    CHECK(vl != NULL && tsc_view_list_count(vl) == tsc_view_list_count(views));
    const tsc_view *v = vl && tsc_view_list_count(vl) ? tsc_view_list_get(vl, 0) : NULL;
    CHECK_STR(tsc_view_owner_name(v), "admin");
    CHECK_STR(tsc_view_project_name(v), "default");
    CHECK(v != NULL && strlen(vname) > 0);
    tsc_view_list_free(vl);
    tsc_view_list_free(views);
    tsc_request_options_free(o);

    /* Data sources. */
    tsc_datasource *ds = publish_ds("Extras Fields", sample("Sales.tds"), TSC_PUBLISH_MODE_OVERWRITE, TSC_STATUS_OK);
    o = by_name("Extras Fields", "_all_");
    tsc_datasource_list *dl = NULL;
    OK(tsc_datasources_get(S, o, &dl, &E));
    const tsc_datasource *d = dl && tsc_datasource_list_count(dl) == 1 ? tsc_datasource_list_get(dl, 0) : NULL;
    CHECK_STR(tsc_datasource_owner_name(d), "admin");
    CHECK_STR(tsc_datasource_project_name(d), "default");
    tsc_datasource_list_free(dl);
    tsc_request_options_free(o);
    if (ds) OK(tsc_datasources_delete(S, tsc_datasource_id(ds), &E));
    tsc_datasource_free(ds);
    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    tsc_workbook_free(wb);
}

/* The favorite of `user` pointing at this content id (owned clone), or NULL. */
static tsc_favorite *favorite_of(const tsc_user *user, const char *content_id) {
    tsc_favorite_list *l = NULL;
    tsc_favorite *found = NULL;
    OK(tsc_users_populate_favorites(S, user, NULL, &l, &E));
    for (size_t i = 0; l && i < tsc_favorite_list_count(l); i++) {
        const tsc_favorite *f = tsc_favorite_list_get(l, i);
        const char *id = tsc_favorite_content_id(f);
        if (id && strcmp(id, content_id) == 0) found = tsc_favorite_clone(f);
    }
    tsc_favorite_list_free(l);
    return found;
}

static void test_collection_favorites(void) {
    const char *cid = "0c0ffee0-0000-4000-8000-00000000c011";
    CHECK(emu_control("POST", "/_emulator/collections?site=&name=Extras%20Reading&id=0c0ffee0-0000-4000-8000-00000000c011", NULL) == 201);
    char *uid = NULL;
    OK(tsc_server_user_id(S, &uid, &E));
    tsc_user *me = NULL;
    OK(tsc_users_get_by_id(S, uid, &me, &E));
    tsc_string_free(uid);

    tsc_favorite *fav = NULL;
    OK(tsc_favorite_new("To read", "collection", cid, &fav, &E));
    OK(tsc_favorites_add(S, me, fav, &E));
    tsc_favorite *got = favorite_of(me, cid);
    CHECK_STR(tsc_favorite_content_type(got), "collection");
    CHECK_STR(tsc_favorite_content_name(got), "Extras Reading");
    CHECK_STR(tsc_favorite_label(got), "To read");
    /* Twice is a conflict; an unknown collection is not found. */
    FAILS_CODE(TSC_STATUS_CONFLICT, "409007", tsc_favorites_add(S, me, fav, &E));
    tsc_favorite *nope = NULL;
    OK(tsc_favorite_new("Nope", "collection", "00000000-0000-4000-8000-000000000000", &nope, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_favorites_add(S, me, nope, &E));
    tsc_favorite_free(nope);
    /* Deleted, from the listed item. */
    OK(tsc_favorites_delete(S, me, got, &E));
    tsc_favorite *gone = favorite_of(me, cid);
    CHECK(gone == NULL);
    FAILS(TSC_STATUS_NOT_FOUND, tsc_favorites_delete(S, me, fav, &E));
    tsc_favorite_free(got);
    tsc_favorite_free(fav);
    tsc_user_free(me);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    test_views_delete();
    test_workbook_acceleration_and_freshness();
    test_update_connections();
    test_connection_database_name();
    test_projects_with_samples();
    test_replace_mode_and_parquet();
    test_file_uploads();
    test_all_fields_details();
    test_collection_favorites();
    free(PROJECT);
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    return check_finish();
}
