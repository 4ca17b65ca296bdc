// test_content.cpp: workbooks (publish from a sample, get, update, download with progress, to a
// file and to a writer, publish from a reader), views (of a workbook, by id, preview image),
// data sources (publish, get, update, download, delete), cancellation through a cancel token,
// and callbacks that abort or throw (the transfer stops, the exception comes back on this
// thread, nothing is left behind).
#include "check.hpp"

#include <stdexcept>

namespace {

struct boom : std::runtime_error {
    boom() : std::runtime_error("boom from a callback") {}
};

tsc::workbook publish_superstore(const tsc::server &s, const std::string &name,
                                 tsc::transfer_options_ref topts = {}) {
    tsc::workbook item = tsc::workbook::create(name, t::default_project(s));
    return s.workbooks().publish(item, t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, topts).workbook;
}

std::size_t datasources_named(const tsc::server &s, const std::string &name) {
    auto o = tsc::request_options::create();
    o.add_filter("name", tsc::filter_op::eq, name);
    return s.datasources().get(o).size();
}

}  // namespace

TEST(workbooks_publish_get_update_download_delete) {
    tsc::server s = t::connect();
    std::uint64_t last = 0;
    int calls = 0;
    std::int64_t total = -2;
    auto topts = tsc::transfer_options::create();
    topts.set_progress([&](std::uint64_t done, std::int64_t tot) {
        calls++;
        last = done;
        total = tot;
    });
    tsc::workbook wb = publish_superstore(s, "C++ Superstore", topts);
    std::string orig = t::read_file(t::sample("Superstore.twbx"));
    CHECK(calls >= 2 && last == orig.size() && total == static_cast<std::int64_t>(orig.size()));
    std::string id(wb.id().value());
    CHECK(s.workbooks().get_by_id(id).name() == std::optional<std::string>("C++ Superstore"));

    tsc::workbook change = wb;
    change.set_description("Sales by region").set_show_tabs(true);
    tsc::workbook updated = s.workbooks().update(change);
    CHECK(updated.show_tabs() == std::optional<bool>(true));

    // download into a directory, with progress
    calls = 0;
    last = 0;
    std::string dir = t::temp_dir();
    std::optional<std::string> path = s.workbooks().download(id, dir, topts);
    CHECK(path.has_value() && t::read_file(*path) == orig);
    CHECK(calls >= 2 && last == orig.size());
    // to a file, and to a writer
    std::optional<std::string> p2 = s.workbooks().download_to_file(id, dir + "/copy.twbx");
    CHECK(p2.has_value() && t::read_file(dir + "/copy.twbx") == orig);
    std::string got;
    s.workbooks().download_to_writer(id, [&](const std::uint8_t *d, std::size_t n) {
        got.append(reinterpret_cast<const char *>(d), n);
    });
    CHECK(got == orig);
    t::remove_dir(dir);

    // publish from a reader
    std::size_t off = 0;
    tsc::workbook anon = tsc::workbook::create("C++ From Memory", t::default_project(s));
    auto r = s.workbooks().publish_from_reader(
        anon, "From Memory.twbx", orig.size(),
        [&](std::uint8_t *buf, std::size_t cap, std::size_t *out) {
            std::size_t n = std::min(cap, orig.size() - off);
            std::copy(orig.data() + off, orig.data() + off + n, buf);
            off += n;
            *out = n;
        },
        tsc::publish_mode::create_new);
    CHECK(r.workbook && r.workbook.name() == std::optional<std::string_view>("C++ From Memory") && !r.job);

    // tags, connections, preview
    CHECK(wb.tags().size() == wb.tag_count());
    tsc::connection_list conns = s.workbooks().populate_connections(wb);
    for (auto c : conns) CHECK(c.id().has_value());
    tsc::bytes png = s.workbooks().populate_preview_image(wb);
    CHECK(png.len() > 8 && png.data()[1] == 'P' && png.data()[2] == 'N' && png.data()[3] == 'G');

    s.workbooks().delete_(id);
    s.workbooks().delete_(std::string(r.workbook.id().value()));
    THROWS_TSC(tsc::status::not_found, s.workbooks().get_by_id(id), CHECK(e.http_status() == 404));
}

TEST(views_of_a_workbook) {
    tsc::server s = t::connect();
    tsc::workbook wb = publish_superstore(s, "C++ Views");
    tsc::view_list views = s.workbooks().populate_views(wb, false);
    CHECK(views.size() > 0);
    std::size_t seen = 0;
    for (const auto &v : views) {
        seen++;
        CHECK(v.workbook_id() == wb.id());
        tsc::view one = s.views().get_by_id(std::string(v.id().value()), true);
        CHECK(one.name() == v.name());
    }
    CHECK(seen == views.size());
    auto all = s.views().get({}, false);
    CHECK(all.size() >= views.size());
    tsc::bytes png = s.views().populate_preview_image(views[0]);
    CHECK(png.len() > 8 && png.data()[1] == 'P');
    s.workbooks().delete_(std::string(wb.id().value()));
}

TEST(datasources_publish_get_update_download_delete) {
    tsc::server s = t::connect();
    tsc::datasource item = tsc::datasource::create("C++ Sales", t::default_project(s));
    tsc::datasource ds =
        s.datasources().publish(item, t::sample("Sales.tdsx"), tsc::publish_mode::create_new).datasource;
    std::string id(ds.id().value());
    CHECK(s.datasources().get_by_id(id).name() == std::optional<std::string>("C++ Sales"));
    CHECK(datasources_named(s, "C++ Sales") == 1);
    tsc::datasource change = ds;
    change.set_description("Orders").set_certified(true).set_certification_note("checked");
    tsc::datasource up = s.datasources().update(change);
    CHECK(up.certified() == std::optional<bool>(true));
    CHECK(up.description() == std::optional<std::string_view>("Orders"));
    std::string dir = t::temp_dir();
    auto path = s.datasources().download(id, dir);
    CHECK(path && t::read_file(*path) == t::read_file(t::sample("Sales.tdsx")));
    t::remove_dir(dir);
    for (auto c : s.datasources().populate_connections(ds)) CHECK(c.id().has_value());
    s.datasources().delete_(id);
    CHECK(datasources_named(s, "C++ Sales") == 0);
}

