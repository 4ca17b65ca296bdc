/* export_views.c: export every view of a workbook as a PNG image and a PDF, in parallel, into a
 * directory, with the progress shown.
 *
 *   export_views [WORKBOOK [DIR]]
 *
 * WORKBOOK is the workbook's name (without it: the site's first workbook); DIR the directory the
 * files go to (created if missing; default "exports"). Each view gives "NN Name.png" and
 * "NN Name.pdf" (NN its position in the workbook, the name reduced to letters, digits, spaces,
 * '-' and '_'). The exports run on EXPORT_THREADS threads (4) sharing one tsc_server, which is
 * thread-safe; each thread has its own transfer options and error, as the API asks. Every
 * export is streamed into its file and renamed into place only when complete, so a failed one
 * leaves nothing behind. Configuration comes from the environment, as for tour.c:
 *
 *   TSC_SERVER                    server URL, e.g. https://tableau.example.com (required)
 *   TSC_USER and TSC_PASSWORD     a user name and password, or
 *   TSC_PAT_NAME, TSC_PAT_SECRET  a personal access token
 *   TSC_SITE                      the site's content URL ("" or unset: the Default site)
 *
 * `make demo` runs it against a fresh tsc-emulator.
 * Build: cc -std=c99 -pthread export_views.c $(pkg-config --cflags --libs tsc)
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tsc.h"

#define EXPORT_THREADS 4

static int report(const char *what, tsc_status status, tsc_error *err) {
    fprintf(stderr, "%s failed: %s (status %d)\n", what, tsc_status_str(status), (int)status);
    if (err != NULL) {
        fprintf(stderr, "  %s\n", tsc_error_message(err));
        tsc_error_free(err);
    }
    return 1;
}

#define TRY(what, call)                                \
    do {                                               \
        tsc_status st_ = (call);                       \
        if (st_ != TSC_STATUS_OK) {                    \
            rc = report(what, st_, err);               \
            err = NULL;                                \
            goto done;                                 \
        }                                              \
    } while (0)

static const char *env(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v != NULL ? v : fallback;
}

/* One export: a view in one format, into one file. */
typedef struct {
    const char *view_id;
    const char *view_name;
    int pdf; /* 0: PNG image, 1: PDF */
    char path[1024];
    uint64_t bytes; /* streamed so far (the progress callback's count) */
    int failed;
} task;

/* What the threads share: the server, the tasks, the next one to take, the counts shown. */
typedef struct {
    const tsc_server *server;
    task *tasks;
    size_t count, next, finished, failures;
    uint64_t bytes;
    pthread_mutex_t lock;
} work;

typedef struct {
    work *w;
    task *t;
} progress_ctx;

/* The progress: files done of all and bytes so far, redrawn in place on a terminal at every
 * block; elsewhere (a pipe, a log) one line per finished file. Called with the lock held. */
static int on_terminal;

static void show(work *w, int file_done) {
    if (on_terminal)
        printf("\r  %zu of %zu files, %.1f KiB", w->finished, w->count, (double)w->bytes / 1024.0);
    else if (file_done)
        printf("  %zu of %zu files, %.1f KiB\n", w->finished, w->count, (double)w->bytes / 1024.0);
    fflush(stdout);
}

static int32_t on_progress(void *userdata, uint64_t done, int64_t total) {
    progress_ctx *p = userdata;
    (void)total;
    pthread_mutex_lock(&p->w->lock);
    p->w->bytes += done - p->t->bytes;
    p->t->bytes = done;
    show(p->w, 0);
    pthread_mutex_unlock(&p->w->lock);
    return 0;
}

static void *worker(void *arg) {
    work *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        task *t = w->next < w->count ? &w->tasks[w->next++] : NULL;
        pthread_mutex_unlock(&w->lock);
        if (t == NULL) return NULL;

        tsc_error *err = NULL;
        tsc_transfer_options *topts = NULL;
        progress_ctx ctx = {w, t};
        tsc_status st = tsc_transfer_options_new(&topts, &err);
        if (st == TSC_STATUS_OK) st = tsc_transfer_options_set_progress(topts, on_progress, &ctx, &err);
        if (st == TSC_STATUS_OK)
            st = t->pdf ? tsc_views_populate_pdf_to_file(w->server, t->view_id, NULL, t->path, topts, NULL, &err)
                        : tsc_views_populate_image_to_file(w->server, t->view_id, NULL, t->path, topts, NULL, &err);
        tsc_transfer_options_free(topts);

        pthread_mutex_lock(&w->lock);
        w->finished++;
        if (st != TSC_STATUS_OK) {
            t->failed = 1;
            w->failures++;
            fprintf(stderr, "%s  %s (%s): %s\n", on_terminal ? "\n" : "", t->view_name, t->pdf ? "PDF" : "PNG",
                    err != NULL ? tsc_error_message(err) : tsc_status_str(st));
        }
        show(w, 1);
        pthread_mutex_unlock(&w->lock);
        tsc_error_free(err);
    }
}

