//! The C++17 binding (`include/tsc.hpp`): builds its tests (`bindings/cpp/tests/*.cpp`) with
//! g++ and clang++ at `-std=c++17 -Wall -Wextra -Werror`, and once with g++ under
//! AddressSanitizer + UndefinedBehaviorSanitizer, and runs each build against a fresh emulator,
//! asserting a clean `N passed, 0 failed` with tests run. Also checks that the header alone, the
//! README's program, the example and the benchmark compile with `-Wpedantic`.
//!
//! Without g++ or clang++ these tests fail naming the Debian package, unless `TSC_SKIP_CPP=1`.

mod common;

use common::{c_build_dir, repo, run_with_timeout};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// Whether `compiler` runs; panics naming its package when it does not (unless skipped).
fn have(compiler: &str, package: &str) -> bool {
    common::require_tools(&[(compiler, "--version")], package, "TSC_SKIP_CPP")
}

/// A directory with `libtsc.so` and its soname link.
fn link_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| common::copy_library_to(&c_build_dir().join("cpp-lib")))
}

fn sources(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "cpp"))
        .collect();
    v.sort();
    v
}

fn compiler_cmd(compiler: &str) -> Command {
    let mut cmd = Command::new(compiler);
    cmd.args(["-std=c++17", "-Wall", "-Wextra", "-Werror", "-g"])
        .arg("-I")
        .arg(repo().join("include"));
    cmd
}

/// Builds the binding's tests with `compiler`; returns the executable.
fn build(compiler: &str, sanitized: bool) -> PathBuf {
    let exe = c_build_dir().join(format!(
        "cpp-tests-{compiler}{}",
        if sanitized { "-asan" } else { "" }
    ));
    let lib = link_dir();
    let mut cmd = compiler_cmd(compiler);
    cmd.args(sources("bindings/cpp/tests"))
        .arg("-o")
        .arg(&exe)
        .arg("-L")
        .arg(lib)
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .args(["-ltsc", "-pthread"]);
    if sanitized {
        cmd.args([
            "-fsanitize=address,undefined",
            "-fno-omit-frame-pointer",
            "-fno-sanitize-recover=all",
        ]);
    }
    let out = cmd.output().expect("run the C++ compiler");
    assert!(
        out.status.success(),
        "{compiler} failed on the C++ binding tests:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if sanitized {
        let nm = Command::new("nm").arg(&exe).output().expect("run nm");
        assert!(
            String::from_utf8_lossy(&nm.stdout).contains("__asan_init"),
            "the C++ tests are not instrumented with AddressSanitizer"
        );
    }
    exe
}

/// Runs the tests built by `compiler` against a fresh emulator; asserts a clean pass.
fn run(compiler: &str, sanitized: bool) {
    let exe = build(compiler, sanitized);
    let emu = common::emulator();
    let mut cmd = Command::new(&exe);
    common::test_env(&mut cmd, &emu);
    let out = run_with_timeout(cmd, 300);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let passed = common::clean_pass(&stdout);
    let tests: u32 = stdout
        .lines()
        .find_map(|l| l.strip_suffix(" tests")?.parse().ok())
        .unwrap_or(0);
    assert!(
        out.status.success() && passed.is_some() && tests > 0,
        "C++ binding tests ({compiler}{}) failed: status {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        if sanitized { ", ASan+UBSan" } else { "" },
        out.status
    );
}

#[test]
fn gcc() {
    if have("g++", "g++") {
        run("g++", false);
    }
}

#[test]
fn gcc_sanitized() {
    if have("g++", "g++") {
        run("g++", true);
    }
}

#[test]
fn clang() {
    if have("clang++", "clang") {
        run("clang++", false);
    }
}

#[test]
fn header_alone_is_pedantic_clean_and_example_compiles() {
    for (compiler, package) in [("g++", "g++"), ("clang++", "clang")] {
        if !have(compiler, package) {
            return;
        }
        let tu = c_build_dir().join("tsc_hpp_only.cpp");
        std::fs::write(&tu, "#include <tsc.hpp>\nint main() { return 0; }\n").unwrap();
        let readme = std::fs::read_to_string(repo().join("bindings/cpp/README.md")).unwrap();
        let snippet = readme
            .split("```cpp\n")
            .nth(1)
            .and_then(|s| s.split("```").next())
            .expect("a ```cpp block in bindings/cpp/README.md");
        let readme_tu = c_build_dir().join("tsc_hpp_readme.cpp");
        std::fs::write(&readme_tu, snippet).unwrap();
        let mut srcs = vec![tu, readme_tu];
        srcs.extend(sources("examples/cpp"));
        srcs.extend(sources("benches/bindings/cpp"));
        for src in srcs {
            let out = compiler_cmd(compiler)
                .args(["-Wpedantic", "-fsyntax-only"])
                .arg(&src)
                .output()
                .expect("run the C++ compiler");
            assert!(
                out.status.success(),
                "{compiler} rejects {}:\n{}",
                src.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
