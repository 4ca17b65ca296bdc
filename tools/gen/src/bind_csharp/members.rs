//! The managed wrapper of one C function: its C# parameters, the marshalling before the call
//! (UTF-8 strings, string arrays, callback thunks), the call, the error check and the
//! conversion of the results (owned and borrowed handles, owned and borrowed strings).

use super::model::{camel, pascal, Api, Func, Param};

/// A wrapper body, ready to be placed in a method or a property accessor.
pub struct Body {
    /// The managed parameters: (type, name, default).
    pub params: Vec<(String, String, Option<String>)>,
    pub ret: String,
    pub lines: Vec<String>,
    /// Whether the body needs an `unsafe` context.
    pub is_unsafe: bool,
}

/// How the wrapper is placed.
pub struct Ctx<'a> {
    /// The index of the parameter that is `this`, if any.
    pub self_idx: Option<usize>,
    /// The item field the function reads or writes, for the field's managed type.
    pub field_ty: Option<&'a str>,
    /// Forces the name of the single managed parameter (`value` in a property setter).
    pub value_name: Option<&'a str>,
    /// Callbacks are retained by the handle (a setter): keep the thunk in the handle.
    pub retain_callbacks: bool,
    /// The C# expression passed for the `this` parameter.
    pub self_expr: &'a str,
}

/// The shape of a callback typedef, from its parameters after `userdata`.
pub enum Shape {
    /// `(uint64_t done, int64_t total)`: a `ProgressHandler`.
    Progress,
    /// `(const uint8_t *data, size_t len)`: written to a `Stream`.
    Sink,
    /// `(uint8_t *buf, size_t cap, size_t *out_len)`: read from a `Stream`.
    Source,
    /// `(int32_t level, const char *message)`, retained: an `Action<level enum, string>`.
    LogLine,
    /// `(char *buf, size_t cap, size_t *out_len)`, retained: a `Func<string>`.
    StringSource,
}

pub fn shape(api: &Api, typedef: &str) -> Result<Shape, String> {
    let c = api
        .callbacks
        .iter()
        .find(|c| c.name == typedef)
        .ok_or_else(|| format!("unknown callback {typedef}"))?;
    let types: Vec<&str> = c.params.iter().map(|(_, t)| t.as_str()).collect();
    match types.as_slice() {
        ["void *", "uint64_t", "int64_t"] => Ok(Shape::Progress),
        ["void *", "const uint8_t *", "size_t"] => Ok(Shape::Sink),
        ["void *", "uint8_t *", "size_t", "size_t *"] => Ok(Shape::Source),
        ["void *", "int32_t", "const char *"] if c.retained => Ok(Shape::LogLine),
        ["void *", "char *", "size_t", "size_t *"] if c.retained => Ok(Shape::StringSource),
        _ => Err(format!(
            "callback {typedef} has a shape the C# generator does not know: {types:?}; add it to bind_csharp/members.rs and callbacks.rs"
        )),
    }
}

/// The managed type of a callback parameter.
pub fn callback_managed(api: &Api, typedef: &str) -> Result<String, String> {
    Ok(match shape(api, typedef)? {
        Shape::Progress => "ProgressHandler".to_string(),
        Shape::Sink | Shape::Source => "System.IO.Stream".to_string(),
        Shape::LogLine => format!("Action<{}, string>", level_enum(api, typedef)?),
        Shape::StringSource => "Func<string>".to_string(),
    })
}

/// The enum class of a log line callback's level (`tsc_<x>_<param>` for its parameter).
pub fn level_enum(api: &Api, typedef: &str) -> Result<String, String> {
    let c = api
        .callbacks
        .iter()
        .find(|c| c.name == typedef)
        .ok_or_else(|| format!("unknown callback {typedef}"))?;
    let p = &c.params[1].0;
    let hits: Vec<&str> = api
        .enums
        .iter()
        .map(|e| e.name.as_str())
        .filter(|e| e.ends_with(&format!("_{p}")))
        .collect();
    match hits.as_slice() {
        [one] => Ok(api.class(one)),
        _ => Err(format!("{typedef}: no single enum for its parameter {p}")),
    }
}

/// The thunk class of a callback typedef.
pub fn thunk_class(api: &Api, typedef: &str) -> String {
    format!(
        "{}Thunk",
        api.class(typedef.strip_suffix("_fn").unwrap_or(typedef))
    )
}

