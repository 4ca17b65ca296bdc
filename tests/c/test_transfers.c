/* test_transfers.c: transfers under stress, through the C API: upload sessions (small limit and
 * chunk size), aborts from the progress, read and write callbacks, cancellation from another
 * thread with a cancel token (mid-upload and mid-download), connections the server resets or
 * truncates mid-download, callbacks that call back into the library, and hostile file names in
 * Content-Disposition. After every failure: a clear status, no file and no temporary file left,
 * and nothing published. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;
static char BIG[256];        /* a 1 MiB + 123 bytes .hyper file */
static const size_t BIG_SIZE = 1024 * 1024 + 123;

/* --- progress that aborts, cancels through another thread, or calls back into the library --- */

typedef struct {
    uint64_t abort_at;  /* return 7 once done >= this (0: never) */
    uint64_t cancel_at; /* hand over to the canceller once done >= this (0: never) */
    uint64_t last;
    int calls;
    tsc_cancel_token *token;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int reached, cancelled;
    /* reentrancy probes */
    int probe;
    tsc_status inner_request, inner_getter;
    int inner_token;
} ctl;

static void ctl_init(ctl *c) {
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
    OK(tsc_cancel_token_new(&c->token, &E));
}

static void ctl_destroy(ctl *c) {
    tsc_cancel_token_free(c->token);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv);
}

/* The other thread: waits until the transfer is halfway, cancels, says so. */
static void *canceller(void *arg) {
    ctl *c = arg;
    pthread_mutex_lock(&c->mu);
    while (!c->reached) pthread_cond_wait(&c->cv, &c->mu);
    tsc_cancel_token_cancel(c->token);
    c->cancelled = 1;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

static int32_t progress(void *ud, uint64_t done, int64_t total) {
    ctl *c = ud;
    (void)total;
    c->calls++;
    c->last = done;
    if (c->probe && c->calls == 2) {
        tsc_workbook_list *l = NULL;
        tsc_error *e = NULL;
        char *v = NULL;
        c->inner_request = tsc_workbooks_get(S, NULL, &l, &e);
        tsc_error_free(e);
        e = NULL;
        tsc_workbook_list_free(l);
        c->inner_getter = tsc_server_site_id(S, &v, &e);
        tsc_string_free(v);
        tsc_error_free(e);
        c->inner_token = tsc_cancel_token_is_cancelled(c->token);
    }
    if (c->abort_at != 0 && done >= c->abort_at) return 7;
    if (c->cancel_at != 0 && done >= c->cancel_at) {
        pthread_mutex_lock(&c->mu);
        if (!c->reached) {
            c->reached = 1;
            pthread_cond_broadcast(&c->cv);
            while (!c->cancelled) pthread_cond_wait(&c->cv, &c->mu);
        }
        pthread_mutex_unlock(&c->mu);
    }
    return TSC_CB_CONTINUE;
}

static tsc_transfer_options *options(ctl *c, uint64_t limit, uint64_t chunk) {
    tsc_transfer_options *o = NULL;
    OK(tsc_transfer_options_new(&o, &E));
    OK(tsc_transfer_options_set_progress(o, progress, c, &E));
    OK(tsc_transfer_options_set_cancel_token(o, c->token, &E));
    if (limit != (uint64_t)-1) OK(tsc_transfer_options_set_single_request_limit(o, limit, &E));
    if (chunk != 0) OK(tsc_transfer_options_set_chunk_size(o, chunk, &E));
    return o;
}

/* Number of data sources named `name`. */
static size_t datasources_named(const char *name) {
    tsc_request_options *ro = NULL;
    tsc_datasource_list *l = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_add_filter(ro, "name", TSC_FILTER_OP_EQ, name, &E));
    OK(tsc_datasources_get(S, ro, &l, &E));
    size_t n = tsc_datasource_list_count(l);
    tsc_datasource_list_free(l);
    tsc_request_options_free(ro);
    return n;
}

static tsc_status publish_big(const char *name, const tsc_transfer_options *o, tsc_datasource **out) {
    tsc_datasource *item = NULL;
    OK(tsc_datasource_new(name, PROJECT, &item, &E));
    tsc_status st = tsc_datasources_publish(S, item, BIG, TSC_PUBLISH_MODE_CREATE_NEW, NULL, o, out, NULL, &E);
    tsc_datasource_free(item);
    return st;
}

