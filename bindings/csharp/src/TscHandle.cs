// TscHandle: the SafeHandle base of every libtsc handle class. A handle is either owned (its
// generated ReleaseHandle calls the type's tsc_*_free) or borrowed from an owner (an item of a
// list). A borrowed handle frees nothing and needs no finalizer: it keeps its owner reachable
// (so the owner's finalizer waits for it), and every call through it holds a Lease on the owner
// too, so a Dispose of the owner on another thread cannot free the memory mid-call; after the
// owner is disposed the borrowed handle throws ObjectDisposedException (in C it would dangle).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Tsc
{
    /// <summary>
    /// The base of every libtsc handle: a <see cref="SafeHandle"/> over the native pointer. Dispose it
    /// (or let the finalizer run) to free it. Items borrowed from a list keep the list reachable, so
    /// its finalizer waits for them; once the list is disposed they throw ObjectDisposedException.
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

        /// <summary>
        /// Wraps <paramref name="handle"/>: owned without an owner (freed by ReleaseHandle), else
        /// borrowed from <paramref name="owner"/> (never freed here; no finalizer).
        /// </summary>
        protected TscHandle(IntPtr handle, TscHandle owner) : base(IntPtr.Zero, owner == null)
        {
            // the memory belongs to the root owner (an item of an item's list is the list's)
            this.owner = owner == null ? null : (owner.owner ?? owner);
            SetHandle(handle);
        }

        /// <summary>The owned handle a borrowed one lives in; null for an owned handle.</summary>
        internal TscHandle Owner
        {
            get { return owner; }
        }

        /// <summary>True for a NULL pointer.</summary>
        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }

        /// <summary>True for a borrowed handle: its owner frees the memory, nothing to do here.</summary>
        protected bool ReleaseOwner()
        {
            return owner != null;
        }

        /// <summary>
        /// Keeps a callback thunk alive as long as this handle (the C side keeps its pointer);
        /// setting the same key again replaces it. Retained callbacks (log, JWT source) may be
        /// called by the native handle from any thread until it is freed, and this object's
        /// finalizer frees it: a reference from here keeps the thunk and its delegate alive as long
        /// as needed, even after the options or credentials they were set on are collected.
        /// </summary>
        internal void Retain(string key, object thunk)
        {
            lock (this)
            {
                if (retained == null) retained = new Dictionary<string, object>();
                retained[key] = thunk;
            }
        }

        /// <summary>
        /// Keeps everything <paramref name="from"/> keeps: the library copied its retained callbacks
        /// into this handle (a server made from options, or signed in with credentials). They
        /// accumulate until this handle is collected, since an earlier one may still be running.
        /// </summary>
        internal void RetainCopy(TscHandle from)
        {
            if (from == null || from == this) return;
            List<object> add = new List<object>();
            lock (from)
            {
                if (from.retained != null) add.AddRange(from.retained.Values);
            }
            lock (this)
            {
                if (retained == null) retained = new Dictionary<string, object>();
                foreach (object t in add)
                {
                    if (t != null && !retained.ContainsValue(t)) retained["copied#" + retained.Count] = t;
                }
            }
        }

        /// <summary>Applies <paramref name="keep"/> to a new handle (if not null) and returns it.</summary>
        internal static T Keeping<T>(T h, Action<T> keep) where T : TscHandle
        {
            if (h != null) keep(h);
            return h;
        }

        /// <summary>The pointer of a handle argument; NULL for null.</summary>
        internal static IntPtr Ptr(TscHandle h)
        {
            return h == null ? IntPtr.Zero : h.DangerousGetHandle();
        }
    }

    /// <summary>
    /// Holds a reference on a handle, and on the owner of a borrowed one, for the duration of a
    /// native call (<c>using (new Lease(h))</c>), so a Dispose on another thread cannot free the
    /// memory mid-call; a disposed handle (or owner) throws ObjectDisposedException. A null handle is
    /// no lease. Cheaper in mono than SafeHandle marshalling.
    /// </summary>
    internal struct Lease : IDisposable
    {
        readonly TscHandle h, owner;
        readonly bool added, ownerAdded;

        internal Lease(TscHandle h)
        {
            this.h = h;
            owner = h == null ? null : h.Owner;
            added = false;
            ownerAdded = false;
            if (h == null) return;
            h.DangerousAddRef(ref added);
            if (owner != null)
            {
                try
                {
                    owner.DangerousAddRef(ref ownerAdded);
                }
                catch
                {
                    h.DangerousRelease();
                    throw;
                }
            }
        }

        public void Dispose()
        {
            if (ownerAdded) owner.DangerousRelease();
            if (added) h.DangerousRelease();
        }
    }
}
