/* test_group_jobs.c: Active Directory groups imported and synchronised as jobs through the C
 * API (the emulator with Active Directory switched on): the job waited on, the group then on the
 * site with its domain and site role; and the refusals: a local group as a job (before any
 * request), a server without Active Directory (403011), an unknown group. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

static tsc_server *S;

static tsc_group *ad_group(const char *name) {
    tsc_group *g = NULL;
    OK(tsc_group_new(name, &g, &E));
    OK(tsc_group_set_domain_name(g, "example.com", &E));
    OK(tsc_group_set_minimum_site_role(g, "Viewer", &E));
    return g;
}

static void test_group_jobs(void) {
    tsc_group *g = ad_group("Analysts"), *local = NULL;
    tsc_job *job = NULL, *done = NULL;

    /* without Active Directory */
    FAILS_CODE(TSC_STATUS_FORBIDDEN, "403011", tsc_groups_create_as_job(S, g, &job, &E));
    CHECK(job == NULL);

    CHECK(emu_control("POST", "/_emulator/settings?activeDirectory=true&jobDelayMs=200", NULL) == 200);
    OK(tsc_groups_create_as_job(S, g, &job, &E));
    CHECK(job != NULL);
    CHECK_STR(tsc_job_job_type(job), "GroupImport");
    OK(tsc_jobs_wait_for_job(S, tsc_job_id(job), 0, NULL, &done, &E));
    CHECK(tsc_job_finish_code(done) == 0);
    tsc_job_free(done);
    done = NULL;
    tsc_job_free(job);
    job = NULL;

    /* the group is there, from Active Directory */
    tsc_request_options *ro = NULL;
    tsc_group_list *l = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_add_filter(ro, "name", TSC_FILTER_OP_EQ, "Analysts", &E));
    OK(tsc_groups_get(S, ro, &l, &E));
    CHECK(tsc_group_list_count(l) == 1);
    tsc_group *fetched = NULL;
    if (tsc_group_list_count(l) == 1) {
        const tsc_group *x = tsc_group_list_get(l, 0);
        CHECK_STR(tsc_group_domain_name(x), "example.com");
        CHECK_STR(tsc_group_minimum_site_role(x), "Viewer");
        fetched = tsc_group_clone(x);
    }
    tsc_group_list_free(l);
    tsc_request_options_free(ro);

    /* synchronised as a job, with another site role */
    if (fetched != NULL) {
        OK(tsc_group_set_minimum_site_role(fetched, "Explorer", &E));
        OK(tsc_groups_update_as_job(S, fetched, &job, &E));
        CHECK_STR(tsc_job_job_type(job), "GroupSync");
        OK(tsc_jobs_wait_for_job(S, tsc_job_id(job), 0, NULL, &done, &E));
        tsc_job_free(done);
        done = NULL;
        tsc_job_free(job);
        job = NULL;
        OK(tsc_request_options_new(&ro, &E));
        OK(tsc_request_options_add_filter(ro, "name", TSC_FILTER_OP_EQ, "Analysts", &E));
        OK(tsc_groups_get(S, ro, &l, &E));
        CHECK(tsc_group_list_count(l) == 1 &&
              strcmp(tsc_group_minimum_site_role(tsc_group_list_get(l, 0)), "Explorer") == 0);
        tsc_group_list_free(l);
        tsc_request_options_free(ro);
    }
    /* the same name again */
    FAILS_CODE(TSC_STATUS_CONFLICT, "409009", tsc_groups_create_as_job(S, g, &job, &E));

    /* a local group as a job: refused before any request */
    OK(tsc_group_new("Locals", &local, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_create_as_job(S, local, &job, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_update_as_job(S, local, &job, &E));
    CHECK(job == NULL);
    /* an Active Directory group without an id, and one that does not exist */
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_update_as_job(S, g, &job, &E));

    tsc_group_free(local);
    tsc_group_free(fetched);
    tsc_group_free(g);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    test_group_jobs();
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    return check_finish();
}
