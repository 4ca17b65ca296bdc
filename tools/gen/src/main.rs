//! `gen`: the project's code generator.
//!
//! - `gen models [--check]`: writes `src/models/gen/` and `src/capi/gen/` from `src/spec.rs`.
//! - `gen header [--check]`: writes `include/tsc.h` with the pinned cbindgen, and the version
//!   macros from the library's `Cargo.toml`.
//! - `gen calls [--check]`: writes `src/capi/gen/endpoints/` from the method table in `src/methods/`.
//! - `gen all [--check]`: all of them, the header last, `include/tsc-api.json` from it, and the
//!   misuse program `tests/c/test_api_misuse.c`, and the bindings from that: C++ `include/tsc.hpp`,
//!   C# `bindings/csharp/generated/`, Go `bindings/go/gen_*.go`.
//!
//! With `--check` nothing is written; the exit status says whether the files are fresh.

mod api;
mod bind_cpp;
mod bind_csharp;
mod bind_go;
mod calls;
mod cdecl;
mod header;
mod methods;
mod misuse;
mod models;
mod sections;
mod spec;
mod support;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes (or checks) generated files; returns the paths that were stale.
fn sync(files: &[(String, String)], check: bool) -> Vec<String> {
    let mut stale = Vec::new();
    for (rel, contents) in files {
        let path = root().join(rel);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != *contents {
            stale.push(rel.clone());
            if !check {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).expect("create directory");
                }
                std::fs::write(&path, contents).expect("write generated file");
            }
        }
    }
    stale
}

/// The API description of the header text `h`.
fn api_json(h: &str) -> Result<serde_json::Value, String> {
    api::generate(h, header::crate_version(&root())?)
}

/// Everything generated from the header text `h`: the header, the API description (built once,
/// then written and handed to the misuse program and the bindings' generators).
fn from_header(h: String) -> Result<Vec<(String, String)>, String> {
    let value = api_json(&h)?;
    let json = api::text(&value)?;
    let mut files = vec![
        ("include/tsc.h".to_string(), h),
        ("include/tsc-api.json".to_string(), json),
        (
            "tests/c/test_api_misuse.c".to_string(),
            misuse::generate(&value),
        ),
    ];
    files.extend(bind_cpp::files(&value));
    files.extend(bind_go::files(&value));
    files.extend(bind_csharp::files(&value));
    Ok(files)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let what = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(String::as_str)
        .unwrap_or("all");
    let mut stale = Vec::new();
    if matches!(what, "models" | "all") {
        stale.extend(sync(&models::files(), check));
    }
    if matches!(what, "calls" | "all") {
        stale.extend(sync(&calls::files(), check));
    }
    if matches!(what, "header" | "all") {
        match header::generate(&root()).and_then(from_header) {
            Ok(files) => {
                stale.extend(sync(&files, check));
                stale.extend(bind_go::prune(&root(), &files, check));
            }
            Err(e) => {
                eprintln!("gen: cannot generate the header: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if !matches!(what, "models" | "calls" | "header" | "all") {
        eprintln!("usage: gen [models|calls|header|all] [--check]");
        return ExitCode::FAILURE;
    }
    for s in &stale {
        eprintln!("{} {s}", if check { "stale:" } else { "wrote" });
    }
    if check && !stale.is_empty() {
        eprintln!("generated files are stale: run `make generate`");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_models_are_fresh() {
        let stale = sync(&models::files(), true);
        assert!(
            stale.is_empty(),
            "stale generated files (run `make generate`): {stale:?}"
        );
    }

    #[test]
    fn generated_calls_are_fresh() {
        let stale = sync(&calls::files(), true);
        assert!(
            stale.is_empty(),
            "stale generated files (run `make generate`): {stale:?}"
        );
    }

    #[test]
    fn header_is_fresh() {
        let h = header::generate(&root()).expect("cbindgen");
        let files = from_header(h).expect("API description");
        let mut stale = sync(&files, true);
        stale.extend(bind_go::prune(&root(), &files, true));
        assert!(stale.is_empty(), "stale (run `make generate`): {stale:?}");
    }
}
