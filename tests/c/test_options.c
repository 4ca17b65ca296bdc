/* test_options.c: request options against the emulator. Users, groups and projects with awkward
 * names (spaces, commas, colons, brackets, '&', '+', '%', non-ASCII) are created; then each filter
 * (every operator Tableau accepts: eq, gt, gte, lt, lte, in with a list, has, cieq; several
 * combined) gives exactly the items that the emulator holds and that match, as read back from an
 * unfiltered listing; multi-key sorts in either direction come back in that order; `fields`
 * selects attributes; a bad field or operator is the server's 400. */
#include "check.h"

#include <strings.h>

static char *copy_str(const char *s) {
    if (s == NULL) return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* What the emulator holds: every user and group, read with an unfiltered pager. */
typedef struct {
    char *id, *name, *role, *full, *last_login;
} urow;
typedef struct {
    char *id, *name;
    int64_t count;
} grow;
static urow users[64];
static size_t nusers;
static grow groups[32];
static size_t ngroups;

static void load(tsc_server *s) {
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_set_page_size(o, 7, &E));
    tsc_user_pager *up = NULL;
    tsc_user_list *ul = NULL;
    OK(tsc_users_pager(s, o, 2, &up, &E));
    nusers = 0;
    while (tsc_user_pager_next(up, &ul, &E) == TSC_STATUS_OK && ul != NULL) {
        for (size_t i = 0; i < tsc_user_list_count(ul) && nusers < 64; i++) {
            const tsc_user *u = tsc_user_list_get(ul, i);
            urow r = {copy_str(tsc_user_id(u)), copy_str(tsc_user_name(u)), copy_str(tsc_user_site_role(u)),
                      copy_str(tsc_user_fullname(u)), copy_str(tsc_user_last_login(u))};
            users[nusers++] = r;
        }
        tsc_user_list_free(ul);
    }
    CHECK(E == NULL);
    tsc_user_pager_free(up);
    OK(tsc_request_options_add_field(o, "_all_", &E));
    tsc_group_pager *gp = NULL;
    tsc_group_list *gl = NULL;
    OK(tsc_groups_pager(s, o, 0, &gp, &E));
    ngroups = 0;
    while (tsc_group_pager_next(gp, &gl, &E) == TSC_STATUS_OK && gl != NULL) {
        for (size_t i = 0; i < tsc_group_list_count(gl) && ngroups < 32; i++) {
            const tsc_group *g = tsc_group_list_get(gl, i);
            grow r = {copy_str(tsc_group_id(g)), copy_str(tsc_group_name(g)), tsc_group_user_count(g)};
            groups[ngroups++] = r;
        }
        tsc_group_list_free(gl);
    }
    CHECK(E == NULL);
    tsc_group_pager_free(gp);
    tsc_request_options_free(o);
}

static void unload(void) {
    for (size_t i = 0; i < nusers; i++) {
        free(users[i].id);
        free(users[i].name);
        free(users[i].role);
        free(users[i].full);
        free(users[i].last_login);
    }
    for (size_t i = 0; i < ngroups; i++) {
        free(groups[i].id);
        free(groups[i].name);
    }
}

/* The filter arguments of the current case. */
static const char *A1, *A2, *A3;
static int64_t N1, N2;

/* Checks that `o` (consumed) selects exactly the users for which `match` holds. */
static void expect_users(tsc_server *s, tsc_request_options *o, int (*match)(const urow *), int line) {
    tsc_user_list *l = NULL;
    size_t want = 0;
    for (size_t i = 0; i < nusers; i++) want += match(&users[i]) ? 1 : 0;
    tsc_status st = tsc_users_get(s, o, &l, &E);
    int good = st == TSC_STATUS_OK && want > 0 && tsc_user_list_count(l) == want;
    for (size_t i = 0; good && i < tsc_user_list_count(l); i++) {
        const char *id = tsc_user_id(tsc_user_list_get(l, i));
        int ok = 0;
        for (size_t j = 0; j < nusers; j++)
            if (strcmp(users[j].id, id) == 0) ok = match(&users[j]);
        good = ok;
    }
    if (!good)
        fprintf(stderr, "line %d: status %d, %zu users, expected %zu (%s)\n", line, (int)st,
                tsc_user_list_count(l), want, E ? tsc_error_message(E) : "");
    CHECK(good);
    tsc_error_free(E);
    E = NULL;
    tsc_user_list_free(l);
    tsc_request_options_free(o);
}

