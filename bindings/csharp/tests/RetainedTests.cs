// The retained callbacks: a log callback kept by every server made from the options (after the
// options are disposed and collected; called from pager read-ahead threads too), and a JWT
// source kept by the server after the credentials are disposed, called again when the session
// expired; a throwing source aborts the sign-in.
using System;
using System.Collections.Generic;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Tsc.Tests
{
    public static class RetainedTests
    {
        class Sink
        {
            public readonly List<string> Lines = new List<string>();
            public readonly HashSet<int> Threads = new HashSet<int>();

            public void Log(LogLevel level, string line)
            {
                lock (this)
                {
                    Lines.Add(line);
                    Threads.Add(Thread.CurrentThread.ManagedThreadId);
                }
            }

            public bool Has(string part)
            {
                lock (this) return Lines.Exists(l => l.Contains(part));
            }
        }

        static void Collect()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        // no inlining: nothing of the options stays on the caller's stack
        [MethodImpl(MethodImplOptions.NoInlining)]
        static Server LoggingServer(Sink sink)
        {
            var opts = ServerOptions.Create(Fixture.Url);
            opts.SetLog(LogLevel.Debug, (level, line) => sink.Log(level, line));
            var s = Server.Create(opts);
            opts.Dispose();
            return s;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        static Server LoggingServerUndisposed(Sink sink)
        {
            var opts = ServerOptions.Create(Fixture.Url);
            opts.SetLog(LogLevel.Debug, sink.Log);
            return Server.Create(opts);  // the options are left to the finalizer
        }

        static void SignIn(Server s)
        {
            using (var c = Credentials.CreatePassword("admin", "admin", "")) s.Auth.SignIn(c);
        }

        public static void LogCallbackOutlivesTheOptions()
        {
            var sink = new Sink();
            using (var s = LoggingServer(sink))
            {
                Collect();
                SignIn(s);
                using (s.Projects.Get(null)) { }
                Check.True(sink.Has("-> 200"), "a line with -> 200");
            }
            var sink2 = new Sink();
            using (var s = LoggingServerUndisposed(sink2))
            {
                Collect();
                SignIn(s);
                using (s.Projects.Get(null)) { }
                Check.True(sink2.Has("-> 200"), "a line with -> 200 after the options were finalized");
            }
            // a throwing log callback is swallowed: the calls succeed
            using (var opts = ServerOptions.Create(Fixture.Url))
            {
                opts.SetLog(LogLevel.Debug, (level, line) => { throw new InvalidOperationException("log"); });
                using (var s = Server.Create(opts))
                {
                    SignIn(s);
                    using (s.Projects.Get(null)) { }
                }
            }
        }

        public static void LogCallbackFromSeveralThreads()
        {
            var sink = new Sink();
            using (var s = LoggingServer(sink))
            {
                SignIn(s);
                Project parent;
                using (var d = Project.Create(Fixture.Unique("Logged"))) parent = s.Projects.Create(d);
                using (parent)
                {
                    using (var wc = new WebClient())
                        wc.UploadString(Fixture.Url + "/_emulator/bulk/projects?site=&count=12&prefix=p&parent=" + parent.Id, "POST", "");
                    using (var o = RequestOptions.Create())
                    {
                        o.AddFilter("parentProjectId", FilterOp.Eq, parent.Id);
                        o.SetPageSize(2);
                        var other = new Thread(() => { using (s.Projects.Get(null)) { } });
                        other.Start();
                        int n = 0;
                        using (var pager = s.Projects.Pager(o, 4))
                            foreach (var p in pager) using (p) n++;
                        other.Join();
                        Check.Equal(12, n, "items");
                    }
                }
                lock (sink) Check.True(sink.Threads.Count >= 2, "log lines from " + sink.Threads.Count + " thread(s)");
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        static void SignInWithSource(Server s, Func<string> source)
        {
            using (var c = Credentials.CreateJwtSource(source, "")) s.Auth.SignIn(c);
        }

        public static void JwtSourceSignsInAgain()
        {
            string jwt = Environment.GetEnvironmentVariable("TSC_TEST_JWT");
            Check.True(!string.IsNullOrEmpty(jwt), "TSC_TEST_JWT is set");
            int calls = 0;
            using (var s = Fixture.NewServer())
            {
                SignInWithSource(s, () => { Interlocked.Increment(ref calls); return jwt; });
                Collect();
                using (var wc = new WebClient())
                    wc.UploadString(Fixture.Url + "/_emulator/sessions/expire", "POST", "");
                var t = new Thread(() => { using (s.Projects.Get(null)) { } });  // signs in again there
                t.Start();
                t.Join();
                Check.Equal(2, Volatile.Read(ref calls), "source calls");
            }
        }

        public static void ThrowingJwtSourceAbortsTheSignIn()
        {
            using (var s = Fixture.NewServer())
            using (var c = Credentials.CreateJwtSource(() => { throw new InvalidOperationException("no token"); }, ""))
            {
                Check.Fails(Status.AbortedByCallback, () => s.Auth.SignIn(c), "sign-in");
                Check.True(!s.IsSignedIn, "not signed in");
            }
        }

        public static void PagerKeepsLoggingAfterTheServerIsDisposed()
        {
            var sink = new Sink();
            var s = LoggingServer(sink);
            SignIn(s);
            using (var o = RequestOptions.Create())
            {
                o.SetPageSize(1);
                using (var pager = s.Projects.Pager(o, 3))
                {
                    s.Dispose();
                    s = null;
                    Collect();
                    int before;
                    lock (sink) before = sink.Lines.Count;
                    int n = 0;
                    foreach (var p in pager) using (p) n++;
                    Collect();
                    Check.True(n >= 2, "items");
                    lock (sink) Check.True(sink.Lines.Count > before, "lines after the server was disposed");
                }
            }
        }
    }
}
