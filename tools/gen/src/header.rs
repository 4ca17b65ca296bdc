//! Generates `include/tsc.h` with the pinned cbindgen (see Cargo.toml) from `cbindgen.toml`, adding
//! the `TSC_VERSION_*` macros read from the library's `Cargo.toml` so they cannot drift, then
//! groups the function declarations by family under section banners (see [`sections`]).

use std::path::Path;

/// The library version `(major, minor, patch)` from the root `Cargo.toml`.
pub fn crate_version(root: &Path) -> Result<(u32, u32, u32), String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let line = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("version"))
        .ok_or("no version in Cargo.toml")?;
    let v = line.split('"').nth(1).ok_or("bad version line")?;
    let parts: Vec<u32> = v.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    match parts.as_slice() {
        [a, b, c] => Ok((*a, *b, *c)),
        _ => Err(format!("version {v} is not MAJOR.MINOR.PATCH")),
    }
}

/// The header text: cbindgen's, with the declarations grouped by family.
pub fn generate(root: &Path) -> Result<String, String> {
    crate::sections::group(&cbindgen_output(root)?)
}

/// The header as cbindgen writes it (with the version macros).
pub fn cbindgen_output(root: &Path) -> Result<String, String> {
    let mut config = cbindgen::Config::from_file(root.join("cbindgen.toml"))?;
    let (major, minor, patch) = crate_version(root)?;
    let version_macros = format!(
        "/**\n * The major version of the library this header belongs to.\n */\n#define TSC_VERSION_MAJOR {major}\n\n\
         /**\n * The minor version of the library this header belongs to.\n */\n#define TSC_VERSION_MINOR {minor}\n\n\
         /**\n * The patch version of the library this header belongs to.\n */\n#define TSC_VERSION_PATCH {patch}\n\n\
         /**\n * The header's version as `(MAJOR << 16) | (MINOR << 8) | PATCH`; compare it with\n \
         * `tsc_version_number()`, the version of the library a program runs with.\n */\n\
         #define TSC_VERSION_NUMBER ((TSC_VERSION_MAJOR << 16) | (TSC_VERSION_MINOR << 8) | TSC_VERSION_PATCH)\n"
    );
    let extra = config.after_includes.take().unwrap_or_default();
    config.after_includes = Some(format!("\n{version_macros}{extra}"));
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("src/lib.rs"))
        .generate()
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).map_err(|e| e.to_string())
}