static void expect_groups(tsc_server *s, tsc_request_options *o, int (*match)(const grow *), int line) {
    tsc_group_list *l = NULL;
    size_t want = 0;
    for (size_t i = 0; i < ngroups; i++) want += match(&groups[i]) ? 1 : 0;
    tsc_status st = tsc_groups_get(s, o, &l, &E);
    int good = st == TSC_STATUS_OK && want > 0 && tsc_group_list_count(l) == want;
    for (size_t i = 0; good && i < tsc_group_list_count(l); i++) {
        const char *id = tsc_group_id(tsc_group_list_get(l, i));
        int ok = 0;
        for (size_t j = 0; j < ngroups; j++)
            if (strcmp(groups[j].id, id) == 0) ok = match(&groups[j]);
        good = ok;
    }
    if (!good)
        fprintf(stderr, "line %d: status %d, %zu groups, expected %zu (%s)\n", line, (int)st,
                tsc_group_list_count(l), want, E ? tsc_error_message(E) : "");
    CHECK(good);
    tsc_error_free(E);
    E = NULL;
    tsc_group_list_free(l);
    tsc_request_options_free(o);
}

static tsc_request_options *filter(const char *field, tsc_filter_op op, const char *value) {
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter(o, field, op, value, &E));
    return o;
}

static int eq(const char *a, const char *b) { return a != NULL && b != NULL && strcmp(a, b) == 0; }
static int name_eq(const urow *u) { return eq(u->name, A1); }
static int name_in(const urow *u) { return eq(u->name, A1) || eq(u->name, A2) || eq(u->name, A3); }
static int name_cieq(const urow *u) { return strcasecmp(u->name, A1) == 0; }
static int name_has_opt(const urow *u) { return strstr(u->name, "opt") || strstr(u->name, "OPT"); }
static int role_eq(const urow *u) { return eq(u->role, A1); }
static int role_in(const urow *u) { return eq(u->role, A1) || eq(u->role, A2); }
static int full_eq(const urow *u) { return eq(u->full, A1); }
static int logged_in(const urow *u) { return u->last_login != NULL; }
static int viewer_with_opt(const urow *u) { return eq(u->role, "Viewer") && name_has_opt(u); }
static int in_opt_group(const grow *g) { return strncmp(g->name, "C opt", 5) == 0; }
static int count_eq(const grow *g) { return in_opt_group(g) && g->count == N1; }
static int count_gt(const grow *g) { return in_opt_group(g) && g->count > N1; }
static int count_gte(const grow *g) { return in_opt_group(g) && g->count >= N1; }
static int count_lt(const grow *g) { return in_opt_group(g) && g->count < N1; }
static int count_lte(const grow *g) { return in_opt_group(g) && g->count <= N1; }
static int count_in(const grow *g) { return in_opt_group(g) && (g->count == N1 || g->count == N2); }

static const char *NAMES[] = {
    "c.opt alpha",      "c.opt beta, jr",  "c.opt: gamma:x",  "c.opt [delta]", "c.opt épsilon ś",
    "C.OPT Zeta",       "c.opt eta+theta", "c.opt 100% & co", "c.opt  two  spaces", "c.opt x=1?y#z/",
};
static const char *ROLES[] = {"Viewer", "Creator", "Explorer", "Viewer", "Creator",
                              "Viewer", "ExplorerCanPublish", "Viewer", "Explorer", "Unlicensed"};
#define NNAMES (sizeof NAMES / sizeof NAMES[0])

