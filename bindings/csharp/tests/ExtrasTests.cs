// The content methods beyond the seed from C#: deleting a view.
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
    }
}
