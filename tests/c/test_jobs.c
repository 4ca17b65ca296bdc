/* test_jobs.c: jobs end to end through the C API: refreshing a data source and a workbook and
 * waiting for the job (every JobItem field read back), the duplicate-refresh answer 409093,
 * creating and deleting extracts, the background jobs listing and its pager, cancelling; and the
 * failures: a job that fails (fault injection) and one cancelled while another thread waits on
 * it, a wait that times out, a wait cancelled from another thread with a cancel token, unknown
 * ids. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;

/* hasExtracts and encryptExtracts of a workbook: listed with every field (not in get_by_id's
 * default reply). */
static void workbook_extract_flags(const char *name, int32_t *has, int32_t *encrypted) {
    tsc_request_options *ro = NULL;
    tsc_workbook_list *l = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_add_filter(ro, "name", TSC_FILTER_OP_EQ, name, &E));
    OK(tsc_request_options_add_field(ro, "_all_", &E));
    OK(tsc_workbooks_get(S, ro, &l, &E));
    CHECK(l != NULL && tsc_workbook_list_count(l) == 1);
    *has = *encrypted = -2;
    if (l != NULL && tsc_workbook_list_count(l) == 1) {
        *has = tsc_workbook_has_extracts(tsc_workbook_list_get(l, 0));
        *encrypted = tsc_workbook_encrypt_extracts(tsc_workbook_list_get(l, 0));
    }
    tsc_workbook_list_free(l);
    tsc_request_options_free(ro);
}

static int contains(const char *s, const char *part) {
    return s != NULL && strstr(s, part) != NULL;
}

