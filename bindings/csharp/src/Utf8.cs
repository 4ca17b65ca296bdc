// UTF-8 marshalling by hand, never ANSI and never through the marshaller's string handling:
// strings in become NUL-terminated UTF-8 byte arrays (pinned for the call), borrowed results
// (const char*) are decoded without being freed, owned results (char*) are decoded and then
// freed with tsc_string_free.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace Tsc
{
    /// <summary>UTF-8 conversions between C# strings and libtsc's NUL-terminated strings.</summary>
    internal static class Utf8
    {
        static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        /// <summary><paramref name="s"/> as NUL-terminated UTF-8; null for null.</summary>
        internal static byte[] Encode(string s)
        {
            if (s == null) return null;
            int n = Strict.GetByteCount(s);
            var b = new byte[n + 1];
            Strict.GetBytes(s, 0, s.Length, b, 0);
            return b;
        }

        /// <summary>Decodes a borrowed string; the library keeps ownership. null for NULL.</summary>
        internal static unsafe string Borrowed(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            byte* s = (byte*)p;
            int n = 0;
            while (s[n] != 0) n++;
            return n == 0 ? string.Empty : Encoding.UTF8.GetString(s, n);
        }

        /// <summary>Decodes an owned string and frees it with tsc_string_free. null for NULL.</summary>
        internal static string TakeOwned(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            try
            {
                return Borrowed(p);
            }
            finally
            {
                Native.tsc_string_free(p);
            }
        }
    }

    /// <summary>A <c>const char *const *</c> array of UTF-8 strings in native memory, freed on Dispose.</summary>
    internal sealed class Utf8Array : IDisposable
    {
        internal readonly IntPtr[] Pointers;
        internal int Count { get { return Pointers.Length; } }

        internal Utf8Array(IEnumerable<string> values)
        {
            var list = new List<string>(values);
            Pointers = new IntPtr[list.Count];
            try
            {
                for (int i = 0; i < list.Count; i++)
                {
                    if (list[i] == null) throw new ArgumentNullException("values", "element " + i + " is null");
                    byte[] b = Utf8.Encode(list[i]);
                    Pointers[i] = Marshal.AllocHGlobal(b.Length);
                    Marshal.Copy(b, 0, Pointers[i], b.Length);
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            for (int i = 0; i < Pointers.Length; i++)
            {
                if (Pointers[i] != IntPtr.Zero) Marshal.FreeHGlobal(Pointers[i]);
                Pointers[i] = IntPtr.Zero;
            }
        }
    }
}
