// test_extras.cpp: the content methods beyond the seed from C++: deleting a view.
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
