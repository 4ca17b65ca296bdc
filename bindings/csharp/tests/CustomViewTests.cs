// Custom views from C#: publish a definition (path and Stream), list (filtered, paged), get,
// update, exports with the saved filter, download byte-identical (memory, file, Stream), delete,
// 404048 afterwards, and a publish refused before any request.
using System;
using System.IO;
using System.Linq;
using System.Text;

namespace Tsc.Tests
{
    public static class CustomViewTests
    {
        public static void CustomViewRoundTrip()
        {
            using (var s = Fixture.SignedIn())
            {
                string me = s.UserId();
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Custom Views"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.Overwrite, null, null);
                byte[] def = Encoding.UTF8.GetBytes("{\"filters\":{\"Region\":\"South\"},\"from\":\"C#\"}");
                string dir = Path.Combine(Path.GetTempPath(), "tsc-cs-cv-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(dir);
                string path = Path.Combine(dir, "South.json");
                File.WriteAllBytes(path, def);

                CustomView cv, second;
                using (var ci = CustomView.Create("C# South"))
                {
                    ci.OwnerId = me;
                    ci.WorkbookId = wb.Id;
                    ci.Shared = true;
                    cv = s.CustomViews.Publish(ci, path);
                }
                Check.Equal("C# South", cv.Name, "published name");
                Check.Equal(true, cv.Shared, "shared");
                Check.Equal(wb.Id, cv.WorkbookId, "workbook");
                Check.Equal(me, cv.OwnerId, "owner");
                using (var ri = CustomView.Create("C# Reader"))
                using (var src = new MemoryStream(def))
                {
                    ri.OwnerId = me;
                    ri.WorkbookId = wb.Id;
                    second = s.CustomViews.PublishFromReader(ri, "reader.json", (ulong)def.Length, src);
                }
                Check.Equal(false, second.Shared, "not shared by default");

                using (var o = RequestOptions.Create())
                {
                    o.AddFilter("workbookId", FilterOp.Eq, wb.Id);
                    using (var list = s.CustomViews.Get(o))
                        Check.Equal(2, list.Count, "custom views of the workbook");
                    o.SetPageSize(1);
                    using (var pager = s.CustomViews.Pager(o, 0))
                        Check.Equal(2, pager.Count(), "the pager walks both");
                }

                using (var got = s.CustomViews.GetById(cv.Id))
                using (var changed = got.Clone())
                {
                    changed.Name = "C# Southern";
                    using (var updated = s.CustomViews.Update(changed))
                        Check.Equal("C# Southern", updated.Name, "updated name");
                }

                using (var png = s.CustomViews.PopulateImage(cv.Id))
                {
                    byte[] b = png.ToArray();
                    Check.True(b.Length > 8 && b[0] == 0x89 && b[1] == (byte)'P' && b[2] == (byte)'N' && b[3] == (byte)'G', "PNG");
                }
                using (var csv = s.CustomViews.PopulateCsv(cv.Id))
                {
                    string text = Encoding.UTF8.GetString(csv.ToArray());
                    Check.True(text.StartsWith("Region,Category,Sales\r\n"), "CSV header");
                    Check.Equal(4, text.TrimEnd().Split((char)10).Length, "three South rows and the header");
                    Check.True(!text.Contains("East,"), "the saved filter applies");
                }
                using (var pdf = s.CustomViews.PopulatePdf(cv.Id))
                    Check.True(Encoding.ASCII.GetString(pdf.ToArray()).Contains("Filter: Region = South"), "PDF names the filter");

                using (var d = s.CustomViews.Download(cv.Id))
                    Check.True(d.ToArray().SequenceEqual(def), "downloaded as published");
                string copy = Path.Combine(dir, "copy.json");
                s.CustomViews.DownloadToFile(second.Id, copy);
                Check.True(File.ReadAllBytes(copy).SequenceEqual(def), "downloaded into a file");
                using (var ms = new MemoryStream())
                {
                    s.CustomViews.DownloadToWriter(cv.Id, ms);
                    Check.True(ms.ToArray().SequenceEqual(def), "downloaded into a Stream");
                }

                s.CustomViews.Delete(cv.Id);
                s.CustomViews.Delete(second.Id);
                var e = Check.Fails(Status.NotFound, () => s.CustomViews.GetById(cv.Id).Dispose(), "deleted custom view");
                Check.Equal("404048", e.ServerCode, "Tableau's code for a missing custom view");
                using (var noOwner = CustomView.Create("C# No Owner"))
                {
                    noOwner.WorkbookId = wb.Id;
                    Check.Fails(Status.InvalidArgument, () => s.CustomViews.Publish(noOwner, path).Dispose(), "publish without owner");
                }
                cv.Dispose();
                second.Dispose();
                Directory.Delete(dir, true);
                s.Workbooks.Delete(wb.Id);
                wb.Dispose();
            }
        }
    }
}
