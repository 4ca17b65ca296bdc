/* copy_default_permissions.c: copies a project's default permissions to another project.
 *
 *   copy_default_permissions "Source project" "Target project"
 *
 * For each of the nine kinds of content a project gives default permissions to (workbooks, data
 * sources, flows, metrics, data roles, lenses, virtual connections, databases, tables), reads the
 * source project's rules with one request and, when there are any, adds them to the target
 * project with one more: the list a populate call returns is sent as it is. Kinds the server's
 * REST API version does not have are skipped. Rules the target already has for other grantees
 * stay; a capability both have takes the source's mode.
 *
 * Without arguments it makes two projects, gives the first some default permissions (the All
 * Users group may read workbooks and data sources, and may not download workbooks), copies them
 * and deletes both projects again (what `make demo` runs). Configuration comes from the
 * environment, as for tour.c:
 *
 *   TSC_SERVER                    server URL, e.g. https://tableau.example.com (required)
 *   TSC_USER and TSC_PASSWORD     a user name and password, or
 *   TSC_PAT_NAME, TSC_PAT_SECRET  a personal access token
 *   TSC_SITE                      the site's content URL ("" or unset: the Default site)
 *
 * Build: cc -std=c99 copy_default_permissions.c $(pkg-config --cflags --libs tsc)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsc.h"

typedef tsc_status (*populate_fn)(const tsc_server *, const char *, tsc_permissions_rule_list **,
                                  tsc_error **);
typedef tsc_status (*update_fn)(const tsc_server *, const char *, const tsc_permissions_rule_list *,
                                tsc_permissions_rule_list **, tsc_error **);

/* The kinds of default permissions: one populate and one update function each. */
static const struct {
    const char *name;
    populate_fn populate;
    update_fn update;
} KINDS[] = {
    {"workbooks", tsc_projects_populate_workbook_default_permissions,
     tsc_projects_update_workbook_default_permissions},
    {"data sources", tsc_projects_populate_datasource_default_permissions,
     tsc_projects_update_datasource_default_permissions},
    {"flows", tsc_projects_populate_flow_default_permissions,
     tsc_projects_update_flow_default_permissions},
    {"metrics", tsc_projects_populate_metric_default_permissions,
     tsc_projects_update_metric_default_permissions},
    {"data roles", tsc_projects_populate_datarole_default_permissions,
     tsc_projects_update_datarole_default_permissions},
    {"lenses", tsc_projects_populate_lens_default_permissions,
     tsc_projects_update_lens_default_permissions},
    {"virtual connections", tsc_projects_populate_virtualconnection_default_permissions,
     tsc_projects_update_virtualconnection_default_permissions},
    {"databases", tsc_projects_populate_database_default_permissions,
     tsc_projects_update_database_default_permissions},
    {"tables", tsc_projects_populate_table_default_permissions,
     tsc_projects_update_table_default_permissions},
};
#define N_KINDS (sizeof KINDS / sizeof KINDS[0])

static const char *GRANTEE[] = {"user", "group", "group set"};

static int report(const char *what, tsc_status status, tsc_error *err) {
    fprintf(stderr, "\n%s failed: %s (status %d)\n", what, tsc_status_str(status), (int)status);
    if (err != NULL) {
        fprintf(stderr, "  %s\n", tsc_error_message(err));
        tsc_error_free(err);
    }
    return 1;
}

#define TRY(what, call)                  \
    do {                                 \
        tsc_status st_ = (call);         \
        if (st_ != TSC_STATUS_OK) {      \
            rc = report(what, st_, err); \
            err = NULL;                  \
            goto done;                   \
        }                                \
    } while (0)

static const char *env(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v != NULL ? v : fallback;
}

