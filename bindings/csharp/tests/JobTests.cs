// Refresh a data source and wait for the job; a weekly schedule with intervals, a data source
// added to it, an interval that does not fit the frequency refused, from C#.
namespace Tsc.Tests
{
    public static class JobTests
    {
        public static void RefreshWaitAndSchedule()
        {
            using (var s = Fixture.SignedIn())
            {
                Datasource ds;
                using (var item = Datasource.Create(Fixture.Unique("C# Refreshed"), Fixture.DefaultProjectId(s)))
                    ds = s.Datasources.Publish(item, Fixture.Sample("Sales.tdsx"), PublishMode.CreateNew);
                using (var job = s.Datasources.Refresh(ds.Id, false))
                using (var done = s.Jobs.WaitForJob(job.Id, 30000))
                {
                    Check.Equal(0L, done.FinishCode, "finish code");
                    Check.Equal(100L, done.Progress, "progress");
                }
                Schedule sched;
                using (var draft = Schedule.Create(Fixture.Unique("C# Weekly"), "Extract", "Weekly", "06:00:00"))
                {
                    draft.Intervals = "weekDay=Tuesday";
                    sched = s.Schedules.Create(draft);
                }
                Check.Equal("Weekly", sched.Frequency, "frequency");
                s.Schedules.AddDatasource(sched.Id, ds.Id);
                using (var tasks = s.Schedules.GetExtractRefreshTasks(sched.Id))
                    Check.Equal(1, tasks.Count, "the data source's refresh task");
                using (var bad = Schedule.Create(Fixture.Unique("C# Bad"), "Extract", "Weekly", "06:00:00"))
                {
                    bad.Intervals = "hours=2";
                    Check.Fails(Status.BadRequest, () => s.Schedules.Create(bad).Dispose(), "hours on a weekly schedule");
                }
                s.Schedules.Delete(sched.Id);
                Check.Fails(Status.NotFound, () => s.Schedules.GetById(sched.Id).Dispose(), "deleted schedule");
                sched.Dispose();
                s.Datasources.Delete(ds.Id);
                ds.Dispose();
            }
        }
    }
}
