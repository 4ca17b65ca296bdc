//! Redirects, deadlines and early connection breaks against hostile test servers that script
//! each answer and record each request: a 303 after a POST becomes a GET without a body, 307
//! re-sends the body only to the same origin, a sign-in is never redirected to another origin
//! (nor turned into a GET), the token stays on its origin, a reply dripped one byte at a time
//! stops at the call's deadline, and a connection reset before any reply is retried for a GET
//! and never for a POST.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tsc::models::Project;
use tsc::{Credentials, Server, ServerOptions, Status};

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    head: String,
    body: Vec<u8>,
}

/// How the server answers one request.
enum Reply {
    /// These bytes, then close.
    Raw(String),
    /// Close without answering.
    Close,
    /// The head at once, then the body one byte every `gap`.
    Drip(String, Vec<u8>, Duration),
}

fn read_request(c: &mut TcpStream) -> Option<Seen> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if c.read(&mut byte).ok()? != 1 {
            return None;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let len = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    c.read_exact(&mut body).ok()?;
    let mut first = head.split_whitespace();
    Some(Seen {
        method: first.next()?.to_string(),
        path: first.next()?.to_string(),
        head: head.to_ascii_lowercase(),
        body,
    })
}

/// A server answering each request with `answer(request, index)`; returns its base URL and
/// the requests it saw.
fn serve(
    answer: impl Fn(&Seen, usize) -> Reply + Send + 'static,
) -> (String, mpsc::Receiver<Seen>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}", l.local_addr().unwrap().port());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (i, mut c) in l.incoming().flatten().enumerate() {
            let Some(req) = read_request(&mut c) else {
                continue;
            };
            let _ = tx.send(req.clone());
            match answer(&req, i) {
                Reply::Raw(r) => {
                    let _ = c.write_all(r.as_bytes());
                }
                Reply::Close => {}
                Reply::Drip(head, body, gap) => {
                    let _ = c.write_all(head.as_bytes());
                    for b in body {
                        std::thread::sleep(gap);
                        if c.write_all(&[b]).is_err() {
                            break;
                        }
                    }
                }
            }
        }
    });
    (url, rx)
}

fn xml(status: &str, body: &str) -> Reply {
    Reply::Raw(format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ))
}

fn redirect(status: &str, location: &str) -> Reply {
    Reply::Raw(format!(
        "HTTP/1.1 {status}\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    ))
}

const SIGNED_IN: &str = r#"<tsResponse><credentials token="tok-123"><site id="s1" contentUrl=""/><user id="u1"/></credentials></tsResponse>"#;
const PROJECT: &str = r#"<tsResponse><project id="p1" name="Moved"/></tsResponse>"#;
const USER: &str = r#"<tsResponse><user id="u1" name="alice" siteRole="Viewer"/></tsResponse>"#;

/// The routes every scripted server shares: sign-in answers, the rest is `other`.
fn with_sign_in(
    other: impl Fn(&Seen, usize) -> Reply + Send + 'static,
) -> impl Fn(&Seen, usize) -> Reply + Send + 'static {
    move |r, i| match r.path.as_str() {
        "/api/3.25/auth/signin" => xml("200 OK", SIGNED_IN),
        _ => other(r, i),
    }
}

fn options(url: &str) -> ServerOptions {
    ServerOptions::new(url)
        .unwrap()
        .api_version("3.25")
        .unwrap()
}

fn signed_in(url: &str) -> Server {
    let s = Server::new(&options(url)).unwrap();
    s.auth()
        .sign_in(&Credentials::password("alice", "pw-secret", "").unwrap())
        .unwrap();
    s
}

/// The requests after sign-in, as (method, path, body).
fn after_sign_in(rx: &mpsc::Receiver<Seen>) -> Vec<Seen> {
    rx.try_iter()
        .filter(|r| r.path != "/api/3.25/auth/signin")
        .collect()
}

#[test]
fn a_303_after_a_post_becomes_a_get_without_a_body() {
    let (url, rx) = serve(with_sign_in(|r, _| match r.method.as_str() {
        "POST" => redirect("303 See Other", "/api/3.25/sites/s1/projects/p1"),
        _ => xml("200 OK", PROJECT),
    }));
    let s = signed_in(&url);
    let p = s
        .projects()
        .create(&Project::new("Moved").unwrap())
        .unwrap();
    assert_eq!(p.id(), Some("p1"));
    let seen = after_sign_in(&rx);
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].method, "POST");
    assert_eq!((seen[1].method.as_str(), seen[1].body.len()), ("GET", 0));
    assert_eq!(seen[1].path, "/api/3.25/sites/s1/projects/p1");
    assert!(!seen[1].head.contains("content-type"), "{}", seen[1].head);
    assert!(seen[1].head.contains("x-tableau-auth: tok-123"));
}

