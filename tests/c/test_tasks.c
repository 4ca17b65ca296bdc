/* test_tasks.c: tasks end to end through the C API: extract refresh tasks made by adding a
 * workbook and a data source to a schedule, listed (and paged), fetched by id, run now (the job
 * waited on, successfully and failing), created with their own schedule, data acceleration
 * tasks, deleted; and the refusals: unknown ids, task types and targets, intervals the server
 * refuses. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;

static tsc_schedule *schedule(const char *name, const char *type) {
    tsc_schedule *s = NULL, *out = NULL;
    OK(tsc_schedule_new(name, type, "Daily", "03:00:00", &s, &E));
    OK(tsc_schedules_create(S, s, &out, &E));
    tsc_schedule_free(s);
    return out;
}

static const tsc_task *find(const tsc_task_list *l, const char *target) {
    for (size_t i = 0; l != NULL && i < tsc_task_list_count(l); i++) {
        const tsc_task *t = tsc_task_list_get(l, i);
        const char *w = tsc_task_workbook_id(t), *d = tsc_task_datasource_id(t);
        if ((w && strcmp(w, target) == 0) || (d && strcmp(d, target) == 0)) return t;
    }
    return NULL;
}

static void test_tasks(void) {
    tsc_workbook *wb = publish_superstore(S, PROJECT, "Task book");
    tsc_datasource *ds = publish_extract(S, PROJECT, "Task source");
    tsc_schedule *nightly = schedule("Nightly", "Extract");
    OK(tsc_schedules_add_workbook(S, tsc_schedule_id(nightly), tsc_workbook_id(wb), &E));
    OK(tsc_schedules_add_datasource(S, tsc_schedule_id(nightly), tsc_datasource_id(ds), &E));

    /* listed */
    tsc_task_list *l = NULL;
    OK(tsc_tasks_get(S, NULL, NULL, &l, &E));
    CHECK(tsc_task_list_count(l) == 2);
    const tsc_task *tw = find(l, tsc_workbook_id(wb));
    const tsc_task *td = find(l, tsc_datasource_id(ds));
    CHECK(tw != NULL && td != NULL);
    char task_id[64] = {0};
    if (td != NULL) {
        CHECK_STR(tsc_task_task_type(td), "extractRefresh");
        CHECK_STR(tsc_task_refresh_type(td), "FullRefresh");
        CHECK_STR(tsc_task_schedule_id(td), tsc_schedule_id(nightly));
        CHECK_STR(tsc_task_schedule_name(td), "Nightly");
        CHECK_STR(tsc_task_frequency(td), "Daily");
        CHECK(tsc_task_priority(td) == 50);
        CHECK(tsc_task_consecutive_failed_count(td) == 0);
        CHECK(tsc_task_last_run_at(td) == NULL);
        CHECK(tsc_task_workbook_id(td) == NULL);
        snprintf(task_id, sizeof task_id, "%s", tsc_task_id(td));
    }
    tsc_task_list_free(l);
    l = NULL;
    OK(tsc_tasks_get(S, "extractRefresh", NULL, &l, &E));
    CHECK(tsc_task_list_count(l) == 2);
    tsc_task_list_free(l);
    l = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_tasks_get(S, "refreshes", NULL, &l, &E));

    /* paged */
    tsc_request_options *ro = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_set_page_size(ro, 1, &E));
    tsc_task_pager *p = NULL;
    OK(tsc_tasks_pager(S, NULL, ro, 0, &p, &E));
    size_t seen = 0;
    for (;;) {
        tsc_task_list *page = NULL;
        OK(tsc_task_pager_next(p, &page, &E));
        if (page == NULL) break;
        seen += tsc_task_list_count(page);
        tsc_task_list_free(page);
    }
    CHECK(seen == 2);
    tsc_task_pager_free(p);
    tsc_request_options_free(ro);

    /* by id, run now, waited on */
    tsc_task *t = NULL;
    OK(tsc_tasks_get_by_id(S, task_id, &t, &E));
    CHECK_STR(tsc_task_datasource_id(t), tsc_datasource_id(ds));
    tsc_task_free(t);
    t = NULL;
    tsc_job *job = NULL, *done = NULL;
    OK(tsc_tasks_run(S, task_id, &job, &E));
    CHECK_STR(tsc_job_job_type(job), "RefreshExtract");
    CHECK_STR(tsc_job_datasource_id(job), tsc_datasource_id(ds));
    OK(tsc_jobs_wait_for_job(S, tsc_job_id(job), 0, NULL, &done, &E));
    CHECK(tsc_job_finish_code(done) == 0);
    tsc_job_free(done);
    done = NULL;
    tsc_job_free(job);
    job = NULL;
    OK(tsc_tasks_get_by_id(S, task_id, &t, &E));
    CHECK(tsc_task_last_run_at(t) != NULL);
    tsc_task_free(t);
    t = NULL;
    /* a run that fails */
    CHECK(emu_control("POST", "/_emulator/jobOutcomes?finishCode=1&notes=credentials%20expired", NULL) == 200);
    OK(tsc_tasks_run(S, task_id, &job, &E));
    tsc_status st = tsc_jobs_wait_for_job(S, tsc_job_id(job), 0, NULL, &done, &E);
    CHECK(st == TSC_STATUS_JOB_FAILED && E != NULL && strstr(tsc_error_message(E), "credentials expired") != NULL);
    tsc_error_free(E);
    E = NULL;
    tsc_job_free(job);
    job = NULL;
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404030", tsc_tasks_run(S, "00000000-0000-0000-0000-000000000000", &job, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_tasks_get_by_id(S, "00000000-0000-0000-0000-000000000000", &t, &E));

    /* created with its own schedule */
    tsc_schedule *own = NULL;
    OK(tsc_schedule_new("unused", "Extract", "Weekly", "04:00:00", &own, &E));
    OK(tsc_schedule_set_intervals(own, "weekDay=Sunday", &E));
    OK(tsc_tasks_create(S, own, "workbook", tsc_workbook_id(wb), 1, &t, &E));
    CHECK(t != NULL && tsc_task_id(t) != NULL);
    CHECK_STR(tsc_task_refresh_type(t), "IncrementalRefresh");
    CHECK_STR(tsc_task_workbook_id(t), tsc_workbook_id(wb));
    CHECK_STR(tsc_task_frequency(t), "Weekly");
    CHECK(tsc_task_schedule_id(t) == NULL);
    tsc_task *again = NULL;
    OK(tsc_tasks_get_by_id(S, tsc_task_id(t), &again, &E));
    CHECK_STR(tsc_task_frequency(again), "Weekly");
    tsc_task_free(again);
    again = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_tasks_create(S, own, "view", tsc_workbook_id(wb), 0, &again, &E));
    FAILS(TSC_STATUS_NOT_FOUND,
          tsc_tasks_create(S, own, "datasource", "00000000-0000-0000-0000-000000000000", 0, &again, &E));
    OK(tsc_schedule_set_intervals(own, "monthDay=2", &E));
    FAILS(TSC_STATUS_BAD_REQUEST, tsc_tasks_create(S, own, "workbook", tsc_workbook_id(wb), 0, &again, &E));
    CHECK(again == NULL);
    tsc_schedule_free(own);

    /* data acceleration */
    tsc_schedule *accel = schedule("Acceleration", "DataAcceleration");
    OK(tsc_schedules_add_workbook_data_acceleration(S, tsc_schedule_id(accel), tsc_workbook_id(wb), &E));
    FAILS(TSC_STATUS_BAD_REQUEST,
          tsc_schedules_add_workbook_data_acceleration(S, tsc_schedule_id(nightly), tsc_workbook_id(wb), &E));
    OK(tsc_tasks_get(S, "dataAcceleration", NULL, &l, &E));
    CHECK(tsc_task_list_count(l) == 1);
    char accel_id[64] = {0};
    if (tsc_task_list_count(l) == 1) {
        const tsc_task *a = tsc_task_list_get(l, 0);
        CHECK_STR(tsc_task_task_type(a), "dataAcceleration");
        CHECK_STR(tsc_task_workbook_id(a), tsc_workbook_id(wb));
        snprintf(accel_id, sizeof accel_id, "%s", tsc_task_id(a));
    }
    tsc_task_list_free(l);
    l = NULL;

    /* deleted */
    OK(tsc_tasks_delete(S, tsc_task_id(t), NULL, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_tasks_get_by_id(S, tsc_task_id(t), &again, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_tasks_delete(S, tsc_task_id(t), NULL, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_tasks_delete(S, accel_id, "extractRefresh", &E));
    OK(tsc_tasks_delete(S, accel_id, "dataAcceleration", &E));
    OK(tsc_tasks_get(S, "dataAcceleration", NULL, &l, &E));
    CHECK(tsc_task_list_count(l) == 0);
    tsc_task_list_free(l);
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_tasks_delete(S, accel_id, "nope", &E));
    tsc_task_free(t);

    tsc_schedule_free(nightly);
    tsc_schedule_free(accel);
    tsc_workbook_free(wb);
    tsc_datasource_free(ds);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    test_tasks();
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    free(PROJECT);
    return check_finish();
}
