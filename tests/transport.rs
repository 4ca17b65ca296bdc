//! Transport settings against small local servers: TLS failures map to `Tls`, a CA bundle that is
//! not PEM is refused, an explicit proxy is used (forward requests in absolute form, with the
//! proxy's credentials, for http:// servers; a CONNECT tunnel for https:// ones), an unreachable
//! proxy is a connect error, and the User-Agent names libtsc.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use tsc::transport::ProxySetting;
use tsc::{Server, ServerOptions, Status};

/// Reads one request head (up to the blank line).
fn read_head(c: &mut impl Read) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && c.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).to_string()
}

/// A server (or HTTP proxy: it accepts CONNECT and then serves inside the tunnel) that records
/// each request head and answers with `reply`, then closes.
fn canned(reply: &'static [u8]) -> (String, mpsc::Receiver<String>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for mut c in l.incoming().flatten() {
            let mut head = read_head(&mut c);
            if head.starts_with("CONNECT ") {
                let _ = c.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                head.push_str(&read_head(&mut c));
            }
            let _ = tx.send(head);
            let _ = c.write_all(reply);
        }
    });
    (format!("127.0.0.1:{}", addr.port()), rx)
}

const INFO: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 136\r\nConnection: close\r\n\r\n<tsResponse><serverInfo><productVersion build=\"1\">2025.1</productVersion><restApiVersion>3.25</restApiVersion></serverInfo></tsResponse>";

#[test]
fn tls_to_a_plain_http_port_is_a_tls_error() {
    // a plain-HTTP server that answers at once, before reading anything
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for mut c in l.incoming().flatten() {
            let _ = c.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    let s = Server::new(&ServerOptions::new(&format!("https://{addr}")).unwrap()).unwrap();
    let e = s.server_info().unwrap_err();
    assert_eq!(e.status(), Status::Tls, "{}", e.message());
    assert!(e.message().contains("TLS"), "{}", e.message());
}

#[test]
fn a_ca_bundle_that_is_not_pem_is_refused() {
    let path = std::env::temp_dir().join(format!("tsc-bad-ca-{}.pem", std::process::id()));
    std::fs::write(&path, "this is not a certificate").unwrap();
    let e = Server::new(
        &ServerOptions::new("https://localhost")
            .unwrap()
            .ca_bundle(&path),
    )
    .unwrap_err();
    assert_eq!(e.status(), Status::Tls, "{}", e.message());
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn user_agent_names_libtsc_and_the_suffix() {
    let (addr, rx) = canned(INFO);
    let s = Server::new(
        &ServerOptions::new(&format!("http://{addr}"))
            .unwrap()
            .user_agent_suffix("myapp/2"),
    )
    .unwrap();
    assert_eq!(s.server_info().unwrap().rest_api_version(), Some("3.25"));
    let head = rx.recv().unwrap().to_ascii_lowercase();
    assert!(
        head.contains(&format!(
            "user-agent: libtsc/{} myapp/2",
            env!("CARGO_PKG_VERSION")
        )),
        "{head}"
    );
    assert!(
        !head.contains("x-tableau-auth"),
        "server info is unauthenticated"
    );
}

#[test]
fn an_http_server_goes_through_the_proxy_as_forward_requests() {
    let (proxy, rx) = canned(INFO);
    let opts = ServerOptions::new("http://tableau.invalid:8080")
        .unwrap()
        .proxy(ProxySetting::Url(format!("http://user:p%40ss@{proxy}")));
    let s = Server::new(&opts).unwrap();
    for _ in 0..2 {
        assert_eq!(s.server_info().unwrap().product_version(), Some("2025.1"));
        let head = rx.recv().unwrap();
        // a logging proxy answers CONNECT to port 8080 with 501: ask for the absolute URL
        assert!(
            head.starts_with("GET http://tableau.invalid:8080/api/2.4/serverInfo HTTP/1.1\r\n"),
            "the proxy got: {head}"
        );
        assert!(
            head.to_ascii_lowercase()
                .contains("\r\nhost: tableau.invalid:8080\r\n"),
            "{head}"
        );
        // user:p@ss, percent-decoded, in Basic
        assert!(
            head.contains("Proxy-Authorization: Basic dXNlcjpwQHNz\r\n"),
            "{head}"
        );
    }
}

#[test]
fn an_https_server_goes_through_the_proxy_in_a_tunnel() {
    let (proxy, rx) = canned(INFO);
    let opts = ServerOptions::new("https://tableau.invalid")
        .unwrap()
        .connect_timeout(std::time::Duration::from_secs(2))
        .proxy(ProxySetting::Url(format!("http://{proxy}")));
    // the canned answer is not TLS: the call fails, but the proxy saw a CONNECT, nothing else
    assert!(Server::new(&opts).unwrap().server_info().is_err());
    let head = rx.recv().unwrap();
    assert!(
        head.starts_with("CONNECT tableau.invalid:443 HTTP/1.1"),
        "{head}"
    );
    assert!(!head.contains("serverInfo"), "{head}");
}

#[test]
fn an_unreachable_proxy_is_a_connect_error() {
    let opts = ServerOptions::new("http://tableau.invalid")
        .unwrap()
        .proxy(ProxySetting::Url("http://127.0.0.1:1".into()));
    let e = Server::new(&opts).unwrap().server_info().unwrap_err();
    assert_eq!(e.status(), Status::Connect, "{}", e.message());
}
