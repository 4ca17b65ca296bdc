//! One Go wrapper per C function of tsc-api.json, built from each parameter's `role`: handles
//! pass `x.c()` and are kept alive over the call, strings go through a per-call arena of C copies,
//! outputs are wrapped as owned Go handles or copied strings, the status becomes an `error`,
//! callbacks are bound to the trampolines of callbacks.go, and transfer options get a
//! `context.Context`. Anything the roles do not cover makes generation fail.

use super::names::{c_local, go_type, param, LOCALS};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Where a wrapper goes.
pub enum Recv {
    /// A method on the Go type of this handle; the first C parameter is the receiver.
    Handle(String),
    /// A method on `<Family>Endpoint`; the first C parameter is the server.
    Endpoint(String),
    /// A package-level function.
    Package,
}

/// What a wrapper needs to know about the rest of the API.
pub struct Env<'a> {
    /// Every function by name.
    pub functions: &'a BTreeMap<String, &'a Value>,
    /// Handles that keep callbacks set on them (their states are settled after each call).
    pub holders: &'a BTreeSet<String>,
    /// Handles the runtime owns (no Go type).
    pub runtime_handles: &'a [&'a str],
}

/// The Go type and trampoline of each callback typedef.
pub fn callback(c_type: &str) -> Option<(&'static str, &'static str)> {
    match c_type {
        "tsc_read_fn" => Some(("io.Reader", "goTscRead")),
        "tsc_write_fn" => Some(("io.Writer", "goTscWrite")),
        "tsc_progress_fn" => Some(("ProgressFunc", "goTscProgress")),
        "tsc_log_fn" => Some(("LogFunc", "goTscLog")),
        "tsc_jwt_fn" => Some(("JWTSource", "goTscJWT")),
        _ => None,
    }
}

/// The Go and cgo types of a C value type.
fn value_type(c_type: &str, name: &str) -> (&'static str, &'static str) {
    match c_type {
        "int32_t" => ("int32", "int32_t"),
        "uint32_t" => ("uint32", "uint32_t"),
        "int64_t" => ("int64", "int64_t"),
        "uint64_t" => ("uint64", "uint64_t"),
        "size_t" => ("int", "size_t"),
        "tsc_status" => ("Status", "tsc_status"),
        _ => panic!("bind_go: {name}: no Go type for the C value type `{c_type}`"),
    }
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or("")
}

/// The handle type behind `const tsc_x *` / `tsc_x **`.
fn handle_of<'a>(p: &'a Value, name: &str) -> &'a str {
    p["handle"]
        .as_str()
        .unwrap_or_else(|| panic!("bind_go: {name}: parameter {} has no handle", s(p, "name")))
}

struct Out {
    ty: String,
    zero: &'static str,
    expr: String,
}

