// test_basics.cpp: sign-in (password, PAT, JWT), server info, sites and projects (create, get,
// update, delete), errors (status, HTTP status, Tableau code), handle semantics (move-only,
// clone on copy, strings from temporaries), string arguments, one server shared by threads.
#include "check.hpp"

#include <atomic>
#include <thread>
#include <type_traits>

static_assert(!std::is_copy_constructible_v<tsc::server>, "a server is move-only");
static_assert(std::is_nothrow_move_constructible_v<tsc::server>, "a server moves");
static_assert(std::is_copy_constructible_v<tsc::project>, "items copy through _clone");
static_assert(std::is_same_v<decltype(std::declval<const tsc::project &>().name()), std::optional<std::string_view>>,
              "names borrow from an lvalue");
static_assert(std::is_same_v<decltype(std::declval<tsc::project>().name()), std::optional<std::string>>,
              "names are copied from a temporary");
static_assert(std::is_base_of_v<std::runtime_error, tsc::error>, "tsc::error is a runtime_error");

TEST(sign_in_password_pat_jwt) {
    tsc::server s = tsc::server::create(tsc::server_options::create(t::env("TSC_TEST_URL")));
    CHECK(s.is_signed_in() == 0);
    THROWS_TSC(tsc::status::not_signed_in, s.user_id(), {});
    s.auth().sign_in(tsc::credentials::password("admin", "admin", ""));
    CHECK(s.is_signed_in() == 1);
    CHECK(s.user_id().has_value() && !s.user_id()->empty());
    CHECK(s.site_content_url() == std::optional<std::string>(""));
    CHECK(s.api_version().has_value());
    s.auth().sign_out();
    CHECK(s.is_signed_in() == 0);

    s.auth().sign_in(tsc::credentials::pat("test-pat", "pat-secret", ""));
    CHECK(s.is_signed_in() == 1);
    s.auth().sign_out();

    auto jwt = tsc::credentials::jwt(t::env("TSC_TEST_JWT"), "");
    s.auth().sign_in(jwt);
    CHECK(s.is_signed_in() == 1);
    s.auth().sign_out();

    THROWS_TSC(tsc::status::unauthorized, s.auth().sign_in(tsc::credentials::password("admin", "s3cr3t-Xy", "")), {
        CHECK(e.http_status() == 401);
        CHECK(e.server_code().has_value() && e.server_code()->substr(0, 3) == "401");
        CHECK(std::string(e.what()).find("s3cr3t-Xy") == std::string::npos);
    });
}

TEST(server_info) {
    tsc::server s = tsc::server::create(tsc::server_options::create(t::env("TSC_TEST_URL")));
    tsc::server_info info = s.server_info().get();
    CHECK(info.product_version().has_value());
    CHECK(info.rest_api_version().has_value() && info.rest_api_version()->find('.') != std::string::npos);
    CHECK(s.url().has_value() && s.url()->find("127.0.0.1") != std::string_view::npos);
    CHECK(tsc::version().find("tsc") != std::string_view::npos);
    CHECK(tsc::version_number() == static_cast<std::uint32_t>(tsc::constants::version_number));
    CHECK(tsc::status_str(tsc::status::not_found).size() > 0);
}

TEST(sites_create_get_update_delete) {
    tsc::server s = t::connect();
    tsc::site draft = tsc::site::create("C++ Site", "cppsite");
    draft.set_admin_mode("ContentAndUsers").set_user_quota(50);
    tsc::site created = s.sites().create(draft);
    CHECK(created.name() == std::optional<std::string_view>("C++ Site"));
    CHECK(created.user_quota() == std::optional<std::int64_t>(50));
    std::string id(created.id().value());
    CHECK(s.sites().get_by_id(id).content_url() == std::optional<std::string>("cppsite"));
    CHECK(s.sites().get_by_name("C++ Site").id() == std::optional<std::string>(id));
    CHECK(s.sites().get_by_content_url("cppsite").id() == std::optional<std::string>(id));
    bool listed = false;
    for (auto site : s.sites().get()) listed = listed || site.id() == std::optional<std::string_view>(id);
    CHECK(listed);
    tsc::site change = created;  // a clone: mutable
    change.set_name("C++ Site Renamed").set_storage_quota(1024);
    tsc::site updated = s.sites().update(change);
    CHECK(updated.name() == std::optional<std::string_view>("C++ Site Renamed"));
    CHECK(updated.storage_quota() == std::optional<std::int64_t>(1024));
    CHECK(created.name() == std::optional<std::string_view>("C++ Site"));  // snapshot unchanged
    s.sites().delete_(id);
    THROWS_TSC(tsc::status::not_found, s.sites().get_by_id(id), CHECK(e.http_status() == 404));
}

