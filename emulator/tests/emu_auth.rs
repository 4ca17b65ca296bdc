//! Sign-in variants, tokens, versions, server info, switch site.

mod common;
use common::*;
use tsc_emulator::auth::sign_raw_jwt;
use tsc_emulator::util::now_secs;
use tsc_emulator::{mint_jwt, Config};

#[test]
fn server_info_both_spellings_without_auth() {
    let emu = start(Config::default());
    for p in ["serverinfo", "serverInfo"] {
        let r = req(emu.addr(), "GET", &format!("/api/2.4/{p}"), None, None);
        r.expect(200);
        let x = r.xml();
        let si = x.child("serverInfo").unwrap();
        assert_eq!(si.child("restApiVersion").unwrap().text, "3.29");
        assert!(si.child("productVersion").unwrap().attr("build").is_some());
        assert_eq!(
            r.header("Content-Type"),
            Some("application/xml;charset=utf-8")
        );
        assert!(r.text().starts_with(
            "<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns=\"http://tableau.com/api\""
        ));
    }
    let r = req(emu.addr(), "POST", "/api/3.25/serverinfo", None, None);
    r.expect_error(405, "405000");
}

#[test]
fn version_checks() {
    let emu = start(Config {
        api_version: "3.21".into(),
        ..Config::default()
    });
    let r = req(emu.addr(), "GET", "/api/3.22/serverinfo", None, None);
    r.expect_error(404, "404001");
    assert!(r.text().contains("ts-api_3_21.xsd"));
    assert!(
        r.text()
            .contains("Version &apos;3.22&apos; is not a valid version of the API."),
        "{}",
        r.text()
    );
    req(emu.addr(), "GET", "/api/2.2/serverinfo", None, None).expect_error(404, "404001");
    req(emu.addr(), "GET", "/api/abc/serverinfo", None, None).expect_error(404, "404001");
    req(emu.addr(), "GET", "/api/2.3/serverinfo", None, None).expect(200);
    req(emu.addr(), "GET", "/api/3.21/serverinfo", None, None).expect(200);
    // A route newer than the URL version: users/{id}/groups is 3.7+.
    let r = req(
        emu.addr(),
        "POST",
        "/api/3.21/auth/signin",
        None,
        Some(&signin_body("admin", "admin", "")),
    );
    assert!(r.text().contains("ts-api_3_21.xsd"), "{}", r.text());
    let (t, s, u) = creds(&r);
    req(
        emu.addr(),
        "GET",
        &format!("/api/3.6/sites/{s}/users/{u}/groups"),
        Some(&t),
        None,
    )
    .expect_error(404, "404003");
    req(
        emu.addr(),
        "GET",
        &format!("/api/3.7/sites/{s}/users/{u}/groups"),
        Some(&t),
        None,
    )
    .expect(200);
}

