//! `include/tsc-api.json` against the library as built: it names exactly the exported functions,
//! every handle type has a free function that exists, every parameter and result type is a C
//! type a binding can map, and every function says who owns what. (Freshness against the tables
//! and the header is checked by `tools/gen`'s tests.)

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

fn description() -> Value {
    let text = std::fs::read_to_string(common::repo().join("include/tsc-api.json")).unwrap();
    serde_json::from_str(&text).expect("tsc-api.json is JSON")
}

fn names(v: &Value, key: &str) -> BTreeSet<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn it_names_exactly_the_exported_functions() {
    let lib = common::built_library();
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&lib)
        .output()
        .expect("run nm");
    let exported: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .filter(|s| s.starts_with("tsc_"))
        .map(str::to_string)
        .collect();
    assert!(exported.len() > 400, "only {} symbols", exported.len());
    let described = names(&description(), "functions");
    let missing: Vec<_> = exported.difference(&described).collect();
    let extra: Vec<_> = described.difference(&exported).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "exported but not described: {missing:?}; described but not exported: {extra:?}"
    );
}

#[test]
fn every_handle_has_a_free_function() {
    let d = description();
    let functions = names(&d, "functions");
    for h in d["handles"].as_array().unwrap() {
        let name = h["name"].as_str().unwrap();
        let free = h["free"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} has no free"));
        assert!(functions.contains(free), "{name}: {free} is not a function");
        for key in ["new", "clone", "count", "get", "next"] {
            if let Some(f) = h[key].as_str() {
                assert!(functions.contains(f), "{name}: {key} {f} is not a function");
            }
        }
    }
}

#[test]
fn every_type_is_mappable_and_every_output_says_how_to_free_it() {
    let d = description();
    let handles = names(&d, "handles");
    let enums = names(&d, "enums");
    let callbacks = names(&d, "callbacks");
    let scalar = [
        "void",
        "int32_t",
        "uint32_t",
        "int64_t",
        "uint64_t",
        "size_t",
        "void *",
        "char *",
        "uint8_t *",
        "size_t *",
        "const char *",
        "char **",
        "const char *const *",
        "const uint8_t *",
        "tsc_status",
    ];
    let known = |t: &str| {
        let base = t.trim_start_matches("const ").trim_end_matches('*').trim();
        scalar.contains(&t)
            || handles.contains(base)
            || enums.contains(base)
            || callbacks.contains(base)
    };
    for f in d["functions"].as_array().unwrap() {
        let name = f["name"].as_str().unwrap();
        let ret = f["returns"]["c_type"].as_str().unwrap();
        assert!(known(ret), "{name} returns {ret}");
        assert!(f["thread"]["rule"].is_string(), "{name}: no thread rule");
        for p in f["params"].as_array().unwrap() {
            let ty = p["c_type"].as_str().unwrap();
            assert!(known(ty), "{name}: parameter type {ty}");
            assert!(
                p["role"].is_string() && p["ownership"].is_string(),
                "{name}: {p}"
            );
            if p["role"] == "out" {
                assert!(
                    p["free"].is_string(),
                    "{name}: output {} has no free",
                    p["name"]
                );
            }
        }
    }
}

#[test]
fn endpoints_carry_their_table_facts() {
    let d = description();
    let f = d["functions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "tsc_views_get_by_id")
        .expect("tsc_views_get_by_id");
    assert_eq!(f["kind"], "endpoint");
    assert_eq!(f["family"], "views");
    assert_eq!(f["since"], "3.1");
    assert!(f["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["status"] == "TSC_STATUS_NOT_FOUND"));
    let roles: Vec<&str> = f["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["handle", "string", "flag", "out", "error"]);
}
