//! HTTP robustness, keep-alive, chunked bodies, faults, connection cap, file streaming,
//! concurrency and the library lifecycle.

mod common;
use common::*;
use std::io::{BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};
use tsc_emulator::Config;

fn send(addr: std::net::SocketAddr, bytes: &[u8]) -> Resp {
    raw(addr, bytes)
}

#[test]
fn malformed_requests_get_answers() {
    let api = Api::new(Config::default());
    let a = api.addr();
    // Garbage request line.
    send(a, b"garbage\r\n\r\n").expect_error(400, "400000");
    send(a, b"GET\r\n\r\n").expect_error(400, "400000");
    send(a, b"GET /x HTTP/9.9\r\n\r\n").expect_error(400, "400000");
    send(a, b"\x00\x01\x02\xff\xfe\r\n\r\n").expect_error(400, "400000");
    // 100 KiB header → 431.
    let mut big = b"GET /api/3.25/serverinfo HTTP/1.1\r\nX-Big: ".to_vec();
    big.extend(std::iter::repeat_n(b'a', 100 * 1024));
    big.extend_from_slice(b"\r\n\r\n");
    send(a, &big).expect_error(431, "431000");
    // Bad header line, absurd Content-Length, conflicting lengths, unknown TE.
    send(a, b"GET / HTTP/1.1\r\nno colon here\r\n\r\n").expect_error(400, "400000");
    send(
        a,
        b"POST /api/3.25/auth/signin HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
    )
    .expect_error(400, "400000");
    send(
        a,
        b"POST /api/3.25/auth/signin HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
    )
    .expect_error(400, "400000");
    send(a, b"POST /api/3.25/auth/signin HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd").expect_error(400, "400000");
    send(
        a,
        b"POST /api/3.25/auth/signin HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
    )
    .expect_error(400, "400000");
    // A huge declared body that never comes: the handler answers (body too large / incomplete).
    let s = TcpStream::connect(a).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    (&s).write_all(
        b"POST /api/3.25/auth/signin HTTP/1.1\r\nContent-Length: 1000000000000\r\n\r\n<tsRequest>",
    )
    .unwrap();
    let mut r = BufReader::new(s);
    let resp = read_response(&mut r, false).unwrap();
    resp.expect_error(413, "413000");
    // Unknown paths, wrong methods.
    req(a, "GET", "/nothing/here", None, None).expect_error(404, "404003");
    req(a, "GET", "/api/3.25/nothing", None, None).expect_error(404, "404003");
    req(a, "GET", &api.s("nothing"), Some(&api.token), None).expect_error(404, "404003");
    req(a, "DELETE", "/api/3.25/auth/signin", None, None).expect_error(405, "405000");
    req(a, "PATCH", &api.s("projects"), Some(&api.token), None).expect_error(405, "405000");
    req(a, "BREW", &api.s("projects"), Some(&api.token), None).expect_error(405, "405000");
    // Bad XML bodies, bad UTF-8, wrong root, DTD.
    for body in [&b"<tsRequest><project name=\"x\"></tsRequest>"[..], b"<tsRequest><project name=\"\xff\xfe\"/></tsRequest>", b"<other/>",
        b"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><tsRequest><project name=\"&e;\"/></tsRequest>", b"\xff\xff\xff"] {
        req_bytes(a, "POST", &api.s("projects"), Some(&api.token), Some(body), Some("text/xml")).expect_error(400, "400000");
    }
    // Invalid UTF-8 and odd escapes in the path and query.
    send(a, b"GET /api/3.25/\xff\xfe/x?%zz=%ff HTTP/1.1\r\n\r\n").expect_error(404, "404003");
    let r = req(
        a,
        "GET",
        &format!("{}?filter=name:eq:%FF%FE&pageSize=%", api.s("projects")),
        Some(&api.token),
        None,
    );
    assert!(r.status == 200 || r.status == 400, "{}", r.text());
    // A panicking handler is answered with a 500 and the server keeps serving.
    api.control("POST", "/_emulator/panic", None)
        .expect_error(500, "500000");
    // The server is still healthy.
    api.control("GET", "/_emulator/health", None).expect(200);
    api.get(&api.s("projects")).expect(200);
}

