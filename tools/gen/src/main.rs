//! `gen`: the project's code generator.
//!
//! - `gen models [--check]`: writes `src/models/gen/` and `src/capi/gen/` from `src/spec.rs`.
//! - `gen header [--check]`: writes `include/tsc.h` with the pinned cbindgen, and the version
//!   macros from the library's `Cargo.toml`.
//! - `gen all [--check]`: both, models first.
//!
//! With `--check` nothing is written; the exit status says whether the files are fresh.

mod header;
mod models;
mod sections;
mod spec;

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
    if matches!(what, "header" | "all") {
        match header::generate(&root()) {
            Ok(h) => stale.extend(sync(&[("include/tsc.h".to_string(), h)], check)),
            Err(e) => {
                eprintln!("gen: cannot generate the header: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if !matches!(what, "models" | "header" | "all") {
        eprintln!("usage: gen [models|header|all] [--check]");
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
    fn header_is_fresh() {
        let h = header::generate(&root()).expect("cbindgen");
        let stale = sync(&[("include/tsc.h".to_string(), h)], true);
        assert!(
            stale.is_empty(),
            "include/tsc.h is stale: run `make generate`"
        );
    }
}
