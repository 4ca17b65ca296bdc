//! Tests of the C# generator: full coverage of the real description, thread rules in every
//! doc, and descriptions that gain or lose functions, handles, enum values and macros.
use super::*;

fn api() -> Value {
    crate::support::committed_api()
}

#[test]
fn every_function_is_covered() {
    let files = try_files(&api()).expect("C# binding");
    let cov = &files
        .iter()
        .find(|(p, _)| p.ends_with("COVERAGE.md"))
        .unwrap()
        .1;
    let v = api();
    for f in v["functions"].as_array().unwrap() {
        let n = f["name"].as_str().unwrap();
        assert!(cov.contains(&format!("| `{n}` |")), "{n} not covered");
        let native = &files[0].1;
        assert!(native.contains(&format!(" {n}(")), "{n} has no P/Invoke");
    }
}

#[test]
fn an_unknown_callback_shape_fails() {
    let mut v = api();
    v["callbacks"][0]["params"] = serde_json::json!([{"name": "userdata", "c_type": "void *"}, {"name": "x", "c_type": "double"}]);
    assert!(try_files(&v).is_err());
}

#[test]
fn a_function_of_unknown_shape_fails() {
    let mut v = api();
    let fs = v["functions"].as_array_mut().unwrap();
    let mut f = fs[0].clone();
    f["name"] = "tsc_strange".into();
    f["family"] = "library".into();
    f["params"] =
        serde_json::json!([{"name": "x", "c_type": "float", "role": "value", "nullable": false}]);
    fs.push(f);
    assert!(try_files(&v).is_err());
}

#[test]
fn added_and_removed_functions_are_followed() {
    let mut v = api();
    let fs = v["functions"].as_array_mut().unwrap();
    fs.retain(|f| f["name"] != "tsc_job_new");
    let mut g = fs
        .iter()
        .find(|f| f["name"] == "tsc_project_name")
        .unwrap()
        .clone();
    g["name"] = "tsc_project_nickname".into();
    fs.push(g);
    let files = try_files(&v).expect("C# binding");
    let classes = &files
        .iter()
        .find(|(p, _)| p.ends_with("Classes.g.cs"))
        .unwrap()
        .1;
    assert!(classes.contains("Native.tsc_project_nickname(this.DangerousGetHandle())"));
    assert!(!classes.contains("Native.tsc_job_new("));
}

#[test]
fn a_string_list_handle_bytes_in_and_renamed_macros_are_followed() {
    let mut v = api();
    let f = |name: &str, kind: &str, ret: Value, params: Value| {
        serde_json::json!({"name": name, "family": "tsc_string_list", "kind": kind,
            "returns": ret, "params": params, "doc": "Test.", "thread": {"text": "any thread"}})
    };
    let this = serde_json::json!([{"name": "list", "c_type": "const tsc_string_list *",
        "role": "handle", "nullable": true, "handle": "tsc_string_list"}]);
    let fs = v["functions"].as_array_mut().unwrap();
    fs.push(f(
        "tsc_string_list_count",
        "getter",
        serde_json::json!({"c_type": "size_t", "kind": "value"}),
        this.clone(),
    ));
    let mut get_params = this.clone();
    get_params.as_array_mut().unwrap().push(serde_json::json!(
        {"name": "index", "c_type": "size_t", "role": "value", "nullable": false}));
    fs.push(f(
        "tsc_string_list_get",
        "getter",
        serde_json::json!({"c_type": "const char *", "kind": "string", "ownership": "borrowed"}),
        get_params,
    ));
    fs.push(f(
        "tsc_string_list_free",
        "free",
        serde_json::json!({"c_type": "void", "kind": "none"}),
        serde_json::json!([{"name": "list", "c_type": "tsc_string_list *", "role": "handle",
            "nullable": true, "handle": "tsc_string_list"}]),
    ));
    fs.push(
        serde_json::json!({"name": "tsc_bytes_hash", "family": "library", "kind": "function",
        "returns": {"c_type": "uint64_t", "kind": "value"},
        "params": [{"name": "data", "c_type": "const uint8_t *", "role": "value", "nullable": true},
                   {"name": "len", "c_type": "size_t", "role": "value", "nullable": false}],
        "doc": "Test.", "thread": {"text": null}}),
    );
    v["handles"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": "tsc_string_list",
        "kind": "list", "free": "tsc_string_list_free", "item": "char",
        "count": "tsc_string_list_count", "get": "tsc_string_list_get", "doc": "Strings."}));
    v["constants"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!(
        {"name": "TSC_MAX_READ_AHEAD", "value": "64", "doc": ""}));
    v["enums"][0]["values"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!(
        {"name": "TSC_STATUS_ERROR_NOT_CLEARED", "value": 10, "doc": "`*err` was not NULL."}));
    let files = try_files(&v).expect("C# binding");
    let text = |end: &str| {
        files
            .iter()
            .find(|(p, _)| p.ends_with(end))
            .unwrap()
            .1
            .clone()
    };
    assert!(text("Classes.g.cs").contains("class StringList : TscHandle, IReadOnlyList<string>"));
    assert!(text("Classes.g.cs").contains("public static ulong BytesHash(byte[] data = null)"));
    assert_eq!(text("Enums.g.cs").matches("MaxReadAhead =").count(), 1);
    assert!(text("Enums.g.cs").contains("ErrorNotCleared = 10,"));
}

#[test]
fn every_public_member_states_thread_safety() {
    let files = try_files(&api()).expect("C# binding");
    let classes = &files
        .iter()
        .find(|(p, _)| p.ends_with("Classes.g.cs"))
        .unwrap()
        .1;
    let lines: Vec<&str> = classes.lines().collect();
    let mut checked = 0;
    for (i, l) in lines.iter().enumerate() {
        if !l.starts_with("        public ") && !l.starts_with("    public ") {
            continue;
        }
        let mut doc = String::new();
        for d in lines[..i].iter().rev() {
            match d.trim().strip_prefix("///") {
                Some(t) => doc = format!("{t} {doc}"),
                None => break,
            }
        }
        let doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(doc.contains("Thread safety"), "no thread rule for: {l}");
        checked += 1;
    }
    assert!(checked > 400, "{checked} members");
}
