//! `POST /_emulator/reset` (issue 11): back to the start state, so one emulator serves a
//! whole test suite: the seed content, no sessions, no faults, the configured settings.

mod common;
use common::*;
use tsc_emulator::Config;

fn workbook_names(api: &Api) -> Vec<String> {
    let r = api.get(&api.s("workbooks?sort=name:asc"));
    names(&r, "workbooks", "workbook")
}

#[test]
fn reset_restores_the_start_state() {
    let mut api = Api::new(Config {
        seed_demo: true,
        ..config()
    });
    let seeded = workbook_names(&api);
    assert!(seeded.contains(&"Superstore".to_string()), "{seeded:?}");
    let old_site_dir = api.emu.data_dir().join("sites").join(&api.site);
    assert!(old_site_dir.exists());

    // Change everything a suite might change.
    api.project("Scratch", None);
    let x = api.get(&api.s("workbooks?filter=name:eq:Superstore")).xml();
    let wb = x.find("workbook").unwrap().attr("id").unwrap().to_string();
    api.delete(&api.s(&format!("workbooks/{wb}"))).expect(204);
    let alice = {
        let r = api.get(&api.s("users?filter=name:eq:alice"));
        r.xml()
            .find("user")
            .unwrap()
            .attr("id")
            .unwrap()
            .to_string()
    };
    api.put(
        &api.s(&format!("users/{alice}")),
        "<tsRequest><user password=\"changed\"/></tsRequest>",
    )
    .expect(200);
    api.control(
        "POST",
        "/_emulator/faults",
        Some("<fault method=\"GET\" path=\"/api/*/sites/*/groups\" count=\"*\" action=\"status\" status=\"503\"/>"),
    )
    .expect(201);
    api.control(
        "POST",
        "/_emulator/settings?jobDelayMs=5000&contentDisposition=none",
        None,
    )
    .expect(200);
    api.control(
        "POST",
        "/_emulator/bulk/users?site=&count=3&prefix=bulk",
        None,
    )
    .expect(200);

    let r = api.control("POST", "/_emulator/reset", None);
    r.expect(200);
    assert_eq!(r.xml().child("reset").unwrap().attr("sites"), Some("3"));
    api.control("GET", "/_emulator/reset", None)
        .expect_error(405, "405000");

    // Sessions are gone; the old site's files too (the seed has new ids).
    api.get(&api.s("projects")).expect_error(401, "401002");
    assert!(!old_site_dir.exists());
    let (t, s, u) = signin(api.addr(), "admin", "admin", "");
    (api.token, api.site, api.user) = (t, s, u);
    signin(api.addr(), "alice", "alicepw", "");

    // The seed is back, the changes are not.
    assert_eq!(workbook_names(&api), seeded);
    let r = api.get(&api.s("projects?filter=name:eq:Scratch"));
    assert_eq!(pagination(&r).2, 0);
    let r = api.get(&api.s("users?filter=name:has:bulk"));
    assert_eq!(pagination(&r).2, 0);
    // Seeded content is real again: its file downloads.
    let x = api.get(&api.s("workbooks?filter=name:eq:Superstore")).xml();
    let wb = x.find("workbook").unwrap().attr("id").unwrap().to_string();
    let d = api.get(&api.s(&format!("workbooks/{wb}/content")));
    d.expect(200);
    assert!(d.body.starts_with(b"PK"));
    // No faults, default settings.
    api.get(&api.s("groups")).expect(200);
    let r = api.control("GET", "/_emulator/faults", None);
    assert!(r.xml().child("faults").unwrap().children.is_empty());
    let r = api.control("POST", "/_emulator/settings", None);
    let x = r.xml();
    let st = x.child("settings").unwrap();
    assert_eq!(st.attr("jobDelayMs"), Some("0"));
    assert_eq!(st.attr("contentDisposition"), Some("plain"));
    assert!(d.header("Content-Disposition").is_some());
}

#[test]
fn reset_without_seed_keeps_the_admin_and_the_default_site() {
    let mut api = Api::new(config());
    api.project("Scratch", None);
    api.control("POST", "/_emulator/reset", None).expect(200);
    let (t, s, u) = signin(api.addr(), "admin", "admin", "");
    (api.token, api.site, api.user) = (t, s, u);
    let r = api.get(&api.s("projects"));
    assert_eq!(names(&r, "projects", "project"), vec!["default"]);
    // The PAT of the configuration still signs in.
    let r = req(
        api.addr(),
        "POST",
        &format!("/api/{V}/auth/signin"),
        None,
        Some("<tsRequest><credentials personalAccessTokenName=\"ci\" personalAccessTokenSecret=\"s3cret\"><site contentUrl=\"\"/></credentials></tsRequest>"),
    );
    r.expect(200);
}
