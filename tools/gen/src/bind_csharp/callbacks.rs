//! `Callbacks.g.cs`: one thunk class per callback typedef, chosen by the typedef's shape. A thunk
//! holds the managed target and the native delegate (kept alive by the call or the handle that
//! stores it), and catches every exception: it records it for the calling thread
//! (`CallbackErrors`) and returns non-zero, so the call aborts with
//! `TSC_STATUS_ABORTED_BY_CALLBACK` and `Errors.Check` rethrows it after the call.

use super::members::{shape, thunk_class, Shape};
use super::model::Api;
use std::fmt::Write;

pub fn callbacks(api: &Api) -> Result<String, String> {
    let mut o = String::new();
    o.push_str(super::BANNER);
    o.push_str("// The callback thunks of include/tsc-api.json's callback typedefs.\n");
    o.push_str("using System;\nusing System.IO;\nusing System.Runtime.InteropServices;\n\nnamespace Tsc\n{\n");
    for c in &api.callbacks {
        let cls = thunk_class(api, &c.name);
        let fnty = &c.name;
        let (target, invoke) = match shape(api, &c.name)? {
            Shape::Progress => (
                "ProgressHandler",
                "        int Invoke(IntPtr userdata, ulong done, long total)\n        {\n            try\n            {\n                target(done, total);\n                return 0;\n            }\n            catch (Exception e)\n            {\n                CallbackErrors.Capture(e);\n                return 1;\n            }\n        }\n".to_string(),
            ),
            Shape::Sink => (
                "Stream",
                "        byte[] buffer = new byte[0];\n\n        int Invoke(IntPtr userdata, IntPtr data, UIntPtr len)\n        {\n            try\n            {\n                int n = checked((int)(ulong)len);\n                if (buffer.Length < n) buffer = new byte[n];\n                if (n > 0) Marshal.Copy(data, buffer, 0, n);\n                target.Write(buffer, 0, n);\n                return 0;\n            }\n            catch (Exception e)\n            {\n                CallbackErrors.Capture(e);\n                return 1;\n            }\n        }\n".to_string(),
            ),
            Shape::Source => (
                "Stream",
                "        byte[] buffer = new byte[0];\n\n        int Invoke(IntPtr userdata, IntPtr buf, UIntPtr cap, IntPtr outLen)\n        {\n            try\n            {\n                int want = (int)Math.Min((ulong)cap, 1UL << 20);\n                if (buffer.Length < want) buffer = new byte[want];\n                int n = target.Read(buffer, 0, want);\n                if (n < 0 || n > want) throw new InvalidOperationException(\"Stream.Read returned \" + n);\n                if (n > 0) Marshal.Copy(buffer, 0, buf, n);\n                Marshal.WriteIntPtr(outLen, new IntPtr(n));\n                return 0;\n            }\n            catch (Exception e)\n            {\n                CallbackErrors.Capture(e);\n                return 1;\n            }\n        }\n".to_string(),
            ),
            Shape::LogLine => (
                "Action<LEVEL, string>",
                "        // Kept by native handles and called from any thread, concurrently: it reads only\n        // immutable fields. An exception is swallowed: a log line never stops a call.\n        int Invoke(IntPtr userdata, int level, IntPtr message)\n        {\n            try\n            {\n                target((LEVEL)level, Utf8.Borrowed(message) ?? \"\");\n            }\n            catch (Exception)\n            {\n            }\n            return 0;\n        }\n".to_string(),
            ),
            Shape::StringSource => (
                "Func<string>",
                "        // Kept by native handles and called on whichever thread signs in (again), maybe\n        // inside any call: an exception (or a string longer than cap) aborts that sign-in with\n        // Status.AbortedByCallback; it is not rethrown, since that thread may be running any call.\n        int Invoke(IntPtr userdata, IntPtr buf, UIntPtr cap, IntPtr outLen)\n        {\n            try\n            {\n                byte[] b = System.Text.Encoding.UTF8.GetBytes(target() ?? \"\");\n                if ((ulong)b.Length > (ulong)cap) return 2;\n                if (b.Length > 0) Marshal.Copy(b, 0, buf, b.Length);\n                Marshal.WriteIntPtr(outLen, new IntPtr(b.Length));\n                return 0;\n            }\n            catch (Exception)\n            {\n                return 1;\n            }\n        }\n".to_string(),
            ),
        };
        let level = match shape(api, &c.name)? {
            Shape::LogLine => super::members::level_enum(api, &c.name)?,
            _ => String::new(),
        };
        let target = target.replace("LEVEL", &level);
        let invoke = invoke.replace("LEVEL", &level);
        let target_doc = target.replace('<', "&lt;").replace('>', "&gt;");
        let _ = writeln!(
            o,
            "    /// <summary>Calls a {target_doc} as a <c>{fnty}</c>; exceptions stay on the managed side.</summary>\n    internal sealed class {cls}\n    {{\n        readonly {target} target;\n        internal readonly Native.{fnty} Fn;\n\n        internal {cls}({target} target)\n        {{\n            this.target = target;\n            Fn = Invoke;\n        }}\n\n{invoke}    }}\n"
        );
    }
    o.push_str("}\n");
    Ok(o)
}
