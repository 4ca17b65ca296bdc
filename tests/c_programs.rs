//! Builds every C test program in `tests/c/` against `include/tsc.h` and the freshly built
//! `libtsc.so` with `-std=c99 -Wall -Wextra -Wpedantic -Werror`, and runs each against its own
//! in-process emulator three ways: plain, under AddressSanitizer + UndefinedBehaviorSanitizer +
//! LeakSanitizer, and under valgrind (zero errors, zero definite or indirect leaks; a program
//! registered `no_valgrind`, the 10,000-item paging one, skips valgrind). Each program
//! ends with an `N passed, N failed` line, which is checked here too.
//!
//! Also checks the header (C99, C11, C++11, C++ linkage) and the library's ABI hygiene (only
//! `tsc_*` symbols exported, the soname, versions that agree).

mod common;

use common::{c_build_dir, repo, run_with_timeout};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Plain,
    Sanitized,
    Valgrind,
}

/// A directory with `libtsc.so` and its soname link, for linking and at run time.
fn link_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = c_build_dir().join("lib");
        std::fs::create_dir_all(&dir).unwrap();
        let so = common::built_library();
        for name in ["libtsc.so", "libtsc.so.0.1"] {
            let dst = dir.join(name);
            let _ = std::fs::remove_file(&dst);
            std::fs::copy(&so, &dst).unwrap();
        }
        dir
    })
}

/// Compiles `tests/c/{name}.c`; returns the executable.
fn build(name: &str, mode: Mode) -> PathBuf {
    let src = repo().join("tests/c").join(format!("{name}.c"));
    let suffix = if mode == Mode::Sanitized { "-asan" } else { "" };
    let exe = c_build_dir().join(format!("{name}{suffix}"));
    let lib = link_dir();
    let mut cmd = Command::new("gcc");
    cmd.args([
        "-std=c99",
        "-Wall",
        "-Wextra",
        "-Wpedantic",
        "-Werror",
        "-g",
        "-pthread",
    ])
    .arg("-I")
    .arg(repo().join("include"))
    .arg(&src)
    .arg("-o")
    .arg(&exe)
    .arg("-L")
    .arg(lib)
    .arg(format!("-Wl,-rpath,{}", lib.display()))
    .arg("-ltsc");
    if mode == Mode::Sanitized {
        cmd.args([
            "-fsanitize=address,undefined",
            "-fno-omit-frame-pointer",
            "-fno-sanitize-recover=all",
        ]);
    }
    let out = cmd.output().expect("run gcc");
    assert!(
        out.status.success(),
        "gcc failed for {name}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if mode == Mode::Sanitized {
        let nm = Command::new("nm").arg(&exe).output().expect("run nm");
        assert!(
            String::from_utf8_lossy(&nm.stdout).contains("__asan_init"),
            "{name} is not instrumented with AddressSanitizer"
        );
    }
    exe
}

/// Builds and runs one program against a fresh emulator; asserts a clean pass.
fn run(name: &str, mode: Mode) {
    let exe = build(name, mode);
    let emu = common::emulator();
    let mut cmd = if mode == Mode::Valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "--quiet",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--show-leak-kinds=definite,indirect",
            "--error-exitcode=99",
            "--trace-children=no",
        ])
        .arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    cmd.env("TSC_TEST_URL", emu.url())
        .env("TSC_TEST_SAMPLES", common::samples_dir())
        .env(
            "TSC_TEST_JWT",
            tsc_emulator::mint_jwt(
                &common::connected_app(),
                "admin",
                &["tableau:content:read"],
                600,
            ),
        )
        .env(
            "ASAN_OPTIONS",
            "detect_leaks=1:abort_on_error=0:halt_on_error=1",
        )
        .env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1");
    let limit = if mode == Mode::Valgrind { 900 } else { 300 };
    let out = run_with_timeout(cmd, limit);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let summary = stdout
        .lines()
        .rev()
        .find(|l| l.contains(" passed, "))
        .unwrap_or("");
    let passed: u32 = summary
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        out.status.success() && summary.ends_with(" passed, 0 failed") && passed > 0,
        "{name} ({}) failed: status {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        match mode {
            Mode::Plain => "plain",
            Mode::Sanitized => "ASan+UBSan+LSan",
            Mode::Valgrind => "valgrind",
        },
        out.status
    );
}

fn have_valgrind() -> bool {
    if std::env::var_os("TSC_SKIP_VALGRIND").is_some() {
        return false;
    }
    let ok = Command::new("valgrind")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "valgrind is not installed (apt-get install valgrind, or set TSC_SKIP_VALGRIND=1 locally)"
    );
    ok
}

