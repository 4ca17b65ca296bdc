//! The C++17 binding, generated from the API description (`include/tsc-api.json`):
//! `include/tsc.hpp` (every wrapper) and `bindings/cpp/API.md` (which C function became which
//! C++ name). The hand-written runtime it includes is `include/tsc/cpp_runtime.hpp`.
//!
//! Every function of the description is placed exactly once: as a method of a handle's `_ref`
//! view or owning class, of an endpoint group (`server.workbooks()`), or as a namespace
//! function; or used by the generated class machinery (`_free` in destructors, `_clone` in copy
//! constructors, list `_count`/`_get` and `_pager_next` in iterators, which are wrapped as
//! methods too) or by the hand-written runtime (`RUNTIME_USES`). Generation panics, naming the
//! function, when one is left over or cannot be wrapped, so `make generate` and the freshness
//! test fail instead of a binding silently missing a function.

mod emit;
mod names;
mod wrap;

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use wrap::{Ctx, Method, Recv};

/// Functions the hand-written runtime calls itself, and where.
const RUNTIME_USES: &[(&str, &str)] = &[(
    "tsc_string_free",
    "tsc::detail::owned_string (every owned `char *` output)",
)];

/// The hand-written runtime, checked against `RUNTIME_USES`.
const RUNTIME: &str = include_str!("../../../../include/tsc/cpp_runtime.hpp");

/// What a class is.
pub enum Kind {
    /// The borrowed view of a handle.
    Ref,
    /// The owning class of a handle.
    Owner,
    /// The exception that owns the error handle.
    Error,
    /// An endpoint group, on the handle (C name) its functions take first.
    Api(String),
}

/// A generated C++ class.
pub struct Class {
    pub name: String,
    /// The handle's C name (for Ref, Owner, Error), or the receiver's for Api.
    pub handle: String,
    pub kind: Kind,
    pub methods: Vec<Method>,
    /// Accessors of endpoint groups: (family, const).
    pub groups: Vec<(String, bool)>,
    /// string_list fields: (name, count function, get function).
    pub string_lists: Vec<(String, String, String)>,
}

/// The handles that may hold retained callbacks: the ones a retained callback is kept by, and
/// the ones the library copies retained callbacks into.
fn holders(functions: &[Value]) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for f in functions {
        let ps = arr(f, "params");
        for p in &ps {
            for k in ["kept_by", "callbacks_kept_by"] {
                if let Some(by) = p[k].as_str() {
                    if let Some(h) = ps.iter().find(|q| s(q, "name") == by) {
                        out.insert(s(h, "handle").to_string());
                    }
                }
            }
        }
    }
    out
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or("")
}

fn arr(v: &Value, k: &str) -> Vec<Value> {
    v[k].as_array().cloned().unwrap_or_default()
}

/// The binding's generated files: (path from the repository root, contents).
pub fn files(api: &Value) -> Vec<(String, String)> {
    let g = generate(api);
    vec![
        ("include/tsc.hpp".to_string(), g.header),
        ("bindings/cpp/API.md".to_string(), g.table),
    ]
}

/// The generated header and the coverage table.
pub struct Generated {
    pub header: String,
    pub table: String,
    /// C function -> where it went.
    #[cfg_attr(not(test), allow(dead_code))]
    pub covered: BTreeMap<String, String>,
}

fn cover(covered: &mut BTreeMap<String, String>, c: &str, how: String) {
    if let Some(prev) = covered.insert(c.to_string(), how) {
        panic!("bind_cpp: {c} placed twice (first as {prev})");
    }
}

