/* test_users.c: tsc_users_* and tsc_favorites_* against the emulator, through the C API only:
 * add (with its failures: duplicate user, bad site role locally and on the server, Guest), get,
 * get_by_id, update (every settable attribute, a new password that then signs in, a
 * ServerAdministrator role that is never sent), remove (map_assets_to), a user's workbooks
 * (owned only or all), favorites (add, list, pager, delete) and groups. */
#include "check.h"

static const char *UNKNOWN = "00000000-0000-4000-8000-000000000000";

static tsc_user *add_user(tsc_server *s, const char *name, const char *role) {
    tsc_user *draft = NULL, *u = NULL;
    OK(tsc_user_new(name, role, &draft, &E));
    OK(tsc_users_add(s, draft, &u, &E));
    tsc_user_free(draft);
    return u;
}

static void test_add(tsc_server *s) {
    tsc_user *draft = NULL, *u = NULL, *again = NULL;

    /* the site role and auth setting are checked locally */
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_user_new("c.nobody", "Boss", &draft, &E));
    CHECK(draft == NULL);
    OK(tsc_user_new("c.ann", "Explorer", &draft, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_user_set_site_role(draft, "Boss", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_user_set_site_role(draft, "viewer", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_user_set_auth_setting(draft, "Kerberos", &E));
    CHECK_STR(tsc_user_site_role(draft), "Explorer");
    OK(tsc_user_set_auth_setting(draft, "ServerDefault", &E));
    CHECK(tsc_user_id(draft) == NULL);

    OK(tsc_users_add(s, draft, &u, &E));
    CHECK(u != NULL && tsc_user_id(u) != NULL && strlen(tsc_user_id(u)) == 36);
    CHECK_STR(tsc_user_name(u), "c.ann");
    CHECK_STR(tsc_user_site_role(u), "Explorer");
    CHECK_STR(tsc_user_auth_setting(u), "ServerDefault");
    /* the reply says externalAuthUserId="", as Tableau does for a local user: empty reads as absent */
    CHECK(tsc_user_external_auth_user_id(u) == NULL);

    /* a duplicate user, also with another case */
    FAILS_CODE(TSC_STATUS_CONFLICT, "409000", tsc_users_add(s, draft, &again, &E));
    CHECK(again == NULL);
    OK(tsc_user_set_name(draft, "C.ANN", &E));
    FAILS_CODE(TSC_STATUS_CONFLICT, "409000", tsc_users_add(s, draft, &again, &E));
    tsc_user_free(draft);

    /* roles the server refuses on add: Guest */
    OK(tsc_user_new("c.guest", "Guest", &draft, &E));
    FAILS_CODE(TSC_STATUS_CONFLICT, "409005", tsc_users_add(s, draft, &again, &E));
    tsc_user_free(draft);

    /* a user needs a name (local check) */
    OK(tsc_user_new("c.x", "Viewer", &draft, &E));
    OK(tsc_user_set_name(draft, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_add(s, draft, &again, &E));
    OK(tsc_user_set_name(draft, "   ", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_add(s, draft, &again, &E));
    OK(tsc_user_set_name(draft, "c.x", &E));
    OK(tsc_user_set_site_role(draft, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_add(s, draft, &again, &E));
    CHECK(again == NULL);
    tsc_user_free(draft);
    tsc_user_free(u);
}

static void test_get(tsc_server *s) {
    tsc_user *u = add_user(s, "c.bob, \"the builder\" ś", "Creator"), *got = NULL;
    CHECK(u != NULL);
    OK(tsc_users_get_by_id(s, tsc_user_id(u), &got, &E));
    CHECK_STR(tsc_user_id(got), tsc_user_id(u));
    CHECK_STR(tsc_user_name(got), "c.bob, \"the builder\" ś");
    CHECK_STR(tsc_user_site_role(got), "Creator");
    CHECK_STR(tsc_user_domain_name(got), "local");
    CHECK_STR(tsc_user_auth_setting(got), "ServerDefault");
    CHECK(tsc_user_last_login(got) == NULL); /* never signed in */
    tsc_user_free(got);
    got = NULL;
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_users_get_by_id(s, UNKNOWN, &got, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_get_by_id(s, "", &got, &E));
    CHECK(got == NULL);

    /* the listing asks for every attribute: the domain and auth setting come back too */
    tsc_user_list *l = NULL;
    OK(tsc_users_get(s, NULL, &l, &E));
    size_t n = tsc_user_list_count(l);
    CHECK(n >= 3);
    CHECK(tsc_user_list_total_available(l) == (int64_t)n);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        const tsc_user *x = tsc_user_list_get(l, i);
        CHECK(tsc_user_domain_name(x) != NULL && tsc_user_auth_setting(x) != NULL);
        if (strcmp(tsc_user_id(x), tsc_user_id(u)) == 0) {
            found++;
            CHECK_STR(tsc_user_name(x), "c.bob, \"the builder\" ś");
        }
        if (strcmp(tsc_user_name(x), "admin") == 0) CHECK(tsc_user_last_login(x) != NULL);
    }
    CHECK(found == 1);
    tsc_user_list_free(l);

    /* explicit fields are respected (no _all_ added) */
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_field(o, "id", &E));
    OK(tsc_request_options_add_field(o, "name", &E));
    OK(tsc_users_get(s, o, &l, &E));
    CHECK(tsc_user_list_count(l) == n);
    for (size_t i = 0; i < tsc_user_list_count(l); i++) {
        const tsc_user *x = tsc_user_list_get(l, i);
        CHECK(tsc_user_id(x) != NULL && tsc_user_name(x) != NULL);
        CHECK(tsc_user_site_role(x) == NULL && tsc_user_domain_name(x) == NULL);
    }
    tsc_user_list_free(l);
    tsc_request_options_free(o);
    tsc_user_free(u);
}

static void test_update(tsc_server *s) {
    tsc_user *u = add_user(s, "c.carol", "Viewer");
    tsc_user *changed = tsc_user_clone(u), *updated = NULL, *got = NULL, *draft = NULL;
    CHECK(changed != NULL);
    OK(tsc_user_set_fullname(changed, "Carol Ñandú, \"C\" <x>", &E));
    OK(tsc_user_set_email(changed, "carol@example.com", &E));
    OK(tsc_user_set_site_role(changed, "ExplorerCanPublish", &E));
    OK(tsc_user_set_auth_setting(changed, "SAML", &E));
    CHECK_STR(tsc_user_site_role(u), "Viewer"); /* the original is unchanged */
    OK(tsc_users_update(s, changed, "N3w pass, wörd!", &updated, &E));
    CHECK_STR(tsc_user_id(updated), tsc_user_id(u)); /* the reply has no id: kept from the item */
    CHECK_STR(tsc_user_name(updated), "c.carol");
    CHECK_STR(tsc_user_fullname(updated), "Carol Ñandú, \"C\" <x>");
    CHECK_STR(tsc_user_email(updated), "carol@example.com");
    CHECK_STR(tsc_user_site_role(updated), "ExplorerCanPublish");
    CHECK_STR(tsc_user_auth_setting(updated), "SAML");
    OK(tsc_users_get_by_id(s, tsc_user_id(u), &got, &E));
    CHECK_STR(tsc_user_fullname(got), "Carol Ñandú, \"C\" <x>");
    CHECK_STR(tsc_user_site_role(got), "ExplorerCanPublish");
    tsc_user_free(got);
    got = NULL;

    /* the new password signs in; the wrong one does not */
    tsc_server *as_carol = test_server();
    tsc_credentials *c = NULL;
    OK(tsc_credentials_new_password("c.carol", "N3w pass, wörd!", "", &c, &E));
    OK(tsc_auth_sign_in(as_carol, c, &E));
    tsc_credentials_free(c);
    char *me = NULL;
    OK(tsc_server_user_id(as_carol, &me, &E));
    CHECK_STR(me, tsc_user_id(u));
    tsc_string_free(me);
    OK(tsc_credentials_new_password("c.carol", "N3w pass", "", &c, &E));
    FAILS(TSC_STATUS_UNAUTHORIZED, tsc_auth_sign_in(as_carol, c, &E));
    tsc_credentials_free(c);
    tsc_server_free(as_carol);

    /* ServerAdministrator is never sent: the role stays as it was */
    OK(tsc_user_set_site_role(changed, "ServerAdministrator", &E));
    OK(tsc_users_update(s, changed, NULL, &got, &E));
    CHECK_STR(tsc_user_site_role(got), "ExplorerCanPublish");
    tsc_user_free(got);
    got = NULL;

    /* failures: an empty password, a bad e-mail (server), no id, an unknown id */
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_update(s, changed, "", &got, &E));
    OK(tsc_user_set_email(changed, "not-an-address", &E));
    FAILS(TSC_STATUS_BAD_REQUEST, tsc_users_update(s, changed, NULL, &got, &E));
    OK(tsc_user_new("c.nobody", "Viewer", &draft, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_update(s, draft, NULL, &got, &E));
    tsc_user_free(draft);
    CHECK(got == NULL);

    tsc_user_free(u);
    tsc_user_free(changed);
    tsc_user_free(updated);
}

static void test_remove(tsc_server *s) {
    tsc_user *dan = add_user(s, "c.dan", "Creator"), *eve = add_user(s, "c.eve", "Creator");
    tsc_user *got = NULL;
    /* a project owned by dan goes to eve */
    tsc_project *draft = NULL, *p = NULL, *changed = NULL, *owned = NULL;
    OK(tsc_project_new("C dan's project", &draft, &E));
    OK(tsc_projects_create(s, draft, &p, &E));
    changed = tsc_project_clone(p);
    OK(tsc_project_set_owner_id(changed, tsc_user_id(dan), &E));
    OK(tsc_projects_update(s, changed, &owned, &E));
    CHECK_STR(tsc_project_owner_id(owned), tsc_user_id(dan));
    tsc_project_free(owned);
    owned = NULL;

    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_users_remove(s, tsc_user_id(dan), UNKNOWN, &E));
    FAILS(TSC_STATUS_BAD_REQUEST, tsc_users_remove(s, tsc_user_id(dan), tsc_user_id(dan), &E));
    OK(tsc_users_remove(s, tsc_user_id(dan), tsc_user_id(eve), &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_users_get_by_id(s, tsc_user_id(dan), &got, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_users_remove(s, tsc_user_id(dan), NULL, &E));
    OK(tsc_projects_get_by_id(s, tsc_project_id(p), &owned, &E));
    CHECK_STR(tsc_project_owner_id(owned), tsc_user_id(eve));
    tsc_project_free(owned);
    owned = NULL;

    /* without map_assets_to what eve owns goes to the signed-in user */
    char *me = NULL;
    OK(tsc_server_user_id(s, &me, &E));
    OK(tsc_users_remove(s, tsc_user_id(eve), NULL, &E));
    OK(tsc_projects_get_by_id(s, tsc_project_id(p), &owned, &E));
    CHECK_STR(tsc_project_owner_id(owned), me);
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_remove(s, "", NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_remove(s, tsc_user_id(eve), "", &E));
    FAILS(TSC_STATUS_FORBIDDEN, tsc_users_remove(s, me, NULL, &E)); /* a server administrator */
    OK(tsc_projects_delete(s, tsc_project_id(p), &E));

    tsc_string_free(me);
    tsc_project_free(draft);
    tsc_project_free(p);
    tsc_project_free(changed);
    tsc_project_free(owned);
    tsc_user_free(dan);
    tsc_user_free(eve);
}

static void test_workbooks(tsc_server *s) {
    tsc_user *u = add_user(s, "c.frank", "Creator"), *draft = NULL;
    tsc_workbook_list *l = NULL;
    tsc_workbook_pager *p = NULL;
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_ASC, &E));
    OK(tsc_users_populate_workbooks(s, u, NULL, 0, &l, &E));
    CHECK(tsc_workbook_list_count(l) == 0);
    CHECK(tsc_workbook_list_total_available(l) == 0);
    tsc_workbook_list_free(l);
    l = NULL;
    OK(tsc_users_populate_workbooks(s, u, o, 1, &l, &E));
    CHECK(tsc_workbook_list_count(l) == 0);
    tsc_workbook_list_free(l);
    l = NULL;
    OK(tsc_users_workbooks_pager(s, u, o, 1, 2, &p, &E));
    OK(tsc_workbook_pager_next(p, &l, &E));
    CHECK(l == NULL); /* nothing: the end at once */
    CHECK(tsc_workbook_pager_total_available(p) == 0);
    tsc_workbook_pager_free(p);
    p = NULL;

    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_populate_workbooks(s, u, NULL, 2, &l, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_workbooks_pager(s, u, NULL, -1, 0, &p, &E));
    OK(tsc_user_new("c.nobody", "Viewer", &draft, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_populate_workbooks(s, draft, NULL, 0, &l, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_workbooks_pager(s, draft, NULL, 0, 0, &p, &E));
    tsc_user_free(draft);
    /* a filter on a field the user's workbooks do not know */
    OK(tsc_request_options_add_filter(o, "nosuchfield", TSC_FILTER_OP_EQ, "x", &E));
    FAILS(TSC_STATUS_BAD_REQUEST, tsc_users_populate_workbooks(s, u, o, 0, &l, &E));
    OK(tsc_users_remove(s, tsc_user_id(u), NULL, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_users_populate_workbooks(s, u, NULL, 0, &l, &E));
    CHECK(l == NULL && p == NULL);
    tsc_request_options_free(o);
    tsc_user_free(u);
}

static const tsc_favorite *find_favorite(const tsc_favorite_list *l, const char *id) {
    for (size_t i = 0; i < tsc_favorite_list_count(l); i++)
        if (strcmp(tsc_favorite_content_id(tsc_favorite_list_get(l, i)), id) == 0)
            return tsc_favorite_list_get(l, i);
    return NULL;
}

static void test_favorites(tsc_server *s) {
    tsc_user *u = add_user(s, "c.gina", "Explorer");
    tsc_project *pd = NULL, *p1 = NULL, *p2 = NULL;
    OK(tsc_project_new("C fav one", &pd, &E));
    OK(tsc_projects_create(s, pd, &p1, &E));
    OK(tsc_project_set_name(pd, "C fav two", &E));
    OK(tsc_projects_create(s, pd, &p2, &E));
    tsc_project_free(pd);

    tsc_favorite_list *l = NULL;
    OK(tsc_users_populate_favorites(s, u, NULL, &l, &E));
    CHECK(tsc_favorite_list_count(l) == 0);
    tsc_favorite_list_free(l);
    l = NULL;

    tsc_favorite *f = NULL, *f2 = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_favorite_new("x", "book", tsc_project_id(p1), &f, &E));
    CHECK(f == NULL);
    OK(tsc_favorite_new("My, favourite: [one] ś", "project", tsc_project_id(p1), &f, &E));
    CHECK_STR(tsc_favorite_content_type(f), "project");
    CHECK(tsc_favorite_content_name(f) == NULL);
    OK(tsc_favorites_add(s, u, f, &E));
    FAILS_CODE(TSC_STATUS_CONFLICT, "409007", tsc_favorites_add(s, u, f, &E)); /* already there */
    OK(tsc_favorite_new("second", "project", tsc_project_id(p2), &f2, &E));
    OK(tsc_favorites_add(s, u, f2, &E));
    OK(tsc_favorite_set_content_id(f2, UNKNOWN, &E));
    OK(tsc_favorite_set_label(f2, "unknown", &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_favorites_add(s, u, f2, &E));
    OK(tsc_favorite_set_content_id(f2, NULL, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_favorites_add(s, u, f2, &E));

    OK(tsc_users_populate_favorites(s, u, NULL, &l, &E));
    CHECK(tsc_favorite_list_count(l) == 2);
    CHECK(tsc_favorite_list_total_available(l) == 2);
    const tsc_favorite *got = find_favorite(l, tsc_project_id(p1));
    CHECK(got != NULL);
    CHECK_STR(tsc_favorite_label(got), "My, favourite: [one] ś");
    CHECK_STR(tsc_favorite_content_type(got), "project");
    CHECK_STR(tsc_favorite_content_name(got), "C fav one");
    CHECK(tsc_favorite_position(got) != TSC_ABSENT_INT);
    CHECK(tsc_favorite_added_at(got) != NULL && strlen(tsc_favorite_added_at(got)) == 20);
    got = find_favorite(l, tsc_project_id(p2));
    CHECK(got != NULL && strcmp(tsc_favorite_label(got), "second") == 0);

    /* a pager over the favorites, one per page */
    tsc_request_options *o = NULL;
    tsc_favorite_pager *fp = NULL;
    tsc_favorite_list *page = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_set_page_size(o, 1, &E));
    OK(tsc_favorites_pager(s, u, o, 1, &fp, &E));
    int pages = 0, total = 0;
    for (;;) {
        tsc_status st = tsc_favorite_pager_next(fp, &page, &E);
        CHECK(st == TSC_STATUS_OK);
        if (st != TSC_STATUS_OK || page == NULL) break;
        pages++;
        total += (int)tsc_favorite_list_count(page);
        tsc_favorite_list_free(page);
    }
    CHECK(pages == 2 && total == 2);
    tsc_favorite_pager_free(fp);
    tsc_request_options_free(o);

    /* delete one from the list; deleting it again fails */
    got = find_favorite(l, tsc_project_id(p1));
    OK(tsc_favorites_delete(s, u, got, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_favorites_delete(s, u, got, &E));
    tsc_favorite_list_free(l);
    l = NULL;
    OK(tsc_users_populate_favorites(s, u, NULL, &l, &E));
    CHECK(tsc_favorite_list_count(l) == 1);
    CHECK(find_favorite(l, tsc_project_id(p2)) != NULL);
    tsc_favorite_list_free(l);
    l = NULL;

    /* a user without an id */
    tsc_user *draft = NULL;
    OK(tsc_user_new("c.nobody", "Viewer", &draft, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_users_populate_favorites(s, draft, NULL, &l, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_favorites_add(s, draft, f, &E));
    tsc_user_free(draft);

    OK(tsc_projects_delete(s, tsc_project_id(p1), &E));
    OK(tsc_projects_delete(s, tsc_project_id(p2), &E));
    OK(tsc_users_remove(s, tsc_user_id(u), NULL, &E));
    tsc_favorite_free(f);
    tsc_favorite_free(f2);
    tsc_project_free(p1);
    tsc_project_free(p2);
    tsc_user_free(u);
}

static void test_groups_of_user(tsc_server *s) {
    tsc_user *u = add_user(s, "c.hal", "Viewer");
    tsc_group *draft = NULL, *g1 = NULL, *g2 = NULL;
    tsc_user *member = NULL;
    OK(tsc_group_new("C hal's first", &draft, &E));
    OK(tsc_groups_create(s, draft, &g1, &E));
    OK(tsc_group_set_name(draft, "C hal's second", &E));
    OK(tsc_groups_create(s, draft, &g2, &E));
    tsc_group_free(draft);
    OK(tsc_groups_add_user(s, g1, tsc_user_id(u), &member, &E));
    tsc_user_free(member);
    member = NULL;
    OK(tsc_groups_add_user(s, g2, tsc_user_id(u), &member, &E));
    tsc_user_free(member);

    tsc_group_list *l = NULL;
    OK(tsc_users_populate_groups(s, u, NULL, &l, &E));
    /* both groups, and All Users */
    CHECK(tsc_group_list_count(l) == 3);
    int mine = 0;
    for (size_t i = 0; i < tsc_group_list_count(l); i++) {
        const char *id = tsc_group_id(tsc_group_list_get(l, i));
        if (strcmp(id, tsc_group_id(g1)) == 0 || strcmp(id, tsc_group_id(g2)) == 0) mine++;
    }
    CHECK(mine == 2);
    tsc_group_list_free(l);

    tsc_group_pager *p = NULL;
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_HAS, "hal's", &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_DESC, &E));
    OK(tsc_users_groups_pager(s, u, o, 0, &p, &E));
    l = NULL;
    OK(tsc_group_pager_next(p, &l, &E));
    CHECK(tsc_group_list_count(l) == 2);
    CHECK_STR(tsc_group_name(tsc_group_list_get(l, 0)), "C hal's second");
    tsc_group_list_free(l);
    l = NULL;
    OK(tsc_group_pager_next(p, &l, &E));
    CHECK(l == NULL);
    tsc_group_pager_free(p);
    tsc_request_options_free(o);

    OK(tsc_groups_delete(s, tsc_group_id(g1), &E));
    OK(tsc_groups_delete(s, tsc_group_id(g2), &E));
    OK(tsc_users_remove(s, tsc_user_id(u), NULL, &E));
    FAILS(TSC_STATUS_NOT_FOUND, tsc_users_populate_groups(s, u, NULL, &l, &E));
    tsc_group_free(g1);
    tsc_group_free(g2);
    tsc_user_free(u);

    /* before REST API 3.7 the call is refused locally */
    tsc_server *old = test_server_pinned("3.6");
    tsc_user_list *ul = NULL;
    OK(tsc_users_get(old, NULL, &ul, &E));
    FAILS(TSC_STATUS_UNSUPPORTED, tsc_users_populate_groups(old, tsc_user_list_get(ul, 0), NULL, &l, &E));
    tsc_user_list_free(ul);
    tsc_server_free(old);
}

int main(void) {
    tsc_server *s = test_server();
    test_sign_in(s, "");
    test_add(s);
    test_get(s);
    test_update(s);
    test_remove(s);
    test_workbooks(s);
    test_favorites(s);
    test_groups_of_user(s);
    OK(tsc_auth_sign_out(s, &E));
    tsc_user_list *l = NULL;
    FAILS(TSC_STATUS_NOT_SIGNED_IN, tsc_users_get(s, NULL, &l, &E));
    tsc_server_free(s);
    return check_finish();
}
