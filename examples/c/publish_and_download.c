/* publish_and_download.c: publish a workbook with a progress bar, list its views, download it back.
 *
 *   publish_and_download [WORKBOOK.twb|WORKBOOK.twbx]
 *
 * Without an argument it writes a small workbook of its own ("Example Sales.twb": two worksheets
 * and a dashboard over a PostgreSQL connection) into the current directory and publishes that.
 * The workbook goes into the site's default project (replacing one of the same name), its views
 * are listed, it is downloaded into ./downloads under the name the server gives it (made safe), and
 * finally deleted again. Configuration comes from the environment, as for tour.c:
 *
 *   TSC_SERVER                    server URL, e.g. https://tableau.example.com (required)
 *   TSC_USER and TSC_PASSWORD     a user name and password, or
 *   TSC_PAT_NAME, TSC_PAT_SECRET  a personal access token
 *   TSC_SITE                      the site's content URL ("" or unset: the Default site)
 *
 * `make demo` runs it against a fresh tsc-emulator.
 * Build: cc -std=c99 publish_and_download.c $(pkg-config --cflags --libs tsc)
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tsc.h"

static int report(const char *what, tsc_status status, tsc_error *err) {
    fprintf(stderr, "\n%s failed: %s (status %d)\n", what, tsc_status_str(status), (int)status);
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

/* The progress callback: redraws a bar on the terminal. Runs on this thread, during the call. */
static int32_t progress_bar(void *userdata, uint64_t done, int64_t total) {
    const char *what = userdata;
    int width = 40, filled = total > 0 ? (int)(done * (uint64_t)width / (uint64_t)total) : 0;
    printf("\r  %-9s [", what);
    for (int i = 0; i < width; i++) putchar(i < filled ? '#' : ' ');
    if (total >= 0) {
        printf("] %3d%%  %.1f of %.1f KiB", (int)(total > 0 ? done * 100 / (uint64_t)total : 100), done / 1024.0,
               total / 1024.0);
    } else {
        printf("] %.1f KiB", done / 1024.0);
    }
    if (total >= 0 && done == (uint64_t)total) putchar('\n');
    fflush(stdout);
    return TSC_CB_CONTINUE;
}

