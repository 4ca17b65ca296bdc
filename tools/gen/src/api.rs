//! Generates `include/tsc-api.json`, the machine-readable description of the C API that the C++,
//! C# and Go bindings are generated from: every function (parameters with C type, role,
//! ownership and whether NULL is accepted; result; statuses; thread rule; minimum REST API
//! version; doc), every handle type with its free function (items with their fields, lists with
//! their item, pagers with their page), every enum, callback type and constant.
//!
//! The declarations come from the header as generated (`cdecl.rs`), so the description says what
//! the header says; the roles come from the method table (endpoints), the model table (items)
//! and `support.rs` (hand-written functions). Generation fails when the method table and the
//! header disagree on a signature.

use crate::calls::{self, Role};
use crate::cdecl::{self, CFunction, CParam, Header};
use crate::methods::Method;
use crate::spec::{Access, Ty, MODELS};
use crate::support;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The rules every binding relies on, in the words of the README and `c-api.md`.
const CONVENTIONS: &[(&str, &str)] = &[
    ("status", "Every fallible function returns a tsc_status (TSC_STATUS_OK is 0) and takes `tsc_error **err` last, which may be NULL; `*err` must be NULL on entry. On failure `*err` receives an owned error (free it with tsc_error_free)."),
    ("outputs", "Outputs are written only on success."),
    ("strings_in", "String arguments are NUL-terminated UTF-8, validated (TSC_STATUS_INVALID_UTF8) and copied; no pointer is kept after the call."),
    ("strings_out", "`const char *` results are borrowed: valid as long as the handle they came from, never freed by the caller; NULL means absent. `char *` outputs are owned: free them with tsc_string_free."),
    ("handles", "Every handle type has one `<type>_free`, which accepts NULL and must not be called twice. Free order does not matter: lists and items stay valid after the server is freed."),
    ("lists", "Items in a list are borrowed from the list; `<item>_clone` gives an owned copy."),
    ("absent", "Absent values read as NULL (strings), TSC_ABSENT_INT (int64_t) or -1 (int32_t booleans, which are otherwise 0 or 1)."),
    ("callbacks", "Callbacks take `void *userdata` first, run synchronously on the calling thread during the call only, are never retained (except the ones marked `retained`: kept by the handle `kept_by` names, and by the handles their handle is copied into (`callbacks_kept_by`), called later from any thread, concurrently), and return 0 to continue or non-zero to abort (TSC_STATUS_ABORTED_BY_CALLBACK). They must not unwind (no exceptions, longjmp or panics across them); a request function called from inside one fails with TSC_STATUS_INVALID_ARGUMENT."),
    ("threads", "tsc_server is fully thread-safe. Items, lists, errors and server info are immutable and readable from any thread. Options, credentials, mutable items and pagers are used by one thread at a time (they may move between threads)."),
    ("panics", "Panics never cross into C: they come back as TSC_STATUS_PANIC."),
];

/// The `Thread safety:` sentence of a doc, if any.
fn thread_text(doc: &str) -> Option<String> {
    let i = doc.find("Thread safety:")?;
    let rest = doc[i + "Thread safety:".len()..].trim_start();
    let mut end = rest.find(". ").map_or(rest.len(), |j| j + 1);
    if let Some(j) = rest.find("\n\n") {
        end = end.min(j);
    }
    Some(rest[..end].trim().trim_end_matches('.').to_string())
}

/// Every `TSC_STATUS_*` a doc names, in order, once each.
fn statuses_in(doc: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, _) in doc.match_indices("TSC_STATUS_") {
        let s: String = doc[i..]
            .chars()
            .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The handle type a C type points to, if it is one of the header's opaque types.
fn handle_of(ty: &str, h: &Header) -> Option<String> {
    let base = ty
        .trim_start_matches("const ")
        .trim_end_matches('*')
        .trim_end_matches('*')
        .trim();
    h.opaques
        .iter()
        .any(|o| o.name == base)
        .then(|| base.to_string())
}

/// The role of a parameter of a function outside the method table, from its C type and name.
fn infer_role(p: &CParam, prev: Option<&CParam>, h: &Header) -> Role {
    let ty = p.ty.as_str();
    if p.name == "err" && ty == "tsc_error **" {
        Role::Error
    } else if ty.ends_with("**") && !ty.starts_with("const") {
        Role::Out
    } else if ty == "const char *const *" {
        Role::StrArray
    } else if ty == "size_t" && prev.is_some_and(|q| q.ty == "const char *const *") {
        Role::Count
    } else if ty == "const char *" {
        Role::Str
    } else if ty.ends_with("_fn") {
        Role::Callback
    } else if ty == "void *" {
        Role::Userdata
    } else if handle_of(ty, h).is_some() {
        Role::Handle
    } else {
        Role::Value
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Handle => "handle",
        Role::Str => "string",
        Role::StrArray => "string_array",
        Role::Count => "count",
        Role::Value => "value",
        Role::Flag => "flag",
        Role::Callback => "callback",
        Role::Userdata => "userdata",
        Role::Out => "out",
        Role::Error => "error",
    }
}

/// What the caller keeps or gives up for a parameter of this role and type.
fn ownership(role: Role, ty: &str) -> &'static str {
    match role {
        Role::Handle if ty.starts_with("const") => "borrowed",
        Role::Handle => "borrowed_exclusive",
        Role::Str | Role::StrArray => "copied",
        Role::Out | Role::Error => "owned_out",
        Role::Userdata => "passed_back",
        Role::Callback => "called_during_call",
        _ => "value",
    }
}

