//! The Go declarations that are not per-function wrappers: one type per handle (with its
//! wrap/borrow constructors, liveness check and Close over the handle's `_free`), one endpoint
//! type per endpoint family, the enums and the constants.

use super::names::{camel, doc, go_type};
use super::wrap::endpoint_type;
use serde_json::Value;

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or("")
}

/// The type of handle `h`, its constructors, `c()`, `isOpen()` and `Close()`.
pub fn handle_type(h: &Value, holder: bool) -> String {
    let name = s(h, "name");
    let t = go_type(name);
    let free = h["free"].as_str();
    let kind = s(h, "kind");
    let thread = s(h, "thread");
    let mut o = String::new();
    o.push_str(&format!(
        "// {t} is a {name} ({kind} handle). Thread safety: {thread}.\n"
    ));
    o.push_str("//\n// Close frees it; a value borrowed from a list reads as absent once the list is closed.\n");
    o.push_str(&format!(
        "type {t} struct {{\n\tp    *C.{name}\n\tfrom opener\n\tkeep retained\n}}\n\n"
    ));
    o.push_str(&format!(
        "// wrap{t} takes ownership of p (nil for NULL); a finalizer frees it if Close is never called.\n"
    ));
    o.push_str(&format!(
        "func wrap{t}(p *C.{name}) *{t} {{\n\tif p == nil {{\n\t\treturn nil\n\t}}\n\tx := &{t}{{p: p}}\n"
    ));
    if free.is_some() {
        o.push_str(&format!("\truntime.SetFinalizer(x, (*{t}).Close)\n"));
    }
    o.push_str("\treturn x\n}\n\n");
    o.push_str(&format!(
        "// borrow{t} wraps p, valid while from is open; Close on it only forgets it.\n"
    ));
    o.push_str(&format!(
        "func borrow{t}(p *C.{name}, from opener) *{t} {{\n\tif p == nil {{\n\t\treturn nil\n\t}}\n\treturn &{t}{{p: p, from: from}}\n}}\n\n"
    ));
    o.push_str(&format!(
        "func (x *{t}) c() *C.{name} {{\n\tif x == nil || (x.from != nil && !x.from.isOpen()) {{\n\t\treturn nil\n\t}}\n\treturn x.p\n}}\n\n"
    ));
    o.push_str(&format!(
        "func (x *{t}) isOpen() bool {{ return x.c() != nil }}\n\n"
    ));
    if holder {
        o.push_str(&format!(
            "func (x *{t}) states() []*callState {{\n\tif x == nil {{\n\t\treturn nil\n\t}}\n\treturn x.keep.states()\n}}\n\n"
        ));
    }
    let freed = match free {
        Some(f) => format!(" ({f})"),
        None => String::new(),
    };
    o.push_str(&format!(
        "// Close frees the handle{freed}. It is idempotent; a borrowed value is only forgotten.\n"
    ));
    o.push_str(&format!(
        "func (x *{t}) Close() {{\n\tif x == nil || x.p == nil {{\n\t\treturn\n\t}}\n\tif x.from == nil {{\n"
    ));
    if let Some(f) = free {
        o.push_str(&format!(
            "\t\truntime.SetFinalizer(x, nil)\n\t\tC.{f}(x.p)\n"
        ));
    }
    o.push_str("\t}\n\tx.p = nil\n\tx.keep.release()\n}\n");
    o
}

/// `Items()` for a list handle: every item, borrowed from the list (or copied, for a list of
/// strings); `get_returns` is the `returns` of the list's `get` function.
pub fn list_items(h: &Value, get_returns: Option<&Value>) -> Option<(String, String)> {
    let (count, get) = (h["count"].as_str()?, h["get"].as_str()?);
    let t = go_type(s(h, "name"));
    let ret = get_returns?;
    let (elem, conv) = match s(ret, "kind") {
        "handle" => {
            let it = go_type(s(ret, "handle"));
            (
                format!("*{it}"),
                format!("borrow{it}(C.{get}(x.c(), C.size_t(i)), x)"),
            )
        }
        "string" => (
            "string".to_string(),
            format!("C.GoString(C.{get}(x.c(), C.size_t(i)))"),
        ),
        _ => return None,
    };
    Some((
        "Items".into(),
        format!(
            "// Items returns every item of the list ({count}, {get}).\nfunc (x *{t}) Items() []{elem} {{\n\tn := int(C.{count}(x.c()))\n\titems := make([]{elem}, n)\n\tfor i := range items {{\n\t\titems[i] = {conv}\n\t}}\n\truntime.KeepAlive(x)\n\treturn items\n}}\n"
        ),
    ))
}