/// The enum a scalar parameter takes: an enum whose name ends in `_<param>` or that the
/// parameter's doc names.
pub fn enum_of(api: &Api, p: &Param) -> Option<String> {
    let hits: Vec<&str> = api
        .enums
        .iter()
        .map(|e| e.name.as_str())
        .filter(|e| e.ends_with(&format!("_{}", p.name)) || p.doc.contains(&format!("a `{e}`")))
        .collect();
    if hits.len() == 1 {
        Some(hits[0].to_string())
    } else {
        None
    }
}

/// Whether an `int32_t` parameter is a 0/1 switch.
pub fn is_bool_param(_f: &Func, p: &Param) -> bool {
    // The description marks 0/1 flags (`flag`); `yes` is the name hand-written setters use.
    p.role == "flag" || p.name == "yes"
}

/// The handle a parameter or return refers to, from `handle` or its C type.
pub fn handle_of(c_type: &str, explicit: &Option<String>) -> Option<String> {
    if let Some(h) = explicit {
        return Some(h.clone());
    }
    let t = c_type
        .trim_start_matches("const ")
        .trim_end_matches('*')
        .trim();
    t.starts_with("tsc_").then(|| t.to_string())
}

/// A `(const uint8_t *data, size_t len)` input: a `byte[]` in C#.
pub fn is_bytes_in(p: &Param) -> bool {
    p.c_type.trim() == "const uint8_t *" && !matches!(p.role.as_str(), "callback" | "out")
}

