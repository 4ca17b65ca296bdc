//! The emulator's request log (`Config::log_requests`, issue 11) as libtsc drives it: one line
//! per request with method, path and query, status, milliseconds and bytes, and never a
//! password, token or JWT.

mod common;

use tsc::{Credentials, Server, ServerOptions};
use tsc_emulator::LogTarget;

#[test]
fn one_line_per_request_without_secrets() {
    let dir = tsc_emulator::util::make_temp_dir().unwrap();
    let log = dir.join("requests.log");
    let password = "Pa55-w0rd-never-logged";
    let emu = common::emulator_with(|c| {
        c.admin_password = password.into();
        c.log_requests = Some(LogTarget::File(log.clone()));
    });
    let s = Server::new(&ServerOptions::new(&emu.url()).unwrap()).unwrap();
    s.auth()
        .sign_in(&Credentials::password("admin", password, "").unwrap())
        .unwrap();
    let token = s.session().unwrap().token().expose().to_string();
    s.projects().get(None).unwrap();
    let jwt = tsc_emulator::mint_jwt(
        &common::connected_app(),
        "admin",
        &["tableau:content:read"],
        300,
    );
    s.auth()
        .sign_in(&Credentials::jwt(&jwt, "").unwrap())
        .unwrap();
    // A token in a query (the control endpoint takes one) is redacted too.
    let r = ureq::post(&format!(
        "{}/_emulator/sessions/expire?token={token}",
        emu.url()
    ))
    .send_empty();
    assert!(r.is_ok());
    emu.stop();

    let text = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 4, "{text}");
    for l in &lines {
        // time method target status 1.2ms 345B
        let f: Vec<&str> = l.split(' ').collect();
        assert_eq!(f.len(), 6, "{l}");
        assert!(f[0].ends_with('Z') && f[0].contains('T'), "{l}");
        assert!(["GET", "POST", "PUT", "DELETE"].contains(&f[1]), "{l}");
        assert!(f[2].starts_with('/'), "{l}");
        assert!(f[3].parse::<u16>().is_ok(), "{l}");
        let ms = f[4].strip_suffix("ms").unwrap();
        assert!(ms.parse::<f64>().is_ok(), "{l}");
        assert!(
            f[5].strip_suffix('B').unwrap().parse::<u64>().is_ok(),
            "{l}"
        );
    }
    let signin = lines
        .iter()
        .find(|l| l.contains(" POST /api/") && l.contains("/auth/signin 200 "))
        .unwrap_or_else(|| panic!("no sign-in line in {text}"));
    assert!(!signin.ends_with(" 0B"), "bytes of the answer: {signin}");
    assert!(lines
        .iter()
        .any(|l| l.contains(" GET /api/") && l.contains("/projects") && l.contains(" 200 ")));
    assert!(lines
        .iter()
        .any(|l| l.contains("/_emulator/sessions/expire?token=*** 200 ")));
    for secret in [
        password,
        token.as_str(),
        jwt.as_str(),
        "pat-secret",
        "password=",
        "test-secret-value",
    ] {
        assert!(!text.contains(secret), "{secret} in the log: {text}");
    }
}
