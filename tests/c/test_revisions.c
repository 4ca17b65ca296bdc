/* test_revisions.c: revisions of workbooks and data sources through the C API. Publishing over an
 * item adds a revision; the list names every one (number, current, deleted, when, who, size); each
 * revision downloads byte-identical to the file published then, into a directory, a file and a
 * write callback; removing one leaves it listed as removed and its content gone (404); the
 * current revision cannot be removed; bad numbers and unknown items are refused; a cancelled
 * revision download leaves no file. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;
static const char *NIL_ID = "00000000-0000-4000-8000-000000000000";

static int32_t cancel_at_once(void *ud, uint64_t done, int64_t total) {
    (void)ud;
    (void)done;
    (void)total;
    return TSC_CB_ABORT;
}

/* `src` with an XML comment appended (a third, different revision of a .twb), at `dst`. */
static void changed_copy(const char *src, const char *dst) {
    size_t len = 0;
    unsigned char *b = read_file(src, &len);
    CHECK(b != NULL);
    FILE *f = fopen(dst, "wb");
    CHECK(f != NULL);
    if (f != NULL && b != NULL) {
        fwrite(b, 1, len, f);
        fputs("\n<!-- revision three -->\n", f);
        fclose(f);
    }
    free(b);
}

/* Downloads revision `n` of workbook `id` into a fresh directory; 1 if it is `expected`. */
static int workbook_revision_is(const char *id, uint32_t n, const char *expected) {
    const char *dir = temp_dir();
    char *path = NULL;
    int same = 0;
    OK(tsc_workbooks_download_revision(S, id, n, dir, NULL, &path, &E));
    same = path != NULL && same_file(path, expected);
    tsc_string_free(path);
    remove_dir(dir);
    return same;
}

static void workbooks(void) {
    const char *work = temp_dir();
    char third[512];
    snprintf(third, sizeof third, "%s/Revised.twb", work);
    changed_copy(sample("Regional.twb"), third);
    const char *files[3] = {sample("Superstore.twbx"), sample("Regional.twb"), third};

    tsc_workbook *item = NULL, *wb = NULL;
    OK(tsc_workbook_new("Revised", PROJECT, &item, &E));
    for (int i = 0; i < 3; i++) {
        tsc_workbook *out = NULL;
        OK(tsc_workbooks_publish(S, item, files[i], i == 0 ? TSC_PUBLISH_MODE_CREATE_NEW : TSC_PUBLISH_MODE_OVERWRITE,
                                 NULL, NULL, &out, NULL, &E));
        if (i == 0)
            wb = out;
        else
            tsc_workbook_free(out);
    }
    tsc_workbook_free(item);
    const char *id = tsc_workbook_id(wb);

    /* The list: 1, 2, 3, oldest first, only the last current, none removed, who and how big. */
    tsc_revision_list *revs = NULL;
    OK(tsc_workbooks_populate_revisions(S, wb, &revs, &E));
    CHECK(revs != NULL && tsc_revision_list_count(revs) == 3);
    for (size_t i = 0; revs != NULL && i < tsc_revision_list_count(revs); i++) {
        const tsc_revision *r = tsc_revision_list_get(revs, i);
        CHECK(tsc_revision_revision_number(r) == (int64_t)i + 1);
        CHECK(tsc_revision_current(r) == (i == 2));
        CHECK(tsc_revision_deleted(r) == 0);
        CHECK(tsc_revision_created_at(r) != NULL && strlen(tsc_revision_created_at(r)) == 20);
        CHECK_STR(tsc_revision_user_name(r), "admin");
        CHECK(tsc_revision_user_id(r) != NULL);
        CHECK(tsc_revision_size_in_bytes(r) == file_size(files[i]));
    }
    tsc_revision *kept = tsc_revision_clone(tsc_revision_list_get(revs, 0));
    tsc_revision_list_free(revs);
    CHECK(kept != NULL && tsc_revision_revision_number(kept) == 1);
    tsc_revision_free(kept);

    /* Each revision is the file published then: into a directory, a file, a writer. */
    for (uint32_t n = 1; n <= 3; n++) CHECK(workbook_revision_is(id, n, files[n - 1]));
    char path[512];
    snprintf(path, sizeof path, "%s/first.twbx", work);
    char *written = NULL;
    OK(tsc_workbooks_download_revision_to_file(S, id, 1, path, NULL, &written, &E));
    CHECK(written != NULL && strstr(written, "first.twbx") != NULL && same_file(path, files[0]));
    tsc_string_free(written);
    membuf mb = {0};
    OK(tsc_workbooks_download_revision_to_writer(S, id, 2, membuf_write, &mb, NULL, &E));
    size_t len = 0;
    unsigned char *want = read_file(files[1], &len);
    CHECK(want != NULL && mb.len == len && memcmp(mb.data, want, len) == 0);
    free(want);
    free(mb.data);

    /* A cancelled revision download leaves nothing behind. */
    tsc_transfer_options *t = NULL;
    OK(tsc_transfer_options_new(&t, &E));
    OK(tsc_transfer_options_set_progress(t, cancel_at_once, NULL, &E));
    snprintf(path, sizeof path, "%s/cancelled.twbx", work);
    FAILS(TSC_STATUS_ABORTED_BY_CALLBACK, tsc_workbooks_download_revision_to_file(S, id, 1, path, t, NULL, &E));
    CHECK(file_size(path) < 0);
    tsc_transfer_options_free(t);

    /* The current revision stays; an old one goes, is listed as removed, and 404s afterwards. */
    FAILS_CODE(TSC_STATUS_FORBIDDEN, "403003", tsc_workbooks_delete_revision(S, id, 3, &E));
    OK(tsc_workbooks_delete_revision(S, id, 1, &E));
    OK(tsc_workbooks_populate_revisions(S, wb, &revs, &E));
    CHECK(revs != NULL && tsc_revision_list_count(revs) == 3);
    if (revs != NULL && tsc_revision_list_count(revs) == 3) {
        CHECK(tsc_revision_deleted(tsc_revision_list_get(revs, 0)) == 1);
        CHECK(tsc_revision_deleted(tsc_revision_list_get(revs, 1)) == 0);
    }
    tsc_revision_list_free(revs);
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404026", tsc_workbooks_download_revision(S, id, 1, work, NULL, NULL, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404026", tsc_workbooks_delete_revision(S, id, 1, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404026", tsc_workbooks_download_revision(S, id, 99, work, NULL, NULL, &E));
    CHECK(workbook_revision_is(id, 2, files[1]));

    /* Bad arguments: revision 0, an item without id, unknown workbooks. */
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_download_revision(S, id, 0, work, NULL, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_delete_revision(S, id, 0, &E));
    tsc_workbook *blank = NULL;
    OK(tsc_workbook_new("No id", PROJECT, &blank, &E));
    revs = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_populate_revisions(S, blank, &revs, &E));
    CHECK(revs == NULL);
    tsc_workbook_free(blank);
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404006", tsc_workbooks_delete_revision(S, NIL_ID, 1, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404006", tsc_workbooks_download_revision(S, NIL_ID, 1, work, NULL, NULL, &E));

    OK(tsc_workbooks_delete(S, id, &E));
    tsc_workbook_free(wb);
    remove_dir(work);
}