/* Writes a small but complete .twb; returns 0 on success. */
static int write_sample(const char *path) {
    static const char *twb =
        "<?xml version='1.0' encoding='utf-8' ?>\n"
        "<workbook source-build='2023.3.0 (20233.23.1017.0948)' source-platform='linux' version='18.1' "
        "xmlns:user='http://www.tableausoftware.com/xml/user'>\n"
        "  <datasources>\n"
        "    <datasource caption='Sales' inline='true' name='federated.0example' version='18.1'>\n"
        "      <connection class='federated'>\n"
        "        <named-connections>\n"
        "          <named-connection caption='db.example.com' name='postgres.0example'>\n"
        "            <connection class='postgres' dbname='sales' port='5432' server='db.example.com' "
        "username='analyst' />\n"
        "          </named-connection>\n"
        "        </named-connections>\n"
        "      </connection>\n"
        "    </datasource>\n"
        "  </datasources>\n"
        "  <worksheets>\n"
        "    <worksheet name='Revenue by Month'>\n"
        "      <table><view><datasources><datasource name='federated.0example' /></datasources></view>"
        "<style /><panes><pane><mark class='Automatic' /></pane></panes><rows /><cols /></table>\n"
        "    </worksheet>\n"
        "    <worksheet name='Top Customers'>\n"
        "      <table><view><datasources><datasource name='federated.0example' /></datasources></view>"
        "<style /><panes><pane><mark class='Bar' /></pane></panes><rows /><cols /></table>\n"
        "    </worksheet>\n"
        "  </worksheets>\n"
        "  <dashboards>\n"
        "    <dashboard name='Sales Overview'>\n"
        "      <size maxheight='800' maxwidth='1000' minheight='800' minwidth='1000' />\n"
        "      <zones />\n"
        "    </dashboard>\n"
        "  </dashboards>\n"
        "  <windows />\n"
        "</workbook>\n";
    FILE *f = fopen(path, "wb");
    if (f == NULL) return 1;
    size_t n = strlen(twb);
    int ok = fwrite(twb, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : 1;
}

int main(int argc, char **argv) {
    const char *url = getenv("TSC_SERVER");
    if (url == NULL) {
        fprintf(stderr, "set TSC_SERVER (and TSC_USER/TSC_PASSWORD or TSC_PAT_NAME/TSC_PAT_SECRET)\n");
        return 2;
    }
    const char *file = argc > 1 ? argv[1] : "Example Sales.twb";
    if (argc <= 1 && write_sample(file) != 0) {
        fprintf(stderr, "cannot write %s\n", file);
        return 1;
    }
    int rc = 0;
    tsc_error *err = NULL;
    tsc_server_options *opts = NULL;
    tsc_server *server = NULL;
    tsc_credentials *creds = NULL;
    tsc_project_list *projects = NULL;
    tsc_workbook *item = NULL, *wb = NULL;
    tsc_transfer_options *transfer = NULL;
    tsc_view_list *views = NULL;
    char *downloaded = NULL;

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

    /* the default project */
    const char *project_id = NULL;
    TRY("tsc_projects_get", tsc_projects_get(server, NULL, &projects, &err));
    for (size_t i = 0; i < tsc_project_list_count(projects); i++) {
        const tsc_project *p = tsc_project_list_get(projects, i);
        if (strcmp(tsc_project_name(p), "default") == 0 || strcmp(tsc_project_name(p), "Default") == 0) {
            project_id = tsc_project_id(p);
        }
    }
    if (project_id == NULL && tsc_project_list_count(projects) > 0) {
        project_id = tsc_project_id(tsc_project_list_get(projects, 0));
    }
    if (project_id == NULL) {
        fprintf(stderr, "the site has no project to publish into\n");
        rc = 1;
        goto done;
    }

    /* publish with a progress bar (an empty name takes the file's name) */
    printf("Publishing %s\n", file);
    TRY("tsc_transfer_options_new", tsc_transfer_options_new(&transfer, &err));
    TRY("tsc_transfer_options_set_progress",
        tsc_transfer_options_set_progress(transfer, progress_bar, (void *)"upload", &err));
    TRY("tsc_workbook_new", tsc_workbook_new("", project_id, &item, &err));
    TRY("tsc_workbook_set_show_tabs", tsc_workbook_set_show_tabs(item, 1, &err));
    TRY("tsc_workbooks_publish", tsc_workbooks_publish(server, item, file, TSC_PUBLISH_MODE_OVERWRITE, NULL, transfer,
                                                       &wb, NULL, &err));
    printf("Published \"%s\" (id %s) into project %s\n", tsc_workbook_name(wb), tsc_workbook_id(wb),
           tsc_workbook_project_name(wb) ? tsc_workbook_project_name(wb) : project_id);

    /* its views */
    TRY("tsc_workbooks_populate_views", tsc_workbooks_populate_views(server, wb, 0, &views, &err));
    printf("Views (%zu):\n", tsc_view_list_count(views));
    for (size_t i = 0; i < tsc_view_list_count(views); i++) {
        const tsc_view *v = tsc_view_list_get(views, i);
        printf("  %-24s %-10s %s\n", tsc_view_name(v), tsc_view_sheet_type(v) ? tsc_view_sheet_type(v) : "",
               tsc_view_content_url(v) ? tsc_view_content_url(v) : "");
    }

    /* download it back into ./downloads */
    if (mkdir("downloads", 0755) != 0 && errno != EEXIST) {
        perror("mkdir downloads");
        rc = 1;
        goto done;
    }
    printf("Downloading\n");
    TRY("tsc_transfer_options_set_progress",
        tsc_transfer_options_set_progress(transfer, progress_bar, (void *)"download", &err));
    TRY("tsc_workbooks_download", tsc_workbooks_download(server, tsc_workbook_id(wb), "downloads", transfer, &downloaded, &err));
    printf("Downloaded to %s\n", downloaded);

    TRY("tsc_workbooks_delete", tsc_workbooks_delete(server, tsc_workbook_id(wb), &err));
    printf("Deleted the workbook again\n");
    TRY("tsc_auth_sign_out", tsc_auth_sign_out(server, &err));
    printf("Signed out.\n");

done:
    tsc_string_free(downloaded);
    tsc_view_list_free(views);
    tsc_workbook_free(wb);
    tsc_workbook_free(item);
    tsc_transfer_options_free(transfer);
    tsc_project_list_free(projects);
    tsc_credentials_free(creds);
    tsc_server_free(server);
    tsc_server_options_free(opts);
    return rc;
}
