//! Shared pieces of the Rust integration tests: paths, copies of the built library, an
//! in-process emulator per test, sample content, the environment test programs get, running a
//! child process with a time limit, and reading the `N passed, N failed` line programs print.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tsc_emulator::{Config, ConnectedApp, Emulator, TlsConfig, TlsVersion};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The directory with the built `libtsc.so` (target/<profile>).
pub fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    exe.parent()
        .and_then(|d| d.parent())
        .expect("target dir")
        .to_path_buf()
}

/// The `libtsc.so` this test run was built with. `cargo test` builds the cdylib into
/// `target/<profile>/deps/` and only `cargo build` copies it up a level, so take the newer one.
pub fn built_library() -> PathBuf {
    let candidates = [
        lib_dir().join("deps/libtsc.so"),
        lib_dir().join("libtsc.so"),
    ];
    candidates
        .iter()
        .filter_map(|p| Some((std::fs::metadata(p).ok()?.modified().ok()?, p.clone())))
        .max()
        .map(|(_, p)| p)
        .expect("libtsc.so was not built")
}

/// Where C test programs are built.
pub fn c_build_dir() -> PathBuf {
    let d = lib_dir().join("c-tests");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Fresh copies of the built `libtsc.so` in `dir`, as `libtsc.so` and under its soname, for
/// linking and at run time (a copy, so another test's build cannot change it mid-run).
pub fn copy_library_to(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let so = built_library();
    let soname = format!("libtsc.so.0.{}", env!("CARGO_PKG_VERSION_MINOR"));
    for name in ["libtsc.so", soname.as_str()] {
        let dst = dir.join(name);
        let _ = std::fs::remove_file(&dst);
        std::fs::copy(&so, &dst).unwrap();
    }
    dir.to_path_buf()
}

/// A directory with copies of `libtsc.so` and its soname link, for linking C programs and at
/// their run time (made once per test binary).
pub fn c_link_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| copy_library_to(&c_build_dir().join("lib")))
}

/// Builds `examples/c/{name}.c` with gcc at `-std=c99 -Wall -Wextra -Wpedantic -Werror -g` (and
/// `extra` flags) against the fresh `libtsc.so`, as a user would; the executable. Panics with
/// gcc's messages if it does not build.
pub fn build_c_example(name: &str, extra: &[&str]) -> PathBuf {
    let exe = c_build_dir().join(format!("example-{name}"));
    let lib = c_link_dir();
    let out = Command::new("gcc")
        .args([
            "-std=c99",
            "-Wall",
            "-Wextra",
            "-Wpedantic",
            "-Werror",
            "-g",
        ])
        .args(extra)
        .arg("-I")
        .arg(repo().join("include"))
        .arg(repo().join(format!("examples/c/{name}.c")))
        .arg("-o")
        .arg(&exe)
        .arg("-L")
        .arg(lib)
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-ltsc")
        .output()
        .expect("gcc runs");
    assert!(
        out.status.success(),
        "examples/c/{name}.c does not build:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    exe
}

/// Whether every one of `tools` answers `<tool> <arg>`; when one does not, panics naming the
/// Debian `package`, unless the environment variable `skip` is set (then false: skip the test).
pub fn require_tools(tools: &[(&str, &str)], package: &str, skip: &str) -> bool {
    if std::env::var_os(skip).is_some() {
        eprintln!("{skip} is set: skipping what needs {package}");
        return false;
    }
    for (tool, arg) in tools {
        let ok = Command::new(tool)
            .arg(arg)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        assert!(
            ok,
            "{tool} is not installed (apt-get install -y {package}, or set {skip}=1 locally)"
        );
    }
    true
}

/// The environment every test program gets: the emulator's URL (`TSC_TEST_URL`), the sample
/// files (`TSC_TEST_SAMPLES`), a JWT of the emulator's connected app (`TSC_TEST_JWT`), and
/// sanitizer options that stop at the first error.
pub fn test_env<'a>(cmd: &'a mut Command, emu: &Emulator) -> &'a mut Command {
    cmd.env("TSC_TEST_URL", emu.url())
        .env("TSC_TEST_SAMPLES", samples_dir())
        .env(
            "TSC_TEST_JWT",
            tsc_emulator::mint_jwt(&connected_app(), "admin", &["tableau:content:read"], 600),
        )
        .env(
            "ASAN_OPTIONS",
            "detect_leaks=1:abort_on_error=0:halt_on_error=1",
        )
        .env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
}

