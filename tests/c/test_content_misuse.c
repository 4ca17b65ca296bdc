/* test_content_misuse.c: every function of the workbook, view, data source, publish and transfer
 * API given NULL for each pointer argument and invalid UTF-8 for each string: the documented
 * status, an error object, no output written, no crash (plain, ASan, valgrind). Infallible
 * functions and destructors accept NULL. No request is made on the handle under test: all of this
 * is checked first (the one view the checks need is fetched beforehand on a signed-in handle). */
#include "check.h"

#define NUL(call) FAILS(TSC_STATUS_NULL_ARGUMENT, call)
#define BADUTF8(call) FAILS(TSC_STATUS_INVALID_UTF8, call)
#define BADARG(call) FAILS(TSC_STATUS_INVALID_ARGUMENT, call)

static const char *bad = "caf\xc3\x28 \xff";
static const char *ID = "00000000-0000-0000-0000-000000000000";

static int32_t rd(void *ud, uint8_t *buf, size_t cap, size_t *n) {
    (void)ud;
    (void)buf;
    (void)cap;
    *n = 0;
    return 0;
}

static int32_t wr(void *ud, const uint8_t *d, size_t n) {
    (void)ud;
    (void)d;
    (void)n;
    return 0;
}

static void infallible_accept_null(void) {
    tsc_transfer_options_free(NULL);
    tsc_publish_options_free(NULL);
    tsc_connection_credentials_free(NULL);
    tsc_cancel_token_free(NULL);
    tsc_cancel_token_cancel(NULL);
    CHECK(tsc_cancel_token_is_cancelled(NULL) == 0);
    tsc_bytes_free(NULL);
    CHECK(tsc_bytes_data(NULL) == NULL);
    CHECK(tsc_bytes_len(NULL) == 0);
    CHECK(tsc_view_location_id(NULL) == NULL);
    CHECK(tsc_view_data_acceleration_enabled(NULL) == -1);
    CHECK(tsc_workbook_data_freshness_policy(NULL) == NULL);
    CHECK(tsc_workbook_data_acceleration_enabled(NULL) == -1);
}

static void options_and_credentials(void) {
    tsc_transfer_options *to = NULL;
    tsc_publish_options *po = NULL;
    tsc_cancel_token *tok = NULL;
    tsc_connection_credentials *cr = NULL;
    tsc_connection *c = NULL;

    NUL(tsc_transfer_options_new(NULL, &E));
    NUL(tsc_transfer_options_set_progress(NULL, NULL, NULL, &E));
    NUL(tsc_transfer_options_set_cancel_token(NULL, NULL, &E));
    NUL(tsc_transfer_options_set_chunk_size(NULL, 1 << 20, &E));
    NUL(tsc_transfer_options_set_single_request_limit(NULL, 0, &E));
    NUL(tsc_transfer_options_set_include_extract(NULL, 1, &E));
    NUL(tsc_cancel_token_new(NULL, &E));

    NUL(tsc_publish_options_new(NULL, &E));
    OK(tsc_publish_options_new(&po, &E));
    NUL(tsc_publish_options_set_as_job(NULL, 1, &E));
    NUL(tsc_publish_options_set_skip_connection_check(NULL, 1, &E));
    NUL(tsc_publish_options_add_hidden_view(NULL, "v", &E));
    NUL(tsc_publish_options_add_hidden_view(po, NULL, &E));
    BADUTF8(tsc_publish_options_add_hidden_view(po, bad, &E));
    NUL(tsc_publish_options_set_connection_credentials(NULL, NULL, &E));
    OK(tsc_connection_new(&c, &E));
    NUL(tsc_publish_options_add_connection(NULL, c, NULL, &E));
    NUL(tsc_publish_options_add_connection(po, NULL, NULL, &E));
    NUL(tsc_publish_options_set_thumbnails_user_id(NULL, "u", &E));
    BADUTF8(tsc_publish_options_set_thumbnails_user_id(po, bad, &E));
    NUL(tsc_publish_options_set_thumbnails_group_id(NULL, "g", &E));
    BADUTF8(tsc_publish_options_set_thumbnails_group_id(po, bad, &E));
    BADARG(tsc_publish_options_set_as_job(po, 2, &E));
    NUL(tsc_connection_set_auth_type(NULL, "x", &E));
    BADUTF8(tsc_connection_set_auth_type(c, bad, &E));
    OK(tsc_connection_set_auth_type(c, NULL, &E));

    NUL(tsc_connection_credentials_new(NULL, "p", 1, 0, &cr, &E));
    NUL(tsc_connection_credentials_new("n", NULL, 1, 0, &cr, &E));
    NUL(tsc_connection_credentials_new("n", "p", 1, 0, NULL, &E));
    BADUTF8(tsc_connection_credentials_new(bad, "p", 1, 0, &cr, &E));
    BADUTF8(tsc_connection_credentials_new("n", bad, 1, 0, &cr, &E));
    BADARG(tsc_connection_credentials_new("n", "p", 2, 0, &cr, &E));
    BADARG(tsc_connection_credentials_new("n", "p", 1, -1, &cr, &E));
    BADARG(tsc_connection_credentials_new("", "p", 1, 0, &cr, &E));
    CHECK(cr == NULL);

    /* a non-NULL *err on entry */
    tsc_error *stale = (tsc_error *)&stale;
    CHECK(tsc_transfer_options_new(&to, &stale) == TSC_STATUS_ERROR_NOT_CLEARED && to == NULL);
    CHECK(tsc_cancel_token_new(&tok, &stale) == TSC_STATUS_ERROR_NOT_CLEARED && tok == NULL);

    tsc_connection_free(c);
    tsc_publish_options_free(po);
}