#[test]
fn password_signin_and_token_checks() {
    let api = Api::new(Config::default());
    let a = api.addr();
    // Wrong password, unknown user, unknown site: 401001.
    for body in [
        signin_body("admin", "nope", ""),
        signin_body("ghost", "admin", ""),
        signin_body("admin", "admin", "nosuchsite"),
    ] {
        req(a, "POST", "/api/3.25/auth/signin", None, Some(&body)).expect_error(401, "401001");
    }
    // Bodies that are not credentials: 400000.
    for body in ["", "not xml", "<tsRequest/>", "<tsRequest><credentials/></tsRequest>",
        "<tsRequest><credentials name=\"a\" password=\"b\" personalAccessTokenName=\"x\" personalAccessTokenSecret=\"y\"/></tsRequest>"] {
        req(a, "POST", "/api/3.25/auth/signin", None, Some(body)).expect_error(400, "400000");
    }
    // Namespaced request, True-cased site etc.
    let r = req(a, "POST", "/api/3.25/auth/signin", None, Some(
        "<?xml version='1.0'?><tsRequest xmlns=\"http://tableau.com/api\"><credentials name=\"admin\" password=\"admin\"><site contentUrl=\"\"/></credentials></tsRequest>"));
    r.expect(200);
    let c = r.xml();
    let c = c.child("credentials").unwrap();
    assert_eq!(c.attr("estimatedTimeToExpiration"), Some("004:00:00"));
    assert_eq!(c.child("site").unwrap().attr("contentUrl"), Some(""));

    let users = api.s("users");
    req(a, "GET", &users, None, None).expect_error(401, "401000");
    req(a, "GET", &users, Some("bogus"), None).expect_error(401, "401002");
    api.get(&users).expect(200);
    // sessions/current
    let cur = api.get(&format!("/api/{V}/sessions/current"));
    cur.expect(200);
    assert_eq!(
        cur.xml()
            .child("session")
            .unwrap()
            .child("user")
            .unwrap()
            .attr("name"),
        Some("admin")
    );
    // A site in the URL that is not the session's: 403000.
    req(
        a,
        "GET",
        "/api/3.25/sites/9f9e9d9c-b8a8-4f8e-87c7-b7a6f6d6e6d0/users",
        Some(&api.token),
        None,
    )
    .expect_error(403, "403000");
    // Sign out: 204, then the token is dead.
    let (t2, _, _) = signin(a, "admin", "admin", "");
    req(a, "POST", "/api/3.25/auth/signout", Some(&t2), Some("")).expect(204);
    req(a, "GET", &users, Some(&t2), None).expect_error(401, "401002");
    // Control: expire one token, then all.
    let (t3, _, _) = signin(a, "admin", "admin", "");
    api.control(
        "POST",
        &format!("/_emulator/sessions/expire?token={}", enc(&t3)),
        None,
    )
    .expect(200);
    req(a, "GET", &users, Some(&t3), None).expect_error(401, "401002");
    api.get(&users).expect(200);
    api.control("POST", "/_emulator/sessions/expire", None)
        .expect(200);
    api.get(&users).expect_error(401, "401002");
}

#[test]
fn idle_expiry() {
    // Idle expiry is minutes-based; check the refresh path with a 1-minute idle limit.
    let api = Api::new(Config {
        session_idle_minutes: 1,
        ..Config::default()
    });
    api.get(&api.s("users")).expect(200);
    let r = req(
        api.addr(),
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&signin_body("admin", "admin", "")),
    );
    assert_eq!(
        r.xml()
            .child("credentials")
            .unwrap()
            .attr("estimatedTimeToExpiration"),
        Some("000:01:00")
    );
}

#[test]
fn pat_signin_single_session() {
    let emu = start(config());
    let a = emu.addr();
    let body = "<tsRequest><credentials personalAccessTokenName=\"ci\" personalAccessTokenSecret=\"s3cret\"><site contentUrl=\"\"/></credentials></tsRequest>";
    let r1 = req(a, "POST", "/api/3.25/auth/signin", None, Some(body));
    r1.expect(200);
    let (t1, s, _) = creds(&r1);
    let users = format!("/api/3.25/sites/{s}/users");
    req(a, "GET", &users, Some(&t1), None).expect(200);
    let (t2, _, _) = creds(req(a, "POST", "/api/3.25/auth/signin", None, Some(body)).expect(200));
    req(a, "GET", &users, Some(&t1), None).expect_error(401, "401002");
    req(a, "GET", &users, Some(&t2), None).expect(200);
    let bad = "<tsRequest><credentials personalAccessTokenName=\"ci\" personalAccessTokenSecret=\"wrong\"><site contentUrl=\"\"/></credentials></tsRequest>";
    req(a, "POST", "/api/3.25/auth/signin", None, Some(bad)).expect_error(401, "401001");
    // Password sessions are not affected by the PAT rule.
    let (p1, _, _) = signin(a, "admin", "admin", "");
    let (_p2, _, _) = signin(a, "admin", "admin", "");
    req(a, "GET", &users, Some(&p1), None).expect(200);
}

fn jwt_body(jwt: &str, site: &str) -> String {
    format!("<tsRequest><credentials jwt=\"{jwt}\" isUat=\"false\"><site contentUrl=\"{site}\"/></credentials></tsRequest>")
}

