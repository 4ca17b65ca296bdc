// PagerWorkbooks.cs: the C# side of the bindings' pager benchmark (benches/run_bindings.sh),
// the same walk as benches/pager_workbooks.c: every workbook of the Default site through the
// binding's pager (pages of 1000, no read-ahead), each workbook's name read, RUNS times after
// one warm-up. Prints `csharp <items> <median ms> <peak RSS KiB>`.
//
// Usage: mono PagerWorkbooks.exe URL [RUNS]   (signs in as admin/admin on the Default site)
using System;
using System.Diagnostics;
using System.IO;
using Tsc;

static class PagerWorkbooks
{
    /// <summary>Lists every workbook once, reading each one's name; returns the number of items.</summary>
    static long ListAll(Server s)
    {
        long items = 0;
        using (var o = RequestOptions.Create())
        {
            o.SetPageSize(1000);
            using (var pager = s.Workbooks.Pager(o, 0))
            {
                // the pager as IEnumerable<Workbook>; pages are freed by the GC's finalizer thread.
                // Walking Pages() with `using (page)` frees each page here, as C does: then the
                // native page fetch is slower inside mono than in C (glibc grows and trims the
                // heap per page; MALLOC_TOP_PAD_=67108864 removes that); see bindings/csharp/README.md.
                foreach (var wb in pager)
                {
                    if (wb.Name != null) items++;
                }
            }
        }
        return items;
    }

    static long PeakRssKiB()
    {
        foreach (var line in File.ReadAllLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:"))
                return long.Parse(line.Substring(6).Trim().Split(' ')[0]);
        return -1;
    }

    static int Main(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: PagerWorkbooks.exe URL [RUNS]");
            return 2;
        }
        int runs = args.Length > 1 ? int.Parse(args[1]) : 7;
        if (runs < 1 || runs > 100) runs = 7;
        using (var opts = ServerOptions.Create(args[0]))
        using (var s = Server.Create(opts))
        {
            using (var c = Credentials.CreatePassword("admin", "admin", "")) s.Auth.SignIn(c);
            long items = ListAll(s); // warm-up (and JIT)
            var t = new double[runs];
            for (int r = 0; r < runs; r++)
            {
                var sw = Stopwatch.StartNew();
                items = ListAll(s);
                t[r] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(t);
            Console.WriteLine("csharp {0} {1:F1} {2}", items, t[runs / 2], PeakRssKiB());
            s.Auth.SignOut();
        }
        return 0;
    }
}