fn free_of(ty: &str, h: &Header) -> Option<String> {
    if ty == "char **" {
        return Some("tsc_string_free".into());
    }
    handle_of(ty, h).map(|t| format!("{t}_free"))
}

/// Whether a text setter of the model table (`tsc_<c>_set_<field>`) is `f`: its value may be
/// NULL (it clears the field).
fn is_text_setter(f: &CFunction) -> bool {
    MODELS.iter().any(|m| {
        m.fields.iter().any(|fl| {
            fl.access != Access::Read
                && matches!(fl.ty, Ty::Str | Ty::Secret)
                && f.name == format!("tsc_{}_set_{}", m.c, fl.name)
        })
    })
}

fn param_json(
    name: &str,
    ty: &str,
    role: Role,
    nullable: bool,
    h: &Header,
    doc: Option<&str>,
) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(name));
    o.insert("c_type".into(), json!(ty));
    o.insert("role".into(), json!(role_name(role)));
    o.insert("ownership".into(), json!(ownership(role, ty)));
    let pointer = ty.contains('*') || ty.ends_with("_fn");
    o.insert("nullable".into(), json!(pointer && nullable));
    if let Some(t) = handle_of(ty, h) {
        o.insert("handle".into(), json!(t));
    }
    if role == Role::Out {
        if let Some(f) = free_of(ty, h) {
            o.insert("free".into(), json!(f));
        }
    }
    if let Some(d) = doc {
        o.insert("doc".into(), json!(d));
    }
    Value::Object(o)
}

/// The result of a function that does not return a status.
fn result_json(f: &CFunction, h: &Header) -> Value {
    let ty = f.ret.as_str();
    let mut o = Map::new();
    o.insert("c_type".into(), json!(ty));
    let (kind, own) = match ty {
        "void" => ("none", None),
        "tsc_status" => (
            if f.params.iter().any(|p| p.name == "err") {
                "status"
            } else {
                "value"
            },
            None,
        ),
        "const char *" => (
            "string",
            Some(if f.params.is_empty() || f.name == "tsc_status_str" {
                "static"
            } else {
                "borrowed"
            }),
        ),
        "const uint8_t *" => ("bytes", Some("borrowed")),
        t if handle_of(t, h).is_some() && t.starts_with("const") => ("handle", Some("borrowed")),
        t if handle_of(t, h).is_some() => ("handle", Some("owned")),
        _ => ("value", None),
    };
    o.insert("kind".into(), json!(kind));
    if let Some(own) = own {
        o.insert("ownership".into(), json!(own));
        o.insert("nullable".into(), json!(true));
        if own == "borrowed" {
            if let Some(p) = f.params.first() {
                o.insert("valid_while".into(), json!(p.name));
            }
        }
    }
    if let Some(t) = handle_of(ty, h) {
        if own == Some("owned") {
            o.insert("free".into(), json!(format!("{t}_free")));
        }
        o.insert("handle".into(), json!(t));
    }
    Value::Object(o)
}

/// The handle type (or "library") a function outside the method table belongs to.
fn owner_of(f: &CFunction, h: &Header) -> String {
    h.opaques
        .iter()
        .filter(|o| f.name.starts_with(&format!("{}_", o.name)))
        .map(|o| o.name.clone())
        .max_by_key(String::len)
        .unwrap_or_else(|| "library".into())
}

fn kind_of(f: &CFunction) -> &'static str {
    let n = f.name.as_str();
    if n.ends_with("_free") {
        "free"
    } else if n.ends_with("_clone") {
        "clone"
    } else if n.contains("_new") {
        "constructor"
    } else if n.ends_with("_pager_next") {
        "pager_next"
    } else if f.params.iter().any(|p| p.name == "err") {
        if n.contains("_set_") || n.contains("_add_") || n.contains("_clear_") {
            "setter"
        } else {
            "function"
        }
    } else {
        "getter"
    }
}

