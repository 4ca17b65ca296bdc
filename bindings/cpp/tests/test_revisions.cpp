// test_revisions.cpp: a workbook's revisions from C++ (each publish over it adds one, each streams
// back byte-identical to what was published then, a removed one is listed as removed and gone, the
// current one cannot be removed), a data source revision into a file, and a workbook as a
// PowerPoint presentation.
#include "check.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace {

std::string collect(const tsc::server &s, const std::string &id, std::uint32_t n) {
    std::string out;
    s.workbooks().download_revision_to_writer(id, n, [&](const std::uint8_t *d, std::size_t len) {
        out.append(reinterpret_cast<const char *>(d), len);
    });
    return out;
}

}  // namespace

TEST(workbook_and_datasource_revisions) {
    tsc::server s = t::connect();
    const std::string files[2] = {t::sample("Superstore.twbx"), t::sample("Regional.twb")};
    tsc::workbook item = tsc::workbook::create("C++ Revisions", t::default_project(s));
    tsc::workbook wb = s.workbooks().publish(item, files[0], tsc::publish_mode::overwrite, {}, {}).workbook;
    std::string id(wb.id().value());
    // Overwriting the same name again: from now on there are at least two revisions.
    s.workbooks().publish(item, files[1], tsc::publish_mode::overwrite, {}, {});
    tsc::revision_list revs = s.workbooks().populate_revisions(wb);
    std::size_t n = revs.count();
    CHECK(n >= 2);
    std::int64_t last = 0;
    for (auto r : revs) {
        CHECK(r.revision_number().value_or(0) > last);
        last = r.revision_number().value_or(0);
        CHECK(r.user_name().value_or("") == "admin");
    }
    CHECK(revs.get(n - 1).current() == true && revs.get(n - 2).current() == false);
    std::uint32_t cur = static_cast<std::uint32_t>(last), prev = cur - 1;
    CHECK(collect(s, id, cur) == t::read_file(files[1]));
    CHECK(collect(s, id, prev) == t::read_file(files[0]));

    THROWS_TSC(tsc::status::forbidden, s.workbooks().delete_revision(id, cur), CHECK(e.server_code() == "403003"));
    s.workbooks().delete_revision(id, prev);
    tsc::revision_list after = s.workbooks().populate_revisions(wb);
    CHECK(after.count() == n && after.get(n - 2).deleted() == true);
    THROWS_TSC(tsc::status::not_found, collect(s, id, prev), CHECK(e.server_code() == "404026"));
    THROWS_TSC(tsc::status::invalid_argument, s.workbooks().delete_revision(id, 0), (void)e);
    s.workbooks().delete_(id);

    tsc::datasource ds_item = tsc::datasource::create("C++ Revised Source", t::default_project(s));
    tsc::datasource ds =
        s.datasources().publish(ds_item, t::sample("Sales.tds"), tsc::publish_mode::overwrite, {}, {}).datasource;
    std::string ds_id(ds.id().value());
    s.datasources().publish(ds_item, t::sample("Sales.tdsx"), tsc::publish_mode::overwrite, {}, {});
    tsc::revision_list ds_revs = s.datasources().populate_revisions(ds);
    CHECK(ds_revs.count() >= 2);
    std::uint32_t first = static_cast<std::uint32_t>(ds_revs.get(ds_revs.count() - 2).revision_number().value_or(0));
    std::string dir = t::temp_dir(), path = dir + "/one.tds";
    s.datasources().download_revision_to_file(ds_id, first, path);
    CHECK(t::read_file(path) == t::read_file(t::sample("Sales.tds")));
    std::remove(path.c_str());
    rmdir(dir.c_str());
    s.datasources().delete_(ds_id);
}

TEST(workbook_as_powerpoint) {
    tsc::server s = t::connect();
    tsc::workbook item = tsc::workbook::create("C++ Slides", t::default_project(s));
    tsc::workbook wb =
        s.workbooks().publish(item, t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, {}).workbook;
    std::string id(wb.id().value());
    tsc::view_list views = s.workbooks().populate_views(wb, false);
    tsc::export_options o = tsc::export_options::create();
    o.set_max_age(5);
    tsc::bytes deck = s.workbooks().populate_powerpoint(id, o);
    std::string b(reinterpret_cast<const char *>(deck.data()), deck.len());
    CHECK(b.rfind(std::string("PK\x03\x04", 4), 0) == 0);
    CHECK(b.find("ppt/presentation.xml") != std::string::npos && b.find("[Content_Types].xml") != std::string::npos);
    std::string last = "ppt/slides/slide" + std::to_string(views.count()) + ".xml";
    std::string beyond = "ppt/slides/slide" + std::to_string(views.count() + 1) + ".xml";
    CHECK(b.find(last) != std::string::npos && b.find(beyond) == std::string::npos);
    CHECK(b.find("<a:t>Sales by Region</a:t>") != std::string::npos);
    std::string streamed;
    s.workbooks().populate_powerpoint_to_writer(id, o, [&](const std::uint8_t *d, std::size_t len) {
        streamed.append(reinterpret_cast<const char *>(d), len);
    });
    CHECK(streamed == b);
    s.workbooks().delete_(id);
}