/// The Go source of the wrapper of `f`, named `go_name`, placed at `recv`.
pub fn wrap(f: &Value, recv: &Recv, go_name: &str, env: &Env) -> String {
    let name = s(f, "name");
    let kind = s(f, "kind");
    let params = f["params"].as_array().cloned().unwrap_or_default();
    let ret = &f["returns"];
    let recv_expr = match recv {
        Recv::Handle(_) => "x",
        Recv::Endpoint(_) => "e.s",
        Recv::Package => "",
    };
    let own_handle = match recv {
        Recv::Handle(h) => h.as_str(),
        _ => "",
    };
    let is_setter = kind == "setter" && matches!(recv, Recv::Handle(_));

    let mut go_params: Vec<String> = Vec::new();
    let mut ctx_lines: Vec<String> = Vec::new();
    let mut strings: Vec<String> = Vec::new();
    let mut pre: Vec<String> = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let mut keep: Vec<String> = Vec::new();
    let mut states: Vec<String> = Vec::new();
    let mut on_ok: Vec<String> = Vec::new();
    let mut on_fail: Vec<String> = Vec::new();
    let mut outs: Vec<Out> = Vec::new();
    let mut has_err = false;
    let mut last_array: Option<String> = None;
    let mut pending_ud: Option<String> = None;
    // Retained callbacks: (holder parameter, Go statement with HOLDER for its retained set).
    let mut kept: Vec<(String, String)> = Vec::new();
    let mut seen: BTreeSet<String> = LOCALS.iter().map(|l| l.to_string()).collect();

    for (i, p) in params.iter().enumerate() {
        let role = s(p, "role");
        let pname = s(p, "name");
        let ctype = s(p, "c_type");
        let nullable = p["nullable"].as_bool().unwrap_or(false);
        if i == 0 && !matches!(recv, Recv::Package) {
            assert_eq!(
                role, "handle",
                "bind_go: {name}: the receiver must be a handle"
            );
            args.push(format!("{recv_expr}.c()"));
            keep.push(recv_expr.to_string());
            if let Some(to) = p["callbacks_kept_by"].as_str() {
                kept.push((
                    to.to_string(),
                    format!("HOLDER.keep.copyKept(&{recv_expr}.keep)"),
                ));
            }
            continue;
        }
        let g = param(pname);
        let cl = c_local(pname);
        assert!(
            seen.insert(g.clone()) && seen.insert(cl.clone()),
            "bind_go: {name}: parameter name {g} clashes"
        );
        match role {
            "handle" => {
                let h = handle_of(p, name);
                assert!(
                    !env.runtime_handles.contains(&h),
                    "bind_go: {name}: a {h} parameter has no Go type"
                );
                go_params.push(format!("{g} *{}", go_type(h)));
                if h == "tsc_transfer_options" && own_handle != h {
                    ctx_lines.push(format!("{g}, release, ctxErr := bindContext(ctx, {g})"));
                    ctx_lines.push("if ctxErr != nil {".into());
                    ctx_lines.push("\treturn ZEROS ctxErr".into());
                    ctx_lines.push("}".into());
                    ctx_lines.push("defer release()".into());
                }
                args.push(format!("{g}.c()"));
                keep.push(g.clone());
                if env.holders.contains(h) {
                    states.push(format!("{g}.states()"));
                }
                if is_setter {
                    on_ok.push(format!("x.keep.keep({name:?}, {g}, {g} != nil)"));
                }
                if let Some(to) = p["callbacks_kept_by"].as_str() {
                    kept.push((to.to_string(), format!("HOLDER.keep.copyKept(&{g}.keep)")));
                }
            }
            "string" => {
                go_params.push(format!("{g} string"));
                let f = if nullable { "optStr" } else { "str" };
                strings.push(format!("{cl} := ar.{f}({g})"));
                args.push(cl);
            }
            "string_array" => {
                go_params.push(format!("{g} []string"));
                strings.push(format!("{cl} := ar.strs({g})"));
                args.push(cl);
                last_array = Some(g);
            }
            "count" => {
                let a = last_array
                    .take()
                    .unwrap_or_else(|| panic!("bind_go: {name}: a count without an array"));
                args.push(format!("C.size_t(len({a}))"));
            }
            "value" => {
                let (gt, ct) = value_type(ctype, name);
                go_params.push(format!("{g} {gt}"));
                args.push(format!("C.{ct}({g})"));
            }
            "flag" => {
                go_params.push(format!("{g} bool"));
                args.push(format!("cbool({g})"));
            }
            "callback" => {
                let (gt, tramp) = callback(ctype).unwrap_or_else(|| {
                    panic!("bind_go: {name}: no trampoline for the callback type {ctype}")
                });
                go_params.push(format!("{g} {gt}"));
                let b = format!("{cl}B");
                let fnv = format!("{cl}Fn");
                if s(p, "ownership") == "retained" {
                    // Kept by the C handle `kept_by` and called later from any thread: counted
                    // references (see retained in handles.go), never settled after a call.
                    let by = p["kept_by"]
                        .as_str()
                        .unwrap_or_else(|| panic!("bind_go: {name}: retained without kept_by"));
                    pre.push(format!("{b} := bindRetained({g}, {g} != nil)"));
                    on_fail.push(format!("{b}.unref()"));
                    kept.push((
                        by.to_string(),
                        format!("HOLDER.keep.setKept({name:?}, {b})"),
                    ));
                    pre.push(format!("var {fnv} C.{ctype}"));
                    pre.push(format!("if {b} != nil {{"));
                    pre.push(format!("\t{fnv} = C.{ctype}(C.{tramp})"));
                    pre.push("}".into());
                    args.push(fnv);
                    pending_ud = Some(b);
                    continue;
                }
                pre.push(format!("{b} := bind({g}, {g} != nil)"));
                if is_setter {
                    on_ok.push(format!("x.keep.setCallback({name:?}, {b}.h, {b}.ok)"));
                    on_fail.push(format!("{b}.drop()"));
                } else {
                    pre.push(format!("defer {b}.drop()"));
                    states.push(format!("[]*callState{{{b}.st}}"));
                }
                pre.push(format!("var {fnv} C.{ctype}"));
                pre.push(format!("if {b}.ok {{"));
                pre.push(format!("\t{fnv} = C.{ctype}(C.{tramp})"));
                pre.push("}".into());
                args.push(fnv);
                pending_ud = Some(b);
            }
            "userdata" => {
                let b = pending_ud
                    .take()
                    .unwrap_or_else(|| panic!("bind_go: {name}: userdata without a callback"));
                args.push(format!("{b}.ud()"));
            }
            "out" => {
                if ctype == "char **" {
                    pre.push(format!("var {cl} *C.char"));
                    outs.push(Out {
                        ty: "string".into(),
                        zero: "\"\"",
                        expr: format!("takeString({cl})"),
                    });
                } else {
                    let h = handle_of(p, name);
                    assert_eq!(ctype, format!("{h} **"), "bind_go: {name}: out type");
                    pre.push(format!("var {cl} *C.{h}"));
                    outs.push(Out {
                        ty: format!("*{}", go_type(h)),
                        zero: "nil",
                        expr: format!("wrap{}({cl})", go_type(h)),
                    });
                }
                args.push(format!("&{cl}"));
            }
            "error" => {
                pre.push("var cerr *C.tsc_error".into());
                args.push("&cerr".into());
                has_err = true;
            }
            other => panic!("bind_go: {name}: no mapping for the parameter role `{other}`"),
        }
    }
    assert!(
        pending_ud.is_none(),
        "bind_go: {name}: a callback without userdata"
    );
    for (by, stmt) in kept {
        let k = params
            .iter()
            .position(|p| s(p, "name") == by)
            .unwrap_or_else(|| panic!("bind_go: {name}: kept_by names no parameter {by}"));
        let holder = if k == 0 && !matches!(recv, Recv::Package) {
            recv_expr.to_string()
        } else if s(&params[k], "role") == "out" {
            let idx = params[..k].iter().filter(|p| s(p, "role") == "out").count();
            let local = format!("{}W", c_local(&by));
            if outs[idx].expr != local {
                on_ok.insert(0, format!("{local} := {}", outs[idx].expr));
                outs[idx].expr = local.clone();
            }
            local
        } else {
            panic!("bind_go: {name}: kept_by {by} is neither the receiver nor an output")
        };
        on_ok.push(stmt.replace("HOLDER", &holder));
    }

    let rk = s(ret, "kind");
    let status = rk == "status";
    if !status {
        assert!(
            strings.is_empty() && states.is_empty() && ctx_lines.is_empty() && !has_err,
            "bind_go: {name}: strings, callbacks or errors need a tsc_status result"
        );
    }
    if !ctx_lines.is_empty() {
        go_params.insert(0, "ctx context.Context".into());
    }

    // Results and their zero values (for early returns).
    let mut result_types: Vec<String> = outs.iter().map(|o| o.ty.clone()).collect();
    let mut zeros: Vec<&str> = outs.iter().map(|o| o.zero).collect();
    let call = format!("C.{name}({})", args.join(", "));
    let mut body: Vec<String> = Vec::new();
    let zeros_prefix =
        |zeros: &[&str]| -> String { zeros.iter().map(|z| format!("{z}, ")).collect::<String>() };
    for l in &ctx_lines {
        body.push(l.replace("ZEROS ", &zeros_prefix(&zeros)));
    }
    if !strings.is_empty() {
        body.push("var ar arena".into());
        body.push("defer ar.free()".into());
        body.extend(strings.iter().cloned());
        body.push("if ar.err != nil {".into());
        body.push(format!("\treturn {}ar.err", zeros_prefix(&zeros)));
        body.push("}".into());
    }
    body.extend(pre.iter().cloned());
    let keepalive = |body: &mut Vec<String>| {
        for k in &keep {
            body.push(format!("runtime.KeepAlive({k})"));
        }
    };
    match rk {
        "status" => {
            result_types.push("error".into());
            zeros.push("err");
            body.push(format!("cres := {call}"));
            keepalive(&mut body);
            let cerr = if has_err { "cerr" } else { "nil" };
            body.push(format!("err := takeError(int32(cres), {cerr})"));
            if !states.is_empty() {
                body.push(format!("err = settle(err, {})", states.join(", ")));
            }
            if !ctx_lines.is_empty() {
                body.push("err = contextCause(ctx, err)".into());
            }
            body.push("if err != nil {".into());
            for l in &on_fail {
                body.push(format!("\t{l}"));
            }
            body.push(format!("\treturn {}", zeros.join(", ")));
            body.push("}".into());
            body.extend(on_ok.iter().cloned());
            let mut rs: Vec<String> = outs.iter().map(|o| o.expr.clone()).collect();
            rs.push("nil".into());
            body.push(format!("return {}", rs.join(", ")));
        }
        "none" => {
            assert!(outs.is_empty(), "bind_go: {name}: outputs without a status");
            body.push(call);
            keepalive(&mut body);
        }
        "string" => {
            let conv = if s(ret, "ownership") == "owned" {
                "takeString"
            } else {
                "C.GoString"
            };
            result_types.push("string".into());
            body.push(format!("res := {conv}({call})"));
            keepalive(&mut body);
            body.push("return res".into());
        }
        "value" => {
            let (gt, _) = value_type(s(ret, "c_type"), name);
            result_types.push(gt.into());
            body.push(format!("res := {gt}({call})"));
            keepalive(&mut body);
            body.push("return res".into());
        }
        "handle" => {
            let h = s(ret, "handle");
            let t = go_type(h);
            result_types.push(format!("*{t}"));
            if s(ret, "ownership") == "owned" {
                body.push(format!("res := wrap{t}({call})"));
            } else {
                assert!(
                    !recv_expr.is_empty(),
                    "bind_go: {name}: a borrowed handle needs a receiver to borrow from"
                );
                body.push(format!("res := borrow{t}({call}, {recv_expr})"));
            }
            keepalive(&mut body);
            body.push("return res".into());
        }
        "bytes" => {
            let len_fn = name
                .strip_suffix("_data")
                .map(|b| format!("{b}_len"))
                .filter(|l| env.functions.contains_key(l))
                .unwrap_or_else(|| panic!("bind_go: {name}: bytes without a `_len` function"));
            let len_args = args.join(", ");
            result_types.push("[]byte".into());
            body.push(format!("cres := {call}"));
            body.push("var res []byte".into());
            body.push("if cres != nil {".into());
            body.push(format!(
                "\tres = C.GoBytes(unsafe.Pointer(cres), C.int(C.{len_fn}({len_args})))"
            ));
            body.push("}".into());
            keepalive(&mut body);
            body.push("return res".into());
        }
        other => panic!("bind_go: {name}: no mapping for the result kind `{other}`"),
    }

    let results = match result_types.len() {
        0 => String::new(),
        1 => format!(" {}", result_types[0]),
        _ => format!(" ({})", result_types.join(", ")),
    };
    let head = match recv {
        Recv::Handle(h) => format!("func (x *{}) ", go_type(h)),
        Recv::Endpoint(fam) => format!("func (e {}) ", endpoint_type(fam)),
        Recv::Package => "func ".into(),
    };
    let mut out = format!("{head}{go_name}({}){results} {{\n", go_params.join(", "));
    let mut depth = 1;
    for l in body {
        let opens = l.ends_with('{');
        let closes = l.starts_with('}');
        if closes {
            depth -= 1;
        }
        let tabs = "\t".repeat(depth);
        out.push_str(&format!("{tabs}{}\n", l.trim_start_matches('\t')));
        if opens {
            depth += 1;
        }
    }
    out.push_str("}\n");
    out
}

/// `workbooks` -> `WorkbooksEndpoint`.
pub fn endpoint_type(family: &str) -> String {
    format!("{}Endpoint", super::names::camel(family))
}