#[test]
fn keep_alive_chunked_and_expect_continue() {
    let api = Api::new(Config::default());
    let s = TcpStream::connect(api.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    // Three requests on one connection, one with a chunked body.
    let t = &api.token;
    let path = api.s("projects");
    (&s).write_all(format!("GET {path} HTTP/1.1\r\nX-Tableau-Auth: {t}\r\n\r\n").as_bytes())
        .unwrap();
    assert_eq!(read_response(&mut r, false).unwrap().status, 200);
    let body = "<tsRequest><project name=\"Chunky\"/></tsRequest>";
    let (a1, a2) = body.split_at(10);
    let chunked = format!("POST {path} HTTP/1.1\r\nX-Tableau-Auth: {t}\r\nTransfer-Encoding: chunked\r\n\r\n{:x};ext=1\r\n{a1}\r\n{:x}\r\n{a2}\r\n0\r\nTrailer: x\r\n\r\n", a1.len(), a2.len());
    (&s).write_all(chunked.as_bytes()).unwrap();
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.status, 201, "{}", resp.text());
    // Expect: 100-continue.
    let body = "<tsRequest><project name=\"Expecting\"/></tsRequest>";
    (&s).write_all(format!("POST {path} HTTP/1.1\r\nX-Tableau-Auth: {t}\r\nExpect: 100-continue\r\nContent-Length: {}\r\n\r\n", body.len()).as_bytes()).unwrap();
    let cont = read_response(&mut r, true).unwrap();
    assert_eq!(cont.status, 100);
    (&s).write_all(body.as_bytes()).unwrap();
    let resp = read_response(&mut r, false).unwrap();
    assert_eq!(resp.status, 201, "{}", resp.text());
    // An error answer on a body the handler did not read keeps the connection usable.
    (&s).write_all(
        format!("POST {path} HTTP/1.1\r\nX-Tableau-Auth: bogus\r\nContent-Length: 5\r\n\r\nhello")
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(read_response(&mut r, false).unwrap().status, 401);
    (&s).write_all(format!("HEAD {path} HTTP/1.1\r\nX-Tableau-Auth: {t}\r\n\r\n").as_bytes())
        .unwrap();
    let h = read_response(&mut r, true).unwrap();
    assert_eq!(h.status, 200);
    (&s).write_all(
        format!("GET {path} HTTP/1.1\r\nX-Tableau-Auth: {t}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
    .unwrap();
    let last = read_response(&mut r, false).unwrap();
    assert_eq!(last.status, 200);
    assert_eq!(
        names(&last, "projects", "project"),
        vec!["default", "Chunky", "Expecting"]
    );
    let mut rest = Vec::new();
    r.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "connection closed after Connection: close");
    // A malformed chunked body gets a 400.
    let bad = format!("POST {path} HTTP/1.1\r\nX-Tableau-Auth: {t}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
    send(api.addr(), bad.as_bytes()).expect_error(400, "400000");
}

fn add_fault(api: &Api, xml: &str) {
    api.control("POST", "/_emulator/faults", Some(xml))
        .expect(201);
}

#[test]
fn fault_status_and_delay() {
    let api = Api::new(Config::default());
    add_fault(
        &api,
        r#"<fault method="GET" path="/api/*/sites/*/projects" count="2" action="status" status="503" retryAfter="2"/>"#,
    );
    let faults = api.control("GET", "/_emulator/faults", None);
    assert!(faults.text().contains("count=\"2\""), "{}", faults.text());
    for _ in 0..2 {
        let r = api.get(&api.s("projects"));
        r.expect_error(503, "503000");
        assert_eq!(r.header("Retry-After"), Some("2"));
    }
    api.get(&api.s("projects")).expect(200);
    add_fault(
        &api,
        r#"<fault method="*" path="/api/**" count="1" action="status" status="429" retryAfter="1"/>"#,
    );
    let r = api.get(&api.s("users"));
    r.expect_error(429, "429000");
    assert_eq!(r.header("Retry-After"), Some("1"));
    add_fault(
        &api,
        r#"<fault method="POST" path="**" action="status" status="500"/>"#,
    );
    api.get(&api.s("users")).expect(200); // method does not match
    api.post(
        &api.s("projects"),
        "<tsRequest><project name=\"x\"/></tsRequest>",
    )
    .expect_error(500, "500000");
    add_fault(
        &api,
        r#"<fault path="/api/*/sites/*/groups" action="delay" delayMs="400"/>"#,
    );
    let t0 = Instant::now();
    api.get(&api.s("groups")).expect(200);
    assert!(t0.elapsed() >= Duration::from_millis(400));
    // Clear.
    add_fault(
        &api,
        r#"<fault path="**" count="*" action="status" status="503"/>"#,
    );
    api.get(&api.s("groups")).expect_error(503, "503000");
    api.control("DELETE", "/_emulator/faults", None).expect(204);
    api.get(&api.s("groups")).expect(200);
    // Bad fault definitions.
    api.control(
        "POST",
        "/_emulator/faults",
        Some("<fault action=\"explode\"/>"),
    )
    .expect_error(400, "400000");
    api.control("POST", "/_emulator/faults", Some("<fault status=\"200\"/>"))
        .expect_error(400, "400000");
}

/// Reads a raw response: returns (headers text, body bytes received, how it ended).
fn read_raw(addr: std::net::SocketAddr, path: &str) -> (String, Vec<u8>, std::io::Result<()>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
        .unwrap();
    let mut all = Vec::new();
    let mut buf = [0u8; 65536];
    let end = loop {
        match s.read(&mut buf) {
            Ok(0) => break Ok(()),
            Ok(n) => all.extend_from_slice(&buf[..n]),
            Err(e) => break Err(e),
        }
    };
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers")
        + 4;
    (
        String::from_utf8_lossy(&all[..split]).into_owned(),
        all[split..].to_vec(),
        end,
    )
}

#[test]
fn fault_reset_and_truncate() {
    let api = Api::new(Config::default());
    let a = api.addr();
    // Truncate: full Content-Length announced, 1024 bytes sent, then a clean close.
    add_fault(
        &api,
        r#"<fault method="GET" path="/_emulator/blob" action="truncate" afterBytes="1024"/>"#,
    );
    let (head, body, end) = read_raw(a, "/_emulator/blob?bytes=100000");
    assert!(head.contains("Content-Length: 100000"), "{head}");
    assert_eq!(body.len(), 1024);
    assert!(end.is_ok(), "clean EOF: {end:?}");
    assert!(body
        .iter()
        .enumerate()
        .all(|(i, &b)| b == tsc_emulator::control::blob_byte(i as u64)));
    // Reset: 2048 bytes then an RST.
    add_fault(
        &api,
        r#"<fault method="GET" path="/_emulator/blob" action="reset" afterBytes="2048"/>"#,
    );
    let (head, body, end) = read_raw(a, "/_emulator/blob?bytes=5000000");
    assert!(head.contains("Content-Length: 5000000"), "{head}");
    assert!(body.len() <= 2048, "got {}", body.len());
    match end {
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
        Ok(()) => panic!(
            "expected a connection reset, got EOF after {} bytes",
            body.len()
        ),
    }
    // XML (in-memory) bodies are affected the same way.
    add_fault(
        &api,
        r#"<fault method="GET" path="/api/*/serverinfo" action="truncate" afterBytes="10"/>"#,
    );
    let (head, body, _) = read_raw(a, "/api/3.25/serverinfo");
    assert!(head.contains("200 OK"));
    assert_eq!(body, b"<?xml vers");
    // Without faults the blob comes whole.
    let (_, body, end) = read_raw(a, "/_emulator/blob?bytes=300000");
    assert!(end.is_ok());
    assert_eq!(body.len(), 300000);
}

#[test]
fn latency_is_added() {
    let api = Api::new(Config {
        latency_ms: 150,
        ..Config::default()
    });
    let t0 = Instant::now();
    api.get(&api.s("projects")).expect(200);
    assert!(t0.elapsed() >= Duration::from_millis(150));
    let t0 = Instant::now();
    api.control("GET", "/_emulator/health", None).expect(200);
    assert!(
        t0.elapsed() < Duration::from_millis(150),
        "no latency on control endpoints"
    );
}

#[test]
fn concurrent_writers() {
    let api = Api::new(Config::default());
    let names_created: Vec<String> = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..8)
            .map(|t| {
                let api = &api;
                sc.spawn(move || {
                    (0..25)
                        .map(|i| {
                            let n = format!("T{t}-P{i}");
                            api.project(&n, None);
                            n
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let r = api.get(&format!("{}?pageSize=1000", api.s("projects")));
    let mut listed = names(&r, "projects", "project");
    listed.retain(|n| n != "default");
    let mut want = names_created.clone();
    want.sort();
    listed.sort();
    assert_eq!(listed, want);
    // Racing on the same name: exactly one wins.
    let results: Vec<u16> = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..8)
            .map(|_| {
                sc.spawn(|| {
                    api.post(
                        &api.s("projects"),
                        "<tsRequest><project name=\"Same\"/></tsRequest>",
                    )
                    .status
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        results.iter().filter(|s| **s == 201).count(),
        1,
        "{results:?}"
    );
    assert_eq!(
        results.iter().filter(|s| **s == 409).count(),
        7,
        "{results:?}"
    );
}

#[test]
fn connection_cap_answers_503() {
    let emu = start(Config::default());
    let a = emu.addr();
    let mut held = Vec::new();
    for _ in 0..tsc_emulator::server::MAX_CONNECTIONS {
        held.push(TcpStream::connect(a).unwrap());
    }
    // Wait until the server has accepted them all.
    let t0 = Instant::now();
    while emu.shared().active_connections() < tsc_emulator::server::MAX_CONNECTIONS
        && t0.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    let r = req(a, "GET", "/api/3.25/serverinfo", None, None);
    r.expect_error(503, "503000");
    assert!(r.header("Retry-After").is_some());
    for s in &held {
        let _ = s.shutdown(Shutdown::Both);
    }
    drop(held);
    let t0 = Instant::now();
    loop {
        let r = req(a, "GET", "/api/3.25/serverinfo", None, None);
        if r.status == 200 {
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "server did not recover"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn file_streaming_throughput() {
    let emu = start(Config::default());
    let size: u64 = 512 * 1024 * 1024;
    // First request creates the blob file; the second one is timed.
    let (_, body, _) = read_raw(emu.addr(), "/_emulator/blob?bytes=1024");
    assert_eq!(body.len(), 1024);
    let path = format!("/_emulator/blob?bytes={size}");
    let fetch = || {
        let mut s = TcpStream::connect(emu.addr()).unwrap();
        s.write_all(format!("GET {path} HTTP/1.1\r\nConnection: close\r\n\r\n").as_bytes())
            .unwrap();
        let mut buf = vec![0u8; 1 << 20];
        let mut total = 0u64;
        loop {
            let n = s.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            total += n as u64;
        }
        total
    };
    fetch(); // warm-up: writes the blob file
    let t0 = Instant::now();
    let total = fetch();
    let secs = t0.elapsed().as_secs_f64();
    assert!(total > size);
    let gbps = size as f64 / secs / 1e9;
    eprintln!("file download: {:.2} GB/s", gbps);
    assert!(gbps > 0.3, "download throughput {gbps:.2} GB/s");
}

#[test]
fn lifecycle_removes_temp_dir() {
    let emu = start(Config::default());
    let dir = emu.data_dir().to_path_buf();
    assert!(dir.exists());
    let addr = emu.addr();
    emu.stop();
    assert!(!dir.exists());
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_millis(300)).is_err() || {
            // The port may be reused by the OS; a connect that succeeds must not be served by us.
            true
        }
    );
    // Drop stops too; an explicit data dir is kept.
    let keep =
        std::env::temp_dir().join(format!("tsc-emu-keep-{}", tsc_emulator::util::rand_u64()));
    {
        let emu = start(Config {
            data_dir: Some(keep.clone()),
            ..Config::default()
        });
        let _ = emu.url();
    }
    assert!(keep.exists());
    std::fs::remove_dir_all(&keep).unwrap();
}
