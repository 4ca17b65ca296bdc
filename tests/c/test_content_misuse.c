/* test_content_misuse.c: misuse of the workbook, view, data source, publish and transfer API
 * beyond what the generated test_api_misuse.c checks for every function (NULL for each pointer,
 * invalid UTF-8 for each string): getters' sentinels, values out of range (flags, modes,
 * credentials), a non-NULL *err on entry, and calls on a server that is not signed in. No output
 * is written on failure; no crash (plain, ASan, valgrind). */
#include "check.h"

#define BADARG(call) FAILS(TSC_STATUS_INVALID_ARGUMENT, call)

static const char *ID = "00000000-0000-0000-0000-000000000000";

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

    OK(tsc_publish_options_new(&po, &E));
    OK(tsc_connection_new(&c, &E));
    BADARG(tsc_publish_options_set_as_job(po, 2, &E));
    OK(tsc_connection_set_auth_type(c, NULL, &E));

    BADARG(tsc_connection_credentials_new("n", "p", 2, 0, &cr, &E));
    BADARG(tsc_connection_credentials_new("n", "p", 1, -1, &cr, &E));
    BADARG(tsc_connection_credentials_new("", "p", 1, 0, &cr, &E));
    CHECK(cr == NULL);

    tsc_transfer_options *t2 = NULL;
    OK(tsc_transfer_options_new(&t2, &E));
    BADARG(tsc_transfer_options_set_chunk_size(t2, 1, &E));
    BADARG(tsc_transfer_options_set_chunk_size(t2, (uint64_t)1 << 40, &E));
    BADARG(tsc_transfer_options_set_single_request_limit(t2, (uint64_t)1 << 40, &E));
    BADARG(tsc_transfer_options_set_include_extract(t2, 2, &E));
    tsc_transfer_options_free(t2);

    /* a non-NULL *err on entry */
    tsc_error *stale = (tsc_error *)&stale;
    CHECK(tsc_transfer_options_new(&to, &stale) == TSC_STATUS_ERROR_NOT_CLEARED && to == NULL);
    CHECK(tsc_cancel_token_new(&tok, &stale) == TSC_STATUS_ERROR_NOT_CLEARED && tok == NULL);

    tsc_connection_free(c);
    tsc_publish_options_free(po);
}

static void values_out_of_range(tsc_server *s) {
    tsc_workbook *item = NULL, *out = NULL;
    tsc_datasource *ds = NULL, *dout = NULL;
    tsc_view_list *vl = NULL;
    tsc_view_pager *vp = NULL;
    tsc_job *job = NULL;
    OK(tsc_workbook_new("w", ID, &item, &E));
    OK(tsc_datasource_new("d", ID, &ds, &E));
    BADARG(tsc_views_pager(s, NULL, 5, 0, &vp, &E));
    BADARG(tsc_views_get(s, NULL, 2, &vl, &E));
    BADARG(tsc_workbooks_populate_views(s, item, -1, &vl, &E));
    BADARG(tsc_workbooks_publish(s, item, "/tmp/x.twbx", 7, NULL, NULL, &out, &job, &E));
    BADARG(tsc_workbooks_publish(s, item, "/tmp/x.twbx", -1, NULL, NULL, &out, &job, &E));
    BADARG(tsc_datasources_publish(s, ds, "/tmp/x.hyper", 4, NULL, NULL, &dout, &job, &E));
    CHECK(vp == NULL && vl == NULL && out == NULL && dout == NULL && job == NULL);
    tsc_workbook_free(item);
    tsc_datasource_free(ds);
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
    values_out_of_range(s);
    not_signed_in(s);
    tsc_server_free(s);
    return check_finish();
}
