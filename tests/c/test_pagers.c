/* test_pagers.c: the pagers from C against the emulator. Edge cases (an empty list, an exact
 * multiple of the page size, a page size of 1, a later first page), read-ahead handing pages out
 * in order, an error of a page surfacing from the next() that would return it and a retry going
 * on, items added or removed while paging, freeing a pager mid-way without waiting for its
 * fetches, a pager outliving its server handle, and every constructor (sites, projects, users,
 * groups, a user's workbooks, a group's users, favorites). */
#include "check.h"

#include <time.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

/* `count` projects p00001... under a new parent project called `name`; returns the parent. */
static tsc_project *make_projects(tsc_server *s, const char *name, int count) {
    tsc_project *draft = NULL, *parent = NULL;
    OK(tsc_project_new(name, &draft, &E));
    OK(tsc_projects_create(s, draft, &parent, &E));
    tsc_project_free(draft);
    char path[256];
    snprintf(path, sizeof path, "/_emulator/bulk/projects?site=&count=%d&prefix=p&parent=%s", count,
             parent ? tsc_project_id(parent) : "");
    if (count > 0) CHECK(emu_control("POST", path, NULL) == 200);
    return parent;
}

/* Options for the children of `parent`, sorted by name, with this page size (0: default). */
static tsc_request_options *children(const tsc_project *parent, int page_size) {
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, "parentProjectId", TSC_FILTER_OP_EQ, tsc_project_id(parent), &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_ASC, &E));
    if (page_size) OK(tsc_request_options_set_page_size(o, page_size, &E));
    return o;
}

struct walk {
    int pages, items, in_order, errors;
};

/* Walks a project pager to its end; items must be p00001, p00002, ... from `first`. */
static struct walk walk_projects(tsc_project_pager *p, int first) {
    struct walk w = {0, 0, 1, 0};
    tsc_project_list *page = NULL;
    char want[16];
    for (int guard = 0; guard < 100000; guard++) {
        tsc_status st = tsc_project_pager_next(p, &page, &E);
        if (st != TSC_STATUS_OK) {
            w.errors++;
            tsc_error_free(E);
            E = NULL;
            if (w.errors > 5) break;
            continue;
        }
        if (page == NULL) break;
        w.pages++;
        CHECK(tsc_project_list_count(page) > 0);
        for (size_t i = 0; i < tsc_project_list_count(page); i++) {
            snprintf(want, sizeof want, "p%05d", first + w.items);
            if (strcmp(tsc_project_name(tsc_project_list_get(page, i)), want) != 0) w.in_order = 0;
            w.items++;
        }
        tsc_project_list_free(page);
    }
    return w;
}

static void test_edges(tsc_server *s) {
    /* an empty list: the end at once, and again */
    tsc_project *parent = make_projects(s, "C pager empty", 0);
    tsc_request_options *o = children(parent, 0);
    tsc_project_pager *p = NULL;
    tsc_project_list *page = NULL;
    OK(tsc_projects_pager(s, o, 3, &p, &E));
    CHECK(tsc_project_pager_total_available(p) == -1);
    OK(tsc_project_pager_next(p, &page, &E));
    CHECK(page == NULL);
    CHECK(tsc_project_pager_total_available(p) == 0);
    OK(tsc_project_pager_next(p, &page, &E));
    CHECK(page == NULL);
    tsc_project_pager_free(p);
    tsc_request_options_free(o);
    OK(tsc_projects_delete(s, tsc_project_id(parent), &E));
    tsc_project_free(parent);

    /* 20 items: page sizes 10 (an exact multiple), 1, 7, 20, 1000 (the default), 3 from page 2 */
    parent = make_projects(s, "C pager twenty", 20);
    struct {
        int size, first_page, read_ahead, pages, items;
    } cases[] = {{10, 0, 0, 2, 20}, {10, 0, 5, 2, 20}, {1, 0, 0, 20, 20}, {1, 0, 4, 20, 20},
                 {7, 0, 2, 3, 20},  {20, 0, 1, 1, 20}, {0, 0, 0, 1, 20},  {3, 2, 2, 6, 17}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        o = children(parent, cases[i].size);
        if (cases[i].first_page) OK(tsc_request_options_set_page_number(o, cases[i].first_page, &E));
        OK(tsc_projects_pager(s, o, (uint32_t)cases[i].read_ahead, &p, &E));
        tsc_request_options_free(o);
        int first = 1 + (cases[i].first_page ? (cases[i].first_page - 1) * cases[i].size : 0);
        struct walk w = walk_projects(p, first);
        if (w.pages != cases[i].pages || w.items != cases[i].items || !w.in_order || w.errors)
            fprintf(stderr, "case %zu: %d pages, %d items, in order %d, %d errors\n", i, w.pages, w.items,
                    w.in_order, w.errors);
        CHECK(w.pages == cases[i].pages && w.items == cases[i].items && w.in_order && w.errors == 0);
        CHECK(tsc_project_pager_total_available(p) == 20);
        tsc_project_pager_free(p);
    }
    /* a first page beyond the end is the server's error (400006), not an empty walk */
    o = children(parent, 10);
    OK(tsc_request_options_set_page_number(o, 5, &E));
    OK(tsc_projects_pager(s, o, 0, &p, &E));
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400006", tsc_project_pager_next(p, &page, &E));
    tsc_project_pager_free(p);
    tsc_request_options_free(o);
    OK(tsc_projects_delete(s, tsc_project_id(parent), &E));
    tsc_project_free(parent);
}

