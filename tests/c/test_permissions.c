/* test_permissions.c: permissions and default permissions through the C API only, against the
 * emulator: rules built from C (a user, a group, a group set; Allow and Deny), granted to a
 * project, a workbook, a data source and a view, read back, changed to Deny and deleted one
 * capability per request; the default permissions of all nine kinds, kept apart; a project's
 * defaults copied to another with the populated list; and what is refused: a capability the
 * content kind does not have (400009), an unknown user (404002), group or group set (404012),
 * a capability twice (409003), and local misuse (unknown enum values, empty ids, empty rules). */
#include "check.h"

static const char *UNKNOWN = "00000000-0000-4000-8000-000000000000";
static const char *GROUP_SET = "6a1d5c2e-0000-4000-8000-00000000c0de";

typedef tsc_status (*populate_fn)(const tsc_server *, const char *, tsc_permissions_rule_list **,
                                  tsc_error **);
typedef tsc_status (*update_fn)(const tsc_server *, const char *, const tsc_permissions_rule_list *,
                                tsc_permissions_rule_list **, tsc_error **);
typedef tsc_status (*delete_fn)(const tsc_server *, const char *, const tsc_permissions_rule *,
                                tsc_error **);

struct kind {
    const char *name;
    populate_fn populate;
    update_fn update;
    delete_fn remove;
};

static const struct kind DEFAULTS[] = {
    {"workbook", tsc_projects_populate_workbook_default_permissions,
     tsc_projects_update_workbook_default_permissions, tsc_projects_delete_workbook_default_permissions},
    {"datasource", tsc_projects_populate_datasource_default_permissions,
     tsc_projects_update_datasource_default_permissions,
     tsc_projects_delete_datasource_default_permissions},
    {"flow", tsc_projects_populate_flow_default_permissions,
     tsc_projects_update_flow_default_permissions, tsc_projects_delete_flow_default_permissions},
    {"metric", tsc_projects_populate_metric_default_permissions,
     tsc_projects_update_metric_default_permissions, tsc_projects_delete_metric_default_permissions},
    {"datarole", tsc_projects_populate_datarole_default_permissions,
     tsc_projects_update_datarole_default_permissions,
     tsc_projects_delete_datarole_default_permissions},
    {"lens", tsc_projects_populate_lens_default_permissions,
     tsc_projects_update_lens_default_permissions, tsc_projects_delete_lens_default_permissions},
    {"virtualconnection", tsc_projects_populate_virtualconnection_default_permissions,
     tsc_projects_update_virtualconnection_default_permissions,
     tsc_projects_delete_virtualconnection_default_permissions},
    {"database", tsc_projects_populate_database_default_permissions,
     tsc_projects_update_database_default_permissions,
     tsc_projects_delete_database_default_permissions},
    {"table", tsc_projects_populate_table_default_permissions,
     tsc_projects_update_table_default_permissions, tsc_projects_delete_table_default_permissions},
};
#define N_DEFAULTS (sizeof DEFAULTS / sizeof DEFAULTS[0])

static char *project(tsc_server *s, const char *name) {
    tsc_project *draft = NULL, *p = NULL;
    char *id = NULL;
    OK(tsc_project_new(name, &draft, &E));
    OK(tsc_projects_create(s, draft, &p, &E));
    if (p) {
        id = malloc(strlen(tsc_project_id(p)) + 1);
        strcpy(id, tsc_project_id(p));
    }
    tsc_project_free(draft);
    tsc_project_free(p);
    return id;
}

static tsc_user *add_user(tsc_server *s, const char *name) {
    tsc_user *draft = NULL, *u = NULL;
    OK(tsc_user_new(name, "Explorer", &draft, &E));
    OK(tsc_users_add(s, draft, &u, &E));
    tsc_user_free(draft);
    return u;
}

static tsc_group *add_group(tsc_server *s, const char *name) {
    tsc_group *draft = NULL, *g = NULL;
    OK(tsc_group_new(name, &draft, &E));
    OK(tsc_groups_create(s, draft, &g, &E));
    tsc_group_free(draft);
    return g;
}

/* A rule for one grantee with one capability. */
static tsc_permissions_rule *rule1(int32_t type, const char *id, int32_t cap, int32_t mode) {
    tsc_permissions_rule *r = NULL;
    OK(tsc_permissions_rule_new(type, id, &r, &E));
    OK(tsc_permissions_rule_set_capability(r, cap, mode, &E));
    return r;
}

