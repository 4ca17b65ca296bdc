//! One C++ wrapper per C function, read from the function's entry in the API description:
//! its parameters' roles give the C++ parameters (strings, handles, enums, callbacks) and its
//! outputs the return value; a fallible call throws `tsc::error`. Anything this does not know
//! (a role, a type, an ownership) stops generation with the function's name.

use super::names;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// What the generator knows about the whole API.
pub struct Ctx<'a> {
    /// Handles by C name.
    pub handles: BTreeMap<String, &'a Value>,
    /// Accessor function -> (field, "get" | "set" | "count").
    pub fields: HashMap<String, (&'a Value, &'static str)>,
    /// Enums by C name.
    pub enums: BTreeMap<String, &'a Value>,
    /// Callback typedefs by C name.
    pub callbacks: BTreeMap<String, &'a Value>,
    /// The macro for an absent integer.
    pub absent_int: String,
    /// Handles that may hold retained callbacks (their owning classes release them when freed).
    pub holders: std::collections::BTreeSet<String>,
}

/// How the wrapper reaches the C handle it is called on.
#[derive(Clone, Copy, PartialEq)]
pub enum Recv {
    /// A namespace function or a static member: no receiver.
    None,
    /// A const member of a `_ref` class: `p_`.
    Ref,
    /// A member of an owning class: the mutable pointer.
    Owner,
    /// A member of an endpoint group: `s_`.
    Api,
}

/// A generated C++ function.
pub struct Method {
    pub c_name: String,
    pub name: String,
    pub doc: String,
    pub is_static: bool,
    pub is_const: bool,
    pub ret: String,
    /// (declaration, default) of each C++ parameter.
    pub params: Vec<(String, Option<String>)>,
    pub body: String,
    /// The result borrows from the receiver: an owning class adds an `&&` overload returning
    /// this (return type, body) instead, so nothing dangles on a temporary.
    pub rvalue: Option<(String, String)>,
    /// The C++ fields an owning class needs for retained callbacks: (type, name).
    pub members: Vec<(String, String)>,
    /// A multi-output result struct: (name, members as (type, name)).
    pub result_struct: Option<(String, Vec<(String, String)>)>,
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or("")
}

/// `const tsc_workbook *` -> `tsc_workbook`.
pub fn pointee(c_type: &str) -> String {
    c_type
        .trim_start_matches("const ")
        .trim_end_matches('*')
        .trim()
        .trim_end_matches('*')
        .trim()
        .to_string()
}

fn fail(f: &Value, why: &str) -> ! {
    panic!(
        "bind_cpp: cannot wrap {}: {why} (extend tools/gen/src/bind_cpp/wrap.rs)",
        s(f, "name")
    )
}

/// The C++ enum for an `int32_t` parameter `name`, when exactly one enum is named `tsc_<name>`
/// or `tsc_..._<name>`.
fn enum_for<'a>(ctx: &'a Ctx, name: &str) -> Option<&'a str> {
    let hits: Vec<&str> = ctx
        .enums
        .keys()
        .filter(|e| **e == format!("tsc_{name}") || e.ends_with(&format!("_{name}")))
        .map(String::as_str)
        .collect();
    (hits.len() == 1).then(|| hits[0])
}

const SCALARS: &[&str] = &["int32_t", "uint32_t", "int64_t", "uint64_t", "size_t"];

fn scalar(c: &str) -> Option<String> {
    SCALARS.contains(&c).then(|| format!("std::{c}"))
}

/// The trampoline of callback typedef `name`.
pub fn trampoline(name: &str) -> String {
    format!(
        "tsccpp_{}_trampoline",
        name.strip_prefix("tsc_").unwrap_or(name)
    )
}

/// The C++ type of callback typedef `name`.
pub fn callback_type(name: &str) -> String {
    format!("::tsc::{}", names::class(name))
}

