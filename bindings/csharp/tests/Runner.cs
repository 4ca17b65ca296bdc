// The binding's test runner: runs every public static void method of the test classes named
// in Main, each against the emulator at TSC_TEST_URL, and prints `N passed, N failed` last
// (the line tests/binding_csharp.rs checks). No NUnit: plain mcs + mono.
using System;
using System.Collections.Generic;
using System.Reflection;

namespace Tsc.Tests
{
    /// <summary>Thrown by a failed check.</summary>
    public class CheckFailed : Exception
    {
        public CheckFailed(string m) : base(m) { }
    }

    /// <summary>Assertions.</summary>
    public static class Check
    {
        public static void True(bool c, string what)
        {
            if (!c) throw new CheckFailed(what);
        }

        public static void Equal<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
                throw new CheckFailed(what + ": expected <" + expected + ">, got <" + actual + ">");
        }

        /// <summary>Runs <paramref name="a"/>, which must throw a TscException; returns it.</summary>
        public static TscException Fails(Status status, Action a, string what)
        {
            try
            {
                a();
            }
            catch (TscException e)
            {
                if (e.Status != status)
                    throw new CheckFailed(what + ": expected " + status + ", got " + e.Status + ": " + e.Message);
                return e;
            }
            throw new CheckFailed(what + ": expected " + status + ", but it succeeded");
        }
    }

    public static class Runner
    {
        public static int Main(string[] args)
        {
            var classes = new Type[] {
                typeof(BasicsTests), typeof(ContentTests), typeof(PeopleTests),
                typeof(PagingTests), typeof(ErrorTests), typeof(CallbackTests),
                typeof(RetainedTests), typeof(TagTests), typeof(PermissionsTests), typeof(ExportTests), typeof(SvgTests), typeof(JobTests), typeof(CustomViewTests),
                typeof(RevisionTests), typeof(ExtrasTests),
            };
            int passed = 0, failed = 0;
            string only = args.Length > 0 ? args[0] : null;
            foreach (var t in classes)
            {
                foreach (var m in t.GetMethods(BindingFlags.Public | BindingFlags.Static))
                {
                    if (m.ReturnType != typeof(void) || m.GetParameters().Length != 0) continue;
                    string name = t.Name + "." + m.Name;
                    if (only != null && !name.Contains(only)) continue;
                    var t0 = DateTime.UtcNow;
                    try
                    {
                        m.Invoke(null, null);
                        passed++;
                        Console.WriteLine("ok   " + name + " (" + (int)(DateTime.UtcNow - t0).TotalMilliseconds + " ms)");
                    }
                    catch (TargetInvocationException e)
                    {
                        failed++;
                        Console.WriteLine("FAIL " + name + ": " + e.InnerException);
                    }
                }
            }
            // finalizers of everything left must run cleanly too
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Console.WriteLine(passed + " passed, " + failed + " failed");
            return failed == 0 && passed > 0 ? 0 : 1;
        }
    }
}
