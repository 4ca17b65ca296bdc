/* test_content.c: workbooks, views and data sources end to end through the C API: publish in
 * every mode (from a path and from a read callback), the publish options, query, update, delete,
 * views, connections and their update, preview images, and downloads (to a directory, a file and
 * a write callback) compared byte for byte with what was published; and the failures: unknown
 * ids, missing files, wrong extensions, wrong modes, duplicate names. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;

/* Progress record: checks calls are monotonic and end at the total. */
typedef struct {
    int calls;
    uint64_t last;
    int64_t total;
    int monotonic;
    int first_zero;
} progress_rec;

static int32_t record_progress(void *ud, uint64_t done, int64_t total) {
    progress_rec *p = ud;
    if (p->calls == 0) {
        p->first_zero = done == 0;
        p->monotonic = 1;
    } else if (done < p->last) {
        p->monotonic = 0;
    }
    p->calls++;
    p->last = done;
    p->total = total;
    return TSC_CB_CONTINUE;
}

static int is_png(const tsc_bytes *b) {
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    return b != NULL && tsc_bytes_len(b) > 8 && memcmp(tsc_bytes_data(b), sig, 8) == 0;
}

static tsc_workbook *publish_wb(const char *name, const char *file, int32_t mode, const tsc_publish_options *po,
                                const tsc_transfer_options *to) {
    tsc_workbook *item = NULL, *out = NULL;
    OK(tsc_workbook_new(name, PROJECT, &item, &E));
    OK(tsc_workbooks_publish(S, item, sample(file), mode, po, to, &out, NULL, &E));
    tsc_workbook_free(item);
    return out;
}

