/* test_exports.c: views as PNG and SVG images, CSV data, Excel crosstabs and PDFs, and a workbook as a PDF and
 * as a PowerPoint presentation, through the C API: into memory, into a file and to a write callback; the
 * export options (image format, high resolution, viz size, page type and orientation, maximum age, view
 * filters, view parameters) change what comes back; each
 * format is checked by its magic bytes and structure; a cancelled export leaves no file; bad
 * options and unknown ids are refused. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;

/* PNG width and height from the IHDR chunk (0 if not a PNG). */
static void png_size(const tsc_bytes *b, uint32_t *w, uint32_t *h) {
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    const uint8_t *d = tsc_bytes_data(b);
    *w = *h = 0;
    if (b == NULL || tsc_bytes_len(b) < 24 || memcmp(d, sig, 8) != 0 || memcmp(d + 12, "IHDR", 4) != 0) return;
    *w = (uint32_t)d[16] << 24 | (uint32_t)d[17] << 16 | (uint32_t)d[18] << 8 | d[19];
    *h = (uint32_t)d[20] << 24 | (uint32_t)d[21] << 16 | (uint32_t)d[22] << 8 | d[23];
}

/* How many times `needle` occurs in the bytes. */
static int occurrences(const tsc_bytes *b, const char *needle) {
    int n = 0;
    size_t k = strlen(needle);
    for (size_t i = 0; b != NULL && i + k <= tsc_bytes_len(b); i++)
        if (memcmp(tsc_bytes_data(b) + i, needle, k) == 0) n++;
    return n;
}

/* 1 if `len` bytes at `d` contain the NUL-terminated `needle`. */
static int contains(const uint8_t *d, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i + n <= len; i++)
        if (memcmp(d + i, needle, n) == 0) return 1;
    return 0;
}

/* `<a:t>name</a:t>` with `name` escaped as the emulator escapes XML text (a slide's title run), into `out`. */
static void xml_text(char *out, size_t cap, const char *name) {
    size_t n = (size_t)snprintf(out, cap, "<a:t>");
    for (const char *c = name; *c != '\0' && n + 8 < cap; c++) {
        const char *rep = *c == '&'    ? "&amp;"
                          : *c == '<'  ? "&lt;"
                          : *c == '>'  ? "&gt;"
                          : *c == '\'' ? "&apos;"
                          : *c == '"'  ? "&quot;"
                                       : NULL;
        if (rep != NULL) {
            memcpy(out + n, rep, strlen(rep));
            n += strlen(rep);
        } else {
            out[n++] = *c;
        }
    }
    snprintf(out + n, cap - n, "</a:t>");
}

/* A PDF: header, trailer, and the number of pages its page tree declares. */
static int pdf_pages(const uint8_t *d, size_t len) {
    if (len < 16 || memcmp(d, "%PDF-", 5) != 0 || !contains(d + len - 8, 8, "%%EOF")) return -1;
    for (int n = 1; n < 50; n++) {
        char want[32];
        snprintf(want, sizeof want, "/Count %d ", n);
        if (contains(d, len, want)) return n;
    }
    return 0;
}

/* Lines of a CSV body (rows after the header). */
static int csv_rows(const tsc_bytes *b) {
    int lines = 0;
    for (size_t i = 0; i < tsc_bytes_len(b); i++) lines += tsc_bytes_data(b)[i] == '\n';
    return lines - 1;
}

