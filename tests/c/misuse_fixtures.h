/* misuse_fixtures.h: the valid values the generated misuse program (test_api_misuse.c, from
 * tools/gen/src/misuse.rs) passes beside the argument it misuses: one fixture per handle type
 * (made once, freed by fx_free_all), one callback per callback type, a string per parameter name,
 * and the two checks it runs. A new handle type that reaches a fallible function as an argument
 * needs a fixture here: the generated program does not compile without it. */
#ifndef TSC_TEST_MISUSE_FIXTURES_H
#define TSC_TEST_MISUSE_FIXTURES_H

#include "check.h"

/* The call must fail with `status`, with an error object holding a message, and write no output
 * (`untouched` is the check of every output variable). */
#define REFUSES(status, call, untouched, fn, arg)                                          \
    do {                                                                                   \
        tsc_status st_ = (call);                                                           \
        if (st_ == (status) && E != NULL && tsc_error_status(E) == (status) &&             \
            tsc_error_message(E) != NULL && strlen(tsc_error_message(E)) > 0 && (untouched)) { \
            check_passed++;                                                                \
        } else {                                                                           \
            check_failed++;                                                                \
            fprintf(stderr, "%s with bad '%s': status %d, expected %d (%s)%s\n", fn, arg,    \
                    (int)st_, (int)(status), E ? tsc_error_message(E) : "no error object",  \
                    (untouched) ? "" : "; an output was written");                         \
        }                                                                                  \
        tsc_error_free(E);                                                                 \
        E = NULL;                                                                          \
    } while (0)

/* NULL is documented as accepted: the call may fail for another reason, not for the NULL. */
#define ACCEPTS_NULL(call, fn, arg)                                                        \
    do {                                                                                   \
        tsc_status st_ = (call);                                                           \
        if (st_ != TSC_STATUS_NULL_ARGUMENT) {                                             \
            check_passed++;                                                                \
        } else {                                                                           \
            check_failed++;                                                                \
            fprintf(stderr, "%s refused a NULL '%s' it documents as accepted: %s\n", fn, arg, \
                    E ? tsc_error_message(E) : "no error object");                         \
        }                                                                                  \
        tsc_error_free(E);                                                                 \
        E = NULL;                                                                          \
    } while (0)

static const char *const fx_bad_utf8 = "caf\xc3\x28 \xff";
static const char *const fx_strings[] = {"x"};
static const char *const fx_bad_strings[] = {"caf\xc3\x28 \xff"};

/* A valid string for a parameter of this name. */
static const char *fx_string(const char *name) {
    if (strcmp(name, "url") == 0) return test_url();
    if (strcmp(name, "site_role") == 0) return "Viewer";
    if (strcmp(name, "content_type") == 0) return "workbook";
    if (strcmp(name, "file_name") == 0) return "x.twbx";
    return "x";
}

/* A valid number for a parameter of this name. */
static int fx_value(const char *name) {
    (void)name;
    return 0;
}

static int32_t fx_tsc_read_fn(void *userdata, uint8_t *buf, size_t cap, size_t *out_len) {
    (void)userdata;
    (void)buf;
    (void)cap;
    *out_len = 0;
    return 0;
}

static int32_t fx_tsc_write_fn(void *userdata, const uint8_t *data, size_t len) {
    (void)userdata;
    (void)data;
    (void)len;
    return 0;
}

static int32_t fx_tsc_progress_fn(void *userdata, uint64_t done, int64_t total) {
    (void)userdata;
    (void)done;
    (void)total;
    return 0;
}

static int32_t fx_tsc_jwt_fn(void *userdata, char *buf, size_t cap, size_t *out_len) {
    (void)userdata;
    (void)buf;
    (void)cap;
    *out_len = 0;
    return 1;
}

static int32_t fx_tsc_log_fn(void *userdata, int32_t level, const char *message) {
    (void)userdata;
    (void)level;
    (void)message;
    return 0;
}

/* One fixture: made on first use with `make` (which sets `v` through `&v`). */
#define FIXTURE(T, make)                                                                    \
    static T *fx_##T##_v = NULL;                                                            \
    static T *fx_##T(void) {                                                                \
        if (fx_##T##_v == NULL) {                                                           \
            T *v = NULL;                                                                    \
            OK(make);                                                                       \
            fx_##T##_v = v;                                                                 \
        }                                                                                   \
        return fx_##T##_v;                                                                  \
    }

