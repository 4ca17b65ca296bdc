// test_people.cpp: users (add, get, update, remove, their workbooks and groups), groups (create,
// update, members one by one and in bulk, delete) and favorites (add, list, pager, delete).
#include "check.hpp"

TEST(users_add_get_update_remove) {
    tsc::server s = t::connect();
    tsc::user draft = tsc::user::create("cpp.ann", "Explorer");
    draft.set_fullname("Ann C++").set_email("ann@example.com");
    tsc::user u = s.users().add(draft);
    std::string id(u.id().value());
    CHECK(u.site_role() == std::optional<std::string_view>("Explorer"));
    tsc::user got = s.users().get_by_id(id);
    CHECK(got.name() == std::optional<std::string_view>("cpp.ann"));
    tsc::user change = got;
    change.set_site_role("Viewer").set_fullname("Ann Updated");
    tsc::user up = s.users().update(change, "new-password");
    CHECK(up.site_role() == std::optional<std::string_view>("Viewer"));
    CHECK(s.users().populate_workbooks(up, {}, false).size() == 0);
    CHECK(s.users().populate_groups(up, {}).size() >= 1);  // All Users
    THROWS_TSC(tsc::status::conflict, s.users().add(draft), CHECK(e.server_code() == std::optional<std::string_view>("409000")));
    s.users().remove(id);
    THROWS_TSC(tsc::status::not_found, s.users().get_by_id(id),
               CHECK(e.server_code() == std::optional<std::string_view>("404002")));
}

TEST(groups_and_members) {
    tsc::server s = t::connect();
    tsc::user a = s.users().add(tsc::user::create("cpp.g1", "Viewer"));
    tsc::user b = s.users().add(tsc::user::create("cpp.g2", "Viewer"));
    tsc::user c = s.users().add(tsc::user::create("cpp.g3", "Viewer"));
    tsc::group g = s.groups().create(tsc::group::create("C++ Team"));
    CHECK(g.name() == std::optional<std::string_view>("C++ Team"));
    tsc::group change = g;
    change.set_name("C++ Team Renamed");
    tsc::group up = s.groups().update(change);
    CHECK(up.name() == std::optional<std::string_view>("C++ Team Renamed"));
    tsc::user added = s.groups().add_user(up, std::string(a.id().value()));
    CHECK(added.id() == a.id());
    tsc::user_list more = s.groups().add_users(up, {b.id().value(), c.id().value()});
    CHECK(more.size() == 2);
    CHECK(s.groups().populate_users(up, {}).size() == 3);
    std::size_t walked = 0;
    for (auto &page : s.groups().users_pager(up, {}, 0)) walked += page.size();
    CHECK(walked == 3);
    s.groups().remove_user(up, std::string(a.id().value()));
    s.groups().remove_users(up, std::vector<std::string>{std::string(b.id().value())});
    CHECK(s.groups().populate_users(up, {}).size() == 1);
    bool in_groups = false;
    for (auto grp : s.users().populate_groups(c, {})) in_groups = in_groups || grp.id() == up.id();
    CHECK(in_groups);
    std::string gid(up.id().value());
    s.groups().delete_(gid);
    THROWS_TSC(tsc::status::not_found, s.groups().delete_(gid),
               CHECK(e.server_code() == std::optional<std::string_view>("404012")));
    for (auto *u : {&a, &b, &c}) s.users().remove(std::string(u->id().value()));
}

TEST(favorites_add_list_delete) {
    tsc::server s = t::connect();
    tsc::project p = s.projects().create(tsc::project::create("C++ Fav Project"));
    tsc::user me = s.users().get_by_id(s.user_id().value());
    tsc::favorite fav = tsc::favorite::create("My C++ project", "project", p.id().value());
    s.favorites().add(me, fav);
    tsc::favorite_list l = s.users().populate_favorites(me, {});
    bool found = false;
    for (auto f : l)
        if (f.content_id() == p.id()) found = f.label() == std::optional<std::string_view>("My C++ project");
    CHECK(found);
    std::size_t n = 0;
    for (auto f : s.favorites().pager(me, {}, 0).items()) n += f.content_type().has_value();
    CHECK(n == l.size() && n >= 1);
    THROWS_TSC(tsc::status::conflict, s.favorites().add(me, fav), {});
    s.favorites().delete_(me, fav);
    CHECK(s.users().populate_favorites(me, {}).size() == l.size() - 1);
    s.projects().delete_(std::string(p.id().value()));
}