/* A list holding a copy of `r` (which is freed). */
static tsc_permissions_rule_list *list_of(tsc_permissions_rule *r) {
    tsc_permissions_rule_list *l = NULL;
    OK(tsc_permissions_rule_list_new(&l, &E));
    OK(tsc_permissions_rule_list_append(l, r, &E));
    tsc_permissions_rule_free(r);
    return l;
}

/* The rule of the list for this grantee (borrowed), or NULL. */
static const tsc_permissions_rule *find(const tsc_permissions_rule_list *l, const char *id) {
    for (size_t i = 0; i < tsc_permissions_rule_list_count(l); i++) {
        const tsc_permissions_rule *r = tsc_permissions_rule_list_get(l, i);
        if (strcmp(tsc_permissions_rule_grantee_id(r), id) == 0) return r;
    }
    return NULL;
}

static void test_rules_from_c(void) {
    tsc_permissions_rule *r = NULL, *copy = NULL;
    OK(tsc_permissions_rule_new(TSC_GRANTEE_TYPE_GROUP, "g-1", &r, &E));
    CHECK(tsc_permissions_rule_grantee_type(r) == TSC_GRANTEE_TYPE_GROUP);
    CHECK_STR(tsc_permissions_rule_grantee_id(r), "g-1");
    CHECK(tsc_permissions_rule_capability_count(r) == 0);
    OK(tsc_permissions_rule_set_capability(r, TSC_CAPABILITY_READ, TSC_PERMISSION_ALLOW, &E));
    OK(tsc_permissions_rule_set_capability(r, TSC_CAPABILITY_EXPORT_XML, TSC_PERMISSION_DENY,
                                           &E));
    OK(tsc_permissions_rule_set_capability(r, TSC_CAPABILITY_READ, TSC_PERMISSION_DENY, &E));
    CHECK(tsc_permissions_rule_capability_count(r) == 2);
    CHECK(tsc_permissions_rule_capability(r, 0) == TSC_CAPABILITY_READ);
    CHECK_STR(tsc_permissions_rule_capability_name(r, 1), "ExportXml");
    CHECK(tsc_permissions_rule_capability_mode(r, 0) == TSC_PERMISSION_DENY);
    CHECK(tsc_permissions_rule_mode(r, TSC_CAPABILITY_EXPORT_XML) == TSC_PERMISSION_DENY);
    CHECK(tsc_permissions_rule_mode(r, TSC_CAPABILITY_WRITE) == -1);
    CHECK(tsc_permissions_rule_capability(r, 2) == -1);
    CHECK(tsc_permissions_rule_capability_name(r, 2) == NULL);
    /* a clone is independent */
    copy = tsc_permissions_rule_clone(r);
    OK(tsc_permissions_rule_set_capability(copy, TSC_CAPABILITY_WRITE, TSC_PERMISSION_ALLOW,
                                           &E));
    CHECK(tsc_permissions_rule_capability_count(copy) == 3);
    CHECK(tsc_permissions_rule_capability_count(r) == 2);
    /* local misuse */
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_permissions_rule_set_capability(r, 24, 0, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_permissions_rule_set_capability(r, -1, 0, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT,
          tsc_permissions_rule_set_capability(r, TSC_CAPABILITY_READ, 2, &E));
    tsc_permissions_rule *bad = NULL;
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_permissions_rule_new(3, "x", &bad, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_permissions_rule_new(TSC_GRANTEE_TYPE_USER, " ", &bad, &E));
    CHECK(bad == NULL);
    CHECK(tsc_permissions_rule_grantee_type(NULL) == -1);
    CHECK(tsc_permissions_rule_capability_count(NULL) == 0);
    CHECK(tsc_permissions_rule_list_count(NULL) == 0);
    tsc_permissions_rule_free(copy);
    tsc_permissions_rule_free(r);
}

/* Grant, read back, deny, delete on one item through its three functions. */
static void grant_deny_delete(tsc_server *s, const char *what, const char *id, populate_fn populate,
                              update_fn update, delete_fn remove, const char *user_id,
                              int32_t cap) {
    tsc_permissions_rule_list *rules = NULL, *out = NULL, *got = NULL;
    tsc_permissions_rule *r = NULL;
    fprintf(stderr, "-- %s\n", what);
    OK(populate(s, id, &got, &E));
    CHECK(got != NULL && find(got, user_id) == NULL);
    tsc_permissions_rule_list_free(got);
    got = NULL;

    /* grant Read and `cap` */
    OK(tsc_permissions_rule_new(TSC_GRANTEE_TYPE_USER, user_id, &r, &E));
    OK(tsc_permissions_rule_set_capability(r, TSC_CAPABILITY_READ, TSC_PERMISSION_ALLOW, &E));
    OK(tsc_permissions_rule_set_capability(r, cap, TSC_PERMISSION_ALLOW, &E));
    rules = list_of(r);
    OK(update(s, id, rules, &out, &E));
    CHECK(tsc_permissions_rule_list_count(out) == 1);
    CHECK(tsc_permissions_rule_capability_count(find(out, user_id)) == 2);
    tsc_permissions_rule_list_free(out);
    tsc_permissions_rule_list_free(rules);
    out = NULL;

    OK(populate(s, id, &got, &E));
    const tsc_permissions_rule *mine = find(got, user_id);
    CHECK(mine != NULL);
    CHECK(tsc_permissions_rule_grantee_type(mine) == TSC_GRANTEE_TYPE_USER);
    CHECK(tsc_permissions_rule_mode(mine, TSC_CAPABILITY_READ) == TSC_PERMISSION_ALLOW);
    CHECK(tsc_permissions_rule_mode(mine, cap) == TSC_PERMISSION_ALLOW);
    tsc_permissions_rule_list_free(got);
    got = NULL;

    /* deny `cap`: the mode changes */
    rules = list_of(rule1(TSC_GRANTEE_TYPE_USER, user_id, cap, TSC_PERMISSION_DENY));
    OK(update(s, id, rules, &out, &E));
    tsc_permissions_rule_list_free(out);
    tsc_permissions_rule_list_free(rules);
    out = NULL;
    OK(populate(s, id, &got, &E));
    CHECK(tsc_permissions_rule_mode(find(got, user_id), cap) == TSC_PERMISSION_DENY);
    CHECK(tsc_permissions_rule_mode(find(got, user_id), TSC_CAPABILITY_READ) ==
          TSC_PERMISSION_ALLOW);

    /* delete with the rule read back: one request per capability, both gone */
    tsc_permissions_rule *back = tsc_permissions_rule_clone(find(got, user_id));
    tsc_permissions_rule_list_free(got);
    got = NULL;
    OK(remove(s, id, back, &E));
    OK(populate(s, id, &got, &E));
    CHECK(find(got, user_id) == NULL);
    tsc_permissions_rule_list_free(got);
    /* deleting it again: the server has none of it */
    FAILS(TSC_STATUS_NOT_FOUND, remove(s, id, back, &E));
    tsc_permissions_rule_free(back);
}

static void test_items(tsc_server *s, const char *user_id) {
    char *p = project(s, "Perm items");
    grant_deny_delete(s, "project", p, tsc_projects_populate_permissions,
                      tsc_projects_update_permissions, tsc_projects_delete_permission, user_id,
                      TSC_CAPABILITY_PROJECT_LEADER);

    tsc_workbook_list *wbs = NULL;
    tsc_datasource_list *dss = NULL;
    tsc_view_list *views = NULL;
    CHECK(emu_control("POST", "/_emulator/bulk/workbooks?site=&count=1&prefix=permwb", NULL) == 200);
    CHECK(emu_control("POST", "/_emulator/bulk/datasources?site=&count=1&prefix=permds", NULL) ==
          200);
    OK(tsc_workbooks_get(s, NULL, &wbs, &E));
    OK(tsc_datasources_get(s, NULL, &dss, &E));
    CHECK(tsc_workbook_list_count(wbs) > 0 && tsc_datasource_list_count(dss) > 0);
    const tsc_workbook *wb = tsc_workbook_list_get(wbs, 0);
    grant_deny_delete(s, "workbook", tsc_workbook_id(wb), tsc_workbooks_populate_permissions,
                      tsc_workbooks_update_permissions, tsc_workbooks_delete_permission, user_id,
                      TSC_CAPABILITY_EXPORT_XML);
    grant_deny_delete(s, "datasource", tsc_datasource_id(tsc_datasource_list_get(dss, 0)),
                      tsc_datasources_populate_permissions, tsc_datasources_update_permissions,
                      tsc_datasources_delete_permission, user_id, TSC_CAPABILITY_CONNECT);
    OK(tsc_workbooks_populate_views(s, wb, 0, &views, &E));
    CHECK(tsc_view_list_count(views) > 0);
    grant_deny_delete(s, "view", tsc_view_id(tsc_view_list_get(views, 0)),
                      tsc_views_populate_permissions, tsc_views_update_permissions,
                      tsc_views_delete_permission, user_id, TSC_CAPABILITY_EXPORT_IMAGE);

    /* unknown items */
    tsc_permissions_rule_list *got = NULL;
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404006",
               tsc_workbooks_populate_permissions(s, UNKNOWN, &got, &E));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404005",
               tsc_projects_populate_lens_default_permissions(s, UNKNOWN, &got, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_views_populate_permissions(s, " ", &got, &E));
    CHECK(got == NULL);
    tsc_view_list_free(views);
    tsc_workbook_list_free(wbs);
    tsc_datasource_list_free(dss);
    free(p);
}

