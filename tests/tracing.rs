//! The trace over every kind of failure, through the Rust API against the emulator and a few
//! local servers: each request, retry, redirect and sign-in again is logged, and no line holds
//! a password, a PAT secret, a JWT or a session token, whatever failed (refused connection,
//! TLS, HTTP errors and faults, resets, truncated replies, the deadline, an expired session
//! signed in again, a sign-in again that fails, a redirect refused).

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tsc::transport::{LogLevel, LogSetting, LogSink, RetryPolicy};
use tsc::{Credentials, Server, ServerOptions};
use tsc_emulator::faults::{Action, Fault};

/// Reads a request head and its body (so that answering does not reset the connection).
fn read_request(c: &mut std::net::TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && c.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let len = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let _ = c.read_exact(&mut vec![0u8; len]);
}

const PASSWORD: &str = "Tr4ce-Pa55word-Q";

type Lines = Arc<Mutex<Vec<String>>>;

fn traced(url: &str, lines: &Lines) -> ServerOptions {
    let l = lines.clone();
    let sink: LogSink = Arc::new(move |level, line| {
        l.lock().unwrap().push(format!("{} {line}", level.name()));
    });
    ServerOptions::new(url)
        .unwrap()
        .connect_timeout(Duration::from_secs(3))
        .log(LogSetting::Sink(LogLevel::Debug, sink))
        .retries(RetryPolicy {
            max_attempts: 2,
            max_wait: Duration::from_secs(5),
        })
}

fn fault(emu: &tsc_emulator::Emulator, action: Action, status: u16) {
    let mut f = emu.shared().faults();
    f.clear();
    f.push(Fault {
        id: 1,
        method: "GET".into(),
        path: "/api/*/sites/*/projects".into(),
        remaining: 2,
        action,
        status,
        retry_after: Some("1".into()),
        delay_ms: 3000,
        after_bytes: 10,
        hits: 0,
    });
}

#[test]
fn no_secret_in_any_line_over_every_failure() {
    let emu = common::emulator();
    let lines: Lines = Arc::default();
    let mut tokens = Vec::new();

    // a user with a password of its own, made by the administrator
    let admin = Server::new(&traced(&emu.url(), &lines)).unwrap();
    admin
        .auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())
        .unwrap();
    let user = admin
        .users()
        .add(&tsc::models::User::new("tracer", "SiteAdministratorCreator").unwrap())
        .unwrap();
    admin.users().update(&user, Some(PASSWORD)).unwrap();

    let s = Server::new(&traced(&emu.url(), &lines).deadline(Some(Duration::from_millis(1500))))
        .unwrap();
    let wrong = Credentials::password("tracer", "Wr0ng-Pa55word-Z", "").unwrap();
    assert!(s.auth().sign_in(&wrong).is_err());
    let me = Credentials::password("tracer", PASSWORD, "").unwrap();
    s.auth().sign_in(&me).unwrap();
    tokens.push(s.session().unwrap().token().expose().to_string());
    for (action, status) in [
        (Action::Status, 500),
        (Action::Status, 503),
        (Action::Status, 429),
        (Action::Reset, 0),
        (Action::Truncate, 0),
        (Action::Delay, 0),
    ] {
        fault(&emu, action, status);
        assert!(s.projects().get(None).is_err(), "{action:?}");
    }
    emu.shared().faults().clear();
    assert!(s.projects().get_by_id("no-such-project").is_err());
    emu.shared().sessions().clear();
    s.projects().get(None).unwrap();
    tokens.push(s.session().unwrap().token().expose().to_string());
    // expired again, and the password changed meanwhile: signing in again fails
    admin
        .users()
        .update(&user, Some("An0ther-Pa55word-W"))
        .unwrap();
    emu.shared().sessions().remove(&tokens[1]);
    assert!(s.projects().get(None).is_err());

    // a personal access token and a JWT
    let p = Server::new(&traced(&emu.url(), &lines)).unwrap();
    p.auth()
        .sign_in(&Credentials::personal_access_token("test-pat", "pat-secret", "").unwrap())
        .unwrap();
    tokens.push(p.session().unwrap().token().expose().to_string());
    let jwt = tsc_emulator::mint_jwt(
        &common::connected_app(),
        "admin",
        &["tableau:content:read"],
        300,
    );
    p.auth()
        .sign_in(&Credentials::jwt(&jwt, "").unwrap())
        .unwrap();
    tokens.push(p.session().unwrap().token().expose().to_string());
    p.auth().sign_out().unwrap();

    // nobody listening, TLS to a plain port, a sign-in redirected elsewhere
    let refused = Server::new(&traced("http://127.0.0.1:1", &lines)).unwrap();
    assert!(refused.auth().sign_in(&me).is_err());
    let tls = Server::new(&traced(&emu.url().replace("http://", "https://"), &lines)).unwrap();
    assert!(tls.auth().sign_in(&me).is_err());
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut c in l.incoming().flatten() {
            read_request(&mut c);
            let _ = c.write_all(b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://evil.invalid/signin\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    let redirected = Server::new(
        &traced(&format!("http://127.0.0.1:{port}"), &lines)
            .api_version("3.25")
            .unwrap(),
    )
    .unwrap();
    assert!(redirected.auth().sign_in(&me).is_err());

    let lines = lines.lock().unwrap();
    let all = lines.join("\n");
    for want in [
        "debug GET ",
        "-> 200 in",
        "HTTP 500",
        "retry 1 of 1",
        "signing in again",
        "failed:",
        "deadline",
        "redirect",
    ] {
        assert!(all.contains(want), "no line with {want:?}:\n{all}");
    }
    for secret in [
        PASSWORD,
        "Wr0ng-Pa55word-Z",
        "An0ther-Pa55word-W",
        "pat-secret",
        &jwt,
    ]
    .into_iter()
    .chain(tokens.iter().map(String::as_str))
    {
        assert!(!all.contains(secret), "a line holds a secret:\n{all}");
    }
    assert!(lines.len() > 30, "{}", lines.len());
}