static void create_data(tsc_server *s, char ids[NNAMES][40], char gids[4][40]) {
    for (size_t i = 0; i < NNAMES; i++) {
        tsc_user *draft = NULL, *u = NULL, *changed = NULL, *updated = NULL;
        OK(tsc_user_new(NAMES[i], ROLES[i], &draft, &E));
        OK(tsc_users_add(s, draft, &u, &E));
        snprintf(ids[i], 40, "%s", u ? tsc_user_id(u) : "");
        changed = tsc_user_clone(u);
        char full[64];
        snprintf(full, sizeof full, "Full, Name: [%zu] ñ", i % 3);
        OK(tsc_user_set_fullname(changed, full, &E));
        OK(tsc_users_update(s, changed, NULL, &updated, &E));
        tsc_user_free(draft);
        tsc_user_free(u);
        tsc_user_free(changed);
        tsc_user_free(updated);
    }
    /* groups with 0, 1, 2 and 3 members */
    for (int g = 0; g < 4; g++) {
        char name[32];
        snprintf(name, sizeof name, "C opt group %d", g);
        tsc_group *draft = NULL, *made = NULL;
        OK(tsc_group_new(name, &draft, &E));
        OK(tsc_groups_create(s, draft, &made, &E));
        snprintf(gids[g], 40, "%s", made ? tsc_group_id(made) : "");
        for (int m = 0; m < g; m++) {
            tsc_user *member = NULL;
            OK(tsc_groups_add_user(s, made, ids[m], &member, &E));
            tsc_user_free(member);
        }
        tsc_group_free(draft);
        tsc_group_free(made);
    }
}

