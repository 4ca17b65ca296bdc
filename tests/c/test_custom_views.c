/* test_custom_views.c: the custom views family through the C API against the emulator: publish
 * a definition (from a path, from a read callback and through an upload session), get (with a filter, and the pager),
 * get_by_id, update (name, owner), the image, PDF and CSV exports (magic bytes; the saved
 * filters applied), download of the definition byte-identical (memory, file, writer), delete
 * and 404048 afterwards; misuse (missing fields, empty ids, a missing file, a definition that is
 * not JSON, a server pinned below the methods' versions). */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;

/* 1 if `len` bytes at `d` contain the NUL-terminated `needle`. */
static int contains(const uint8_t *d, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i + n <= len; i++)
        if (memcmp(d + i, needle, n) == 0) return 1;
    return 0;
}

static int same_bytes(const tsc_bytes *a, const tsc_bytes *b) {
    return a != NULL && b != NULL && tsc_bytes_len(a) == tsc_bytes_len(b) &&
           memcmp(tsc_bytes_data(a), tsc_bytes_data(b), tsc_bytes_len(a)) == 0;
}

static void write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f == NULL) return;
    fputs(text, f);
    fclose(f);
}

/* A custom view item to publish. */
static tsc_custom_view *item(const char *name, const char *owner, const char *workbook, int shared) {
    tsc_custom_view *c = NULL;
    OK(tsc_custom_view_new(name, &c, &E));
    if (owner) OK(tsc_custom_view_set_owner_id(c, owner, &E));
    if (workbook) OK(tsc_custom_view_set_workbook_id(c, workbook, &E));
    if (shared >= 0) OK(tsc_custom_view_set_shared(c, shared, &E));
    return c;
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    char *project = default_project_id(S);
    char *me = NULL;
    OK(tsc_server_user_id(S, &me, &E));
    tsc_workbook *wb = publish_superstore(S, project, "Customised");
    tsc_view_list *views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &views, &E));
    CHECK(views != NULL && tsc_view_list_count(views) >= 2);
    const tsc_view *view = tsc_view_list_get(views, 1);
    const char *wid = tsc_workbook_id(wb);

    /* The definition: the workbook's second view, East only. */
    char def[512];
    snprintf(def, sizeof def, "{\"view\":\"%s\",\"filters\":{\"Region\":[\"East\"]},\"note\":\"kept as is\"}\n",
             tsc_view_name(view));
    const char *dir = temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/East only.json", dir);
    write_text(path, def);

    /* Publish from a path. */
    tsc_custom_view *ci = item("East only", me, wid, 1), *cv = NULL;
    OK(tsc_custom_views_publish(S, ci, path, NULL, &cv, &E));
    tsc_custom_view_free(ci);
    CHECK(cv != NULL);
    const char *cid = cv ? tsc_custom_view_id(cv) : "";
    CHECK_STR(tsc_custom_view_name(cv), "East only");
    CHECK(tsc_custom_view_shared(cv) == 1);
    CHECK_STR(tsc_custom_view_owner_id(cv), me);
    CHECK_STR(tsc_custom_view_owner_name(cv), "admin");
    CHECK_STR(tsc_custom_view_workbook_id(cv), wid);
    CHECK_STR(tsc_custom_view_workbook_name(cv), "Customised");
    CHECK_STR(tsc_custom_view_view_id(cv), tsc_view_id(view));
    CHECK_STR(tsc_custom_view_view_name(cv), tsc_view_name(view));
    CHECK(tsc_custom_view_created_at(cv) != NULL && tsc_custom_view_updated_at(cv) != NULL);
    CHECK(tsc_custom_view_last_accessed_at(cv) == NULL);

    /* Publish from a reader (not shared: the default), then get, filtered, and the pager. */
    memsrc src = {(const unsigned char *)def, strlen(def), 0, 0};
    tsc_custom_view *ri = item("Second", me, wid, -1), *second = NULL;
    OK(tsc_custom_views_publish_from_reader(S, ri, "second.json", src.len, memsrc_read, &src, NULL, &second, &E));
    tsc_custom_view_free(ri);
    CHECK(second != NULL && tsc_custom_view_shared(second) == 0);

    /* Through an upload session (a single-request limit of 0): the same definition arrives. */
    tsc_transfer_options *chunked = NULL;
    OK(tsc_transfer_options_new(&chunked, &E));
    OK(tsc_transfer_options_set_single_request_limit(chunked, 0, &E));
    OK(tsc_transfer_options_set_chunk_size(chunked, TSC_MIN_CHUNK_SIZE, &E));
    tsc_custom_view *si = item("Chunked", me, wid, 0), *third = NULL;
    OK(tsc_custom_views_publish(S, si, path, chunked, &third, &E));
    tsc_custom_view_free(si);
    tsc_transfer_options_free(chunked);
    tsc_bytes *td = NULL;
    OK(tsc_custom_views_download(S, third ? tsc_custom_view_id(third) : "x", &td, &E));
    CHECK(td != NULL && tsc_bytes_len(td) == strlen(def) && memcmp(tsc_bytes_data(td), def, strlen(def)) == 0);
    tsc_bytes_free(td);
    OK(tsc_custom_views_delete(S, third ? tsc_custom_view_id(third) : "x", &E));
    tsc_custom_view_free(third);
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, "workbookId", TSC_FILTER_OP_EQ, wid, &E));
    tsc_custom_view_list *list = NULL;
    OK(tsc_custom_views_get(S, o, &list, &E));
    CHECK(list != NULL && tsc_custom_view_list_count(list) == 2 && tsc_custom_view_list_total_available(list) == 2);
    tsc_custom_view_list_free(list);
    OK(tsc_request_options_set_page_size(o, 1, &E));
    tsc_custom_view_pager *pager = NULL;
    OK(tsc_custom_views_pager(S, o, 0, &pager, &E));
    int pages = 0, seen = 0;
    for (;;) {
        tsc_custom_view_list *page = NULL;
        OK(tsc_custom_view_pager_next(pager, &page, &E));
        if (page == NULL) break;
        pages++;
        seen += (int)tsc_custom_view_list_count(page);
        tsc_custom_view_list_free(page);
    }
    CHECK(pages == 2 && seen == 2);
    tsc_custom_view_pager_free(pager);
    tsc_request_options_free(o);

    /* get_by_id; update the name and the owner (shared is not part of the update). */
    tsc_custom_view *got = NULL;
    OK(tsc_custom_views_get_by_id(S, cid, &got, &E));
    CHECK_STR(tsc_custom_view_name(got), "East only");
    tsc_custom_view *ch = NULL, *updated = NULL;
    ch = tsc_custom_view_clone(got);
    CHECK(ch != NULL);
    OK(tsc_custom_view_set_name(ch, "Eastern", &E));
    OK(tsc_custom_view_set_owner_id(ch, me, &E));
    OK(tsc_custom_views_update(S, ch, &updated, &E));
    CHECK_STR(tsc_custom_view_name(updated), "Eastern");
    CHECK_STR(tsc_custom_view_id(updated), cid);
    CHECK_STR(tsc_custom_view_owner_id(updated), me);
    OK(tsc_custom_view_set_owner_id(ch, "00000000-0000-4000-8000-000000000000", &E));
    tsc_custom_view *none_cv = NULL;
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_custom_views_update(S, ch, &none_cv, &E));
    CHECK(none_cv == NULL);
    tsc_custom_view_free(ch);
    tsc_custom_view_free(updated);
    tsc_custom_view_free(got);

    /* Exports: the view's drawing with the saved filter (the same image as the view filtered on
     * East); CSV rows of the East only; a PDF naming the filter. */
    tsc_bytes *img = NULL, *vimg = NULL, *plain = NULL;
    OK(tsc_custom_views_populate_image(S, cid, NULL, &img, &E));
    CHECK(img != NULL && tsc_bytes_len(img) > 8 && memcmp(tsc_bytes_data(img), "\x89PNG\r\n\x1a\n", 8) == 0);
    tsc_export_options *eo = NULL;
    OK(tsc_export_options_new(&eo, &E));
    OK(tsc_export_options_add_view_filter(eo, "Region", "East", &E));
    OK(tsc_views_populate_image(S, tsc_view_id(view), eo, &vimg, &E));
    OK(tsc_views_populate_image(S, tsc_view_id(view), NULL, &plain, &E));
    CHECK(same_bytes(img, vimg));
    CHECK(!same_bytes(img, plain));
    tsc_export_options_free(eo);
    tsc_bytes *csv = NULL, *pdf = NULL;
    OK(tsc_custom_views_populate_csv(S, cid, NULL, &csv, &E));
    CHECK(csv != NULL && tsc_bytes_len(csv) > 22 && memcmp(tsc_bytes_data(csv), "Region,Category,Sales\r\n", 23) == 0);
    CHECK(csv && contains(tsc_bytes_data(csv), tsc_bytes_len(csv), "East,Technology,"));
    CHECK(csv && !contains(tsc_bytes_data(csv), tsc_bytes_len(csv), "West,"));
    OK(tsc_custom_views_populate_pdf(S, cid, NULL, &pdf, &E));
    CHECK(pdf != NULL && tsc_bytes_len(pdf) > 5 && memcmp(tsc_bytes_data(pdf), "%PDF-", 5) == 0);
    CHECK(pdf && contains(tsc_bytes_data(pdf), tsc_bytes_len(pdf), "Filter: Region = East"));
    char epath[512];
    snprintf(epath, sizeof epath, "%s/cv.png", dir);
    char *written = NULL;
    OK(tsc_custom_views_populate_image_to_file(S, cid, NULL, epath, NULL, &written, &E));
    size_t flen = 0;
    unsigned char *fb = read_file(epath, &flen);
    CHECK(fb != NULL && flen == tsc_bytes_len(img) && memcmp(fb, tsc_bytes_data(img), flen) == 0);
    free(fb);
    tsc_string_free(written);
    membuf mb = {0};
    OK(tsc_custom_views_populate_csv_to_writer(S, cid, NULL, membuf_write, &mb, NULL, &E));
    CHECK(mb.len == tsc_bytes_len(csv) && memcmp(mb.data, tsc_bytes_data(csv), mb.len) == 0);
    free(mb.data);
    tsc_bytes_free(img);
    tsc_bytes_free(vimg);
    tsc_bytes_free(plain);
    tsc_bytes_free(csv);
    tsc_bytes_free(pdf);

    /* Download: the definition as published, byte for byte, into memory, a file, a writer. */
    tsc_bytes *d = NULL;
    OK(tsc_custom_views_download(S, cid, &d, &E));
    CHECK(d != NULL && tsc_bytes_len(d) == strlen(def) && memcmp(tsc_bytes_data(d), def, strlen(def)) == 0);
    tsc_bytes_free(d);
    char dpath[512];
    snprintf(dpath, sizeof dpath, "%s/copy.json", dir);
    written = NULL;
    OK(tsc_custom_views_download_to_file(S, cid, dpath, NULL, &written, &E));
    CHECK(written != NULL && strstr(written, "copy.json") != NULL);
    tsc_string_free(written);
    CHECK(same_file(path, dpath));
    membuf db = {0};
    OK(tsc_custom_views_download_to_writer(S, tsc_custom_view_id(second), membuf_write, &db, NULL, &E));
    CHECK(db.len == strlen(def) && memcmp(db.data, def, db.len) == 0);
    free(db.data);
    tsc_custom_view *accessed = NULL;
    OK(tsc_custom_views_get_by_id(S, cid, &accessed, &E));
    CHECK(tsc_custom_view_last_accessed_at(accessed) != NULL);
    tsc_custom_view_free(accessed);

    /* Delete; afterwards every call on it is 404048. */
    OK(tsc_custom_views_delete(S, cid, &E));
    OK(tsc_custom_views_delete(S, tsc_custom_view_id(second), &E));
    tsc_custom_view *gone = NULL;
    tsc_bytes *nb = NULL;
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404048", tsc_custom_views_get_by_id(S, cid, &gone, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404048", tsc_custom_views_delete(S, cid, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404048", tsc_custom_views_populate_image(S, cid, NULL, &nb, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404048", tsc_custom_views_download(S, cid, &nb, &E));
    CHECK(gone == NULL && nb == NULL);

    /* Misuse: checked before any request, or refused by the server. */
    tsc_custom_view *bad = item("No owner", NULL, wid, -1), *out = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_custom_views_publish(S, bad, path, NULL, &out, &E));
    tsc_custom_view_free(bad);
    bad = item("No workbook", me, NULL, -1);
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_custom_views_publish(S, bad, path, NULL, &out, &E));
    tsc_custom_view_free(bad);
    bad = item("Fine", me, wid, 0);
    char missing[512];
    snprintf(missing, sizeof missing, "%s/missing.json", dir);
    FAILS(TSC_STATUS_FILE, tsc_custom_views_publish(S, bad, missing, NULL, &out, &E));
    char junk[512];
    snprintf(junk, sizeof junk, "%s/junk.json", dir);
    write_text(junk, "not json at all");
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400000", tsc_custom_views_publish(S, bad, junk, NULL, &out, &E));
    tsc_custom_view_free(bad);
    bad = item("Nowhere", me, "00000000-0000-4000-8000-000000000000", 0);
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404006", tsc_custom_views_publish(S, bad, path, NULL, &out, &E));
    tsc_custom_view_free(bad);
    CHECK(out == NULL);
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_custom_views_get_by_id(S, "", &gone, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_custom_views_delete(S, " ", &E));
    tsc_custom_view *noid = NULL;
    OK(tsc_custom_view_new("No id", &noid, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_custom_views_update(S, noid, &gone, &E));
    tsc_custom_view_free(noid);
    FAILS(TSC_STATUS_NULL_ARGUMENT, tsc_custom_views_download(S, NULL, &nb, &E));

    /* A server pinned to REST API 3.20: listing works, download and publish need 3.21, the PDF
     * and CSV exports 3.23 (refused before any request). */
    tsc_server *old = test_server_pinned("3.20");
    OK(tsc_custom_views_get(old, NULL, &list, &E));
    tsc_custom_view_list_free(list);
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_custom_views_download(old, cid, &nb, &E));
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_custom_views_populate_pdf(old, cid, NULL, &nb, &E));
    bad = item("Old", me, wid, 0);
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_custom_views_publish(old, bad, path, NULL, &out, &E));
    tsc_custom_view_free(bad);
    OK(tsc_auth_sign_out(old, &E));
    tsc_server_free(old);

    remove_dir(dir);
    tsc_custom_view_free(cv);
    tsc_custom_view_free(second);
    OK(tsc_workbooks_delete(S, wid, &E));
    tsc_view_list_free(views);
    tsc_workbook_free(wb);
    tsc_string_free(me);
    free(project);
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    return check_finish();
}