#[test]
fn a_307_keeps_the_body_on_the_same_origin_only() {
    let (other, other_rx) = serve(|_, _| xml("200 OK", PROJECT));
    let target = format!("{other}/api/3.25/sites/s1/projects");
    let (url, rx) = serve(with_sign_in(move |r, _| match r.path.as_str() {
        "/api/3.25/sites/s1/projects" => redirect("307 Temporary Redirect", "/here"),
        "/here" if r.method == "POST" => redirect("308 Permanent Redirect", &target),
        _ => xml("404 Not Found", ""),
    }));
    let s = signed_in(&url);
    let e = s
        .projects()
        .create(&Project::new("Moved").unwrap())
        .unwrap_err();
    assert_eq!(e.status(), Status::Http, "{}", e.message());
    assert!(e.message().contains("same origin"), "{}", e.message());
    let seen = after_sign_in(&rx);
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(
        (seen[1].method.as_str(), seen[1].path.as_str()),
        ("POST", "/here")
    );
    assert_eq!(seen[1].body, seen[0].body, "307 re-sends the same body");
    assert!(String::from_utf8_lossy(&seen[1].body).contains("Moved"));
    assert_eq!(
        other_rx.try_iter().count(),
        0,
        "nothing reached the other origin"
    );
}

#[test]
fn a_sign_in_is_never_redirected_to_another_origin_or_into_a_get() {
    let (evil, evil_rx) = serve(|_, _| xml("200 OK", SIGNED_IN));
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "303 See Other",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let to = format!("{evil}/api/3.25/auth/signin");
        let (url, _rx) = serve(move |_, _| redirect(status, &to));
        let s = Server::new(&options(&url)).unwrap();
        let e = s
            .auth()
            .sign_in(&Credentials::password("alice", "pw-secret", "").unwrap())
            .unwrap_err();
        assert_eq!(e.status(), Status::Http, "{status}: {}", e.message());
        assert!(e.message().contains("as the server URL"), "{}", e.message());
        assert!(!e.message().contains("pw-secret"));
    }
    for status in ["301 Moved Permanently", "303 See Other"] {
        let (url, rx) = serve(move |_, _| redirect(status, "/api/3.25/auth/signin2"));
        let s = Server::new(&options(&url)).unwrap();
        assert!(s
            .auth()
            .sign_in(&Credentials::password("alice", "pw-secret", "").unwrap())
            .is_err());
        assert_eq!(rx.try_iter().count(), 1, "{status}: not followed as a GET");
    }
    assert_eq!(
        evil_rx.try_iter().count(),
        0,
        "the credentials never left their origin"
    );
    // 308 to the same origin keeps the POST and its body
    let (url, rx) = serve(|r, _| match r.path.as_str() {
        "/api/3.25/auth/signin" => redirect("308 Permanent Redirect", "/api/3.25/auth/signin2"),
        _ => xml("200 OK", SIGNED_IN),
    });
    let s = Server::new(&options(&url)).unwrap();
    s.auth()
        .sign_in(&Credentials::password("alice", "pw-secret", "").unwrap())
        .unwrap();
    let seen: Vec<Seen> = rx.try_iter().collect();
    assert_eq!(seen[1].method, "POST");
    assert!(String::from_utf8_lossy(&seen[1].body).contains("pw-secret"));
}

#[test]
fn the_token_stays_on_its_origin() {
    let (other, other_rx) = serve(|_, _| xml("200 OK", USER));
    let to = format!("{other}/u1");
    let (url, _rx) = serve(with_sign_in(move |_, _| redirect("302 Found", &to)));
    let s = signed_in(&url);
    s.users().get_by_id("u1").unwrap();
    let seen: Vec<Seen> = other_rx.try_iter().collect();
    assert_eq!(seen.len(), 1);
    assert!(!seen[0].head.contains("x-tableau-auth"), "{}", seen[0].head);
}

#[test]
fn a_dripping_reply_stops_at_the_deadline() {
    let body = PROJECT.repeat(20).into_bytes();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let (url, _rx) = serve(with_sign_in(move |_, _| {
        Reply::Drip(head.clone(), body.clone(), Duration::from_millis(200))
    }));
    let opts = options(&url)
        .request_timeout(Duration::from_secs(3))
        .deadline(Some(Duration::from_millis(1500)));
    let s = Server::new(&opts).unwrap();
    s.auth()
        .sign_in(&Credentials::password("alice", "pw-secret", "").unwrap())
        .unwrap();
    let started = Instant::now();
    let e = s.projects().get_by_id("p1").unwrap_err();
    // the whole reply takes 200 ms x 800 bytes = 160 s; each byte arrives well within 3 s
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(e.status(), Status::Timeout, "{}", e.message());
    assert!(
        e.message().contains("deadline of 1500 ms"),
        "{}",
        e.message()
    );
}

#[test]
fn a_reset_before_any_reply_is_retried_for_a_get_only() {
    let (url, rx) = serve(with_sign_in(|r, i| match (r.method.as_str(), i % 2) {
        (_, 1) => Reply::Close,
        ("GET", _) => xml("200 OK", USER),
        _ => xml("201 Created", PROJECT),
    }));
    let s = signed_in(&url);
    // connection 1 (after sign-in at 0) is closed unanswered; the GET tries again on 2
    s.users().get_by_id("u1").unwrap();
    assert_eq!(s.transport_counts().0, 1);
    assert_eq!(after_sign_in(&rx).len(), 2);
    // the POST lands on connection 3, closed: it is not repeated
    let e = s
        .projects()
        .create(&Project::new("X").unwrap())
        .unwrap_err();
    assert_eq!(e.status(), Status::Io, "{}", e.message());
    assert_eq!(after_sign_in(&rx).len(), 1, "the POST was sent once");
    assert_eq!(s.transport_counts().0, 1);
}