/* A page fails once (a 503 from the emulator): the error comes from the next() that would have
 * returned that page; calling again retries it, and every item is still seen once, in order. */
static void test_errors(tsc_server *s) {
    tsc_project *parent = make_projects(s, "C pager faults", 50);
    for (uint32_t ahead = 0; ahead <= 2; ahead += 2) {
        tsc_request_options *o = children(parent, 5);
        tsc_project_pager *p = NULL;
        tsc_project_list *page = NULL;
        OK(tsc_projects_pager(s, o, ahead, &p, &E));
        tsc_request_options_free(o);
        OK(tsc_project_pager_next(p, &page, &E));
        CHECK(page != NULL && tsc_project_list_count(page) == 5);
        tsc_project_list_free(page);
        page = NULL;
        CHECK(emu_control("POST", "/_emulator/faults",
                          "<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" "
                          "action=\"status\" status=\"503\"/>") == 201);
        int items = 5, failures = 0, in_order = 1;
        char want[16];
        for (;;) {
            tsc_status st = tsc_project_pager_next(p, &page, &E);
            if (st != TSC_STATUS_OK) {
                CHECK(st == TSC_STATUS_SERVER_ERROR && tsc_error_http_status(E) == 503);
                CHECK(page == NULL);
                tsc_error_free(E);
                E = NULL;
                if (++failures > 1) break;
                continue;
            }
            if (page == NULL) break;
            for (size_t i = 0; i < tsc_project_list_count(page); i++) {
                snprintf(want, sizeof want, "p%05d", ++items);
                if (strcmp(tsc_project_name(tsc_project_list_get(page, i)), want) != 0) in_order = 0;
            }
            tsc_project_list_free(page);
            page = NULL;
        }
        CHECK(failures == 1 && items == 50 && in_order);
        tsc_project_pager_free(p);
    }
    OK(tsc_projects_delete(s, tsc_project_id(parent), &E));
    tsc_project_free(parent);
}

/* Items added or removed while paging: the walk ends, bounded by the first total. */
static void test_changes(tsc_server *s) {
    char path[256];
    for (uint32_t ahead = 0; ahead <= 2; ahead += 2) {
        tsc_project *parent = make_projects(s, ahead ? "C pager added 2" : "C pager added 0", 30);
        tsc_request_options *o = children(parent, 10);
        tsc_project_pager *p = NULL;
        tsc_project_list *page = NULL;
        OK(tsc_projects_pager(s, o, ahead, &p, &E));
        tsc_request_options_free(o);
        OK(tsc_project_pager_next(p, &page, &E));
        tsc_project_list_free(page);
        /* 100 more, sorted after the first 30 */
        snprintf(path, sizeof path, "/_emulator/bulk/projects?site=&count=100&prefix=p&start=31&parent=%s",
                 tsc_project_id(parent));
        CHECK(emu_control("POST", path, NULL) == 200);
        struct walk w = walk_projects(p, 11);
        CHECK(w.errors == 0 && w.in_order);
        CHECK(w.pages == 2 && w.items == 20); /* 3 pages in all, as the first total said */
        int64_t total = tsc_project_pager_total_available(p);
        CHECK(total == 130 || (ahead && total == 30)); /* read-ahead pages may predate the change */
        tsc_project_pager_free(p);
        OK(tsc_projects_delete(s, tsc_project_id(parent), &E));
        tsc_project_free(parent);
    }
    /* removed: page 1 of 10 is read, then every child but the first 12 is deleted */
    tsc_project *parent = make_projects(s, "C pager removed", 30);
    tsc_request_options *o = children(parent, 10);
    tsc_project_pager *p = NULL;
    tsc_project_list *page = NULL, *all = NULL;
    OK(tsc_projects_pager(s, o, 0, &p, &E));
    OK(tsc_project_pager_next(p, &page, &E));
    tsc_project_list_free(page);
    OK(tsc_request_options_set_page_size(o, 1000, &E));
    OK(tsc_projects_get(s, o, &all, &E));
    for (size_t i = 12; i < tsc_project_list_count(all); i++)
        OK(tsc_projects_delete(s, tsc_project_id(tsc_project_list_get(all, i)), &E));
    tsc_project_list_free(all);
    struct walk w = walk_projects(p, 11);
    CHECK(w.errors == 0 && w.pages == 1 && w.items == 2);
    tsc_project_pager_free(p);
    tsc_request_options_free(o);
    OK(tsc_projects_delete(s, tsc_project_id(parent), &E));
    tsc_project_free(parent);
}

