// test_tags.cpp: a workbook's tags from C++: add (the answer is a tsc::string_list), an item's
// tag changes sent by update_tags and update (a tag someone else added meanwhile is kept),
// delete, and the errors (a label the item lacks, no labels); tags of a workbook and a data
// source at once (batch_add, batch_delete; an unknown item changes nothing); a view's tags sent
// by views().update.
#include "check.hpp"

#include <algorithm>

namespace {

std::string sorted_tags(const tsc::server &s, const std::string &id) {
    tsc::workbook w = s.workbooks().get_by_id(id);
    std::vector<std::string> v;
    for (auto t : w.tags()) v.emplace_back(t);
    std::sort(v.begin(), v.end());
    std::string out;
    for (const auto &t : v) out += (out.empty() ? "" : ",") + t;
    return out;
}

}  // namespace

TEST(workbook_tags_add_sync_delete) {
    tsc::server s = t::connect();
    tsc::workbook item = tsc::workbook::create("C++ Tags", t::default_project(s));
    tsc::workbook wb =
        s.workbooks().publish(item, t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, {}).workbook;
    std::string id(wb.id().value());

    tsc::string_list added = s.workbooks().add_tags(id, {"red", "blue"});
    CHECK(added.count() == 2);
    CHECK(sorted_tags(s, id) == "blue,red");

    tsc::workbook edit = s.workbooks().get_by_id(id);
    edit.remove_tag("red");
    edit.add_tag("green");
    s.workbooks().add_tags(id, {"other"});
    tsc::workbook synced = s.workbooks().update_tags(edit);
    CHECK(sorted_tags(s, id) == "blue,green,other");
    CHECK(synced.tags().size() == 2);

    tsc::workbook again = synced;
    again.clear_tags();
    again.set_name("C++ Tags renamed");
    tsc::workbook up = s.workbooks().update(again);
    CHECK(up.name() == std::optional<std::string>("C++ Tags renamed"));
    CHECK(sorted_tags(s, id) == "other");

    s.workbooks().delete_tags(id, {"other"});
    CHECK(sorted_tags(s, id).empty());
    THROWS_TSC(tsc::status::not_found, s.workbooks().delete_tags(id, {"other"}),
               CHECK(e.server_code() == std::optional<std::string_view>("404007")));
    THROWS_TSC(tsc::status::invalid_argument, s.workbooks().add_tags(id, {}), (void)e);
    s.workbooks().delete_(id);
}

TEST(tags_of_several_items_at_once) {
    tsc::server s = t::connect();
    tsc::workbook wb = s.workbooks()
                           .publish(tsc::workbook::create("C++ Batch", t::default_project(s)),
                                    t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, {})
                           .workbook;
    tsc::datasource ds = s.datasources()
                             .publish(tsc::datasource::create("C++ Batch source", t::default_project(s)),
                                      t::sample("Sales.tds"), tsc::publish_mode::overwrite)
                             .datasource;
    std::string wid(wb.id().value()), did(ds.id().value());
    tsc::tag_targets targets = tsc::tag_targets::create();
    targets.add("Workbook", wid);
    targets.add("Datasource", did);
    THROWS_TSC(tsc::status::invalid_argument, targets.add("Spreadsheet", wid), (void)e);
    CHECK(s.tags().batch_add({"cpp-a", "cpp-b"}, targets).count() == 2);
    CHECK(sorted_tags(s, wid) == "cpp-a,cpp-b");
    CHECK(s.datasources().get_by_id(did).tag_count() == 2);

    tsc::tag_targets bad = tsc::tag_targets::create();
    bad.add("Workbook", wid);
    bad.add("View", "00000000-0000-0000-0000-000000000000");
    THROWS_TSC(tsc::status::not_found, s.tags().batch_add({"never"}, bad), (void)e);
    CHECK(sorted_tags(s, wid) == "cpp-a,cpp-b");

    // A view's own tag changes, sent by views().update (only a view's tags change).
    tsc::view_list views = s.workbooks().populate_views(wb, false);
    std::string vid(views.begin()->id().value());
    tsc::view edit = s.views().get_by_id(vid, false);
    edit.add_tag("cpp-view");
    s.views().update(edit);
    tsc::view fetched = s.views().get_by_id(vid, false);
    CHECK(fetched.tag_count() == 1 && fetched.tags().at(0) == "cpp-view");

    s.tags().batch_delete({"cpp-a"}, targets);
    CHECK(sorted_tags(s, wid) == "cpp-b");
    CHECK(s.datasources().get_by_id(did).tag_count() == 1);
    s.workbooks().delete_(wid);
    s.datasources().delete_(did);
}
