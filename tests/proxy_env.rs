//! The proxy from the environment (`HTTP_PROXY`) is used by default, and `ProxySetting::None`
//! ignores it. Its own test binary: it changes the process environment.

use std::io::{Read, Write};
use std::net::TcpListener;
use tsc::transport::ProxySetting;
use tsc::{Server, ServerOptions};

fn read_head(c: &mut impl Read) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && c.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).to_string()
}

#[test]
fn environment_proxy_is_used_unless_disabled() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for mut c in l.incoming().flatten() {
            let mut head = read_head(&mut c);
            if head.starts_with("CONNECT ") {
                let _ = c.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                head.push_str(&read_head(&mut c));
            }
            let _ = tx.send(head);
            let body = "<tsResponse><serverInfo><productVersion>x</productVersion><restApiVersion>3.1</restApiVersion></serverInfo></tsResponse>";
            let _ = write!(
                c,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    // SAFETY: this test binary has a single test, so no other thread reads the environment.
    unsafe {
        std::env::set_var("HTTP_PROXY", format!("http://{addr}"));
        std::env::remove_var("NO_PROXY");
    }
    let s = Server::new(&ServerOptions::new("http://tableau.invalid").unwrap()).unwrap();
    assert_eq!(s.server_info().unwrap().rest_api_version(), Some("3.1"));
    let head = rx.recv().unwrap();
    assert!(
        head.contains("tableau.invalid") && head.contains("/api/2.4/serverInfo"),
        "{head}"
    );

    let direct = Server::new(
        &ServerOptions::new("http://tableau.invalid")
            .unwrap()
            .proxy(ProxySetting::None),
    )
    .unwrap();
    let e = direct.server_info().unwrap_err();
    assert_eq!(e.status(), tsc::Status::Connect, "{}", e.message());
}
