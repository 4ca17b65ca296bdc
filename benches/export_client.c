/* export_client.c: libtsc's side of the export benchmark (benches/run_exports.sh): N view images
 * (PNG, into memory) exported by THREADS threads sharing one signed-in server handle, the views
 * taken in turn from the site's views. Prints `seconds=S images=N bytes=B hwm_kib=K`.
 *
 *   export_client URL N THREADS */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <string.h>

#include "bench_util.h"

static tsc_server *S;
static tsc_view_list *VIEWS;
static int N, THREADS;
static unsigned long long BYTES[64];

static void *worker(void *arg) {
    int t = (int)(long)arg;
    for (int i = t; i < N; i += THREADS) {
        const tsc_view *v = tsc_view_list_get(VIEWS, (size_t)i % tsc_view_list_count(VIEWS));
        tsc_bytes *png = NULL;
        tsc_error *err = NULL;
        if (tsc_views_populate_image(S, tsc_view_id(v), NULL, &png, &err)) die("tsc_views_populate_image", err);
        if (tsc_bytes_len(png) < 8 || memcmp(tsc_bytes_data(png), "\x89PNG", 4) != 0) die("a PNG", NULL);
        BYTES[t] += tsc_bytes_len(png);
        tsc_bytes_free(png);
    }
    return NULL;
}

static long hwm_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long k = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "VmHWM:", 6) == 0) k = atol(line + 6);
    if (f != NULL) fclose(f);
    return k;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: export_client URL N THREADS\n");
        return 2;
    }
    N = atoi(argv[2]);
    THREADS = atoi(argv[3]);
    if (N < 1 || THREADS < 1 || THREADS > 64) return 2;
    S = bench_sign_in(argv[1]);
    tsc_error *err = NULL;
    if (tsc_views_get(S, NULL, 0, &VIEWS, &err)) die("tsc_views_get", err);
    if (tsc_view_list_count(VIEWS) == 0) die("views on the site", NULL);
    pthread_t th[64];
    double t0 = now_ms();
    for (int t = 0; t < THREADS; t++) pthread_create(&th[t], NULL, worker, (void *)(long)t);
    unsigned long long total = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(th[t], NULL);
        total += BYTES[t];
    }
    double secs = (now_ms() - t0) / 1000.0;
    printf("seconds=%.3f images=%d bytes=%llu hwm_kib=%ld\n", secs, N, total, hwm_kib());
    tsc_view_list_free(VIEWS);
    tsc_server_free(S);
    return 0;
}
