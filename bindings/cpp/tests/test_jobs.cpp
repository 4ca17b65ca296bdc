// test_jobs.cpp: refresh a data source and wait for the job; a weekly schedule with intervals,
// a data source added to it (its extract refresh task: run now, waited on, deleted); an interval
// that does not fit the frequency refused; a subscription round trip; an Active Directory group
// imported as a job and a local one refused; a data source's Hyper data updated as a job, from
// C++.
#include "check.hpp"

TEST(refresh_wait_schedule_task) {
    tsc::server s = t::connect();
    tsc::datasource item = tsc::datasource::create("C++ Refreshed", t::default_project(s));
    tsc::datasource ds = s.datasources().publish(item, t::sample("Sales.tdsx"), tsc::publish_mode::overwrite).datasource;
    std::string id(ds.id().value());

    tsc::job job = s.datasources().refresh(id, false);
    CHECK(job.id().has_value());
    tsc::job done = s.jobs().wait_for_job(std::string(job.id().value()), 30000);
    CHECK(done.finish_code() == std::optional<std::int64_t>(0));
    CHECK(done.progress() == std::optional<std::int64_t>(100));

    tsc::schedule draft = tsc::schedule::create("C++ Weekly", "Extract", "Weekly", "06:00:00");
    draft.set_intervals("weekDay=Monday,weekDay=Friday");
    tsc::schedule sched = s.schedules().create(draft);
    std::string sid(sched.id().value());
    CHECK(sched.frequency() == std::optional<std::string>("Weekly"));
    CHECK(s.schedules().get_by_id(sid).intervals() == std::optional<std::string>("weekDay=Monday,weekDay=Friday"));
    s.schedules().add_datasource(sid, id);
    CHECK(s.schedules().get_extract_refresh_tasks(sid).size() == 1);
    tsc::schedule bad = tsc::schedule::create("C++ Bad", "Extract", "Weekly", "06:00:00");
    bad.set_intervals("hours=2");
    THROWS_TSC(tsc::status::bad_request, s.schedules().create(bad), (void)e);

    // The data source's refresh task: run now, waited on, deleted.
    std::string task_id;
    for (const auto &task : s.tasks().get()) {
        if (task.datasource_id() == ds.id()) task_id = std::string(task.id().value());
    }
    CHECK(!task_id.empty());
    tsc::job ran = s.tasks().run(task_id);
    CHECK(s.jobs().wait_for_job(std::string(ran.id().value()), 30000).finish_code() == std::optional<std::int64_t>(0));
    s.tasks().delete_(task_id);
    THROWS_TSC(tsc::status::not_found, s.tasks().get_by_id(task_id), (void)e);

    s.schedules().delete_(sid);
    THROWS_TSC(tsc::status::not_found, s.schedules().get_by_id(sid), (void)e);
    s.datasources().delete_(id);
}

TEST(subscription_round_trip) {
    tsc::server s = t::connect();
    tsc::schedule draft = tsc::schedule::create("C++ Mondays", "Subscription", "Weekly", "08:00:00");
    draft.set_intervals("weekDay=Monday");
    tsc::schedule sched = s.schedules().create(draft);
    std::string sid(sched.id().value());
    tsc::workbook wb = s.workbooks()
                           .publish(tsc::workbook::create("C++ Subscribed", t::default_project(s)),
                                    t::sample("Superstore.twbx"), tsc::publish_mode::overwrite, {}, {})
                           .workbook;
    std::string me = s.user_id().value();
    tsc::subscription item =
        tsc::subscription::create("Weekly numbers", sid, me, "Workbook", std::string(wb.id().value()));
    tsc::subscription sub = s.subscriptions().create(item);
    CHECK(sub.subject() == std::optional<std::string>("Weekly numbers"));
    CHECK(sub.content_id() == wb.id());
    tsc::subscription change = sub;
    change.set_subject("Monday numbers");
    CHECK(s.subscriptions().update(change).subject() == std::optional<std::string>("Monday numbers"));
    std::string sub_id(sub.id().value());
    CHECK(s.subscriptions().get_by_id(sub_id).subject() == std::optional<std::string>("Monday numbers"));
    s.subscriptions().delete_(sub_id);
    THROWS_TSC(tsc::status::not_found, s.subscriptions().get_by_id(sub_id), (void)e);
    s.schedules().delete_(sid);
    s.workbooks().delete_(std::string(wb.id().value()));
}

TEST(group_import_and_hyper_data_jobs) {
    tsc::server s = t::connect();
    CHECK(t::emulator_post("/_emulator/settings?activeDirectory=true") == 200);
    tsc::group ad = tsc::group::create("C++ AD group");
    ad.set_domain_name("example.com");
    ad.set_minimum_site_role("Viewer");
    tsc::job import = s.groups().create_as_job(ad);
    CHECK(import.job_type() == std::optional<std::string_view>("GroupImport"));
    CHECK(s.jobs().wait_for_job(std::string(import.id().value()), 30000).finish_code() == std::optional<std::int64_t>(0));
    CHECK(t::emulator_post("/_emulator/settings?activeDirectory=false") == 200);
    THROWS_TSC(tsc::status::invalid_argument, s.groups().update_as_job(tsc::group::create("C++ local")), (void)e);

    tsc::datasource item = tsc::datasource::create("C++ Hyper data", t::default_project(s));
    tsc::datasource ds = s.datasources().publish(item, t::sample("Extract.hyper"), tsc::publish_mode::overwrite).datasource;
    std::string id(ds.id().value());
    tsc::job update = s.datasources().update_hyper_data(id, "cpp-request-1", R"([{"action": "delete", "target-table": "Extract"}])");
    tsc::job done = s.jobs().wait_for_job(std::string(update.id().value()), 30000);
    CHECK(done.job_type() == std::optional<std::string_view>("UpdateHyperData"));
    CHECK(done.datasource_id() == ds.id());
    THROWS_TSC(tsc::status::invalid_argument, s.datasources().update_hyper_data(id, "", "[]"), (void)e);
    s.datasources().delete_(id);
}