static void test_user_filters(tsc_server *s) {
    /* eq with every awkward value */
    for (size_t i = 0; i < NNAMES; i++) {
        A1 = NAMES[i];
        expect_users(s, filter("name", TSC_FILTER_OP_EQ, A1), name_eq, __LINE__);
    }
    /* in, with a list of values holding spaces, colons and brackets */
    A1 = NAMES[0], A2 = NAMES[2], A3 = NAMES[3];
    tsc_request_options *o = NULL;
    const char *list[] = {NAMES[0], NAMES[2], NAMES[3], "no such user"};
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter_in(o, "name", list, 4, &E));
    expect_users(s, o, name_in, __LINE__);
    A1 = NAMES[4], A2 = A3 = NULL;
    expect_users(s, filter("name", TSC_FILTER_OP_IN, NAMES[4]), name_in, __LINE__);
    /* cieq, has */
    A1 = "C.OPT ALPHA";
    expect_users(s, filter("name", TSC_FILTER_OP_CIEQ, A1), name_cieq, __LINE__);
    expect_users(s, filter("name", TSC_FILTER_OP_HAS, "Opt"), name_has_opt, __LINE__);
    /* site roles */
    A1 = "Viewer";
    expect_users(s, filter("siteRole", TSC_FILTER_OP_EQ, A1), role_eq, __LINE__);
    A1 = "Creator", A2 = "Unlicensed";
    const char *roles[] = {"Creator", "Unlicensed"};
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter_in(o, "siteRole", roles, 2, &E));
    expect_users(s, o, role_in, __LINE__);
    /* the full name (friendlyName), with a comma, a colon and brackets */
    A1 = "Full, Name: [1] ñ";
    expect_users(s, filter("friendlyName", TSC_FILTER_OP_EQ, A1), full_eq, __LINE__);
    /* dates: gt, gte, lt, lte (only those who signed in have a last login) */
    expect_users(s, filter("lastLogin", TSC_FILTER_OP_GTE, "2000-01-01T00:00:00Z"), logged_in, __LINE__);
    expect_users(s, filter("lastLogin", TSC_FILTER_OP_GT, "2001-02-03T04:05:06Z"), logged_in, __LINE__);
    expect_users(s, filter("lastLogin", TSC_FILTER_OP_LTE, "2999-12-31T23:59:59Z"), logged_in, __LINE__);
    expect_users(s, filter("lastLogin", TSC_FILTER_OP_LT, "2999-01-01T00:00:00Z"), logged_in, __LINE__);
    tsc_user_list *l = NULL;
    o = filter("lastLogin", TSC_FILTER_OP_LT, "2000-01-01T00:00:00Z");
    OK(tsc_users_get(s, o, &l, &E));
    CHECK(tsc_user_list_count(l) == 0);
    tsc_user_list_free(l);
    tsc_request_options_free(o);
    l = NULL;
    /* several filters combine with AND */
    o = filter("siteRole", TSC_FILTER_OP_EQ, "Viewer");
    OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_HAS, "opt", &E));
    expect_users(s, o, viewer_with_opt, __LINE__);
    A1 = NAMES[1]; /* a comma inside a value, then another filter */
    o = filter("name", TSC_FILTER_OP_EQ, A1);
    OK(tsc_request_options_add_filter(o, "siteRole", TSC_FILTER_OP_EQ, "Creator", &E));
    expect_users(s, o, name_eq, __LINE__);

    /* the server refuses an unknown field, an operator the field does not take, a bad date */
    tsc_request_options *bad = filter("nosuchfield", TSC_FILTER_OP_EQ, "x");
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400065", tsc_users_get(s, bad, &l, &E));
    tsc_request_options_free(bad);
    bad = filter("siteRole", TSC_FILTER_OP_GT, "Viewer");
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400065", tsc_users_get(s, bad, &l, &E));
    tsc_request_options_free(bad);
    bad = filter("lastLogin", TSC_FILTER_OP_GT, "yesterday");
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400065", tsc_users_get(s, bad, &l, &E));
    tsc_request_options_free(bad);
    OK(tsc_request_options_new(&bad, &E));
    OK(tsc_request_options_add_sort(bad, "shoeSize", TSC_SORT_DIRECTION_ASC, &E));
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400065", tsc_users_get(s, bad, &l, &E));
    /* ... and the pager hands such an error back from its first next() */
    tsc_user_pager *p = NULL;
    OK(tsc_users_pager(s, bad, 4, &p, &E));
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400065", tsc_user_pager_next(p, &l, &E));
    CHECK(l == NULL);
    tsc_user_pager_free(p);
    tsc_request_options_free(bad);
    /* refused locally: field names with other characters, a comma or an unmatched bracket inside
     * an `in` value */
    OK(tsc_request_options_new(&bad, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_filter(bad, "na me", TSC_FILTER_OP_EQ, "x", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_filter(bad, "name", (tsc_filter_op)8, "x", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_filter(bad, "name", TSC_FILTER_OP_IN, "a,b", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_filter(bad, "name", TSC_FILTER_OP_EQ, "a,siteRole:eq:x", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_filter_in(bad, "name", list, 0, &E));
    const char *with_comma[] = {"a", "b,c"};
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_filter_in(bad, "name", with_comma, 2, &E));
    /* an unmatched bracket would end the list early or run it into the next filter */
    const char *unmatched[] = {"[z]", "x["};
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_filter_in(bad, "name", unmatched, 2, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_filter(bad, "name", TSC_FILTER_OP_IN, "a]", &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_sort(bad, "name", 2, &E));
    FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_request_options_add_field(bad, "a,b", &E));
    tsc_request_options_free(bad);
}

static void test_group_filters(tsc_server *s) {
    const char *v[] = {"0", "1", "2", "3"};
    for (int i = 0; i < 4; i++) {
        N1 = i;
        expect_groups(s, filter("userCount", TSC_FILTER_OP_EQ, v[i]), count_eq, __LINE__);
    }
    /* every comparison operator; restricted to the test's groups by a name filter */
    struct {
        tsc_filter_op op;
        const char *value;
        int64_t n;
        int (*match)(const grow *);
    } cases[] = {{TSC_FILTER_OP_GT, "1", 1, count_gt},  {TSC_FILTER_OP_GTE, "1", 1, count_gte},
                 {TSC_FILTER_OP_LT, "2", 2, count_lt},  {TSC_FILTER_OP_LTE, "2", 2, count_lte},
                 {TSC_FILTER_OP_GT, "0", 0, count_gt},  {TSC_FILTER_OP_LTE, "0", 0, count_lte}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        N1 = cases[i].n;
        tsc_request_options *o = filter("userCount", cases[i].op, cases[i].value);
        OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_HAS, "C opt group", &E));
        expect_groups(s, o, cases[i].match, __LINE__);
    }
    const char *counts[] = {"0", "3"};
    tsc_request_options *o = NULL;
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter_in(o, "userCount", counts, 2, &E));
    OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_HAS, "c opt", &E));
    N1 = 0, N2 = 3;
    expect_groups(s, o, count_in, __LINE__);
    o = filter("isLocal", TSC_FILTER_OP_EQ, "true");
    OK(tsc_request_options_add_filter(o, "name", TSC_FILTER_OP_EQ, "C opt group 2", &E));
    N1 = 2;
    expect_groups(s, o, count_eq, __LINE__);
    tsc_group_list *l = NULL;
    tsc_request_options *bad = filter("userCount", TSC_FILTER_OP_HAS, "1");
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400065", tsc_groups_get(s, bad, &l, &E));
    tsc_request_options_free(bad);
    bad = filter("userCount", TSC_FILTER_OP_GT, "many");
    FAILS_CODE(TSC_STATUS_BAD_REQUEST, "400065", tsc_groups_get(s, bad, &l, &E));
    tsc_request_options_free(bad);
}