static void test_workbook_publish_and_query(void) {
    progress_rec pr = {0};
    tsc_transfer_options *to = NULL;
    OK(tsc_transfer_options_new(&to, &E));
    OK(tsc_transfer_options_set_progress(to, record_progress, &pr, &E));

    tsc_workbook *wb = publish_wb("Superstore", "Superstore.twbx", TSC_PUBLISH_MODE_CREATE_NEW, NULL, to);
    CHECK(wb != NULL);
    CHECK_STR(tsc_workbook_name(wb), "Superstore");
    CHECK(tsc_workbook_id(wb) != NULL && strlen(tsc_workbook_id(wb)) == 36);
    CHECK_STR(tsc_workbook_project_id(wb), PROJECT);
    CHECK(tsc_workbook_content_url(wb) != NULL);
    CHECK(tsc_workbook_created_at(wb) != NULL);
    long size = file_size(sample("Superstore.twbx"));
    CHECK(pr.calls >= 2 && pr.first_zero && pr.monotonic);
    CHECK(pr.total == size && pr.last == (uint64_t)size);
    tsc_transfer_options_free(to);

    /* the same name again: refused without Overwrite; Overwrite replaces it (same id) */
    tsc_workbook *item = NULL, *out = NULL;
    OK(tsc_workbook_new("Superstore", PROJECT, &item, &E));
    FAILS(TSC_STATUS_FORBIDDEN, tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_CREATE_NEW,
                                                      NULL, NULL, &out, NULL, &E));
    CHECK(out == NULL);
    OK(tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_OVERWRITE, NULL, NULL, &out, NULL,
                             &E));
    CHECK(out != NULL && strcmp(tsc_workbook_id(out), tsc_workbook_id(wb)) == 0);
    tsc_workbook_free(out);
    out = NULL;

    /* checks before any request */
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_APPEND,
                                                             NULL, NULL, &out, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT,
          tsc_workbooks_publish(S, item, sample("Superstore.twbx"), 7, NULL, NULL, &out, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT,
          tsc_workbooks_publish(S, item, sample("Superstore.twbx"), -1, NULL, NULL, &out, NULL, &E));
    tsc_status st = tsc_workbooks_publish(S, item, sample("Sales.tds"), TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &out,
                                          NULL, &E);
    CHECK(st == TSC_STATUS_INVALID_ARGUMENT && E != NULL &&
          strstr(tsc_error_message(E), "Only .twb or .twbx files can be published as workbooks.") != NULL);
    tsc_error_free(E);
    E = NULL;
    st = tsc_workbooks_publish(S, item, "/nonexistent/dir/Nope.twbx", TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &out,
                               NULL, &E);
    CHECK(st == TSC_STATUS_FILE && E != NULL &&
          strstr(tsc_error_message(E), "File path does not lead to an existing file") != NULL);
    tsc_error_free(E);
    E = NULL;
    FAILS(TSC_STATUS_FILE, tsc_workbooks_publish(S, item, "/tmp", TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &out, NULL,
                                                 &E));
    /* the output the call produces must be there */
    FAILS(TSC_STATUS_NULL_ARGUMENT, tsc_workbooks_publish(S, item, sample("Superstore.twbx"),
                                                          TSC_PUBLISH_MODE_OVERWRITE, NULL, NULL, NULL, NULL, &E));
    CHECK(out == NULL);
    tsc_workbook_free(item);

    /* query */
    tsc_workbook_list *l = NULL;
    OK(tsc_workbooks_get(S, NULL, &l, &E));
    int found = 0;
    for (size_t i = 0; i < tsc_workbook_list_count(l); i++) {
        if (strcmp(tsc_workbook_id(tsc_workbook_list_get(l, i)), tsc_workbook_id(wb)) == 0) found = 1;
    }
    CHECK(found);
    CHECK(tsc_workbook_list_total_available(l) >= 1);
    tsc_workbook_list_free(l);
    tsc_request_options *ro = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_add_filter(ro, "name", TSC_FILTER_OP_EQ, "Superstore", &E));
    OK(tsc_workbooks_get(S, ro, &l, &E));
    CHECK(tsc_workbook_list_count(l) == 1);
    tsc_workbook_list_free(l);
    tsc_request_options_free(ro);

    tsc_workbook *got = NULL;
    OK(tsc_workbooks_get_by_id(S, tsc_workbook_id(wb), &got, &E));
    CHECK_STR(tsc_workbook_name(got), "Superstore");
    CHECK_STR(tsc_workbook_project_name(got), "default");
    tsc_workbook_free(got);
    got = NULL;
    FAILS(TSC_STATUS_NOT_FOUND, tsc_workbooks_get_by_id(S, "00000000-0000-0000-0000-000000000000", &got, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_get_by_id(S, "", &got, &E));
    CHECK(got == NULL);

    /* update */
    tsc_workbook *changed = tsc_workbook_clone(wb), *updated = NULL;
    OK(tsc_workbook_set_name(changed, "Superstore 2", &E));
    OK(tsc_workbook_set_show_tabs(changed, 1, &E));
    OK(tsc_workbook_set_description(changed, "Sales & profit, Q1", &E));
    OK(tsc_workbooks_update(S, changed, &updated, &E));
    CHECK_STR(tsc_workbook_name(updated), "Superstore 2");
    CHECK(tsc_workbook_show_tabs(updated) == 1);
    CHECK_STR(tsc_workbook_description(updated), "Sales & profit, Q1");
    CHECK_STR(tsc_workbook_name(wb), "Superstore"); /* the caller's item is untouched */
    tsc_workbook_free(updated);
    updated = NULL;
    tsc_workbook *fresh = NULL;
    OK(tsc_workbook_new("x", PROJECT, &fresh, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update(S, fresh, &updated, &E)); /* no id */
    OK(tsc_workbook_set_name(changed, "Superstore", &E));
    OK(tsc_workbooks_update(S, changed, &updated, &E));
    tsc_workbook_free(updated);
    tsc_workbook_free(changed);

    /* views, connections, previews: nothing is written into the items */
    tsc_view_list *views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &views, &E));
    CHECK(tsc_view_list_count(views) == 5);
    int sales = 0;
    for (size_t i = 0; i < tsc_view_list_count(views); i++) {
        const tsc_view *v = tsc_view_list_get(views, i);
        CHECK_STR(tsc_view_workbook_id(v), tsc_workbook_id(wb));
        if (strcmp(tsc_view_name(v), "Sales by Region") == 0) sales = 1;
    }
    CHECK(sales);
    tsc_bytes *png = NULL;
    OK(tsc_views_populate_preview_image(S, tsc_view_list_get(views, 0), &png, &E));
    CHECK(is_png(png));
    tsc_bytes_free(png);
    png = NULL;
    tsc_view *one = NULL;
    OK(tsc_views_get_by_id(S, tsc_view_id(tsc_view_list_get(views, 0)), 1, &one, &E));
    CHECK_STR(tsc_view_id(one), tsc_view_id(tsc_view_list_get(views, 0)));
    CHECK(tsc_view_total_views(one) >= 0);
    tsc_view_free(one);
    one = NULL;
    FAILS(TSC_STATUS_NOT_FOUND, tsc_views_get_by_id(S, "00000000-0000-0000-0000-000000000000", 0, &one, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_views_get_by_id(S, "x", 2, &one, &E));
    tsc_view_list_free(views);
    views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 1, &views, &E));
    CHECK(tsc_view_list_count(views) == 5 && tsc_view_total_views(tsc_view_list_get(views, 0)) >= 0);
    tsc_view_list_free(views);
    views = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_populate_views(S, wb, 3, &views, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_populate_views(S, fresh, 0, &views, &E));

    OK(tsc_workbooks_populate_preview_image(S, wb, &png, &E));
    CHECK(is_png(png));
    tsc_bytes_free(png);
    png = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_populate_preview_image(S, fresh, &png, &E));

    tsc_connection_list *conns = NULL;
    OK(tsc_workbooks_populate_connections(S, wb, &conns, &E));
    CHECK(tsc_connection_list_count(conns) == 1);
    const tsc_connection *c0 = tsc_connection_list_get(conns, 0);
    CHECK_STR(tsc_connection_connection_type(c0), "postgres");
    CHECK_STR(tsc_connection_server_address(c0), "db.example.com");
    CHECK_STR(tsc_connection_server_port(c0), "5432");
    tsc_connection *cc = tsc_connection_clone(c0), *cu = NULL;
    OK(tsc_connection_set_server_address(cc, "db2.example.com", &E));
    OK(tsc_connection_set_server_port(cc, "6543", &E));
    OK(tsc_connection_set_username(cc, "reporter", &E));
    OK(tsc_connection_set_password(cc, "pa55word", &E));
    OK(tsc_connection_set_embed_password(cc, 1, &E));
    OK(tsc_workbooks_update_connection(S, wb, cc, &cu, &E));
    CHECK_STR(tsc_connection_server_address(cu), "db2.example.com");
    CHECK_STR(tsc_connection_server_port(cu), "6543");
    CHECK_STR(tsc_connection_username(cu), "reporter");
    CHECK(tsc_connection_embed_password(cu) == 1);
    tsc_connection_free(cu);
    cu = NULL;
    tsc_connection *noid = NULL;
    OK(tsc_connection_new(&noid, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_update_connection(S, wb, noid, &cu, &E));
    OK(tsc_connection_set_server_address(noid, "x", &E));
    tsc_connection_free(noid);
    tsc_connection_free(cc);
    tsc_connection_list_free(conns);
    conns = NULL;
    OK(tsc_workbooks_populate_connections(S, wb, &conns, &E));
    CHECK_STR(tsc_connection_server_address(tsc_connection_list_get(conns, 0)), "db2.example.com");
    tsc_connection_list_free(conns);
    conns = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_populate_connections(S, fresh, &conns, &E));
    tsc_workbook_free(fresh);

    /* downloads: to a directory (name from the server), to a file, to a callback; same bytes */
    const char *dir = temp_dir();
    char *path = NULL;
    pr = (progress_rec){0};
    OK(tsc_transfer_options_new(&to, &E));
    OK(tsc_transfer_options_set_progress(to, record_progress, &pr, &E));
    OK(tsc_workbooks_download(S, tsc_workbook_id(wb), dir, to, &path, &E));
    CHECK(path != NULL && strstr(path, dir) == path);
    CHECK(path != NULL && strcmp(path + strlen(path) - strlen("/Superstore.twbx"), "/Superstore.twbx") == 0);
    CHECK(path != NULL && same_file(path, sample("Superstore.twbx")));
    CHECK(dir_entries(dir) == 1);
    CHECK(pr.first_zero && pr.monotonic && pr.total == size && pr.last == (uint64_t)size);
    tsc_string_free(path);
    path = NULL;
    /* again: the file is replaced, nothing else appears */
    OK(tsc_workbooks_download(S, tsc_workbook_id(wb), dir, NULL, NULL, &E));
    CHECK(dir_entries(dir) == 1);
    char target[1024];
    snprintf(target, sizeof target, "%s/exact name.bin", dir);
    OK(tsc_workbooks_download_to_file(S, tsc_workbook_id(wb), target, NULL, &path, &E));
    CHECK_STR(path, target);
    CHECK(same_file(target, sample("Superstore.twbx")));
    tsc_string_free(path);
    path = NULL;
    FAILS(TSC_STATUS_FILE, tsc_workbooks_download_to_file(S, tsc_workbook_id(wb), dir, NULL, NULL, &E));
    FAILS(TSC_STATUS_FILE, tsc_workbooks_download_to_file(S, tsc_workbook_id(wb), "/nonexistent/dir/x.twbx", NULL,
                                                          NULL, &E));
    FAILS(TSC_STATUS_FILE, tsc_workbooks_download(S, tsc_workbook_id(wb), "/nonexistent/dir", NULL, NULL, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_workbooks_download(S, "00000000-0000-0000-0000-000000000000", dir, NULL, &path, &E));
    CHECK(path == NULL && dir_entries(dir) == 2);
    membuf m = {0};
    OK(tsc_workbooks_download_to_writer(S, tsc_workbook_id(wb), membuf_write, &m, NULL, &E));
    size_t flen = 0;
    unsigned char *orig = read_file(sample("Superstore.twbx"), &flen);
    CHECK(m.len == flen && memcmp(m.data, orig, flen) == 0);
    free(m.data);
    /* without the extract */
    OK(tsc_transfer_options_set_include_extract(to, 0, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_transfer_options_set_include_extract(to, 2, &E));
    const char *dir2 = temp_dir();
    OK(tsc_workbooks_download(S, tsc_workbook_id(wb), dir2, to, &path, &E));
    CHECK(path != NULL && dir_entries(dir2) == 1 && file_size(path) > 0);
    tsc_string_free(path);
    path = NULL;
    remove_dir(dir2);
    tsc_transfer_options_free(to);
    free(orig);
    remove_dir(dir);

    /* delete */
    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_workbooks_get_by_id(S, tsc_workbook_id(wb), &got, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_delete(S, "", &E));
    tsc_workbook_free(wb);
}

static void test_workbook_publish_options(void) {
    tsc_publish_options *po = NULL;
    OK(tsc_publish_options_new(&po, &E));
    OK(tsc_publish_options_add_hidden_view(po, "Profit & Discount", &E));
    OK(tsc_publish_options_set_skip_connection_check(po, 1, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_publish_options_set_skip_connection_check(po, 5, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_publish_options_set_as_job(po, -1, &E));
    tsc_connection *c = NULL;
    tsc_connection_credentials *cr = NULL;
    OK(tsc_connection_new(&c, &E));
    OK(tsc_connection_set_server_address(c, "db.example.com", &E));
    OK(tsc_connection_set_server_port(c, "5432", &E));
    OK(tsc_connection_credentials_new("analyst", "s3cret", 1, 0, &cr, &E));
    OK(tsc_publish_options_add_connection(po, c, cr, &E));
    OK(tsc_publish_options_set_thumbnails_user_id(po, NULL, &E));

    tsc_workbook *item = NULL, *wb = NULL;
    OK(tsc_workbook_new("With Options", PROJECT, &item, &E));
    OK(tsc_workbook_set_show_tabs(item, 1, &E));
    OK(tsc_workbook_set_description(item, "published with options", &E));
    OK(tsc_workbooks_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_CREATE_NEW, po, NULL, &wb, NULL, &E));
    CHECK(wb != NULL && tsc_workbook_show_tabs(wb) == 1);
    CHECK(wb != NULL && tsc_workbook_description(wb) != NULL &&
          strcmp(tsc_workbook_description(wb), "published with options") == 0);
    tsc_view_list *views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &views, &E));
    CHECK(tsc_view_list_count(views) == 4); /* one hidden */
    for (size_t i = 0; i < tsc_view_list_count(views); i++) {
        CHECK(strcmp(tsc_view_name(tsc_view_list_get(views, i)), "Profit & Discount") != 0);
    }
    tsc_view_list_free(views);
    tsc_connection_list *conns = NULL;
    OK(tsc_workbooks_populate_connections(S, wb, &conns, &E));
    CHECK(tsc_connection_list_count(conns) == 1);
    CHECK_STR(tsc_connection_username(tsc_connection_list_get(conns, 0)), "analyst");
    CHECK(tsc_connection_embed_password(tsc_connection_list_get(conns, 0)) == 1);
    tsc_connection_list_free(conns);

    /* both credentials and connections: refused before any request */
    tsc_workbook *out = NULL;
    OK(tsc_publish_options_set_connection_credentials(po, cr, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_publish(S, item, sample("Superstore.twbx"),
                                                             TSC_PUBLISH_MODE_OVERWRITE, po, NULL, &out, NULL, &E));
    CHECK(out == NULL);
    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    tsc_workbook_free(wb);
    tsc_publish_options_free(po);

    /* as a job: the job comes back through job_out, and *out is set to NULL */
    po = NULL;
    OK(tsc_publish_options_new(&po, &E));
    OK(tsc_publish_options_set_as_job(po, 1, &E));
    tsc_job *job = NULL;
    out = (tsc_workbook *)&out; /* garbage that must be replaced by NULL */
    OK(tsc_workbooks_publish(S, item, sample("Regional.twb"), TSC_PUBLISH_MODE_CREATE_NEW, po, NULL, &out, &job, &E));
    CHECK(out == NULL);
    CHECK(job != NULL && tsc_job_id(job) != NULL);
    CHECK(job != NULL && tsc_job_job_type(job) != NULL && strcmp(tsc_job_job_type(job), "PublishWorkbook") == 0);
    tsc_job_free(job);
    job = NULL;
    FAILS(TSC_STATUS_NULL_ARGUMENT,
          tsc_workbooks_publish(S, item, sample("Regional.twb"), TSC_PUBLISH_MODE_OVERWRITE, po, NULL, &out, NULL, &E));
    tsc_publish_options_free(po);
    tsc_workbook_list *l = NULL;
    tsc_request_options *ro = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_add_filter(ro, "name", TSC_FILTER_OP_EQ, "With Options", &E));
    OK(tsc_workbooks_get(S, ro, &l, &E));
    CHECK(tsc_workbook_list_count(l) == 1);
    if (tsc_workbook_list_count(l) == 1) {
        /* Regional.twb has non-ASCII sheet names */
        tsc_view_list *v = NULL;
        OK(tsc_workbooks_populate_views(S, tsc_workbook_list_get(l, 0), 0, &v, &E));
        int tokyo = 0;
        for (size_t i = 0; i < tsc_view_list_count(v); i++) {
            if (strcmp(tsc_view_name(tsc_view_list_get(v, i)), "T\xc5\x8dky\xc5\x8d \xe6\x9d\xb1\xe4\xba\xac") == 0) tokyo = 1;
        }
        CHECK(tokyo);
        tsc_view_list_free(v);
        OK(tsc_workbooks_delete(S, tsc_workbook_id(tsc_workbook_list_get(l, 0)), &E));
    }
    tsc_workbook_list_free(l);
    tsc_request_options_free(ro);

    /* from a read callback; the name "" takes the file name's stem */
    size_t len = 0;
    unsigned char *bytes = read_file(sample("Superstore.twbx"), &len);
    memsrc src = {bytes, len, 0, 0};
    tsc_workbook *anon = NULL;
    OK(tsc_workbook_new("", PROJECT, &anon, &E));
    OK(tsc_workbooks_publish_from_reader(S, anon, "From Memory.twbx", len, memsrc_read, &src,
                                         TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &out, NULL, &E));
    CHECK(out != NULL && strcmp(tsc_workbook_name(out), "From Memory") == 0);
    membuf m = {0};
    if (out != NULL) {
        OK(tsc_workbooks_download_to_writer(S, tsc_workbook_id(out), membuf_write, &m, NULL, &E));
        CHECK(m.len == len && memcmp(m.data, bytes, len) == 0);
        OK(tsc_workbooks_delete(S, tsc_workbook_id(out), &E));
    }
    free(m.data);
    tsc_workbook_free(out);
    out = NULL;
    /* a read callback that ends early, or fails */
    src = (memsrc){bytes, len / 2, 0, 0};
    FAILS(TSC_STATUS_FILE, tsc_workbooks_publish_from_reader(S, anon, "Short.twbx", len, memsrc_read, &src,
                                                             TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &out, NULL, &E));
    src = (memsrc){bytes, len, 0, (int)(len / 2)};
    tsc_status st = tsc_workbooks_publish_from_reader(S, anon, "Fails.twbx", len, memsrc_read, &src,
                                                      TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &out, NULL, &E);
    CHECK(st == TSC_STATUS_ABORTED_BY_CALLBACK && tsc_error_callback_code(E) == 55);
    tsc_error_free(E);
    E = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_publish_from_reader(S, anon, "Bad.tdsx", len, memsrc_read, &src,
                                                                         TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL,
                                                                         &out, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_publish_from_reader(S, anon, "dir/Bad.twbx", len, memsrc_read,
                                                                         &src, TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL,
                                                                         &out, NULL, &E));
    CHECK(out == NULL);
    OK(tsc_workbooks_get(S, NULL, &l, &E));
    for (size_t i = 0; i < tsc_workbook_list_count(l); i++) {
        const char *n = tsc_workbook_name(tsc_workbook_list_get(l, i));
        CHECK(strcmp(n, "Short") != 0 && strcmp(n, "Fails") != 0);
    }
    tsc_workbook_list_free(l);
    free(bytes);
    tsc_workbook_free(anon);
    tsc_workbook_free(item);
    tsc_connection_free(c);
    tsc_connection_credentials_free(cr);
}

