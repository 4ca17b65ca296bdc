/* refresh_and_wait.c: publish a data source, refresh its extract, wait for the refresh job with
 * its progress shown, and print how it ended.
 *
 *   refresh_and_wait [DATASOURCE.tds|.tdsx|.hyper]
 *
 * Without an argument it writes a small data source of its own ("Example Orders.tds", a
 * PostgreSQL connection) into the current directory and publishes that into the site's default
 * project (replacing one of the same name). The refresh job is waited on with
 * tsc_jobs_wait_for_job, a second at a time so that the progress can be drawn between waits; a
 * failed or cancelled job ends the wait with TSC_STATUS_JOB_FAILED / TSC_STATUS_JOB_CANCELLED and
 * the job's notes. Configuration comes from the environment, as for tour.c:
 *
 *   TSC_SERVER                    server URL, e.g. https://tableau.example.com (required)
 *   TSC_USER and TSC_PASSWORD     a user name and password, or
 *   TSC_PAT_NAME, TSC_PAT_SECRET  a personal access token
 *   TSC_SITE                      the site's content URL ("" or unset: the Default site)
 *
 * `make demo` runs it against a fresh tsc-emulator (whose jobs take 3 s there).
 * Build: cc -std=c99 refresh_and_wait.c $(pkg-config --cflags --libs tsc)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int write_sample(const char *path) {
    static const char *tds =
        "<?xml version='1.0' encoding='utf-8' ?>\n"
        "<datasource formatted-name='federated.0orders' inline='true' version='18.1' "
        "xmlns:user='http://www.tableausoftware.com/xml/user'>\n"
        "  <connection class='federated'>\n"
        "    <named-connections>\n"
        "      <named-connection caption='db.example.com' name='postgres.0orders'>\n"
        "        <connection class='postgres' dbname='orders' port='5432' server='db.example.com' "
        "username='analyst' />\n"
        "      </named-connection>\n"
        "    </named-connections>\n"
        "  </connection>\n"
        "</datasource>\n";
    FILE *f = fopen(path, "wb");
    if (f == NULL) return 1;
    size_t n = strlen(tds);
    int ok = fwrite(tds, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : 1;
}

static void draw(const tsc_job *job) {
    int64_t p = tsc_job_progress(job);
    if (p < 0) p = 0;
    int width = 40, filled = (int)(p * width / 100);
    printf("\r  %-11s [", tsc_job_started_at(job) ? "running" : "queued");
    for (int i = 0; i < width; i++) putchar(i < filled ? '#' : ' ');
    printf("] %3d%%", (int)p);
    fflush(stdout);
}

int main(int argc, char **argv) {
    const char *url = getenv("TSC_SERVER");
    if (url == NULL) {
        fprintf(stderr, "set TSC_SERVER (and TSC_USER/TSC_PASSWORD or TSC_PAT_NAME/TSC_PAT_SECRET)\n");
        return 2;
    }
    const char *file = argc > 1 ? argv[1] : "Example Orders.tds";
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
    tsc_datasource *item = NULL, *ds = NULL;
    tsc_job *job = NULL, *done = NULL, *now = NULL;

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

    const char *project_id = NULL;
    TRY("tsc_projects_get", tsc_projects_get(server, NULL, &projects, &err));
    for (size_t i = 0; i < tsc_project_list_count(projects); i++) {
        const tsc_project *p = tsc_project_list_get(projects, i);
        if (strcmp(tsc_project_name(p), "default") == 0 || strcmp(tsc_project_name(p), "Default") == 0) {
            project_id = tsc_project_id(p);
        }
    }
    if (project_id == NULL) {
        fprintf(stderr, "the site has no default project\n");
        rc = 1;
        goto done;
    }

    TRY("tsc_datasource_new", tsc_datasource_new("", project_id, &item, &err));
    TRY("tsc_datasources_publish",
        tsc_datasources_publish(server, item, file, TSC_PUBLISH_MODE_OVERWRITE, NULL, NULL, &ds, NULL, &err));
    printf("Published data source \"%s\" (id %s)\n", tsc_datasource_name(ds), tsc_datasource_id(ds));

    tsc_status st = tsc_datasources_refresh(server, tsc_datasource_id(ds), 0, &job, &err);
    if (st == TSC_STATUS_CONFLICT && err != NULL && tsc_error_server_code(err) != NULL &&
        strcmp(tsc_error_server_code(err), "409093") == 0) {
        printf("A refresh of it is already queued; nothing to wait for here.\n");
        tsc_error_free(err);
        err = NULL;
        goto done;
    }
    TRY("tsc_datasources_refresh", st);
    printf("Refresh job %s (%s)\n", tsc_job_id(job), tsc_job_job_type(job));

    /* wait a second at a time, drawing the progress in between (no limit overall) */
    for (;;) {
        st = tsc_jobs_wait_for_job(server, tsc_job_id(job), 1000, NULL, &done, &err);
        if (st != TSC_STATUS_TIMEOUT) break;
        tsc_error_free(err);
        err = NULL;
        TRY("tsc_jobs_get_by_id", tsc_jobs_get_by_id(server, tsc_job_id(job), &now, &err));
        draw(now);
        tsc_job_free(now);
        now = NULL;
    }
    if (st == TSC_STATUS_JOB_FAILED || st == TSC_STATUS_JOB_CANCELLED) {
        printf("\n");
        rc = report("the refresh", st, err);
        err = NULL;
        goto done;
    }
    TRY("tsc_jobs_wait_for_job", st);
    draw(done);
    printf("\nRefreshed: finished %s, notes: %s\n", tsc_job_completed_at(done),
           tsc_job_notes(done) ? tsc_job_notes(done) : "(none)");

done:
    tsc_job_free(done);
    tsc_job_free(job);
    tsc_datasource_free(ds);
    tsc_datasource_free(item);
    tsc_project_list_free(projects);
    if (server != NULL && tsc_server_is_signed_in(server) == 1) {
        tsc_status s2 = tsc_auth_sign_out(server, NULL);
        (void)s2;
    }
    tsc_credentials_free(creds);
    tsc_server_free(server);
    tsc_server_options_free(opts);
    return rc;
}
