/* job_wait.c: libtsc's tsc_jobs_wait_for_job on many jobs at once. Refreshes the data sources
 * whose names start with PREFIX (the emulator gives job i the duration DELAYS[i], in the order
 * of the refreshes: benches/run_jobs.sh posts them as /_emulator/jobOutcomes), then THREADS
 * threads take the jobs in order, as a thread pool does, and wait for each. For each job it
 * prints when its end was learnt, after the moment it ended (created + its duration).
 *
 * The emulator ends job i at the epoch millisecond END0 + DELAYS[i] (fixed before either client
 * runs, so that both start waiting at the same point of their jobs' lives); lateness is measured
 * on the real-time clock against that.
 *
 * Usage: job_wait URL PREFIX THREADS END0 DELAY_MS...   (prints "lateness_ms" lines, then a summary)
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <string.h>

#include "bench_util.h"

#define MAX_JOBS 1000

static tsc_server *S;
static int N;
static char *JOB_ID[MAX_JOBS];
static double CREATED[MAX_JOBS], DELAY[MAX_JOBS], LEARNT[MAX_JOBS];
static int NEXT = 0;
static pthread_mutex_t LOCK = PTHREAD_MUTEX_INITIALIZER;

static double epoch_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&LOCK);
        int i = NEXT < N ? NEXT++ : -1;
        pthread_mutex_unlock(&LOCK);
        if (i < 0) return NULL;
        tsc_error *err = NULL;
        tsc_job *done = NULL;
        if (tsc_jobs_wait_for_job(S, JOB_ID[i], 0, NULL, &done, &err)) die("tsc_jobs_wait_for_job", err);
        LEARNT[i] = epoch_ms();
        tsc_job_free(done);
    }
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: job_wait URL PREFIX THREADS END0 DELAY_MS...\n");
        return 2;
    }
    const char *prefix = argv[2];
    int threads = atoi(argv[3]);
    double end0 = atof(argv[4]);
    N = argc - 5;
    if (N > MAX_JOBS || threads < 1) return 2;
    S = bench_sign_in(argv[1]);
    tsc_error *err = NULL;
    tsc_request_options *ro = NULL;
    if (tsc_request_options_new(&ro, &err)) die("tsc_request_options_new", err);
    if (tsc_request_options_add_sort(ro, "name", TSC_SORT_DIRECTION_ASC, &err)) die("add_sort", err);
    tsc_datasource_list *l = NULL;
    if (tsc_datasources_get(S, ro, &l, &err)) die("tsc_datasources_get", err);
    int made = 0;
    for (size_t k = 0; k < tsc_datasource_list_count(l) && made < N; k++) {
        const tsc_datasource *d = tsc_datasource_list_get(l, k);
        if (strncmp(tsc_datasource_name(d), prefix, strlen(prefix)) != 0) continue;
        tsc_job *job = NULL;
        if (tsc_datasources_refresh(S, tsc_datasource_id(d), 0, &job, &err)) die("tsc_datasources_refresh", err);
        CREATED[made] = end0;
        DELAY[made] = atof(argv[5 + made]);
        JOB_ID[made] = strdup(tsc_job_id(job));
        tsc_job_free(job);
        made++;
    }
    tsc_datasource_list_free(l);
    tsc_request_options_free(ro);
    if (made != N) {
        fprintf(stderr, "only %d data sources named %s*\n", made, prefix);
        return 1;
    }
    pthread_t t[256];
    if (threads > 256) threads = 256;
    double start = now_ms();
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    double total = now_ms() - start;
    double late[MAX_JOBS], sum = 0;
    for (int i = 0; i < N; i++) {
        late[i] = LEARNT[i] - (CREATED[i] + DELAY[i]);
        sum += late[i];
        printf("lateness_ms %d %.1f\n", i, late[i]);
        free(JOB_ID[i]);
    }
    qsort(late, (size_t)N, sizeof late[0], cmp);
    printf("libtsc %s wait_for_job, %d jobs, %d threads: all ended after %.0f ms; lateness mean %.0f ms, "
           "median %.0f ms, p95 %.0f ms, max %.0f ms\n",
           tsc_version(), N, threads, total, sum / N, late[N / 2], late[(N * 95) / 100], late[N - 1]);
    if (tsc_auth_sign_out(S, &err)) die("tsc_auth_sign_out", err);
    tsc_server_free(S);
    return 0;
}