/// Builds the wrapper of `f`.
pub fn body(api: &Api, f: &Func, ctx: &Ctx) -> Result<Body, String> {
    let mut params = Vec::new();
    let mut pre: Vec<String> = Vec::new();
    let mut args = Vec::new();
    let mut post: Vec<String> = Vec::new();
    let mut finally: Vec<String> = Vec::new();
    let mut outs: Vec<(usize, &Param)> = Vec::new();
    let mut is_unsafe = false;
    // handles passed to the call: each held (DangerousAddRef) for the call's duration
    let mut leases: Vec<String> = Vec::new();
    let mut has_err = false;
    // retained callbacks: (the parameter whose handle keeps them, the TscHandle call)
    let mut kept: Vec<(String, String)> = Vec::new();
    let ps = &f.params;
    let managed_count = ps
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            Some(*i) != ctx.self_idx
                && !matches!(p.role.as_str(), "out" | "error" | "count" | "userdata")
                && !(*i > 0 && is_bytes_in(&ps[*i - 1]) && p.c_type == "size_t")
        })
        .count();
    let name_of = |p: &Param| -> String {
        match ctx.value_name {
            Some(v) if managed_count == 1 => v.to_string(),
            _ => camel(&p.name),
        }
    };
    for (i, p) in ps.iter().enumerate() {
        if Some(i) == ctx.self_idx {
            leases.push(ctx.self_expr.to_string());
            args.push(format!("{}.DangerousGetHandle()", ctx.self_expr));
            if let Some(to) = &p.callbacks_kept_by {
                kept.push((to.clone(), format!("RetainCopy({})", ctx.self_expr)));
            }
            continue;
        }
        let n = name_of(p);
        let local = format!("a_{}", p.name);
        match p.role.as_str() {
            "handle" => {
                let h = handle_of(&p.c_type, &p.handle)
                    .ok_or_else(|| format!("{}: parameter {} has no handle", f.name, p.name))?;
                if !api.handles.contains_key(&h) {
                    return Err(format!("{}: unknown handle {h}", f.name));
                }
                params.push((api.class(&h), n.clone(), p.nullable.then(|| "null".into())));
                if !p.nullable {
                    pre.push(format!(
                        "if ({n} == null) throw new ArgumentNullException(\"{n}\");"
                    ));
                }
                leases.push(n.clone());
                args.push(format!("TscHandle.Ptr({n})"));
                if let Some(to) = &p.callbacks_kept_by {
                    kept.push((to.clone(), format!("RetainCopy({n})")));
                }
            }
            "string" => {
                params.push((
                    "string".into(),
                    n.clone(),
                    p.nullable.then(|| "null".into()),
                ));
                if !p.nullable {
                    pre.push(format!(
                        "if ({n} == null) throw new ArgumentNullException(\"{n}\");"
                    ));
                }
                args.push(format!("Utf8.Encode({n})"));
            }
            "string_array" => {
                params.push((
                    "System.Collections.Generic.IEnumerable<string>".into(),
                    n.clone(),
                    None,
                ));
                pre.push(format!(
                    "if ({n} == null) throw new ArgumentNullException(\"{n}\");"
                ));
                pre.push(format!("var {local} = new Utf8Array({n});"));
                finally.push(format!("{local}.Dispose();"));
                args.push(format!("{local}.Pointers"));
            }
            "count" => {
                let arr = ps[..i]
                    .iter()
                    .rev()
                    .find(|q| q.role == "string_array")
                    .ok_or_else(|| format!("{}: count {} without an array", f.name, p.name))?;
                args.push(format!("(UIntPtr)a_{}.Count", arr.name));
            }
            "callback" => {
                let ty = callback_managed(api, p.c_type.trim())?;
                let thunk = thunk_class(api, p.c_type.trim());
                params.push((ty, n.clone(), p.nullable.then(|| "null".into())));
                if !p.nullable {
                    pre.push(format!(
                        "if ({n} == null) throw new ArgumentNullException(\"{n}\");"
                    ));
                }
                pre.push(format!(
                    "var {local} = {n} == null ? null : new {thunk}({n});"
                ));
                args.push(format!("{local} == null ? null : {local}.Fn"));
                if p.ownership == "retained" {
                    // kept by a native handle and called later from any thread: the handle's
                    // object (and every one the library copies it into) keeps the thunk
                    let by = p.kept_by.clone().ok_or_else(|| {
                        format!("{}: retained {} without kept_by", f.name, p.name)
                    })?;
                    kept.push((by, format!("Retain(\"{}\", {local})", f.name)));
                    finally.push(format!("GC.KeepAlive({local});"));
                    continue;
                }
                if ctx.retain_callbacks && ctx.self_idx.is_some() {
                    post.insert(0, format!("Retain(\"{}\", {local});", p.name));
                }
                finally.push(format!("GC.KeepAlive({local});"));
            }
            "userdata" => args.push("IntPtr.Zero".into()),
            _ if is_bytes_in(p) => {
                params.push((
                    "byte[]".into(),
                    n.clone(),
                    p.nullable.then(|| "null".into()),
                ));
                args.push(n);
            }
            _ if i > 0 && is_bytes_in(&ps[i - 1]) && p.c_type == "size_t" => {
                args.push(format!(
                    "(UIntPtr)({} == null ? 0 : {}.Length)",
                    name_of(&ps[i - 1]),
                    name_of(&ps[i - 1])
                ));
            }
            "out" => {
                pre.push(format!("IntPtr o_{} = IntPtr.Zero;", p.name));
                args.push(format!("out o_{}", p.name));
                outs.push((i, p));
            }
            "error" => {
                has_err = true;
                pre.push("IntPtr err = IntPtr.Zero;".into());
                args.push("ref err".into());
            }
            _ => {
                let (ty, arg) = scalar_in(api, f, p, &n, ctx.field_ty)?;
                params.push((ty, n, None));
                args.push(arg);
            }
        }
    }
    let call = format!("Native.{}({})", f.name, args.join(", "));
    let mut lines = pre;
    let mut ret = "void".to_string();
    let mut result_expr: Option<String> = None;
    match f.ret.kind.as_str() {
        "status" if has_err => {
            lines.push(format!("int st = {call};"));
            post.insert(0, "Errors.Check(st, err);".into());
            // the primary output is returned, the others are C# out parameters
            let primary = outs
                .iter()
                .position(|(_, p)| !p.nullable)
                .or(if outs.is_empty() { None } else { Some(0) });
            for (by, call) in &kept {
                let k = ps
                    .iter()
                    .position(|q| &q.name == by)
                    .ok_or_else(|| format!("{}: kept_by names no parameter {by}", f.name))?;
                if Some(k) == ctx.self_idx {
                    post.push(format!("{}.{call};", ctx.self_expr));
                } else if ps[k].role != "out" {
                    post.push(format!("{}.{call};", name_of(&ps[k])));
                }
            }
            for (k, (_, p)) in outs.iter().enumerate() {
                let (ty, mut conv) = out_conv(api, f, p)?;
                for (_, call) in kept.iter().filter(|(by, _)| *by == p.name) {
                    conv = format!("TscHandle.Keeping(({conv}), h => h.{call})");
                }
                if Some(k) == primary {
                    ret = ty;
                    result_expr = Some(conv);
                } else {
                    let n = camel(&p.name);
                    params.push((format!("out {ty}"), n.clone(), None));
                    pre_out(&mut lines, &n);
                    post.push(format!("{n} = {conv};"));
                }
            }
        }
        "none" => lines.push(format!("{call};")),
        "string" => {
            ret = "string".into();
            lines.push(format!("IntPtr r = {call};"));
            result_expr = Some(if f.ret.ownership == "owned" {
                "Utf8.TakeOwned(r)".into()
            } else {
                "Utf8.Borrowed(r)".into()
            });
        }
        "handle" => {
            let h = handle_of(&f.ret.c_type, &f.ret.handle)
                .ok_or_else(|| format!("{}: returns no known handle", f.name))?;
            ret = api.class(&h);
            lines.push(format!("IntPtr r = {call};"));
            let owner = if f.ret.ownership == "owned" {
                "null".to_string()
            } else if ctx.self_idx.is_some() {
                "this".to_string()
            } else {
                return Err(format!("{}: a borrowed handle without an owner", f.name));
            };
            result_expr = Some(format!("r == IntPtr.Zero ? null : new {ret}(r, {owner})"));
        }
        "bytes" => {
            return Err(format!(
                "{}: returns bytes; only a bytes handle's data getter (with its _len) is wrapped",
                f.name
            ))
        }
        _ => {
            let (ty, conv) = scalar_out(api, f, ctx.field_ty)?;
            ret = ty;
            lines.push(format!("var r = {call};"));
            result_expr = Some(conv);
        }
    }
    let mut all = Vec::new();
    if finally.is_empty() {
        all.extend(lines);
        all.extend(post);
        if let Some(r) = &result_expr {
            all.push(format!("return {r};"));
        }
    } else {
        // argument checks first, then the disposables, then the call inside try/finally
        let checks: Vec<String> = lines
            .iter()
            .filter(|l| l.starts_with("if ("))
            .cloned()
            .collect();
        let vars: Vec<String> = lines
            .iter()
            .filter(|l| l.starts_with("var a_"))
            .cloned()
            .collect();
        let inside: Vec<String> = lines
            .into_iter()
            .filter(|l| !l.starts_with("if (") && !l.starts_with("var a_"))
            .collect();
        all.extend(checks);
        all.extend(vars);
        all.push("try".into());
        all.push("{".into());
        all.extend(inside.into_iter().map(|l| format!("    {l}")));
        all.extend(post.iter().map(|l| format!("    {l}")));
        if let Some(r) = &result_expr {
            all.push(format!("    return {r};"));
        }
        all.push("}".into());
        all.push("finally".into());
        all.push("{".into());
        all.extend(finally.iter().map(|l| format!("    {l}")));
        all.push("}".into());
    }
    if !leases.is_empty() {
        let mut wrapped: Vec<String> = leases
            .iter()
            .map(|l| format!("using (new Lease({l}))"))
            .collect();
        wrapped.push("{".into());
        wrapped.extend(all.into_iter().map(|l| format!("    {l}")));
        wrapped.push("}".into());
        all = wrapped;
    }
    if ret.contains('*') {
        is_unsafe = true;
    }
    Ok(Body {
        params,
        ret,
        lines: all,
        is_unsafe,
    })
}

