// test_exports.cpp: a view as PNG (viz size), CSV (filtered) and PDF (landscape), and a workbook
// as a PDF streamed to a write callback, from C++.
#include "check.hpp"

#include <cstring>

namespace {

bool starts(const tsc::bytes &b, const char *magic) {
    std::size_t n = std::strlen(magic);
    return b.len() >= n && std::memcmp(b.data(), magic, n) == 0;
}

std::string text(const tsc::bytes &b) { return std::string(reinterpret_cast<const char *>(b.data()), b.len()); }

}  // namespace

TEST(view_and_workbook_exports) {
    tsc::server s = t::connect();
    tsc::workbook item = tsc::workbook::create("C++ Exports", t::default_project(s));
    tsc::workbook wb =
        s.workbooks().publish(item, t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, {}).workbook;
    tsc::view_list views = s.workbooks().populate_views(wb, false);
    std::string vid(views.begin()->id().value());

    tsc::export_options o = tsc::export_options::create();
    o.set_viz_size(640, 480);
    tsc::bytes png = s.views().populate_image(vid, o);
    CHECK(starts(png, "\x89PNG\r\n\x1a\n") && png.len() > 24 && png.data()[18] == 0x02 && png.data()[19] == 0x80);

    o.add_view_filter("Category", "Furniture");
    std::string csv = text(s.views().populate_csv(vid, o));
    CHECK(csv.rfind("Region,Category,Sales\r\n", 0) == 0);
    CHECK(csv.find("Technology") == std::string::npos && csv.find("East,Furniture,") != std::string::npos);

    o.set_landscape(true);
    std::string pdf = text(s.views().populate_pdf(vid, o));
    CHECK(pdf.rfind("%PDF-", 0) == 0 && pdf.find("/MediaBox [0 0 792 612]") != std::string::npos);

    std::string streamed;
    s.workbooks().populate_pdf_to_writer(std::string(wb.id().value()), {}, [&](const std::uint8_t *d, std::size_t n) {
        streamed.append(reinterpret_cast<const char *>(d), n);
    });
    CHECK(streamed.rfind("%PDF-", 0) == 0 && streamed.find("%%EOF") != std::string::npos);

    THROWS_TSC(tsc::status::invalid_argument, o.set_page_type("Poster"), (void)e);
    THROWS_TSC(tsc::status::not_found, s.views().populate_csv("00000000-0000-4000-8000-000000000000"), (void)e);
    s.workbooks().delete_(std::string(wb.id().value()));
}