/// The machine-readable thread rule: `any`, or `exclusive` on the parameter named.
fn thread_json(f: &CFunction, h: &Header, endpoint: bool) -> Value {
    let text = thread_text(&f.doc.0);
    let exclusive = f
        .params
        .first()
        .filter(|p| !p.ty.starts_with("const") && handle_of(&p.ty, h).is_some())
        .filter(|p| !p.ty.ends_with("**"));
    let mut o = Map::new();
    match exclusive {
        Some(p) => {
            o.insert("rule".into(), json!("exclusive"));
            o.insert("handle".into(), json!(p.name));
        }
        None => {
            o.insert("rule".into(), json!("any"));
        }
    }
    o.insert("not_in_callback".into(), json!(endpoint));
    o.insert("text".into(), json!(text));
    Value::Object(o)
}

fn endpoint_json(f: &CFunction, family: &str, m: &Method, h: &Header) -> Result<Value, String> {
    let ps = calls::params(m);
    let sig: Vec<(String, String)> = ps.iter().map(|p| (p.name.clone(), p.c.clone())).collect();
    let hsig: Vec<(String, String)> = f
        .params
        .iter()
        .map(|p| (p.name.clone(), p.ty.clone()))
        .collect();
    if sig != hsig {
        return Err(format!(
            "{}: the method table says {sig:?} but the header says {hsig:?}: run `make generate`",
            f.name
        ));
    }
    let params: Vec<Value> = ps
        .iter()
        .map(|p| param_json(&p.name, &p.c, p.role, p.nullable, h, Some(&p.doc)))
        .collect();
    let mut statuses: Vec<Value> = m
        .statuses
        .iter()
        .map(|(s, when)| json!({"status": format!("TSC_STATUS_{s}"), "when": when}))
        .collect();
    statuses
        .push(json!({"status": "TSC_STATUS_NULL_ARGUMENT", "when": "a required pointer is NULL"}));
    // Endpoints belong to their family (`server.<family>`), the rest to their handle type.
    let (kind, family) = if m.requests() {
        ("endpoint", family.to_string())
    } else {
        (kind_of(f), owner_of(f, h))
    };
    Ok(json!({
        "name": f.name,
        "family": family,
        "kind": kind,
        "source": "method table",
        "returns": {"c_type": "tsc_status", "kind": "status"},
        "params": params,
        "statuses": statuses,
        "thread": thread_json(f, h, m.requests()),
        "since": if m.since.is_empty() { Value::Null } else { json!(m.since) },
        "rust": m.call,
        "doc": f.doc.0,
    }))
}

fn other_json(f: &CFunction, h: &Header) -> Value {
    let text_setter = is_text_setter(f);
    let fallible = f.params.iter().any(|p| p.name == "err");
    let params: Vec<Value> = f
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let role = infer_role(p, i.checked_sub(1).map(|j| &f.params[j]), h);
            let nullable = match role {
                Role::Error | Role::Userdata => true,
                // Getters and free functions accept NULL and give their sentinel.
                _ if !fallible => true,
                _ => support::nullable(&f.name, &p.name) || (text_setter && p.name == "value"),
            };
            param_json(&p.name, &p.ty, role, nullable, h, None)
        })
        .collect();
    let statuses: Vec<Value> = statuses_in(&f.doc.0)
        .into_iter()
        .map(|s| json!({"status": s}))
        .collect();
    let owner = owner_of(f, h);
    let generated = MODELS.iter().any(|m| {
        let item = format!("tsc_{}", m.c);
        [
            item.clone(),
            format!("{item}_list"),
            format!("{item}_pager"),
        ]
        .contains(&owner)
    });
    let source = if generated {
        "model table"
    } else {
        "hand-written"
    };
    json!({
        "name": f.name,
        "family": owner,
        "kind": kind_of(f),
        "source": source,
        "returns": result_json(f, h),
        "params": params,
        "statuses": statuses,
        "thread": thread_json(f, h, false),
        "since": Value::Null,
        "doc": f.doc.0,
    })
}