/// A `Tags() []string` style method for each `string_list` field of an item.
pub fn string_list_fields(h: &Value) -> Vec<(String, String)> {
    let t = go_type(s(h, "name"));
    let mut out = Vec::new();
    for f in h["fields"].as_array().into_iter().flatten() {
        if s(f, "type") != "string_list" {
            continue;
        }
        let (Some(count), Some(get)) = (f["count"].as_str(), f["get"].as_str()) else {
            panic!(
                "bind_go: {}: a string_list field without count/get",
                s(h, "name")
            );
        };
        let m = camel(s(f, "name"));
        out.push((
            m.clone(),
            format!(
                "{}func (x *{t}) {m}() []string {{\n\tn := int(C.{count}(x.c()))\n\tout := make([]string, n)\n\tfor i := range out {{\n\t\tout[i] = C.GoString(C.{get}(x.c(), C.size_t(i)))\n\t}}\n\truntime.KeepAlive(x)\n\treturn out\n}}\n",
                doc(&format!("{m} returns every value of {} ({count}, {get}).", s(f, "name")), s(f, "doc"))
            ),
        ));
    }
    out
}

/// The endpoint type of `family` and its accessor on Server.
pub fn endpoint_decl(family: &str) -> String {
    let t = endpoint_type(family);
    let m = camel(family);
    format!(
        "// {t} groups the {family} calls: srv.{m}().Get(...), ...\ntype {t} struct {{\n\ts *Server\n}}\n\n// {m} returns the {family} endpoint of the server.\nfunc (s *Server) {m}() {t} {{ return {t}{{s}} }}\n"
    )
}

/// The Go name of enum value `v` of enum `e`: `TSC_STATUS_NOT_FOUND` -> `StatusNotFound`.
pub fn enum_value_name(e: &str, v: &str) -> String {
    let base = e.strip_prefix("tsc_").unwrap_or(e);
    let prefix = format!("TSC_{}_", base.to_uppercase());
    let rest = v
        .strip_prefix(&prefix)
        .unwrap_or_else(|| v.strip_prefix("TSC_").unwrap_or(v));
    format!("{}{}", camel(base), camel(&rest.to_lowercase()))
}

/// The enums: `tsc_status` values typed `Status` with an `ErrXxx` sentinel each; the others
/// as untyped constants.
pub fn enums(api: &Value) -> String {
    let mut o = String::new();
    for e in api["enums"].as_array().into_iter().flatten() {
        let en = s(e, "name");
        let status = en == "tsc_status";
        o.push_str(&format!(
            "// {en}: {}\n\n",
            s(e, "doc").lines().next().unwrap_or("")
        ));
        for v in e["values"].as_array().into_iter().flatten() {
            let vn = s(v, "name");
            let g = enum_value_name(en, vn);
            let val = v["value"].as_i64().expect("enum value");
            let d = doc(&format!("{g} is {vn}."), s(v, "doc"));
            if status {
                o.push_str(&format!("{d}const {g} Status = {val}\n\n"));
                if val != 0 {
                    let rest = g.strip_prefix("Status").unwrap_or(&g);
                    o.push_str(&format!(
                        "// Err{rest} is the sentinel of {vn}: errors.Is(err, Err{rest}).\nconst Err{rest} = {g}\n\n"
                    ));
                }
            } else {
                o.push_str(&format!("{d}const {g} = {val}\n\n"));
            }
        }
    }
    o
}

/// The constants whose value is integer arithmetic over numbers and earlier constants; a
/// constant whose Go name a function already has is left to the function.
pub fn constants(api: &Value, taken: &std::collections::BTreeSet<String>) -> String {
    let mut o = String::new();
    let mut known: std::collections::BTreeMap<String, String> = Default::default();
    'next: for c in api["constants"].as_array().into_iter().flatten() {
        let n = s(c, "name");
        let g = camel(&n.strip_prefix("TSC_").unwrap_or(n).to_lowercase());
        if taken.contains(&g) {
            continue;
        }
        let mut value = String::new();
        let v = s(c, "value");
        let mut chars = v.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch.is_ascii_alphabetic() || ch == '_' {
                let mut id = ch.to_string();
                while let Some(&n2) = chars.peek() {
                    if n2.is_ascii_alphanumeric() || n2 == '_' {
                        id.push(n2);
                        chars.next();
                    } else {
                        break;
                    }
                }
                match known.get(&id) {
                    Some(gn) => value.push_str(gn),
                    None => continue 'next,
                }
            } else if ch.is_ascii_digit() || "()*+-<>| ".contains(ch) {
                value.push(ch);
            } else {
                continue 'next;
            }
        }
        known.insert(n.to_string(), g.clone());
        o.push_str(&doc(&format!("{g} is {n}."), s(c, "doc")));
        o.push_str(&format!("const {g} = {value}\n\n"));
    }
    o
}