/* Case-insensitive first, then exact: the order the emulator (like Tableau) sorts names in. */
static int name_cmp(const char *a, const char *b) {
    int c = strcasecmp(a, b);
    return c != 0 ? c : strcmp(a, b);
}

static void test_sorts(tsc_server *s) {
    /* two keys: site role ascending, then name descending */
    tsc_request_options *o = filter("name", TSC_FILTER_OP_HAS, "opt");
    OK(tsc_request_options_add_sort(o, "siteRole", TSC_SORT_DIRECTION_ASC, &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_DESC, &E));
    tsc_user_list *l = NULL;
    OK(tsc_users_get(s, o, &l, &E));
    CHECK(tsc_user_list_count(l) == NNAMES);
    for (size_t i = 1; i < tsc_user_list_count(l); i++) {
        const tsc_user *a = tsc_user_list_get(l, i - 1), *b = tsc_user_list_get(l, i);
        int r = name_cmp(tsc_user_site_role(a), tsc_user_site_role(b));
        CHECK(r < 0 || (r == 0 && name_cmp(tsc_user_name(a), tsc_user_name(b)) > 0));
    }
    tsc_user_list_free(l);
    tsc_request_options_free(o);
    /* the other way round: name ascending decides alone */
    o = filter("name", TSC_FILTER_OP_HAS, "opt");
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_ASC, &E));
    OK(tsc_request_options_add_sort(o, "siteRole", TSC_SORT_DIRECTION_DESC, &E));
    OK(tsc_users_get(s, o, &l, &E));
    CHECK(tsc_user_list_count(l) == NNAMES);
    for (size_t i = 1; i < tsc_user_list_count(l); i++)
        CHECK(name_cmp(tsc_user_name(tsc_user_list_get(l, i - 1)), tsc_user_name(tsc_user_list_get(l, i))) < 0);
    tsc_user_list_free(l);
    tsc_request_options_free(o);
    /* groups: member count descending, then name ascending */
    tsc_group_list *gl = NULL;
    o = filter("name", TSC_FILTER_OP_HAS, "group");
    OK(tsc_request_options_add_sort(o, "userCount", TSC_SORT_DIRECTION_DESC, &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_ASC, &E));
    OK(tsc_request_options_add_field(o, "_all_", &E));
    OK(tsc_groups_get(s, o, &gl, &E));
    CHECK(tsc_group_list_count(gl) == 4);
    for (size_t i = 0; i < tsc_group_list_count(gl); i++)
        CHECK(tsc_group_user_count(tsc_group_list_get(gl, i)) == (int64_t)(3 - i));
    tsc_group_list_free(gl);
    tsc_request_options_free(o);
}