/// The fields of a model, with the accessors the header has for each.
fn fields_json(c: &str, h: &Header) -> Value {
    let Some(m) = MODELS.iter().find(|m| m.c == c) else {
        return Value::Null;
    };
    let has = |n: &str| h.functions.iter().any(|f| f.name == n);
    let fields: Vec<Value> = m
        .fields
        .iter()
        // Item lists have no accessors of their own: a method-table function returns them.
        .filter(|fl| !matches!(fl.ty, Ty::Items(_)))
        .map(|fl| {
            let ty = match fl.ty {
                Ty::Str => "string",
                Ty::Int => "int64",
                Ty::Bool => "bool",
                Ty::Secret => "secret",
                Ty::Tags => "string_list",
                Ty::Items(_) => unreachable!(),
            };
            let mut o = Map::new();
            o.insert("name".into(), json!(fl.name));
            o.insert("type".into(), json!(ty));
            o.insert("xml".into(), json!(fl.xml));
            o.insert("doc".into(), json!(fl.doc));
            let accessors: Vec<String> = if fl.ty == Ty::Tags {
                let one = fl.name.trim_end_matches('s');
                vec![
                    format!("tsc_{c}_{one}_count"),
                    format!("tsc_{c}_{one}"),
                    format!("tsc_{c}_add_{one}"),
                    format!("tsc_{c}_clear_{}", fl.name),
                ]
            } else {
                vec![
                    format!("tsc_{c}_{}", fl.name),
                    format!("tsc_{c}_set_{}", fl.name),
                ]
            };
            let roles = if fl.ty == Ty::Tags {
                ["count", "get", "add", "clear"].as_slice()
            } else {
                ["get", "set"].as_slice()
            };
            for (role, name) in roles.iter().zip(accessors) {
                if has(&name) {
                    o.insert((*role).into(), json!(name));
                }
            }
            if !fl.values.is_empty() {
                o.insert("values".into(), json!(fl.values));
            }
            if fl.count {
                o.insert("non_negative".into(), json!(true));
            }
            Value::Object(o)
        })
        .collect();
    Value::Array(fields)
}

fn handles_json(h: &Header) -> Vec<Value> {
    let has = |n: &str| h.functions.iter().any(|f| f.name == n);
    h.opaques
        .iter()
        .map(|o| {
            let n = o.name.as_str();
            let mut v = Map::new();
            v.insert("name".into(), json!(n));
            let model = n
                .strip_prefix("tsc_")
                .and_then(|c| MODELS.iter().find(|m| m.c == c));
            let kind = if model.is_some() {
                "item"
            } else if n.ends_with("_list") {
                "list"
            } else if n.ends_with("_pager") {
                "pager"
            } else {
                "object"
            };
            v.insert("kind".into(), json!(kind));
            let free = format!("{n}_free");
            v.insert("free".into(), json!(has(&free).then_some(free)));
            let clone = format!("{n}_clone");
            if has(&clone) {
                v.insert("clone".into(), json!(clone));
            }
            match kind {
                "item" => {
                    let c = &n[4..];
                    let new = format!("{n}_new");
                    v.insert("new".into(), json!(has(&new).then_some(new)));
                    v.insert("fields".into(), fields_json(c, h));
                    if let Some(m) = model {
                        v.insert("xml_element".into(), json!(m.element));
                    }
                }
                "list" => {
                    let item = n.trim_end_matches("_list");
                    v.insert("item".into(), json!(item));
                    v.insert("count".into(), json!(format!("{n}_count")));
                    v.insert("get".into(), json!(format!("{n}_get")));
                }
                "pager" => {
                    let item = n.trim_end_matches("_pager");
                    v.insert("page".into(), json!(format!("{item}_list")));
                    v.insert("next".into(), json!(format!("{n}_next")));
                }
                _ => {}
            }
            v.insert("thread".into(), json!(thread_text(&o.doc.0)));
            v.insert("doc".into(), json!(o.doc.0));
            Value::Object(v)
        })
        .collect()
}

/// The integer a macro's value stands for, when it is an integer expression of numbers, other
/// macros, `INT64_MIN`, parentheses and `*`, `<<`, `|` (what cbindgen writes for our constants).
fn int_value(expr: &str, known: &BTreeMap<String, i64>) -> Option<i64> {
    fn term(t: &str, known: &BTreeMap<String, i64>) -> Option<i64> {
        let t = t.trim();
        if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            if balanced(inner) {
                return int_value(inner, known);
            }
        }
        match t {
            "INT64_MIN" => Some(i64::MIN),
            _ => t.parse().ok().or_else(|| known.get(t).copied()),
        }
    }
    fn balanced(t: &str) -> bool {
        let mut depth = 0i32;
        t.chars().all(|c| {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            depth >= 0
        }) && depth == 0
    }
    // Split at the loosest operator outside parentheses: `|`, then `<<`, then `*`.
    for op in ["|", "<<", "*"] {
        let mut depth = 0i32;
        let bytes = expr.as_bytes();
        for i in (0..expr.len()).rev() {
            match bytes[i] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ if depth == 0 && expr[i..].starts_with(op) => {
                    let (a, b) = (
                        int_value(&expr[..i], known)?,
                        int_value(&expr[i + op.len()..], known)?,
                    );
                    return match op {
                        "|" => Some(a | b),
                        "<<" => a.checked_shl(u32::try_from(b).ok()?),
                        _ => a.checked_mul(b),
                    };
                }
                _ => {}
            }
        }
    }
    term(expr, known)
}

