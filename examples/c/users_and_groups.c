/* users_and_groups.c: users, groups and pagers with libtsc from C.
 *
 * Signs in, adds three users, creates a group and adds them to it, lists the group's members,
 * pages through every user and every group of the site with pagers (fetching pages ahead in
 * parallel), updates a user, marks a project as a favorite, and cleans up. Configuration comes
 * from the environment, as for tour.c:
 *
 *   TSC_SERVER                    server URL, e.g. https://tableau.example.com (required)
 *   TSC_USER and TSC_PASSWORD     a user name and password, or
 *   TSC_PAT_NAME, TSC_PAT_SECRET  a personal access token
 *   TSC_SITE                      the site's content URL ("" or unset: the Default site)
 *
 * `make demo` runs it against a fresh tsc-emulator. Adding users needs a site administrator.
 * Build: cc -std=c99 users_and_groups.c $(pkg-config --cflags --libs tsc)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsc.h"

/* Prints the error of a failed call and frees it. */
static int report(const char *what, tsc_status status, tsc_error *err) {
    fprintf(stderr, "\n%s failed: %s (status %d)\n", what, tsc_status_str(status), (int)status);
    if (err != NULL) {
        fprintf(stderr, "  %s\n", tsc_error_message(err));
        tsc_error_free(err);
    }
    return 1;
}

/* Evaluates a libtsc call; on failure reports it and jumps to `done`. */
#define TRY(what, call)                                \
    do {                                               \
        tsc_status st_ = (call);                       \
        if (st_ != TSC_STATUS_OK) {                    \
            rc = report(what, st_, err);               \
            err = NULL;                                \
            goto done;                                 \
        }                                              \
    } while (0)

#define NEW_USERS 3

static const char *env(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v != NULL ? v : fallback;
}

static const char *or_dash(const char *s) { return s != NULL && *s ? s : "-"; }

static void print_users(const char *title, const tsc_user_list *users) {
    printf("%s (%zu):\n", title, tsc_user_list_count(users));
    for (size_t i = 0; i < tsc_user_list_count(users); i++) {
        const tsc_user *u = tsc_user_list_get(users, i);
        printf("  - %-28s %-26s %s\n", tsc_user_name(u), or_dash(tsc_user_site_role(u)),
               or_dash(tsc_user_fullname(u)));
    }
}

