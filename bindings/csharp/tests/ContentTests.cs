// Projects, workbooks (publish with progress, download with progress, streams), views and data
// sources against the emulator.
using System;
using System.Collections.Generic;
using System.IO;

namespace Tsc.Tests
{
    public static class ContentTests
    {
        public static void ProjectsCreateGetUpdateDelete()
        {
            using (var s = Fixture.SignedIn())
            {
                string name = Fixture.Unique("Finance");
                Project parent, child;
                using (var draft = Project.Create(name))
                {
                    draft.Description = "Budgets – “quoted”";
                    draft.ContentPermissions = "ManagedByOwner";
                    parent = s.Projects.Create(draft);
                }
                using (var draft = Project.Create(name + " Q1"))
                {
                    draft.ParentId = parent.Id;
                    child = s.Projects.Create(draft);
                }
                Check.Equal("Budgets – “quoted”", parent.Description, "description");
                Check.Equal(parent.Id, child.ParentId, "nested");
                using (var got = s.Projects.GetById(child.Id)) Check.Equal(name + " Q1", got.Name, "get by id");
                using (var change = child.Clone())
                {
                    change.Description = "First quarter";
                    using (var upd = s.Projects.Update(change)) Check.Equal("First quarter", upd.Description, "updated");
                }
                Check.True(child.Description != "First quarter", "the fetched item is a snapshot");
                s.Projects.Delete(parent.Id);
                Check.Fails(Status.NotFound, () => s.Projects.GetById(parent.Id).Dispose(), "deleted");
                parent.Dispose();
                child.Dispose();
            }
        }

        static Workbook Publish(Server s, string file, TransferOptions t)
        {
            using (var item = Workbook.Create(Fixture.Unique("Book"), Fixture.DefaultProjectId(s)))
            {
                item.ShowTabs = true;
                return s.Workbooks.Publish(item, Fixture.Sample(file), PublishMode.Overwrite, null, t);
            }
        }

        public static void WorkbookPublishAndDownloadWithProgress()
        {
            using (var s = Fixture.SignedIn())
            using (var t = TransferOptions.Create())
            {
                var calls = new List<long[]>();
                t.SetProgress((done, total) => calls.Add(new long[] { (long)done, total }));
                long size = new FileInfo(Fixture.Sample("Superstore.twbx")).Length;
                using (var wb = Publish(s, "Superstore.twbx", t))
                {
                    Check.True(calls.Count >= 2, "upload progress calls: " + calls.Count);
                    Check.Equal(0L, calls[0][0], "first progress call at 0");
                    Check.Equal(size, calls[calls.Count - 1][0], "last progress call at the file size");
                    Check.Equal((bool?)true, wb.ShowTabs, "show tabs");
                    Check.True(wb.Id.Length > 0, "id");

                    calls.Clear();
                    string dir = Fixture.TempDir();
                    string path = s.Workbooks.Download(wb.Id, dir, t);
                    Check.True(path.StartsWith(dir), "downloaded into the directory: " + path);
                    Check.True(path.EndsWith(".twbx"), "kept the extension: " + path);
                    Check.Equal(size, new FileInfo(path).Length, "downloaded size");
                    Check.True(calls.Count >= 2, "download progress calls");
                    Check.Equal(size, calls[calls.Count - 1][0], "download progress reached the size");

                    var ms = new MemoryStream();
                    s.Workbooks.DownloadToWriter(wb.Id, ms);
                    Check.Equal(size, ms.Length, "downloaded into a Stream");
                    Check.True(ms.ToArray()[0] == (byte)'P' && ms.ToArray()[1] == (byte)'K', "a zip");

                    string file = Path.Combine(dir, "copy ł.twbx");
                    string written = s.Workbooks.DownloadToFile(wb.Id, file);
                    Check.Equal(file, written, "download to a UTF-8 path");
                    Check.Equal(size, new FileInfo(file).Length, "file size");

                    // publish the bytes again from a Stream
                    using (var again = Workbook.Create(Fixture.Unique("FromStream"), wb.ProjectId))
                    using (var src = new MemoryStream(ms.ToArray()))
                    using (var wb2 = s.Workbooks.PublishFromReader(again, "again.twbx", (ulong)ms.Length, src, PublishMode.CreateNew))
                    {
                        Check.True(wb2.Id != wb.Id, "a second workbook");
                        s.Workbooks.Delete(wb2.Id);
                    }
                    Directory.Delete(dir, true);
                    s.Workbooks.Delete(wb.Id);
                }
            }
        }

