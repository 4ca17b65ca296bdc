//! Builds the C# binding (`bindings/csharp/`, with mono's `mcs`) and its tests
//! (`bindings/csharp/tests/`, a self-made runner), and runs them with `mono` against a fresh
//! emulator, the built `libtsc.so` found through `LD_LIBRARY_PATH`. The run must end with
//! `N passed, 0 failed` and N > 0.
//!
//! Without mono the test fails and names the package (`apt-get install -y mono-complete`),
//! unless `TSC_SKIP_CSHARP=1` is set.

mod common;

use common::{repo, run_with_timeout};
use std::path::{Path, PathBuf};
use std::process::Command;

fn have_mono() -> bool {
    common::require_tools(
        &[("mcs", "--version"), ("mono", "--version")],
        "mono-complete",
        "TSC_SKIP_CSHARP",
    )
}

/// A directory with the built `libtsc.so` under its soname, which `Tsc.dll.config` maps
/// `[DllImport("tsc")]` to, and as `libtsc.so`.
fn lib_dir(out: &Path) -> PathBuf {
    common::copy_library_to(&out.join("lib"))
}

fn run_ok(mut cmd: Command, what: &str) {
    let out = cmd.output().expect(what);
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn csharp_binding_tests_pass_against_the_emulator() {
    if !have_mono() {
        return;
    }
    let out = common::lib_dir().join("csharp-tests");
    std::fs::create_dir_all(&out).unwrap();
    let mut build = Command::new("sh");
    build.arg(repo().join("bindings/csharp/build.sh")).arg(&out);
    run_ok(build, "building Tsc.dll");
    let tests: Vec<PathBuf> = std::fs::read_dir(repo().join("bindings/csharp/tests"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cs"))
        .collect();
    let exe = out.join("TscTests.exe");
    let mut mcs = Command::new("mcs");
    mcs.args(["-nologo", "-target:exe", "-warnaserror+", "-r:System.dll"])
        .arg(format!("-r:{}", out.join("Tsc.dll").display()))
        .arg(format!("-out:{}", exe.display()))
        .args(&tests);
    run_ok(mcs, "building TscTests.exe");

    let lib = lib_dir(&out);
    let emu = common::emulator();
    let mut cmd = Command::new("mono");
    cmd.arg("--debug")
        .arg(&exe)
        .current_dir(&out)
        .env("LD_LIBRARY_PATH", &lib);
    common::test_env(&mut cmd, &emu);
    let res = run_with_timeout(cmd, 240);
    let stdout = String::from_utf8_lossy(&res.stdout);
    let stderr = String::from_utf8_lossy(&res.stderr);
    let passed = common::clean_pass(&stdout);
    assert!(
        res.status.success() && passed.is_some(),
        "C# binding tests failed: status {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        res.status
    );
    println!("{} C# binding tests passed", passed.unwrap_or(0));
}