/// N of a program's last `N passed, 0 failed` line, when it has one, N > 0 and nothing failed.
pub fn clean_pass(stdout: &str) -> Option<u32> {
    let summary = stdout.lines().rev().find(|l| l.contains(" passed, "))?;
    if !summary.ends_with(" passed, 0 failed") {
        return None;
    }
    let n: u32 = summary.split(' ').next()?.parse().ok()?;
    (n > 0).then_some(n)
}

/// The connected app every test emulator trusts.
pub fn connected_app() -> ConnectedApp {
    ConnectedApp {
        client_id: "test-client".into(),
        secret_id: "test-secret-id".into(),
        secret_value: "test-secret-value-0123456789abcdef".into(),
    }
}

/// A fresh emulator on a free loopback port: admin/admin, PAT `test-pat`=`pat-secret`, the
/// connected app above.
pub fn emulator() -> Emulator {
    emulator_with(|_| {})
}

/// A fresh emulator with a changed configuration.
pub fn emulator_with(f: impl FnOnce(&mut Config)) -> Emulator {
    let mut c = Config {
        listen: "127.0.0.1:0".into(),
        pats: vec![("test-pat".into(), "pat-secret".into())],
        connected_app: Some(connected_app()),
        ..Config::default()
    };
    f(&mut c);
    Emulator::start(c).expect("start emulator")
}

/// HTTPS emulators for a TLS test program, all with server certificates of one generated CA:
/// plain TLS, TLS requiring client certificates of that CA, and TLS capped at 1.2. Stops them
/// and removes the certificates when dropped.
pub struct TlsEmulators {
    pub tls: Emulator,
    pub mtls: Emulator,
    pub tls12: Emulator,
    /// The generated CA, server and client certificates.
    pub files: tsc_emulator::SelfSigned,
    /// A client certificate and key of another CA.
    pub other: tsc_emulator::SelfSigned,
    dir: PathBuf,
}

impl Drop for TlsEmulators {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Starts the emulators of [`TlsEmulators`].
pub fn tls_emulators() -> TlsEmulators {
    let dir = tsc_emulator::util::make_temp_dir().expect("temp dir");
    let files = tsc_emulator::tls::generate_self_signed(&dir.join("ca")).expect("certificates");
    let other = tsc_emulator::tls::generate_self_signed(&dir.join("other")).expect("certificates");
    let start = |client_ca: bool, max: Option<TlsVersion>| {
        let mut t = TlsConfig::files(&files.server_cert, &files.server_key);
        t.client_ca = client_ca.then(|| files.ca.clone());
        t.max_version = max;
        emulator_with(|c| c.tls = Some(t))
    };
    TlsEmulators {
        tls: start(false, None),
        mtls: start(true, None),
        tls12: start(false, Some(TlsVersion::V1_2)),
        files,
        other,
        dir,
    }
}

/// What a TLS test program gets on top of [`test_env`]: `TSC_TEST_TLS_URL`,
/// `TSC_TEST_MTLS_URL` (requires a client certificate), `TSC_TEST_TLS12_URL` (TLS 1.2 only),
/// `TSC_TEST_TLS_CA` (the CA of all three), `TSC_TEST_CLIENT_CERT`/`_KEY` (a client
/// certificate of that CA), `TSC_TEST_OTHER_CLIENT_CERT`/`_KEY` (one of another CA).
pub fn tls_env<'a>(cmd: &'a mut Command, t: &TlsEmulators) -> &'a mut Command {
    cmd.env("TSC_TEST_TLS_URL", t.tls.url())
        .env("TSC_TEST_MTLS_URL", t.mtls.url())
        .env("TSC_TEST_TLS12_URL", t.tls12.url())
        .env("TSC_TEST_TLS_CA", &t.files.ca)
        .env("TSC_TEST_CLIENT_CERT", &t.files.client_cert)
        .env("TSC_TEST_CLIENT_KEY", &t.files.client_key)
        .env("TSC_TEST_OTHER_CLIENT_CERT", &t.other.client_cert)
        .env("TSC_TEST_OTHER_CLIENT_KEY", &t.other.client_key)
}

/// A directory of sample content (workbooks, data sources), written once per test binary.
pub fn samples_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = lib_dir().join("test-samples");
        std::fs::create_dir_all(&d).unwrap();
        tsc_emulator::content::write_sample_set(&d).expect("write samples");
        d
    })
    .clone()
}

/// Runs a command, killing it after `secs` seconds (a hung test fails instead of blocking CI).
pub fn run_with_timeout(mut cmd: Command, secs: u64) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let err_t = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "timed out after {secs} s; stderr so far:\n{}",
                err_t.join().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out_t.join().unwrap_or_default().into_bytes(),
        stderr: err_t.join().unwrap_or_default().into_bytes(),
    }
}