pub fn generate(api: &Value) -> Generated {
    let handles_v = arr(api, "handles");
    let functions = arr(api, "functions");
    let enums_v = arr(api, "enums");
    let callbacks_v = arr(api, "callbacks");
    let mut handles = BTreeMap::new();
    let mut fields: HashMap<String, (&Value, &'static str)> = HashMap::new();
    for h in &handles_v {
        handles.insert(s(h, "name").to_string(), h);
        for fl in h["fields"].as_array().into_iter().flatten() {
            for k in ["get", "set", "count"] {
                if let Some(f) = fl[k].as_str() {
                    fields.insert(f.to_string(), (fl, k));
                }
            }
        }
    }
    let absent_int = arr(api, "constants")
        .iter()
        .map(|c| s(c, "name").to_string())
        .find(|n| n.ends_with("ABSENT_INT"))
        .expect("bind_cpp: no *ABSENT_INT constant in the API description");
    let ctx = Ctx {
        handles: handles.clone(),
        fields,
        enums: enums_v
            .iter()
            .map(|e| (s(e, "name").to_string(), e))
            .collect(),
        callbacks: callbacks_v
            .iter()
            .map(|c| (s(c, "name").to_string(), c))
            .collect(),
        absent_int,
        holders: holders(&functions),
    };
    // The error handle: what `err` parameters point to.
    let error_handle = functions
        .iter()
        .flat_map(|f| arr(f, "params"))
        .find(|p| s(p, "role") == "error")
        .map(|p| s(&p, "handle").to_string())
        .expect("bind_cpp: no error parameter anywhere");

    let mut classes: BTreeMap<String, Class> = BTreeMap::new();
    for h in &handles_v {
        let hn = s(h, "name").to_string();
        let mk = |name: String, kind: Kind| Class {
            name,
            handle: hn.clone(),
            kind,
            methods: Vec::new(),
            groups: Vec::new(),
            string_lists: Vec::new(),
        };
        let mut r = mk(names::ref_class(&hn), Kind::Ref);
        for fl in h["fields"].as_array().into_iter().flatten() {
            if s(fl, "type") == "string_list" {
                r.string_lists.push((
                    names::ident(s(fl, "name")),
                    s(fl, "count").to_string(),
                    s(fl, "get").to_string(),
                ));
            }
        }
        classes.insert(format!("{hn}#ref"), r);
        let kind = if hn == error_handle {
            Kind::Error
        } else {
            Kind::Owner
        };
        let name = if hn == error_handle {
            "error".to_string()
        } else {
            names::class(&hn)
        };
        classes.insert(format!("{hn}#own"), mk(name, kind));
    }
    let mut free_fns: Vec<Method> = Vec::new();
    let mut covered = BTreeMap::new();
    for f in &functions {
        let name = s(f, "name");
        let family = s(f, "family");
        let kind = s(f, "kind");
        let params = arr(f, "params");
        if let Some((_, how)) = RUNTIME_USES.iter().find(|(n, _)| *n == name) {
            assert!(
                RUNTIME.contains(&format!("{name}(")),
                "bind_cpp: {name} is listed as used by the runtime, but cpp_runtime.hpp does not call it"
            );
            cover(&mut covered, name, format!("runtime: {how}"));
            continue;
        }
        let self_handle = params
            .first()
            .filter(|p| s(p, "role") == "handle")
            .map(|p| {
                (
                    s(p, "handle").to_string(),
                    s(p, "c_type").starts_with("const "),
                )
            });
        if let Some(h) = handles.get(family) {
            let hn = family.to_string();
            if kind == "free" {
                assert_eq!(
                    s(h, "free"),
                    name,
                    "bind_cpp: {name} frees, but {hn}'s free is another"
                );
                let cls = &classes[&format!("{hn}#own")].name;
                cover(&mut covered, name, format!("destructor of tsc::{cls}"));
                continue;
            }
            if kind == "clone" {
                assert_eq!(
                    s(h, "clone"),
                    name,
                    "bind_cpp: {name} clones, but {hn}'s clone is another"
                );
                let cls = &classes[&format!("{hn}#own")].name;
                cover(
                    &mut covered,
                    name,
                    format!(
                        "copy constructor of tsc::{cls}, tsc::{}::clone()",
                        names::ref_class(&hn)
                    ),
                );
                continue;
            }
            let mname = names::method(name, family, kind == "constructor").unwrap_or_else(|| {
                panic!("bind_cpp: {name} is in family {family} but not named {family}_...")
            });
            let (key, recv) = match &self_handle {
                Some((sh, true)) if *sh == hn => (format!("{hn}#ref"), Recv::Ref),
                Some((sh, false)) if *sh == hn => (format!("{hn}#own"), Recv::Owner),
                _ => (format!("{hn}#own"), Recv::None),
            };
            let cls = classes.get_mut(&key).unwrap();
            if matches!(cls.kind, Kind::Error) {
                panic!(
                    "bind_cpp: {name}: the error handle only has const accessors in the binding"
                );
            }
            let m = wrap::wrap(&ctx, f, recv, mname, &cls.name.clone());
            let spelled = if recv == Recv::None {
                format!("tsc::{}::{}() (static)", cls.name, m.name)
            } else {
                format!("tsc::{}::{}()", cls.name, m.name)
            };
            cover(&mut covered, name, spelled);
            cls.methods.push(m);
            continue;
        }
        if let Some((sh, is_const)) = self_handle {
            // An endpoint group: `server.<family>().<method>(...)`.
            let mname = names::method(name, &format!("tsc_{family}"), false).unwrap_or_else(|| {
                panic!("bind_cpp: {name} is in family {family} but not named tsc_{family}_...")
            });
            let key = format!("{family}#api");
            let api_name = names::api_class(family);
            let cls = classes.entry(key).or_insert_with(|| Class {
                name: api_name.clone(),
                handle: sh.clone(),
                kind: Kind::Api(family.to_string()),
                methods: Vec::new(),
                groups: Vec::new(),
                string_lists: Vec::new(),
            });
            if cls.handle != sh {
                panic!(
                    "bind_cpp: {name}: family {family} mixes receivers {} and {sh}",
                    cls.handle
                );
            }
            let m = wrap::wrap(&ctx, f, Recv::Api, mname, &api_name);
            let recv_cls = if is_const {
                names::ref_class(&sh)
            } else {
                names::class(&sh)
            };
            cover(
                &mut covered,
                name,
                format!("tsc::{recv_cls}::{}().{}()", names::ident(family), m.name),
            );
            cls.methods.push(m);
            let owner_key = format!("{sh}#{}", if is_const { "ref" } else { "own" });
            let oc = classes.get_mut(&owner_key).unwrap();
            if !oc.groups.iter().any(|(g, _)| g == family) {
                oc.groups.push((family.to_string(), is_const));
            }
            continue;
        }
        let fname = names::ident(name.strip_prefix("tsc_").unwrap_or(name));
        let m = wrap::wrap(&ctx, f, Recv::None, fname, "");
        cover(&mut covered, name, format!("tsc::{}()", m.name));
        free_fns.push(m);
    }
    let left: Vec<&str> = functions
        .iter()
        .map(|f| s(f, "name"))
        .filter(|n| !covered.contains_key(*n))
        .collect();
    assert!(
        left.is_empty(),
        "bind_cpp: functions neither wrapped nor used: {left:?}"
    );
    let header = emit::header(api, &ctx, &classes, &free_fns, &error_handle);
    let table = emit::table(&covered);
    Generated {
        header,
        table,
        covered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Value {
        crate::support::committed_api()
    }

    #[test]
    fn every_function_is_placed_once() {
        let a = api();
        let g = generate(&a);
        let n = a["functions"].as_array().unwrap().len();
        assert_eq!(g.covered.len(), n);
        for f in a["functions"].as_array().unwrap() {
            let name = f["name"].as_str().unwrap();
            // Wrapped ones appear in the header as a C call.
            if !g.covered[name].starts_with("runtime:") {
                assert!(
                    g.header.contains(&format!("{name}(")),
                    "{name} is not called in tsc.hpp"
                );
            }
        }
    }

    #[test]
    #[should_panic(expected = "unknown role")]
    fn an_unknown_role_stops_generation() {
        let mut a = api();
        let f = a["functions"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|f| f["name"] == "tsc_projects_delete")
            .unwrap();
        f["params"][1]["role"] = "telepathy".into();
        generate(&a);
    }

    #[test]
    fn added_functions_and_enum_values_are_wrapped() {
        let mut a = api();
        let mut f = a["functions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "tsc_projects_delete")
            .unwrap()
            .clone();
        f["name"] = "tsc_projects_archive".into();
        a["functions"].as_array_mut().unwrap().push(f);
        let e = a["enums"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|e| e["name"] == "tsc_sort_direction")
            .unwrap();
        e["values"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"name": "TSC_SORT_DIRECTION_RANDOM", "value": 7, "doc": ""}));
        let g = generate(&a);
        assert!(g.header.contains("tsc_projects_archive("));
        assert!(g.header.contains("random = 7"));
    }

    #[test]
    fn handles_and_functions_may_come_and_go() {
        let mut a = api();
        // tsc_job_new and the job list go away...
        a["functions"]
            .as_array_mut()
            .unwrap()
            .retain(|f| f["name"] != "tsc_job_new" && f["family"] != "tsc_job_list");
        a["handles"]
            .as_array_mut()
            .unwrap()
            .retain(|h| h["name"] != "tsc_job_list");
        // ...a string list handle and a status arrive (taken out first where the real
        // description already has them).
        a["handles"]
            .as_array_mut()
            .unwrap()
            .retain(|h| h["name"] != "tsc_string_list");
        a["functions"]
            .as_array_mut()
            .unwrap()
            .retain(|f| !f["name"].as_str().unwrap().starts_with("tsc_string_list_"));
        for e in a["enums"].as_array_mut().unwrap() {
            e["values"]
                .as_array_mut()
                .unwrap()
                .retain(|v| v["name"] != "TSC_STATUS_ERROR_NOT_CLEARED");
        }
        a["handles"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "name": "tsc_string_list", "kind": "list", "free": "tsc_string_list_free",
                "count": "tsc_string_list_count", "get": "tsc_string_list_get", "doc": "Strings."
            }));
        let h = |name: &str| {
            serde_json::json!({"name": "list", "c_type": format!("{name} *"), "role": "handle",
            "ownership": "borrowed", "nullable": true, "handle": "tsc_string_list"})
        };
        let fs = a["functions"].as_array_mut().unwrap();
        fs.push(serde_json::json!({"name": "tsc_string_list_free", "family": "tsc_string_list", "kind": "free",
            "returns": {"c_type": "void", "kind": "none"}, "params": [h("tsc_string_list")], "doc": ""}));
        fs.push(serde_json::json!({"name": "tsc_string_list_count", "family": "tsc_string_list", "kind": "getter",
            "returns": {"c_type": "size_t", "kind": "value"}, "params": [h("const tsc_string_list")], "doc": ""}));
        fs.push(serde_json::json!({"name": "tsc_string_list_get", "family": "tsc_string_list", "kind": "getter",
            "returns": {"c_type": "const char *", "kind": "string", "ownership": "borrowed", "nullable": true},
            "params": [h("const tsc_string_list"), {"name": "index", "c_type": "size_t", "role": "value",
            "ownership": "value", "nullable": false}], "doc": ""}));
        let st = a["enums"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|e| e["name"] == "tsc_status")
            .unwrap();
        st["values"].as_array_mut().unwrap().push(serde_json::json!(
            {"name": "TSC_STATUS_ERROR_NOT_CLEARED", "value": 10, "doc": "*err was not NULL."}));
        let g = generate(&a);
        assert!(g.header.contains("error_not_cleared = 10"));
        assert!(g
            .header
            .contains("class string_list : public ::tsc::string_list_ref"));
        assert!(g.header.contains("tsc_string_list_get(p_, index)"));
        assert!(!g.header.contains("tsc_job_list"));
        assert!(g.covered.contains_key("tsc_string_list_count"));
    }
}
