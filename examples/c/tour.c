/* tour.c: a first tour of libtsc from C.
 *
 * Signs in, shows the server's version, creates a site and a project, lists them, updates them,
 * deletes them and signs out. Configuration comes from the environment:
 *
 *   TSC_SERVER                    server URL, e.g. https://tableau.example.com (required)
 *   TSC_USER and TSC_PASSWORD     a user name and password, or
 *   TSC_PAT_NAME, TSC_PAT_SECRET  a personal access token
 *   TSC_SITE                      the site's content URL ("" or unset: the Default site)
 *
 * `make demo` runs it against a fresh tsc-emulator. Creating sites needs a server administrator.
 * Build: cc -std=c99 tour.c $(pkg-config --cflags --libs tsc)
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

static const char *env(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v != NULL ? v : fallback;
}

static void print_sites(const tsc_site_list *sites) {
    printf("Sites (%zu of %lld):\n", tsc_site_list_count(sites), (long long)tsc_site_list_total_available(sites));
    for (size_t i = 0; i < tsc_site_list_count(sites); i++) {
        const tsc_site *s = tsc_site_list_get(sites, i);
        printf("  - %-24s contentUrl=\"%s\" state=%s\n", tsc_site_name(s), tsc_site_content_url(s),
               tsc_site_state(s) ? tsc_site_state(s) : "?");
    }
}

static void print_projects(const tsc_project_list *projects) {
    printf("Projects (%zu of %lld):\n", tsc_project_list_count(projects),
           (long long)tsc_project_list_total_available(projects));
    for (size_t i = 0; i < tsc_project_list_count(projects); i++) {
        const tsc_project *p = tsc_project_list_get(projects, i);
        printf("  - %-24s %s%s\n", tsc_project_name(p), tsc_project_parent_id(p) ? "(nested) " : "",
               tsc_project_description(p) ? tsc_project_description(p) : "");
    }
}

int main(void) {
    int rc = 0;
    tsc_error *err = NULL;
    tsc_server_options *opts = NULL;
    tsc_server *server = NULL;
    tsc_server_info *info = NULL;
    tsc_credentials *creds = NULL;
    tsc_site *new_site = NULL, *site = NULL, *site_change = NULL, *site_updated = NULL;
    tsc_site_list *sites = NULL;
    tsc_project *draft = NULL, *parent = NULL, *child = NULL, *change = NULL, *updated = NULL;
    tsc_project_list *projects = NULL;
    tsc_request_options *filter = NULL;
    char *user_id = NULL, *version = NULL;
    char site_name[64], site_url[64];
    int switched = 0;

    const char *url = getenv("TSC_SERVER");
    const char *home = env("TSC_SITE", "");
    if (url == NULL) {
        fprintf(stderr, "set TSC_SERVER (and TSC_USER/TSC_PASSWORD or TSC_PAT_NAME/TSC_PAT_SECRET)\n");
        return 2;
    }
    printf("%s, touring %s\n\n", tsc_version(), url);

    /* 1. a server handle, and what the server says about itself (no sign-in needed) */
    TRY("tsc_server_options_new", tsc_server_options_new(url, &opts, &err));
    TRY("tsc_server_options_set_user_agent_suffix", tsc_server_options_set_user_agent_suffix(opts, "tour/1.0", &err));
    TRY("tsc_server_new", tsc_server_new(opts, &server, &err));
    TRY("tsc_server_info_get", tsc_server_info_get(server, &info, &err));
    printf("Server: Tableau %s (build %s), REST API %s\n", tsc_server_info_product_version(info),
           tsc_server_info_build_number(info) ? tsc_server_info_build_number(info) : "?",
           tsc_server_info_rest_api_version(info));

    /* 2. sign in with a personal access token or a password */
    if (getenv("TSC_PAT_NAME") != NULL) {
        TRY("tsc_credentials_new_pat",
            tsc_credentials_new_pat(getenv("TSC_PAT_NAME"), env("TSC_PAT_SECRET", ""), home, &creds, &err));
    } else {
        TRY("tsc_credentials_new_password",
            tsc_credentials_new_password(env("TSC_USER", "admin"), env("TSC_PASSWORD", ""), home, &creds, &err));
    }
    TRY("tsc_auth_sign_in", tsc_auth_sign_in(server, creds, &err));
    TRY("tsc_server_user_id", tsc_server_user_id(server, &user_id, &err));
    TRY("tsc_server_api_version", tsc_server_api_version(server, &version, &err));
    printf("Signed in as user %s on site \"%s\", using REST API %s\n\n", user_id, home, version);

    /* 3. create a site */
    snprintf(site_name, sizeof site_name, "Tour %ld", (long)time(NULL));
    snprintf(site_url, sizeof site_url, "tour%ld", (long)time(NULL));
    TRY("tsc_site_new", tsc_site_new(site_name, site_url, &new_site, &err));
    TRY("tsc_site_set_admin_mode", tsc_site_set_admin_mode(new_site, "ContentAndUsers", &err));
    TRY("tsc_site_set_user_quota", tsc_site_set_user_quota(new_site, 50, &err));
    TRY("tsc_sites_create", tsc_sites_create(server, new_site, &site, &err));
    printf("Created site \"%s\" (contentUrl \"%s\", id %s, user quota %lld)\n", tsc_site_name(site),
           tsc_site_content_url(site), tsc_site_id(site), (long long)tsc_site_user_quota(site));
    TRY("tsc_sites_get", tsc_sites_get(server, NULL, &sites, &err));
    print_sites(sites);

    /* 4. update it: clone the fetched item, change it, send it */
    site_change = tsc_site_clone(site);
    TRY("tsc_site_set_name", tsc_site_set_name(site_change, "Tour (renamed)", &err));
    TRY("tsc_site_set_storage_quota", tsc_site_set_storage_quota(site_change, 1024, &err));
    TRY("tsc_sites_update", tsc_sites_update(server, site_change, &site_updated, &err));
    printf("Updated site: name \"%s\", storage quota %lld MB\n\n", tsc_site_name(site_updated),
           (long long)tsc_site_storage_quota(site_updated));

    /* 5. work inside the new site: a project with a nested one */
    TRY("tsc_auth_switch_site", tsc_auth_switch_site(server, site_url, &err));
    switched = 1;
    printf("Switched to site \"%s\"\n", site_url);
    TRY("tsc_project_new", tsc_project_new("Finance", &draft, &err));
    TRY("tsc_project_set_description", tsc_project_set_description(draft, "Budgets and forecasts", &err));
    TRY("tsc_project_set_content_permissions", tsc_project_set_content_permissions(draft, "ManagedByOwner", &err));
    TRY("tsc_projects_create", tsc_projects_create(server, draft, &parent, &err));
    tsc_project_free(draft);
    draft = NULL;
    TRY("tsc_project_new", tsc_project_new("Finance - Q1", &draft, &err));
    TRY("tsc_project_set_parent_id", tsc_project_set_parent_id(draft, tsc_project_id(parent), &err));
    TRY("tsc_projects_create", tsc_projects_create(server, draft, &child, &err));
    printf("Created project \"%s\" and nested project \"%s\"\n", tsc_project_name(parent), tsc_project_name(child));
    TRY("tsc_projects_get", tsc_projects_get(server, NULL, &projects, &err));
    print_projects(projects);
    tsc_project_list_free(projects);
    projects = NULL;

    /* 6. a filtered, sorted listing */
    TRY("tsc_request_options_new", tsc_request_options_new(&filter, &err));
    TRY("tsc_request_options_add_filter",
        tsc_request_options_add_filter(filter, "parentProjectId", TSC_FILTER_OP_EQ, tsc_project_id(parent), &err));
    TRY("tsc_request_options_add_sort", tsc_request_options_add_sort(filter, "name", TSC_SORT_DIRECTION_ASC, &err));
    TRY("tsc_projects_get", tsc_projects_get(server, filter, &projects, &err));
    printf("Children of \"%s\": %zu\n", tsc_project_name(parent), tsc_project_list_count(projects));

    /* 7. update a project */
    change = tsc_project_clone(child);
    TRY("tsc_project_set_description", tsc_project_set_description(change, "First quarter", &err));
    TRY("tsc_projects_update", tsc_projects_update(server, change, &updated, &err));
    printf("Updated \"%s\": description \"%s\"\n\n", tsc_project_name(updated), tsc_project_description(updated));

    /* 8. clean up: delete the projects (children go with their parent) and the site */
    TRY("tsc_projects_delete", tsc_projects_delete(server, tsc_project_id(parent), &err));
    printf("Deleted project \"%s\" and its children\n", tsc_project_name(parent));
    TRY("tsc_auth_switch_site", tsc_auth_switch_site(server, home, &err));
    switched = 0;
    TRY("tsc_sites_delete", tsc_sites_delete(server, tsc_site_id(site), &err));
    printf("Deleted site \"%s\"\n", tsc_site_name(site_updated));
    TRY("tsc_auth_sign_out", tsc_auth_sign_out(server, &err));
    printf("Signed out. Tour complete.\n");

done:
    if (switched && server != NULL) { /* leave the server as we found it */
        tsc_status st = tsc_auth_switch_site(server, home, NULL);
        if (st == TSC_STATUS_OK && site != NULL) st = tsc_sites_delete(server, tsc_site_id(site), NULL);
        (void)st;
    }
    tsc_request_options_free(filter);
    tsc_project_list_free(projects);
    tsc_project_free(draft);
    tsc_project_free(parent);
    tsc_project_free(child);
    tsc_project_free(change);
    tsc_project_free(updated);
    tsc_site_list_free(sites);
    tsc_site_free(new_site);
    tsc_site_free(site);
    tsc_site_free(site_change);
    tsc_site_free(site_updated);
    tsc_string_free(user_id);
    tsc_string_free(version);
    tsc_credentials_free(creds);
    tsc_server_info_free(info);
    tsc_server_free(server);
    tsc_server_options_free(opts);
    return rc;
}
