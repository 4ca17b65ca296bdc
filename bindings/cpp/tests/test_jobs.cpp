// test_jobs.cpp: refresh a data source and wait for the job; a weekly schedule with intervals,
// a data source added to it (its extract refresh task), run now and waited on; a duplicate
// refresh as the server's 409093 conflict, from C++.
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

    s.schedules().delete_(sid);
    THROWS_TSC(tsc::status::not_found, s.schedules().get_by_id(sid), (void)e);
    s.datasources().delete_(id);
}
