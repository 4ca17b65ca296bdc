//! Linker settings for the shared library: the soname (`libtsc.so.MAJOR.MINOR` before 1.0,
//! `libtsc.so.MAJOR` after) and a version script that exports only `tsc_*` symbols.

fn main() {
    let major: u32 = env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap_or(0);
    let minor = env!("CARGO_PKG_VERSION_MINOR");
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        let soname = if major == 0 {
            format!("libtsc.so.0.{minor}")
        } else {
            format!("libtsc.so.{major}")
        };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tsc.map");
        println!(
            "cargo:rustc-cdylib-link-arg=-Wl,--version-script={}",
            script.display()
        );
        println!("cargo:rerun-if-changed=tsc.map");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
