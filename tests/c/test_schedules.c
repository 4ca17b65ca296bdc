/* test_schedules.c: schedules end to end through the C API: one of each frequency created and
 * read back (intervals, times, priority, order), listed, paged, fetched by id, updated, suspended
 * and resumed in bulk, deleted; workbooks and data sources added and listed as the schedule's
 * extract refresh tasks; and the refusals: intervals that do not fit the frequency (the
 * server's), intervals that do not parse or are missing (before any request), a taken name, a
 * workbook on a subscription schedule, the same item twice, unknown ids. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;

static tsc_schedule *make(const char *name, const char *type, const char *freq, const char *start, const char *end,
                          const char *intervals) {
    tsc_schedule *s = NULL;
    OK(tsc_schedule_new(name, type, freq, start, &s, &E));
    if (end) OK(tsc_schedule_set_end_time(s, end, &E));
    if (intervals) OK(tsc_schedule_set_intervals(s, intervals, &E));
    return s;
}

/* Creates the schedule; the stored one (NULL on failure). */
static tsc_schedule *create(const char *name, const char *type, const char *freq, const char *start, const char *end,
                            const char *intervals) {
    tsc_schedule *s = make(name, type, freq, start, end, intervals), *out = NULL;
    OK(tsc_schedules_create(S, s, &out, &E));
    tsc_schedule_free(s);
    return out;
}

/* The create must fail with `status`. */
static void refused(tsc_status status, const char *freq, const char *end, const char *intervals) {
    tsc_schedule *s = make("Refused", "Extract", freq, "08:00:00", end, intervals), *out = NULL;
    FAILS(status, tsc_schedules_create(S, s, &out, &E));
    CHECK(out == NULL);
    tsc_schedule_free(s);
}

/* The schedule with this id must be in this state. */
static void expect_state(const char *id, const char *state) {
    tsc_schedule *s = NULL;
    OK(tsc_schedules_get_by_id(S, id, &s, &E));
    if (s) CHECK_STR(tsc_schedule_state(s), state);
    tsc_schedule_free(s);
}

