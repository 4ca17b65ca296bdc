/* test_paging_volume.c: paging 10,000 users and 2,500 projects with several page sizes, with and
 * without read-ahead: every item exactly once, in the sorted order when a sort is given (one key
 * or two, either direction). The items are created fast with the emulator's bulk endpoints.
 *
 * Runs plain and under ASan+UBSan+LSan; not under valgrind, where 10,000 items take too long
 * (test_pagers covers the same pager paths under valgrind on smaller lists). */
/* tsc-test: no-valgrind */
#include "check.h"

#include <time.h>

#define USERS 10000
#define PROJECTS 2500

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

/* "vol.00042" -> 42; "vp00042" -> 42; anything else -> -1. */
static int number_of(const char *name, const char *prefix) {
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n) != 0) return -1;
    return atoi(name + n);
}

/* Expected item number at position `i` of a walk. */
typedef int (*order_fn)(int i);
static int ascending_users(int i) { return i + 1; }
static int descending_users(int i) { return USERS - i; }
/* siteRole ascending (Explorer before Viewer), then name descending */
static int role_then_name_desc(int i) { return i < USERS / 2 ? USERS - i : USERS / 2 - (i - USERS / 2); }
static int ascending_projects(int i) { return i + 1; }
static int descending_projects(int i) { return PROJECTS - i; }

struct tally {
    int items, pages, out_of_order, duplicates, strangers, errors;
};

static void report(const char *what, int size, uint32_t ahead, struct tally t, int want_items, int want_pages,
                   double ms) {
    printf("%-28s page %4d read-ahead %2u: %5d items in %4d pages, %7.1f ms\n", what, size, ahead, t.items,
           t.pages, ms);
    int ok = t.items == want_items && t.out_of_order == 0 && t.duplicates == 0 && t.strangers == 0 &&
             t.errors == 0 && (want_pages < 0 || t.pages == want_pages);
    if (!ok)
        fprintf(stderr, "  FAILED: items %d/%d pages %d/%d out of order %d duplicates %d strangers %d errors %d\n",
                t.items, want_items, t.pages, want_pages, t.out_of_order, t.duplicates, t.strangers, t.errors);
    CHECK(ok);
}

static void walk_users(tsc_server *s, const char *what, int size, uint32_t ahead, const char *sort1, int dir1,
                       const char *sort2, int dir2, int filtered, order_fn order) {
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    if (size) OK(tsc_request_options_set_page_size(o, size, &E));
    if (filtered) OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_HAS, "vol.", &E));
    if (sort1) OK(tsc_request_options_add_sort(o, sort1, dir1, &E));
    if (sort2) OK(tsc_request_options_add_sort(o, sort2, dir2, &E));
    tsc_user_pager *p = NULL;
    OK(tsc_users_pager(s, o, ahead, &p, &E));
    tsc_request_options_free(o);
    static unsigned char seen[USERS + 1];
    memset(seen, 0, sizeof seen);
    struct tally t = {0, 0, 0, 0, 0, 0};
    int admin = 0;
    double t0 = now_ms();
    tsc_user_list *page = NULL;
    for (;;) {
        if (tsc_user_pager_next(p, &page, &E) != TSC_STATUS_OK) {
            fprintf(stderr, "%s\n", tsc_error_message(E));
            tsc_error_free(E);
            E = NULL;
            t.errors++;
            break;
        }
        if (page == NULL) break;
        t.pages++;
        for (size_t i = 0; i < tsc_user_list_count(page); i++) {
            const char *name = tsc_user_name(tsc_user_list_get(page, i));
            int n = number_of(name, "vol.");
            if (n < 1 || n > USERS) {
                if (strcmp(name, "admin") == 0 && !filtered && !admin++) continue;
                t.strangers++;
                continue;
            }
            if (seen[n]++) t.duplicates++;
            if (order && order(t.items) != n) t.out_of_order++;
            t.items++;
        }
        tsc_user_list_free(page);
    }
    double ms = now_ms() - t0;
    int want = filtered ? USERS : USERS + 1;
    int eff = size ? size : 1000;
    if (!filtered) t.items += admin;
    report(what, eff, ahead, t, want, (want + eff - 1) / eff, ms);
    CHECK(tsc_user_pager_total_available(p) == want);
    tsc_user_pager_free(p);
}

