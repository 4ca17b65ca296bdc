//! Downloads against a tiny raw HTTP server that sends whatever `Content-Disposition` a test wants
//! (hostile names: `..`, absolute paths, Windows separators, control characters, empty or missing
//! names), short bodies and chunked bodies. The file always lands inside the target directory under
//! a safe name, and a failed download leaves nothing behind.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tsc::{Credentials, Destination, Server, ServerOptions, Status, TransferOptions};

/// What the content URL answers: extra header lines and the body, and whether to lie about the
/// length (announce `declared` bytes, send `body`, close) or send the body chunked.
#[derive(Clone, Default)]
struct Answer {
    headers: Vec<String>,
    body: Vec<u8>,
    declared: Option<usize>,
    chunked: bool,
}

/// A server on a free port; `answer` is what `.../content` returns next.
fn start(answer: Arc<Mutex<Answer>>) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(conn) = conn else { continue };
            let a = answer.clone();
            std::thread::spawn(move || serve(conn, &a));
        }
    });
    url
}

fn serve(conn: TcpStream, answer: &Mutex<Answer>) {
    let mut r = BufReader::new(conn.try_clone().unwrap());
    let mut w = conn;
    let mut line = String::new();
    if r.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0u8; len];
    let _ = r.read_exact(&mut body);
    if path.ends_with("/auth/signin") {
        let xml = "<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns=\"http://tableau.com/api\"><credentials token=\"tok\"><site id=\"site-1\" contentUrl=\"\"/><user id=\"user-1\"/></credentials></tsResponse>";
        let _ = write!(
            w,
            "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{xml}",
            xml.len()
        );
        return;
    }
    let a = answer.lock().unwrap().clone();
    let mut head = String::from(
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n",
    );
    for h in &a.headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    if a.chunked {
        head.push_str("Transfer-Encoding: chunked\r\n\r\n");
        let _ = w.write_all(head.as_bytes());
        for c in a.body.chunks(1000) {
            let _ = write!(w, "{:x}\r\n", c.len());
            let _ = w.write_all(c);
            let _ = w.write_all(b"\r\n");
        }
        let _ = w.write_all(b"0\r\n\r\n");
    } else {
        head.push_str(&format!(
            "Content-Length: {}\r\n\r\n",
            a.declared.unwrap_or(a.body.len())
        ));
        let _ = w.write_all(head.as_bytes());
        let _ = w.write_all(&a.body);
    }
    let _ = w.flush();
}

fn server(url: &str) -> Server {
    let o = ServerOptions::new(url)
        .unwrap()
        .api_version("3.25")
        .unwrap();
    let s = Server::new(&o).unwrap();
    s.auth()
        .sign_in(&Credentials::password("u", "p", "").unwrap())
        .unwrap();
    s
}

