// Revisions of a workbook and a data source (each publish over them adds one, each downloads
// byte-identical to what was published then, a removed one is listed as removed and gone, the
// current one cannot be removed), and a workbook as a PowerPoint presentation, from C#.
using System;
using System.IO;
using System.Linq;
using System.Text;

namespace Tsc.Tests
{
    public static class RevisionTests
    {
        public static void WorkbookAndDatasourceRevisions()
        {
            using (var s = Fixture.SignedIn())
            {
                string[] files = { Fixture.Sample("Superstore.twbx"), Fixture.Sample("Regional.twb") };
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Revisions"), Fixture.DefaultProjectId(s)))
                {
                    wb = s.Workbooks.Publish(item, files[0], PublishMode.CreateNew);
                    s.Workbooks.Publish(item, files[1], PublishMode.Overwrite).Dispose();
                }
                using (var revs = s.Workbooks.PopulateRevisions(wb))
                {
                    Check.Equal(2, revs.Count, "two revisions");
                    for (int i = 0; i < 2; i++)
                    {
                        Check.Equal((long?)(i + 1), revs[i].RevisionNumber, "numbered from 1");
                        Check.Equal((bool?)(i == 1), revs[i].Current, "only the last is current");
                        Check.Equal("admin", revs[i].UserName, "publisher");
                        using (var ms = new MemoryStream())
                        {
                            s.Workbooks.DownloadRevisionToWriter(wb.Id, (uint)(i + 1), ms);
                            Check.True(ms.ToArray().SequenceEqual(File.ReadAllBytes(files[i])), "revision " + (i + 1) + " is the file published then");
                        }
                    }
                }
                var e = Check.Fails(Status.Forbidden, () => s.Workbooks.DeleteRevision(wb.Id, 2), "the current revision stays");
                Check.Equal("403003", e.ServerCode, "Tableau's code");
                s.Workbooks.DeleteRevision(wb.Id, 1);
                using (var revs = s.Workbooks.PopulateRevisions(wb))
                    Check.Equal((bool?)true, revs[0].Deleted, "listed as removed");
                string dir = Fixture.TempDir();
                Check.Fails(Status.NotFound, () => s.Workbooks.DownloadRevision(wb.Id, 1, dir), "a removed revision is gone");
                Check.Fails(Status.InvalidArgument, () => s.Workbooks.DeleteRevision(wb.Id, 0), "revision 0");
                s.Workbooks.Delete(wb.Id);
                wb.Dispose();

                Datasource ds;
                using (var item = Datasource.Create(Fixture.Unique("C# Revised Source"), Fixture.DefaultProjectId(s)))
                {
                    ds = s.Datasources.Publish(item, Fixture.Sample("Sales.tds"), PublishMode.CreateNew);
                    s.Datasources.Publish(item, Fixture.Sample("Sales.tdsx"), PublishMode.Overwrite).Dispose();
                }
                string path = s.Datasources.DownloadRevisionToFile(ds.Id, 1, Path.Combine(dir, "one.tds"));
                Check.True(File.ReadAllBytes(path).SequenceEqual(File.ReadAllBytes(Fixture.Sample("Sales.tds"))), "data source revision 1");
                s.Datasources.DeleteRevision(ds.Id, 1);
                Check.Fails(Status.NotFound, () => s.Datasources.DeleteRevision(ds.Id, 1), "removed twice");
                s.Datasources.Delete(ds.Id);
                ds.Dispose();
                Directory.Delete(dir, true);
            }
        }

        public static void WorkbookAsPowerpoint()
        {
            using (var s = Fixture.SignedIn())
            {
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Slides"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.CreateNew);
                int views;
                using (var list = s.Workbooks.PopulateViews(wb, false))
                    views = list.Count;
                using (var o = ExportOptions.Create())
                {
                    o.SetMaxAge(5);
                    using (var deck = s.Workbooks.PopulatePowerpoint(wb.Id, o))
                    {
                        byte[] b = deck.ToArray();
                        string text = Encoding.GetEncoding("ISO-8859-1").GetString(b);
                        Check.True(text.StartsWith("PK\u0003\u0004"), "a zip");
                        Check.True(text.Contains("ppt/presentation.xml") && text.Contains("[Content_Types].xml"), "OOXML parts");
                        Check.True(text.Contains("ppt/slides/slide" + views + ".xml") && !text.Contains("ppt/slides/slide" + (views + 1) + ".xml"), "a slide per view");
                        Check.True(text.Contains("<a:t>Sales by Region</a:t>"), "slides titled with their views");
                    }
                }
                s.Workbooks.Delete(wb.Id);
                wb.Dispose();
            }
        }
    }
}