static void test_defaults_of_every_kind(tsc_server *s, const char *group_id) {
    char *p = project(s, "Perm defaults");
    tsc_permissions_rule_list *out = NULL, *got = NULL;
    for (size_t i = 0; i < N_DEFAULTS; i++) {
        int32_t mode = i % 2 == 0 ? TSC_PERMISSION_ALLOW : TSC_PERMISSION_DENY;
        tsc_permissions_rule_list *rules =
            list_of(rule1(TSC_GRANTEE_TYPE_GROUP, group_id, TSC_CAPABILITY_READ, mode));
        OK(DEFAULTS[i].update(s, p, rules, &out, &E));
        CHECK(tsc_permissions_rule_list_count(out) == 1);
        tsc_permissions_rule_list_free(out);
        tsc_permissions_rule_list_free(rules);
        out = NULL;
    }
    for (size_t i = 0; i < N_DEFAULTS; i++) {
        int32_t mode = i % 2 == 0 ? TSC_PERMISSION_ALLOW : TSC_PERMISSION_DENY;
        OK(DEFAULTS[i].populate(s, p, &got, &E));
        const tsc_permissions_rule *r = find(got, group_id);
        if (!(tsc_permissions_rule_list_count(got) == 1 && r != NULL &&
              tsc_permissions_rule_grantee_type(r) == TSC_GRANTEE_TYPE_GROUP &&
              tsc_permissions_rule_capability_count(r) == 1 &&
              tsc_permissions_rule_mode(r, TSC_CAPABILITY_READ) == mode))
            fprintf(stderr, "default permissions of kind %s\n", DEFAULTS[i].name);
        CHECK(r != NULL && tsc_permissions_rule_mode(r, TSC_CAPABILITY_READ) == mode);
        CHECK(tsc_permissions_rule_list_count(got) == 1);
        tsc_permissions_rule_list_free(got);
        got = NULL;
    }
    /* the project's own permissions are separate */
    OK(tsc_projects_populate_permissions(s, p, &got, &E));
    CHECK(tsc_permissions_rule_list_count(got) == 0);
    tsc_permissions_rule_list_free(got);
    got = NULL;
    /* delete each kind's rule: that kind only loses it */
    for (size_t i = 0; i < N_DEFAULTS; i++) {
        int32_t mode = i % 2 == 0 ? TSC_PERMISSION_ALLOW : TSC_PERMISSION_DENY;
        tsc_permissions_rule *r = rule1(TSC_GRANTEE_TYPE_GROUP, group_id, TSC_CAPABILITY_READ, mode);
        OK(DEFAULTS[i].remove(s, p, r, &E));
        tsc_permissions_rule_free(r);
        OK(DEFAULTS[i].populate(s, p, &got, &E));
        CHECK(tsc_permissions_rule_list_count(got) == 0);
        tsc_permissions_rule_list_free(got);
        got = NULL;
        if (i + 1 < N_DEFAULTS) {
            OK(DEFAULTS[i + 1].populate(s, p, &got, &E));
            CHECK(tsc_permissions_rule_list_count(got) == 1);
            tsc_permissions_rule_list_free(got);
            got = NULL;
        }
    }
    free(p);
}