        public static void WorkbookUpdateAndTags()
        {
            using (var s = Fixture.SignedIn())
            using (var wb = Publish(s, "Regional.twb", null))
            {
                using (var change = wb.Clone())
                {
                    change.Description = "Regional numbers";
                    using (var upd = s.Workbooks.Update(change)) Check.Equal("Regional numbers", upd.Description, "updated");
                }
                using (var got = s.Workbooks.GetById(wb.Id))
                {
                    Check.Equal("Regional numbers", got.Description, "fetched again");
                    Check.True(got.Tags != null, "tags readable");
                }
                using (var conns = s.Workbooks.PopulateConnections(wb))
                {
                    Check.True(conns.Count > 0, "connections");
                    Check.True(!string.IsNullOrEmpty(conns[0].ServerAddress), "connection server");
                }
                s.Workbooks.Delete(wb.Id);
                Check.Fails(Status.NotFound, () => s.Workbooks.GetById(wb.Id).Dispose(), "deleted");
            }
        }

        public static void Views()
        {
            using (var s = Fixture.SignedIn())
            using (var wb = Publish(s, "Superstore.twbx", null))
            {
                var names = new List<string>();
                string id = null;
                using (var views = s.Workbooks.PopulateViews(wb, false))
                {
                    foreach (var v in views)
                    {
                        names.Add(v.Name);
                        Check.Equal(wb.Id, v.WorkbookId, "view of the workbook");
                        id = v.Id;
                    }
                }
                Check.True(names.Contains("Sales by Region"), "views: " + string.Join(", ", names));
                using (var v = s.Views.GetById(id, true))
                {
                    Check.Equal(id, v.Id, "view by id");
                    Check.True(v.TotalViews.HasValue, "usage statistics");
                }
                using (var png = s.Views.PopulatePreviewImage(s.Views.GetById(id, false)))
                {
                    byte[] b = png.ToArray();
                    Check.Equal(png.Len, (long)b.Length, "length");
                    Check.True(b.Length > 8 && b[1] == (byte)'P' && b[2] == (byte)'N' && b[3] == (byte)'G', "a PNG");
                }
                using (var all = s.Views.Get(null, false)) Check.True(all.Count >= names.Count, "views listed");
                s.Workbooks.Delete(wb.Id);
            }
        }

        public static void DataSources()
        {
            using (var s = Fixture.SignedIn())
            {
                string name = Fixture.Unique("Sales");
                Datasource ds;
                using (var item = Datasource.Create(name, Fixture.DefaultProjectId(s)))
                    ds = s.Datasources.Publish(item, Fixture.Sample("Sales.tdsx"), PublishMode.CreateNew);
                using (ds)
                {
                    Check.Equal(name, ds.Name, "published name");
                    using (var got = s.Datasources.GetById(ds.Id)) Check.Equal(name, got.Name, "by id");
                    using (var change = ds.Clone())
                    {
                        change.Certified = true;
                        change.CertificationNote = "checked ✓";
                        using (var upd = s.Datasources.Update(change))
                        {
                            Check.Equal((bool?)true, upd.Certified, "certified");
                            Check.Equal("checked ✓", upd.CertificationNote, "note");
                        }
                    }
                    using (var conns = s.Datasources.PopulateConnections(ds)) Check.True(conns.Count > 0, "connections");
                    var ms = new MemoryStream();
                    s.Datasources.DownloadToWriter(ds.Id, ms);
                    Check.Equal(new FileInfo(Fixture.Sample("Sales.tdsx")).Length, ms.Length, "download size");
                    using (var opts = RequestOptions.Create())
                    {
                        opts.AddFilter("name", FilterOp.Eq, name);
                        using (var l = s.Datasources.Get(opts))
                        {
                            Check.Equal(1, l.Count, "filtered by the UTF-8 name");
                            Check.Equal(ds.Id, l[0].Id, "the one");
                        }
                    }
                    s.Datasources.Delete(ds.Id);
                    Check.Fails(Status.NotFound, () => s.Datasources.GetById(ds.Id).Dispose(), "deleted");
                }
            }
        }
    }
}
