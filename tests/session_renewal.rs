//! Signing in again when the session expires, through the Rust API against the emulator: one
//! sign-in for many threads that all hit the expiry, the site of a switch kept, no second
//! attempt for a fixed JWT (the server accepts each once) but a fresh one from a JWT source, and
//! none after sign-out.

mod common;

use std::sync::Barrier;
use tsc::{Credentials, Server, ServerOptions, Status};

fn server(url: &str) -> Server {
    Server::new(&ServerOptions::new(url).unwrap()).unwrap()
}

#[test]
fn many_threads_share_one_sign_in_again() {
    let emu = common::emulator();
    let s = server(&emu.url());
    s.auth()
        .sign_in(&Credentials::personal_access_token("test-pat", "pat-secret", "").unwrap())
        .unwrap();
    let before = s.session().unwrap().token().expose().to_string();
    emu.shared().sessions().clear();
    let go = Barrier::new(8);
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                go.wait();
                s.projects().get(None).expect("signed in again");
            });
        }
    });
    assert_eq!(s.transport_counts().1, 1, "one sign-in for all threads");
    assert_ne!(s.session().unwrap().token().expose(), before);
    assert_eq!(emu.shared().sessions().len(), 1);
}

#[test]
fn a_switched_site_is_kept_and_a_jwt_is_not_reused() {
    let emu = common::emulator();
    let s = server(&emu.url());
    let admin = Credentials::password("admin", "admin", "").unwrap();
    s.auth().sign_in(&admin).unwrap();
    let mut site = tsc::models::Site::new("Renewal", "renewal").unwrap();
    site = s.sites().create(&site).unwrap();
    s.auth().switch_site("renewal").unwrap();
    emu.shared().sessions().clear();
    s.projects().get(None).unwrap();
    assert_eq!(s.session().unwrap().site_content_url(), "renewal");
    assert_eq!(s.session().unwrap().site_id(), site.id().unwrap());

    let app = common::connected_app();
    let jwt = tsc_emulator::mint_jwt(&app, "admin", &["tableau:content:read"], 300);
    let s = server(&emu.url());
    s.auth()
        .sign_in(&Credentials::jwt(&jwt, "").unwrap())
        .unwrap();
    emu.shared().sessions().clear();
    let e = s.projects().get(None).unwrap_err();
    assert_eq!(
        (e.status(), e.code()),
        (Status::Unauthorized, Some("401002"))
    );
    assert_eq!(s.transport_counts().1, 0);

    // a JWT source mints a fresh token for the sign-in again
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let n = count.clone();
    let source: tsc::auth::JwtSource = std::sync::Arc::new(move || {
        n.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(tsc_emulator::mint_jwt(
            &common::connected_app(),
            "admin",
            &["tableau:content:read"],
            300,
        ))
    });
    s.auth()
        .sign_in(&Credentials::jwt_source(source, "").unwrap())
        .unwrap();
    emu.shared().sessions().clear();
    s.projects().get(None).unwrap();
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 2);
    assert_eq!(s.transport_counts().1, 1);

    s.auth().sign_in(&admin).unwrap();
    s.auth().sign_out().unwrap();
    assert_eq!(
        s.projects().get(None).unwrap_err().status(),
        Status::NotSignedIn
    );
}