static void print_rules(const tsc_permissions_rule_list *rules) {
    for (size_t i = 0; i < tsc_permissions_rule_list_count(rules); i++) {
        const tsc_permissions_rule *r = tsc_permissions_rule_list_get(rules, i);
        int32_t type = tsc_permissions_rule_grantee_type(r);
        printf("      %s %s:", type >= 0 && type <= 2 ? GRANTEE[type] : "?",
               tsc_permissions_rule_grantee_id(r));
        for (size_t c = 0; c < tsc_permissions_rule_capability_count(r); c++)
            printf(" %s=%s", tsc_permissions_rule_capability_name(r, c),
                   tsc_permissions_rule_capability_mode(r, c) == TSC_PERMISSION_ALLOW ? "Allow" : "Deny");
        printf("\n");
    }
}

/* The LUID of the only project called `name`, in `*id` (free it with free()). */
static tsc_status find_project(const tsc_server *s, const char *name, char **id, tsc_error **err) {
    tsc_request_options *o = NULL;
    tsc_project_list *l = NULL;
    tsc_status st = tsc_request_options_new(&o, err);
    if (st == TSC_STATUS_OK) st = tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_EQ, name, err);
    if (st == TSC_STATUS_OK) st = tsc_projects_get(s, o, &l, err);
    if (st == TSC_STATUS_OK) {
        if (tsc_project_list_count(l) == 1) {
            const char *p = tsc_project_id(tsc_project_list_get(l, 0));
            *id = malloc(strlen(p) + 1);
            if (*id != NULL) strcpy(*id, p);
        } else {
            fprintf(stderr, "%zu projects are called \"%s\": give a unique name\n",
                    tsc_project_list_count(l), name);
            st = TSC_STATUS_INVALID_ARGUMENT;
        }
    }
    tsc_project_list_free(l);
    tsc_request_options_free(o);
    return st;
}

static tsc_status create_project(const tsc_server *s, const char *name, char **id, tsc_error **err) {
    tsc_project *draft = NULL, *p = NULL;
    tsc_status st = tsc_project_new(name, &draft, err);
    if (st == TSC_STATUS_OK) st = tsc_projects_create(s, draft, &p, err);
    if (st == TSC_STATUS_OK) {
        *id = malloc(strlen(tsc_project_id(p)) + 1);
        if (*id != NULL) strcpy(*id, tsc_project_id(p));
    }
    tsc_project_free(p);
    tsc_project_free(draft);
    return st;
}

/* Demo defaults for `project`: All Users may read workbooks and data sources, not download
 * workbooks. */
static tsc_status demo_defaults(const tsc_server *s, const char *project, tsc_error **err) {
    tsc_group_list *groups = NULL;
    tsc_request_options *o = NULL;
    tsc_permissions_rule *rule = NULL;
    tsc_permissions_rule_list *rules = NULL, *out = NULL;
    tsc_status st = tsc_request_options_new(&o, err);
    if (st == TSC_STATUS_OK) st = tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_EQ, "All Users", err);
    if (st == TSC_STATUS_OK) st = tsc_groups_get(s, o, &groups, err);
    if (st == TSC_STATUS_OK && tsc_group_list_count(groups) != 1) st = TSC_STATUS_NOT_FOUND;
    if (st == TSC_STATUS_OK)
        st = tsc_permissions_rule_new(TSC_GRANTEE_TYPE_GROUP, tsc_group_id(tsc_group_list_get(groups, 0)),
                                      &rule, err);
    if (st == TSC_STATUS_OK) st = tsc_permissions_rule_set_capability(rule, TSC_CAPABILITY_READ, TSC_PERMISSION_ALLOW, err);
    if (st == TSC_STATUS_OK) st = tsc_permissions_rule_list_new(&rules, err);
    if (st == TSC_STATUS_OK) st = tsc_permissions_rule_list_append(rules, rule, err);
    if (st == TSC_STATUS_OK) st = tsc_projects_update_datasource_default_permissions(s, project, rules, &out, err);
    tsc_permissions_rule_list_free(out);
    out = NULL;
    if (st == TSC_STATUS_OK) st = tsc_permissions_rule_set_capability(rule, TSC_CAPABILITY_EXPORT_XML, TSC_PERMISSION_DENY, err);
    tsc_permissions_rule_list_free(rules);
    rules = NULL;
    if (st == TSC_STATUS_OK) st = tsc_permissions_rule_list_new(&rules, err);
    if (st == TSC_STATUS_OK) st = tsc_permissions_rule_list_append(rules, rule, err);
    if (st == TSC_STATUS_OK) st = tsc_projects_update_workbook_default_permissions(s, project, rules, &out, err);
    tsc_permissions_rule_list_free(out);
    tsc_permissions_rule_list_free(rules);
    tsc_permissions_rule_free(rule);
    tsc_group_list_free(groups);
    tsc_request_options_free(o);
    return st;
}