/* Freeing a pager while its read-ahead fetches are slow returns at once. */
static void test_free_mid_way(tsc_server *s) {
    tsc_project *parent = make_projects(s, "C pager free", 40);
    tsc_request_options *o = children(parent, 5);
    tsc_project_pager *p = NULL;
    tsc_project_list *page = NULL;
    CHECK(emu_control("POST", "/_emulator/faults",
                      "<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"*\" "
                      "action=\"delay\" delayMs=\"600\"/>") == 201);
    OK(tsc_projects_pager(s, o, 4, &p, &E));
    OK(tsc_project_pager_next(p, &page, &E)); /* 600 ms; then 4 pages are on their way */
    CHECK(page != NULL);
    tsc_project_list_free(page);
    double t0 = now_ms();
    tsc_project_pager_free(p);
    double took = now_ms() - t0;
    CHECK(took < 100.0);
    CHECK(emu_control("DELETE", "/_emulator/faults", NULL) == 204);
    /* a pager freed before its first page, and one freed at the end */
    OK(tsc_projects_pager(s, o, 4, &p, &E));
    tsc_project_pager_free(p);
    tsc_project_pager_free(NULL);
    tsc_request_options_free(o);
    OK(tsc_projects_delete(s, tsc_project_id(parent), &E));
    tsc_project_free(parent);
}

/* The pager keeps what it needs: it works after its server handle is freed. */
static void test_outlives_server(void) {
    tsc_server *s = test_server();
    test_sign_in(s, "");
    tsc_site_pager *p = NULL;
    tsc_site_list *page = NULL;
    OK(tsc_sites_pager(s, NULL, 1, &p, &E));
    tsc_server_free(s);
    OK(tsc_site_pager_next(p, &page, &E));
    CHECK(page != NULL && tsc_site_list_count(page) >= 1);
    tsc_site_list_free(page);
    tsc_site_pager_free(p);
}