/* An owned view of a workbook the emulator generates, fetched on a second, signed-in server handle
 * (callers cannot make views). */
static tsc_view *one_view(void) {
    CHECK(emu_control("POST", "/_emulator/bulk/workbooks?site=&count=1&prefix=misuse", NULL) / 100 == 2);
    tsc_server *signed_in = test_server();
    tsc_view_list *l = NULL;
    tsc_view *v = NULL;
    test_sign_in(signed_in, "");
    OK(tsc_views_get(signed_in, NULL, 0, &l, &E));
    v = tsc_view_clone(tsc_view_list_get(l, 0));
    CHECK(v != NULL);
    tsc_view_list_free(l);
    tsc_server_free(signed_in);
    return v;
}

static void workbooks_and_views(tsc_server *s) {
    tsc_workbook *item = NULL, *out = NULL;
    tsc_workbook_list *wl = NULL;
    tsc_view *v = NULL;
    tsc_view_list *vl = NULL;
    tsc_connection *c = NULL, *cout = NULL;
    tsc_connection_list *cl = NULL;
    tsc_bytes *b = NULL;
    tsc_job *job = NULL;
    char *path = NULL;
    OK(tsc_workbook_new("w", ID, &item, &E));
    v = one_view();
    OK(tsc_connection_new(&c, &E));
    const char *f = "/tmp/x.twbx";

    NUL(tsc_workbooks_get(NULL, NULL, &wl, &E));
    NUL(tsc_workbooks_get(s, NULL, NULL, &E));
    NUL(tsc_workbooks_get_by_id(NULL, ID, &out, &E));
    NUL(tsc_workbooks_get_by_id(s, NULL, &out, &E));
    NUL(tsc_workbooks_get_by_id(s, ID, NULL, &E));
    BADUTF8(tsc_workbooks_get_by_id(s, bad, &out, &E));

    NUL(tsc_workbooks_publish(NULL, item, f, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_workbooks_publish(s, NULL, f, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_workbooks_publish(s, item, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_workbooks_publish(s, item, f, 0, NULL, NULL, NULL, &job, &E));
    BADUTF8(tsc_workbooks_publish(s, item, bad, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_workbooks_publish_from_reader(NULL, item, "x.twbx", 1, rd, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_workbooks_publish_from_reader(s, NULL, "x.twbx", 1, rd, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_workbooks_publish_from_reader(s, item, NULL, 1, rd, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_workbooks_publish_from_reader(s, item, "x.twbx", 1, NULL, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_workbooks_publish_from_reader(s, item, "x.twbx", 1, rd, NULL, 0, NULL, NULL, NULL, &job, &E));
    BADUTF8(tsc_workbooks_publish_from_reader(s, item, bad, 1, rd, NULL, 0, NULL, NULL, &out, &job, &E));
    CHECK(out == NULL && job == NULL);

    NUL(tsc_workbooks_update(NULL, item, &out, &E));
    NUL(tsc_workbooks_update(s, NULL, &out, &E));
    NUL(tsc_workbooks_update(s, item, NULL, &E));
    NUL(tsc_workbooks_delete(NULL, ID, &E));
    NUL(tsc_workbooks_delete(s, NULL, &E));
    BADUTF8(tsc_workbooks_delete(s, bad, &E));

    NUL(tsc_workbooks_download(NULL, ID, "/tmp", NULL, &path, &E));
    NUL(tsc_workbooks_download(s, NULL, "/tmp", NULL, &path, &E));
    BADUTF8(tsc_workbooks_download(s, bad, "/tmp", NULL, &path, &E));
    BADUTF8(tsc_workbooks_download(s, ID, bad, NULL, &path, &E));
    NUL(tsc_workbooks_download_to_file(NULL, ID, f, NULL, &path, &E));
    NUL(tsc_workbooks_download_to_file(s, NULL, f, NULL, &path, &E));
    NUL(tsc_workbooks_download_to_file(s, ID, NULL, NULL, &path, &E));
    BADUTF8(tsc_workbooks_download_to_file(s, ID, bad, NULL, &path, &E));
    NUL(tsc_workbooks_download_to_writer(NULL, ID, wr, NULL, NULL, &E));
    NUL(tsc_workbooks_download_to_writer(s, NULL, wr, NULL, NULL, &E));
    NUL(tsc_workbooks_download_to_writer(s, ID, NULL, NULL, NULL, &E));
    BADUTF8(tsc_workbooks_download_to_writer(s, bad, wr, NULL, NULL, &E));
    CHECK(path == NULL);

    NUL(tsc_workbooks_populate_views(NULL, item, 0, &vl, &E));
    NUL(tsc_workbooks_populate_views(s, NULL, 0, &vl, &E));
    NUL(tsc_workbooks_populate_views(s, item, 0, NULL, &E));
    NUL(tsc_workbooks_populate_connections(NULL, item, &cl, &E));
    NUL(tsc_workbooks_populate_connections(s, NULL, &cl, &E));
    NUL(tsc_workbooks_populate_connections(s, item, NULL, &E));
    NUL(tsc_workbooks_populate_preview_image(NULL, item, &b, &E));
    NUL(tsc_workbooks_populate_preview_image(s, NULL, &b, &E));
    NUL(tsc_workbooks_populate_preview_image(s, item, NULL, &E));
    NUL(tsc_workbooks_update_connection(NULL, item, c, &cout, &E));
    NUL(tsc_workbooks_update_connection(s, NULL, c, &cout, &E));
    NUL(tsc_workbooks_update_connection(s, item, NULL, &cout, &E));
    NUL(tsc_workbooks_update_connection(s, item, c, NULL, &E));

    tsc_workbook_pager *wp = NULL;
    tsc_view_pager *vp = NULL;
    NUL(tsc_workbooks_pager(NULL, NULL, 0, &wp, &E));
    NUL(tsc_workbooks_pager(s, NULL, 0, NULL, &E));
    NUL(tsc_views_pager(NULL, NULL, 0, 0, &vp, &E));
    NUL(tsc_views_pager(s, NULL, 0, 0, NULL, &E));
    BADARG(tsc_views_pager(s, NULL, 5, 0, &vp, &E));
    CHECK(wp == NULL && vp == NULL);
    NUL(tsc_views_get(NULL, NULL, 0, &vl, &E));
    NUL(tsc_views_get(s, NULL, 0, NULL, &E));
    NUL(tsc_views_get_by_id(NULL, ID, 0, &v, &E));
    NUL(tsc_views_get_by_id(s, NULL, 0, &v, &E));
    NUL(tsc_views_get_by_id(s, ID, 0, NULL, &E));
    BADUTF8(tsc_views_get_by_id(s, bad, 0, &v, &E));
    NUL(tsc_views_populate_preview_image(NULL, v, &b, &E));
    NUL(tsc_views_populate_preview_image(s, NULL, &b, &E));
    NUL(tsc_views_populate_preview_image(s, v, NULL, &E));
    CHECK(vl == NULL && cl == NULL && b == NULL && cout == NULL && wl == NULL);

    tsc_workbook_free(item);
    tsc_view_free(v);
    tsc_connection_free(c);
}

static void datasources(tsc_server *s) {
    tsc_datasource *item = NULL, *out = NULL;
    tsc_datasource_list *dl = NULL;
    tsc_connection *c = NULL, *cout = NULL;
    tsc_connection_list *cl = NULL;
    tsc_job *job = NULL;
    char *path = NULL;
    OK(tsc_datasource_new("d", ID, &item, &E));
    OK(tsc_connection_new(&c, &E));
    const char *f = "/tmp/x.hyper";

    tsc_datasource_pager *dp = NULL;
    NUL(tsc_datasources_pager(NULL, NULL, 0, &dp, &E));
    NUL(tsc_datasources_pager(s, NULL, 0, NULL, &E));
    CHECK(dp == NULL);
    NUL(tsc_datasources_get(NULL, NULL, &dl, &E));
    NUL(tsc_datasources_get(s, NULL, NULL, &E));
    NUL(tsc_datasources_get_by_id(NULL, ID, &out, &E));
    NUL(tsc_datasources_get_by_id(s, NULL, &out, &E));
    NUL(tsc_datasources_get_by_id(s, ID, NULL, &E));
    BADUTF8(tsc_datasources_get_by_id(s, bad, &out, &E));

    NUL(tsc_datasources_publish(NULL, item, f, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_datasources_publish(s, NULL, f, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_datasources_publish(s, item, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_datasources_publish(s, item, f, 0, NULL, NULL, NULL, &job, &E));
    BADUTF8(tsc_datasources_publish(s, item, bad, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_datasources_publish_from_reader(NULL, item, "x.tds", 1, rd, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_datasources_publish_from_reader(s, NULL, "x.tds", 1, rd, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_datasources_publish_from_reader(s, item, NULL, 1, rd, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_datasources_publish_from_reader(s, item, "x.tds", 1, NULL, NULL, 0, NULL, NULL, &out, &job, &E));
    NUL(tsc_datasources_publish_from_reader(s, item, "x.tds", 1, rd, NULL, 0, NULL, NULL, NULL, &job, &E));
    BADUTF8(tsc_datasources_publish_from_reader(s, item, bad, 1, rd, NULL, 0, NULL, NULL, &out, &job, &E));
    CHECK(out == NULL && job == NULL);

    NUL(tsc_datasources_update(NULL, item, &out, &E));
    NUL(tsc_datasources_update(s, NULL, &out, &E));
    NUL(tsc_datasources_update(s, item, NULL, &E));
    NUL(tsc_datasources_delete(NULL, ID, &E));
    NUL(tsc_datasources_delete(s, NULL, &E));
    BADUTF8(tsc_datasources_delete(s, bad, &E));

    NUL(tsc_datasources_download(NULL, ID, "/tmp", NULL, &path, &E));
    NUL(tsc_datasources_download(s, NULL, "/tmp", NULL, &path, &E));
    BADUTF8(tsc_datasources_download(s, bad, "/tmp", NULL, &path, &E));
    BADUTF8(tsc_datasources_download(s, ID, bad, NULL, &path, &E));
    NUL(tsc_datasources_download_to_file(NULL, ID, f, NULL, &path, &E));
    NUL(tsc_datasources_download_to_file(s, NULL, f, NULL, &path, &E));
    NUL(tsc_datasources_download_to_file(s, ID, NULL, NULL, &path, &E));
    BADUTF8(tsc_datasources_download_to_file(s, ID, bad, NULL, &path, &E));
    NUL(tsc_datasources_download_to_writer(NULL, ID, wr, NULL, NULL, &E));
    NUL(tsc_datasources_download_to_writer(s, NULL, wr, NULL, NULL, &E));
    NUL(tsc_datasources_download_to_writer(s, ID, NULL, NULL, NULL, &E));
    BADUTF8(tsc_datasources_download_to_writer(s, bad, wr, NULL, NULL, &E));
    CHECK(path == NULL);

    NUL(tsc_datasources_populate_connections(NULL, item, &cl, &E));
    NUL(tsc_datasources_populate_connections(s, NULL, &cl, &E));
    NUL(tsc_datasources_populate_connections(s, item, NULL, &E));
    NUL(tsc_datasources_update_connection(NULL, item, c, &cout, &E));
    NUL(tsc_datasources_update_connection(s, NULL, c, &cout, &E));
    NUL(tsc_datasources_update_connection(s, item, NULL, &cout, &E));
    NUL(tsc_datasources_update_connection(s, item, c, NULL, &E));
    CHECK(dl == NULL && cl == NULL && cout == NULL);

    tsc_datasource_free(item);
    tsc_connection_free(c);
}

static void not_signed_in(tsc_server *s) {
    /* well-formed calls on a server that is not signed in fail cleanly */
    tsc_workbook_list *wl = NULL;
    tsc_datasource *item = NULL, *out = NULL;
    FAILS(TSC_STATUS_NOT_SIGNED_IN, tsc_workbooks_get(s, NULL, &wl, &E));
    OK(tsc_datasource_new("d", ID, &item, &E));
    const char *samples = getenv("TSC_TEST_SAMPLES");
    char p[1024];
    snprintf(p, sizeof p, "%s/Sales.tds", samples ? samples : ".");
    FAILS(TSC_STATUS_NOT_SIGNED_IN, tsc_datasources_publish(s, item, p, 0, NULL, NULL, &out, NULL, &E));
    FAILS(TSC_STATUS_NOT_SIGNED_IN, tsc_datasources_download(s, ID, "/tmp", NULL, NULL, &E));
    CHECK(out == NULL && wl == NULL);
    tsc_datasource_free(item);
}

int main(void) {
    tsc_server *s = test_server();
    infallible_accept_null();
    options_and_credentials();
    workbooks_and_views(s);
    datasources(s);
    not_signed_in(s);
    tsc_server_free(s);
    return check_finish();
}