int main(int argc, char **argv) {
    int rc = 0, demo = argc < 3;
    tsc_error *err = NULL;
    tsc_server_options *opts = NULL;
    tsc_server *server = NULL;
    tsc_credentials *creds = NULL;
    tsc_permissions_rule_list *rules = NULL, *out = NULL;
    char *from = NULL, *to = NULL, from_name[64], to_name[64];
    size_t copied = 0;

    const char *url = getenv("TSC_SERVER");
    if (url == NULL || argc == 2 || argc > 3) {
        fprintf(stderr, "usage: TSC_SERVER=https://... %s [SOURCE_PROJECT TARGET_PROJECT]\n", argv[0]);
        return 2;
    }
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

    if (demo) {
        long stamp = (long)time(NULL) % 100000;
        snprintf(from_name, sizeof from_name, "Permissions source %05ld", stamp);
        snprintf(to_name, sizeof to_name, "Permissions target %05ld", stamp);
        TRY("tsc_projects_create", create_project(server, from_name, &from, &err));
        TRY("tsc_projects_create", create_project(server, to_name, &to, &err));
        TRY("default permissions of the source", demo_defaults(server, from, &err));
    } else {
        snprintf(from_name, sizeof from_name, "%s", argv[1]);
        snprintf(to_name, sizeof to_name, "%s", argv[2]);
        TRY("finding the source project", find_project(server, argv[1], &from, &err));
        TRY("finding the target project", find_project(server, argv[2], &to, &err));
    }
    printf("Copying the default permissions of \"%s\" to \"%s\":\n", from_name, to_name);

    for (size_t k = 0; k < N_KINDS; k++) {
        tsc_status st = KINDS[k].populate(server, from, &rules, &err);
        if (st == TSC_STATUS_UNSUPPORTED) { /* the server's REST API is older than this kind */
            printf("  %-20s not on this server\n", KINDS[k].name);
            tsc_error_free(err);
            err = NULL;
            continue;
        }
        if (st != TSC_STATUS_OK) {
            rc = report(KINDS[k].name, st, err);
            err = NULL;
            goto done;
        }
        size_t n = tsc_permissions_rule_list_count(rules);
        if (n == 0) {
            printf("  %-20s none\n", KINDS[k].name);
        } else {
            TRY(KINDS[k].name, KINDS[k].update(server, to, rules, &out, &err));
            printf("  %-20s %zu rule%s copied\n", KINDS[k].name, n, n == 1 ? "" : "s");
            print_rules(out);
            copied += n;
            tsc_permissions_rule_list_free(out);
            out = NULL;
        }
        tsc_permissions_rule_list_free(rules);
        rules = NULL;
    }
    printf("%zu rules copied.\n", copied);

done:
    tsc_permissions_rule_list_free(rules);
    tsc_permissions_rule_list_free(out);
    if (demo && server != NULL) {
        char *made[2] = {from, to};
        for (int i = 0; i < 2; i++) {
            tsc_error *e2 = NULL;
            tsc_status st2 = made[i] != NULL ? tsc_projects_delete(server, made[i], &e2) : TSC_STATUS_OK;
            if (st2 != TSC_STATUS_OK) rc = report("tsc_projects_delete", st2, e2);
        }
    }
    free(from);
    free(to);
    if (server != NULL && tsc_auth_sign_out(server, NULL) != TSC_STATUS_OK) rc = 1;
    tsc_credentials_free(creds);
    tsc_server_free(server);
    tsc_server_options_free(opts);
    return rc;
}