int main(void) {
    int rc = 0;
    tsc_error *err = NULL;
    tsc_server_options *opts = NULL;
    tsc_server *server = NULL;
    tsc_credentials *creds = NULL;
    tsc_user *draft = NULL, *users[NEW_USERS] = {NULL, NULL, NULL}, *change = NULL, *updated = NULL,
             *member = NULL;
    tsc_group *group_draft = NULL, *group = NULL;
    tsc_user_list *members = NULL, *page = NULL;
    tsc_group_list *groups = NULL;
    tsc_request_options *sorted = NULL;
    tsc_user_pager *user_pager = NULL;
    tsc_group_pager *group_pager = NULL;
    tsc_project_list *projects = NULL;
    tsc_favorite *favorite = NULL;
    tsc_favorite_list *favorites = NULL;
    char *my_id = NULL;
    char names[NEW_USERS][48], group_name[48];
    const char *roles[NEW_USERS] = {"Creator", "Explorer", "Viewer"};
    const char *ids[NEW_USERS];
    int group_made = 0, users_made = 0;

    const char *url = getenv("TSC_SERVER");
    if (url == NULL) {
        fprintf(stderr, "set TSC_SERVER (and TSC_USER/TSC_PASSWORD or TSC_PAT_NAME/TSC_PAT_SECRET)\n");
        return 2;
    }
    printf("%s: users and groups on %s\n\n", tsc_version(), url);

    /* 1. sign in */
    TRY("tsc_server_options_new", tsc_server_options_new(url, &opts, &err));
    TRY("tsc_server_new", tsc_server_new(opts, &server, &err));
    if (getenv("TSC_PAT_NAME") != NULL) {
        TRY("tsc_credentials_new_pat", tsc_credentials_new_pat(getenv("TSC_PAT_NAME"), env("TSC_PAT_SECRET", ""),
                                                                env("TSC_SITE", ""), &creds, &err));
    } else {
        TRY("tsc_credentials_new_password",
            tsc_credentials_new_password(env("TSC_USER", "admin"), env("TSC_PASSWORD", ""), env("TSC_SITE", ""),
                                         &creds, &err));
    }
    TRY("tsc_auth_sign_in", tsc_auth_sign_in(server, creds, &err));
    TRY("tsc_server_user_id", tsc_server_user_id(server, &my_id, &err));

    /* 2. add three users (the names are unique per run, so the example can run again) */
    long stamp = (long)time(NULL) % 100000;
    for (int i = 0; i < NEW_USERS; i++) {
        snprintf(names[i], sizeof names[i], "example.%c.%05ld", 'a' + i, stamp);
        TRY("tsc_user_new", tsc_user_new(names[i], roles[i], &draft, &err));
        TRY("tsc_users_add", tsc_users_add(server, draft, &users[i], &err));
        tsc_user_free(draft);
        draft = NULL;
        ids[i] = tsc_user_id(users[i]);
        users_made = i + 1;
        printf("Added user %-22s as %-10s (id %s)\n", tsc_user_name(users[i]), tsc_user_site_role(users[i]), ids[i]);
    }

    /* 3. give the first one a full name, an e-mail address and a password */
    change = tsc_user_clone(users[0]);
    TRY("tsc_user_set_fullname", tsc_user_set_fullname(change, "Ada Example", &err));
    TRY("tsc_user_set_email", tsc_user_set_email(change, "ada@example.com", &err));
    TRY("tsc_users_update", tsc_users_update(server, change, "Example-Passw0rd!", &updated, &err));
    printf("Updated %s: full name \"%s\", e-mail %s, new password set\n\n", tsc_user_name(updated),
           tsc_user_fullname(updated), tsc_user_email(updated));

    /* 4. a group with all three as members */
    snprintf(group_name, sizeof group_name, "Example Team %05ld", stamp);
    TRY("tsc_group_new", tsc_group_new(group_name, &group_draft, &err));
    TRY("tsc_group_set_minimum_site_role", tsc_group_set_minimum_site_role(group_draft, "Viewer", &err));
    TRY("tsc_groups_create", tsc_groups_create(server, group_draft, &group, &err));
    group_made = 1;
    printf("Created group \"%s\" (minimum site role %s)\n", tsc_group_name(group), tsc_group_minimum_site_role(group));
    TRY("tsc_groups_add_user", tsc_groups_add_user(server, group, ids[0], &member, &err));
    printf("Added %s to it\n", tsc_user_name(member));
    TRY("tsc_groups_add_users", tsc_groups_add_users(server, group, ids + 1, NEW_USERS - 1, &members, &err));
    printf("Added %zu more in one request\n", tsc_user_list_count(members));
    tsc_user_list_free(members);
    members = NULL;

    /* 5. the members, sorted by name, with every attribute */
    TRY("tsc_request_options_new", tsc_request_options_new(&sorted, &err));
    TRY("tsc_request_options_add_sort", tsc_request_options_add_sort(sorted, "name", TSC_SORT_DIRECTION_ASC, &err));
    TRY("tsc_request_options_add_field", tsc_request_options_add_field(sorted, "_all_", &err));
    TRY("tsc_groups_populate_users", tsc_groups_populate_users(server, group, sorted, &members, &err));
    print_users("Members", members);
    TRY("tsc_users_populate_groups", tsc_users_populate_groups(server, users[0], NULL, &groups, &err));
    printf("%s belongs to %zu groups\n\n", names[0], tsc_group_list_count(groups));

    /* 6. every user of the site with a pager: 2 per page here to show the paging (the default is
     *    1000, the server's maximum), fetching up to 4 pages ahead in parallel */
    TRY("tsc_request_options_set_page_size", tsc_request_options_set_page_size(sorted, 2, &err));
    TRY("tsc_users_pager", tsc_users_pager(server, sorted, 4, &user_pager, &err));
    printf("Every user of the site, page by page:\n");
    for (int n = 1;; n++) {
        TRY("tsc_user_pager_next", tsc_user_pager_next(user_pager, &page, &err));
        if (page == NULL) break; /* every page was handed out */
        printf("  page %d of %lld users:", n, (long long)tsc_user_pager_total_available(user_pager));
        for (size_t i = 0; i < tsc_user_list_count(page); i++) printf(" %s", tsc_user_name(tsc_user_list_get(page, i)));
        printf("\n");
        tsc_user_list_free(page);
        page = NULL;
    }

    /* 7. every group, with its member count */
    tsc_request_options_free(sorted);
    sorted = NULL;
    TRY("tsc_request_options_new", tsc_request_options_new(&sorted, &err));
    TRY("tsc_request_options_add_field", tsc_request_options_add_field(sorted, "_all_", &err));
    TRY("tsc_groups_pager", tsc_groups_pager(server, sorted, 0, &group_pager, &err));
    printf("\nGroups:\n");
    tsc_group_list *gpage = NULL;
    for (;;) {
        TRY("tsc_group_pager_next", tsc_group_pager_next(group_pager, &gpage, &err));
        if (gpage == NULL) break;
        for (size_t i = 0; i < tsc_group_list_count(gpage); i++) {
            const tsc_group *g = tsc_group_list_get(gpage, i);
            printf("  - %-24s members: %lld\n", tsc_group_name(g), (long long)tsc_group_user_count(g));
        }
        tsc_group_list_free(gpage);
    }

    /* 8. a favorite: the first project of the site, for the first new user */
    TRY("tsc_projects_get", tsc_projects_get(server, NULL, &projects, &err));
    if (tsc_project_list_count(projects) > 0) {
        const tsc_project *p = tsc_project_list_get(projects, 0);
        TRY("tsc_favorite_new", tsc_favorite_new(tsc_project_name(p), "project", tsc_project_id(p), &favorite, &err));
        TRY("tsc_favorites_add", tsc_favorites_add(server, users[0], favorite, &err));
        TRY("tsc_users_populate_favorites", tsc_users_populate_favorites(server, users[0], NULL, &favorites, &err));
        for (size_t i = 0; i < tsc_favorite_list_count(favorites); i++) {
            const tsc_favorite *f = tsc_favorite_list_get(favorites, i);
            printf("\n%s's favorite: %s \"%s\" (labelled \"%s\")\n", names[0], tsc_favorite_content_type(f),
                   tsc_favorite_content_name(f), tsc_favorite_label(f));
        }
    }

    /* 9. clean up: remove one member, delete the group, remove the users */
    TRY("tsc_groups_remove_user", tsc_groups_remove_user(server, group, ids[2], &err));
    printf("\nRemoved %s from \"%s\"\n", names[2], group_name);
    TRY("tsc_groups_delete", tsc_groups_delete(server, tsc_group_id(group), &err));
    group_made = 0;
    printf("Deleted group \"%s\"\n", group_name);
    for (int i = 0; i < NEW_USERS; i++) {
        TRY("tsc_users_remove", tsc_users_remove(server, ids[i], my_id, &err));
        printf("Removed user %s\n", names[i]);
    }
    users_made = 0;
    TRY("tsc_auth_sign_out", tsc_auth_sign_out(server, &err));
    printf("Signed out. Done.\n");

done:
    /* leave the server as we found it, even after a failure */
    if (server != NULL && group_made) {
        tsc_status st = tsc_groups_delete(server, tsc_group_id(group), NULL);
        (void)st;
    }
    for (int i = 0; server != NULL && i < users_made; i++) {
        tsc_status st = tsc_users_remove(server, ids[i], NULL, NULL);
        (void)st;
    }
    tsc_favorite_list_free(favorites);
    tsc_favorite_free(favorite);
    tsc_project_list_free(projects);
    tsc_group_pager_free(group_pager);
    tsc_user_pager_free(user_pager);
    tsc_user_list_free(page);
    tsc_group_list_free(groups);
    tsc_user_list_free(members);
    tsc_request_options_free(sorted);
    tsc_group_free(group);
    tsc_group_free(group_draft);
    tsc_user_free(member);
    tsc_user_free(updated);
    tsc_user_free(change);
    for (int i = 0; i < NEW_USERS; i++) tsc_user_free(users[i]);
    tsc_user_free(draft);
    tsc_string_free(my_id);
    tsc_credentials_free(creds);
    tsc_server_free(server);
    tsc_server_options_free(opts);
    return rc;
}