#[test]
fn jwt_signin_good_and_each_bad_claim() {
    let emu = start(config());
    let a = emu.addr();
    let good = mint_jwt(&app(), "admin", &["tableau:content:read"], 300);
    let r = req(
        a,
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&jwt_body(&good, "")),
    );
    r.expect(200);
    let now = now_secs();
    let header = r#"{"alg":"HS256","typ":"JWT","kid":"sid","iss":"cid"}"#;
    let claims = |iss: &str, sub: &str, aud: &str, exp: i64, jti: &str, scp: &str| {
        format!(r#"{{"iss":"{iss}","sub":"{sub}","aud":{aud},"exp":{exp}{jti},"scp":{scp}}}"#)
    };
    let ok = claims(
        "cid",
        "admin",
        "\"tableau\"",
        now + 120,
        ",\"jti\":\"j1\"",
        "[\"tableau:views:embed\"]",
    );
    req(
        a,
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&jwt_body(&sign_raw_jwt(header, &ok, "the-secret"), "")),
    )
    .expect(200);
    let bad_cases: Vec<(&str, String, String)> = vec![
        ("wrong secret", header.to_string(), ok.clone()),
        (
            "wrong kid",
            r#"{"alg":"HS256","kid":"other"}"#.to_string(),
            ok.clone(),
        ),
        (
            "alg none",
            r#"{"alg":"none","kid":"sid"}"#.to_string(),
            ok.clone(),
        ),
        (
            "wrong iss",
            header.to_string(),
            claims(
                "x",
                "admin",
                "\"tableau\"",
                now + 120,
                ",\"jti\":\"j\"",
                "[\"tableau:a\"]",
            ),
        ),
        (
            "unknown sub",
            header.to_string(),
            claims(
                "cid",
                "ghost",
                "\"tableau\"",
                now + 120,
                ",\"jti\":\"j\"",
                "[\"tableau:a\"]",
            ),
        ),
        (
            "wrong aud",
            header.to_string(),
            claims(
                "cid",
                "admin",
                "\"other\"",
                now + 120,
                ",\"jti\":\"j\"",
                "[\"tableau:a\"]",
            ),
        ),
        (
            "expired",
            header.to_string(),
            claims(
                "cid",
                "admin",
                "\"tableau\"",
                now - 10,
                ",\"jti\":\"j\"",
                "[\"tableau:a\"]",
            ),
        ),
        (
            "too far",
            header.to_string(),
            claims(
                "cid",
                "admin",
                "\"tableau\"",
                now + 3600,
                ",\"jti\":\"j\"",
                "[\"tableau:a\"]",
            ),
        ),
        (
            "no jti",
            header.to_string(),
            claims(
                "cid",
                "admin",
                "\"tableau\"",
                now + 120,
                "",
                "[\"tableau:a\"]",
            ),
        ),
        (
            "empty scp",
            header.to_string(),
            claims(
                "cid",
                "admin",
                "\"tableau\"",
                now + 120,
                ",\"jti\":\"j\"",
                "[]",
            ),
        ),
        (
            "bad scope",
            header.to_string(),
            claims(
                "cid",
                "admin",
                "\"tableau\"",
                now + 120,
                ",\"jti\":\"j\"",
                "[\"read\"]",
            ),
        ),
    ];
    for (what, h, c) in bad_cases {
        let secret = if what == "wrong secret" {
            "nope"
        } else {
            "the-secret"
        };
        let r = req(
            a,
            "POST",
            "/api/3.25/auth/signin",
            None,
            Some(&jwt_body(&sign_raw_jwt(&h, &c, secret), "")),
        );
        assert_eq!(r.status, 401, "{what}: {}", r.text());
        assert_eq!(r.code(), "401001", "{what}");
    }
    req(
        a,
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&jwt_body("garbage", "")),
    )
    .expect_error(401, "401001");
    // Without a configured connected app, JWTs are refused.
    let plain = start(Config::default());
    req(
        plain.addr(),
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&jwt_body(&good, "")),
    )
    .expect_error(401, "401001");
}