macro_rules! c_program {
    ($name:ident, no_valgrind) => {
        mod $name {
            use super::*;
            #[test]
            fn plain() {
                run(stringify!($name), Mode::Plain);
            }
            #[test]
            fn sanitized() {
                run(stringify!($name), Mode::Sanitized);
            }
        }
    };
    ($name:ident) => {
        mod $name {
            use super::*;
            #[test]
            fn plain() {
                run(stringify!($name), Mode::Plain);
            }
            #[test]
            fn sanitized() {
                run(stringify!($name), Mode::Sanitized);
            }
            #[test]
            fn valgrind() {
                if have_valgrind() {
                    run(stringify!($name), Mode::Valgrind);
                }
            }
        }
    };
}

c_program!(test_foundation);
c_program!(test_misuse);
c_program!(test_threads);
c_program!(test_content);
c_program!(test_transfers);
c_program!(test_content_misuse);
c_program!(test_errors);
c_program!(test_users);
c_program!(test_groups);
c_program!(test_options);
c_program!(test_pagers);
c_program!(test_misuse_users_groups);
c_program!(test_api_misuse);
// 10,000 users take too long under valgrind; test_pagers runs the same paths there.
c_program!(test_paging_volume, no_valgrind);

fn compile_only(compiler: &str, std: &str, src: &Path) {
    let out = Command::new(compiler)
        .arg(format!("-std={std}"))
        .args([
            "-Wall",
            "-Wextra",
            "-pedantic",
            "-Werror",
            "-fsyntax-only",
            "-I",
        ])
        .arg(repo().join("include"))
        .arg(src)
        .output()
        .expect("run compiler");
    assert!(
        out.status.success(),
        "{compiler} -std={std} rejects tsc.h:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn header_compiles_as_c99_c11_and_cpp11() {
    let dir = c_build_dir();
    let c = dir.join("header_only.c");
    std::fs::write(
        &c,
        "#include \"tsc.h\"\nint main(void) { return TSC_STATUS_OK; }\n",
    )
    .unwrap();
    compile_only("gcc", "c99", &c);
    compile_only("gcc", "c11", &c);
    let cpp = dir.join("header_only.cpp");
    std::fs::write(
        &cpp,
        "#include \"tsc.h\"\nint main() { return TSC_STATUS_OK; }\n",
    )
    .unwrap();
    compile_only("g++", "c++11", &cpp);
}

#[test]
fn cpp_program_links_with_extern_c() {
    let dir = c_build_dir();
    let src = dir.join("linkage.cpp");
    std::fs::write(
        &src,
        "#include \"tsc.h\"\n#include <cstdio>\n#include <cstring>\nint main() {\n  std::printf(\"%s\\n\", tsc_version());\n  return tsc_version_number() == TSC_VERSION_NUMBER && std::strncmp(tsc_version(), \"libtsc \", 7) == 0 ? 0 : 1;\n}\n",
    )
    .unwrap();
    let exe = dir.join("linkage");
    let lib = link_dir();
    let out = Command::new("g++")
        .args(["-std=c++11", "-Wall", "-Werror", "-I"])
        .arg(repo().join("include"))
        .arg(&src)
        .arg("-o")
        .arg(&exe)
        .arg("-L")
        .arg(lib)
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-ltsc")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = Command::new(&exe).output().unwrap();
    assert!(run.status.success());
    assert!(String::from_utf8_lossy(&run.stdout)
        .starts_with(&format!("libtsc {}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn library_exports_only_tsc_symbols_and_has_a_soname() {
    let so = common::built_library();
    let nm = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&so)
        .output()
        .expect("nm");
    let text = String::from_utf8_lossy(&nm.stdout);
    let names: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    assert!(names.len() > 100, "too few exports: {}", names.len());
    let foreign: Vec<&&str> = names.iter().filter(|n| !n.starts_with("tsc_")).collect();
    assert!(foreign.is_empty(), "non-tsc_ exports: {foreign:?}");
    let readelf = Command::new("readelf")
        .arg("-d")
        .arg(&so)
        .output()
        .expect("readelf");
    let minor = env!("CARGO_PKG_VERSION_MINOR");
    assert!(String::from_utf8_lossy(&readelf.stdout).contains(&format!("[libtsc.so.0.{minor}]")));
}

#[test]
fn header_version_macros_match_cargo_toml_and_runtime() {
    let header = std::fs::read_to_string(repo().join("include/tsc.h")).unwrap();
    for (macro_name, value) in [
        ("TSC_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
        ("TSC_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
        ("TSC_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
    ] {
        assert!(
            header.contains(&format!("#define {macro_name} {value}\n")),
            "{macro_name} != {value}"
        );
    }
    let n = tsc::capi::strings::tsc_version_number();
    let expect = (env!("CARGO_PKG_VERSION_MAJOR").parse::<u32>().unwrap() << 16)
        | (env!("CARGO_PKG_VERSION_MINOR").parse::<u32>().unwrap() << 8)
        | env!("CARGO_PKG_VERSION_PATCH").parse::<u32>().unwrap();
    assert_eq!(n, expect);
}