/// A fresh directory with a `target` subdirectory downloads go into.
fn dirs(tag: &str) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("tsc-names-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let target = root.join("target");
    std::fs::create_dir_all(&target).unwrap();
    (root, target)
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn hostile_names_never_leave_the_directory() {
    let answer = Arc::new(Mutex::new(Answer::default()));
    let s = server(&start(answer.clone()));
    let body = b"<?xml version='1.0'?><workbook/>".to_vec();
    let cases: &[(&str, Option<&str>, &str)] = &[
        (
            "1",
            Some("attachment; filename=\"../../etc/passwd\""),
            "passwd",
        ),
        ("2", Some("attachment; filename=\"/etc/shadow\""), "shadow"),
        (
            "3",
            Some("attachment; filename=\"C:\\\\Windows\\\\win.ini\""),
            "win.ini",
        ),
        (
            "4",
            Some("attachment; filename=\"..\\\\..\\\\boot.ini\""),
            "boot.ini",
        ),
        (
            "5",
            Some("attachment; filename*=UTF-8''%2E%2E%2F%2E%2E%2Fetc%2Fcron.d"),
            "cron.d",
        ),
        (
            "6",
            Some("attachment; filename*=UTF-8''a%00b%0Ac%1B%7F.twb"),
            "abc.twb",
        ),
        (
            "7",
            Some("attachment; filename*=UTF-8''%E2%80%AEtxt.exe"),
            "txt.exe",
        ),
        ("8", Some("attachment; filename=\"\""), "wb-8.twb"),
        ("9", Some("attachment; filename=\"..\""), "wb-9.twb"),
        ("10", Some("attachment; filename=\"...\""), "wb-10.twb"),
        ("11", Some("attachment; filename=\"   \""), "wb-11.twb"),
        ("12", Some("attachment; filename=\"/\""), "wb-12.twb"),
        (
            "13",
            Some("attachment; filename*=UTF-8''%2E%2E"),
            "wb-13.twb",
        ),
        ("14", Some("attachment; filename=\".bashrc\""), "bashrc"),
        ("15", Some("attachment; filename=\"NUL.twb\""), "_NUL.twb"),
        ("16", Some("attachment"), "wb-16.twb"),
        ("17", None, "wb-17.twb"),
        (
            "18",
            Some("attachment; filename=\"a:b*c?.twb\""),
            "a_b_c_.twb",
        ),
    ];
    for (tag, header, want) in cases {
        let (root, target) = dirs(tag);
        *answer.lock().unwrap() = Answer {
            headers: header
                .map(|h| vec![format!("Content-Disposition: {h}")])
                .unwrap_or_default(),
            body: body.clone(),
            ..Answer::default()
        };
        let id = format!("wb-{tag}");
        let got = s
            .workbooks()
            .download(
                &id,
                Destination::Directory(&target),
                &mut TransferOptions::new(),
            )
            .unwrap_or_else(|e| panic!("{header:?}: {e}"));
        assert_eq!(entries(&target), vec![want.to_string()], "{header:?}");
        assert_eq!(entries(&root), vec!["target".to_string()], "{header:?}");
        let path = got.path.unwrap();
        assert_eq!(path, std::path::absolute(target.join(want)).unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), body);
        std::fs::remove_dir_all(&root).unwrap();
    }
    // a hostile id in the fallback name
    let (root, target) = dirs("id");
    *answer.lock().unwrap() = Answer {
        body: b"PK\x03\x04zip".to_vec(),
        ..Answer::default()
    };
    s.workbooks()
        .download(
            "../../evil",
            Destination::Directory(&target),
            &mut TransferOptions::new(),
        )
        .unwrap();
    assert_eq!(entries(&target), vec!["evil.twbx".to_string()]);
    assert_eq!(entries(&root), vec!["target".to_string()]);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn short_bodies_fail_cleanly_and_chunked_bodies_report_unknown_totals() {
    let answer = Arc::new(Mutex::new(Answer::default()));
    let s = server(&start(answer.clone()));
    let (root, target) = dirs("short");
    *answer.lock().unwrap() = Answer {
        headers: vec!["Content-Disposition: name=\"x\"; filename=\"x.tdsx\"".into()],
        body: vec![7u8; 5000],
        declared: Some(9000),
        chunked: false,
    };
    let e = s
        .datasources()
        .download(
            "ds",
            Destination::Directory(&target),
            &mut TransferOptions::new(),
        )
        .unwrap_err();
    assert_eq!(e.status(), Status::Io, "{e}");
    assert!(entries(&target).is_empty());

    let mut seen = Vec::new();
    let body: Vec<u8> = (0..250_000u32).map(|i| (i % 251) as u8).collect();
    *answer.lock().unwrap() = Answer {
        headers: vec!["Content-Disposition: name=\"x\"; filename=\"x.hyper\"".into()],
        body: body.clone(),
        declared: None,
        chunked: true,
    };
    {
        let mut t = TransferOptions::new().progress(|d, t| {
            seen.push((d, t));
            ControlFlow::Continue(())
        });
        let got = s
            .datasources()
            .download("ds", Destination::Directory(&target), &mut t)
            .unwrap();
        assert_eq!(got.bytes, body.len() as u64);
    }
    assert_eq!(std::fs::read(target.join("x.hyper")).unwrap(), body);
    assert!(seen.iter().all(|(_, t)| t.is_none()));
    assert_eq!(seen.first(), Some(&(0, None)));
    assert_eq!(seen.last(), Some(&(body.len() as u64, None)));
    std::fs::remove_dir_all(&root).unwrap();
}