#[test]
fn impersonation_and_password_update_and_unlicensed() {
    let api = Api::new(Config::default());
    let a = api.addr();
    let bob = api.user("bob", "Explorer");
    // No password yet: cannot sign in.
    req(
        a,
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&signin_body("bob", "pw", "")),
    )
    .expect_error(401, "401001");
    api.put(
        &api.s(&format!("users/{bob}")),
        "<tsRequest><user password=\"pw\"/></tsRequest>",
    )
    .expect(200);
    let (bt, _, bu) = signin(a, "bob", "pw", "");
    assert_eq!(bu, bob);
    // Bob cannot impersonate; admin can.
    let imp = |who: &str, pw: &str, target: &str| {
        format!("<tsRequest><credentials name=\"{who}\" password=\"{pw}\"><site contentUrl=\"\"/><user id=\"{target}\"/></credentials></tsRequest>")
    };
    req(
        a,
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&imp("bob", "pw", &api.user)),
    )
    .expect_error(401, "401001");
    let r = req(
        a,
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&imp("admin", "admin", &bob)),
    );
    assert_eq!(creds(r.expect(200)).2, bob);
    req(
        a,
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&imp(
            "admin",
            "admin",
            "9f9e9d9c-b8a8-4f8e-87c7-b7a6f6d6e6d0",
        )),
    )
    .expect_error(404, "404002");
    // A non-admin cannot add users.
    req(
        a,
        "POST",
        &api.s("users"),
        Some(&bt),
        Some("<tsRequest><user name=\"x\" siteRole=\"Viewer\"/></tsRequest>"),
    )
    .expect_error(403, "403004");
    // Unlicensed users cannot sign in.
    api.put(
        &api.s(&format!("users/{bob}")),
        "<tsRequest><user siteRole=\"Unlicensed\"/></tsRequest>",
    )
    .expect(200);
    req(
        a,
        "POST",
        "/api/3.25/auth/signin",
        None,
        Some(&signin_body("bob", "pw", "")),
    )
    .expect_error(401, "401001");
}

#[test]
fn switch_site() {
    let api = Api::new(Config::default());
    let a = api.addr();
    api.post(
        &format!("/api/{V}/sites"),
        "<tsRequest><site name=\"Other\" contentUrl=\"other\"/></tsRequest>",
    )
    .expect(201);
    let sw = |t: &str, url: &str| {
        req(
            a,
            "POST",
            "/api/3.25/auth/switchSite",
            Some(t),
            Some(&format!(
                "<tsRequest><site contentUrl=\"{url}\"/></tsRequest>"
            )),
        )
    };
    sw(&api.token, "").expect_error(403, "403070");
    sw(&api.token, "nosuch").expect_error(401, "401003");
    let r = sw(&api.token, "other");
    r.expect(200);
    let (t, s, _) = creds(&r);
    assert_ne!(s, api.site);
    assert_eq!(
        r.xml()
            .child("credentials")
            .unwrap()
            .child("site")
            .unwrap()
            .attr("contentUrl"),
        Some("other")
    );
    // The old token is gone; the new one works on the new site only.
    req(a, "GET", &api.s("users"), Some(&api.token), None).expect_error(401, "401002");
    req(
        a,
        "GET",
        &format!("/api/3.25/sites/{s}/users"),
        Some(&t),
        None,
    )
    .expect(200);
    // A user who is not on the target site cannot switch.
    let (t2, s2, _) = signin(a, "admin", "admin", "");
    let bob = {
        let r = req(
            a,
            "POST",
            &format!("/api/3.25/sites/{s2}/users"),
            Some(&t2),
            Some("<tsRequest><user name=\"bob\" siteRole=\"Viewer\"/></tsRequest>"),
        );
        r.xml()
            .child("user")
            .unwrap()
            .attr("id")
            .unwrap()
            .to_string()
    };
    req(
        a,
        "PUT",
        &format!("/api/3.25/sites/{s2}/users/{bob}"),
        Some(&t2),
        Some("<tsRequest><user password=\"pw\"/></tsRequest>"),
    )
    .expect(200);
    let (bt, _, _) = signin(a, "bob", "pw", "");
    sw(&bt, "other").expect_error(401, "401003");
}
