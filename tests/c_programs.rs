//! Finds every C test program, `tests/c/test_*.c` (and `tests/c/gen/test_*.c`, the place for
//! generated ones), builds each against `include/tsc.h` and the freshly built `libtsc.so` with
//! `-std=c99 -Wall -Wextra -Wpedantic -Werror`, and runs it against its own in-process emulator
//! three ways: plain, under AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer, and
//! under valgrind (zero errors, zero definite or indirect leaks). Each program ends with an
//! `N passed, N failed` line, which is checked here too. Nothing is registered by hand: a new
//! `test_*.c` file runs. A program leaves out a mode with a marker comment in its source,
//! `/* tsc-test: no-valgrind */` (the 10,000-item paging one does); `no-leak-check` runs the
//! sanitized build without LeakSanitizer (for a program that abandons a call on purpose);
//! `/* tsc-test: tls */` also starts HTTPS emulators for it (`common::tls_env` lists what the
//! program gets).
//!
//! Each program and mode is one trial (`test_users::plain`, `test_users::sanitized`,
//! `test_users::valgrind`; `gen::test_x::plain` for generated ones) of the runner in
//! `harness/` (this target has `harness = false`), so `cargo test --test c_programs --
//! test_users` runs one program and `-- valgrind` one mode. Trials run on as many threads as
//! libtest would use, valgrind ones first (the longest); plain and valgrind share one build.

mod common;
mod harness;

use common::{c_build_dir, repo, run_with_timeout};
use harness::Trial;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::{Arc, OnceLock};

/// Where programs are found, and the prefix of their trial names.
const DIRS: &[(&str, &str)] = &[("tests/c", ""), ("tests/c/gen", "gen::")];

/// The options a `tsc-test:` marker may give.
const OPTIONS: &[&str] = &["no-valgrind", "no-leak-check", "tls"];

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Plain,
    Sanitized,
    Valgrind,
}

impl Mode {
    fn key(self) -> &'static str {
        match self {
            Mode::Plain => "plain",
            Mode::Sanitized => "sanitized",
            Mode::Valgrind => "valgrind",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Mode::Plain => "plain",
            Mode::Sanitized => "ASan+UBSan+LSan",
            Mode::Valgrind => "valgrind",
        }
    }
}

/// One C test program and its builds (made once, shared by its trials).
struct Program {
    /// Trial name prefix: "test_users", "gen::test_x".
    name: String,
    src: PathBuf,
    no_valgrind: bool,
    no_leak_check: bool,
    /// Gets HTTPS emulators too (`tsc-test: tls`).
    tls: bool,
    plain: OnceLock<Result<PathBuf, String>>,
    sanitized: OnceLock<Result<PathBuf, String>>,
}

/// The options of the `tsc-test:` markers in a program's source; an unknown one is an error.
fn options(source: &str, path: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    for (_, rest) in source
        .match_indices("tsc-test:")
        .map(|(i, _)| source.split_at(i + 9))
    {
        let line = rest.lines().next().unwrap_or("");
        let text = line.split("*/").next().unwrap_or("");
        for opt in text.split([' ', ',', '\t']).filter(|o| !o.is_empty()) {
            if !OPTIONS.contains(&opt) {
                return Err(format!(
                    "{}: unknown tsc-test option '{opt}' (known: {})",
                    path.display(),
                    OPTIONS.join(", ")
                ));
            }
            found.push(opt.to_string());
        }
    }
    Ok(found)
}

/// Every `test_*.c` of `DIRS`, sorted by name within each directory.
fn discover() -> Result<Vec<Program>, String> {
    let mut programs = Vec::new();
    for (dir, prefix) in DIRS {
        let dir = repo().join(dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue; // tests/c/gen exists only once something generates programs
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| {
                let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                n.starts_with("test_") && n.ends_with(".c")
            })
            .collect();
        paths.sort();
        for src in paths {
            let text = std::fs::read_to_string(&src)
                .map_err(|e| format!("cannot read {}: {e}", src.display()))?;
            let opts = options(&text, &src)?;
            let stem = src.file_stem().unwrap().to_string_lossy().into_owned();
            programs.push(Program {
                name: format!("{prefix}{stem}"),
                src,
                no_valgrind: opts.iter().any(|o| o == "no-valgrind"),
                no_leak_check: opts.iter().any(|o| o == "no-leak-check"),
                tls: opts.iter().any(|o| o == "tls"),
                plain: OnceLock::new(),
                sanitized: OnceLock::new(),
            });
        }
    }
    if programs.is_empty() {
        return Err("no C test programs found in tests/c".into());
    }
    Ok(programs)
}

/// Compiles the program for `mode` (plain and valgrind share a build); returns the executable.
fn build(p: &Program, mode: Mode) -> Result<PathBuf, String> {
    let sanitized = mode == Mode::Sanitized;
    let cell = if sanitized { &p.sanitized } else { &p.plain };
    cell.get_or_init(|| compile(p, sanitized)).clone()
}