static void walk_projects(tsc_server *s, const tsc_project *parent, const char *what, int size, uint32_t ahead,
                          int dir, order_fn order) {
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    if (size) OK(tsc_request_options_set_page_size(o, size, &E));
    OK(tsc_request_options_add_filter(o, "parentProjectId", TSC_FILTER_OP_EQ, tsc_project_id(parent), &E));
    if (order) OK(tsc_request_options_add_sort(o, "name", dir, &E));
    tsc_project_pager *p = NULL;
    OK(tsc_projects_pager(s, o, ahead, &p, &E));
    tsc_request_options_free(o);
    static unsigned char seen[PROJECTS + 1];
    memset(seen, 0, sizeof seen);
    struct tally t = {0, 0, 0, 0, 0, 0};
    double t0 = now_ms();
    tsc_project_list *page = NULL;
    for (;;) {
        if (tsc_project_pager_next(p, &page, &E) != TSC_STATUS_OK) {
            fprintf(stderr, "%s\n", tsc_error_message(E));
            tsc_error_free(E);
            E = NULL;
            t.errors++;
            break;
        }
        if (page == NULL) break;
        t.pages++;
        for (size_t i = 0; i < tsc_project_list_count(page); i++) {
            int n = number_of(tsc_project_name(tsc_project_list_get(page, i)), "vp");
            if (n < 1 || n > PROJECTS) {
                t.strangers++;
                continue;
            }
            if (seen[n]++) t.duplicates++;
            if (order && order(t.items) != n) t.out_of_order++;
            t.items++;
        }
        tsc_project_list_free(page);
    }
    double ms = now_ms() - t0;
    int eff = size ? size : 1000;
    report(what, eff, ahead, t, PROJECTS, (PROJECTS + eff - 1) / eff, ms);
    tsc_project_pager_free(p);
}

int main(void) {
    tsc_server *s = test_server();
    test_sign_in(s, "");
    /* 5,000 Viewers vol.00001-05000 and 5,000 Explorers vol.05001-10000 */
    CHECK(emu_control("POST", "/_emulator/bulk/users?site=&count=5000&prefix=vol.&siteRole=Viewer", NULL) == 200);
    CHECK(emu_control("POST", "/_emulator/bulk/users?site=&count=5000&start=5001&prefix=vol.&siteRole=Explorer",
                      NULL) == 200);

    walk_users(s, "users, name asc", 0, 0, "name", TSC_SORT_DIRECTION_ASC, NULL, 0, 1, ascending_users);
    walk_users(s, "users, name asc", 0, 4, "name", TSC_SORT_DIRECTION_ASC, NULL, 0, 1, ascending_users);
    walk_users(s, "users, name desc", 1000, 9, "name", TSC_SORT_DIRECTION_DESC, NULL, 0, 1, descending_users);
    walk_users(s, "users, role asc name desc", 750, 3, "siteRole", TSC_SORT_DIRECTION_ASC, "name",
               TSC_SORT_DIRECTION_DESC, 1, role_then_name_desc);
    walk_users(s, "users, name desc", 100, 0, "name", TSC_SORT_DIRECTION_DESC, NULL, 0, 1, descending_users);
    walk_users(s, "users, name asc", 100, 8, "name", TSC_SORT_DIRECTION_ASC, NULL, 0, 1, ascending_users);
    walk_users(s, "users, unsorted, all", 333, 0, NULL, 0, NULL, 0, 0, NULL);
    walk_users(s, "users, unsorted, all", 997, 5, NULL, 0, NULL, 0, 0, NULL);

    tsc_project *draft = NULL, *parent = NULL;
    OK(tsc_project_new("C volume", &draft, &E));
    OK(tsc_projects_create(s, draft, &parent, &E));
    tsc_project_free(draft);
    char path[160];
    snprintf(path, sizeof path, "/_emulator/bulk/projects?site=&count=%d&prefix=vp&parent=%s", PROJECTS,
             tsc_project_id(parent));
    CHECK(emu_control("POST", path, NULL) == 200);
    walk_projects(s, parent, "projects, name asc", 0, 0, TSC_SORT_DIRECTION_ASC, ascending_projects);
    walk_projects(s, parent, "projects, name asc", 1000, 2, TSC_SORT_DIRECTION_ASC, ascending_projects);
    walk_projects(s, parent, "projects, name desc", 500, 0, TSC_SORT_DIRECTION_DESC, descending_projects);
    walk_projects(s, parent, "projects, name desc", 500, 4, TSC_SORT_DIRECTION_DESC, descending_projects);
    walk_projects(s, parent, "projects, name asc", 7, 0, TSC_SORT_DIRECTION_ASC, ascending_projects);
    walk_projects(s, parent, "projects, unsorted", 7, 16, 0, NULL);
    walk_projects(s, parent, "projects, name desc", 1, 32, TSC_SORT_DIRECTION_DESC, descending_projects);

    OK(tsc_projects_delete(s, tsc_project_id(parent), &E));
    tsc_project_free(parent);
    tsc_server_free(s);
    return check_finish();
}