TEST(cancel_token_stops_a_transfer) {
    tsc::server s = t::connect();
    std::string dir = t::temp_dir();
    std::string big = dir + "/Big.hyper";
    t::write_hyper(big, 1024 * 1024 + 123);
    auto token = tsc::cancel_token::create();
    CHECK(token.is_cancelled() == 0);
    auto topts = tsc::transfer_options::create();
    topts.set_cancel_token(token).set_chunk_size(64 * 1024).set_single_request_limit(0);
    int calls = 0;
    topts.set_progress([&](std::uint64_t done, std::int64_t) {
        calls++;
        if (done >= 256 * 1024) token.cancel();
    });
    tsc::datasource item = tsc::datasource::create("C++ Cancelled", t::default_project(s));
    THROWS_TSC(tsc::status::cancelled, s.datasources().publish(item, big, tsc::publish_mode::create_new, {}, topts), {});
    CHECK(token.is_cancelled() == 1 && calls > 1);
    CHECK(datasources_named(s, "C++ Cancelled") == 0);
    // A cancelled token stops a download before anything is written.
    std::string out = t::temp_dir();
    tsc::workbook wb = publish_superstore(s, "C++ Cancel Download");
    THROWS_TSC(tsc::status::cancelled, s.workbooks().download(std::string(wb.id().value()), out, topts), {});
    CHECK(t::dir_entries(out) == 0);
    s.workbooks().delete_(std::string(wb.id().value()));
    t::remove_dir(out);
    t::remove_dir(dir);
}

TEST(callbacks_that_abort_or_throw) {
    tsc::server s = t::connect();
    tsc::workbook wb = publish_superstore(s, "C++ Callbacks");
    std::string id(wb.id().value());

    // A callback returning non-zero aborts with its code.
    auto abort_opts = tsc::transfer_options::create();
    abort_opts.set_progress([](std::uint64_t, std::int64_t) { return 42; });
    std::string dir = t::temp_dir();
    THROWS_TSC(tsc::status::aborted_by_callback, s.workbooks().download(id, dir, abort_opts),
               CHECK(e.callback_code() == 42));
    CHECK(t::dir_entries(dir) == 0);

    // A progress callback that throws: the download is aborted (no file), and the exception
    // itself comes back from the call, on this thread.
    auto throw_opts = tsc::transfer_options::create();
    int progress_calls = 0;
    throw_opts.set_progress([&](std::uint64_t, std::int64_t) {
        progress_calls++;
        throw boom();
    });
    bool caught = false;
    try {
        s.workbooks().download(id, dir, throw_opts);
    } catch (const boom &) {
        caught = true;
    }
    CHECK(caught && progress_calls == 1 && t::dir_entries(dir) == 0);

    // A write callback that throws: called once, then the transfer stops.
    int writes = 0;
    caught = false;
    try {
        s.workbooks().download_to_writer(id, [&](const std::uint8_t *, std::size_t) {
            writes++;
            throw std::logic_error("sink full");
        });
    } catch (const std::logic_error &e) {
        caught = std::string(e.what()) == "sink full";
    }
    CHECK(caught && writes == 1);

    // A read callback that throws while publishing: nothing is published.
    caught = false;
    tsc::workbook item = tsc::workbook::create("C++ Never", t::default_project(s));
    try {
        s.workbooks().publish_from_reader(item, "Never.twbx", 1000,
                                          [](std::uint8_t *, std::size_t, std::size_t *) { throw boom(); },
                                          tsc::publish_mode::create_new);
    } catch (const boom &) {
        caught = true;
    }
    CHECK(caught);
    auto o = tsc::request_options::create();
    o.add_filter("name", tsc::filter_op::eq, "C++ Never");
    CHECK(s.workbooks().get(o).size() == 0);

    // The server is still usable, and nothing is left pending: the next call succeeds.
    CHECK(s.workbooks().get_by_id(id).id() == std::optional<std::string>(id));
    s.workbooks().delete_(id);
    t::remove_dir(dir);
}

TEST(a_throwing_callback_is_an_abort_in_c) {
    // What the wrappers do underneath, checked at the C level: the trampoline catches the
    // exception (it never reaches native code), the library sees an abort and returns
    // TSC_STATUS_ABORTED_BY_CALLBACK, and the exception waits for the calling thread.
    tsc::server s = t::connect();
    tsc::workbook wb = publish_superstore(s, "C++ Trampoline");
    std::string id(wb.id().value());
    int calls = 0;
    tsc::write_fn w = [&](const std::uint8_t *, std::size_t) {
        calls++;
        throw boom();
    };
    tsc_error *err = nullptr;
    tsc_status st = tsc_workbooks_download_to_writer(s.c_handle(), id.c_str(), &tsccpp_write_fn_trampoline,
                                                     static_cast<void *>(&w), nullptr, &err);
    CHECK(st == TSC_STATUS_ABORTED_BY_CALLBACK && calls == 1);
    CHECK(err != nullptr && tsc_error_callback_code(err) == 1);
    tsc_error_free(err);
    bool rethrown = false;
    try {
        tsc::detail::rethrow_pending();
    } catch (const boom &) {
        rethrown = true;
    }
    CHECK(rethrown && !tsc::detail::pending());
    s.workbooks().delete_(id);
}