static void test_site_views(void) {
    tsc_workbook *wb = publish_wb("Views Test", "Superstore.twbx", TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL);
    tsc_view_list *l = NULL;
    OK(tsc_views_get(S, NULL, 0, &l, &E));
    CHECK(tsc_view_list_count(l) >= 5);
    CHECK(tsc_view_list_total_available(l) >= 5);
    const tsc_view *mine = NULL;
    for (size_t i = 0; i < tsc_view_list_count(l); i++) {
        const tsc_view *v = tsc_view_list_get(l, i);
        if (tsc_view_workbook_id(v) != NULL && strcmp(tsc_view_workbook_id(v), tsc_workbook_id(wb)) == 0) mine = v;
    }
    CHECK(mine != NULL);
    if (mine != NULL) {
        CHECK(tsc_view_sheet_type(mine) != NULL);
        CHECK(tsc_view_content_url(mine) != NULL);
        tsc_bytes *png = NULL;
        OK(tsc_views_populate_preview_image(S, mine, &png, &E));
        CHECK(is_png(png));
        tsc_bytes_free(png);
    }
    tsc_view_list_free(l);
    l = NULL;
    tsc_request_options *ro = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_set_page_size(ro, 2, &E));
    OK(tsc_views_get(S, ro, 1, &l, &E));
    CHECK(tsc_view_list_count(l) == 2 && tsc_view_list_page_size(l) == 2);
    CHECK(tsc_view_total_views(tsc_view_list_get(l, 0)) >= 0);
    tsc_view_list_free(l);
    l = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_views_get(S, ro, 2, &l, &E));
    tsc_request_options_free(ro);
    /* a view without a workbook id (fetched with only its id and name) */
    tsc_bytes *png = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_set_page_size(ro, 1, &E));
    OK(tsc_request_options_add_field(ro, "id", &E));
    OK(tsc_request_options_add_field(ro, "name", &E));
    OK(tsc_views_get(S, ro, 0, &l, &E));
    const tsc_view *v = tsc_view_list_get(l, 0);
    CHECK(v != NULL && tsc_view_id(v) != NULL && tsc_view_workbook_id(v) == NULL);
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_views_populate_preview_image(S, v, &png, &E));
    CHECK(png == NULL);
    tsc_view_list_free(l);
    l = NULL;
    tsc_request_options_free(ro);
    OK(tsc_workbooks_delete(S, tsc_workbook_id(wb), &E));
    tsc_workbook_free(wb);
}

