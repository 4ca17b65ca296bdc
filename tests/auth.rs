//! Sign-in through the Rust API with each kind of credentials, against the emulator: password,
//! personal access token, JWT from a connected app (good and bad), impersonation, switch site,
//! sign-out, and that secrets never show in `Debug` output or error messages.

mod common;

use tsc::{Credentials, Server, ServerOptions, Status};

fn server(url: &str) -> Server {
    Server::new(&ServerOptions::new(url).unwrap()).unwrap()
}

#[test]
fn password_pat_and_jwt_sign_in() {
    let emu = common::emulator();
    let s = server(&emu.url());

    s.auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())
        .unwrap();
    let first = s.session().unwrap();
    assert_eq!(s.api_version().unwrap().unwrap().to_string(), "3.29");
    s.auth().sign_out().unwrap();
    assert_eq!(s.session().unwrap_err().status(), Status::NotSignedIn);

    s.auth()
        .sign_in(&Credentials::personal_access_token("test-pat", "pat-secret", "").unwrap())
        .unwrap();
    assert_eq!(s.session().unwrap().user_id(), first.user_id());
    let e = s
        .auth()
        .sign_in(&Credentials::personal_access_token("test-pat", "wrong-secret", "").unwrap())
        .unwrap_err();
    assert_eq!(e.status(), Status::Unauthorized);
    assert!(!e.message().contains("wrong-secret"));

    let app = common::connected_app();
    let jwt = tsc_emulator::mint_jwt(&app, "admin", &["tableau:content:read"], 300);
    s.auth()
        .sign_in(&Credentials::jwt(&jwt, "").unwrap())
        .unwrap();
    assert_eq!(s.session().unwrap().user_id(), first.user_id());
    let expired = tsc_emulator::mint_jwt(&app, "admin", &["tableau:content:read"], -60);
    let e = s
        .auth()
        .sign_in(&Credentials::jwt(&expired, "").unwrap())
        .unwrap_err();
    assert_eq!(e.status(), Status::Unauthorized);
    assert!(!e.message().contains(&expired));
    let unknown_user = tsc_emulator::mint_jwt(&app, "nobody", &["tableau:content:read"], 300);
    assert_eq!(
        s.auth()
            .sign_in(&Credentials::jwt(&unknown_user, "").unwrap())
            .unwrap_err()
            .status(),
        Status::Unauthorized
    );
}

#[test]
fn version_gates_and_pinning() {
    let emu = common::emulator();
    let s = Server::new(
        &ServerOptions::new(&emu.url())
            .unwrap()
            .api_version("3.5")
            .unwrap(),
    )
    .unwrap();
    let e = s
        .auth()
        .sign_in(&Credentials::personal_access_token("test-pat", "pat-secret", "").unwrap())
        .unwrap_err();
    assert_eq!(e.status(), Status::Unsupported);
    assert!(e.message().contains("3.6"), "{}", e.message());
    // a version newer than the server's is refused by the server
    let s = Server::new(
        &ServerOptions::new(&emu.url())
            .unwrap()
            .api_version("9.9")
            .unwrap(),
    )
    .unwrap();
    let e = s
        .auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())
        .unwrap_err();
    assert_eq!(e.status(), Status::NotFound);
    assert_eq!(e.code(), Some("404001"));
}

#[test]
fn secrets_never_show_in_debug_output() {
    let c = Credentials::password("alice", "hunter2-secret", "").unwrap();
    assert!(!format!("{c:?}").contains("hunter2-secret"));
    let emu = common::emulator();
    let s = server(&emu.url());
    s.auth()
        .sign_in(&Credentials::password("admin", "admin", "").unwrap())
        .unwrap();
    let token = s.session().unwrap().token().expose().to_string();
    assert!(!format!("{:?}", s.session().unwrap()).contains(&token));
    assert!(!format!("{s:?}").contains(&token));
    let mut conn = tsc::models::Connection::default();
    conn.set_password(Some("db-password-123")).unwrap();
    assert!(!format!("{conn:?}").contains("db-password-123"));
}

#[test]
fn bad_replies_get_their_own_status() {
    // a plain HTTP server that answers every request with a canned reply
    fn canned(body: &'static str, content_type: &'static str) -> String {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        std::thread::spawn(move || {
            for mut c in l.incoming().flatten() {
                use std::io::{Read, Write};
                let mut buf = [0u8; 4096];
                let _ = c.read(&mut buf);
                let _ = write!(
                    c,
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        format!("http://{addr}")
    }
    let cases = [
        (
            "<html><body>Login</body></html>",
            "text/html",
            Status::NotXml,
        ),
        ("{\"a\":1}", "application/json", Status::NotXml),
        (
            "<tsResponse><serverInfo>",
            "application/xml",
            Status::MalformedXml,
        ),
        (
            "<?xml version='1.0'?><!DOCTYPE t [<!ENTITY x 'y'>]><tsResponse>&x;</tsResponse>",
            "application/xml",
            Status::XmlDtd,
        ),
        (
            "<tsResponse><other/></tsResponse>",
            "application/xml",
            Status::Protocol,
        ),
    ];
    for (body, ct, want) in cases {
        let s = server(&canned(body, ct));
        let e = s.server_info().unwrap_err();
        assert_eq!(e.status(), want, "{body}: {}", e.message());
        assert!(e.message().contains("serverInfo"), "{}", e.message());
    }
}
