/* test_groups.c: tsc_groups_* against the emulator, through the C API only: create (local, and an
 * Active Directory import the server refuses), get, update, delete, the members of a group (a
 * page, and a pager), add and remove one user or many, with their failures: duplicate names,
 * unknown groups and users, a user added twice, removing a user who is not a member, the built-in
 * All Users group. */
#include "check.h"

static const char *UNKNOWN = "00000000-0000-4000-8000-000000000000";

static tsc_user *add_user(tsc_server *s, const char *name) {
    tsc_user *draft = NULL, *u = NULL;
    OK(tsc_user_new(name, "Viewer", &draft, &E));
    OK(tsc_users_add(s, draft, &u, &E));
    tsc_user_free(draft);
    return u;
}

static tsc_group *create_group(tsc_server *s, const char *name, const char *min_role) {
    tsc_group *draft = NULL, *g = NULL;
    OK(tsc_group_new(name, &draft, &E));
    if (min_role) OK(tsc_group_set_minimum_site_role(draft, min_role, &E));
    OK(tsc_groups_create(s, draft, &g, &E));
    tsc_group_free(draft);
    return g;
}

/* The group called `name` in a full listing, as an owned item (NULL if absent). */
static tsc_group *find_group(tsc_server *s, const char *name) {
    tsc_request_options *o = NULL;
    tsc_group_list *l = NULL;
    tsc_group *g = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_EQ, name, &E));
    OK(tsc_request_options_add_field(o, "_all_", &E)); /* userCount is not a default field */
    OK(tsc_groups_get(s, o, &l, &E));
    if (tsc_group_list_count(l) == 1) g = tsc_group_clone(tsc_group_list_get(l, 0));
    tsc_group_list_free(l);
    tsc_request_options_free(o);
    return g;
}

