// Errors carry the status, HTTP status and Tableau code; argument checks; cancellation.
using System;
using System.IO;
using System.Net;
using System.Threading;

namespace Tsc.Tests
{
    public static class ErrorTests
    {
        static void Fault(string xml)
        {
            using (var wc = new WebClient())
            {
                wc.UploadString(Fixture.Url + "/_emulator/faults", "DELETE", "");
                wc.UploadString(Fixture.Url + "/_emulator/faults", "POST", xml);
            }
        }

        public static void NotFoundCarriesHttpStatusAndCode()
        {
            using (var s = Fixture.SignedIn())
            {
                var e = Check.Fails(Status.NotFound, () => s.Workbooks.GetById("00000000-0000-0000-0000-000000000000").Dispose(), "unknown workbook");
                Check.Equal(404, e.HttpStatus, "HTTP status");
                Check.True(e.ServerCode != null && e.ServerCode.StartsWith("404") && e.ServerCode.Length == 6, "Tableau code " + e.ServerCode);
                Check.True(!string.IsNullOrEmpty(e.ServerSummary), "summary");
                Check.True(e.Message.Contains("tsc_workbooks_get_by_id"), "the message names the call: " + e.Message);
                Check.Equal(-1L, e.RetryAfter, "no Retry-After");
                Check.Equal(0, e.CallbackCode, "no callback");
            }
        }

        public static void ConflictAndRateLimit()
        {
            using (var s = Fixture.SignedIn())
            {
                string name = Fixture.Unique("Twice");
                Project p;
                using (var d = Project.Create(name)) p = s.Projects.Create(d);
                var e = Check.Fails(Status.Conflict, () => { using (var d = Project.Create(name)) s.Projects.Create(d).Dispose(); }, "same name twice");
                Check.Equal(409, e.HttpStatus, "409");
                Check.True(e.ServerCode.StartsWith("409"), "code " + e.ServerCode);
                s.Projects.Delete(p.Id);
                p.Dispose();

                Fault("<fault method=\"GET\" path=\"/api/*/sites/*/projects\" count=\"1\" action=\"status\" status=\"429\" retryAfter=\"120\"/>");
                // 120 s is beyond what retries wait by default (60 s): not retried, the error carries it
                e = Check.Fails(Status.RateLimited, () => s.Projects.Get().Dispose(), "429");
                Check.Equal(429, e.HttpStatus, "HTTP 429");
                Check.Equal(120L, e.RetryAfter, "Retry-After");
                using (var l = s.Projects.Get()) Check.True(l.Count > 0, "the next call works");
            }
        }

        public static void ArgumentsAreChecked()
        {
            using (var s = Fixture.SignedIn())
            {
                bool threw = false;
                try { s.Workbooks.GetById(null); } catch (ArgumentNullException) { threw = true; }
                Check.True(threw, "null string argument");
                threw = false;
                // a lone surrogate cannot be UTF-8: refused before any native call
                try { s.Workbooks.GetById("\ud800"); } catch (ArgumentException) { threw = true; }
                Check.True(threw, "invalid UTF-16 refused");
                Check.Fails(Status.File, () => { using (var i = Workbook.Create("x", Fixture.DefaultProjectId(s))) s.Workbooks.Publish(i, "/nonexistent/x.twbx", PublishMode.CreateNew).Dispose(); }, "missing file");
                Check.Fails(Status.InvalidArgument, () => ServerOptions.Create("not a url").Dispose(), "bad URL");
            }
        }

        public static void UsingADisposedHandleThrows()
        {
            var s = Fixture.SignedIn();
            s.Dispose();
            bool threw = false;
            try { s.Projects.Get(); } catch (ObjectDisposedException) { threw = true; }
            Check.True(threw, "disposed server");
        }

        public static void ItemsOfADisposedListThrowInsteadOfDangling()
        {
            using (var s = Fixture.SignedIn())
            {
                Project first, copy;
                using (var l = s.Projects.Get())
                {
                    first = l[0];
                    copy = first.Clone();
                    Check.True(first.Name != null, "readable while the list lives");
                }
                bool threw = false;
                try { var n = first.Name; } catch (ObjectDisposedException) { threw = true; }
                Check.True(threw, "a borrowed item of a disposed list throws");
                Check.True(copy.Name != null, "a clone lives on");
                copy.Dispose();
            }
        }

        public static void CancelTokenFromAnotherThread()
        {
            using (var s = Fixture.SignedIn())
            using (var wb = PublishSample(s))
            using (var token = CancelToken.Create())
            using (var t = TransferOptions.Create())
            {
                t.SetCancelToken(token);
                var th = new Thread(() => token.Cancel());
                th.Start();
                th.Join();
                Check.True(token.IsCancelled, "cancelled");
                Check.Fails(Status.Cancelled, () => s.Workbooks.DownloadToWriter(wb.Id, new MemoryStream(), t), "download with a cancelled token");
                s.Workbooks.Delete(wb.Id);
            }
        }

        public static void CancelDuringTheTransfer()
        {
            using (var s = Fixture.SignedIn())
            using (var wb = PublishSample(s))
            using (var token = CancelToken.Create())
            using (var t = TransferOptions.Create())
            {
                int calls = 0;
                t.SetCancelToken(token);
                t.SetProgress((done, total) => { calls++; token.Cancel(); });
                var sink = new MemoryStream();
                Check.Fails(Status.Cancelled, () => s.Workbooks.DownloadToWriter(wb.Id, sink, t), "cancelled in the middle");
                Check.True(calls >= 1, "progress ran");
                Check.True(sink.Length < new FileInfo(Fixture.Sample("Superstore.twbx")).Length, "stopped before the end");
                using (var again = s.Workbooks.GetById(wb.Id)) Check.Equal(wb.Id, again.Id, "next call works");
                s.Workbooks.Delete(wb.Id);
            }
        }

        internal static Workbook PublishSample(Server s)
        {
            using (var item = Workbook.Create(Fixture.Unique("Cancel"), Fixture.DefaultProjectId(s)))
                return s.Workbooks.Publish(item, Fixture.Sample("Superstore.twbx"), PublishMode.CreateNew);
        }
    }
}
