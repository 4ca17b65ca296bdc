/* tsc-test: no-valgrind no-leak-check */
/* test_callback_longjmp.c: a callback that breaks the contract and leaves by longjmp (here the
 * log callback, on the first line of a sign-in) must not leave its thread unable to make
 * requests: the next calls from the same thread work. The abandoned call's memory is lost by
 * design (its frames never ran their cleanup), so leak checking is off for this program and it
 * does not run under valgrind. */
#include "check.h"

#include <setjmp.h>

static jmp_buf back;
static int jumps = 0;

static int32_t leave_by_longjmp(void *userdata, int32_t level, const char *message) {
    (void)userdata;
    (void)level;
    (void)message;
    if (jumps == 0) {
        jumps++;
        longjmp(back, 1);
    }
    return 0;
}

int main(void) {
    tsc_server_options *o = NULL;
    tsc_server *s = NULL;
    tsc_credentials *c = NULL;
    OK(tsc_server_options_new(test_url(), &o, &E));
    OK(tsc_server_options_set_log(o, TSC_LOG_LEVEL_DEBUG, leave_by_longjmp, NULL, &E));
    OK(tsc_server_new(o, &s, &E));
    tsc_server_options_free(o);
    OK(tsc_credentials_new_password("admin", "admin", "", &c, &E));
    if (setjmp(back) == 0) {
        tsc_error *lost = NULL;
        tsc_status never = tsc_auth_sign_in(s, c, &lost);
        CHECK(never == TSC_STATUS_OK && !"the log callback should have jumped out of the sign-in");
    }
    CHECK(jumps == 1);
    /* the same thread again: not refused as "inside a callback" */
    OK(tsc_auth_sign_in(s, c, &E));
    tsc_project_list *l = NULL;
    OK(tsc_projects_get(s, NULL, &l, &E));
    CHECK(l != NULL && tsc_project_list_count(l) >= 1);
    tsc_project_list_free(l);
    OK(tsc_auth_sign_out(s, &E));
    tsc_credentials_free(c);
    tsc_server_free(s);
    return check_finish();
}