/// The macros with their integer values where they have one.
fn constants_json(h: &Header) -> Vec<Value> {
    let mut known = BTreeMap::new();
    let mut out = Vec::new();
    for m in h.macros.iter().filter(|m| m.name != "TSC_H") {
        let mut o = Map::new();
        o.insert("name".into(), json!(m.name));
        o.insert("value".into(), json!(m.value));
        if let Some(v) = int_value(&m.value, &known) {
            known.insert(m.name.clone(), v);
            o.insert("int_value".into(), json!(v));
        }
        o.insert("doc".into(), json!(m.doc.0));
        out.push(Value::Object(o));
    }
    out
}

/// The description, from the header text as generated.
pub fn generate(header: &str, version: (u32, u32, u32)) -> Result<Value, String> {
    let h = cdecl::parse(header);
    let endpoints: BTreeMap<&str, (&str, &Method)> =
        calls::all().map(|(f, m)| (m.c, (f.name, m))).collect();
    for name in endpoints.keys() {
        if !h.functions.iter().any(|f| f.name == *name) {
            return Err(format!(
                "{name} is in the method table but not in the header: run `make generate`"
            ));
        }
    }
    let mut functions = Vec::new();
    for f in &h.functions {
        functions.push(match endpoints.get(f.name.as_str()) {
            Some((family, m)) => endpoint_json(f, family, m, &h)?,
            None => other_json(f, &h),
        });
    }
    let (major, minor, patch) = version;
    let soname = if major == 0 {
        format!("libtsc.so.0.{minor}")
    } else {
        format!("libtsc.so.{major}")
    };
    let conventions: Map<String, Value> = CONVENTIONS
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let mut doc = json!({
        "description": "The C API of libtsc, a Tableau Server REST API client: generated from the method and model tables and the header by tools/gen. Do not edit: run `make generate`.",
        "library": {
            "name": "tsc",
            "version": format!("{major}.{minor}.{patch}"),
            "header": "tsc.h",
            "soname": soname,
            "pkg_config": "tsc",
        },
        "conventions": conventions,
        "constants": constants_json(&h),
        "enums": h.enums.iter().map(|e| json!({
            "name": e.name,
            "doc": e.doc.0,
            "values": e.values.iter().map(|(n, v, d)| json!({"name": n, "value": v, "doc": d.0})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "callbacks": h.callbacks.iter().map(|c| json!({
            "name": c.name,
            "returns": c.ret,
            "params": c.params.iter().map(|p| json!({"name": p.name, "c_type": p.ty})).collect::<Vec<_>>(),
            "doc": c.doc.0,
        })).collect::<Vec<_>>(),
        "handles": handles_json(&h),
        "functions": functions,
    });
    crate::support::mark_retained(&mut doc);
    Ok(doc)
}

/// The description as the text of `include/tsc-api.json`.
pub fn text(api: &Value) -> Result<String, String> {
    let mut s = serde_json::to_string_pretty(api).map_err(|e| e.to_string())?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_macros_are_evaluated() {
        let mut known = BTreeMap::new();
        known.insert("A".to_string(), 1);
        assert_eq!(int_value("((64 * 1024) * 1024)", &known), Some(64 << 20));
        assert_eq!(
            int_value("((A << 16) | (A << 8) | 3)", &known),
            Some(0x10103)
        );
        assert_eq!(int_value("INT64_MIN", &known), Some(i64::MIN));
        assert_eq!(int_value("\"text\"", &known), None);
    }

    #[test]
    fn thread_sentences_and_statuses_are_found() {
        let d = "Does it. Thread safety: the thread that owns `opts` (one at a time). Then more.";
        assert_eq!(
            thread_text(d).as_deref(),
            Some("the thread that owns `opts` (one at a time)")
        );
        assert_eq!(thread_text("No rule."), None);
        assert_eq!(
            statuses_in("`TSC_STATUS_NOT_FOUND` or TSC_STATUS_CONFLICT; TSC_STATUS_NOT_FOUND"),
            vec!["TSC_STATUS_NOT_FOUND", "TSC_STATUS_CONFLICT"]
        );
    }
}