fn pre_out(lines: &mut Vec<String>, n: &str) {
    lines.insert(0, format!("{n} = null;"));
}

/// The managed type and argument of a scalar input.
fn scalar_in(
    api: &Api,
    f: &Func,
    p: &Param,
    n: &str,
    field_ty: Option<&str>,
) -> Result<(String, String), String> {
    Ok(match p.c_type.as_str() {
        "int32_t" if field_ty == Some("bool") => (
            "bool?".into(),
            format!("{n}.HasValue ? ({n}.Value ? 1 : 0) : -1"),
        ),
        "int32_t" if is_bool_param(f, p) => ("bool".into(), format!("{n} ? 1 : 0")),
        "int32_t" | "tsc_status" => match enum_of(api, p) {
            Some(e) => (api.class(&e), format!("(int){n}")),
            None => ("int".into(), n.to_string()),
        },
        "int64_t" if field_ty == Some("int64") => (
            "long?".into(),
            format!("{n}.HasValue ? {n}.Value : Constants.AbsentInt"),
        ),
        "int64_t" => ("long".into(), n.to_string()),
        "uint32_t" => ("uint".into(), n.to_string()),
        "uint64_t" => ("ulong".into(), n.to_string()),
        "size_t" => ("long".into(), format!("checked((UIntPtr)(ulong){n})")),
        "char *" => ("IntPtr".into(), n.to_string()),
        c => return Err(format!("{}: parameter {} of C type {c}", f.name, p.name)),
    })
}