/* "NN Name.ext" in `dir`: the view's name reduced to what any file system accepts. */
static void file_name(char *out, size_t cap, const char *dir, size_t index, const char *name, const char *ext) {
    char safe[200];
    size_t n = 0;
    for (const char *c = name; *c != '\0' && n + 1 < sizeof safe; c++) {
        int ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == ' ' ||
                 *c == '-' || *c == '_';
        safe[n++] = ok ? *c : '_';
    }
    safe[n] = '\0';
    snprintf(out, cap, "%s/%02zu %s.%s", dir, index + 1, safe, ext);
}

int main(int argc, char **argv) {
    const char *url = getenv("TSC_SERVER");
    if (url == NULL) {
        fprintf(stderr, "set TSC_SERVER (and TSC_USER/TSC_PASSWORD or TSC_PAT_NAME/TSC_PAT_SECRET)\n");
        return 2;
    }
    const char *name = argc > 1 ? argv[1] : NULL;
    const char *dir = argc > 2 ? argv[2] : "exports";
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        perror(dir);
        return 1;
    }

    int rc = 0;
    tsc_error *err = NULL;
    tsc_server_options *opts = NULL;
    tsc_server *server = NULL;
    tsc_credentials *creds = NULL;
    tsc_request_options *query = NULL;
    tsc_workbook_list *found = NULL;
    tsc_view_list *views = NULL;
    task *tasks = NULL;
    work w;
    memset(&w, 0, sizeof w);

    TRY("tsc_server_options_new", tsc_server_options_new(url, &opts, &err));
    TRY("tsc_server_new", tsc_server_new(opts, &server, &err));
    if (getenv("TSC_PAT_NAME") != NULL) {
        TRY("tsc_credentials_new_pat",
            tsc_credentials_new_pat(getenv("TSC_PAT_NAME"), env("TSC_PAT_SECRET", ""), env("TSC_SITE", ""), &creds, &err));
    } else {
        TRY("tsc_credentials_new_password", tsc_credentials_new_password(env("TSC_USER", "admin"),
                                                                         env("TSC_PASSWORD", ""), env("TSC_SITE", ""),
                                                                         &creds, &err));
    }
    TRY("tsc_auth_sign_in", tsc_auth_sign_in(server, creds, &err));

    /* The workbook: by name, or the site's first one. */
    TRY("tsc_request_options_new", tsc_request_options_new(&query, &err));
    if (name != NULL)
        TRY("tsc_request_options_add_filter",
            tsc_request_options_add_filter(query, "name", TSC_FILTER_OP_EQ, name, &err));
    TRY("tsc_request_options_set_page_size", tsc_request_options_set_page_size(query, 1, &err));
    TRY("tsc_workbooks_get", tsc_workbooks_get(server, query, &found, &err));
    if (tsc_workbook_list_count(found) == 0) {
        if (name != NULL)
            fprintf(stderr, "no workbook is named \"%s\"\n", name);
        else
            fprintf(stderr, "the site has no workbook\n");
        rc = 1;
        goto done;
    }
    const tsc_workbook *wb = tsc_workbook_list_get(found, 0);
    TRY("tsc_workbooks_populate_views", tsc_workbooks_populate_views(server, wb, 0, &views, &err));
    size_t nviews = tsc_view_list_count(views);
    printf("Exporting the %zu views of \"%s\" as PNG and PDF into %s/ on %d threads\n", nviews, tsc_workbook_name(wb),
           dir, EXPORT_THREADS);

    /* Two tasks per view, taken in turn by the threads. */
    w.server = server;
    w.count = 2 * nviews;
    tasks = calloc(w.count > 0 ? w.count : 1, sizeof *tasks);
    if (tasks == NULL) {
        fprintf(stderr, "out of memory\n");
        rc = 1;
        goto done;
    }
    for (size_t i = 0; i < nviews; i++) {
        const tsc_view *v = tsc_view_list_get(views, i);
        for (int pdf = 0; pdf < 2; pdf++) {
            task *t = &tasks[2 * i + (size_t)pdf];
            t->view_id = tsc_view_id(v);
            t->view_name = tsc_view_name(v);
            t->pdf = pdf;
            file_name(t->path, sizeof t->path, dir, i, t->view_name, pdf ? "pdf" : "png");
        }
    }
    w.tasks = tasks;
    on_terminal = isatty(STDOUT_FILENO);
    pthread_mutex_init(&w.lock, NULL);
    pthread_t threads[EXPORT_THREADS];
    int started = 0;
    for (int i = 0; i < EXPORT_THREADS; i++) {
        if (pthread_create(&threads[i], NULL, worker, &w) != 0) break;
        started++;
    }
    if (started == 0) worker(&w); /* no thread could start: do it all here */
    for (int i = 0; i < started; i++) pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&w.lock);
    if (on_terminal) printf("\n");

    for (size_t i = 0; i < w.count; i++)
        if (!tasks[i].failed) printf("  %s (%llu bytes)\n", tasks[i].path, (unsigned long long)tasks[i].bytes);
    printf("%zu files exported, %zu failed.\n", w.count - w.failures, w.failures);
    if (w.failures > 0) rc = 1;

done:
    free(tasks);
    tsc_view_list_free(views);
    tsc_workbook_list_free(found);
    tsc_request_options_free(query);
    if (server != NULL && tsc_auth_sign_out(server, NULL) != TSC_STATUS_OK) rc = 1;
    tsc_credentials_free(creds);
    tsc_server_free(server);
    tsc_server_options_free(opts);
    return rc;
}
