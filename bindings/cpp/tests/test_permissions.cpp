// test_permissions.cpp: permissions and default permissions through the C++ binding: rules
// built in C++ for a user, a group and a group set; grant, read back, deny, delete (a project, a
// workbook's default permissions); the default permissions of every kind; a capability the kind
// does not have and unknown grantees refused.
#include "check.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

const char *UNKNOWN = "00000000-0000-4000-8000-000000000000";
const char *CPP_GROUP_SET = "6a1d5c2e-0000-4000-8000-000000000c99";

/// Sends `POST path` to the emulator's control endpoints; returns the HTTP status (-1 on failure).
int control_post(const std::string &path) {
    std::string url = t::env("TSC_TEST_URL");
    std::string rest = url.substr(url.find("://") + 3);
    std::string hostport = rest.substr(0, rest.find('/'));
    std::string host = hostport.substr(0, hostport.find(':'));
    std::string port = hostport.find(':') == std::string::npos ? "80" : hostport.substr(hostport.find(':') + 1);
    addrinfo hints{}, *ai = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &ai) != 0) return -1;
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    bool ok = fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0;
    freeaddrinfo(ai);
    if (!ok) {
        if (fd >= 0) close(fd);
        return -1;
    }
    std::string req = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) {
        close(fd);
        return -1;
    }
    char resp[64] = {0};
    ssize_t got = read(fd, resp, sizeof resp - 1);
    close(fd);
    int status = -1;
    if (got > 12) std::sscanf(resp, "HTTP/1.%*d %d", &status);
    return status;
}

std::int32_t v(tsc::permission m) { return static_cast<std::int32_t>(m); }

tsc::permissions_rule_list one(tsc::grantee_type type, const std::string &id, tsc::capability c,
                               tsc::permission m) {
    tsc::permissions_rule r = tsc::permissions_rule::create(type, id);
    r.set_capability(c, m);
    tsc::permissions_rule_list l = tsc::permissions_rule_list::create();
    l.append(r);
    return l;
}

tsc::permissions_rule_ref find(const tsc::permissions_rule_list &l, const std::string &id) {
    for (auto r : l)
        if (r.grantee_id() == std::optional<std::string_view>(id)) return r;
    return {};
}

std::string new_project(const tsc::server &s, const char *name) {
    return std::string(s.projects().create(tsc::project::create(name)).id().value());
}

}  // namespace

TEST(permissions_grant_read_deny_delete) {
    tsc::server s = t::connect();
    std::string p = new_project(s, "C++ Perms");
    tsc::user u = s.users().add(tsc::user::create("cpp.perm", "Explorer"));
    std::string uid(u.id().value());

    tsc::permissions_rule r = tsc::permissions_rule::create(tsc::grantee_type::user, uid);
    r.set_capability(tsc::capability::read, tsc::permission::allow)
        .set_capability(tsc::capability::project_leader, tsc::permission::allow);
    CHECK(r.capability_count() == 2);
    tsc::permissions_rule_list rules = tsc::permissions_rule_list::create();
    rules.append(r);
    CHECK(s.projects().update_permissions(p, rules).size() == 1);

    tsc::permissions_rule_list got = s.projects().populate_permissions(p);
    tsc::permissions_rule_ref mine = find(got, uid);
    CHECK(bool(mine));
    CHECK(mine.grantee_type() == static_cast<std::int32_t>(tsc::grantee_type::user));
    CHECK(mine.mode(tsc::capability::project_leader) == v(tsc::permission::allow));
    CHECK(mine.capability_name(0) == std::optional<std::string_view>("Read"));

    s.projects().update_permissions(p, one(tsc::grantee_type::user, uid, tsc::capability::project_leader,
                                           tsc::permission::deny));
    tsc::permissions_rule back = s.projects().populate_permissions(p).get(0);
    CHECK(back.mode(tsc::capability::project_leader) == v(tsc::permission::deny));
    CHECK(back.mode(tsc::capability::read) == v(tsc::permission::allow));
    s.projects().delete_permission(p, back);
    CHECK(s.projects().populate_permissions(p).size() == 0);
    THROWS_TSC(tsc::status::not_found, s.projects().delete_permission(p, back), (void)0);
    s.users().remove(uid);
}

