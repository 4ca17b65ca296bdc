// A view as an SVG image (REST API 3.29) from C#: an SVG document with one mark per row the view
// filters keep, and an unknown format refused.
using System.Text;
using System.Text.RegularExpressions;

namespace Tsc.Tests
{
    public static class SvgTests
    {
        public static void ViewAsSvg()
        {
            using (var s = Fixture.SignedIn())
            {
                Workbook wb;
                using (var item = Workbook.Create(Fixture.Unique("C# SVG"), Fixture.DefaultProjectId(s)))
                    wb = s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.Overwrite, null, null);
                string vid;
                using (var views = s.Workbooks.PopulateViews(wb, false))
                    vid = views[0].Id;
                using (var o = ExportOptions.Create())
                {
                    o.SetImageFormat("SVG");
                    o.AddViewFilter("Region", "Central");
                    using (var img = s.Views.PopulateImage(vid, o))
                    {
                        string svg = Encoding.UTF8.GetString(img.ToArray());
                        Check.True(svg.StartsWith("<?xml") && svg.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "an SVG document");
                        Check.Equal(3, Regex.Matches(svg, "class=\"mark\"").Count, "Central's three rows");
                    }
                    Check.Fails(Status.InvalidArgument, () => o.SetImageFormat("tiff"), "an unknown format");
                }
                s.Workbooks.Delete(wb.Id);
                wb.Dispose();
            }
        }
    }
}
