//! What the header cannot say about the hand-written functions (options, credentials, transfers,
//! errors: everything outside the method and model tables): which of their pointer parameters
//! accept NULL. Everything else the API description reads from their C signature and doc.
//! The generated misuse tests check these facts: a parameter listed here must accept NULL, and
//! every other pointer parameter of a fallible function must refuse it. And which callbacks the
//! library keeps after the call (`RETAINED`, `CALLBACKS_COPIED`), which the bindings must keep
//! alive as long as the handles holding them.

/// (function, its pointer parameters that accept NULL, besides `err` and any `userdata`).
pub const NULLABLE: &[(&str, &[&str])] = &[
    ("tsc_transfer_options_set_progress", &["progress"]),
    ("tsc_server_options_set_log", &["callback"]),
];

/// The callback parameters the library keeps after the call (and may call later, from any
/// thread, concurrently), with the parameter whose handle keeps them: the receiver of a setter or
/// the output of a constructor. The description marks them `"ownership": "retained"` with
/// `"kept_by"`, and their typedefs `"retained": true`.
pub const RETAINED: &[(&str, &str, &str)] = &[
    ("tsc_server_options_set_log", "callback", "opts"),
    ("tsc_credentials_new_jwt_source", "source", "out"),
];

/// The handle parameters whose retained callbacks the library copies into another handle (the
/// description's `"callbacks_kept_by"`): a server made from options keeps their log callback, a
/// server signed in with credentials keeps their JWT source. [`mark_retained`] adds the pagers: a
/// pager keeps the callbacks of the server it was made from.
pub const CALLBACKS_COPIED: &[(&str, &str, &str)] = &[
    ("tsc_server_new", "opts", "out"),
    ("tsc_auth_sign_in", "creds", "server"),
];

/// Marks the retained callbacks in the description `api` (see [`RETAINED`], [`CALLBACKS_COPIED`]).
/// A pager made from a server keeps making requests with the server's connection, callbacks
/// included, after the server handle is freed: its `server` parameter is marked too.
pub fn mark_retained(api: &mut serde_json::Value) {
    let mut typedefs = Vec::new();
    for f in api["functions"].as_array_mut().into_iter().flatten() {
        let name = f["name"].as_str().unwrap_or("").to_string();
        let makes_pager = f["params"].as_array().into_iter().flatten().any(|p| {
            p["role"] == "out" && p["handle"].as_str().is_some_and(|h| h.ends_with("_pager"))
        });
        let pager_out = f["params"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["role"] == "out")
            .and_then(|p| p["name"].as_str())
            .unwrap_or("")
            .to_string();
        if makes_pager {
            for p in f["params"].as_array_mut().into_iter().flatten() {
                if p["role"] == "handle" && p["handle"] == "tsc_server" {
                    p["callbacks_kept_by"] = pager_out.clone().into();
                }
            }
        }
        for p in f["params"].as_array_mut().into_iter().flatten() {
            let pn = p["name"].as_str().unwrap_or("").to_string();
            if let Some((_, _, by)) = RETAINED.iter().find(|(n, q, _)| *n == name && *q == pn) {
                p["ownership"] = "retained".into();
                p["kept_by"] = (*by).into();
                typedefs.push(p["c_type"].as_str().unwrap_or("").to_string());
            }
            if let Some((_, _, by)) = CALLBACKS_COPIED
                .iter()
                .find(|(n, q, _)| *n == name && *q == pn)
            {
                p["callbacks_kept_by"] = (*by).into();
            }
        }
    }
    for c in api["callbacks"].as_array_mut().into_iter().flatten() {
        let retained = typedefs
            .iter()
            .any(|t| c["name"].as_str() == Some(t.as_str()));
        c["retained"] = retained.into();
    }
}

/// The committed `include/tsc-api.json` (for the bindings' generators' tests).
#[cfg(test)]
pub fn committed_api() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../include/tsc-api.json");
    let text = std::fs::read_to_string(path).expect("include/tsc-api.json");
    serde_json::from_str(&text).expect("JSON")
}

/// Whether `param` of the hand-written function `function` accepts NULL.
pub fn nullable(function: &str, param: &str) -> bool {
    NULLABLE
        .iter()
        .any(|(f, ps)| *f == function && ps.contains(&param))
}
