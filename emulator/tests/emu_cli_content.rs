//! The content parts of the command line: `samples --out`, `--content-disposition`,
//! `--publish-limit-mb`, `--chunk-limit-mb`, `--seed demo` content through the binary.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use common::*;

const BIN: &str = env!("CARGO_BIN_EXE_tsc-emulator");

#[test]
fn samples_subcommand() {
    let dir = tsc_emulator::util::make_temp_dir().unwrap();
    let out = Command::new(BIN)
        .args(["samples", "--out"])
        .arg(&dir)
        .args(["--hyper-bytes", "100000"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            std::path::Path::new(l)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        listed,
        [
            "Superstore.twbx",
            "Regional.twb",
            "Sales.tds",
            "Sales.tdsx",
            "Extract.hyper",
            "Big.hyper"
        ]
    );
    assert_eq!(
        std::fs::metadata(dir.join("Big.hyper")).unwrap().len(),
        100_000
    );
    let wb = tsc_emulator::content::inspect_workbook(
        &dir.join("Superstore.twbx"),
        tsc_emulator::content::FileKind::Twbx,
    )
    .unwrap();
    assert_eq!(wb.sheets.len(), 5);
    std::fs::remove_dir_all(&dir).unwrap();
    for bad in [
        &["samples"][..],
        &["samples", "--out"],
        &["samples", "--out", "/tmp/x", "--hyper-bytes", "lots"],
        &["samples", "--bogus", "1"],
    ] {
        let out = Command::new(BIN).args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn content_flags_are_validated() {
    for bad in [
        &["--content-disposition", "fancy"][..],
        &["--publish-limit-mb", "0"],
        &["--publish-limit-mb", "x"],
        &["--chunk-limit-mb", "-1"],
    ] {
        let out = Command::new(BIN).args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for s in [
        "--content-disposition",
        "--publish-limit-mb",
        "--chunk-limit-mb",
        "samples --out",
        "/_emulator/bulk/workbooks",
        "contentDisposition",
    ] {
        assert!(text.contains(s), "--help mentions {s}");
    }
}

/// Runs the binary with `args` on a free port; returns the child and its address.
fn spawn(args: &[&str]) -> (Child, SocketAddr) {
    let mut child = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().strip_prefix("listening on http://").unwrap();
    (child, url.parse().unwrap())
}

#[test]
fn binary_with_demo_content_and_flags() {
    let (mut child, addr) = spawn(&[
        "--seed",
        "demo",
        "--content-disposition",
        "rfc5987",
        "--publish-limit-mb",
        "1",
    ]);
    let (t, site, _) = signin(addr, "dave", "davepw", "");
    let s = |p: &str| format!("/api/3.25/sites/{site}/{p}");
    let r = req(
        addr,
        "GET",
        &s("workbooks?filter=name:eq:Regional"),
        Some(&t),
        None,
    );
    let id = r
        .xml()
        .find("workbook")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let d = req(
        addr,
        "GET",
        &s(&format!("workbooks/{id}/content")),
        Some(&t),
        None,
    );
    d.expect(200);
    assert_eq!(
        d.header("Content-Disposition"),
        Some("name=\"tableau_workbook\"; filename*=UTF-8''Regional.twb")
    );
    // 1 MB single-request limit.
    let big = vec![b'x'; 1024 * 1024 + 1];
    let mut body = b"--B\r\nContent-Disposition: name=\"request_payload\"\r\n\r\n<tsRequest><datasource name=\"Big\"/></tsRequest>\r\n--B\r\nContent-Disposition: name=\"tableau_datasource\"; filename=\"Big.hyper\"\r\n\r\n".to_vec();
    body.extend_from_slice(&big);
    body.extend_from_slice(b"\r\n--B--\r\n");
    let r = req_bytes(
        addr,
        "POST",
        &s("datasources"),
        Some(&t),
        Some(&body),
        Some("multipart/mixed; boundary=B"),
    );
    r.expect_error(400, "400016");
    // SIGTERM (not SIGKILL) so that the emulator removes its temp data dir.
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}
