// Callbacks that throw: the transfer aborts with TSC_STATUS_ABORTED_BY_CALLBACK, the exception
// comes back on the calling thread (never into native code), and the thread works afterwards.
using System;
using System.IO;
using System.Threading;

namespace Tsc.Tests
{
    /// <summary>A stream that fails after some bytes.</summary>
    class FailingStream : MemoryStream
    {
        readonly int failAfter;
        public FailingStream(int failAfter) { this.failAfter = failAfter; }
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > failAfter) throw new IOException("disk full (test)");
            base.Write(buffer, offset, count);
        }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position + count > failAfter) throw new IOException("read failed (test)");
            return base.Read(buffer, offset, count);
        }
    }

    public static class CallbackTests
    {
        static void IsAbort(Exception e)
        {
            var tsc = e.Data["TscException"] as TscException;
            Check.True(tsc != null, "the libtsc error is attached");
            Check.Equal(Status.AbortedByCallback, tsc.Status, "status");
            Check.True(tsc.CallbackCode != 0, "callback code");
        }

        public static void ThrowingProgressAbortsAndRethrows()
        {
            using (var s = Fixture.SignedIn())
            using (var wb = ErrorTests.PublishSample(s))
            using (var t = TransferOptions.Create())
            {
                var boom = new InvalidOperationException("boom from progress");
                int calls = 0;
                t.SetProgress((done, total) => { calls++; throw boom; });
                Exception caught = null;
                try { s.Workbooks.Download(wb.Id, Fixture.TempDir(), t); }
                catch (InvalidOperationException e) { caught = e; }
                Check.True(ReferenceEquals(boom, caught), "the same exception, on the calling thread");
                Check.Equal(1, calls, "aborted at the first call");
                IsAbort(caught);
                Check.True(caught.StackTrace.Contains("ThrowingProgressAbortsAndRethrows"), "stack kept");
                // the thread is clean: the next requests work
                using (var again = s.Workbooks.GetById(wb.Id)) Check.Equal(wb.Id, again.Id, "next request works");
                t.SetProgress(null);
                var ms = new MemoryStream();
                s.Workbooks.DownloadToWriter(wb.Id, ms, t);
                Check.True(ms.Length > 0, "a download after the abort works");
                s.Workbooks.Delete(wb.Id);
            }
        }

        public static void ThrowingSinkAndSourceAbort()
        {
            using (var s = Fixture.SignedIn())
            using (var wb = ErrorTests.PublishSample(s))
            {
                Exception caught = null;
                try { s.Workbooks.DownloadToWriter(wb.Id, new FailingStream(10)); }
                catch (IOException e) { caught = e; }
                Check.True(caught != null && caught.Message == "disk full (test)", "the sink's exception");
                IsAbort(caught);

                var bytes = new MemoryStream();
                s.Workbooks.DownloadToWriter(wb.Id, bytes);
                var src = new FailingStream(100);
                src.Write(bytes.ToArray(), 0, 90);
                src.Position = 0;
                caught = null;
                using (var item = Workbook.Create(Fixture.Unique("Broken"), wb.ProjectId))
                {
                    try { s.Workbooks.PublishFromReader(item, "broken.twbx", (ulong)bytes.Length, src, PublishMode.CreateNew); }
                    catch (IOException e) { caught = e; }
                }
                Check.True(caught != null && caught.Message == "read failed (test)", "the source's exception");
                IsAbort(caught);
                using (var l = s.Workbooks.Get()) Check.True(l.Count > 0, "the next call works");
                s.Workbooks.Delete(wb.Id);
            }
        }

        public static void ExceptionStaysOnItsThread()
        {
            using (var s = Fixture.SignedIn())
            using (var wb = ErrorTests.PublishSample(s))
            using (var t = TransferOptions.Create())
            {
                t.SetProgress((done, total) => { throw new ApplicationException("other thread"); });
                Exception onWorker = null;
                var th = new Thread(() =>
                {
                    try { s.Workbooks.DownloadToWriter(wb.Id, new MemoryStream(), t); }
                    catch (Exception e) { onWorker = e; }
                });
                th.Start();
                th.Join();
                Check.True(onWorker is ApplicationException, "thrown on the worker: " + onWorker);
                using (var again = s.Workbooks.GetById(wb.Id)) Check.Equal(wb.Id, again.Id, "this thread has nothing pending");
                s.Workbooks.Delete(wb.Id);
            }
        }
    }
}
