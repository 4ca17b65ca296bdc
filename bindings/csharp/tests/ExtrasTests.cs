// The content methods beyond the seed from C#: deleting a view; a workbook's data acceleration
// and freshness policy, with the views' acceleration status; many connections updated at once; projects with the
// sample workbooks; upload sessions.
using System;

namespace Tsc.Tests
{
    public static class ExtrasTests
    {
        public static void ViewsDeleteOneOfAWorkbook()
        {
            using (var s = Fixture.SignedIn())
            {
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Extras Views"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.Overwrite, null, null);
                using (wb)
                {
                    int before;
                    string gone;
                    using (var views = s.Workbooks.PopulateViews(wb, false))
                    {
                        before = views.Count;
                        gone = views[0].Id;
                    }
                    s.Views.Delete(gone);
                    using (var after = s.Workbooks.PopulateViews(wb, false))
                    {
                        Check.Equal(before - 1, after.Count, "one view fewer");
                        for (int i = 0; i < after.Count; i++)
                            Check.True(after[i].Id != gone, "the deleted view is not listed");
                    }
                    var e = Check.Fails(Status.NotFound, () => s.Views.Delete(gone), "deleted already");
                    Check.Equal("404011", e.ServerCode, "server code");
                    s.Workbooks.Delete(wb.Id);
                }
            }
        }
    
        public static void WorkbookAccelerationAndFreshness()
        {
            using (var s = Fixture.SignedIn())
            {
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Extras Acceleration"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.Overwrite, null, null);
                using (wb)
                using (var edit = wb.Clone())
                {
                    edit.DataAccelerationEnabled = true;
                    edit.DataFreshnessPolicy = "FreshAt";
                    edit.DataFreshnessAtFrequency = "Week";
                    edit.DataFreshnessAtTime = "07:15:00";
                    edit.DataFreshnessAtIntervals = "weekDay=Sunday";
                    using (var up = s.Workbooks.UpdateWithViewAccelerationStatus(edit))
                    {
                        Check.Equal("Pending", up.DataAccelerationStatus, "enabled, not yet accelerated");
                        using (var views = up.Views())
                            Check.Equal("Pending", views[0].DataAccelerationStatus, "the views' status");
                    }
                    using (var got = s.Workbooks.GetById(wb.Id))
                        Check.Equal("weekDay=Sunday", got.DataFreshnessAtIntervals, "intervals read back");
                    edit.DataFreshnessAtIntervals = "monthDay=2";
                    Check.Fails(Status.InvalidArgument, () => s.Workbooks.Update(edit).Dispose(), "intervals of another frequency");
                    s.Workbooks.Delete(wb.Id);
                }
            }
        }
    
        public static void UpdateConnectionsAtOnce()
        {
            using (var s = Fixture.SignedIn())
            {
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Extras Connections"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.Overwrite, null, null);
                using (wb)
                {
                    var ids = new System.Collections.Generic.List<string>();
                    using (var conns = s.Workbooks.PopulateConnections(wb))
                        for (int i = 0; i < conns.Count; i++) ids.Add(conns[i].Id);
                    using (var up = s.Workbooks.UpdateConnections(wb, ids, "username-password", "cs-svc", "pw", 1))
                    {
                        Check.Equal(ids.Count, up.Count, "every connection updated");
                        Check.Equal("cs-svc", up[0].Username, "user name");
                    }
                    var e = Check.Fails(Status.NotFound,
                        () => s.Workbooks.UpdateConnections(wb, new[] { "00000000-0000-0000-0000-000000000000" }, "oauth", null, null, -1).Dispose(),
                        "unknown connection");
                    Check.Equal("404020", e.ServerCode, "server code");
                    s.Workbooks.Delete(wb.Id);
                }
            }
        }
    
        public static void ProjectsWithSamplesAndFileUploads()
        {
            using (var s = Fixture.SignedIn())
            using (var item = Project.Create(Fixture.Unique("C# Extras Samples")))
            using (var p = s.Projects.CreateWithSamples(item))
            {
                using (var ro = RequestOptions.Create())
                {
                    ro.AddFilter("projectId", FilterOp.Eq, p.Id);
                    using (var wbs = s.Workbooks.Get(ro))
                        Check.Equal(2, wbs.Count, "the sample workbooks");
                }
                s.Projects.Delete(p.Id);
                string session = s.Fileuploads.Initiate();
                Check.True(!string.IsNullOrEmpty(session), "a session id");
                s.Fileuploads.Append(session, Fixture.Sample("Sales.tds"));
                var e = Check.Fails(Status.NotFound,
                    () => s.Fileuploads.Append("7720:00000000000000000000000000000000-1:0", Fixture.Sample("Sales.tds")),
                    "unknown session");
                Check.Equal("404015", e.ServerCode, "server code");
            }
        }
    }
}
