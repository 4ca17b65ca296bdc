// A view as PNG, CSV and PDF, and a workbook as a PDF into a stream, from C#.
using System;
using System.IO;
using System.Text;

namespace Tsc.Tests
{
    public static class ExportTests
    {
        public static void ViewAndWorkbookExports()
        {
            using (var s = Fixture.SignedIn())
            {
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# Exports"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.Overwrite, null, null);
                string vid;
                using (var views = s.Workbooks.PopulateViews(wb, false))
                    vid = views[0].Id;
                using (var o = ExportOptions.Create())
                {
                    o.SetHighResolution(true);
                    using (var png = s.Views.PopulateImage(vid, o))
                    {
                        byte[] b = png.ToArray();
                        Check.True(b.Length > 24 && b[1] == (byte)'P' && b[2] == (byte)'N' && b[3] == (byte)'G', "PNG");
                        Check.Equal(1600, (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19], "high resolution width");
                    }
                    o.AddViewFilter("Region", "South");
                    using (var csv = s.Views.PopulateCsv(vid, o))
                    {
                        string text = Encoding.UTF8.GetString(csv.ToArray());
                        Check.True(text.StartsWith("Region,Category,Sales\r\n"), "CSV header");
                        Check.Equal(4, text.TrimEnd().Split((char)10).Length, "three South rows and the header");
                    }
                    o.SetPageType("A5");
                    using (var pdf = s.Views.PopulatePdf(vid, o))
                        Check.True(Encoding.ASCII.GetString(pdf.ToArray()).Contains("/MediaBox [0 0 420 595]"), "A5 PDF");
                    Check.Fails(Status.InvalidArgument, () => o.SetPageType("Poster"), "unknown page type");
                }
                using (var ms = new MemoryStream())
                {
                    s.Workbooks.PopulatePdfToWriter(wb.Id, null, ms);
                    string head = Encoding.ASCII.GetString(ms.ToArray(), 0, 5);
                    Check.Equal("%PDF-", head, "workbook PDF streamed");
                }
                Check.Fails(Status.NotFound, () => s.Views.PopulateCsv("00000000-0000-4000-8000-000000000000").Dispose(), "unknown view");
                s.Workbooks.Delete(wb.Id);
                wb.Dispose();
            }
        }
    }
}
