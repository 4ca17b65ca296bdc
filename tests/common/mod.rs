//! Shared pieces of the Rust integration tests: paths, an in-process emulator per test, sample
//! content, and running a child process with a time limit.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tsc_emulator::{Config, ConnectedApp, Emulator};

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

/// A directory with copies of `libtsc.so` and its soname link, for linking C programs and at
/// their run time (made once per test binary).
pub fn c_link_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = c_build_dir().join("lib");
        std::fs::create_dir_all(&dir).unwrap();
        let so = built_library();
        for name in ["libtsc.so", "libtsc.so.0.1"] {
            let dst = dir.join(name);
            let _ = std::fs::remove_file(&dst);
            std::fs::copy(&so, &dst).unwrap();
        }
        dir
    })
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