static tsc_server *fx_server_v = NULL;
/* A server signed in to the emulator as its administrator. */
static tsc_server *fx_tsc_server(void) {
    if (fx_server_v == NULL) {
        fx_server_v = test_server();
        test_sign_in(fx_server_v, "");
    }
    return fx_server_v;
}

static tsc_server *fx_auth_server_v = NULL;
/* A server of its own for the session calls (tsc_auth_*), which may replace its session. */
static tsc_server *fx_auth_server(void) {
    if (fx_auth_server_v == NULL) {
        fx_auth_server_v = test_server();
        test_sign_in(fx_auth_server_v, "");
    }
    return fx_auth_server_v;
}

static char *fx_user_id = NULL;
FIXTURE(tsc_server_options, tsc_server_options_new(test_url(), &v, &E))
FIXTURE(tsc_credentials, tsc_credentials_new_password("admin", "admin", "", &v, &E))
FIXTURE(tsc_request_options, tsc_request_options_new(&v, &E))
FIXTURE(tsc_transfer_options, tsc_transfer_options_new(&v, &E))
FIXTURE(tsc_publish_options, tsc_publish_options_new(&v, &E))
FIXTURE(tsc_export_options, tsc_export_options_new(&v, &E))
FIXTURE(tsc_tag_targets, tsc_tag_targets_new(&v, &E))
FIXTURE(tsc_connection_credentials, tsc_connection_credentials_new("u", "p", 0, 0, &v, &E))
FIXTURE(tsc_cancel_token, tsc_cancel_token_new(&v, &E))
FIXTURE(tsc_site, tsc_site_new("s", "s", &v, &E))
FIXTURE(tsc_project, tsc_project_new("p", &v, &E))
FIXTURE(tsc_workbook, tsc_workbook_new("w", "x", &v, &E))
FIXTURE(tsc_datasource, tsc_datasource_new("d", "x", &v, &E))
FIXTURE(tsc_connection, tsc_connection_new(&v, &E))
FIXTURE(tsc_group, tsc_group_new("g", &v, &E))
FIXTURE(tsc_favorite, tsc_favorite_new("f", "workbook", "x", &v, &E))
FIXTURE(tsc_permissions_rule, tsc_permissions_rule_new(TSC_GRANTEE_TYPE_USER, "x", &v, &E))
FIXTURE(tsc_permissions_rule_list, tsc_permissions_rule_list_new(&v, &E))
FIXTURE(tsc_schedule, tsc_schedule_new("s", "Extract", "Daily", "01:00:00", &v, &E))
FIXTURE(tsc_subscription, tsc_subscription_new("s", "x", "x", "View", "x", &v, &E))
FIXTURE(tsc_custom_view, tsc_custom_view_new("c", &v, &E))
/* The signed-in administrator, fetched (it has an id, as user arguments need). */
FIXTURE(tsc_user, (tsc_server_user_id(fx_tsc_server(), &fx_user_id, &E) == TSC_STATUS_OK
                       ? tsc_users_get_by_id(fx_tsc_server(), fx_user_id, &v, &E)
                       : TSC_STATUS_NOT_SIGNED_IN))
