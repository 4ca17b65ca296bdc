//! Error replies as real servers and the proxies in front of them send them, through the whole
//! transport against small local servers (issue 10): a `Retry-After` given as an HTTP date, a
//! non-XML error body quoted sanitised and without secrets, reply headers over 64 KiB as a
//! protocol error, Tableau's `404001` (API version) with its own hint, and a huge argument echoed
//! capped.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tsc::{Server, ServerOptions, Status};

/// Reads one request head (up to the blank line), at most 64 KiB of it.
fn read_head(c: &mut impl Read) -> Vec<u8> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 65_536 && c.read(&mut byte).unwrap_or(0) == 1
    {
        head.push(byte[0]);
    }
    head
}

/// A server that answers every request with `reply`, then closes the connection.
fn canned(reply: Vec<u8>) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for mut c in l.incoming().flatten() {
            read_head(&mut c);
            let _ = c.write_all(&reply);
        }
    });
    format!("http://127.0.0.1:{}", addr.port())
}

fn reply(status: &str, headers: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn server(url: &str) -> Server {
    Server::new(&ServerOptions::new(url).unwrap()).unwrap()
}

/// An IMF-fixdate `secs` seconds after the epoch (`Wed, 21 Oct 2026 07:28:00 GMT`).
fn imf_fixdate(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let (h, m, s) = (secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    // H. Hinnant's civil_from_days
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let mon = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(month - 1) as usize];
    format!("{wd}, {d:02} {mon} {year} {h:02}:{m:02}:{s:02} GMT")
}

#[test]
fn the_date_helper_writes_imf_fixdates() {
    assert_eq!(imf_fixdate(1_792_567_680), "Wed, 21 Oct 2026 07:28:00 GMT");
    assert_eq!(imf_fixdate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

#[test]
fn retry_after_as_an_http_date_is_the_seconds_until_then() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let date = imf_fixdate(now + 120);
    let url = canned(reply(
        "503 Service Unavailable",
        &format!("Retry-After: {date}\r\nContent-Type: text/plain\r\n"),
        "busy",
    ));
    let e = server(&url).server_info().unwrap_err();
    assert_eq!(e.status(), Status::ServerError, "{}", e.message());
    let secs = e.retry_after().expect("a Retry-After delay");
    assert!((100..=120).contains(&secs), "{secs}: {}", e.message());
    assert!(e.message().contains("Retry-After"), "{}", e.message());

    // a date already past asks for no wait; one that cannot be true is no delay at all
    let past = canned(reply(
        "429 Too Many Requests",
        "Retry-After: Sun, 06 Nov 1994 08:49:37 GMT\r\n",
        "",
    ));
    assert_eq!(
        server(&past).server_info().unwrap_err().retry_after(),
        Some(0)
    );
    let bad = canned(reply(
        "429 Too Many Requests",
        "Retry-After: Wed, 31 Jun 2026 07:28:00 GMT\r\n",
        "",
    ));
    assert_eq!(server(&bad).server_info().unwrap_err().retry_after(), None);
}

#[test]
fn a_non_xml_error_body_is_quoted_sanitised_and_without_secrets() {
    let page = "<!DOCTYPE html>\r\n<html><head><title>502 Bad Gateway</title>\
        <script>window.token='eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'</script></head>\
        <body><h1>502    Bad\tGateway</h1>\x01<p>upstream said: X-Tableau-Auth: \
        4fGhJkLmNoPqRsTuVw|AbCdEfGhIjKlMnOpQrStUv|0a1b2c3d-site</p>\
        <p>request body was credentials password=Tr0ub4dor&amp;name=admin</p>\
        <hr><center>nginx/1.25.3</center></body></html>";
    let url = canned(reply(
        "502 Bad Gateway",
        "Content-Type: text/html\r\n",
        page,
    ));
    let e = server(&url).server_info().unwrap_err();
    let m = e.message();
    assert_eq!(e.status(), Status::ServerError, "{m}");
    assert_eq!(e.http_status(), 502);
    assert!(m.contains("not a Tableau error"), "{m}");
    assert!(
        m.contains("502 Bad Gateway 502 Bad Gateway upstream said"),
        "{m}"
    );
    assert!(m.contains("nginx/1.25.3"), "{m}");
    for secret in [
        "4fGhJkLmNoPqRsTuVw",
        "AbCdEfGhIjKlMnOpQrStUv",
        "Tr0ub4dor",
        "eyJhbGci",
    ] {
        assert!(!m.contains(secret), "{secret} leaked: {m}");
    }
    assert!(
        !m.contains('<') && !m.contains('\u{1}') && !m.contains("  "),
        "{m}"
    );

    // a long page is cut
    let long = format!(
        "<html><body>{}</body></html>",
        "gateway trouble ".repeat(400)
    );
    let url = canned(reply("500 Internal Server Error", "", &long));
    let m = server(&url)
        .server_info()
        .unwrap_err()
        .message()
        .to_string();
    assert!(m.contains("gateway trouble"), "{m}");
    assert!(m.len() < 1000, "{}", m.len());
}

#[test]
fn reply_headers_over_64_kib_are_a_protocol_error() {
    let mut head = b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n".to_vec();
    for i in 0..100 {
        head.extend_from_slice(format!("X-Padding-{i}: {}\r\n", "p".repeat(1000)).as_bytes());
    }
    head.extend_from_slice(b"Content-Length: 0\r\nConnection: close\r\n\r\n");
    let url = canned(head);
    let e = server(&url).server_info().unwrap_err();
    assert_eq!(e.status(), Status::Protocol, "{}", e.message());
    assert!(
        e.message().contains("reply headers are too large"),
        "{}",
        e.message()
    );
    assert!(!e.message().contains("retry the call"), "{}", e.message());
}

#[test]
fn an_unsupported_api_version_says_so() {
    let body = r#"<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns="http://tableau.com/api"><error code="404001"><summary>Resource Not Found</summary><detail>Version '9.9' is not a valid version of the API.</detail></error></tsResponse>"#;
    let url = canned(reply(
        "404 Not Found",
        "Content-Type: application/xml\r\n",
        body,
    ));
    let e = server(&url).server_info().unwrap_err();
    assert_eq!(e.status(), Status::NotFound);
    assert_eq!(e.code(), Some("404001"));
    let m = e.message();
    assert!(m.contains("does not support the REST API version"), "{m}");
    assert!(m.contains("tsc_server_options_set_api_version"), "{m}");
    assert!(!m.contains("check the id"), "{m}");
}

#[test]
fn a_huge_value_is_echoed_capped() {
    // the server URL itself is echoed in every message of the call
    let url = canned(reply("500 Internal Server Error", "", ""));
    let huge = format!("{url}/{}", "a".repeat(1 << 20));
    let e = server(&huge).server_info().unwrap_err();
    assert!(
        e.message().len() < 2000,
        "{}: {}",
        e.message().len(),
        &e.message()[..300]
    );
    assert!(
        e.message().contains("characters in all)"),
        "{}",
        e.message()
    );
    let _ = Duration::ZERO;
}