static void test_frequencies(void) {
    tsc_schedule *h = create("Every two hours", "Extract", "Hourly", "08:00:00", "20:00:00", "hours=2");
    CHECK(h != NULL && tsc_schedule_id(h) != NULL);
    CHECK_STR(tsc_schedule_frequency(h), "Hourly");
    CHECK_STR(tsc_schedule_intervals(h), "hours=2");
    CHECK_STR(tsc_schedule_start_time(h), "08:00:00");
    CHECK_STR(tsc_schedule_end_time(h), "20:00:00");
    CHECK_STR(tsc_schedule_state(h), "Active");
    CHECK_STR(tsc_schedule_schedule_type(h), "Extract");
    CHECK(tsc_schedule_next_run_at(h) != NULL);
    CHECK(tsc_schedule_created_at(h) != NULL);

    tsc_schedule *q = create("Quarter hours", "Extract", "Hourly", "00:00:00", "23:45:00", "minutes=15");
    CHECK_STR(tsc_schedule_intervals(q), "minutes=15");
    tsc_schedule *d = create("Daily", "Subscription", "Daily", "06:30:00", NULL, NULL);
    CHECK_STR(tsc_schedule_frequency(d), "Daily");
    CHECK(tsc_schedule_intervals(d) == NULL);
    tsc_schedule *w = create("Weekdays", "Extract", "Weekly", "23:00:00", NULL, "weekDay=Monday,weekDay=Friday");
    CHECK_STR(tsc_schedule_intervals(w), "weekDay=Monday,weekDay=Friday");
    tsc_schedule *m = make("Monthly", "Extract", "Monthly", "01:00:00", NULL, "monthDay=15,monthDay=LastDay"), *mo = NULL;
    OK(tsc_schedule_set_priority(m, 10, &E));
    OK(tsc_schedule_set_execution_order(m, "Serial", &E));
    OK(tsc_schedules_create(S, m, &mo, &E));
    CHECK_STR(tsc_schedule_intervals(mo), "monthDay=15,monthDay=LastDay");
    CHECK(tsc_schedule_priority(mo) == 10);
    CHECK_STR(tsc_schedule_execution_order(mo), "Serial");
    tsc_schedule_free(m);

    /* the server's rules */
    refused(TSC_STATUS_BAD_REQUEST, "Hourly", "20:00:00", "hours=3");
    refused(TSC_STATUS_BAD_REQUEST, "Hourly", "20:00:00", "minutes=20");
    refused(TSC_STATUS_BAD_REQUEST, "Hourly", NULL, "hours=1");
    refused(TSC_STATUS_BAD_REQUEST, "Hourly", "20:00:00", "hours=1,minutes=30");
    refused(TSC_STATUS_BAD_REQUEST, "Weekly", NULL, "monthDay=3");
    refused(TSC_STATUS_BAD_REQUEST, "Weekly", NULL, "weekDay=Monday,weekDay=Monday");
    refused(TSC_STATUS_BAD_REQUEST, "Monthly", NULL, "weekDay=Monday");
    refused(TSC_STATUS_BAD_REQUEST, "Daily", NULL, "hours=5");
    /* checked before any request */
    refused(TSC_STATUS_INVALID_ARGUMENT, "Monthly", NULL, NULL);
    refused(TSC_STATUS_INVALID_ARGUMENT, "Weekly", NULL, "weekDay=Funday");
    refused(TSC_STATUS_INVALID_ARGUMENT, "Monthly", NULL, "monthDay=32");
    refused(TSC_STATUS_INVALID_ARGUMENT, "Hourly", "25:00:00", "hours=1");
    refused(TSC_STATUS_INVALID_ARGUMENT, "Daily", NULL, "every day");
    tsc_schedule *bad = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_schedule_new("X", "Extract", "Yearly", "08:00:00", &bad, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_schedule_new("X", "Nightly", "Daily", "08:00:00", &bad, &E));
    CHECK(bad == NULL);
    /* a taken name */
    tsc_schedule *dup = make("Weekdays", "Extract", "Daily", "01:00:00", NULL, NULL), *out = NULL;
    FAILS_CODE(TSC_STATUS_CONFLICT, "409021", tsc_schedules_create(S, dup, &out, &E));
    tsc_schedule_free(dup);

    /* listed, paged and by id */
    tsc_schedule_list *l = NULL;
    OK(tsc_schedules_get(S, NULL, &l, &E));
    CHECK(tsc_schedule_list_count(l) == 5);
    CHECK(tsc_schedule_list_total_available(l) == 5);
    tsc_schedule_list_free(l);
    tsc_request_options *ro = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_set_page_size(ro, 2, &E));
    OK(tsc_request_options_add_filter(ro, "frequency", TSC_FILTER_OP_EQ, "Hourly", &E));
    tsc_schedule_pager *p = NULL;
    OK(tsc_schedules_pager(S, ro, 0, &p, &E));
    size_t hourly = 0;
    for (;;) {
        tsc_schedule_list *page = NULL;
        OK(tsc_schedule_pager_next(p, &page, &E));
        if (page == NULL) break;
        for (size_t i = 0; i < tsc_schedule_list_count(page); i++) {
            CHECK_STR(tsc_schedule_frequency(tsc_schedule_list_get(page, i)), "Hourly");
            hourly++;
        }
        tsc_schedule_list_free(page);
    }
    CHECK(hourly == 2);
    tsc_schedule_pager_free(p);
    tsc_request_options_free(ro);
    tsc_schedule *got = NULL;
    OK(tsc_schedules_get_by_id(S, tsc_schedule_id(w), &got, &E));
    CHECK_STR(tsc_schedule_name(got), "Weekdays");
    CHECK_STR(tsc_schedule_intervals(got), "weekDay=Monday,weekDay=Friday");

    /* update: renamed, reprioritised, suspended, made daily every 12 hours */
    tsc_schedule *u = tsc_schedule_clone(got), *uo = NULL;
    OK(tsc_schedule_set_name(u, "Twice a day", &E));
    OK(tsc_schedule_set_priority(u, 20, &E));
    OK(tsc_schedule_set_state(u, "Suspended", &E));
    OK(tsc_schedule_set_frequency(u, "Daily", &E));
    OK(tsc_schedule_set_intervals(u, "hours=12", &E));
    OK(tsc_schedules_update(S, u, &uo, &E));
    CHECK_STR(tsc_schedule_name(uo), "Twice a day");
    CHECK(tsc_schedule_priority(uo) == 20);
    CHECK_STR(tsc_schedule_state(uo), "Suspended");
    CHECK_STR(tsc_schedule_frequency(uo), "Daily");
    CHECK_STR(tsc_schedule_intervals(uo), "hours=12");
    tsc_schedule_free(uo);
    uo = NULL;
    OK(tsc_schedule_set_intervals(u, "hours=7", &E));
    FAILS(TSC_STATUS_BAD_REQUEST, tsc_schedules_update(S, u, &uo, &E));
    OK(tsc_schedule_set_intervals(u, "hours=12", &E));
    OK(tsc_schedule_set_name(u, "Daily", &E));
    FAILS_CODE(TSC_STATUS_CONFLICT, "409021", tsc_schedules_update(S, u, &uo, &E));
    tsc_schedule_free(u);
    tsc_schedule *fresh = make("No id", "Extract", "Daily", "01:00:00", NULL, NULL);
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_schedules_update(S, fresh, &uo, &E));
    tsc_schedule_free(fresh);

    /* bulk state (REST API 3.27): two suspended, the others untouched; then all resumed */
    const char *ids[2] = {tsc_schedule_id(h), tsc_schedule_id(q)};
    OK(tsc_schedules_batch_update_state(S, ids, 2, "Suspended", &E));
    expect_state(tsc_schedule_id(h), "Suspended");
    expect_state(tsc_schedule_id(q), "Suspended");
    expect_state(tsc_schedule_id(d), "Active");
    expect_state(tsc_schedule_id(w), "Suspended"); /* by the update above */
    OK(tsc_schedules_update_all_states(S, "Active", &E));
    expect_state(tsc_schedule_id(h), "Active");
    expect_state(tsc_schedule_id(q), "Active");
    expect_state(tsc_schedule_id(got), "Active");
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_schedules_batch_update_state(S, ids, 2, "Paused", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_schedules_batch_update_state(S, ids, 0, "Active", &E));
    const char *unknown[2] = {tsc_schedule_id(h), "00000000-0000-0000-0000-000000000000"};
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404021", tsc_schedules_batch_update_state(S, unknown, 2, "Suspended", &E));
    expect_state(tsc_schedule_id(h), "Active"); /* nothing changed by the refused request */
    /* a server pinned to 3.26 refuses before any request */
    tsc_server *old = test_server_pinned("3.26");
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_schedules_batch_update_state(old, ids, 2, "Suspended", &E));
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_schedules_update_all_states(old, "Active", &E));
    tsc_server_free(old);
    tsc_schedule_free(got);
    got = NULL;

    /* delete */
    OK(tsc_schedules_delete(S, tsc_schedule_id(q), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404021", tsc_schedules_get_by_id(S, tsc_schedule_id(q), &got, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_schedules_delete(S, tsc_schedule_id(q), &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_schedules_delete(S, "", &E));

    tsc_schedule_free(h);
    tsc_schedule_free(q);
    tsc_schedule_free(d);
    tsc_schedule_free(w);
    tsc_schedule_free(mo);
}

static void test_add_to_schedule(void) {
    tsc_schedule *x = create("Refreshes", "Extract", "Daily", "02:00:00", NULL, NULL);
    tsc_schedule *sub = create("Mornings", "Subscription", "Daily", "07:00:00", NULL, NULL);
    tsc_workbook *wb = publish_superstore(S, PROJECT, "Scheduled book");
    tsc_datasource *ds = publish_extract(S, PROJECT, "Scheduled source");

    OK(tsc_schedules_add_workbook(S, tsc_schedule_id(x), tsc_workbook_id(wb), &E));
    OK(tsc_schedules_add_datasource(S, tsc_schedule_id(x), tsc_datasource_id(ds), &E));
    FAILS_CODE(TSC_STATUS_CONFLICT, "409048", tsc_schedules_add_workbook(S, tsc_schedule_id(x), tsc_workbook_id(wb), &E));
    FAILS(TSC_STATUS_BAD_REQUEST, tsc_schedules_add_workbook(S, tsc_schedule_id(sub), tsc_workbook_id(wb), &E));
    FAILS(TSC_STATUS_NOT_FOUND,
          tsc_schedules_add_workbook(S, "00000000-0000-0000-0000-000000000000", tsc_workbook_id(wb), &E));
    FAILS(TSC_STATUS_NOT_FOUND,
          tsc_schedules_add_datasource(S, tsc_schedule_id(x), "00000000-0000-0000-0000-000000000000", &E));

    tsc_extract_list *l = NULL;
    OK(tsc_schedules_get_extract_refresh_tasks(S, tsc_schedule_id(x), NULL, &l, &E));
    CHECK(tsc_extract_list_count(l) == 2);
    int saw_wb = 0, saw_ds = 0;
    for (size_t i = 0; l != NULL && i < tsc_extract_list_count(l); i++) {
        const tsc_extract *e = tsc_extract_list_get(l, i);
        CHECK(tsc_extract_id(e) != NULL);
        CHECK_STR(tsc_extract_extract_type(e), "FullRefresh");
        if (tsc_extract_workbook_id(e) && strcmp(tsc_extract_workbook_id(e), tsc_workbook_id(wb)) == 0) saw_wb = 1;
        if (tsc_extract_datasource_id(e) && strcmp(tsc_extract_datasource_id(e), tsc_datasource_id(ds)) == 0)
            saw_ds = 1;
    }
    CHECK(saw_wb && saw_ds);
    tsc_extract_list_free(l);
    l = NULL;
    OK(tsc_schedules_get_extract_refresh_tasks(S, tsc_schedule_id(sub), NULL, &l, &E));
    CHECK(tsc_extract_list_count(l) == 0);
    tsc_extract_list_free(l);
    l = NULL;
    FAILS(TSC_STATUS_NOT_FOUND,
          tsc_schedules_get_extract_refresh_tasks(S, "00000000-0000-0000-0000-000000000000", NULL, &l, &E));

    /* deleting the schedule removes its tasks */
    OK(tsc_schedules_delete(S, tsc_schedule_id(x), &E));

    tsc_workbook_free(wb);
    tsc_datasource_free(ds);
    tsc_schedule_free(x);
    tsc_schedule_free(sub);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    test_frequencies();
    test_add_to_schedule();
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    free(PROJECT);
    return check_finish();
}