/* A view of a workbook the emulator makes for the purpose (views are not constructible). */
static tsc_status fx_fetch_view(tsc_view **v, tsc_error **err) {
    tsc_view_list *views = NULL;
    CHECK(emu_control("POST", "/_emulator/bulk/workbooks?site=&count=1&prefix=misuse", NULL) == 200);
    tsc_status st = tsc_views_get(fx_tsc_server(), NULL, 0, &views, err);
    if (st == TSC_STATUS_OK) {
        *v = tsc_view_clone(tsc_view_list_get(views, 0));
        CHECK(*v != NULL);
        tsc_view_list_free(views);
    }
    return st;
}
FIXTURE(tsc_view, fx_fetch_view(&v, &E))
FIXTURE(tsc_site_pager, tsc_sites_pager(fx_tsc_server(), NULL, 0, &v, &E))
FIXTURE(tsc_project_pager, tsc_projects_pager(fx_tsc_server(), NULL, 0, &v, &E))
FIXTURE(tsc_workbook_pager, tsc_workbooks_pager(fx_tsc_server(), NULL, 0, &v, &E))
FIXTURE(tsc_view_pager, tsc_views_pager(fx_tsc_server(), NULL, 0, 0, &v, &E))
FIXTURE(tsc_datasource_pager, tsc_datasources_pager(fx_tsc_server(), NULL, 0, &v, &E))
FIXTURE(tsc_user_pager, tsc_users_pager(fx_tsc_server(), NULL, 0, &v, &E))
FIXTURE(tsc_group_pager, tsc_groups_pager(fx_tsc_server(), NULL, 0, &v, &E))
FIXTURE(tsc_favorite_pager, tsc_favorites_pager(fx_tsc_server(), fx_tsc_user(), NULL, 0, &v, &E))
FIXTURE(tsc_background_job_pager, tsc_jobs_pager(fx_tsc_server(), NULL, 0, &v, &E))
FIXTURE(tsc_schedule_pager, tsc_schedules_pager(fx_tsc_server(), NULL, 0, &v, &E))
FIXTURE(tsc_task_pager, tsc_tasks_pager(fx_tsc_server(), NULL, NULL, 0, &v, &E))
FIXTURE(tsc_subscription_pager, tsc_subscriptions_pager(fx_tsc_server(), NULL, 0, &v, &E))
FIXTURE(tsc_custom_view_pager, tsc_custom_views_pager(fx_tsc_server(), NULL, 0, &v, &E))

static void fx_free_all(void) {
    tsc_server_options_free(fx_tsc_server_options_v);
    tsc_credentials_free(fx_tsc_credentials_v);
    tsc_request_options_free(fx_tsc_request_options_v);
    tsc_transfer_options_free(fx_tsc_transfer_options_v);
    tsc_publish_options_free(fx_tsc_publish_options_v);
    tsc_export_options_free(fx_tsc_export_options_v);
    tsc_tag_targets_free(fx_tsc_tag_targets_v);
    tsc_connection_credentials_free(fx_tsc_connection_credentials_v);
    tsc_cancel_token_free(fx_tsc_cancel_token_v);
    tsc_site_free(fx_tsc_site_v);
    tsc_project_free(fx_tsc_project_v);
    tsc_workbook_free(fx_tsc_workbook_v);
    tsc_view_free(fx_tsc_view_v);
    tsc_datasource_free(fx_tsc_datasource_v);
    tsc_connection_free(fx_tsc_connection_v);
    tsc_group_free(fx_tsc_group_v);
    tsc_favorite_free(fx_tsc_favorite_v);
    tsc_permissions_rule_free(fx_tsc_permissions_rule_v);
    tsc_permissions_rule_list_free(fx_tsc_permissions_rule_list_v);
    tsc_schedule_free(fx_tsc_schedule_v);
    tsc_subscription_free(fx_tsc_subscription_v);
    tsc_custom_view_free(fx_tsc_custom_view_v);
    tsc_user_free(fx_tsc_user_v);
    tsc_string_free(fx_user_id);
    tsc_site_pager_free(fx_tsc_site_pager_v);
    tsc_project_pager_free(fx_tsc_project_pager_v);
    tsc_workbook_pager_free(fx_tsc_workbook_pager_v);
    tsc_view_pager_free(fx_tsc_view_pager_v);
    tsc_datasource_pager_free(fx_tsc_datasource_pager_v);
    tsc_user_pager_free(fx_tsc_user_pager_v);
    tsc_group_pager_free(fx_tsc_group_pager_v);
    tsc_favorite_pager_free(fx_tsc_favorite_pager_v);
    tsc_background_job_pager_free(fx_tsc_background_job_pager_v);
    tsc_schedule_pager_free(fx_tsc_schedule_pager_v);
    tsc_task_pager_free(fx_tsc_task_pager_v);
    tsc_custom_view_pager_free(fx_tsc_custom_view_pager_v);
    tsc_subscription_pager_free(fx_tsc_subscription_pager_v);
    if (fx_server_v != NULL) {
        OK(tsc_auth_sign_out(fx_server_v, &E));
    }
    tsc_server_free(fx_server_v);
    tsc_server_free(fx_auth_server_v);
}

#endif