TEST(projects_create_get_update_delete) {
    tsc::server s = t::connect();
    tsc::project draft = tsc::project::create("C++ Finance");
    draft.set_description("Budgets").set_content_permissions("ManagedByOwner");
    tsc::project parent = s.projects().create(draft);
    CHECK(parent.description() == std::optional<std::string_view>("Budgets"));
    tsc::project child_draft = tsc::project::create("C++ Finance Q1");
    child_draft.set_parent_id(parent.id());
    tsc::project child = s.projects().create(child_draft);
    CHECK(child.parent_id() == parent.id());
    CHECK(s.projects().get_by_id(std::string(child.id().value())).name() == std::optional<std::string>("C++ Finance Q1"));
    tsc::project change = child;
    change.set_description("First quarter");
    tsc::project updated = s.projects().update(change);
    CHECK(updated.description() == std::optional<std::string_view>("First quarter"));
    CHECK(child.description() != std::optional<std::string_view>("First quarter"));
    s.projects().delete_(std::string(parent.id().value()));
    THROWS_TSC(tsc::status::not_found, s.projects().get_by_id(std::string(child.id().value())), {});
}

TEST(errors_carry_http_status_and_tableau_code) {
    tsc::server s = t::connect();
    THROWS_TSC(tsc::status::not_found, s.projects().get_by_id("00000000-0000-0000-0000-000000000000"), {
        CHECK(e.http_status() == 404);
        CHECK(e.server_code().has_value() && e.server_code()->size() == 6 && e.server_code()->substr(0, 3) == "404");
        CHECK(e.server_summary().has_value());
        CHECK(e.message().has_value() && std::string(e.what()) == std::string(*e.message()));
        CHECK(e.callback_code() == 0);
        tsc::error copy = e;  // copies share the C error
        CHECK(copy.server_code() == e.server_code() && copy.http_status() == 404);
    });
    try {
        s.users().get_by_id("00000000-0000-0000-0000-000000000000");
        CHECK(false);
    } catch (const std::runtime_error &e) {  // catchable as the standard base
        CHECK(std::string(e.what()).size() > 0);
    }
    tsc::project dup = tsc::project::create("C++ Dup");
    tsc::project a = s.projects().create(dup);
    THROWS_TSC(tsc::status::conflict, s.projects().create(dup), {
        CHECK(e.http_status() == 409);
        CHECK(e.server_code().has_value() && e.server_code()->substr(0, 3) == "409");
    });
    s.projects().delete_(std::string(a.id().value()));
    // Misuse is reported by the library too: an invalid page size.
    auto o = tsc::request_options::create();
    THROWS_TSC(tsc::status::invalid_argument, o.set_page_size(0), CHECK(e.http_status() == 0));
}

TEST(handles_and_strings) {
    tsc::server s = t::connect();
    tsc::project p = tsc::project::create("C++ Handles");
    tsc::project moved = std::move(p);
    CHECK(!p && moved);                            // moved-from is empty
    CHECK(!p.name().has_value());                  // and reads as absent
    tsc::project copy = moved;                     // clone
    copy.set_name("C++ Other");
    CHECK(moved.name() == std::optional<std::string_view>("C++ Handles"));
    tsc::project_ref view = copy;                  // an owner is a view
    CHECK(view.name() == std::optional<std::string_view>("C++ Other"));
    std::optional<std::string> from_temp = tsc::project::create("C++ Temp").name();
    CHECK(from_temp == std::optional<std::string>("C++ Temp"));
    // String arguments: std::string, string_view (copied), const char*; embedded NUL refused.
    std::string name = "C++ Strings";
    std::string_view sv = std::string_view("C++ Strings and more").substr(0, 11);
    CHECK(tsc::project::create(name).name() == std::optional<std::string>(name));
    CHECK(tsc::project::create(sv).name() == std::optional<std::string>(name));
    bool refused = false;
    try {
        tsc::project::create(std::string("a\0b", 3));
    } catch (const std::invalid_argument &) {
        refused = true;
    }
    CHECK(refused);
    // Lists outlive the server; items cloned from a list outlive the list.
    tsc::project keep;
    {
        tsc::project_list l = s.projects().get();
        CHECK(!l.empty());
        keep = l.at(0).clone();
        bool oor = false;
        try {
            (void)l.at(l.size());
        } catch (const std::out_of_range &) {
            oor = true;
        }
        CHECK(oor && !l[l.size()]);
    }
    CHECK(keep.id().has_value());
}

TEST(one_server_shared_by_threads) {
    tsc::server s = t::connect();
    std::atomic<int> ok{0};
    std::vector<std::thread> th;
    for (int i = 0; i < 4; i++)
        th.emplace_back([&] {
            for (int j = 0; j < 5; j++)
                if (s.projects().get().size() > 0) ok++;
        });
    for (auto &x : th) x.join();
    CHECK(ok == 20);
}