static void test_create_get_update_delete(tsc_server *s) {
    tsc_group *draft = NULL, *g = NULL, *again = NULL, *changed = NULL, *updated = NULL;
    OK(tsc_group_new("C Sales, EMEA: [north] ś", &draft, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_group_set_minimum_site_role(draft, "Boss", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_group_set_license_mode(draft, "always", &E));
    OK(tsc_group_set_minimum_site_role(draft, "Explorer", &E));
    OK(tsc_groups_create(s, draft, &g, &E));
    CHECK(g != NULL && tsc_group_id(g) != NULL && strlen(tsc_group_id(g)) == 36);
    CHECK_STR(tsc_group_name(g), "C Sales, EMEA: [north] ś");
    CHECK_STR(tsc_group_minimum_site_role(g), "Explorer");
    CHECK_STR(tsc_group_domain_name(g), "local");
    CHECK(tsc_group_user_count(g) == 0);
    CHECK(tsc_group_license_mode(g) == NULL);

    /* names are unique, ignoring case */
    FAILS_CODE(TSC_STATUS_CONFLICT, "409009", tsc_groups_create(s, draft, &again, &E));
    OK(tsc_group_set_name(draft, "c sales, emea: [NORTH] ś", &E));
    FAILS_CODE(TSC_STATUS_CONFLICT, "409009", tsc_groups_create(s, draft, &again, &E));
    OK(tsc_group_set_name(draft, "  ", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_create(s, draft, &again, &E));
    /* an Active Directory import, which the emulator (local authentication) refuses */
    OK(tsc_group_set_name(draft, "C AD group", &E));
    OK(tsc_group_set_domain_name(draft, "example.com", &E));
    OK(tsc_group_set_license_mode(draft, "onLogin", &E));
    FAILS_CODE(TSC_STATUS_FORBIDDEN, "403011", tsc_groups_create(s, draft, &again, &E));
    CHECK(again == NULL);
    tsc_group_free(draft);

    /* found by a filtered listing, with the same attributes */
    again = find_group(s, "C Sales, EMEA: [north] ś");
    CHECK(again != NULL);
    CHECK_STR(tsc_group_id(again), tsc_group_id(g));
    CHECK_STR(tsc_group_minimum_site_role(again), "Explorer");
    tsc_group_free(again);
    again = NULL;

    /* update: rename and change the minimum role */
    changed = tsc_group_clone(g);
    OK(tsc_group_set_name(changed, "C Sales renamed", &E));
    OK(tsc_group_set_minimum_site_role(changed, "Viewer", &E));
    OK(tsc_groups_update(s, changed, &updated, &E));
    CHECK_STR(tsc_group_id(updated), tsc_group_id(g));
    CHECK_STR(tsc_group_name(updated), "C Sales renamed");
    CHECK_STR(tsc_group_minimum_site_role(updated), "Viewer");
    CHECK_STR(tsc_group_name(g), "C Sales, EMEA: [north] ś"); /* items are snapshots */

    /* renaming onto another group's name conflicts; All Users cannot be renamed or deleted */
    tsc_group *other = create_group(s, "C Other", NULL);
    OK(tsc_group_set_name(changed, "c other", &E));
    FAILS_CODE(TSC_STATUS_CONFLICT, "409009", tsc_groups_update(s, changed, &again, &E));
    tsc_group *all = find_group(s, "All Users");
    CHECK(all != NULL);
    tsc_group *all_changed = tsc_group_clone(all);
    OK(tsc_group_set_name(all_changed, "Everyone", &E));
    FAILS(TSC_STATUS_FORBIDDEN, tsc_groups_update(s, all_changed, &again, &E));
    FAILS(TSC_STATUS_FORBIDDEN, tsc_groups_delete(s, tsc_group_id(all), &E));
    /* an Active Directory update needs the minimum site role (checked locally) */
    OK(tsc_group_set_domain_name(all_changed, "example.com", &E));
    OK(tsc_group_set_minimum_site_role(all_changed, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_update(s, all_changed, &again, &E));
    /* a group without an id cannot be updated */
    OK(tsc_group_new("C draft", &draft, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_update(s, draft, &again, &E));
    tsc_group_free(draft);
    CHECK(again == NULL);

    /* delete; then it is unknown */
    OK(tsc_groups_delete(s, tsc_group_id(other), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_groups_delete(s, tsc_group_id(other), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_groups_update(s, other, &again, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_groups_delete(s, UNKNOWN, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_delete(s, "", &E));
    CHECK(find_group(s, "C Other") == NULL);
    OK(tsc_groups_delete(s, tsc_group_id(g), &E));

    tsc_group_free(g);
    tsc_group_free(changed);
    tsc_group_free(updated);
    tsc_group_free(other);
    tsc_group_free(all);
    tsc_group_free(all_changed);
}

/* Whether the user list holds exactly the users with these ids (in any order). */
static int same_members(const tsc_user_list *l, const char *const *ids, size_t n) {
    if (tsc_user_list_count(l) != n) return 0;
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        for (size_t j = 0; j < n; j++)
            if (strcmp(tsc_user_id(tsc_user_list_get(l, j)), ids[i]) == 0) found++;
        if (found != 1) return 0;
    }
    return 1;
}

static void test_membership(tsc_server *s) {
    tsc_group *g = create_group(s, "C Members", NULL);
    tsc_user *a = add_user(s, "c.member.a"), *b = add_user(s, "c.member.b"), *c = add_user(s, "c.member.c");
    tsc_user *added = NULL;
    tsc_user_list *l = NULL;

    /* an empty group */
    OK(tsc_groups_populate_users(s, g, NULL, &l, &E));
    CHECK(tsc_user_list_count(l) == 0 && tsc_user_list_total_available(l) == 0);
    tsc_user_list_free(l);
    l = NULL;

    OK(tsc_groups_add_user(s, g, tsc_user_id(a), &added, &E));
    CHECK_STR(tsc_user_id(added), tsc_user_id(a));
    CHECK_STR(tsc_user_name(added), "c.member.a");
    tsc_user_free(added);
    added = NULL;
    FAILS_CODE(TSC_STATUS_CONFLICT, "409011", tsc_groups_add_user(s, g, tsc_user_id(a), &added, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_groups_add_user(s, g, UNKNOWN, &added, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_add_user(s, g, "", &added, &E));
    OK(tsc_groups_add_user(s, g, tsc_user_id(b), &added, &E));
    tsc_user_free(added);
    added = NULL;

    const char *ab[] = {tsc_user_id(a), tsc_user_id(b)};
    OK(tsc_groups_populate_users(s, g, NULL, &l, &E));
    CHECK(same_members(l, ab, 2));
    tsc_user_list_free(l);
    l = NULL;
    tsc_group *fresh = find_group(s, "C Members");
    CHECK(fresh != NULL && tsc_group_user_count(fresh) == 2);
    tsc_group_free(fresh);

    /* a page of one member, sorted: page 2 is b */
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_set_page_size(o, 1, &E));
    OK(tsc_request_options_set_page_number(o, 2, &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_ASC, &E));
    OK(tsc_groups_populate_users(s, g, o, &l, &E));
    CHECK(tsc_user_list_count(l) == 1 && tsc_user_list_total_available(l) == 2);
    CHECK_STR(tsc_user_name(tsc_user_list_get(l, 0)), "c.member.b");
    tsc_user_list_free(l);
    l = NULL;
    tsc_request_options_free(o);

    /* removing: a member, then the same user again (not a member), an unknown user */
    OK(tsc_groups_remove_user(s, g, tsc_user_id(a), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_groups_remove_user(s, g, tsc_user_id(a), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_groups_remove_user(s, g, tsc_user_id(c), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_groups_remove_user(s, g, UNKNOWN, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_remove_user(s, g, "", &E));
    const char *just_b[] = {tsc_user_id(b)};
    OK(tsc_groups_populate_users(s, g, NULL, &l, &E));
    CHECK(same_members(l, just_b, 1));
    tsc_user_list_free(l);
    l = NULL;

    /* All Users: everyone is a member; nobody can be removed */
    tsc_group *all = find_group(s, "All Users");
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400032", tsc_groups_remove_user(s, all, tsc_user_id(b), &E));
    FAILS_CODE(TSC_STATUS_CONFLICT, "409011", tsc_groups_add_user(s, all, tsc_user_id(b), &added, &E));
    tsc_group_free(all);

    /* bulk add and remove (REST API 3.21+) */
    const char *abc[] = {tsc_user_id(a), tsc_user_id(b), tsc_user_id(c)};
    OK(tsc_groups_add_users(s, g, abc, 3, &l, &E));
    CHECK(same_members(l, abc, 3));
    CHECK(tsc_user_list_total_available(l) == -1); /* not paginated */
    tsc_user_list_free(l);
    l = NULL;
    OK(tsc_groups_populate_users(s, g, NULL, &l, &E));
    CHECK(same_members(l, abc, 3));
    tsc_user_list_free(l);
    l = NULL;
    const char *with_unknown[] = {tsc_user_id(a), UNKNOWN};
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_groups_add_users(s, g, with_unknown, 2, &l, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_add_users(s, g, abc, 0, &l, &E));
    const char *empty_id[] = {tsc_user_id(a), ""};
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_add_users(s, g, empty_id, 2, &l, &E));
    const char *ac[] = {tsc_user_id(a), tsc_user_id(c)};
    OK(tsc_groups_remove_users(s, g, ac, 2, &E));
    OK(tsc_groups_populate_users(s, g, NULL, &l, &E));
    CHECK(same_members(l, just_b, 1));
    tsc_user_list_free(l);
    l = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_remove_users(s, g, ac, 0, &E));

    /* before REST API 3.21 the bulk calls are refused locally */
    tsc_server *old = test_server_pinned("3.20");
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_groups_add_users(old, g, abc, 3, &l, &E));
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_groups_remove_users(old, g, abc, 3, &E));
    OK(tsc_groups_add_user(old, g, tsc_user_id(c), &added, &E)); /* the single form works */
    tsc_user_free(added);
    added = NULL;
    tsc_server_free(old);

    /* an unknown group (deleted): every membership call says so */
    OK(tsc_groups_delete(s, tsc_group_id(g), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_groups_populate_users(s, g, NULL, &l, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_groups_add_user(s, g, tsc_user_id(a), &added, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_groups_remove_user(s, g, tsc_user_id(b), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_groups_add_users(s, g, abc, 3, &l, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_groups_remove_users(s, g, abc, 3, &E));
    tsc_user_pager *p = NULL;
    tsc_user_list *page = NULL;
    OK(tsc_groups_users_pager(s, g, NULL, 0, &p, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_user_pager_next(p, &page, &E));
    CHECK(page == NULL);
    tsc_user_pager_free(p);
    p = NULL;
    /* a group without an id */
    tsc_group *draft = NULL;
    OK(tsc_group_new("C draft", &draft, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_populate_users(s, draft, NULL, &l, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_users_pager(s, draft, NULL, 0, &p, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_add_user(s, draft, tsc_user_id(a), &added, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_groups_remove_user(s, draft, tsc_user_id(a), &E));
    tsc_group_free(draft);
    CHECK(l == NULL && added == NULL && p == NULL);

    OK(tsc_users_remove(s, tsc_user_id(a), NULL, &E));
    OK(tsc_users_remove(s, tsc_user_id(b), NULL, &E));
    OK(tsc_users_remove(s, tsc_user_id(c), NULL, &E));
    tsc_user_free(a);
    tsc_user_free(b);
    tsc_user_free(c);
    tsc_group_free(g);
}

/* A group of 23 members paged through with page sizes 1, 5, 23 and the default, with and
 * without read-ahead: every member once, in name order. */
static void test_members_pager(tsc_server *s) {
    tsc_group *g = create_group(s, "C Paged", NULL);
    char name[32];
    const char *ids[23];
    tsc_user *users[23];
    for (int i = 0; i < 23; i++) {
        snprintf(name, sizeof name, "c.paged.%02d", 22 - i); /* added in reverse name order */
        users[i] = add_user(s, name);
        ids[i] = tsc_user_id(users[i]);
    }
    tsc_user_list *l = NULL;
    OK(tsc_groups_add_users(s, g, ids, 23, &l, &E));
    tsc_user_list_free(l);

    const int sizes[] = {1, 5, 23, 0};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        for (uint32_t ahead = 0; ahead <= 3; ahead += 3) {
            tsc_request_options *o = NULL;
            OK(tsc_request_options_new(&o, &E));
            if (sizes[k]) OK(tsc_request_options_set_page_size(o, sizes[k], &E));
            OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_ASC, &E));
            tsc_user_pager *p = NULL;
            OK(tsc_groups_users_pager(s, g, o, ahead, &p, &E));
            tsc_request_options_free(o); /* the pager keeps a copy */
            int seen = 0, pages = 0, in_order = 1;
            tsc_user_list *page = NULL;
            while (tsc_user_pager_next(p, &page, &E) == TSC_STATUS_OK && page != NULL) {
                pages++;
                for (size_t i = 0; i < tsc_user_list_count(page); i++) {
                    snprintf(name, sizeof name, "c.paged.%02d", seen);
                    if (strcmp(tsc_user_name(tsc_user_list_get(page, i)), name) != 0) in_order = 0;
                    seen++;
                }
                tsc_user_list_free(page);
            }
            CHECK(E == NULL);
            CHECK(seen == 23 && in_order);
            int size = sizes[k] ? sizes[k] : 1000;
            CHECK(pages == (23 + size - 1) / size);
            CHECK(tsc_user_pager_total_available(p) == 23);
            tsc_user_pager_free(p);
        }
    }
    OK(tsc_groups_delete(s, tsc_group_id(g), &E));
    for (int i = 0; i < 23; i++) {
        OK(tsc_users_remove(s, ids[i], NULL, &E));
        tsc_user_free(users[i]);
    }
    tsc_group_free(g);
}

int main(void) {
    tsc_server *s = test_server();
    test_sign_in(s, "");
    test_create_get_update_delete(s);
    test_membership(s);
    test_members_pager(s);
    tsc_server_free(s);
    return check_finish();
}