static int32_t cancel_at_once(void *ud, uint64_t done, int64_t total) {
    (void)ud;
    (void)done;
    (void)total;
    return TSC_CB_ABORT;
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    tsc_workbook *wb = publish_superstore(S, PROJECT, "Exported");
    tsc_view_list *views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &views, &E));
    CHECK(views != NULL && tsc_view_list_count(views) >= 2);
    const char *vid = tsc_view_id(tsc_view_list_get(views, 0));

    /* Images: the default size, high resolution, an explicit viz size; filters change the image. */
    tsc_bytes *img = NULL, *hi = NULL, *sized = NULL, *east = NULL;
    uint32_t w = 0, h = 0;
    OK(tsc_views_populate_image(S, vid, NULL, &img, &E));
    png_size(img, &w, &h);
    CHECK(w == 800 && h == 600);
    tsc_export_options *o = NULL;
    OK(tsc_export_options_new(&o, &E));
    OK(tsc_export_options_set_high_resolution(o, 1, &E));
    OK(tsc_views_populate_image(S, vid, o, &hi, &E));
    png_size(hi, &w, &h);
    CHECK(w == 1600 && h == 1200);
    OK(tsc_export_options_set_viz_size(o, 320, 200, &E));
    OK(tsc_export_options_set_max_age(o, 5, &E));
    OK(tsc_views_populate_image(S, vid, o, &sized, &E));
    png_size(sized, &w, &h);
    CHECK(w == 320 && h == 200);
    OK(tsc_export_options_add_view_filter(o, "Region", "East", &E));
    OK(tsc_views_populate_image(S, vid, o, &east, &E));
    CHECK(east != NULL && sized != NULL && tsc_bytes_len(east) > 0 &&
          (tsc_bytes_len(east) != tsc_bytes_len(sized) ||
           memcmp(tsc_bytes_data(east), tsc_bytes_data(sized), tsc_bytes_len(east)) != 0));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_export_options_set_viz_size(o, 0, 10, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_export_options_set_max_age(o, 0, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_export_options_add_view_filter(o, "", "x", &E));
    tsc_export_options_free(o);
    tsc_bytes_free(img);
    tsc_bytes_free(hi);
    tsc_bytes_free(sized);
    tsc_bytes_free(east);

    /* SVG images (REST API 3.29): an SVG document with one mark per row the filters keep. */
    tsc_bytes *svg = NULL, *svg_east = NULL;
    OK(tsc_export_options_new(&o, &E));
    OK(tsc_export_options_set_image_format(o, "svg", &E));
    OK(tsc_export_options_set_viz_size(o, 640, 480, &E));
    OK(tsc_views_populate_image(S, vid, o, &svg, &E));
    CHECK(svg != NULL && tsc_bytes_len(svg) > 5 && memcmp(tsc_bytes_data(svg), "<?xml", 5) == 0);
    CHECK(occurrences(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"480\"") == 1);
    CHECK(occurrences(svg, "class=\"mark\"") == 12);
    CHECK(occurrences(svg, "</svg>") == 1);
    OK(tsc_export_options_add_view_filter(o, "Region", "East", &E));
    OK(tsc_views_populate_image(S, vid, o, &svg_east, &E));
    CHECK(occurrences(svg_east, "class=\"mark\"") == 3);
    CHECK(occurrences(svg_east, "<title>East, ") == 3 && occurrences(svg_east, "West") == 0);
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_export_options_set_image_format(o, "jpeg", &E));
    OK(tsc_export_options_set_image_format(o, "PNG", &E));
    tsc_bytes *back = NULL;
    OK(tsc_views_populate_image(S, vid, o, &back, &E));
    CHECK(back != NULL && tsc_bytes_len(back) > 8 && memcmp(tsc_bytes_data(back), "\x89PNG", 4) == 0);
    tsc_bytes_free(back);
    OK(tsc_export_options_set_image_format(o, "SVG", &E));
    {
        /* a server pinned to 3.28 refuses an SVG export before any request */
        tsc_bytes *none = NULL;
        tsc_server *old = test_server_pinned("3.28");
        FAILS(TSC_STATUS_UNSUPPORTED, tsc_views_populate_image(old, vid, o, &none, &E));
        CHECK(none == NULL);
        tsc_server_free(old);
    }
    tsc_export_options_free(o);
    o = NULL;
    tsc_bytes_free(svg);
    tsc_bytes_free(svg_east);

    /* CSV: every row, then only the filtered ones (two values of one field, comma-separated). */
    tsc_bytes *all = NULL, *some = NULL;
    OK(tsc_views_populate_csv(S, vid, NULL, &all, &E));
    CHECK(all != NULL && tsc_bytes_len(all) > 22 && memcmp(tsc_bytes_data(all), "Region,Category,Sales\r\n", 23) == 0);
    CHECK(csv_rows(all) == 12);
    o = NULL;
    OK(tsc_export_options_new(&o, &E));
    OK(tsc_export_options_add_view_filter(o, "Region", "East,West", &E));
    OK(tsc_export_options_add_view_filter(o, "Category", "Technology", &E));
    OK(tsc_views_populate_csv(S, vid, o, &some, &E));
    CHECK(csv_rows(some) == 2);
    CHECK(contains(tsc_bytes_data(some), tsc_bytes_len(some), "East,Technology,") &&
          contains(tsc_bytes_data(some), tsc_bytes_len(some), "West,Technology,") &&
          !contains(tsc_bytes_data(some), tsc_bytes_len(some), "South"));
    tsc_bytes_free(all);
    tsc_bytes_free(some);

    /* Excel: an Office Open XML package (a zip holding the workbook and its sheet). */
    tsc_bytes *xlsx = NULL;
    OK(tsc_views_populate_excel(S, vid, o, &xlsx, &E));
    CHECK(xlsx != NULL && tsc_bytes_len(xlsx) > 4 && memcmp(tsc_bytes_data(xlsx), "PK\x03\x04", 4) == 0);
    CHECK(contains(tsc_bytes_data(xlsx), tsc_bytes_len(xlsx), "xl/worksheets/sheet1.xml") &&
          contains(tsc_bytes_data(xlsx), tsc_bytes_len(xlsx), "[Content_Types].xml"));
    tsc_bytes_free(xlsx);

    /* PDFs: a view on one page (landscape A4 with the filter named), a workbook on a page per view. */
    OK(tsc_export_options_set_page_type(o, "a4", &E));
    OK(tsc_export_options_set_landscape(o, 1, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_export_options_set_page_type(o, "Poster", &E));
    tsc_bytes *vpdf = NULL, *wpdf = NULL;
    OK(tsc_views_populate_pdf(S, vid, o, &vpdf, &E));
    CHECK(pdf_pages(tsc_bytes_data(vpdf), tsc_bytes_len(vpdf)) == 1);
    CHECK(contains(tsc_bytes_data(vpdf), tsc_bytes_len(vpdf), "/MediaBox [0 0 842 595]"));
    CHECK(contains(tsc_bytes_data(vpdf), tsc_bytes_len(vpdf), "Filter: Region = East, West"));
    OK(tsc_workbooks_populate_pdf(S, tsc_workbook_id(wb), NULL, &wpdf, &E));
    CHECK(pdf_pages(tsc_bytes_data(wpdf), tsc_bytes_len(wpdf)) == (int)tsc_view_list_count(views));
    tsc_bytes_free(vpdf);

    /* Into a file (the same bytes), to a writer; a cancelled export leaves no file. */
    const char *dir = temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/book.pdf", dir);
    char *written = NULL;
    OK(tsc_workbooks_populate_pdf_to_file(S, tsc_workbook_id(wb), NULL, path, NULL, &written, &E));
    CHECK(written != NULL && strstr(written, "book.pdf") != NULL);
    tsc_string_free(written);
    size_t flen = 0;
    unsigned char *fbytes = read_file(path, &flen);
    CHECK(fbytes != NULL && flen == tsc_bytes_len(wpdf) && memcmp(fbytes, tsc_bytes_data(wpdf), flen) == 0);
    free(fbytes);
    membuf mb = {0};
    OK(tsc_views_populate_csv_to_writer(S, vid, o, membuf_write, &mb, NULL, &E));
    CHECK(mb.len > 0 && contains(mb.data, mb.len, "East,Technology,"));
    free(mb.data);
    tsc_transfer_options *t = NULL;
    OK(tsc_transfer_options_new(&t, &E));
    OK(tsc_transfer_options_set_progress(t, cancel_at_once, NULL, &E));
    snprintf(path, sizeof path, "%s/cancelled.png", dir);
    FAILS(TSC_STATUS_ABORTED_BY_CALLBACK, tsc_views_populate_image_to_file(S, vid, NULL, path, t, NULL, &E));
    CHECK(file_size(path) < 0);
    CHECK(dir_entries(dir) == 1);
    tsc_transfer_options_free(t);
    remove_dir(dir);
    tsc_bytes_free(wpdf);
    tsc_export_options_free(o);

    /* View parameters: a column of the CSV, a line of the PDF, another image. */
    o = NULL;
    OK(tsc_export_options_new(&o, &E));
    OK(tsc_export_options_add_parameter(o, "Top N", "5", &E));
    OK(tsc_export_options_add_parameter(o, "Parameters.Unit", "k", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_export_options_add_parameter(o, "", "x", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_export_options_add_parameter(o, "Parameters.", "x", &E));
    tsc_bytes *pcsv = NULL, *ppdf = NULL, *pimg = NULL, *plain = NULL;
    OK(tsc_views_populate_csv(S, vid, o, &pcsv, &E));
    CHECK(pcsv != NULL && tsc_bytes_len(pcsv) > 33 &&
          memcmp(tsc_bytes_data(pcsv), "Region,Category,Sales,Top N,Unit\r\n", 34) == 0);
    CHECK(csv_rows(pcsv) == 12 && contains(tsc_bytes_data(pcsv), tsc_bytes_len(pcsv), ",5,k\r\n"));
    OK(tsc_views_populate_pdf(S, vid, o, &ppdf, &E));
    CHECK(contains(tsc_bytes_data(ppdf), tsc_bytes_len(ppdf), "Parameter: Top N = 5") &&
          contains(tsc_bytes_data(ppdf), tsc_bytes_len(ppdf), "Parameter: Unit = k"));
    OK(tsc_views_populate_image(S, vid, o, &pimg, &E));
    OK(tsc_views_populate_image(S, vid, NULL, &plain, &E));
    CHECK(pimg != NULL && plain != NULL &&
          (tsc_bytes_len(pimg) != tsc_bytes_len(plain) ||
           memcmp(tsc_bytes_data(pimg), tsc_bytes_data(plain), tsc_bytes_len(plain)) != 0));
    tsc_bytes_free(pcsv);
    tsc_bytes_free(ppdf);
    tsc_bytes_free(pimg);

    /* PowerPoint: an OOXML zip with a slide per view, each named after its view and holding its
     * image (slides and images are stored, so they can be found in the bytes); only the maximum
     * age applies, so the parameters change nothing. */
    tsc_bytes *pptx = NULL, *pptx2 = NULL;
    OK(tsc_workbooks_populate_powerpoint(S, tsc_workbook_id(wb), NULL, &pptx, &E));
    CHECK(pptx != NULL && tsc_bytes_len(pptx) > 4 && memcmp(tsc_bytes_data(pptx), "PK\x03\x04", 4) == 0);
    const uint8_t *pd = tsc_bytes_data(pptx);
    size_t pl = tsc_bytes_len(pptx);
    CHECK(contains(pd, pl, "[Content_Types].xml") && contains(pd, pl, "_rels/.rels") &&
          contains(pd, pl, "ppt/presentation.xml") && contains(pd, pl, "ppt/slideMasters/slideMaster1.xml") &&
          contains(pd, pl, "ppt/theme/theme1.xml"));
    for (size_t i = 0; i < tsc_view_list_count(views); i++) {
        char part[64], title[512];
        snprintf(part, sizeof part, "ppt/slides/slide%zu.xml", i + 1);
        CHECK(contains(pd, pl, part));
        xml_text(title, sizeof title, tsc_view_name(tsc_view_list_get(views, i)));
        CHECK(contains(pd, pl, title));
    }
    char beyond[64];
    snprintf(beyond, sizeof beyond, "ppt/slides/slide%zu.xml", tsc_view_list_count(views) + 1);
    CHECK(!contains(pd, pl, beyond));
    int has_image = 0;
    for (size_t i = 0; plain != NULL && i + tsc_bytes_len(plain) <= pl && !has_image; i++)
        has_image = memcmp(pd + i, tsc_bytes_data(plain), tsc_bytes_len(plain)) == 0;
    CHECK(has_image);
    OK(tsc_export_options_set_max_age(o, 10, &E));
    OK(tsc_workbooks_populate_powerpoint(S, tsc_workbook_id(wb), o, &pptx2, &E));
    CHECK(pptx2 != NULL && tsc_bytes_len(pptx2) == pl && memcmp(tsc_bytes_data(pptx2), pd, pl) == 0);
    const char *pdir = temp_dir();
    char ppath[512];
    snprintf(ppath, sizeof ppath, "%s/book.pptx", pdir);
    OK(tsc_workbooks_populate_powerpoint_to_file(S, tsc_workbook_id(wb), o, ppath, NULL, NULL, &E));
    fbytes = read_file(ppath, &flen);
    CHECK(fbytes != NULL && flen == pl && memcmp(fbytes, pd, pl) == 0);
    free(fbytes);
    membuf pm = {0};
    OK(tsc_workbooks_populate_powerpoint_to_writer(S, tsc_workbook_id(wb), o, membuf_write, &pm, NULL, &E));
    CHECK(pm.len == pl && memcmp(pm.data, pd, pl) == 0);
    free(pm.data);
    remove_dir(pdir);
    tsc_bytes_free(pptx);
    tsc_bytes_free(pptx2);
    tsc_bytes_free(plain);
    tsc_export_options_free(o);

    /* Unknown items. */
    tsc_bytes *none = NULL;
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404011",
               tsc_views_populate_image(S, "00000000-0000-4000-8000-000000000000", NULL, &none, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404006",
               tsc_workbooks_populate_pdf(S, "00000000-0000-4000-8000-000000000000", NULL, &none, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404006",
               tsc_workbooks_populate_powerpoint(S, "00000000-0000-4000-8000-000000000000", NULL, &none, &E));
    CHECK(none == NULL);

    tsc_view_list_free(views);
    tsc_workbook_free(wb);
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    free(PROJECT);
    return check_finish();
}
