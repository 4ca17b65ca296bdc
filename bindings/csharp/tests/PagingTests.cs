// Pagers walking every page, and request options: filter, sort, page size, page number.
using System;
using System.Collections.Generic;
using System.Net;

namespace Tsc.Tests
{
    public static class PagingTests
    {
        /// <summary>A parent project with <paramref name="count"/> children made by the emulator.</summary>
        static Project Parent(Server s, int count)
        {
            Project parent;
            using (var d = Project.Create(Fixture.Unique("Pages"))) parent = s.Projects.Create(d);
            using (var wc = new WebClient())
                wc.UploadString(Fixture.Url + "/_emulator/bulk/projects?site=&count=" + count + "&prefix=p&parent=" + parent.Id, "POST", "");
            return parent;
        }

        static RequestOptions Children(Project parent, int pageSize)
        {
            var o = RequestOptions.Create();
            o.AddFilter("parentProjectId", FilterOp.Eq, parent.Id);
            o.SetPageSize(pageSize);
            return o;
        }

        public static void PagerWalksEveryPage()
        {
            using (var s = Fixture.SignedIn())
            using (var parent = Parent(s, 25))
            using (var o = Children(parent, 10))
            {
                var ids = new HashSet<string>();
                int pages = 0;
                using (var pager = s.Projects.Pager(o, 0))
                {
                    foreach (var page in pager.Pages())
                    {
                        using (page)
                        {
                            pages++;
                            Check.Equal(25L, page.TotalAvailable, "total available");
                            Check.Equal((long)pages, page.PageNumber, "page number");
                            foreach (var p in page) Check.True(ids.Add(p.Id), "each item once");
                        }
                    }
                    Check.Equal(25L, pager.TotalAvailable, "pager total");
                }
                Check.Equal(3, pages, "pages of 10");
                Check.Equal(25, ids.Count, "every item");

                // IEnumerable<Project> over the same listing, with read-ahead; items outlive their page
                var kept = new List<Project>();
                using (var pager = s.Projects.Pager(o, 2)) foreach (var p in pager) kept.Add(p);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Check.Equal(25, kept.Count, "every item through IEnumerable");
                foreach (var p in kept) Check.True(ids.Contains(p.Id) && p.Name.StartsWith("p"), "item readable after its page");
                foreach (var p in kept) p.Dispose();
                s.Projects.Delete(parent.Id);
            }
        }

        public static void SortFilterPageSizeAndNumber()
        {
            using (var s = Fixture.SignedIn())
            using (var parent = Parent(s, 12))
            using (var o = Children(parent, 5))
            {
                o.AddSort("name", SortDirection.Desc);
                o.SetPageNumber(2);
                using (var l = s.Projects.Get(o))
                {
                    Check.Equal(5, l.Count, "page size 5");
                    Check.Equal(2L, l.PageNumber, "page 2");
                    Check.Equal(12L, l.TotalAvailable, "12 children");
                    for (int i = 1; i < l.Count; i++)
                        Check.True(string.CompareOrdinal(l[i - 1].Name, l[i].Name) > 0, "descending: " + l[i - 1].Name + " > " + l[i].Name);
                }
                using (var all = Children(parent, 100))
                {
                    all.AddSort("name", SortDirection.Asc);
                    using (var l = s.Projects.Get(all))
                    {
                        Check.Equal(12, l.Count, "all children on one page");
                        Check.True(string.CompareOrdinal(l[0].Name, l[11].Name) < 0, "ascending");
                        string first = l[0].Name, second = l[1].Name;
                        using (var inOpts = RequestOptions.Create())
                        {
                            inOpts.AddFilterIn("name", new[] { first, second });
                            inOpts.AddFilter("parentProjectId", FilterOp.Eq, parent.Id);
                            using (var two = s.Projects.Get(inOpts)) Check.Equal(2, two.Count, "filter in");
                        }
                    }
                }
                using (var bad = RequestOptions.Create())
                    Check.Fails(Status.InvalidArgument, () => bad.SetPageSize(100000), "page size above the maximum");
                s.Projects.Delete(parent.Id);
            }
        }
    }
}
