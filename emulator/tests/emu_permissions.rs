//! Permissions and default permissions: the generic item and default handlers, in XML and JSON,
//! with Tableau's codes for unknown grantees, capabilities the content kind does not have and
//! duplicates; group sets as grantees.

mod common;

use common::*;
use serde_json::Value;

fn json_req(api: &Api, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let body = body.unwrap_or("");
    let msg = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Tableau-Auth: {}\r\n\
         Accept: application/json\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        api.token,
        body.len()
    );
    let r = raw(api.addr(), msg.as_bytes());
    let v = if r.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.text()))
    };
    (r.status, v)
}

fn body(grantee: &str, id: &str, caps: &[(&str, &str)]) -> String {
    let caps: String = caps
        .iter()
        .map(|(n, m)| format!("<capability name=\"{n}\" mode=\"{m}\"/>"))
        .collect();
    format!(
        "<tsRequest><permissions><granteeCapabilities><{grantee} id=\"{id}\"/><capabilities>{caps}</capabilities></granteeCapabilities></permissions></tsRequest>"
    )
}

/// (grantee element, grantee id, [(capability, mode)]): one rule of a reply.
type Rule = (String, String, Vec<(String, String)>);

/// Every rule of a reply.
fn rules(r: &Resp) -> Vec<Rule> {
    let x = r.xml();
    let p = x.child("permissions").expect("permissions");
    p.children_named("granteeCapabilities")
        .map(|gc| {
            let g = gc.children.iter().find(|c| c.attr("id").is_some()).unwrap();
            let caps = gc
                .child("capabilities")
                .unwrap()
                .children_named("capability")
                .map(|c| {
                    (
                        c.attr("name").unwrap().to_string(),
                        c.attr("mode").unwrap().to_string(),
                    )
                })
                .collect();
            (g.name.clone(), g.attr("id").unwrap().to_string(), caps)
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn project_permissions_are_granted_read_changed_and_deleted_one_capability_at_a_time() {
    let api = Api::new(config());
    let p = api.project("Governed", None);
    let u = api.user("perm-user", "Explorer");
    let url = api.s(&format!("projects/{p}/permissions"));
    assert!(rules(api.get(&url).expect(200)).is_empty());

    let r = api.put(
        &url,
        &body("user", &u, &[("Read", "Allow"), ("Write", "Allow")]),
    );
    r.expect(200);
    assert_eq!(
        rules(&r),
        vec![(
            "user".into(),
            u.clone(),
            vec![pair("Read", "Allow"), pair("Write", "Allow")]
        )]
    );
    // A capability the grantee has takes the new mode.
    api.put(&url, &body("user", &u, &[("Write", "Deny")]))
        .expect(200);
    let x = api.get(&url);
    assert_eq!(
        rules(&x)[0].2,
        vec![pair("Read", "Allow"), pair("Write", "Deny")]
    );
    assert_eq!(
        x.xml()
            .child("permissions")
            .unwrap()
            .child("project")
            .unwrap()
            .attr("id"),
        Some(p.as_str())
    );

    // One DELETE per capability; the mode must match.
    api.delete(&format!("{url}/users/{u}/Write/Allow"))
        .expect_error(404, "404000");
    api.delete(&format!("{url}/users/{u}/Write/Deny"))
        .expect(204);
    assert_eq!(rules(&api.get(&url))[0].2, vec![pair("Read", "Allow")]);
    api.delete(&format!("{url}/users/{u}/Read/Allow"))
        .expect(204);
    assert!(rules(&api.get(&url)).is_empty());
}

#[test]
fn grantees_and_capabilities_are_checked_with_tableau_codes() {
    let api = Api::new(config());
    let p = api.project("Checked", None);
    let u = api.user("check-user", "Viewer");
    let g = api.group("Checkers");
    let url = api.s(&format!("projects/{p}/permissions"));
    api.put(&url, &body("user", "no-such-user", &[("Read", "Allow")]))
        .expect_error(404, "404002");
    api.put(&url, &body("group", "no-such-group", &[("Read", "Allow")]))
        .expect_error(404, "404012");
    api.put(&url, &body("groupSet", "no-such-set", &[("Read", "Allow")]))
        .expect_error(404, "404012");
    // ProjectLeader is a project capability, not a workbook one; Execute belongs to flows.
    api.put(&url, &body("group", &g, &[("ExportImage", "Allow")]))
        .expect_error(400, "400009");
    api.put(
        &url,
        &body("user", &u, &[("Read", "Allow"), ("Read", "Deny")]),
    )
    .expect_error(409, "409003");
    api.put(&url, &body("user", &u, &[("Read", "Maybe")]))
        .expect_error(400, "400000");
    let dflt = api.s(&format!("projects/{p}/default-permissions/workbooks"));
    api.put(&dflt, &body("group", &g, &[("ProjectLeader", "Allow")]))
        .expect_error(400, "400009");
    api.put(&dflt, &body("group", &g, &[("ExportImage", "Allow")]))
        .expect(200);
    // Nothing was stored by the refused requests.
    assert!(rules(&api.get(&url)).is_empty());
    // Unknown items and kinds.
    api.get(&api.s("projects/nope/permissions"))
        .expect_error(404, "404005");
    api.get(&api.s("workbooks/nope/permissions"))
        .expect_error(404, "404006");
    api.get(&api.s(&format!("projects/{p}/default-permissions/sheets")))
        .expect_error(404, "404003");
}

#[test]
fn default_permissions_of_every_kind_are_kept_apart() {
    let api = Api::new(config());
    let p = api.project("Defaults", None);
    let g = api.group("Readers");
    let kinds = [
        "workbooks",
        "datasources",
        "metrics",
        "dataroles",
        "flows",
        "lenses",
        "virtualConnections",
        "databases",
        "tables",
    ];
    for (i, k) in kinds.iter().enumerate() {
        let mode = if i % 2 == 0 { "Allow" } else { "Deny" };
        api.put(
            &api.s(&format!("projects/{p}/default-permissions/{k}")),
            &body("group", &g, &[("Read", mode)]),
        )
        .expect(200);
    }
    for (i, k) in kinds.iter().enumerate() {
        let mode = if i % 2 == 0 { "Allow" } else { "Deny" };
        let r = api.get(&api.s(&format!("projects/{p}/default-permissions/{k}")));
        assert_eq!(
            rules(&r),
            vec![("group".into(), g.clone(), vec![pair("Read", mode)])],
            "{k}"
        );
    }
    // The project's own permissions are separate.
    assert!(rules(&api.get(&api.s(&format!("projects/{p}/permissions")))).is_empty());
    api.delete(&api.s(&format!(
        "projects/{p}/default-permissions/lenses/groups/{g}/Read/Deny"
    )))
    .expect(204);
    assert!(
        rules(&api.get(&api.s(&format!("projects/{p}/default-permissions/lenses")))).is_empty()
    );
    assert_eq!(
        rules(&api.get(&api.s(&format!("projects/{p}/default-permissions/tables")))).len(),
        1
    );
}

#[test]
fn group_sets_are_grantees() {
    let api = Api::new(config());
    let p = api.project("Sets", None);
    api.control(
        "POST",
        "/_emulator/groupsets?site=&name=Regional&id=11111111-2222-3333-4444-555555555555",
        None,
    )
    .expect(201);
    let r = api.post(
        &api.s("groupsets"),
        "<tsRequest><groupSet name=\"Global\"/></tsRequest>",
    );
    r.expect(201);
    let global = r
        .xml()
        .child("groupSet")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let url = api.s(&format!("projects/{p}/permissions"));
    api.put(
        &url,
        &body(
            "groupSet",
            "11111111-2222-3333-4444-555555555555",
            &[("Read", "Allow")],
        ),
    )
    .expect(200);
    api.put(&url, &body("groupSet", &global, &[("Write", "Deny")]))
        .expect(200);
    let got = rules(&api.get(&url));
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].0, "groupSet");
    assert_eq!(got[1].1, global);
    api.delete(&format!(
        "{url}/groupSets/11111111-2222-3333-4444-555555555555/Read/Allow"
    ))
    .expect(204);
    assert_eq!(rules(&api.get(&url)).len(), 1);
}

#[test]
fn permissions_in_json() {
    let api = Api::new(config());
    let p = api.project("Json", None);
    let u = api.user("json-user", "Creator");
    let url = api.s(&format!("projects/{p}/default-permissions/datasources"));
    let req = format!(
        r#"{{"permissions":{{"granteeCapabilities":[{{"user":{{"id":"{u}"}},"capabilities":{{"capability":[{{"name":"Connect","mode":"Allow"}},{{"name":"SaveAs","mode":"Deny"}}]}}}}]}}}}"#
    );
    let (status, put) = json_req(&api, "PUT", &url, Some(&req));
    assert_eq!(status, 200, "{put}");
    let (status, got) = json_req(&api, "GET", &url, None);
    assert_eq!(status, 200, "{got}");
    for v in [&put, &got] {
        let gcs = v["permissions"]["granteeCapabilities"]
            .as_array()
            .unwrap_or_else(|| panic!("granteeCapabilities is not an array: {v}"));
        assert_eq!(gcs.len(), 1, "{v}");
        assert_eq!(gcs[0]["user"]["id"], Value::String(u.clone()), "{v}");
        let caps = gcs[0]["capabilities"]["capability"]
            .as_array()
            .expect("array");
        assert_eq!(caps.len(), 2, "{v}");
        assert_eq!(caps[0]["name"], "Connect");
        assert_eq!(caps[0]["mode"], "Allow");
        assert_eq!(caps[1]["name"], "SaveAs");
        assert_eq!(caps[1]["mode"], "Deny");
    }
    // One grantee with one capability is still a list of one, in both places.
    let item = api.s(&format!("projects/{p}/permissions"));
    let one = format!(
        r#"{{"permissions":{{"granteeCapabilities":{{"user":{{"id":"{u}"}},"capabilities":{{"capability":{{"name":"Read","mode":"Allow"}}}}}}}}}}"#
    );
    let (status, v) = json_req(&api, "PUT", &item, Some(&one));
    assert_eq!(status, 200, "{v}");
    let (_, v) = json_req(&api, "GET", &item, None);
    assert!(v["permissions"]["granteeCapabilities"].is_array(), "{v}");
    assert!(
        v["permissions"]["granteeCapabilities"][0]["capabilities"]["capability"].is_array(),
        "{v}"
    );
    // Errors in JSON too.
    let bad = format!(
        r#"{{"permissions":{{"granteeCapabilities":[{{"user":{{"id":"{u}"}},"capabilities":{{"capability":[{{"name":"Execute","mode":"Allow"}}]}}}}]}}}}"#
    );
    let (status, v) = json_req(&api, "PUT", &item, Some(&bad));
    assert_eq!(status, 400);
    assert_eq!(v["error"]["code"], "400009", "{v}");
}
