// TscException: a failed libtsc call, with everything its tsc_error carried. Errors.Check turns
// a status and error pointer into it after every fallible call, and rethrows an exception a
// callback raised during the call (recorded by CallbackErrors) on the calling thread.
using System;
using System.Runtime.ExceptionServices;

namespace Tsc
{
    /// <summary>A libtsc call failed. Thread safety: immutable.</summary>
    [Serializable]
    public class TscException : Exception
    {
        /// <summary>The status the call returned.</summary>
        public Status Status { get; private set; }
        /// <summary>The HTTP status of the server's reply, 0 if there was none.</summary>
        public int HttpStatus { get; private set; }
        /// <summary>Tableau's error code (such as "404004"), or null.</summary>
        public string ServerCode { get; private set; }
        /// <summary>Tableau's error summary, or null.</summary>
        public string ServerSummary { get; private set; }
        /// <summary>Tableau's error detail, or null.</summary>
        public string ServerDetail { get; private set; }
        /// <summary>Seconds the server asked to wait (429/503), or -1.</summary>
        public long RetryAfter { get; private set; }
        /// <summary>The value a callback returned to abort, else 0.</summary>
        public int CallbackCode { get; private set; }

        /// <summary>An exception with the given status and message and no server details.</summary>
        public TscException(Status status, string message) : base(message)
        {
            Status = status;
            RetryAfter = -1;
        }

        internal TscException(Status status, Error e)
            : base(e.Message ?? Library.StatusStr(status))
        {
            Status = status;
            HttpStatus = e.HttpStatus;
            ServerCode = e.ServerCode;
            ServerSummary = e.ServerSummary;
            ServerDetail = e.ServerDetail;
            RetryAfter = e.RetryAfter;
            CallbackCode = e.CallbackCode;
        }
    }

    /// <summary>Exceptions thrown by callbacks, kept for the thread the callback ran on.</summary>
    internal static class CallbackErrors
    {
        [ThreadStatic] static Exception pending;

        /// <summary>Records <paramref name="e"/> (the first one wins) for the calling thread.</summary>
        internal static void Capture(Exception e)
        {
            if (pending == null) pending = e;
        }

        internal static Exception Take()
        {
            Exception e = pending;
            pending = null;
            return e;
        }
    }

    /// <summary>The error check after every fallible call.</summary>
    internal static class Errors
    {
        /// <summary>
        /// Throws for a failed call: a callback's own exception first (rethrown with its stack, the
        /// libtsc error in its Data["TscException"]), else a <see cref="TscException"/>. Frees the error.
        /// </summary>
        internal static void Check(int status, IntPtr err)
        {
            Exception fromCallback = CallbackErrors.Take();
            if (status == 0 && fromCallback == null)
            {
                return;
            }
            TscException ex = null;
            if (status != 0)
            {
                if (err == IntPtr.Zero)
                {
                    ex = new TscException((Status)status, Library.StatusStr((Status)status));
                }
                else
                {
                    using (var e = new Error(err, null))
                    {
                        ex = new TscException((Status)status, e);
                    }
                }
            }
            if (fromCallback != null)
            {
                if (ex != null) fromCallback.Data["TscException"] = ex;
                ExceptionDispatchInfo.Capture(fromCallback).Throw();
            }
            throw ex;
        }
    }
}
