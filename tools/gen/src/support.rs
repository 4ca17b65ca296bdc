//! What the header cannot say about the hand-written functions (options, credentials, transfers,
//! errors: everything outside the method and model tables): which of their pointer parameters
//! accept NULL. Everything else the API description reads from their C signature and doc.
//! The generated misuse tests check these facts: a parameter listed here must accept NULL, and
//! every other pointer parameter of a fallible function must refuse it.

/// (function, its pointer parameters that accept NULL, besides `err` and any `userdata`).
pub const NULLABLE: &[(&str, &[&str])] = &[
    ("tsc_transfer_options_set_progress", &["progress"]),
    ("tsc_server_options_set_log", &["callback"]),
];

/// What the bindings leave out for now, with the reason (the bindings' generators see the API
/// description without them). A retained callback called from several threads needs each
/// binding to keep it alive as long as the server handles made with it, which the bindings'
/// callback runtimes (built for callbacks that run during one call) do not do yet; programs in
/// the bindings log through the `TSC_LOG` environment variable meanwhile.
pub const NOT_IN_BINDINGS: &[(&str, &str)] = &[
    (
        "tsc_server_options_set_log",
        "retained, multi-threaded callback",
    ),
    ("tsc_log_fn", "retained, multi-threaded callback"),
    (
        "tsc_credentials_new_jwt_source",
        "retained, multi-threaded callback",
    ),
    ("tsc_jwt_fn", "retained, multi-threaded callback"),
];

/// The API description as the bindings' generators see it: without [`NOT_IN_BINDINGS`].
pub fn for_bindings(api: &serde_json::Value) -> serde_json::Value {
    let mut v = api.clone();
    for key in ["functions", "callbacks"] {
        if let Some(items) = v[key].as_array_mut() {
            items.retain(|f| {
                let name = f["name"].as_str().unwrap_or("");
                !NOT_IN_BINDINGS.iter().any(|(n, _)| *n == name)
            });
        }
    }
    v
}

/// The committed `include/tsc-api.json` as the bindings' generators see it (for their tests).
#[cfg(test)]
pub fn committed_api_for_bindings() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../include/tsc-api.json");
    let text = std::fs::read_to_string(path).expect("include/tsc-api.json");
    for_bindings(&serde_json::from_str(&text).expect("JSON"))
}

/// Whether `param` of the hand-written function `function` accepts NULL.
pub fn nullable(function: &str, param: &str) -> bool {
    NULLABLE
        .iter()
        .any(|(f, ps)| *f == function && ps.contains(&param))
}