static void test_refused(tsc_server *s, const char *user_id, const char *group_id) {
    char *p = project(s, "Perm refused");
    tsc_permissions_rule_list *rules = NULL, *out = NULL, *got = NULL;

    /* a capability the content kind does not have: ProjectLeader is for projects only */
    rules = list_of(rule1(TSC_GRANTEE_TYPE_USER, user_id, TSC_CAPABILITY_PROJECT_LEADER,
                          TSC_PERMISSION_ALLOW));
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400009",
               tsc_projects_update_workbook_default_permissions(s, p, rules, &out, &E));
    tsc_permissions_rule_list_free(rules);
    rules = list_of(
        rule1(TSC_GRANTEE_TYPE_GROUP, group_id, TSC_CAPABILITY_EXECUTE, TSC_PERMISSION_ALLOW));
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400009",
               tsc_projects_update_permissions(s, p, rules, &out, &E));
    tsc_permissions_rule_list_free(rules);

    /* unknown grantees */
    rules = list_of(
        rule1(TSC_GRANTEE_TYPE_USER, UNKNOWN, TSC_CAPABILITY_READ, TSC_PERMISSION_ALLOW));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404002", tsc_projects_update_permissions(s, p, rules, &out, &E));
    tsc_permissions_rule_list_free(rules);
    rules = list_of(
        rule1(TSC_GRANTEE_TYPE_GROUP, UNKNOWN, TSC_CAPABILITY_READ, TSC_PERMISSION_ALLOW));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012",
               tsc_projects_update_flow_default_permissions(s, p, rules, &out, &E));
    tsc_permissions_rule_list_free(rules);
    rules = list_of(
        rule1(TSC_GRANTEE_TYPE_GROUP_SET, UNKNOWN, TSC_CAPABILITY_READ, TSC_PERMISSION_ALLOW));
    FAILS_CODE(TSC_STATUS_NOT_FOUND, "404012", tsc_projects_update_permissions(s, p, rules, &out, &E));
    tsc_permissions_rule_list_free(rules);

    /* the same capability twice for one grantee (two rules for the same user in one list) */
    OK(tsc_permissions_rule_list_new(&rules, &E));
    tsc_permissions_rule *a =
        rule1(TSC_GRANTEE_TYPE_USER, user_id, TSC_CAPABILITY_READ, TSC_PERMISSION_ALLOW);
    tsc_permissions_rule *b =
        rule1(TSC_GRANTEE_TYPE_USER, user_id, TSC_CAPABILITY_READ, TSC_PERMISSION_DENY);
    OK(tsc_permissions_rule_list_append(rules, a, &E));
    OK(tsc_permissions_rule_list_append(rules, b, &E));
    FAILS_CODE(TSC_STATUS_CONFLICT, "409003", tsc_projects_update_permissions(s, p, rules, &out, &E));
    tsc_permissions_rule_free(a);
    tsc_permissions_rule_free(b);
    tsc_permissions_rule_list_free(rules);

    /* nothing to send: checked before any request */
    OK(tsc_permissions_rule_list_new(&rules, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_projects_update_permissions(s, p, rules, &out, &E));
    OK(tsc_permissions_rule_new(TSC_GRANTEE_TYPE_USER, user_id, &a, &E));
    OK(tsc_permissions_rule_list_append(rules, a, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_projects_update_permissions(s, p, rules, &out, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_projects_delete_permission(s, p, a, &E));
    tsc_permissions_rule_free(a);
    tsc_permissions_rule_list_free(rules);
    CHECK(out == NULL);

    /* nothing was stored by the refused calls */
    OK(tsc_projects_populate_permissions(s, p, &got, &E));
    CHECK(tsc_permissions_rule_list_count(got) == 0);
    tsc_permissions_rule_list_free(got);
    free(p);
}

static void test_group_set(tsc_server *s) {
    char path[160];
    char *p = project(s, "Perm group set");
    tsc_permissions_rule_list *rules = NULL, *out = NULL, *got = NULL;
    snprintf(path, sizeof path, "/_emulator/groupsets?site=&name=Regional&id=%s", GROUP_SET);
    CHECK(emu_control("POST", path, NULL) == 201);
    rules = list_of(
        rule1(TSC_GRANTEE_TYPE_GROUP_SET, GROUP_SET, TSC_CAPABILITY_WRITE, TSC_PERMISSION_DENY));
    OK(tsc_projects_update_permissions(s, p, rules, &out, &E));
    tsc_permissions_rule_list_free(out);
    tsc_permissions_rule_list_free(rules);
    OK(tsc_projects_populate_permissions(s, p, &got, &E));
    const tsc_permissions_rule *r = find(got, GROUP_SET);
    CHECK(r != NULL && tsc_permissions_rule_grantee_type(r) == TSC_GRANTEE_TYPE_GROUP_SET);
    CHECK(tsc_permissions_rule_mode(r, TSC_CAPABILITY_WRITE) == TSC_PERMISSION_DENY);
    /* delete goes to …/permissions/groupSets/{id}/Write/Deny */
    OK(tsc_projects_delete_permission(s, p, r, &E));
    tsc_permissions_rule_list_free(got);
    OK(tsc_projects_populate_permissions(s, p, &got, &E));
    CHECK(tsc_permissions_rule_list_count(got) == 0);
    tsc_permissions_rule_list_free(got);
    free(p);
}

/* A populated list is sent as it is to another project: one GET, one PUT. */
static void test_copy_defaults(tsc_server *s, const char *user_id, const char *group_id) {
    char *from = project(s, "Perm copy from"), *to = project(s, "Perm copy to");
    tsc_permissions_rule_list *rules = NULL, *out = NULL, *got = NULL;
    tsc_permissions_rule *u = NULL;
    OK(tsc_permissions_rule_list_new(&rules, &E));
    OK(tsc_permissions_rule_new(TSC_GRANTEE_TYPE_USER, user_id, &u, &E));
    OK(tsc_permissions_rule_set_capability(u, TSC_CAPABILITY_READ, TSC_PERMISSION_ALLOW, &E));
    OK(tsc_permissions_rule_set_capability(u, TSC_CAPABILITY_WEB_AUTHORING,
                                           TSC_PERMISSION_DENY, &E));
    OK(tsc_permissions_rule_list_append(rules, u, &E));
    tsc_permissions_rule_free(u);
    u = rule1(TSC_GRANTEE_TYPE_GROUP, group_id, TSC_CAPABILITY_EXPORT_DATA, TSC_PERMISSION_ALLOW);
    OK(tsc_permissions_rule_list_append(rules, u, &E));
    tsc_permissions_rule_free(u);
    OK(tsc_projects_update_workbook_default_permissions(s, from, rules, &out, &E));
    tsc_permissions_rule_list_free(out);
    tsc_permissions_rule_list_free(rules);

    OK(tsc_projects_populate_workbook_default_permissions(s, from, &got, &E));
    CHECK(tsc_permissions_rule_list_count(got) == 2);
    OK(tsc_projects_update_workbook_default_permissions(s, to, got, &out, &E));
    tsc_permissions_rule_list_free(out);
    tsc_permissions_rule_list_free(got);
    OK(tsc_projects_populate_workbook_default_permissions(s, to, &got, &E));
    CHECK(tsc_permissions_rule_list_count(got) == 2);
    CHECK(tsc_permissions_rule_mode(find(got, user_id), TSC_CAPABILITY_WEB_AUTHORING) ==
          TSC_PERMISSION_DENY);
    CHECK(tsc_permissions_rule_mode(find(got, group_id), TSC_CAPABILITY_EXPORT_DATA) ==
          TSC_PERMISSION_ALLOW);
    tsc_permissions_rule_list_free(got);
    free(from);
    free(to);
}

int main(void) {
    tsc_server *s = test_server();
    test_sign_in(s, "");
    test_rules_from_c();
    tsc_user *u = add_user(s, "perm.user");
    tsc_group *g = add_group(s, "Perm Group");
    if (u && g) {
        test_items(s, tsc_user_id(u));
        test_defaults_of_every_kind(s, tsc_group_id(g));
        test_refused(s, tsc_user_id(u), tsc_group_id(g));
        test_group_set(s);
        test_copy_defaults(s, tsc_user_id(u), tsc_group_id(g));
    }
    tsc_user_free(u);
    tsc_group_free(g);
    OK(tsc_auth_sign_out(s, &E));
    tsc_server_free(s);
    return check_finish();
}
