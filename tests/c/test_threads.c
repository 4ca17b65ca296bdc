/* test_threads.c: one tsc_server used from 8 threads at once gives correct results. Each thread
 * creates its own project, finds it by a filtered listing and by id, lists sites, and deletes it;
 * the main thread then checks that exactly the expected projects came and went. */
#include "check.h"

#include <pthread.h>

#define THREADS 8
#define ROUNDS 5

static tsc_server *shared;

struct result {
    int index;
    int ok;
    int failed;
};

static void *worker(void *arg) {
    struct result *r = arg;
    tsc_error *err = NULL;
    for (int round = 0; round < ROUNDS; round++) {
        char name[64];
        snprintf(name, sizeof name, "Thread %d round %d", r->index, round);
        tsc_project *draft = NULL, *made = NULL, *got = NULL;
        tsc_project_list *list = NULL;
        tsc_site_list *sites = NULL;
        tsc_request_options *o = NULL;
        int good = tsc_project_new(name, &draft, &err) == TSC_STATUS_OK &&
                   tsc_projects_create(shared, draft, &made, &err) == TSC_STATUS_OK &&
                   strcmp(tsc_project_name(made), name) == 0 &&
                   tsc_request_options_new(&o, &err) == TSC_STATUS_OK &&
                   tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_EQ, name, &err) == TSC_STATUS_OK &&
                   tsc_projects_get(shared, o, &list, &err) == TSC_STATUS_OK &&
                   tsc_project_list_count(list) == 1 &&
                   strcmp(tsc_project_id(tsc_project_list_get(list, 0)), tsc_project_id(made)) == 0 &&
                   tsc_projects_get_by_id(shared, tsc_project_id(made), &got, &err) == TSC_STATUS_OK &&
                   strcmp(tsc_project_name(got), name) == 0 &&
                   tsc_sites_get(shared, NULL, &sites, &err) == TSC_STATUS_OK &&
                   tsc_site_list_count(sites) >= 1 &&
                   tsc_projects_delete(shared, tsc_project_id(made), &err) == TSC_STATUS_OK;
        if (good) {
            r->ok++;
        } else {
            r->failed++;
            fprintf(stderr, "thread %d round %d: %s\n", r->index, round, err ? tsc_error_message(err) : "wrong result");
        }
        tsc_error_free(err);
        err = NULL;
        tsc_project_free(draft);
        tsc_project_free(made);
        tsc_project_free(got);
        tsc_project_list_free(list);
        tsc_site_list_free(sites);
        tsc_request_options_free(o);
    }
    return NULL;
}

int main(void) {
    shared = test_server();
    test_sign_in(shared, "");
    tsc_project_list *before = NULL;
    OK(tsc_projects_get(shared, NULL, &before, &E));
    int64_t total_before = tsc_project_list_total_available(before);
    tsc_project_list_free(before);

    pthread_t t[THREADS];
    struct result r[THREADS];
    for (int i = 0; i < THREADS; i++) {
        r[i].index = i;
        r[i].ok = r[i].failed = 0;
        CHECK(pthread_create(&t[i], NULL, worker, &r[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_join(t[i], NULL) == 0);
        CHECK(r[i].ok == ROUNDS);
        CHECK(r[i].failed == 0);
    }

    tsc_project_list *after = NULL;
    OK(tsc_projects_get(shared, NULL, &after, &E));
    CHECK(tsc_project_list_total_available(after) == total_before);
    tsc_project_list_free(after);
    OK(tsc_auth_sign_out(shared, &E));
    tsc_server_free(shared);
    return check_finish();
}