/// Wraps `f` as a member reached through `recv` (the first parameter is the receiver unless
/// `recv` is `None`), named `name`.
pub fn wrap(ctx: &Ctx, f: &Value, recv: Recv, name: String, owner_class: &str) -> Method {
    let c_name = s(f, "name").to_string();
    let params = f["params"].as_array().cloned().unwrap_or_default();
    let first = if recv == Recv::None { 0 } else { 1 };
    let field = ctx.fields.get(&c_name).copied();
    let fallible = params.iter().any(|p| s(p, "role") == "error");
    let mut c_args: Vec<String> = vec![String::new(); params.len()];
    if recv != Recv::None {
        if params.is_empty() {
            fail(f, "a member without a receiver parameter");
        }
        c_args[0] = match recv {
            Recv::Ref => "p_".into(),
            Recv::Owner => {
                if s(&params[0], "c_type").starts_with("const ") {
                    "p_".into()
                } else {
                    "c_handle_mut()".into()
                }
            }
            Recv::Api => "s_".into(),
            Recv::None => unreachable!(),
        };
    }
    let mut cpp: Vec<(String, bool)> = Vec::new(); // (declaration, may default)
    let mut pre: Vec<String> = Vec::new();
    let mut post: Vec<String> = Vec::new();
    let mut outs: Vec<(String, String, String)> = Vec::new(); // (C++ type, local, member name)
    let mut members = Vec::new();
    let mut used = vec![false; params.len()];
    // Retained callbacks: (holder parameter, what to keep) resolved once every argument is known.
    let mut keeps: Vec<(String, String)> = Vec::new();
    if first == 1 {
        if let Some(to) = params[0]["callbacks_kept_by"].as_str() {
            keeps.push((to.to_string(), format!("copy:{}", c_args[0])));
        }
    }
    for (i, p) in params.iter().enumerate().skip(first) {
        if used[i] {
            continue;
        }
        used[i] = true;
        let pname = names::ident(s(p, "name"));
        let c_type = s(p, "c_type");
        let nullable = p["nullable"].as_bool().unwrap_or(false);
        let partner = |role: &str, used: &mut Vec<bool>| -> usize {
            let j = (i + 1..params.len())
                .find(|&j| !used[j] && s(&params[j], "role") == role)
                .unwrap_or_else(|| fail(f, &format!("a parameter without its {role}")));
            used[j] = true;
            j
        };
        match s(p, "role") {
            "handle" => {
                let h = s(p, "handle");
                if !ctx.handles.contains_key(h) {
                    fail(f, &format!("unknown handle {h}"));
                }
                if let Some(to) = p["callbacks_kept_by"].as_str() {
                    keeps.push((to.to_string(), format!("copy:{pname}.c_handle()")));
                }
                match (s(p, "ownership"), c_type.starts_with("const ")) {
                    ("consumed", _) => {
                        cpp.push((format!("::tsc::{}&& {pname}", names::class(h)), false));
                        c_args[i] = format!("{pname}.release()");
                    }
                    (_, true) => {
                        cpp.push((format!("::tsc::{} {pname}", names::ref_class(h)), nullable));
                        c_args[i] = format!("{pname}.c_handle()");
                    }
                    (_, false) => {
                        cpp.push((format!("::tsc::{}& {pname}", names::class(h)), false));
                        c_args[i] = format!("{pname}.c_handle_mut()");
                    }
                }
            }
            "string" => {
                let ty = if nullable {
                    "::tsc::nullable_string_arg"
                } else {
                    "::tsc::string_arg"
                };
                cpp.push((format!("const {ty}& {pname}"), nullable));
                c_args[i] = format!("{pname}.c_str()");
            }
            "string_array" => {
                let j = partner("count", &mut used);
                cpp.push((format!("const ::tsc::string_list_arg& {pname}"), false));
                c_args[i] = format!("{pname}.data()");
                c_args[j] = format!("{pname}.size()");
            }
            "count" => fail(f, "a count without a string array before it"),
            "flag" => {
                cpp.push((format!("bool {pname}"), false));
                c_args[i] = format!("({pname} ? 1 : 0)");
            }
            "value" => {
                let fty = field.map(|(fl, _)| s(fl, "type"));
                match (fty, c_type) {
                    (Some("bool"), "int32_t") => {
                        cpp.push((format!("std::optional<bool> {pname}"), false));
                        c_args[i] = format!("::tsc::detail::c_bool({pname})");
                    }
                    (Some("int64"), "int64_t") => {
                        cpp.push((format!("std::optional<std::int64_t> {pname}"), false));
                        c_args[i] = format!("({pname} ? *{pname} : {})", ctx.absent_int);
                    }
                    (_, "int32_t") if enum_for(ctx, s(p, "name")).is_some() => {
                        let e = enum_for(ctx, s(p, "name")).unwrap();
                        cpp.push((format!("::tsc::{} {pname}", names::class(e)), false));
                        c_args[i] = format!("static_cast<std::int32_t>({pname})");
                    }
                    (_, "int32_t") if s(p, "name") == "yes" => {
                        cpp.push((format!("bool {pname}"), false));
                        c_args[i] = format!("({pname} ? 1 : 0)");
                    }
                    (_, c) => match scalar(c) {
                        Some(t) => {
                            cpp.push((format!("{t} {pname}"), false));
                            c_args[i] = pname.clone();
                        }
                        None => fail(f, &format!("a value of type {c}")),
                    },
                }
            }
            "callback" => {
                let cb = c_type.trim();
                if !ctx.callbacks.contains_key(cb) {
                    fail(f, &format!("unknown callback type {cb}"));
                }
                let j = partner("userdata", &mut used);
                let ty = callback_type(cb);
                let tr = trampoline(cb);
                if s(p, "ownership") == "retained" {
                    // Kept by the C handle `kept_by`, called later from any thread: the callable
                    // lives in the runtime's registry as long as a handle holding it.
                    let by = p["kept_by"]
                        .as_str()
                        .unwrap_or_else(|| fail(f, "a retained callback without kept_by"));
                    cpp.push((format!("{ty} {pname}"), nullable));
                    pre.push(format!(
                        "std::shared_ptr<const {ty}> keep_{pname} = {pname} ? std::make_shared<const {ty}>(std::move({pname})) : nullptr;"
                    ));
                    c_args[i] = format!("keep_{pname} ? &{tr} : nullptr");
                    c_args[j] = format!(
                        "keep_{pname} ? const_cast<void*>(static_cast<const void*>(keep_{pname}.get())) : nullptr"
                    );
                    keeps.push((by.to_string(), format!("keep:keep_{pname}")));
                } else if recv == Recv::Owner {
                    // Retained by the C object: kept alive by the owning C++ object.
                    let member = format!("cb_{}_", s(p, "name"));
                    members.push((format!("std::shared_ptr<{ty}>"), member.clone()));
                    cpp.push((format!("{ty} {pname}"), nullable));
                    pre.push(format!(
                        "std::shared_ptr<{ty}> keep_{pname} = {pname} ? std::make_shared<{ty}>(std::move({pname})) : nullptr;"
                    ));
                    c_args[i] = format!("keep_{pname} ? &{tr} : nullptr");
                    c_args[j] = format!("static_cast<void*>(keep_{pname}.get())");
                    post.push(format!(
                        "if (static_cast<int>(st_) == 0) {member} = std::move(keep_{pname});"
                    ));
                } else {
                    cpp.push((format!("const {ty}& {pname}"), nullable));
                    c_args[i] = format!("{pname} ? &{tr} : nullptr");
                    c_args[j] = format!(
                        "{pname} ? const_cast<void*>(static_cast<const void*>(&{pname})) : nullptr"
                    );
                }
            }
            "userdata" => fail(f, "userdata without a callback before it"),
            "out" => {
                let local = format!("o_{}", s(p, "name"));
                let member = s(p, "name").strip_suffix("_out").unwrap_or(s(p, "name"));
                let h = p["handle"].as_str();
                let (ty, decl, adopt) = match (h, pointee(c_type).as_str()) {
                    (Some(h), _) if ctx.handles.contains_key(h) => {
                        let cls = format!("::tsc::{}", names::class(h));
                        (
                            cls.clone(),
                            format!("{h} *{local} = nullptr;"),
                            format!("{cls} r_{local}({local});"),
                        )
                    }
                    (None, "char") => (
                        "std::optional<std::string>".to_string(),
                        format!("char *{local} = nullptr;"),
                        format!("std::optional<std::string> r_{local} = ::tsc::detail::owned_string({local});"),
                    ),
                    (None, c) if scalar(c).is_some() => {
                        let t = scalar(c).unwrap();
                        (
                            t.clone(),
                            format!("{c} {local} = 0;"),
                            format!("{t} r_{local} = {local};"),
                        )
                    }
                    (_, c) => fail(f, &format!("an output of type {c}")),
                };
                let member = if member == "out" {
                    h.map(names::class).unwrap_or_else(|| "value".into())
                } else {
                    names::ident(member)
                };
                pre.push(decl);
                post.insert(0, adopt);
                c_args[i] = format!("&{local}");
                outs.push((ty, format!("r_{local}"), member));
            }
            "error" => {
                c_args[i] = "&err_".into();
            }
            r => fail(f, &format!("unknown role {r}")),
        }
    }
    for (by, what) in keeps {
        let k = params
            .iter()
            .position(|p| s(p, "name") == by)
            .unwrap_or_else(|| fail(f, &format!("kept_by names no parameter {by}")));
        let holder = if s(&params[k], "role") == "out" {
            format!("o_{by}")
        } else {
            c_args[k].clone()
        };
        let stmt = match what.split_once(':') {
            Some(("keep", v)) => format!("::tsc::detail::retain({holder}, \"{c_name}\", {v});"),
            Some((_, from)) => format!("::tsc::detail::retain_copy({holder}, {from});"),
            None => unreachable!(),
        };
        post.push(format!("if (static_cast<int>(st_) == 0) {stmt}"));
    }
    // Defaults for the trailing parameters that may be absent.
    let mut params_out: Vec<(String, Option<String>)> = Vec::new();
    let mut defaulting = true;
    for (decl, may) in cpp.into_iter().rev() {
        defaulting = defaulting && may;
        params_out.push((decl, defaulting.then(|| "{}".to_string())));
    }
    params_out.reverse();

    let call = format!("{c_name}({})", c_args.join(", "));
    let ret = &f["returns"];
    let mut rvalue = None;
    let mut result_struct = None;
    let (ret_ty, body) = if fallible {
        if s(ret, "c_type") != "tsc_status" {
            fail(f, "a fallible function that does not return tsc_status");
        }
        let mut b = String::from("    tsc_error *err_ = nullptr;\n");
        for l in &pre {
            b += &format!("    {l}\n");
        }
        b += &format!("    tsc_status st_ = {call};\n");
        for l in &post {
            b += &format!("    {l}\n");
        }
        b += "    ::tsc::detail::check(st_, err_);\n";
        let is_setter = s(f, "kind") == "setter" && recv == Recv::Owner && outs.is_empty();
        let ty = match outs.len() {
            0 if is_setter => {
                b += "    return *this;\n";
                format!("::tsc::{owner_class}&")
            }
            0 => "void".into(),
            1 => {
                b += &format!("    return {};\n", outs[0].1);
                outs[0].0.clone()
            }
            _ => {
                let sname = format!("{name}_result").trim_start_matches('_').to_string();
                let sname = sname.replace("__", "_");
                let fields: Vec<(String, String)> = outs
                    .iter()
                    .map(|(t, _, m)| (t.clone(), m.clone()))
                    .collect();
                let moves: Vec<String> = outs
                    .iter()
                    .map(|(_, l, _)| format!("std::move({l})"))
                    .collect();
                let qualified = if recv == Recv::None {
                    format!("::tsc::{sname}")
                } else {
                    format!("::tsc::{owner_class}::{sname}")
                };
                b += &format!("    return {qualified}{{{}}};\n", moves.join(", "));
                result_struct = Some((sname, fields));
                qualified
            }
        };
        (ty, b)
    } else {
        if !pre.is_empty() || !outs.is_empty() {
            fail(f, "outputs or callbacks without an error parameter");
        }
        let fty = field.map(|(fl, _)| s(fl, "type"));
        let c_ret = s(ret, "c_type");
        match s(ret, "kind") {
            "none" => ("void".into(), format!("    {call};\n")),
            "string" => match s(ret, "ownership") {
                "borrowed" => {
                    rvalue = Some((
                        "std::optional<std::string>".into(),
                        format!("    return ::tsc::detail::copied({call});\n"),
                    ));
                    (
                        "std::optional<std::string_view>".into(),
                        format!("    return ::tsc::detail::borrowed({call});\n"),
                    )
                }
                "static" => (
                    "std::string_view".into(),
                    format!("    return ::tsc::detail::static_str({call});\n"),
                ),
                "owned" => (
                    "std::optional<std::string>".into(),
                    format!("    return ::tsc::detail::owned_string({call});\n"),
                ),
                o => fail(f, &format!("a string return owned as {o}")),
            },
            "value" => match (fty, c_ret) {
                (Some("bool"), "int32_t") => (
                    "std::optional<bool>".into(),
                    format!("    return ::tsc::detail::opt_bool({call});\n"),
                ),
                (Some("int64"), "int64_t") => (
                    "std::optional<std::int64_t>".into(),
                    format!(
                        "    std::int64_t v_ = {call};\n    if (v_ == {}) return std::nullopt;\n    return v_;\n",
                        ctx.absent_int
                    ),
                ),
                (_, c) => match scalar(c) {
                    Some(t) => (t, format!("    return {call};\n")),
                    None => fail(f, &format!("a return value of type {c}")),
                },
            },
            "status" => {
                let e = ctx
                    .enums
                    .keys()
                    .find(|e| **e == c_ret)
                    .unwrap_or_else(|| fail(f, "a status type that is not an enum"));
                let t = format!("::tsc::{}", names::class(e));
                (t.clone(), format!("    return static_cast<{t}>({call});\n"))
            }
            "handle" => {
                let h = pointee(c_ret);
                if !ctx.handles.contains_key(&h) {
                    fail(f, &format!("a return of unknown handle {h}"));
                }
                match s(ret, "ownership") {
                    "owned" => {
                        let t = format!("::tsc::{}", names::class(&h));
                        (
                            t.clone(),
                            format!("    return {t}(const_cast<{h} *>({call}));\n"),
                        )
                    }
                    "borrowed" => {
                        let t = format!("::tsc::{}", names::ref_class(&h));
                        if ctx.handles[&h].get("clone").is_some() {
                            rvalue = Some((
                                format!("::tsc::{}", names::class(&h)),
                                format!("    return {t}({call}).clone();\n"),
                            ));
                        }
                        (t.clone(), format!("    return {t}({call});\n"))
                    }
                    o => fail(f, &format!("a handle return owned as {o}")),
                }
            }
            "bytes" if c_ret == "const uint8_t *" => {
                ("const std::uint8_t*".into(), format!("    return {call};\n"))
            }
            k => fail(f, &format!("a return of kind {k}")),
        }
    };
    Method {
        c_name,
        name,
        doc: s(f, "doc").to_string(),
        is_static: recv == Recv::None,
        is_const: matches!(recv, Recv::Ref | Recv::Api),
        ret: ret_ty,
        params: params_out,
        body,
        rvalue,
        members,
        result_struct,
    }
}