fn compile(p: &Program, sanitized: bool) -> Result<PathBuf, String> {
    let name = &p.name;
    let suffix = if sanitized { "-asan" } else { "" };
    let exe = c_build_dir().join(format!("{}{suffix}", name.replace("::", "-")));
    let lib = common::c_link_dir();
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
    .arg("-I")
    .arg(repo().join("tests/c"))
    .arg(&p.src)
    .arg("-o")
    .arg(&exe)
    .arg("-L")
    .arg(lib)
    .arg(format!("-Wl,-rpath,{}", lib.display()))
    .arg("-ltsc");
    if sanitized {
        cmd.args([
            "-fsanitize=address,undefined",
            "-fno-omit-frame-pointer",
            "-fno-sanitize-recover=all",
        ]);
    }
    let out = cmd.output().map_err(|e| format!("cannot run gcc: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "gcc failed for {name}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    if sanitized {
        let nm = Command::new("nm")
            .arg(&exe)
            .output()
            .map_err(|e| format!("cannot run nm: {e}"))?;
        if !String::from_utf8_lossy(&nm.stdout).contains("__asan_init") {
            return Err(format!("{name} is not instrumented with AddressSanitizer"));
        }
    }
    Ok(exe)
}

/// Builds and runs one program against a fresh emulator; a clean pass or what went wrong.
fn run(p: &Program, mode: Mode) -> Result<(), String> {
    if mode == Mode::Valgrind {
        check_valgrind()?;
    }
    let exe = build(p, mode)?;
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
        .arg(format!(
            "--suppressions={}",
            repo().join("tests/c/valgrind.supp").display()
        ))
        .arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    common::test_env(&mut cmd, &emu);
    if p.no_leak_check {
        cmd.env(
            "ASAN_OPTIONS",
            "detect_leaks=0:abort_on_error=0:halt_on_error=1",
        );
    }
    let tls = p.tls.then(common::tls_emulators);
    if let Some(t) = &tls {
        common::tls_env(&mut cmd, t);
    }
    let limit = if mode == Mode::Valgrind { 900 } else { 300 };
    let out = run_with_timeout(cmd, limit);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let passed = common::clean_pass(&stdout);
    if out.status.success() && passed.is_some() {
        Ok(())
    } else {
        Err(format!(
            "{} ({}) failed: status {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            p.name,
            mode.label(),
            out.status
        ))
    }
}

/// Valgrind trials are ignored with `TSC_SKIP_VALGRIND` set (for a machine without it).
fn skip_valgrind() -> bool {
    std::env::var_os("TSC_SKIP_VALGRIND").is_some()
}

fn check_valgrind() -> Result<(), String> {
    let ok = Command::new("valgrind")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        Ok(())
    } else {
        Err("valgrind is not installed (apt-get install valgrind, or set TSC_SKIP_VALGRIND=1 locally)".into())
    }
}

/// The runner's own checks: what it found, and how it reads markers.
fn check_discovery(programs: &[Arc<Program>]) -> Result<(), String> {
    let find = |n: &str| programs.iter().find(|p| p.name == n);
    let foundation = find("test_foundation").ok_or("test_foundation.c was not found")?;
    let volume = find("test_paging_volume").ok_or("test_paging_volume.c was not found")?;
    if foundation.no_valgrind || !volume.no_valgrind {
        return Err("the no-valgrind marker of test_paging_volume.c was misread".into());
    }
    let tls = find("test_tls").ok_or("test_tls.c was not found")?;
    if !tls.tls || foundation.tls || tls.no_valgrind {
        return Err("the tls marker of test_tls.c was misread".into());
    }
    let on_disk = std::fs::read_dir(repo().join("tests/c"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("test_") && n.ends_with(".c"))
        .count();
    if programs.iter().filter(|p| !p.name.contains("::")).count() != on_disk {
        return Err(format!(
            "found {} programs, {on_disk} on disk",
            programs.len()
        ));
    }
    let path = Path::new("x.c");
    let marked = options("int a;\n/* tsc-test: no-valgrind */\n", path)?;
    if marked != ["no-valgrind"] || !options("/* no marker */", path)?.is_empty() {
        return Err(format!("markers misread: {marked:?}"));
    }
    match options("/* tsc-test: no-valgrnd */", path) {
        Err(e) if e.contains("unknown tsc-test option 'no-valgrnd'") => Ok(()),
        other => Err(format!("a misspelt option was not refused: {other:?}")),
    }
}

fn main() -> ExitCode {
    let programs: Vec<Arc<Program>> = match discover() {
        Ok(p) => p.into_iter().map(Arc::new).collect(),
        Err(e) => return harness::run(vec![Trial::new("discover", move || Err(e))]),
    };
    let mut trials = Vec::new();
    let all = programs.clone();
    trials.push(Trial::new(
        "runner::finds_programs_and_their_markers",
        move || check_discovery(&all),
    ));
    trials.push(Trial::new(
        "runner::reads_the_command_line_as_libtest",
        harness::self_test,
    ));
    for mode in [Mode::Valgrind, Mode::Sanitized, Mode::Plain] {
        for p in &programs {
            if mode == Mode::Valgrind && p.no_valgrind {
                continue;
            }
            let p = Arc::clone(p);
            let name = format!("{}::{}", p.name, mode.key());
            let ignored = mode == Mode::Valgrind && skip_valgrind();
            trials.push(Trial::new(name, move || run(&p, mode)).ignored(ignored));
        }
    }
    harness::run(trials)
}
