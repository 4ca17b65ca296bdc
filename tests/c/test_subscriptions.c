/* test_subscriptions.c: subscriptions end to end through the C API: one to a view and one to a
 * workbook created (every attribute read back), listed, paged, fetched, updated (subject,
 * attachments, page options, suspended, another schedule), deleted; and the refusals: a
 * schedule that is not a Subscription schedule, unknown schedules, users, views and ids, a
 * subscription without the fields a create needs. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "content_util.h"

static tsc_server *S;
static char *PROJECT;

static tsc_schedule *schedule(const char *name, const char *type) {
    tsc_schedule *s = NULL, *out = NULL;
    OK(tsc_schedule_new(name, type, "Daily", "07:00:00", &s, &E));
    OK(tsc_schedules_create(S, s, &out, &E));
    tsc_schedule_free(s);
    return out;
}

static void test_subscriptions(void) {
    char *me = NULL;
    OK(tsc_server_user_id(S, &me, &E));
    tsc_schedule *mornings = schedule("Mornings", "Subscription");
    tsc_schedule *evenings = schedule("Evenings", "Subscription");
    tsc_schedule *extracts = schedule("Extracts", "Extract");
    tsc_workbook *wb = publish_superstore(S, PROJECT, "Subscribed book");
    tsc_view_list *views = NULL;
    OK(tsc_workbooks_populate_views(S, wb, 0, &views, &E));
    CHECK(tsc_view_list_count(views) >= 1);
    const char *view_id = tsc_view_id(tsc_view_list_get(views, 0));

    /* a view, with a PDF */
    tsc_subscription *item = NULL, *sv = NULL;
    OK(tsc_subscription_new("Daily sales", tsc_schedule_id(mornings), me, "View", view_id, &item, &E));
    OK(tsc_subscription_set_attach_pdf(item, 1, &E));
    OK(tsc_subscription_set_page_orientation(item, "Landscape", &E));
    OK(tsc_subscription_set_page_size_option(item, "A4", &E));
    OK(tsc_subscription_set_message(item, "Good morning", &E));
    OK(tsc_subscription_set_send_if_view_empty(item, 0, &E));
    OK(tsc_subscriptions_create(S, item, &sv, &E));
    CHECK(sv != NULL && tsc_subscription_id(sv) != NULL);
    CHECK_STR(tsc_subscription_subject(sv), "Daily sales");
    CHECK_STR(tsc_subscription_message(sv), "Good morning");
    CHECK(tsc_subscription_attach_pdf(sv) == 1);
    CHECK(tsc_subscription_attach_image(sv) == 1);
    CHECK_STR(tsc_subscription_page_orientation(sv), "Landscape");
    CHECK_STR(tsc_subscription_page_size_option(sv), "A4");
    CHECK(tsc_subscription_suspended(sv) == 0);
    CHECK_STR(tsc_subscription_content_type(sv), "View");
    CHECK_STR(tsc_subscription_content_id(sv), view_id);
    CHECK(tsc_subscription_send_if_view_empty(sv) == 0);
    CHECK_STR(tsc_subscription_schedule_id(sv), tsc_schedule_id(mornings));
    CHECK_STR(tsc_subscription_schedule_name(sv), "Mornings");
    CHECK_STR(tsc_subscription_user_id(sv), me);
    CHECK_STR(tsc_subscription_user_name(sv), "admin");
    tsc_subscription_free(item);

    /* a workbook */
    tsc_subscription *sw = NULL;
    item = NULL;
    OK(tsc_subscription_new("Weekly book", tsc_schedule_id(mornings), me, "Workbook", tsc_workbook_id(wb), &item,
                            &E));
    OK(tsc_subscriptions_create(S, item, &sw, &E));
    CHECK_STR(tsc_subscription_content_type(sw), "Workbook");
    CHECK(tsc_subscription_attach_pdf(sw) == 0);
    tsc_subscription_free(item);

    /* refusals */
    tsc_subscription *out = NULL;
    item = NULL;
    OK(tsc_subscription_new("Wrong", tsc_schedule_id(extracts), me, "View", view_id, &item, &E));
    FAILS(TSC_STATUS_BAD_REQUEST, tsc_subscriptions_create(S, item, &out, &E));
    OK(tsc_subscription_set_schedule_id(item, "00000000-0000-0000-0000-000000000000", &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404021", tsc_subscriptions_create(S, item, &out, &E));
    OK(tsc_subscription_set_schedule_id(item, tsc_schedule_id(mornings), &E));
    OK(tsc_subscription_set_user_id(item, "00000000-0000-0000-0000-000000000000", &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_subscriptions_create(S, item, &out, &E));
    OK(tsc_subscription_set_user_id(item, me, &E));
    OK(tsc_subscription_set_content_id(item, "00000000-0000-0000-0000-000000000000", &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404011", tsc_subscriptions_create(S, item, &out, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_subscription_set_content_type(item, "Dashboard", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_subscription_set_page_size_option(item, "A9", &E));
    OK(tsc_subscription_set_subject(item, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_subscriptions_create(S, item, &out, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_subscriptions_update(S, item, &out, &E));
    CHECK(out == NULL);
    tsc_subscription_free(item);

    /* listed and paged */
    tsc_subscription_list *l = NULL;
    OK(tsc_subscriptions_get(S, NULL, &l, &E));
    CHECK(tsc_subscription_list_count(l) == 2);
    tsc_subscription_list_free(l);
    tsc_request_options *ro = NULL;
    OK(tsc_request_options_new(&ro, &E));
    OK(tsc_request_options_set_page_size(ro, 1, &E));
    tsc_subscription_pager *p = NULL;
    OK(tsc_subscriptions_pager(S, ro, 0, &p, &E));
    size_t seen = 0;
    for (;;) {
        tsc_subscription_list *page = NULL;
        OK(tsc_subscription_pager_next(p, &page, &E));
        if (page == NULL) break;
        seen += tsc_subscription_list_count(page);
        tsc_subscription_list_free(page);
    }
    CHECK(seen == 2);
    tsc_subscription_pager_free(p);
    tsc_request_options_free(ro);

    /* updated */
    tsc_subscription *u = tsc_subscription_clone(sv), *uo = NULL;
    OK(tsc_subscription_set_subject(u, "Evening sales", &E));
    OK(tsc_subscription_set_suspended(u, 1, &E));
    OK(tsc_subscription_set_attach_image(u, 0, &E));
    OK(tsc_subscription_set_schedule_id(u, tsc_schedule_id(evenings), &E));
    OK(tsc_subscription_set_send_if_view_empty(u, 1, &E));
    OK(tsc_subscriptions_update(S, u, &uo, &E));
    CHECK_STR(tsc_subscription_subject(uo), "Evening sales");
    CHECK(tsc_subscription_suspended(uo) == 1);
    CHECK(tsc_subscription_attach_image(uo) == 0);
    CHECK(tsc_subscription_send_if_view_empty(uo) == 1);
    CHECK_STR(tsc_subscription_schedule_name(uo), "Evenings");
    CHECK_STR(tsc_subscription_content_id(uo), view_id);
    tsc_subscription_free(uo);
    uo = NULL;
    OK(tsc_subscriptions_get_by_id(S, tsc_subscription_id(sv), &uo, &E));
    CHECK_STR(tsc_subscription_subject(uo), "Evening sales");
    tsc_subscription_free(uo);
    uo = NULL;
    OK(tsc_subscription_set_schedule_id(u, tsc_schedule_id(extracts), &E));
    FAILS(TSC_STATUS_BAD_REQUEST, tsc_subscriptions_update(S, u, &uo, &E));
    tsc_subscription_free(u);

    /* deleted */
    OK(tsc_subscriptions_delete(S, tsc_subscription_id(sv), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404025", tsc_subscriptions_get_by_id(S, tsc_subscription_id(sv), &uo, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_subscriptions_delete(S, tsc_subscription_id(sv), &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_subscriptions_delete(S, "", &E));
    /* deleting a schedule removes its subscriptions */
    OK(tsc_schedules_delete(S, tsc_schedule_id(mornings), &E));
    OK(tsc_subscriptions_get(S, NULL, &l, &E));
    CHECK(tsc_subscription_list_count(l) == 0);
    tsc_subscription_list_free(l);

    tsc_subscription_free(sv);
    tsc_subscription_free(sw);
    tsc_view_list_free(views);
    tsc_workbook_free(wb);
    tsc_schedule_free(mornings);
    tsc_schedule_free(evenings);
    tsc_schedule_free(extracts);
    tsc_string_free(me);
}

int main(void) {
    S = test_server();
    test_sign_in(S, "");
    PROJECT = default_project_id(S);
    test_subscriptions();
    OK(tsc_auth_sign_out(S, &E));
    tsc_server_free(S);
    free(PROJECT);
    return check_finish();
}