static void test_refresh_and_wait(void) {
    tsc_datasource *ds = publish_extract(S, PROJECT, "Refreshed");
    const char *ds_id = tsc_datasource_id(ds);
    emu_set_job_delay(2000); /* long enough for the second refresh below to find it queued, even under valgrind */

    tsc_job *job = NULL;
    OK(tsc_datasources_refresh(S, ds_id, 0, &job, &E));
    CHECK(job != NULL);
    CHECK_STR(tsc_job_job_type(job), "RefreshExtract");
    CHECK_STR(tsc_job_datasource_id(job), ds_id);
    CHECK_STR(tsc_job_datasource_name(job), "Refreshed");
    CHECK(tsc_job_completed_at(job) == NULL);
    CHECK(tsc_job_created_at(job) != NULL);
    CHECK_STR(tsc_job_mode(job), "Asynchronous");

    /* a second refresh while the first is queued: Tableau's 409093, as a conflict */
    tsc_job *again = NULL;
    FAILS_CODE(TSC_STATUS_CONFLICT, "409093", tsc_datasources_refresh(S, ds_id, 0, &again, &E));
    CHECK(again == NULL);
    emu_set_job_delay(300); /* the later jobs of this test */

    tsc_job *done = NULL;
    OK(tsc_jobs_wait_for_job(S, tsc_job_id(job), 0, NULL, &done, &E));
    CHECK(done != NULL);
    CHECK_STR(tsc_job_id(done), tsc_job_id(job));
    CHECK(tsc_job_completed_at(done) != NULL);
    CHECK(tsc_job_started_at(done) != NULL);
    CHECK(tsc_job_finish_code(done) == 0);
    CHECK(tsc_job_progress(done) == 100);
    CHECK(contains(tsc_job_notes(done), "Finished full refresh"));
    CHECK_STR(tsc_job_datasource_id(done), ds_id);
    CHECK(tsc_job_workbook_id(done) == NULL);

    /* the same job by id, and a refresh is allowed again once it ended */
    tsc_job *by_id = NULL;
    OK(tsc_jobs_get_by_id(S, tsc_job_id(job), &by_id, &E));
    CHECK(tsc_job_finish_code(by_id) == 0);
    CHECK_STR(tsc_job_notes(by_id), tsc_job_notes(done));
    tsc_job_free(by_id);
    by_id = NULL;
    /* incremental (the emulator speaks 3.25+) */
    OK(tsc_datasources_refresh(S, ds_id, 1, &again, &E));
    OK(tsc_jobs_wait_for_job(S, tsc_job_id(again), 0, NULL, &by_id, &E));
    CHECK(contains(tsc_job_notes(by_id), "incremental"));
    tsc_job_free(by_id);
    tsc_job_free(again);
    /* a completed job cannot be cancelled */
    FAILS_CODE(TSC_STATUS_FORBIDDEN, "403091", tsc_jobs_cancel(S, tsc_job_id(job), &E));

    tsc_job_free(done);
    tsc_job_free(job);

    /* a workbook */
    tsc_workbook *wb = publish_superstore(S, PROJECT, "Refreshed book");
    job = NULL;
    done = NULL;
    OK(tsc_workbooks_refresh(S, tsc_workbook_id(wb), 0, &job, &E));
    CHECK_STR(tsc_job_workbook_id(job), tsc_workbook_id(wb));
    CHECK_STR(tsc_job_workbook_name(job), "Refreshed book");
    OK(tsc_jobs_wait_for_job(S, tsc_job_id(job), 60000, NULL, &done, &E));
    CHECK(tsc_job_finish_code(done) == 0);
    CHECK_STR(tsc_job_workbook_id(done), tsc_workbook_id(wb));
    tsc_job_free(done);
    tsc_job_free(job);

    /* unknown items and jobs */
    job = NULL;
    FAILS(TSC_STATUS_NOT_FOUND, tsc_workbooks_refresh(S, "00000000-0000-0000-0000-000000000000", 0, &job, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_datasources_refresh(S, "00000000-0000-0000-0000-000000000000", 0, &job, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404018", tsc_jobs_get_by_id(S, "00000000-0000-0000-0000-000000000000", &job, &E));
    FAILS(TSC_STATUS_NOT_FOUND,
          tsc_jobs_wait_for_job(S, "00000000-0000-0000-0000-000000000000", 1000, NULL, &job, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_jobs_get_by_id(S, "", &job, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_datasources_refresh(S, " ", 0, &job, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_datasources_refresh(S, ds_id, 2, &job, &E));
    CHECK(job == NULL);

    tsc_workbook_free(wb);
    tsc_datasource_free(ds);
    emu_set_job_delay(0);
}

static void test_extracts(void) {
    tsc_workbook *wb = publish_superstore(S, PROJECT, "Extracted book");
    tsc_datasource *ds = publish_extract(S, PROJECT, "Extracted source");
    tsc_job *job = NULL, *done = NULL;

    OK(tsc_workbooks_create_extract(S, tsc_workbook_id(wb), 1, &job, &E));
    CHECK_STR(tsc_job_job_type(job), "CreateExtract");
    CHECK_STR(tsc_job_workbook_id(job), tsc_workbook_id(wb));
    OK(tsc_jobs_wait_for_job(S, tsc_job_id(job), 0, NULL, &done, &E));
    CHECK(tsc_job_finish_code(done) == 0);
    tsc_job_free(done);
    tsc_job_free(job);
    int32_t has = 0, encrypted = 0;
    workbook_extract_flags("Extracted book", &has, &encrypted);
    CHECK(has == 1 && encrypted == 1);

    const char *ids[1] = {tsc_datasource_id(ds)};
    job = NULL;
    OK(tsc_workbooks_create_extract_for(S, tsc_workbook_id(wb), 0, ids, 1, &job, &E));
    CHECK(job != NULL);
    tsc_job_free(job);
    job = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_workbooks_create_extract_for(S, tsc_workbook_id(wb), 0, ids, 0, &job, &E));
    OK(tsc_workbooks_delete_extract_for(S, tsc_workbook_id(wb), ids, 1, &job, &E));
    tsc_job_free(job);
    job = NULL;
    OK(tsc_workbooks_delete_extract(S, tsc_workbook_id(wb), &job, &E));
    CHECK_STR(tsc_job_job_type(job), "DeleteExtract");
    tsc_job_free(job);
    job = NULL;
    workbook_extract_flags("Extracted book", &has, &encrypted);
    CHECK(has == 0);

    OK(tsc_datasources_create_extract(S, tsc_datasource_id(ds), 0, &job, &E));
    CHECK_STR(tsc_job_datasource_id(job), tsc_datasource_id(ds));
    tsc_job_free(job);
    job = NULL;
    tsc_datasource *dgot = NULL;
    OK(tsc_datasources_get_by_id(S, tsc_datasource_id(ds), &dgot, &E));
    CHECK(tsc_datasource_has_extracts(dgot) == 1);
    CHECK(tsc_datasource_encrypt_extracts(dgot) == 0);
    tsc_datasource_free(dgot);
    OK(tsc_datasources_delete_extract(S, tsc_datasource_id(ds), &E));
    OK(tsc_datasources_get_by_id(S, tsc_datasource_id(ds), &dgot, &E));
    CHECK(tsc_datasource_has_extracts(dgot) == 0);
    tsc_datasource_free(dgot);
    FAILS(TSC_STATUS_NOT_FOUND, tsc_datasources_delete_extract(S, "00000000-0000-0000-0000-000000000000", &E));

    tsc_workbook_free(wb);
    tsc_datasource_free(ds);
}

static void test_failed_job(void) {
    tsc_datasource *ds = publish_extract(S, PROJECT, "Failing");
    CHECK(emu_control("POST", "/_emulator/jobOutcomes?finishCode=1&notes=the%20database%20is%20down&count=1", NULL) ==
          200);
    tsc_job *job = NULL, *done = NULL;
    OK(tsc_datasources_refresh(S, tsc_datasource_id(ds), 0, &job, &E));
    tsc_status st = tsc_jobs_wait_for_job(S, tsc_job_id(job), 0, NULL, &done, &E);
    CHECK(st == TSC_STATUS_JOB_FAILED);
    CHECK(E != NULL && tsc_error_status(E) == TSC_STATUS_JOB_FAILED);
    CHECK(E != NULL && contains(tsc_error_message(E), "the database is down"));
    CHECK(E != NULL && contains(tsc_error_message(E), tsc_job_id(job)));
    CHECK(done == NULL);
    tsc_error_free(E);
    E = NULL;
    /* the job itself says so */
    OK(tsc_jobs_get_by_id(S, tsc_job_id(job), &done, &E));
    CHECK(tsc_job_finish_code(done) == 1);
    CHECK_STR(tsc_job_notes(done), "the database is down");
    tsc_job_free(done);
    done = NULL;
    tsc_job_free(job);
    job = NULL;

    /* an injected cancellation */
    CHECK(emu_control("POST", "/_emulator/jobOutcomes?finishCode=2&type=CreateExtract", NULL) == 200);
    OK(tsc_datasources_create_extract(S, tsc_datasource_id(ds), 0, &job, &E));
    FAILS(TSC_STATUS_JOB_CANCELLED, tsc_jobs_wait_for_job(S, tsc_job_id(job), 0, NULL, &done, &E));
    tsc_job_free(job);
    tsc_datasource_free(ds);
}

typedef struct {
    const char *job_id;
    tsc_cancel_token *token;
    tsc_status status;
    char message[512];
} waiter;

static void *wait_thread(void *arg) {
    waiter *w = arg;
    tsc_error *err = NULL;
    tsc_job *done = NULL;
    w->status = tsc_jobs_wait_for_job(S, w->job_id, 0, w->token, &done, &err);
    if (err != NULL) {
        snprintf(w->message, sizeof w->message, "%s", tsc_error_message(err));
        tsc_error_free(err);
    }
    tsc_job_free(done);
    return NULL;
}

static void test_cancel_timeout(void) {
    tsc_datasource *ds = publish_extract(S, PROJECT, "Slow");
    emu_set_job_delay(600000);
    tsc_job *job = NULL, *done = NULL;
    OK(tsc_datasources_refresh(S, tsc_datasource_id(ds), 0, &job, &E));

    /* a timeout */
    FAILS(TSC_STATUS_TIMEOUT, tsc_jobs_wait_for_job(S, tsc_job_id(job), 200, NULL, &done, &E));
    CHECK(done == NULL);

    /* a cancel token cancelled from another thread ends the wait; the job goes on */
    waiter w = {tsc_job_id(job), NULL, TSC_STATUS_OK, {0}};
    OK(tsc_cancel_token_new(&w.token, &E));
    pthread_t t;
    CHECK(pthread_create(&t, NULL, wait_thread, &w) == 0);
    tsc_cancel_token_cancel(w.token);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(w.status == TSC_STATUS_CANCELLED);
    CHECK(contains(w.message, "cancel token"));
    tsc_cancel_token_free(w.token);
    OK(tsc_jobs_get_by_id(S, tsc_job_id(job), &done, &E));
    CHECK(tsc_job_completed_at(done) == NULL);
    tsc_job_free(done);
    done = NULL;

    /* the job cancelled on the server while another thread waits on it */
    waiter w2 = {tsc_job_id(job), NULL, TSC_STATUS_OK, {0}};
    CHECK(pthread_create(&t, NULL, wait_thread, &w2) == 0);
    OK(tsc_jobs_cancel(S, tsc_job_id(job), &E));
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(w2.status == TSC_STATUS_JOB_CANCELLED);
    CHECK(contains(w2.message, tsc_job_id(job)));
    OK(tsc_jobs_get_by_id(S, tsc_job_id(job), &done, &E));
    CHECK(tsc_job_finish_code(done) == 2);
    tsc_job_free(done);
    FAILS(TSC_STATUS_NOT_FOUND, tsc_jobs_cancel(S, "00000000-0000-0000-0000-000000000000", &E));

    /* listed among the background jobs, with its status */
    tsc_background_job_list *l = NULL;
    OK(tsc_jobs_get(S, NULL, &l, &E));
    int found = 0;
    for (size_t i = 0; l != NULL && i < tsc_background_job_list_count(l); i++) {
        const tsc_background_job *b = tsc_background_job_list_get(l, i);
        if (strcmp(tsc_background_job_id(b), tsc_job_id(job)) == 0) {
            found = 1;
            CHECK_STR(tsc_background_job_status(b), "Cancelled");
            CHECK_STR(tsc_background_job_job_type(b), "RefreshExtract");
            CHECK(tsc_background_job_created_at(b) != NULL);
            CHECK(tsc_background_job_priority(b) == 50);
        }
    }
    CHECK(found);
    CHECK(tsc_background_job_list_total_available(l) >= 1);
    tsc_background_job_list_free(l);

    /* filtered and paged */
    tsc_request_options *ro = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_add_filter(ro, "status", TSC_FILTER_OP_EQ, "Cancelled", &E));
    OK(tsc_request_options_set_page_size(ro, 1, &E));
    tsc_background_job_pager *p = NULL;
    OK(tsc_jobs_pager(S, ro, 0, &p, &E));
    size_t seen = 0, cancelled = 0;
    for (;;) {
        tsc_background_job_list *page = NULL;
        OK(tsc_background_job_pager_next(p, &page, &E));
        if (page == NULL) break;
        for (size_t i = 0; i < tsc_background_job_list_count(page); i++) {
            seen++;
            if (strcmp(tsc_background_job_status(tsc_background_job_list_get(page, i)), "Cancelled") == 0) cancelled++;
        }
        tsc_background_job_list_free(page);
    }
    CHECK(seen >= 1 && seen == cancelled);
    tsc_background_job_pager_free(p);
    tsc_request_options_free(ro);

    tsc_job_free(job);
    tsc_datasource_free(ds);
    emu_set_job_delay(0);
}

static void test_update_hyper_data(void) {
    tsc_datasource *ds = publish_extract(S, PROJECT, "Hyper updates");
    const char *dir = temp_dir();
    char payload[256];
    snprintf(payload, sizeof payload, "%s/rows.hyper", dir);
    write_hyper(payload, 4096, 7);
    const char *insert = "[{\"action\": \"insert\", \"source-table\": \"Extract\", \"target-table\": \"Extract\"}]";
    const char *del = "[{\"action\": \"delete\", \"target-table\": \"Extract\", \"condition\": {\"op\": \"lt\", "
                      "\"target-col\": \"id\", \"const\": {\"type\": \"integer\", \"v\": 10}}}]";
    tsc_job *job = NULL, *done = NULL;
    OK(tsc_datasources_update_hyper_data(S, tsc_datasource_id(ds), "req-1", insert, payload, &job, &E));
    CHECK_STR(tsc_job_job_type(job), "UpdateHyperData");
    CHECK_STR(tsc_job_datasource_id(job), tsc_datasource_id(ds));
    OK(tsc_jobs_wait_for_job(S, tsc_job_id(job), 0, NULL, &done, &E));
    CHECK(tsc_job_finish_code(done) == 0);
    tsc_job_free(done);
    done = NULL;
    tsc_job_free(job);
    job = NULL;
    OK(tsc_datasources_update_hyper_data(S, tsc_datasource_id(ds), "req-2", del, NULL, &job, &E));
    tsc_job_free(job);
    job = NULL;
    /* the server's refusals */
    FAILS(TSC_STATUS_BAD_REQUEST, tsc_datasources_update_hyper_data(S, tsc_datasource_id(ds), "req-3", insert, NULL, &job, &E));
    FAILS(TSC_STATUS_BAD_REQUEST,
          tsc_datasources_update_hyper_data(S, tsc_datasource_id(ds), "req-4", "[{\"action\": \"merge\"}]", NULL, &job, &E));
    FAILS(TSC_STATUS_NOT_FOUND,
          tsc_datasources_update_hyper_data(S, "00000000-0000-0000-0000-000000000000", "req-5", del, NULL, &job, &E));
    /* before any request */
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_datasources_update_hyper_data(S, tsc_datasource_id(ds), "", del, NULL, &job, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT,
          tsc_datasources_update_hyper_data(S, tsc_datasource_id(ds), "req-6", "{\"action\": 1}", NULL, &job, &E));
    FAILS(TSC_STATUS_FILE, tsc_datasources_update_hyper_data(S, tsc_datasource_id(ds), "req-7", insert,
                                                             "/nonexistent/rows.hyper", &job, &E));
    CHECK(job == NULL);
    remove(payload);
    remove_dir(dir);
    tsc_datasource_free(ds);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    test_refresh_and_wait();
    test_extracts();
    test_failed_job();
    test_cancel_timeout();
    test_update_hyper_data();
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    free(PROJECT);
    return check_finish();
}