static tsc_datasource *publish_ds(const char *name, const char *path, int32_t mode, const tsc_publish_options *po) {
    tsc_datasource *item = NULL, *out = NULL;
    OK(tsc_datasource_new(name, PROJECT, &item, &E));
    OK(tsc_datasources_publish(S, item, path, mode, po, NULL, &out, NULL, &E));
    tsc_datasource_free(item);
    return out;
}

static void round_trip_ds(const tsc_datasource *ds, const char *original, const char *expect_name) {
    const char *dir = temp_dir();
    char *path = NULL;
    OK(tsc_datasources_download(S, tsc_datasource_id(ds), dir, NULL, &path, &E));
    CHECK(path != NULL && same_file(path, original));
    CHECK(path != NULL && strcmp(path + strlen(path) - strlen(expect_name), expect_name) == 0);
    tsc_string_free(path);
    remove_dir(dir);
}

static void test_datasources(void) {
    /* .tdsx with credentials */
    tsc_publish_options *po = NULL;
    tsc_connection_credentials *cr = NULL;
    OK(tsc_publish_options_new(&po, &E));
    OK(tsc_connection_credentials_new("analyst", "hunter2", 1, 0, &cr, &E));
    OK(tsc_publish_options_set_connection_credentials(po, cr, &E));
    tsc_datasource *tdsx = publish_ds("Sales", sample("Sales.tdsx"), TSC_PUBLISH_MODE_CREATE_NEW, po);
    CHECK(tdsx != NULL);
    CHECK_STR(tsc_datasource_name(tdsx), "Sales");
    CHECK_STR(tsc_datasource_project_id(tdsx), PROJECT);
    CHECK(tsc_datasource_datasource_type(tdsx) != NULL);
    round_trip_ds(tdsx, sample("Sales.tdsx"), "/Sales.tdsx");
    tsc_connection_list *conns = NULL;
    OK(tsc_datasources_populate_connections(S, tdsx, &conns, &E));
    CHECK(tsc_connection_list_count(conns) == 1);
    const tsc_connection *c0 = tsc_connection_list_get(conns, 0);
    CHECK_STR(tsc_connection_datasource_id(c0), tsc_datasource_id(tdsx));
    CHECK_STR(tsc_connection_datasource_name(c0), "Sales");
    CHECK_STR(tsc_connection_username(c0), "analyst");
    tsc_connection *cc = tsc_connection_clone(c0), *cu = NULL;
    OK(tsc_connection_set_server_address(cc, "warehouse.example.com", &E));
    OK(tsc_connection_set_query_tagging(cc, 1, &E));
    OK(tsc_datasources_update_connection(S, tdsx, cc, &cu, &E));
    CHECK_STR(tsc_connection_server_address(cu), "warehouse.example.com");
    tsc_connection_free(cu);
    tsc_connection_free(cc);
    tsc_connection_list_free(conns);

    /* duplicate name; credentials and connections together */
    tsc_datasource *item = NULL, *out = NULL;
    OK(tsc_datasource_new("Sales", PROJECT, &item, &E));
    FAILS(TSC_STATUS_FORBIDDEN, tsc_datasources_publish(S, item, sample("Sales.tdsx"), TSC_PUBLISH_MODE_CREATE_NEW,
                                                        NULL, NULL, &out, NULL, &E));
    tsc_connection *c = NULL;
    OK(tsc_connection_new(&c, &E));
    OK(tsc_connection_set_server_address(c, "db.example.com", &E));
    OK(tsc_publish_options_add_connection(po, c, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_datasources_publish(S, item, sample("Sales.tdsx"),
                                                               TSC_PUBLISH_MODE_OVERWRITE, po, NULL, &out, NULL, &E));
    /* workbook-only options and bad files */
    tsc_publish_options *wbonly = NULL;
    OK(tsc_publish_options_new(&wbonly, &E));
    OK(tsc_publish_options_add_hidden_view(wbonly, "x", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_datasources_publish(S, item, sample("Sales.tdsx"),
                                                               TSC_PUBLISH_MODE_OVERWRITE, wbonly, NULL, &out, NULL,
                                                               &E));
    tsc_publish_options_free(wbonly);
    tsc_status st = tsc_datasources_publish(S, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_CREATE_NEW, NULL,
                                            NULL, &out, NULL, &E);
    CHECK(st == TSC_STATUS_INVALID_ARGUMENT && E != NULL &&
          strstr(tsc_error_message(E), "can be published as datasources") != NULL);
    tsc_error_free(E);
    E = NULL;
    FAILS(TSC_STATUS_FILE, tsc_datasources_publish(S, item, "/nonexistent/Sales.hyper", TSC_PUBLISH_MODE_CREATE_NEW,
                                                   NULL, NULL, &out, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_datasources_publish(S, item, sample("Sales.tdsx"), 4, NULL, NULL, &out,
                                                               NULL, &E));
    CHECK(out == NULL);
    tsc_datasource_free(item);
    tsc_publish_options_free(po);
    tsc_connection_credentials_free(cr);

    /* .tds with a connection whose credentials come from its user name and password */
    po = NULL;
    OK(tsc_publish_options_new(&po, &E));
    OK(tsc_connection_set_server_port(c, "5432", &E));
    OK(tsc_connection_set_username(c, "loader", &E));
    OK(tsc_connection_set_password(c, "pw", &E));
    OK(tsc_connection_set_embed_password(c, 1, &E));
    OK(tsc_publish_options_add_connection(po, c, NULL, &E));
    tsc_datasource *tds = publish_ds("Sales TDS", sample("Sales.tds"), TSC_PUBLISH_MODE_CREATE_NEW, po);
    CHECK(tds != NULL);
    round_trip_ds(tds, sample("Sales.tds"), "/Sales TDS.tds");
    OK(tsc_datasources_populate_connections(S, tds, &conns, &E));
    CHECK(tsc_connection_list_count(conns) == 1 &&
          strcmp(tsc_connection_username(tsc_connection_list_get(conns, 0)), "loader") == 0);
    tsc_connection_list_free(conns);
    tsc_publish_options_free(po);
    tsc_connection_free(c);

    /* .hyper: create, overwrite, append */
    tsc_datasource *hy = publish_ds("Extract", sample("Extract.hyper"), TSC_PUBLISH_MODE_CREATE_NEW, NULL);
    CHECK(hy != NULL);
    round_trip_ds(hy, sample("Extract.hyper"), "/Extract.hyper");
    tsc_datasource *hy2 = publish_ds("Extract", sample("Extract.hyper"), TSC_PUBLISH_MODE_OVERWRITE, NULL);
    CHECK(hy2 != NULL && strcmp(tsc_datasource_id(hy2), tsc_datasource_id(hy)) == 0);
    tsc_datasource_free(hy2);
    hy2 = publish_ds("Extract", sample("Extract.hyper"), TSC_PUBLISH_MODE_APPEND, NULL);
    CHECK(hy2 != NULL && strcmp(tsc_datasource_id(hy2), tsc_datasource_id(hy)) == 0);
    tsc_datasource_free(hy2);
    /* append to a data source that does not exist */
    OK(tsc_datasource_new("No Such Extract", PROJECT, &item, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_datasources_publish(S, item, sample("Extract.hyper"), TSC_PUBLISH_MODE_APPEND,
                                                        NULL, NULL, &out, NULL, &E));
    tsc_datasource_free(item);

    /* query, update, delete */
    tsc_datasource_list *l = NULL;
    OK(tsc_datasources_get(S, NULL, &l, &E));
    CHECK(tsc_datasource_list_count(l) >= 3);
    tsc_datasource_list_free(l);
    tsc_datasource *got = NULL;
    OK(tsc_datasources_get_by_id(S, tsc_datasource_id(tds), &got, &E));
    CHECK_STR(tsc_datasource_name(got), "Sales TDS");
    tsc_datasource *ch = tsc_datasource_clone(got), *up = NULL;
    OK(tsc_datasource_set_name(ch, "Sales Renamed", &E));
    OK(tsc_datasource_set_certified(ch, 1, &E));
    OK(tsc_datasource_set_certification_note(ch, "checked", &E));
    OK(tsc_datasource_set_description(ch, "the sales data", &E));
    OK(tsc_datasources_update(S, ch, &up, &E));
    CHECK_STR(tsc_datasource_name(up), "Sales Renamed");
    CHECK(tsc_datasource_certified(up) == 1);
    CHECK_STR(tsc_datasource_certification_note(up), "checked");
    CHECK_STR(tsc_datasource_name(got), "Sales TDS");
    tsc_datasource_free(up);
    up = NULL;
    tsc_datasource_free(ch);
    tsc_datasource_free(got);
    got = NULL;
    OK(tsc_datasource_new("x", PROJECT, &ch, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_datasources_update(S, ch, &up, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_datasources_populate_connections(S, ch, &conns, &E));
    tsc_datasource_free(ch);
    FAILS(TSC_STATUS_NOT_FOUND, tsc_datasources_get_by_id(S, "00000000-0000-0000-0000-000000000000", &got, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_datasources_delete(S, "00000000-0000-0000-0000-000000000000", &E));
    char *path = NULL;
    FAILS(TSC_STATUS_NOT_FOUND, tsc_datasources_download(S, "00000000-0000-0000-0000-000000000000", "/tmp", NULL,
                                                         &path, &E));
    CHECK(path == NULL);

    /* download variants */
    const char *dir = temp_dir();
    char target[1024];
    snprintf(target, sizeof target, "%s/copy.hyper", dir);
    OK(tsc_datasources_download_to_file(S, tsc_datasource_id(hy), target, NULL, NULL, &E));
    CHECK(same_file(target, sample("Extract.hyper"))); /* the emulator keeps the bytes on append */
    membuf m = {0};
    OK(tsc_datasources_download_to_writer(S, tsc_datasource_id(tdsx), membuf_write, &m, NULL, &E));
    size_t flen = 0;
    unsigned char *orig = read_file(sample("Sales.tdsx"), &flen);
    CHECK(m.len == flen && memcmp(m.data, orig, flen) == 0);
    free(orig);
    free(m.data);
    remove_dir(dir);

    OK(tsc_datasources_delete(S, tsc_datasource_id(tdsx), &E));
    OK(tsc_datasources_delete(S, tsc_datasource_id(tds), &E));
    OK(tsc_datasources_delete(S, tsc_datasource_id(hy), &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_datasources_get_by_id(S, tsc_datasource_id(hy), &got, &E));
    tsc_datasource_free(tdsx);
    tsc_datasource_free(tds);
    tsc_datasource_free(hy);

    /* as a job */
    tsc_publish_options *pj = NULL;
    tsc_job *job = NULL;
    OK(tsc_publish_options_new(&pj, &E));
    OK(tsc_publish_options_set_as_job(pj, 1, &E));
    OK(tsc_datasource_new("Async", PROJECT, &item, &E));
    OK(tsc_datasources_publish(S, item, sample("Sales.tds"), TSC_PUBLISH_MODE_CREATE_NEW, pj, NULL, NULL, &job, &E));
    CHECK(job != NULL && strcmp(tsc_job_job_type(job), "PublishDatasource") == 0);
    tsc_job_free(job);
    tsc_datasource_free(item);
    tsc_publish_options_free(pj);
}

/* The pagers walk every workbook, view and data source, each once, across small pages. */
static void test_pagers(void) {
    const char *names[3] = {"Paged A", "Paged B", "Paged C"};
    tsc_workbook *wbs[3];
    for (int i = 0; i < 3; i++) wbs[i] = publish_wb(names[i], "Superstore.twbx", TSC_PUBLISH_MODE_OVERWRITE, NULL, NULL);
    tsc_datasource *ds1 = publish_ds("Paged DS 1", sample("Sales.tds"), TSC_PUBLISH_MODE_OVERWRITE, NULL);
    tsc_datasource *ds2 = publish_ds("Paged DS 2", sample("Extract.hyper"), TSC_PUBLISH_MODE_OVERWRITE, NULL);
    tsc_request_options *ro = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_set_page_size(ro, 2, &E));

    for (uint32_t ahead = 0; ahead < 3; ahead += 2) {
        tsc_workbook_pager *wp = NULL;
        OK(tsc_workbooks_pager(S, ro, ahead, &wp, &E));
        int found = 0, items = 0, pages = 0;
        for (;;) {
            tsc_workbook_list *page = NULL;
            OK(tsc_workbook_pager_next(wp, &page, &E));
            if (page == NULL) break;
            pages++;
            for (size_t i = 0; i < tsc_workbook_list_count(page); i++) {
                items++;
                for (int k = 0; k < 3; k++) found += strcmp(tsc_workbook_name(tsc_workbook_list_get(page, i)), names[k]) == 0;
            }
            tsc_workbook_list_free(page);
        }
        CHECK(found == 3 && items == tsc_workbook_pager_total_available(wp) && pages == (items + 1) / 2);
        tsc_workbook_pager_free(wp);
    }

    tsc_view_pager *vp = NULL;
    OK(tsc_views_pager(S, ro, 1, 1, &vp, &E));
    int views = 0, mine = 0, usage = 1;
    for (;;) {
        tsc_view_list *page = NULL;
        OK(tsc_view_pager_next(vp, &page, &E));
        if (page == NULL) break;
        for (size_t i = 0; i < tsc_view_list_count(page); i++) {
            const tsc_view *v = tsc_view_list_get(page, i);
            views++;
            usage &= tsc_view_total_views(v) >= 0;
            for (int k = 0; k < 3; k++) mine += wbs[k] != NULL && strcmp(tsc_view_workbook_id(v), tsc_workbook_id(wbs[k])) == 0;
        }
        tsc_view_list_free(page);
    }
    CHECK(mine == 15 && usage && views == tsc_view_pager_total_available(vp));
    tsc_view_pager_free(vp);
    vp = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_views_pager(S, ro, 2, 0, &vp, &E));
    CHECK(vp == NULL);

    tsc_datasource_pager *dp = NULL;
    OK(tsc_datasources_pager(S, ro, 0, &dp, &E));
    int dss = 0, dmine = 0;
    for (;;) {
        tsc_datasource_list *page = NULL;
        OK(tsc_datasource_pager_next(dp, &page, &E));
        if (page == NULL) break;
        for (size_t i = 0; i < tsc_datasource_list_count(page); i++) {
            const char *n = tsc_datasource_name(tsc_datasource_list_get(page, i));
            dss++;
            dmine += strcmp(n, "Paged DS 1") == 0 || strcmp(n, "Paged DS 2") == 0;
        }
        tsc_datasource_list_free(page);
    }
    CHECK(dmine == 2 && dss == tsc_datasource_pager_total_available(dp));
    tsc_datasource_pager_free(dp);
    tsc_request_options_free(ro);

    for (int i = 0; i < 3; i++) {
        if (wbs[i] != NULL) OK(tsc_workbooks_delete(S, tsc_workbook_id(wbs[i]), &E));
        tsc_workbook_free(wbs[i]);
    }
    if (ds1 != NULL) OK(tsc_datasources_delete(S, tsc_datasource_id(ds1), &E));
    if (ds2 != NULL) OK(tsc_datasources_delete(S, tsc_datasource_id(ds2), &E));
    tsc_datasource_free(ds1);
    tsc_datasource_free(ds2);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    test_workbook_publish_and_query();
    test_workbook_publish_options();
    test_site_views();
    test_datasources();
    test_pagers();
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    free(PROJECT);
    return check_finish();
}