/// The managed type and conversion of a scalar result `r`.
fn scalar_out(api: &Api, f: &Func, field_ty: Option<&str>) -> Result<(String, String), String> {
    Ok(match f.ret.c_type.as_str() {
        "tsc_status" => ("global::Tsc.Status".into(), "(global::Tsc.Status)r".into()),
        "int32_t" if field_ty == Some("bool") => {
            ("bool?".into(), "r < 0 ? (bool?)null : r != 0".into())
        }
        "int32_t" if f.doc.starts_with("1 if") => ("bool".into(), "r != 0".into()),
        "int32_t" => ("int".into(), "r".into()),
        "int64_t" if field_ty == Some("int64") => (
            "long?".into(),
            "r == Constants.AbsentInt ? (long?)null : r".into(),
        ),
        "int64_t" => ("long".into(), "r".into()),
        "uint32_t" => ("uint".into(), "r".into()),
        "uint64_t" => ("ulong".into(), "r".into()),
        "size_t" => ("long".into(), "(long)(ulong)r".into()),
        c => {
            let _ = api;
            return Err(format!("{}: returns C type {c}", f.name));
        }
    })
}

/// The managed type and conversion of an output `o_<name>`.
fn out_conv(api: &Api, f: &Func, p: &Param) -> Result<(String, String), String> {
    let o = format!("o_{}", p.name);
    if p.c_type.trim() == "char **" {
        return Ok(("string".into(), format!("Utf8.TakeOwned({o})")));
    }
    let h = handle_of(p.c_type.trim_end_matches('*').trim(), &p.handle)
        .ok_or_else(|| format!("{}: output {} of C type {}", f.name, p.name, p.c_type))?;
    if !api.handles.contains_key(&h) {
        return Err(format!("{}: output of unknown handle {h}", f.name));
    }
    let cls = api.class(&h);
    Ok((
        cls.clone(),
        format!("{o} == IntPtr.Zero ? null : new {cls}({o}, null)"),
    ))
}

/// A method from a body.
/// Defaults are kept only on trailing parameters.
pub fn method(doc: &str, name: &str, is_static: bool, b: &Body) -> String {
    let first_default = b
        .params
        .iter()
        .rposition(|p| p.2.is_none())
        .map_or(0, |i| i + 1);
    let ps: Vec<String> = b
        .params
        .iter()
        .enumerate()
        .map(|(i, (t, n, d))| match d {
            Some(d) if i >= first_default => format!("{t} {n} = {d}"),
            _ => format!("{t} {n}"),
        })
        .collect();
    let mut o = String::from(doc);
    o.push_str(&format!(
        "        public {}{}{} {name}({})\n        {{\n",
        if is_static { "static " } else { "" },
        if b.is_unsafe { "unsafe " } else { "" },
        b.ret,
        ps.join(", ")
    ));
    for l in &b.lines {
        o.push_str(&format!("            {l}\n"));
    }
    o.push_str("        }\n");
    o
}

/// For a wrapper with C# `out` parameters (secondary outputs the C side allows to be NULL): an
/// overload without them, which disposes what they would have received. Empty otherwise.
pub fn short_overload(doc: &str, name: &str, is_static: bool, b: &Body) -> String {
    let outs: Vec<&(String, String, Option<String>)> = b
        .params
        .iter()
        .filter(|p| p.0.starts_with("out "))
        .collect();
    if outs.is_empty() {
        return String::new();
    }
    let params: Vec<(String, String, Option<String>)> = b
        .params
        .iter()
        .filter(|p| !p.0.starts_with("out "))
        .cloned()
        .collect();
    let mut lines = Vec::new();
    for (t, n, _) in &outs {
        lines.push(format!("{} {n};", t.trim_start_matches("out ")));
    }
    let args: Vec<String> = b
        .params
        .iter()
        .map(|(t, n, _)| {
            if t.starts_with("out ") {
                format!("out {n}")
            } else {
                n.clone()
            }
        })
        .collect();
    let call = format!("{name}({})", args.join(", "));
    if b.ret == "void" {
        lines.push(format!("{call};"));
    } else {
        lines.push(format!("var r = {call};"));
    }
    for (_, n, _) in &outs {
        lines.push(format!("if ({n} != null) {n}.Dispose();"));
    }
    if b.ret != "void" {
        lines.push("return r;".into());
    }
    let short = Body {
        params,
        ret: b.ret.clone(),
        lines,
        is_unsafe: false,
    };
    format!("\n{}", method(doc, name, is_static, &short))
}

/// The C# member name of a function: the C name without `tsc_<prefix>_`, `new` read as `Create`.
pub fn member_name(f: &Func, prefix: &str) -> String {
    let rest = f
        .name
        .strip_prefix(&format!("tsc_{}_", prefix.trim_start_matches("tsc_")))
        .unwrap_or(f.name.trim_start_matches("tsc_"));
    let rest = if rest == "new" {
        "create".to_string()
    } else if let Some(r) = rest.strip_prefix("new_") {
        format!("create_{r}")
    } else {
        rest.to_string()
    };
    pascal(&rest)
}
