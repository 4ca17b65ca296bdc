//! Custom views: the experimental API is a separate route space (`/api/exp/…` reaches only the
//! custom view publish and download, and those are not under `/api/{v}/`), publish refusals
//! (definition, payload, workbook, view, upload session), version minimums of the routes, the
//! custom views of a deleted workbook going with it, who sees and changes which, Tableau's
//! 404048 in XML.

mod common;
mod content_support;

use common::*;
use content_support::*;

/// Publishes the workbook "Custom" with sheets "North" and "South"; returns its id.
fn workbook(api: &Api) -> String {
    let r = publish_wb(
        api,
        "?workbookType=twb",
        &wb_payload("Custom", None),
        "Custom.twb",
        &twb("Custom", &["North", "South"], &[]),
    );
    r.expect(201);
    r.xml()
        .child("workbook")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string()
}

fn cv_payload(api: &Api, name: &str, workbook: &str) -> String {
    format!(
        "<tsRequest><customView name=\"{name}\" shared=\"false\"><owner id=\"{}\"/><workbook id=\"{workbook}\"/></customView></tsRequest>",
        api.user
    )
}

fn exp(api: &Api, rest: &str) -> String {
    format!("/api/exp/sites/{}/{rest}", api.site)
}

fn publish(api: &Api, payload: &str, definition: &[u8]) -> Resp {
    post_mp(
        api,
        &exp(api, "customviews"),
        &[
            payload_part(payload),
            file_part("tableau_customview", "cv.json", definition),
        ],
    )
}

#[test]
fn the_experimental_api_is_its_own_route_space() {
    let api = Api::new(config());
    let wb = workbook(&api);
    // The publish route is not under a numbered version, nor other routes under exp.
    let r = post_mp(
        &api,
        &api.s("../../exp/customviews"),
        &[payload_part(&cv_payload(&api, "x", &wb))],
    );
    assert_eq!(r.status, 404, "{}", r.text());
    let numbered = format!("/api/{V}/exp/sites/{}/customviews", api.site);
    post_mp(
        &api,
        &numbered,
        &[
            payload_part(&cv_payload(&api, "x", &wb)),
            file_part("tableau_customview", "x.json", b"{}"),
        ],
    )
    .expect_error(404, "404003");
    api.get(&exp(&api, "projects")).expect_error(404, "404003");
    api.get(&exp(
        &api,
        "customviews/00000000-0000-4000-8000-000000000000/content",
    ))
    .expect_error(404, "404048");
    // Authentication and the session's site hold there too.
    req(
        api.addr(),
        "GET",
        &exp(&api, "customviews/x/content"),
        None,
        None,
    )
    .expect_error(401, "401000");

    // The sheet named in the definition; the first sheet without one.
    let r = publish(
        &api,
        &cv_payload(&api, "South only", &wb),
        br#"{"view":"South"}"#,
    );
    r.expect(201);
    let x = r.xml();
    let cv = x.child("customView").unwrap();
    assert_eq!(cv.child("view").unwrap().attr("name"), Some("South"));
    assert_eq!(cv.attr("shared"), Some("false"));
    let r = publish(&api, &cv_payload(&api, "First", &wb), b"{}");
    r.expect(201);
    assert_eq!(
        r.xml()
            .child("customView")
            .unwrap()
            .child("view")
            .unwrap()
            .attr("name"),
        Some("North")
    );
    let r = api.get(&api.s(&format!("customviews?filter=workbookId:eq:{wb}")));
    r.expect(200);
    assert_eq!(names(&r, "customViews", "customView").len(), 2);

    // Deleting the workbook deletes its custom views.
    api.delete(&api.s(&format!("workbooks/{wb}"))).expect(204);
    let r = api.get(&api.s("customviews"));
    r.expect(200);
    assert!(
        names(&r, "customViews", "customView").is_empty(),
        "{}",
        r.text()
    );
}

