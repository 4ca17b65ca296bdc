// A workbook's tags from C#: add (the answer is a StringList), an item's tag changes sent by
// UpdateTags and Update (a tag someone else added meanwhile is kept), delete, and the errors;
// tags of a workbook and a data source at once (BatchAdd, BatchDelete); a view's tags sent by
// Views.Update.
using System;
using System.Linq;

namespace Tsc.Tests
{
    public static class TagTests
    {
        static string Sorted(Server s, string id)
        {
            using (var w = s.Workbooks.GetById(id))
                return string.Join(",", w.Tags.OrderBy(t => t, StringComparer.Ordinal));
        }

        public static void WorkbookTagsAddSyncDelete()
        {
            using (var s = Fixture.SignedIn())
            {
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Tags"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.Overwrite, null, null);
                string id = wb.Id;
                using (var added = s.Workbooks.AddTags(id, new[] { "red", "blue" }))
                    Check.Equal(2, added.Count, "add answers the tags");
                Check.Equal("blue,red", Sorted(s, id), "added");

                using (var fetched = s.Workbooks.GetById(id))
                using (var edit = fetched.Clone())
                {
                    edit.RemoveTag("red");
                    edit.AddTag("green");
                    s.Workbooks.AddTags(id, new[] { "other" }).Dispose();
                    using (var synced = s.Workbooks.UpdateTags(edit))
                    {
                        Check.Equal("blue,green,other", Sorted(s, id), "synced");
                        using (var again = synced.Clone())
                        {
                            again.ClearTags();
                            again.Name = Fixture.Unique("C# Tags renamed");
                            using (var up = s.Workbooks.Update(again))
                                Check.Equal(again.Name, up.Name, "renamed");
                        }
                    }
                }
                Check.Equal("other", Sorted(s, id), "only the item's own tags removed");
                s.Workbooks.DeleteTags(id, new[] { "other" });
                Check.Equal("", Sorted(s, id), "deleted");
                var e = Check.Fails(Status.NotFound, () => s.Workbooks.DeleteTags(id, new[] { "other" }), "absent tag");
                Check.Equal("404007", e.ServerCode, "server code");
                Check.Fails(Status.InvalidArgument, () => s.Workbooks.AddTags(id, new string[0]).Dispose(), "no labels");
                s.Workbooks.Delete(id);
                wb.Dispose();
            }
        }

        public static void TagsOfSeveralItemsAtOnce()
        {
            using (var s = Fixture.SignedIn())
            {
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Batch"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.Overwrite, null, null);
                Datasource ds;
                using (var item = Datasource.Create(Fixture.Unique("C# Batch source"), Fixture.DefaultProjectId(s)))
                    ds = s.Datasources.Publish(item, Fixture.Sample("Sales.tds"), PublishMode.CreateNew);
                using (var targets = TagTargets.Create())
                {
                    targets.Add("Workbook", wb.Id);
                    targets.Add("Datasource", ds.Id);
                    Check.Fails(Status.InvalidArgument, () => targets.Add("Spreadsheet", wb.Id), "an unknown content type");
                    using (var added = s.Tags.BatchAdd(new[] { "cs-a", "cs-b" }, targets))
                        Check.Equal(2, added.Count, "batch add answers the labels");
                    Check.Equal("cs-a,cs-b", Sorted(s, wb.Id), "workbook tagged");
                    using (var got = s.Datasources.GetById(ds.Id))
                        Check.Equal(2, got.Tags.Count(), "data source tagged");
                    using (var bad = TagTargets.Create())
                    {
                        bad.Add("Workbook", wb.Id);
                        bad.Add("Datasource", "00000000-0000-0000-0000-000000000000");
                        Check.Fails(Status.NotFound, () => s.Tags.BatchAdd(new[] { "never" }, bad).Dispose(), "an unknown item");
                    }
                    Check.Equal("cs-a,cs-b", Sorted(s, wb.Id), "a refused batch changes nothing");
                    // A view's own tag changes, sent by Views.Update (only a view's tags change).
                    string vid;
                    using (var views = s.Workbooks.PopulateViews(wb, false))
                        vid = views[0].Id;
                    using (var fetched = s.Views.GetById(vid, false))
                    using (var edit = fetched.Clone())
                    {
                        edit.AddTag("cs-view");
                        s.Views.Update(edit).Dispose();
                    }
                    using (var again = s.Views.GetById(vid, false))
                        Check.Equal("cs-view", string.Join(",", again.Tags), "the view's tags after Update");
                    s.Tags.BatchDelete(new[] { "cs-a" }, targets).Dispose();
                    Check.Equal("cs-b", Sorted(s, wb.Id), "batch delete");
                }
                s.Workbooks.Delete(wb.Id);
                s.Datasources.Delete(ds.Id);
                wb.Dispose();
                ds.Dispose();
            }
        }
    }
}
