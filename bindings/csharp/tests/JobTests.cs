// Refresh a data source and wait for the job; a weekly schedule with intervals, a data source
// added to it (its task run now, waited on, deleted), an interval that does not fit the
// frequency refused; a subscription round trip; an Active Directory group imported as a job and
// a local one refused; a data source's Hyper data updated as a job, from C#.
namespace Tsc.Tests
{
    public static class JobTests
    {
        public static void SubscriptionRoundTrip()
        {
            using (var s = Fixture.SignedIn())
            {
                Schedule sched;
                using (var draft = Schedule.Create(Fixture.Unique("C# Mondays"), "Subscription", "Weekly", "08:00:00"))
                {
                    draft.Intervals = "weekDay=Monday";
                    sched = s.Schedules.Create(draft);
                }
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Subscribed"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.Overwrite, null, null);
                Subscription sub;
                using (var item = Subscription.Create("Weekly numbers", sched.Id, s.UserId(), "Workbook", wb.Id))
                    sub = s.Subscriptions.Create(item);
                Check.Equal(wb.Id, sub.ContentId, "content");
                using (var change = sub.Clone())
                {
                    change.Subject = "Monday numbers";
                    using (var upd = s.Subscriptions.Update(change))
                        Check.Equal("Monday numbers", upd.Subject, "updated subject");
                }
                using (var got = s.Subscriptions.GetById(sub.Id))
                    Check.Equal("Monday numbers", got.Subject, "read back");
                s.Subscriptions.Delete(sub.Id);
                Check.Fails(Status.NotFound, () => s.Subscriptions.GetById(sub.Id).Dispose(), "deleted");
                s.Schedules.Delete(sched.Id);
                s.Workbooks.Delete(wb.Id);
                sub.Dispose();
                sched.Dispose();
                wb.Dispose();
            }
        }

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
                string taskId = null;
                using (var all = s.Tasks.Get())
                    foreach (var t in all)
                        if (t.DatasourceId == ds.Id) taskId = t.Id;
                Check.True(taskId != null, "the task is listed");
                using (var ran = s.Tasks.Run(taskId))
                using (var done = s.Jobs.WaitForJob(ran.Id, 30000))
                    Check.Equal(0L, done.FinishCode, "the task's run");
                s.Tasks.Delete(taskId);
                Check.Fails(Status.NotFound, () => s.Tasks.GetById(taskId).Dispose(), "deleted task");
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

        /// <summary>POSTs to one of the emulator's /_emulator/ control endpoints.</summary>
        static void Emulator(string pathAndQuery)
        {
            var req = (System.Net.HttpWebRequest)System.Net.WebRequest.Create(Fixture.Url + pathAndQuery);
            req.Method = "POST";
            req.ContentLength = 0;
            using (var resp = (System.Net.HttpWebResponse)req.GetResponse())
                Check.Equal(200, (int)resp.StatusCode, "POST " + pathAndQuery);
        }

        public static void GroupImportAndHyperDataJobs()
        {
            using (var s = Fixture.SignedIn())
            {
                Emulator("/_emulator/settings?activeDirectory=true");
                try
                {
                    using (var ad = Group.Create(Fixture.Unique("C# AD")))
                    {
                        ad.DomainName = "example.com";
                        ad.MinimumSiteRole = "Viewer";
                        using (var job = s.Groups.CreateAsJob(ad))
                        {
                            Check.Equal("GroupImport", job.JobType, "job type");
                            using (var done = s.Jobs.WaitForJob(job.Id, 30000))
                                Check.Equal(0L, done.FinishCode, "import finished");
                        }
                    }
                }
                finally
                {
                    Emulator("/_emulator/settings?activeDirectory=false");
                }
                using (var local = Group.Create(Fixture.Unique("C# local")))
                    Check.Fails(Status.InvalidArgument, () => s.Groups.UpdateAsJob(local).Dispose(), "a local group");

                Datasource ds;
                using (var item = Datasource.Create(Fixture.Unique("C# Hyper data"), Fixture.DefaultProjectId(s)))
                    ds = s.Datasources.Publish(item, Fixture.Sample("Extract.hyper"), PublishMode.CreateNew);
                using (var job = s.Datasources.UpdateHyperData(ds.Id, Fixture.Unique("request"), "[{\"action\": \"delete\", \"target-table\": \"Extract\"}]"))
                using (var done = s.Jobs.WaitForJob(job.Id, 30000))
                {
                    Check.Equal("UpdateHyperData", done.JobType, "job type");
                    Check.Equal(ds.Id, done.DatasourceId, "its data source");
                }
                Check.Fails(Status.InvalidArgument, () => s.Datasources.UpdateHyperData(ds.Id, "req", "not json").Dispose(), "actions not an array");
                s.Datasources.Delete(ds.Id);
                ds.Dispose();
            }
        }
    }
}
