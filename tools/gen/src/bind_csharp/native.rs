//! `Native.g.cs`: the P/Invoke declarations (one per function of the description), the native
//! callback delegate types, and the enums and constants, all from the JSON.

use super::model::{pascal, xml_doc, Api, Callback, Func, Param};
use std::fmt::Write;

/// The P/Invoke type of a scalar C type.
pub fn scalar(c: &str) -> Option<&'static str> {
    Some(match c {
        "int32_t" => "int",
        "uint32_t" => "uint",
        "int64_t" => "long",
        "uint64_t" => "ulong",
        "size_t" => "UIntPtr",
        "void *" | "char *" | "uint8_t *" | "const uint8_t *" | "size_t *" => "IntPtr",
        _ => return None,
    })
}

/// The P/Invoke type of a parameter.
pub fn param_type(api: &Api, p: &Param) -> Result<String, String> {
    let t = match p.role.as_str() {
        "error" => "ref IntPtr".to_string(),
        "out" => "out IntPtr".to_string(),
        // handles go as pointers: the wrappers hold a reference (Lease) for the call
        "handle" => "IntPtr".to_string(),
        "string" => "byte[]".to_string(),
        _ if super::members::is_bytes_in(p) => "byte[]".to_string(),
        "string_array" => "IntPtr[]".to_string(),
        "callback" => {
            let name = p.c_type.trim();
            if !api.callbacks.iter().any(|c| c.name == name) {
                return Err(format!("unknown callback type {name}"));
            }
            name.to_string()
        }
        "userdata" => "IntPtr".to_string(),
        _ => scalar(&p.c_type)
            .ok_or_else(|| format!("parameter {} has C type {}", p.name, p.c_type))?
            .to_string(),
    };
    Ok(t)
}

/// The P/Invoke return type.
pub fn return_type(f: &Func) -> Result<&'static str, String> {
    Ok(match f.ret.kind.as_str() {
        "status" => "int",
        "none" => "void",
        "string" | "handle" | "bytes" => "IntPtr",
        _ => match f.ret.c_type.as_str() {
            "tsc_status" => "int",
            c => scalar(c).ok_or_else(|| format!("return type {c}"))?,
        },
    })
}

fn callback_delegate(c: &Callback) -> Result<String, String> {
    let ret =
        scalar(&c.returns).ok_or_else(|| format!("callback {} returns {}", c.name, c.returns))?;
    let mut ps = Vec::new();
    for (n, t) in &c.params {
        // a string a callback receives is decoded by its thunk (never marshalled: not freed)
        let ty = if t == "const char *" {
            "IntPtr"
        } else {
            scalar(t).ok_or_else(|| format!("callback {} parameter {n}: {t}", c.name))?
        };
        ps.push(format!("{ty} {}", super::model::camel(n)));
    }
    Ok(format!(
        "{}        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]\n        internal delegate {ret} {}({});\n",
        xml_doc("        ", &c.doc, ""),
        c.name,
        ps.join(", ")
    ))
}

/// The text of `Native.g.cs`.
pub fn native(api: &Api) -> Result<String, String> {
    let mut o = String::new();
    o.push_str(super::BANNER);
    o.push_str("// The P/Invoke declarations: one per function of include/tsc-api.json.\n");
    o.push_str("using System;\nusing System.Runtime.InteropServices;\nusing System.Security;\n\n");
    o.push_str("namespace Tsc\n{\n");
    o.push_str("    /// <summary>The raw C functions of libtsc, exactly as in tsc.h (internal: use the classes).</summary>\n");
    o.push_str("    [SuppressUnmanagedCodeSecurity]\n    internal static class Native\n    {\n");
    o.push_str("        internal const string Lib = \"tsc\";\n\n");
    for c in &api.callbacks {
        o.push_str(&callback_delegate(c)?);
        o.push('\n');
    }
    for f in &api.functions {
        let mut ps = Vec::new();
        for p in &f.params {
            let t = param_type(api, p).map_err(|e| format!("{}: {e}", f.name))?;
            ps.push(format!("{t} {}", super::model::camel(&p.name)));
        }
        let r = return_type(f).map_err(|e| format!("{}: {e}", f.name))?;
        let _ = writeln!(
            o,
            "        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]\n        internal static extern {r} {}({});\n",
            f.name,
            ps.join(", ")
        );
    }
    o.push_str("    }\n}\n");
    Ok(o)
}

/// The C# name of an enum value: `TSC_PUBLISH_MODE_CREATE_NEW` in `tsc_publish_mode` -> `CreateNew`.
pub fn enum_value_name(enum_name: &str, value: &str) -> String {
    let prefix = format!("{}_", enum_name.to_ascii_uppercase());
    let rest = value.strip_prefix(&prefix).unwrap_or(value);
    let p = pascal(&rest.to_ascii_lowercase());
    if p.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{p}")
    } else {
        p
    }
}

/// The text of `Enums.g.cs`: every enum, and the integer constants as `Constants`.
pub fn enums(api: &Api) -> String {
    let mut o = String::new();
    o.push_str(super::BANNER);
    o.push_str("// The enums and constants of include/tsc-api.json.\n");
    o.push_str("namespace Tsc\n{\n");
    for e in &api.enums {
        o.push_str(&xml_doc("    ", &e.doc, ""));
        let _ = writeln!(o, "    public enum {}\n    {{", api.class(&e.name));
        for (n, v, d) in &e.values {
            o.push_str(&xml_doc("        ", d, ""));
            let _ = writeln!(o, "        {} = {v},", enum_value_name(&e.name, n));
        }
        o.push_str("    }\n\n");
    }
    o.push_str("    /// <summary>The constants of tsc.h that are plain integers.</summary>\n");
    o.push_str("    public static class Constants\n    {\n");
    let mut seen = std::collections::BTreeSet::new();
    for (n, v, d) in &api.constants {
        let value = if v == "INT64_MIN" {
            "long.MinValue".to_string()
        } else if v
            .chars()
            .all(|c| c.is_ascii_digit() || "()*+-<>| ".contains(c))
            && v.chars().any(|c| c.is_ascii_digit())
        {
            v.clone()
        } else {
            continue;
        };
        // TSC_X and X (a macro being renamed) are one constant
        let cs = pascal(&n.trim_start_matches("TSC_").to_ascii_lowercase());
        if !seen.insert(cs.clone()) {
            continue;
        }
        o.push_str(&xml_doc("        ", d, ""));
        let _ = writeln!(o, "        public const long {cs} = {value};");
    }
    o.push_str("    }\n}\n");
    o
}
