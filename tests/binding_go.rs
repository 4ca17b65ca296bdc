//! The Go binding (`bindings/go`): gofmt-clean, `go vet` clean, and its tests pass against a
//! fresh emulator with `GODEBUG=cgocheck=2` (and under `-race`), linked to the freshly built
//! `libtsc.so`. The example (`examples/go`) and the benchmark (`benches/bindings/go`) are
//! vetted, and the example runs against an emulator. Needs Debian's `golang-go` (Go 1.19);
//! `TSC_SKIP_GO=1` skips these tests where it is missing. Go's caches live under `target/`, and
//! nothing is fetched from the network.

mod common;

use common::{lib_dir, repo, run_with_timeout};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Whether to run; fails naming the package when Go is missing and TSC_SKIP_GO is not set.
fn have_go() -> bool {
    common::require_tools(&[("go", "version")], "golang-go", "TSC_SKIP_GO")
}

/// A directory with the built `libtsc.so` and its soname, for cgo's linker and at run time.
fn go_lib() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| common::copy_library_to(&lib_dir().join("go-lib")))
}

/// `go <args>` in `dir` with the caches under target/, no network, linked to the fresh library.
fn go(dir: &Path, args: &[&str]) -> Command {
    let lib = go_lib();
    let target = lib_dir().join("go");
    let mut cmd = Command::new("go");
    cmd.args(args)
        .current_dir(dir)
        .env("GOCACHE", target.join("cache"))
        .env("GOPATH", target.join("path"))
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOTOOLCHAIN", "local")
        .env("CGO_ENABLED", "1")
        .env(
            "CGO_LDFLAGS",
            format!("-L{0} -Wl,-rpath,{0}", lib.display()),
        )
        .env("LD_LIBRARY_PATH", lib);
    cmd
}

fn run_ok(cmd: Command, what: &str, secs: u64) -> String {
    let out = run_with_timeout(cmd, secs);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what} failed: {:?}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn binding() -> PathBuf {
    repo().join("bindings/go")
}

/// Runs the binding's tests against a fresh emulator; returns how many passed.
fn go_test(extra: &[&str]) -> usize {
    let emu = common::emulator();
    let mut args = vec!["test", "-count=1", "-v"];
    args.extend_from_slice(extra);
    args.push("./...");
    let mut cmd = go(&binding(), &args);
    cmd.env("GODEBUG", "cgocheck=2");
    common::test_env(&mut cmd, &emu);
    let stdout = run_ok(cmd, &format!("go test {extra:?}"), 300);
    let passed = stdout.lines().filter(|l| l.starts_with("--- PASS")).count();
    let failed = stdout.lines().filter(|l| l.starts_with("--- FAIL")).count();
    assert!(
        passed > 0 && failed == 0,
        "{passed} passed, {failed} failed:\n{stdout}"
    );
    passed
}

#[test]
fn go_binding_is_gofmt_and_vet_clean() {
    if !have_go() {
        return;
    }
    for dir in [
        binding(),
        repo().join("examples/go"),
        repo().join("benches/bindings/go"),
    ] {
        let sources = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "go"))
            })
            .count();
        assert!(sources > 0, "no Go files in {}", dir.display());
        let mut gofmt = Command::new("gofmt");
        gofmt.arg("-l").arg(&dir);
        let unformatted = run_ok(gofmt, "gofmt -l", 60);
        assert!(unformatted.is_empty(), "not gofmt-clean:\n{unformatted}");
        run_ok(
            go(&dir, &["vet", "./..."]),
            &format!("go vet in {}", dir.display()),
            300,
        );
    }
}

#[test]
fn go_binding_tests_pass_with_cgocheck2() {
    if have_go() {
        let n = go_test(&[]);
        assert!(n >= 20, "only {n} Go tests ran");
    }
}

#[test]
fn go_binding_tests_pass_under_the_race_detector() {
    if have_go() {
        go_test(&["-race"]);
    }
}

#[test]
fn go_example_runs_against_the_emulator() {
    if !have_go() {
        return;
    }
    let exe = lib_dir().join("go").join("tour-go");
    run_ok(
        go(
            &repo().join("examples/go"),
            &["build", "-o", exe.to_str().unwrap(), "."],
        ),
        "go build examples/go",
        300,
    );
    let emu = common::emulator();
    let work = lib_dir().join("go").join("example-work");
    std::fs::create_dir_all(&work).unwrap();
    let mut cmd = Command::new(&exe);
    cmd.current_dir(&work)
        .env("TSC_SERVER", emu.url())
        .env("TSC_USER", "admin")
        .env("TSC_PASSWORD", "admin")
        .env("LD_LIBRARY_PATH", go_lib());
    let out = run_ok(cmd, "examples/go", 120);
    for want in [
        "Created site",
        "Deleted project",
        "Published",
        "Downloaded to",
        "Signed out",
    ] {
        assert!(out.contains(want), "no {want:?} in:\n{out}");
    }
}
