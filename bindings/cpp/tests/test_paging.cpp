// test_paging.cpp: pagers walked to the end in range-for (pages and items), request options
// (filter, filter in, sort, page size and number, fields), and a pager's error.
#include "check.hpp"

#include <set>

namespace {

/// Creates `n` projects named `<prefix>NN`; returns their ids.
std::vector<std::string> make_projects(const tsc::server &s, const std::string &prefix, int n) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; i++) {
        char name[64];
        std::snprintf(name, sizeof name, "%s%02d", prefix.c_str(), i);
        ids.emplace_back(s.projects().create(tsc::project::create(name)).id().value());
    }
    return ids;
}

}  // namespace

TEST(pager_walks_every_page) {
    tsc::server s = t::connect();
    std::vector<std::string> ids = make_projects(s, "cpp-page-", 23);
    auto o = tsc::request_options::create();
    o.set_page_size(5);
    std::int64_t total = s.projects().get(o).total_available();
    CHECK(total >= 23);
    std::set<std::string> seen;
    int pages = 0;
    std::size_t items = 0;
    for (auto &page : s.projects().pager(o, 0)) {
        pages++;
        CHECK(page.size() <= 5);
        for (auto p : page) {
            items++;
            seen.insert(std::string(p.id().value()));
        }
    }
    CHECK(static_cast<std::int64_t>(items) == total && seen.size() == items);
    CHECK(pages == static_cast<int>((total + 4) / 5));
    for (const auto &id : ids) CHECK(seen.count(id) == 1);
    // items() across pages, with read-ahead
    std::size_t n = 0;
    auto pager = s.projects().pager(o, 3);
    for (const auto &p : pager.items()) n += p.id().has_value();
    CHECK(static_cast<std::int64_t>(n) == total && pager.total_available() == total);
    // next() by hand: pages, then an empty page at the end
    auto by_hand = s.projects().pager(o, 0);
    int hand_pages = 0;
    while (tsc::project_list page = by_hand.next()) hand_pages++;
    CHECK(hand_pages == pages);
    for (const auto &id : ids) s.projects().delete_(id);
}

TEST(request_options_filter_sort_page) {
    tsc::server s = t::connect();
    std::vector<std::string> ids = make_projects(s, "cpp-opt-", 6);
    // filter eq
    auto eq = tsc::request_options::create();
    eq.add_filter("name", tsc::filter_op::eq, "cpp-opt-03");
    tsc::project_list one = s.projects().get(eq);
    CHECK(one.size() == 1 && one[0].name() == std::optional<std::string_view>("cpp-opt-03"));
    // filter in, sorted descending
    auto in = tsc::request_options::create();
    in.add_filter_in("name", {"cpp-opt-01", "cpp-opt-04", "cpp-opt-05"}).add_sort("name", tsc::sort_direction::desc);
    tsc::project_list three = s.projects().get(in);
    CHECK(three.size() == 3);
    CHECK(three.size() == 3 && three[0].name() == std::optional<std::string_view>("cpp-opt-05") &&
          three[2].name() == std::optional<std::string_view>("cpp-opt-01"));
    // page size and number
    auto paged = tsc::request_options::create();
    paged.add_filter("name", tsc::filter_op::has, "cpp-opt-").add_sort("name", tsc::sort_direction::asc);
    paged.set_page_size(4).set_page_number(2);
    tsc::project_list p2 = s.projects().get(paged);
    CHECK(p2.size() == 2 && p2.page_number() == 2 && p2.page_size() == 4 && p2.total_available() == 6);
    CHECK(p2.size() == 2 && p2[0].name() == std::optional<std::string_view>("cpp-opt-04"));
    // options copy through _clone and stay independent
    tsc::request_options copy = paged;
    copy.set_page_number(1);
    CHECK(s.projects().get(copy).size() == 4 && s.projects().get(paged).size() == 2);
    // a bad filter field is the server's 400
    auto bad = tsc::request_options::create();
    bad.add_filter("noSuchField", tsc::filter_op::eq, "x");
    THROWS_TSC(tsc::status::bad_request, s.projects().get(bad), CHECK(e.http_status() == 400));
    THROWS_TSC(tsc::status::bad_request, s.projects().pager(bad, 0).next(), CHECK(e.http_status() == 400));
    for (const auto &id : ids) s.projects().delete_(id);
}
