// test_custom_views.cpp: custom views from C++: publish a definition (path and reader), list
// (filtered, paged), get, update, exports with the saved filter, download byte-identical, delete,
// 404048 afterwards, and a publish refused before any request.
#include "check.hpp"

#include <cstring>
#include <fstream>

namespace {

std::string text(const tsc::bytes &b) { return std::string(reinterpret_cast<const char *>(b.data()), b.len()); }

}  // namespace

TEST(custom_views_round_trip) {
    tsc::server s = t::connect();
    std::string me = s.user_id().value();
    tsc::workbook item = tsc::workbook::create("C++ Custom Views", t::default_project(s));
    tsc::workbook wb =
        s.workbooks().publish(item, t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, {}).workbook;
    std::string wid(wb.id().value());
    const std::string def = "{\"filters\":{\"Region\":[\"West\"]},\"from\":\"C++\"}";
    std::string dir = t::temp_dir();
    std::string path = dir + "/West.json";
    std::ofstream(path, std::ios::binary) << def;

    tsc::custom_view ci = tsc::custom_view::create("C++ West");
    ci.set_owner_id(me).set_workbook_id(wid).set_shared(true);
    tsc::custom_view cv = s.custom_views().publish(ci, path);
    std::string cid(cv.id().value());
    CHECK(cv.name() == std::optional<std::string_view>("C++ West") && cv.shared() == 1);
    CHECK(cv.workbook_id() == std::optional<std::string_view>(wid) && cv.owner_id() == std::optional<std::string_view>(me));

    std::size_t off = 0;
    tsc::custom_view ri = tsc::custom_view::create("C++ Reader");
    ri.set_owner_id(me).set_workbook_id(wid);
    tsc::custom_view second = s.custom_views().publish_from_reader(
        ri, "reader.json", def.size(), [&](std::uint8_t *buf, std::size_t cap, std::size_t *out) {
            std::size_t n = std::min(cap, def.size() - off);
            std::memcpy(buf, def.data() + off, n);
            off += n;
            *out = n;
        });
    CHECK(second.shared() == 0);

    auto o = tsc::request_options::create();
    o.add_filter("workbookId", tsc::filter_op::eq, wid);
    CHECK(s.custom_views().get(o).size() == 2);
    o.set_page_size(1);
    std::size_t pages = 0, seen = 0;
    for (auto &page : s.custom_views().pager(o, 0)) {
        pages++;
        seen += page.size();
    }
    CHECK(pages == 2 && seen == 2);

    tsc::custom_view changed = s.custom_views().get_by_id(cid).clone();
    changed.set_name("C++ Western");
    CHECK(s.custom_views().update(changed).name() == std::optional<std::string_view>("C++ Western"));

    std::string png = text(s.custom_views().populate_image(cid));
    CHECK(png.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
    std::string csv = text(s.custom_views().populate_csv(cid));
    CHECK(csv.rfind("Region,Category,Sales\r\n", 0) == 0 && csv.find("West,") != std::string::npos &&
          csv.find("East,") == std::string::npos);
    std::string pdf = text(s.custom_views().populate_pdf(cid));
    CHECK(pdf.rfind("%PDF-", 0) == 0 && pdf.find("Filter: Region = West") != std::string::npos);

    CHECK(text(s.custom_views().download(cid)) == def);
    std::string copy = dir + "/copy.json";
    s.custom_views().download_to_file(cid, copy);
    CHECK(t::read_file(copy) == def);
    std::string streamed;
    s.custom_views().download_to_writer(std::string(second.id().value()), [&](const std::uint8_t *d, std::size_t n) {
        streamed.append(reinterpret_cast<const char *>(d), n);
    });
    CHECK(streamed == def);

    s.custom_views().delete_(cid);
    s.custom_views().delete_(std::string(second.id().value()));
    THROWS_TSC(tsc::status::not_found, s.custom_views().get_by_id(cid), CHECK(e.server_code() == std::optional<std::string_view>("404048")));
    tsc::custom_view no_owner = tsc::custom_view::create("C++ No Owner");
    no_owner.set_workbook_id(wid);
    THROWS_TSC(tsc::status::invalid_argument, s.custom_views().publish(no_owner, path), (void)e);
    t::remove_dir(dir);
    s.workbooks().delete_(wid);
}