TEST(default_permissions_of_every_kind) {
    tsc::server s = t::connect();
    std::string p = new_project(s, "C++ Perm Defaults");
    tsc::group g = s.groups().create(tsc::group::create("C++ Perm Group"));
    std::string gid(g.id().value());
    auto pr = s.projects();
    using populate = tsc::permissions_rule_list (tsc::projects_api::*)(const tsc::string_arg &) const;
    using update = tsc::permissions_rule_list (tsc::projects_api::*)(const tsc::string_arg &,
                                                                      tsc::permissions_rule_list_ref) const;
    using remove = void (tsc::projects_api::*)(const tsc::string_arg &, tsc::permissions_rule_ref) const;
    struct kind {
        const char *name;
        populate get;
        update put;
        remove del;
    };
    const kind kinds[] = {
        {"workbook", &tsc::projects_api::populate_workbook_default_permissions,
         &tsc::projects_api::update_workbook_default_permissions, &tsc::projects_api::delete_workbook_default_permissions},
        {"datasource", &tsc::projects_api::populate_datasource_default_permissions,
         &tsc::projects_api::update_datasource_default_permissions,
         &tsc::projects_api::delete_datasource_default_permissions},
        {"flow", &tsc::projects_api::populate_flow_default_permissions,
         &tsc::projects_api::update_flow_default_permissions, &tsc::projects_api::delete_flow_default_permissions},
        {"metric", &tsc::projects_api::populate_metric_default_permissions,
         &tsc::projects_api::update_metric_default_permissions, &tsc::projects_api::delete_metric_default_permissions},
        {"datarole", &tsc::projects_api::populate_datarole_default_permissions,
         &tsc::projects_api::update_datarole_default_permissions, &tsc::projects_api::delete_datarole_default_permissions},
        {"lens", &tsc::projects_api::populate_lens_default_permissions,
         &tsc::projects_api::update_lens_default_permissions, &tsc::projects_api::delete_lens_default_permissions},
        {"virtualconnection", &tsc::projects_api::populate_virtualconnection_default_permissions,
         &tsc::projects_api::update_virtualconnection_default_permissions,
         &tsc::projects_api::delete_virtualconnection_default_permissions},
        {"database", &tsc::projects_api::populate_database_default_permissions,
         &tsc::projects_api::update_database_default_permissions, &tsc::projects_api::delete_database_default_permissions},
        {"table", &tsc::projects_api::populate_table_default_permissions,
         &tsc::projects_api::update_table_default_permissions, &tsc::projects_api::delete_table_default_permissions},
    };
    int i = 0;
    for (const kind &k : kinds) {
        tsc::permission m = i++ % 2 == 0 ? tsc::permission::allow : tsc::permission::deny;
        (pr.*k.put)(p, one(tsc::grantee_type::group, gid, tsc::capability::read, m));
    }
    i = 0;
    for (const kind &k : kinds) {
        tsc::permission m = i++ % 2 == 0 ? tsc::permission::allow : tsc::permission::deny;
        tsc::permissions_rule_list got = (pr.*k.get)(p);
        tsc::permissions_rule_ref r = find(got, gid);
        bool ok = got.size() == 1 && r && r.mode(tsc::capability::read) == v(m) &&
                  r.grantee_type() == static_cast<std::int32_t>(tsc::grantee_type::group);
        if (!ok) std::fprintf(stderr, "default permissions of kind %s\n", k.name);
        CHECK(ok);
        tsc::permissions_rule copy = r.clone();
        (pr.*k.del)(p, copy);
        CHECK((pr.*k.get)(p).size() == 0);
    }
    s.groups().delete_(gid);
}

TEST(permissions_refused_and_group_sets) {
    tsc::server s = t::connect();
    std::string p = new_project(s, "C++ Perm Refused");
    THROWS_TSC(tsc::status::not_found,
               s.projects().update_permissions(p, one(tsc::grantee_type::user, UNKNOWN, tsc::capability::read,
                                                      tsc::permission::allow)),
               CHECK(e.server_code() == std::optional<std::string_view>("404002")));
    THROWS_TSC(tsc::status::not_found,
               s.projects().update_table_default_permissions(
                   p, one(tsc::grantee_type::group, UNKNOWN, tsc::capability::read, tsc::permission::allow)),
               CHECK(e.server_code() == std::optional<std::string_view>("404012")));
    CHECK(control_post(std::string("/_emulator/groupsets?site=&name=CppSet&id=") + CPP_GROUP_SET) == 201);
    THROWS_TSC(tsc::status::bad_request,
               s.projects().update_workbook_default_permissions(
                   p, one(tsc::grantee_type::group_set, CPP_GROUP_SET, tsc::capability::project_leader,
                          tsc::permission::allow)),
               CHECK(e.server_code() == std::optional<std::string_view>("400009")));
    s.projects().update_workbook_default_permissions(
        p, one(tsc::grantee_type::group_set, CPP_GROUP_SET, tsc::capability::export_xml, tsc::permission::deny));
    tsc::permissions_rule_list got = s.projects().populate_workbook_default_permissions(p);
    tsc::permissions_rule_ref r = find(got, CPP_GROUP_SET);
    CHECK(r && r.grantee_type() == static_cast<std::int32_t>(tsc::grantee_type::group_set));
    CHECK(r.capability(0) == static_cast<std::int32_t>(tsc::capability::export_xml));
    CHECK(r.capability_mode(0) == v(tsc::permission::deny));
    THROWS_TSC(tsc::status::invalid_argument, tsc::permissions_rule::create(tsc::grantee_type::user, " "), (void)0);
    THROWS_TSC(tsc::status::invalid_argument, s.projects().update_permissions(p, tsc::permissions_rule_list::create()),
               (void)0);
}