static void datasources(void) {
    const char *files[2] = {sample("Sales.tds"), sample("Sales.tdsx")};
    tsc_datasource *item = NULL, *ds = NULL;
    OK(tsc_datasource_new("Revised source", PROJECT, &item, &E));
    for (int i = 0; i < 2; i++) {
        tsc_datasource *out = NULL;
        OK(tsc_datasources_publish(S, item, files[i], i == 0 ? TSC_PUBLISH_MODE_CREATE_NEW : TSC_PUBLISH_MODE_OVERWRITE,
                                   NULL, NULL, &out, NULL, &E));
        if (i == 0)
            ds = out;
        else
            tsc_datasource_free(out);
    }
    tsc_datasource_free(item);
    const char *id = tsc_datasource_id(ds);

    tsc_revision_list *revs = NULL;
    OK(tsc_datasources_populate_revisions(S, ds, &revs, &E));
    CHECK(revs != NULL && tsc_revision_list_count(revs) == 2);
    if (revs != NULL && tsc_revision_list_count(revs) == 2) {
        CHECK(tsc_revision_current(tsc_revision_list_get(revs, 0)) == 0);
        CHECK(tsc_revision_current(tsc_revision_list_get(revs, 1)) == 1);
    }
    tsc_revision_list_free(revs);
    const char *dir = temp_dir();
    for (uint32_t n = 1; n <= 2; n++) {
        char *path = NULL;
        OK(tsc_datasources_download_revision(S, id, n, dir, NULL, &path, &E));
        CHECK(path != NULL && same_file(path, files[n - 1]));
        tsc_string_free(path);
    }
    char path[512];
    snprintf(path, sizeof path, "%s/one.tds", dir);
    OK(tsc_datasources_download_revision_to_file(S, id, 1, path, NULL, NULL, &E));
    CHECK(same_file(path, files[0]));
    membuf mb = {0};
    OK(tsc_datasources_download_revision_to_writer(S, id, 2, membuf_write, &mb, NULL, &E));
    CHECK(mb.len == (size_t)file_size(files[1]));
    free(mb.data);
    FAILS_CODE(TSC_STATUS_FORBIDDEN, "403003", tsc_datasources_delete_revision(S, id, 2, &E));
    OK(tsc_datasources_delete_revision(S, id, 1, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404026", tsc_datasources_download_revision(S, id, 1, dir, NULL, NULL, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404004", tsc_datasources_delete_revision(S, NIL_ID, 1, &E));
    remove_dir(dir);
    OK(tsc_datasources_delete(S, id, &E));
    tsc_datasource_free(ds);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    workbooks();
    datasources();
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    free(PROJECT);
    return check_finish();
}
