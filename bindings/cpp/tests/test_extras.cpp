// test_extras.cpp: the content methods beyond the seed from C++: deleting a view; a workbook's
// data acceleration and freshness policy, with the views' acceleration status; many connections
// updated at once; projects with the sample workbooks; upload sessions.
#include "check.hpp"

TEST(views_delete_one_of_a_workbook) {
    tsc::server s = t::connect();
    tsc::workbook item = tsc::workbook::create("C++ Extras Views", t::default_project(s));
    tsc::workbook wb =
        s.workbooks().publish(item, t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, {}).workbook;
    std::string id(wb.id().value());
    tsc::view_list views = s.workbooks().populate_views(wb, false);
    std::size_t before = views.size();
    std::string gone(views[0].id().value());
    s.views().delete_(gone);
    tsc::view_list after = s.workbooks().populate_views(wb, false);
    CHECK(after.size() == before - 1);
    for (std::size_t i = 0; i < after.size(); i++) CHECK(after[i].id().value() != gone);
    THROWS_TSC(tsc::status::not_found, s.views().delete_(gone),
               CHECK(e.server_code() == std::optional<std::string_view>("404011")));
    s.workbooks().delete_(id);
}

TEST(workbook_acceleration_and_freshness) {
    tsc::server s = t::connect();
    tsc::workbook item = tsc::workbook::create("C++ Extras Acceleration", t::default_project(s));
    tsc::workbook wb =
        s.workbooks().publish(item, t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, {}).workbook;
    std::string id(wb.id().value());
    tsc::workbook edit = wb;
    edit.set_data_acceleration_enabled(true);
    edit.set_data_acceleration_accelerate_now(true);
    edit.set_data_freshness_policy("FreshAt");
    edit.set_data_freshness_at_frequency("Day");
    edit.set_data_freshness_at_time("05:00:00");
    tsc::workbook up = s.workbooks().update_with_view_acceleration_status(edit);
    CHECK(up.data_acceleration_enabled() == std::optional<bool>(true));
    tsc::view_list views = up.views();
    CHECK(views.size() > 0);
    CHECK(views[0].data_acceleration_status() == std::optional<std::string_view>("Accelerated"));
    tsc::workbook got = s.workbooks().get_by_id(id);
    CHECK(got.data_freshness_policy() == std::optional<std::string_view>("FreshAt"));
    CHECK(got.data_freshness_at_time() == std::optional<std::string_view>("05:00:00"));
    edit.set_data_freshness_at_time(std::nullopt);
    THROWS_TSC(tsc::status::invalid_argument, s.workbooks().update(edit), (void)e);
    s.workbooks().delete_(id);
}

TEST(update_connections_at_once) {
    tsc::server s = t::connect();
    tsc::datasource item = tsc::datasource::create("C++ Extras Connections", t::default_project(s));
    tsc::datasource ds =
        s.datasources().publish(item, t::sample("Sales.tdsx"), tsc::publish_mode::overwrite, {}, {}).datasource;
    tsc::connection_list conns = s.datasources().populate_connections(ds);
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < conns.size(); i++) ids.emplace_back(conns[i].id().value());
    CHECK(!ids.empty());
    tsc::connection_list up = s.datasources().update_connections(ds, ids, "username-password", "cpp-svc", {}, 0);
    CHECK(up.size() == ids.size());
    CHECK(up[0].username() == std::optional<std::string_view>("cpp-svc"));
    CHECK(up[0].embed_password() == std::optional<bool>(false));
    THROWS_TSC(tsc::status::invalid_argument,
               s.datasources().update_connections(ds, std::vector<std::string>{}, "oauth", {}, {}, -1), (void)e);
    s.datasources().delete_(std::string(ds.id().value()));
}

TEST(projects_with_samples_and_file_uploads) {
    tsc::server s = t::connect();
    tsc::project item = tsc::project::create("C++ Extras Samples");
    tsc::project plain = s.projects().create(item);
    std::string id(plain.id().value());
    tsc::project up = s.projects().update_with_samples(plain);
    CHECK(up.id() == plain.id());
    tsc::request_options ro = tsc::request_options::create();
    ro.add_filter("projectId", tsc::filter_op::eq, id);
    CHECK(s.workbooks().get(ro).size() == 2);
    s.projects().delete_(id);

    std::optional<std::string> session = s.fileuploads().initiate();
    CHECK(session.has_value() && !session->empty());
    s.fileuploads().append(*session, t::sample("Sales.tds"));
    THROWS_TSC(tsc::status::not_found, s.fileuploads().append("7720:00000000000000000000000000000000-1:0", t::sample("Sales.tds")),
               CHECK(e.server_code() == std::optional<std::string_view>("404015")));
}