static void test_every_constructor(tsc_server *s) {
    /* sites: 3 more sites, one per page */
    tsc_site *draft = NULL, *made[3] = {NULL, NULL, NULL};
    char name[32], url[32];
    for (int i = 0; i < 3; i++) {
        snprintf(name, sizeof name, "C pager site %d", i);
        snprintf(url, sizeof url, "cpagersite%d", i);
        OK(tsc_site_new(name, url, &draft, &E));
        OK(tsc_sites_create(s, draft, &made[i], &E));
        tsc_site_free(draft);
    }
    tsc_request_options *one = NULL;
    OK(tsc_request_options_new(&one, &E));
    OK(tsc_request_options_set_page_size(one, 1, &E));
    tsc_site_pager *sp = NULL;
    tsc_site_list *sl = NULL;
    OK(tsc_sites_pager(s, one, 2, &sp, &E));
    int pages = 0;
    while (tsc_site_pager_next(sp, &sl, &E) == TSC_STATUS_OK && sl != NULL) {
        pages++;
        CHECK(tsc_site_list_count(sl) == 1);
        tsc_site_list_free(sl);
    }
    CHECK(pages == 4 && tsc_site_pager_total_available(sp) == 4);
    tsc_site_pager_free(sp);
    for (int i = 0; i < 3; i++) {
        OK(tsc_sites_delete(s, tsc_site_id(made[i]), &E));
        tsc_site_free(made[i]);
    }

    /* users and groups, and a group's users */
    CHECK(emu_control("POST", "/_emulator/bulk/users?site=&count=9&prefix=c.pager.", NULL) == 200);
    tsc_user_pager *up = NULL;
    tsc_user_list *ul = NULL;
    OK(tsc_users_pager(s, one, 3, &up, &E));
    int users = 0;
    while (tsc_user_pager_next(up, &ul, &E) == TSC_STATUS_OK && ul != NULL) {
        users += (int)tsc_user_list_count(ul);
        CHECK(tsc_user_domain_name(tsc_user_list_get(ul, 0)) != NULL); /* every attribute */
        tsc_user_list_free(ul);
    }
    CHECK(users == 10);
    tsc_user_pager_free(up);
    tsc_group_pager *gp = NULL;
    tsc_group_list *gl = NULL;
    OK(tsc_groups_pager(s, one, 0, &gp, &E));
    OK(tsc_group_pager_next(gp, &gl, &E));
    CHECK(gl != NULL && strcmp(tsc_group_name(tsc_group_list_get(gl, 0)), "All Users") == 0);
    tsc_group_list_free(gl);
    OK(tsc_group_pager_next(gp, &gl, &E));
    CHECK(gl == NULL);
    FAILS(TSC_STATUS_NULL_ARGUMENT, tsc_groups_users_pager(s, NULL, one, 0, &up, &E));
    tsc_group_pager_free(gp);

    /* a user's workbooks (none) and favorites (one), a user's groups */
    tsc_user_list *me = NULL;
    tsc_request_options *admin = NULL;
    OK(tsc_request_options_new(&admin, &E));
    OK(tsc_request_options_add_filter(admin, "name", TSC_FILTER_OP_EQ, "admin", &E));
    OK(tsc_users_get(s, admin, &me, &E));
    const tsc_user *u = tsc_user_list_get(me, 0);
    tsc_workbook_pager *wp = NULL;
    tsc_workbook_list *wl = NULL;
    OK(tsc_users_workbooks_pager(s, u, NULL, 0, 2, &wp, &E));
    OK(tsc_workbook_pager_next(wp, &wl, &E));
    CHECK(wl == NULL);
    tsc_workbook_pager_free(wp);
    tsc_group_pager *ugp = NULL;
    OK(tsc_users_groups_pager(s, u, NULL, 0, &ugp, &E));
    OK(tsc_group_pager_next(ugp, &gl, &E));
    CHECK(gl != NULL && tsc_group_list_count(gl) == 1);
    tsc_group_list_free(gl);
    tsc_group_pager_free(ugp);
    tsc_user_list_free(me);
    tsc_request_options_free(admin);
    tsc_request_options_free(one);
}

/* Misuse of the pagers: NULL arguments, a read-ahead too large; destructors accept NULL. */
static void test_misuse(tsc_server *s) {
    tsc_project_pager *p = NULL;
    tsc_project_list *page = NULL;
    FAILS(TSC_STATUS_NULL_ARGUMENT, tsc_projects_pager(NULL, NULL, 0, &p, &E));
    FAILS(TSC_STATUS_NULL_ARGUMENT, tsc_projects_pager(s, NULL, 0, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_projects_pager(s, NULL, 65, &p, &E));
    CHECK(p == NULL);
    OK(tsc_projects_pager(s, NULL, 64, &p, &E));
    FAILS(TSC_STATUS_NULL_ARGUMENT, tsc_project_pager_next(NULL, &page, &E));
    FAILS(TSC_STATUS_NULL_ARGUMENT, tsc_project_pager_next(p, NULL, &E));
    tsc_error *stale = NULL;
    tsc_project *none = NULL;
    CHECK(tsc_projects_get_by_id(s, "", &none, &stale) == TSC_STATUS_INVALID_ARGUMENT && stale != NULL);
    CHECK(tsc_project_pager_next(p, &page, &stale) == TSC_STATUS_ERROR_NOT_CLEARED); /* *err not NULL */
    tsc_error_free(stale);
    CHECK(page == NULL);
    OK(tsc_project_pager_next(p, &page, &E));
    CHECK(page != NULL);
    tsc_project_list_free(page);
    tsc_project_pager_free(p);
    CHECK(tsc_project_pager_total_available(NULL) == -1);
    tsc_site_pager_free(NULL);
    tsc_user_pager_free(NULL);
    tsc_group_pager_free(NULL);
    tsc_workbook_pager_free(NULL);
    tsc_view_pager_free(NULL);
    tsc_datasource_pager_free(NULL);
    tsc_favorite_pager_free(NULL);
    /* not signed in: the first next() says so */
    tsc_server *out = test_server();
    OK(tsc_projects_pager(out, NULL, 2, &p, &E));
    FAILS(TSC_STATUS_NOT_SIGNED_IN, tsc_project_pager_next(p, &page, &E));
    tsc_project_pager_free(p);
    tsc_server_free(out);
}

int main(void) {
    tsc_server *s = test_server_retrying(1);
    test_sign_in(s, "");
    test_edges(s);
    test_errors(s);
    test_changes(s);
    test_every_constructor(s);
    test_misuse(s);
    test_outlives_server();
    test_free_mid_way(s);
    tsc_server_free(s);
    return check_finish();
}