static void test_fields(tsc_server *s) {
    tsc_request_options *o = filter("name", TSC_FILTER_OP_EQ, NAMES[0]);
    OK(tsc_request_options_add_field(o, "_default_", &E));
    OK(tsc_request_options_add_field(o, "fullName", &E));
    tsc_user_list *l = NULL;
    OK(tsc_users_get(s, o, &l, &E));
    CHECK(tsc_user_list_count(l) == 1);
    const tsc_user *u = tsc_user_list_get(l, 0);
    CHECK(tsc_user_id(u) != NULL && tsc_user_site_role(u) != NULL);
    CHECK_STR(tsc_user_fullname(u), "Full, Name: [0] ñ");
    CHECK(tsc_user_auth_setting(u) == NULL && tsc_user_domain_name(u) == NULL);
    tsc_user_list_free(l);
    tsc_request_options_free(o);
    o = filter("name", TSC_FILTER_OP_EQ, NAMES[0]);
    OK(tsc_request_options_add_field(o, "name", &E));
    OK(tsc_users_get(s, o, &l, &E));
    u = tsc_user_list_get(l, 0);
    CHECK(tsc_user_id(u) == NULL && tsc_user_site_role(u) == NULL && tsc_user_fullname(u) == NULL);
    CHECK_STR(tsc_user_name(u), NAMES[0]);
    tsc_user_list_free(l);
    tsc_request_options_free(o);
}

/* Project names with the same awkward characters, found by eq and in, under a parent. */
static void test_project_filters(tsc_server *s) {
    tsc_project *draft = NULL, *parent = NULL, *kids[3] = {NULL, NULL, NULL};
    const char *names[] = {"Q1: [draft], ś", "Q2 & Q3 +100%", "Q4 (final)"};
    OK(tsc_project_new("C opt parent", &draft, &E));
    OK(tsc_projects_create(s, draft, &parent, &E));
    for (int i = 0; i < 3; i++) {
        OK(tsc_project_set_name(draft, names[i], &E));
        OK(tsc_project_set_parent_id(draft, tsc_project_id(parent), &E));
        OK(tsc_projects_create(s, draft, &kids[i], &E));
    }
    tsc_project_free(draft);
    tsc_project_list *l = NULL;
    tsc_request_options *o = NULL;
    for (int i = 0; i < 3; i++) {
        o = filter("name", TSC_FILTER_OP_EQ, names[i]);
        OK(tsc_projects_get(s, o, &l, &E));
        CHECK(tsc_project_list_count(l) == 1 &&
              strcmp(tsc_project_id(tsc_project_list_get(l, 0)), tsc_project_id(kids[i])) == 0);
        tsc_project_list_free(l);
        tsc_request_options_free(o);
    }
    const char *in[] = {names[1], names[2]}; /* an `in` value cannot hold a comma */
    OK(tsc_request_options_new(&o, &E));
    OK(tsc_request_options_add_filter_in(o, "name", in, 2, &E));
    OK(tsc_request_options_add_sort(o, "name", TSC_SORT_DIRECTION_DESC, &E));
    OK(tsc_projects_get(s, o, &l, &E));
    CHECK(tsc_project_list_count(l) == 2);
    CHECK_STR(tsc_project_name(tsc_project_list_get(l, 0)), names[2]);
    tsc_project_list_free(l);
    tsc_request_options_free(o);
    o = filter("parentProjectId", TSC_FILTER_OP_EQ, tsc_project_id(parent));
    OK(tsc_projects_get(s, o, &l, &E));
    CHECK(tsc_project_list_count(l) == 3);
    tsc_project_list_free(l);
    tsc_request_options_free(o);
    OK(tsc_projects_delete(s, tsc_project_id(parent), &E));
    tsc_project_free(parent);
    for (int i = 0; i < 3; i++) tsc_project_free(kids[i]);
}

int main(void) {
    tsc_server *s = test_server();
    test_sign_in(s, "");
    char ids[NNAMES][40], gids[4][40];
    create_data(s, ids, gids);
    load(s);
    CHECK(nusers == NNAMES + 1);
    test_user_filters(s);
    test_group_filters(s);
    test_sorts(s);
    test_fields(s);
    test_project_filters(s);
    unload();
    for (int g = 0; g < 4; g++) OK(tsc_groups_delete(s, gids[g], &E));
    for (size_t i = 0; i < NNAMES; i++) OK(tsc_users_remove(s, ids[i], NULL, &E));
    tsc_server_free(s);
    return check_finish();
}
