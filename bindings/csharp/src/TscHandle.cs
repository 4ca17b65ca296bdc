// TscHandle: the SafeHandle base of every libtsc handle class. A handle is either owned (its
// generated ReleaseHandle calls the type's tsc_*_free) or borrowed from an owner (an item of a
// list): a borrowed handle holds a reference on its owner, so the owner's native memory lives
// until the last borrowed handle is released, whatever the order of Dispose and finalizers.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Tsc
{
    /// <summary>
    /// The base of every libtsc handle: a <see cref="SafeHandle"/> over the native pointer. Dispose it
    /// (or let the finalizer run) to free it; items borrowed from a list keep the list alive.
    /// </summary>
    public abstract class TscHandle : SafeHandle
    {
        readonly TscHandle owner;
        Dictionary<string, object> retained;

        /// <summary>
        /// Refuses a libtsc whose ABI differs from the one this binding was generated for: the same
        /// major version, and while 0.x the same minor version.
        /// </summary>
        static TscHandle()
        {
            uint n = Native.tsc_version_number();
            uint major = n >> 16, minor = (n >> 8) & 0xff;
            if (major != Constants.VersionMajor || (major == 0 && minor != Constants.VersionMinor))
                throw new TscException(Status.Unsupported, "libtsc " + major + "." + minor + " is loaded, but this binding was generated for " + Constants.VersionMajor + "." + Constants.VersionMinor + ": use the matching libtsc.so");
        }

        /// <summary>Wraps <paramref name="handle"/>; with an owner, borrows it from that owner.</summary>
        protected TscHandle(IntPtr handle, TscHandle owner) : base(IntPtr.Zero, true)
        {
            if (owner != null)
            {
                bool added = false;
                owner.DangerousAddRef(ref added);
                this.owner = owner;
            }
            SetHandle(handle);
        }

        /// <summary>True for a NULL pointer.</summary>
        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }

        /// <summary>For a borrowed handle: releases the owner and returns true (nothing to free).</summary>
        protected bool ReleaseOwner()
        {
            if (owner == null) return false;
            owner.DangerousRelease();
            return true;
        }

        /// <summary>Keeps a callback thunk alive as long as this handle (the C side keeps its pointer).</summary>
        protected void Retain(string key, object thunk)
        {
            if (retained == null) retained = new Dictionary<string, object>();
            retained[key] = thunk;
        }

        /// <summary>The pointer of a handle argument; NULL for null.</summary>
        internal static IntPtr Ptr(TscHandle h)
        {
            return h == null ? IntPtr.Zero : h.DangerousGetHandle();
        }
    }

    /// <summary>
    /// Holds a reference on a handle for the duration of a native call (<c>using (new Lease(h))</c>),
    /// so a Dispose on another thread cannot free it mid-call; a disposed handle throws
    /// ObjectDisposedException. A null handle is no lease. Cheaper in mono than SafeHandle marshalling.
    /// </summary>
    internal struct Lease : IDisposable
    {
        readonly SafeHandle h;
        readonly bool added;

        internal Lease(SafeHandle h)
        {
            this.h = h;
            added = false;
            if (h != null) h.DangerousAddRef(ref added);
        }

        public void Dispose()
        {
            if (added) h.DangerousRelease();
        }
    }
}