static void test_options_validation(void) {
    tsc_transfer_options *o = NULL;
    OK(tsc_transfer_options_new(&o, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_transfer_options_set_chunk_size(o, 1000, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_transfer_options_set_chunk_size(o, 65ull * 1024 * 1024, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_transfer_options_set_single_request_limit(o, 64ull * 1024 * 1024 + 1, &E));
    OK(tsc_transfer_options_set_chunk_size(o, 64 * 1024, &E));
    OK(tsc_transfer_options_set_chunk_size(o, 64ull * 1024 * 1024, &E));
    OK(tsc_transfer_options_set_single_request_limit(o, 0, &E));
    OK(tsc_transfer_options_set_progress(o, NULL, NULL, &E));
    OK(tsc_transfer_options_set_cancel_token(o, NULL, &E));
    tsc_transfer_options_free(o);
    tsc_cancel_token *t = NULL;
    OK(tsc_cancel_token_new(&t, &E));
    CHECK(tsc_cancel_token_is_cancelled(t) == 0);
    tsc_cancel_token_cancel(t);
    tsc_cancel_token_cancel(t);
    CHECK(tsc_cancel_token_is_cancelled(t) == 1);
    /* a token cancelled before the call: nothing is sent */
    OK(tsc_transfer_options_new(&o, &E));
    OK(tsc_transfer_options_set_cancel_token(o, t, &E));
    tsc_cancel_token_free(t); /* the options keep their own reference */
    tsc_datasource *out = NULL;
    FAILS(TSC_STATUS_CANCELLED, publish_big("Cancelled Early", o, &out));
    const char *dir = temp_dir();
    FAILS(TSC_STATUS_CANCELLED, tsc_datasources_download(S, "00000000-0000-0000-0000-000000000000", dir, o, NULL, &E));
    CHECK(dir_entries(dir) == 0);
    remove_dir(dir);
    tsc_transfer_options_free(o);
    CHECK(out == NULL && datasources_named("Cancelled Early") == 0);
}

static void test_upload_session_round_trip(void) {
    ctl c;
    ctl_init(&c);
    tsc_transfer_options *o = options(&c, 256 * 1024, 64 * 1024);
    tsc_datasource *ds = NULL;
    OK(publish_big("Chunked", o, &ds));
    CHECK(ds != NULL && c.last == BIG_SIZE && c.calls > 17);
    if (ds != NULL) {
        const char *dir = temp_dir();
        char *path = NULL;
        OK(tsc_datasources_download(S, tsc_datasource_id(ds), dir, NULL, &path, &E));
        CHECK(path != NULL && same_file(path, BIG));
        tsc_string_free(path);
        remove_dir(dir);
        OK(tsc_datasources_delete(S, tsc_datasource_id(ds), &E));
        tsc_datasource_free(ds);
    }
    tsc_transfer_options_free(o);
    ctl_destroy(&c);

    /* limit 0: even a small workbook goes through a session */
    ctl_init(&c);
    o = options(&c, 0, 64 * 1024);
    tsc_workbook *item = NULL, *wb = NULL;
    OK(tsc_workbook_new("Session Workbook", PROJECT, &item, &E));
    OK(tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_CREATE_NEW, NULL, o, &wb, NULL, &E));
    CHECK(wb != NULL && c.last == (uint64_t)file_size(sample("Superstore.twbx")));
    if (wb != NULL) {
        membuf m = {0};
        OK(tsc_workbooks_download_to_writer(S, tsc_workbook_id(wb), membuf_write, &m, NULL, &E));
        size_t n = 0;
        unsigned char *orig = read_file(sample("Superstore.twbx"), &n);
        CHECK(m.len == n && memcmp(m.data, orig, n) == 0);
        free(orig);
        free(m.data);
        OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
        tsc_workbook_free(wb);
    }
    tsc_workbook_free(item);
    tsc_transfer_options_free(o);
    ctl_destroy(&c);
}

static void test_upload_aborts_and_cancels(void) {
    /* callback abort, one request and upload session: nothing is committed */
    for (int chunked = 0; chunked < 2; chunked++) {
        ctl c;
        ctl_init(&c);
        c.abort_at = 300 * 1024;
        tsc_transfer_options *o = options(&c, chunked ? 128 * 1024 : (uint64_t)-1, 64 * 1024);
        tsc_datasource *ds = NULL;
        tsc_status st = publish_big("Aborted Upload", o, &ds);
        CHECK(st == TSC_STATUS_ABORTED_BY_CALLBACK);
        CHECK(E != NULL && tsc_error_callback_code(E) == 7);
        CHECK(E != NULL && strstr(tsc_error_message(E), "tsc_datasources_publish") != NULL);
        tsc_error_free(E);
        E = NULL;
        CHECK(ds == NULL && c.last >= 300 * 1024 && c.last < BIG_SIZE);
        CHECK(datasources_named("Aborted Upload") == 0);
        tsc_transfer_options_free(o);
        ctl_destroy(&c);
    }
    /* cancel token from another thread */
    for (int chunked = 0; chunked < 2; chunked++) {
        ctl c;
        ctl_init(&c);
        c.cancel_at = 400 * 1024;
        tsc_transfer_options *o = options(&c, chunked ? 128 * 1024 : (uint64_t)-1, 64 * 1024);
        pthread_t th;
        pthread_create(&th, NULL, canceller, &c);
        tsc_datasource *ds = NULL;
        FAILS(TSC_STATUS_CANCELLED, publish_big("Cancelled Upload", o, &ds));
        pthread_join(th, NULL);
        CHECK(ds == NULL && c.cancelled && c.last < BIG_SIZE);
        CHECK(datasources_named("Cancelled Upload") == 0);
        tsc_transfer_options_free(o);
        ctl_destroy(&c);
    }
}

static void test_download_failures(void) {
    tsc_datasource *ds = NULL;
    OK(publish_big("Download Me", NULL, &ds));
    if (ds == NULL) return;
    const char *id = tsc_datasource_id(ds);

    /* progress abort */
    ctl c;
    ctl_init(&c);
    c.abort_at = 300 * 1024;
    tsc_transfer_options *o = options(&c, (uint64_t)-1, 0);
    const char *dir = temp_dir();
    char *path = NULL;
    tsc_status st = tsc_datasources_download(S, id, dir, o, &path, &E);
    CHECK(st == TSC_STATUS_ABORTED_BY_CALLBACK && E != NULL && tsc_error_callback_code(E) == 7);
    tsc_error_free(E);
    E = NULL;
    CHECK(path == NULL && dir_entries(dir) == 0);
    tsc_transfer_options_free(o);
    ctl_destroy(&c);

    /* cancel from another thread; an existing target file is left as it was */
    ctl_init(&c);
    c.cancel_at = 400 * 1024;
    o = options(&c, (uint64_t)-1, 0);
    char target[1024];
    snprintf(target, sizeof target, "%s/keep.hyper", dir);
    FILE *f = fopen(target, "wb");
    fputs("old contents", f);
    fclose(f);
    pthread_t th;
    pthread_create(&th, NULL, canceller, &c);
    FAILS(TSC_STATUS_CANCELLED, tsc_datasources_download_to_file(S, id, target, o, &path, &E));
    pthread_join(th, NULL);
    CHECK(path == NULL && dir_entries(dir) == 1 && file_size(target) == 12);
    tsc_transfer_options_free(o);
    ctl_destroy(&c);
    unlink(target);

    /* write callback abort */
    membuf m = {0};
    m.abort_after = 2;
    st = tsc_datasources_download_to_writer(S, id, membuf_write, &m, NULL, &E);
    CHECK(st == TSC_STATUS_ABORTED_BY_CALLBACK && E != NULL && tsc_error_callback_code(E) == 99);
    tsc_error_free(E);
    E = NULL;
    free(m.data);

    /* the server resets, or closes early (truncates), mid-download */
    const char *faults[] = {
        "<fault method=\"GET\" path=\"/api/*/sites/*/datasources/*/content\" action=\"reset\" afterBytes=\"200000\"/>",
        "<fault method=\"GET\" path=\"/api/*/sites/*/datasources/*/content\" action=\"truncate\" afterBytes=\"200000\"/>",
    };
    for (int i = 0; i < 2; i++) {
        CHECK(emu_control("POST", "/_emulator/faults", faults[i]) == 201);
        st = tsc_datasources_download(S, id, dir, NULL, &path, &E);
        CHECK(st == TSC_STATUS_IO);
        CHECK(E != NULL && strstr(tsc_error_message(E), "content") != NULL);
        tsc_error_free(E);
        E = NULL;
        CHECK(path == NULL && dir_entries(dir) == 0);
        CHECK(emu_control("POST", "/_emulator/faults", faults[i]) == 201);
        m = (membuf){0};
        CHECK(tsc_datasources_download_to_writer(S, id, membuf_write, &m, NULL, &E) == TSC_STATUS_IO);
        tsc_error_free(E);
        E = NULL;
        CHECK(m.len <= 200000);
        free(m.data);
    }
    /* a server error answer */
    CHECK(emu_control("POST", "/_emulator/faults",
                      "<fault method=\"GET\" path=\"/api/**/content\" action=\"status\" status=\"503\" retryAfter=\"3\"/>") ==
          201);
    st = tsc_datasources_download(S, id, dir, NULL, &path, &E);
    CHECK(st == TSC_STATUS_SERVER_ERROR && E != NULL && tsc_error_retry_after(E) == 3);
    tsc_error_free(E);
    E = NULL;
    CHECK(dir_entries(dir) == 0);
    /* and afterwards it works */
    OK(tsc_datasources_download(S, id, dir, NULL, &path, &E));
    CHECK(path != NULL && same_file(path, BIG));
    tsc_string_free(path);
    remove_dir(dir);

    /* the server fails an upload session's append: nothing is committed */
    CHECK(emu_control("POST", "/_emulator/faults",
                      "<fault method=\"PUT\" path=\"/api/*/sites/*/fileUploads/*\" action=\"status\" status=\"500\"/>") ==
          201);
    ctl_init(&c);
    o = options(&c, 128 * 1024, 64 * 1024);
    tsc_datasource *ds2 = NULL;
    FAILS(TSC_STATUS_SERVER_ERROR, publish_big("Failed Append", o, &ds2));
    CHECK(ds2 == NULL && datasources_named("Failed Append") == 0);
    tsc_transfer_options_free(o);
    ctl_destroy(&c);

    OK(tsc_datasources_delete(S, id, &E));
    tsc_datasource_free(ds);
}

static void test_callbacks_cannot_reenter(void) {
    ctl c;
    ctl_init(&c);
    c.probe = 1;
    tsc_transfer_options *o = options(&c, (uint64_t)-1, 0);
    tsc_datasource *ds = NULL;
    OK(publish_big("Reentrant", o, &ds));
    CHECK(c.inner_request == TSC_STATUS_INVALID_ARGUMENT);
    CHECK(c.inner_getter == TSC_STATUS_OK);
    CHECK(c.inner_token == 0);
    /* and after the callback, requests work again on this thread */
    if (ds != NULL) {
        const char *dir = temp_dir();
        c.calls = 0;
        c.inner_request = TSC_STATUS_OK;
        OK(tsc_datasources_download(S, tsc_datasource_id(ds), dir, o, NULL, &E));
        CHECK(c.inner_request == TSC_STATUS_INVALID_ARGUMENT);
        remove_dir(dir);
        OK(tsc_datasources_delete(S, tsc_datasource_id(ds), &E));
        tsc_datasource_free(ds);
    }
    tsc_transfer_options_free(o);
    ctl_destroy(&c);
}

/* Publishes a workbook named `name`, downloads it into a fresh directory under each
 * Content-Disposition form, and checks the one file there is named `expect_plain` (for
 * `filename="..."`, where the emulator turns control characters into '_') or `expect` (for
 * `filename*=UTF-8''...`, which carries them percent-encoded). */
static void hostile2(const char *name, const char *expect_plain, const char *expect) {
    tsc_workbook *item = NULL, *wb = NULL;
    OK(tsc_workbook_new(name, PROJECT, &item, &E));
    OK(tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_OVERWRITE, NULL, NULL, &wb, NULL, &E));
    tsc_workbook_free(item);
    if (wb == NULL) return;
    const char *forms[] = {"plain", "rfc5987"};
    for (int i = 0; i < 2; i++) {
        char q[128];
        snprintf(q, sizeof q, "/_emulator/settings?contentDisposition=%s", forms[i]);
        CHECK(emu_control("POST", q, NULL) == 200);
        const char *dir = temp_dir();
        char *path = NULL, got[512] = {0};
        OK(tsc_workbooks_download(S, tsc_workbook_id(wb), dir, NULL, &path, &E));
        CHECK(only_entry(dir, got, sizeof got));
        const char *want = i == 0 ? expect_plain : expect;
        if (strcmp(got, want) != 0) fprintf(stderr, "  %s (%s): got '%s', want '%s'\n", name, forms[i], got, want);
        CHECK_STR(got, want);
        CHECK(path != NULL && strncmp(path, dir, strlen(dir)) == 0 && strchr(path + strlen(dir) + 1, '/') == NULL);
        CHECK(path != NULL && same_file(path, sample("Superstore.twbx")));
        tsc_string_free(path);
        remove_dir(dir);
    }
    CHECK(emu_control("POST", "/_emulator/settings?contentDisposition=plain", NULL) == 200);
    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    tsc_workbook_free(wb);
}

static void hostile(const char *name, const char *expect) {
    hostile2(name, expect, expect);
}

static void test_hostile_file_names(void) {
    hostile("../../etc/passwd", "passwd.twbx");
    hostile("../evil", "evil.twbx");
    hostile("..\\..\\Windows\\system", "system.twbx");
    hostile("/abs/path", "path.twbx");
    hostile(".hidden", "hidden.twbx");
    hostile2("tab\there\nnew", "tab_here_new.twbx", "tabherenew.twbx");
    hostile("a<b>c:d|e?f*g", "a_b_c_d_e_f_g.twbx");
    hostile("CON", "_CON.twbx");
    hostile("Proje\xc5\x9bt x & (1)", "Proje\xc5\x9bt x & (1).twbx");
    CHECK(access("/etc/passwd.twbx", F_OK) != 0 && access("/tmp/evil.twbx", F_OK) != 0);

    /* no Content-Disposition at all: <id>.<extension from the bytes> */
    tsc_workbook *item = NULL, *wb = NULL;
    OK(tsc_workbook_new("Unnamed", PROJECT, &item, &E));
    OK(tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_OVERWRITE, NULL, NULL, &wb, NULL, &E));
    tsc_workbook_free(item);
    CHECK(emu_control("POST", "/_emulator/settings?contentDisposition=none", NULL) == 200);
    if (wb != NULL) {
        const char *dir = temp_dir();
        char got[512] = {0}, want[128];
        OK(tsc_workbooks_download(S, tsc_workbook_id(wb), dir, NULL, NULL, &E));
        snprintf(want, sizeof want, "%s.twbx", tsc_workbook_id(wb));
        CHECK(only_entry(dir, got, sizeof got));
        CHECK_STR(got, want);
        remove_dir(dir);
        OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
        tsc_workbook_free(wb);
    }
    tsc_datasource *ds = NULL;
    tsc_datasource *ditem = NULL;
    OK(tsc_datasource_new("Unnamed Extract", PROJECT, &ditem, &E));
    OK(tsc_datasources_publish(S, ditem, sample("Extract.hyper"), TSC_PUBLISH_MODE_OVERWRITE, NULL, NULL, &ds, NULL, &E));
    tsc_datasource_free(ditem);
    if (ds != NULL) {
        const char *dir = temp_dir();
        char got[512] = {0}, want[128];
        OK(tsc_datasources_download(S, tsc_datasource_id(ds), dir, NULL, NULL, &E));
        snprintf(want, sizeof want, "%s.hyper", tsc_datasource_id(ds));
        CHECK(only_entry(dir, got, sizeof got));
        CHECK_STR(got, want);
        remove_dir(dir);
        OK(tsc_datasources_delete(S, tsc_datasource_id(ds), &E));
        tsc_datasource_free(ds);
    }
    CHECK(emu_control("POST", "/_emulator/settings?contentDisposition=plain", NULL) == 200);
}

int main(void) {
    S = test_server_retrying(1);
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    char work[64]; /* temp_dir() reuses its buffers: keep a copy */
    snprintf(work, sizeof work, "%s", temp_dir());
    snprintf(BIG, sizeof BIG, "%s/Big.hyper", work);
    write_hyper(BIG, BIG_SIZE, 7);

    test_options_validation();
    test_upload_session_round_trip();
    test_upload_aborts_and_cancels();
    test_download_failures();
    test_callbacks_cannot_reenter();
    test_hostile_file_names();

    remove_dir(work);
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    free(PROJECT);
    return check_finish();
}
