/* transfer_client.c: the libtsc side of the transfer benchmark (benches/run_transfers.sh). Publishes
 * a data source file or downloads one through the C API, timing only the transfer (not the
 * sign-in), and reports its own peak resident memory (VmHWM).
 *
 *   transfer_client publish FILE NAME CHUNK_BYTES
 *   transfer_client download DATASOURCE_ID DIR
 *
 * Prints one line: `<op> bytes=N seconds=S MiB/s=R hwm_kib=K [id=ID|path=P]`.
 * Environment: TSC_SERVER, TSC_USER, TSC_PASSWORD (as the examples).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsc.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Peak resident set size of this process, in KiB. */
static long vm_hwm_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "VmHWM:", 6) == 0) v = strtol(line + 6, NULL, 10);
    }
    if (f != NULL) fclose(f);
    return v;
}

static uint64_t last_done;

static int32_t on_progress(void *ud, uint64_t done, int64_t total) {
    (void)ud;
    (void)total;
    last_done = done;
    return TSC_CB_CONTINUE;
}

static int fail(const char *what, tsc_status st, tsc_error *e) {
    fprintf(stderr, "%s: %s: %s\n", what, tsc_status_str(st), e ? tsc_error_message(e) : "");
    tsc_error_free(e);
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 5 && !(argc == 4 && strcmp(argv[1], "download") == 0)) {
        fprintf(stderr, "usage: %s publish FILE NAME CHUNK_BYTES | download ID DIR\n", argv[0]);
        return 2;
    }
    const char *url = getenv("TSC_SERVER");
    tsc_error *e = NULL;
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    tsc_credentials *c = NULL;
    tsc_status st;
    if ((st = tsc_server_options_new(url ? url : "", &o, &e)) || (st = tsc_server_new(o, &s, &e))) return fail("server", st, e);
    tsc_server_options_free(o);
    const char *user = getenv("TSC_USER"), *pw = getenv("TSC_PASSWORD");
    if ((st = tsc_credentials_new_password(user ? user : "admin", pw ? pw : "admin", "", &c, &e)) ||
        (st = tsc_auth_sign_in(s, c, &e)))
        return fail("sign in", st, e);
    tsc_credentials_free(c);
    tsc_transfer_options *to = NULL;
    if ((st = tsc_transfer_options_new(&to, &e)) || (st = tsc_transfer_options_set_progress(to, on_progress, NULL, &e)))
        return fail("options", st, e);

    int rc = 0;
    double t0 = now(), t1;
    if (strcmp(argv[1], "publish") == 0) {
        tsc_datasource *item = NULL, *ds = NULL;
        if ((st = tsc_transfer_options_set_chunk_size(to, strtoull(argv[4], NULL, 10), &e)) ||
            (st = tsc_datasource_new(argv[3], "", &item, &e)) || (st = tsc_datasource_set_project_id(item, NULL, &e)))
            return fail("publish options", st, e);
        t0 = now();
        st = tsc_datasources_publish(s, item, argv[2], TSC_PUBLISH_MODE_OVERWRITE, NULL, to, &ds, NULL, &e);
        t1 = now();
        if (st) {
            rc = fail("publish", st, e);
        } else {
            printf("publish bytes=%llu seconds=%.3f MiB/s=%.1f hwm_kib=%ld id=%s\n", (unsigned long long)last_done,
                   t1 - t0, last_done / 1048576.0 / (t1 - t0), vm_hwm_kib(), tsc_datasource_id(ds));
        }
        tsc_datasource_free(ds);
        tsc_datasource_free(item);
    } else {
        char *path = NULL;
        t0 = now();
        st = tsc_datasources_download(s, argv[2], argv[3], to, &path, &e);
        t1 = now();
        if (st) {
            rc = fail("download", st, e);
        } else {
            printf("download bytes=%llu seconds=%.3f MiB/s=%.1f hwm_kib=%ld path=%s\n", (unsigned long long)last_done,
                   t1 - t0, last_done / 1048576.0 / (t1 - t0), vm_hwm_kib(), path);
        }
        tsc_string_free(path);
    }
    tsc_transfer_options_free(to);
    tsc_server_free(s);
    return rc;
}
