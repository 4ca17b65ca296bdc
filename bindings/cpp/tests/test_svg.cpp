// test_svg.cpp: a view as an SVG image (REST API 3.29) from C++: an SVG document with one mark
// per row the view filters keep, and an unknown format refused.
#include "check.hpp"

#include <string>

TEST(view_as_svg) {
    tsc::server s = t::connect();
    tsc::workbook wb = s.workbooks()
                           .publish(tsc::workbook::create("C++ SVG", t::default_project(s)),
                                    t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, {})
                           .workbook;
    tsc::view_list views = s.workbooks().populate_views(wb, false);
    tsc::export_options o = tsc::export_options::create();
    o.set_image_format("svg");
    o.add_view_filter("Region", "South,West");
    tsc::bytes img = s.views().populate_image(std::string(views.begin()->id().value()), o);
    std::string svg(reinterpret_cast<const char *>(img.data()), img.len());
    CHECK(svg.rfind("<?xml", 0) == 0 && svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
    std::size_t marks = 0;
    for (std::size_t at = svg.find("class=\"mark\""); at != std::string::npos; at = svg.find("class=\"mark\"", at + 1))
        marks++;
    CHECK(marks == 6);
    THROWS_TSC(tsc::status::invalid_argument, o.set_image_format("bmp"), (void)e);
    s.workbooks().delete_(std::string(wb.id().value()));
}
