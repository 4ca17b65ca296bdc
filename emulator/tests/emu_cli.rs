//! The `tsc-emulator` binary: first stdout line, flags, SIGTERM cleanup, mint-jwt, --help.

mod common;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_tsc-emulator");

#[test]
fn help_and_bad_flags() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--listen",
        "--admin-user",
        "--admin-password",
        "--pat",
        "--connected-app",
        "--api-version",
        "--latency-ms",
        "--data-dir",
        "--seed",
        "--session-idle-minutes",
        "mint-jwt",
        "/_emulator/faults",
    ] {
        assert!(text.contains(flag), "--help mentions {flag}");
    }
    for flag in ["--log-requests", "/_emulator/reset", "3.0 to 3.29"] {
        assert!(text.contains(flag), "--help mentions {flag}");
    }
    // Self-contained: no pointer to a README that is not installed with the binary.
    assert!(!text.contains("README"), "{text}");
    // Issue 11: unknown flags are named as such, stray words as unexpected.
    let stderr_of = |args: &[&str]| {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let e = stderr_of(&["--bogus"]);
    assert!(e.contains("unknown option --bogus"), "{e}");
    let e = stderr_of(&["--listen", "127.0.0.1:0", "extra"]);
    assert!(e.contains("unexpected argument 'extra'"), "{e}");
    let e = stderr_of(&["samples", "stray"]);
    assert!(e.contains("unexpected argument 'stray'"), "{e}");
    let e = stderr_of(&["mint-jwt", "--nope"]);
    assert!(e.contains("unknown option --nope"), "{e}");
    let e = stderr_of(&["--listen"]);
    assert!(e.contains("--listen needs a value"), "{e}");
    // --api-version: only versions the emulator implements.
    for v in ["2.0", "9.9", "2.9", "3.30", "3", "x.y"] {
        let e = stderr_of(&["--api-version", v]);
        assert!(
            e.contains("is not a REST API version the emulator implements"),
            "{v}: {e}"
        );
        assert!(e.contains("2.3 to 2.8, or 3.0 to 3.29"), "{e}");
    }
    let out = Command::new(BIN)
        .args(["--pat", "nosecret"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn mint_jwt_subcommand() {
    let out = Command::new(BIN)
        .args([
            "mint-jwt",
            "--connected-app",
            "cid:sid:the-secret",
            "--user",
            "alice",
            "--scope",
            "tableau:content:read",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let jwt = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        tsc_emulator::auth::verify_jwt(&common::app(), jwt.trim()).unwrap(),
        "alice"
    );
}

#[test]
fn serves_and_stops_on_sigterm() {
    let mut child = Command::new(BIN)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--seed",
            "demo",
            "--pat",
            "ci=s3cret",
            "--admin-password",
            "pw",
            "--latency-ms",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on http://")
        .expect("first line")
        .to_string();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let dir = line
        .trim()
        .strip_prefix("tsc-emulator: data dir ")
        .expect("data dir line")
        .to_string();
    assert!(std::path::Path::new(&dir).exists());
    let addr: std::net::SocketAddr = url.parse().unwrap();
    // The demo seed and the admin password are in effect.
    let (t, s, _) = common::signin(addr, "admin", "pw", "");
    let r = common::req(
        addr,
        "GET",
        &format!("/api/3.25/sites/{s}/projects?pageSize=1000"),
        Some(&t),
        None,
    );
    let names = common::names(&r, "projects", "project");
    assert!(
        names.contains(&"Sales".to_string()) && names.contains(&"Q1 Reports".to_string()),
        "{names:?}"
    );
    common::signin(addr, "alice", "alicepw", "marketing");
    // SIGTERM: clean exit, temp dir removed.
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let t0 = Instant::now();
    let code = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "did not exit on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(code.success(), "{code:?}");
    assert!(!std::path::Path::new(&dir).exists(), "temp dir removed");
}

/// `--log-requests FILE`: one line per request in the file; `--api-version 3.0` is served.
#[test]
fn log_requests_flag_writes_lines() {
    let dir = tsc_emulator::util::make_temp_dir().unwrap();
    let log = dir.join("req.log");
    let mut child = Command::new(BIN)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--api-version",
            "3.0",
            "--log-requests",
        ])
        .arg(&log)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let addr: std::net::SocketAddr = first
        .trim()
        .strip_prefix("listening on http://")
        .expect("first line")
        .parse()
        .unwrap();
    let r = common::req(addr, "GET", "/api/3.0/serverinfo", None, None);
    assert_eq!(r.status, 200);
    let r = common::req(addr, "GET", "/api/3.1/serverinfo", None, None);
    assert_eq!(r.status, 404);
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let text = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<&str> = text.lines().collect();
    // Lines are written once each answer is sent, so two connections may log in either order.
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" GET /api/3.0/serverinfo 200 ")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" GET /api/3.1/serverinfo 404 ")),
        "{text}"
    );
}