#[test]
fn publish_refusals_and_versions() {
    let api = Api::new(config());
    let wb = workbook(&api);
    let ok = cv_payload(&api, "Fine", &wb);
    publish(&api, &ok, b"not json").expect_error(400, "400000");
    publish(&api, &ok, b"[1, 2]").expect_error(400, "400000");
    publish(&api, &ok, br#"{"filters":{"Region":3}}"#).expect_error(400, "400000");
    publish(&api, &ok, br#"{"view":"Nowhere"}"#).expect_error(404, "404011");
    let no_owner = format!(
        "<tsRequest><customView name=\"x\"><workbook id=\"{wb}\"/></customView></tsRequest>"
    );
    publish(&api, &no_owner, b"{}").expect_error(400, "400000");
    let unknown = cv_payload(&api, "x", "00000000-0000-4000-8000-000000000000");
    publish(&api, &unknown, b"{}").expect_error(404, "404006");
    post_mp(&api, &exp(&api, "customviews"), &[payload_part(&ok)]).expect_error(400, "400000");
    post_mp(
        &api,
        &format!("{}?uploadSessionId=nope", exp(&api, "customviews")),
        &[payload_part(&ok)],
    )
    .expect_error(404, "404015");

    let r = publish(&api, &ok, br#"{"filters":{"Region":["West","East"]}}"#);
    r.expect(201);
    let id = r
        .xml()
        .child("customView")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    // Version minimums: listing and images 3.18, delete 3.19, PDF and data 3.23.
    let at = |v: &str, rest: &str| format!("/api/{v}/sites/{}/customviews{rest}", api.site);
    api.get(&at("3.17", "")).expect_error(404, "404003");
    api.get(&at("3.18", "")).expect(200);
    api.get(&at("3.18", &format!("/{id}/image"))).expect(200);
    api.get(&at("3.22", &format!("/{id}/pdf")))
        .expect_error(404, "404003");
    api.get(&at("3.22", &format!("/{id}/data")))
        .expect_error(404, "404003");
    let r = api.get(&at("3.23", &format!("/{id}/data?vf_Category=Furniture")));
    r.expect(200);
    let csv = r.text();
    assert_eq!(
        csv.lines().count(),
        3,
        "the saved filter, then the request's: {csv}"
    );
    assert!(
        csv.contains("West,Furniture,") && csv.contains("East,Furniture,"),
        "{csv}"
    );
    api.put(
        &api.s(&format!("customviews/{id}")),
        "<tsRequest><customView name=\"\"/></tsRequest>",
    )
    .expect_error(400, "400000");
    api.put(
        &api.s(&format!("customviews/{id}")),
        "<tsRequest><customView><owner id=\"00000000-0000-4000-8000-000000000000\"/></customView></tsRequest>",
    )
    .expect_error(404, "404002");
    req(
        api.addr(),
        "DELETE",
        &at("3.18", &format!("/{id}")),
        Some(&api.token),
        None,
    )
    .expect_error(404, "404003");
    // Another user sees the shared custom views and their own, and changes only their own.
    let bob = api.user("bob", "Explorer");
    api.put(
        &api.s(&format!("users/{bob}")),
        "<tsRequest><user password=\"pw\"/></tsRequest>",
    )
    .expect(200);
    let shared = cv_payload(&api, "Shared", &wb).replace("shared=\"false\"", "shared=\"true\"");
    publish(&api, &shared, b"{}").expect(201);
    let (bt, _, _) = signin(api.addr(), "bob", "pw", "");
    let r = req(api.addr(), "GET", &api.s("customviews"), Some(&bt), None);
    r.expect(200);
    assert_eq!(
        names(&r, "customViews", "customView"),
        vec!["Shared".to_string()]
    );
    req(
        api.addr(),
        "DELETE",
        &api.s(&format!("customviews/{id}")),
        Some(&bt),
        None,
    )
    .expect_error(403, "403004");
    let r = api.get(&api.s("customviews"));
    assert_eq!(
        names(&r, "customViews", "customView").len(),
        2,
        "{}",
        r.text()
    );

    api.delete(&api.s(&format!("customviews/{id}"))).expect(204);
    api.get(&api.s(&format!("customviews/{id}")))
        .expect_error(404, "404048");
}

#[test]
fn servers_before_3_21_have_no_experimental_api() {
    let emu = start(tsc_emulator::Config {
        api_version: "3.20".into(),
        ..config()
    });
    let r = req(
        emu.addr(),
        "POST",
        "/api/3.20/auth/signin",
        None,
        Some(&signin_body("admin", "admin", "")),
    );
    r.expect(200);
    let (token, site, _) = creds(&r);
    let get = |path: String| req(emu.addr(), "GET", &path, Some(&token), None);
    get(format!("/api/exp/sites/{site}/customviews/x/content")).expect_error(404, "404001");
    get(format!("/api/3.20/sites/{site}/customviews")).expect(200);
}
