//! A JSON client against every route: each request sends `Accept: application/json` (and a
//! JSON body where the route takes one, a JSON `request_payload` part for publishes), each
//! reply is parsed as JSON and checked; every GET is also fetched as XML and must hold the same
//! content. At the end every route of the routing table must have been called.

mod common;
mod content_support;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::net::SocketAddr;

use serde_json::{json, Value};

use common::{raw, Resp, V};
use content_support::{file_part, multipart, twb, Part, MP};
use tsc_emulator::xml::{parse, Element};
use tsc_emulator::{Config, Emulator};

const JSON_CT: &str = "application/json";

struct Client {
    emu: Emulator,
    token: RefCell<String>,
    site: RefCell<String>,
    /// Every (method, path) sent, for the coverage check.
    sent: RefCell<Vec<(String, String)>>,
}

struct Reply {
    status: u16,
    resp: Resp,
}

impl Reply {
    /// The JSON body (panics on anything else).
    fn json(&self) -> Value {
        assert_eq!(
            self.resp
                .header("content-type")
                .map(|c| c.split(';').next().unwrap()),
            Some(JSON_CT),
            "content type; body {}",
            self.resp.text()
        );
        serde_json::from_slice(&self.resp.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.resp.text()))
    }

    #[track_caller]
    fn expect(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "body: {}", self.resp.text());
        if status == 204 {
            assert!(self.resp.body.is_empty());
            return Value::Null;
        }
        self.json()
    }

    /// An error reply in Tableau's JSON shape with this code.
    #[track_caller]
    fn expect_error(&self, status: u16, code: &str) {
        let v = self.expect(status);
        let e = &v["error"];
        assert_eq!(e["code"], code, "{v}");
        assert!(e["summary"].as_str().is_some_and(|s| !s.is_empty()), "{v}");
        assert!(e["detail"].as_str().is_some_and(|s| !s.is_empty()), "{v}");
    }
}

impl Client {
    fn new() -> Client {
        let emu = Emulator::start(Config {
            listen: "127.0.0.1:0".into(),
            seed_demo: true,
            ..Config::default()
        })
        .expect("emulator starts");
        let c = Client {
            emu,
            token: RefCell::new(String::new()),
            site: RefCell::new(String::new()),
            sent: RefCell::new(Vec::new()),
        };
        let v = c
            .call(
                "POST",
                "auth/signin",
                Some(json!({"credentials": {"name": "admin", "password": "admin",
                            "site": {"contentUrl": ""}}})),
            )
            .expect(200);
        c.adopt(&v);
        c
    }

    fn addr(&self) -> SocketAddr {
        self.emu.addr()
    }

    /// Takes the token and site of a `{"credentials":…}` answer.
    fn adopt(&self, v: &Value) {
        let cr = &v["credentials"];
        *self.token.borrow_mut() = cr["token"].as_str().expect("token").to_string();
        *self.site.borrow_mut() = cr["site"]["id"].as_str().expect("site id").to_string();
    }

    /// `sites/{site}/rest`
    fn s(&self, rest: &str) -> String {
        format!("sites/{}/{rest}", self.site.borrow())
    }

    fn send(&self, method: &str, path: &str, accept: &str, ct: &str, body: &[u8]) -> Reply {
        let bare = path.split('?').next().unwrap().to_string();
        self.sent.borrow_mut().push((method.to_string(), bare));
        // `exp/…`: the experimental API (`/api/exp/…`), whose route patterns keep `exp`.
        let api = if path.starts_with("exp/") {
            String::from("/api")
        } else {
            format!("/api/{V}")
        };
        let mut msg = format!(
            "{method} {api}/{path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept: {accept}\r\n"
        );
        let token = self.token.borrow();
        if !token.is_empty() {
            msg.push_str(&format!("X-Tableau-Auth: {token}\r\n"));
        }
        if !body.is_empty() {
            msg.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        msg.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = msg.into_bytes();
        bytes.extend_from_slice(body);
        let resp = raw(self.addr(), &bytes);
        Reply {
            status: resp.status,
            resp,
        }
    }

    /// One JSON request.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Reply {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        self.send(method, path, JSON_CT, JSON_CT, body.as_bytes())
    }

    /// A JSON request whose answer, success or Tableau error, must be JSON: (status, body).
    fn any(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let r = self.call(method, path, body);
        let v = if r.resp.body.is_empty() {
            Value::Null
        } else {
            r.json()
        };
        if r.status >= 400 {
            assert!(v["error"]["code"].is_string(), "{method} {path}: {v}");
        }
        (r.status, v)
    }

    /// A GET in JSON and in XML: both must carry the same content. Returns the JSON.
    #[track_caller]
    fn get(&self, path: &str) -> Value {
        let v = self.call("GET", path, None).expect(200);
        let x = self.send("GET", path, "application/xml", "", b"");
        assert_eq!(x.status, 200, "{}", x.resp.text());
        let xml = parse(&x.resp.body).expect("XML");
        assert_eq!(
            canon_json("tsResponse", &v),
            canon_xml(&xml),
            "JSON and XML differ for {path}:\n{v}\n{}",
            x.resp.text()
        );
        v
    }

    /// A multipart request whose `request_payload` part is JSON.
    /// (`None`: an empty payload, as an upload-session append has.)
    fn multipart(
        &self,
        method: &str,
        path: &str,
        payload: Option<Value>,
        file: Option<Part>,
    ) -> Reply {
        let payload = payload.map(|p| p.to_string()).unwrap_or_default();
        let mut parts = vec![Part {
            disposition: "name=\"request_payload\"".into(),
            content_type: JSON_CT,
            data: payload.as_bytes(),
        }];
        parts.extend(file);
        self.send(method, path, JSON_CT, MP, &multipart(&parts))
    }
}

/// The content of a reply, independent of its format: attributes and text-only children are
/// one map of strings, other children are listed by name (in order within a name).
#[derive(Debug, PartialEq)]
struct Node {
    values: BTreeMap<String, String>,
    children: Vec<(String, Node)>,
}

fn canon_xml(e: &Element) -> Node {
    let mut values: BTreeMap<String, String> = e
        .attrs
        .iter()
        .filter(|(k, _)| k != "xmlns" && !k.starts_with("xmlns:") && k != "schemaLocation")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !e.text.is_empty() {
        values.insert("value".into(), e.text.clone());
    }
    let mut children = Vec::new();
    for c in &e.children {
        if c.attrs.is_empty() && c.children.is_empty() && !c.text.is_empty() {
            values.insert(c.name.clone(), c.text.clone());
        } else {
            children.push((c.name.clone(), canon_xml(c)));
        }
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    Node { values, children }
}

fn canon_json(_name: &str, v: &Value) -> Node {
    let mut values = BTreeMap::new();
    let mut children = Vec::new();
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"));
    for (k, c) in obj {
        match c {
            Value::String(s) => {
                values.insert(k.clone(), s.clone());
            }
            Value::Object(_) => children.push((k.clone(), canon_json(k, c))),
            Value::Array(items) => {
                for i in items {
                    children.push((k.clone(), canon_json(k, i)));
                }
            }
            other => panic!("'{k}' is {other}: Tableau's JSON values are strings"),
        }
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    Node { values, children }
}

/// The members of `v[list][member]`, which must be an array (even of one).
#[track_caller]
fn members<'a>(v: &'a Value, list: &str, member: &str) -> &'a Vec<Value> {
    v[list][member]
        .as_array()
        .unwrap_or_else(|| panic!("{list}.{member} is not an array: {v}"))
}

fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .to_string()
}

#[test]
fn every_route_speaks_json() {
    let c = Client::new();
    let admin = c.get("sessions/current")["session"]["user"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Server info, unauthenticated.
    let v = c.get("serverinfo");
    assert_eq!(v["serverInfo"]["restApiVersion"], V);
    assert!(v["serverInfo"]["productVersion"]["value"].is_string());

    // Errors: a bad token, a missing item, a malformed JSON body.
    let good = c.token.replace("nope".into());
    c.call("GET", &c.s("projects"), None)
        .expect_error(401, "401002");
    *c.token.borrow_mut() = good;
    c.call(
        "GET",
        &c.s("projects/00000000-0000-4000-8000-000000000000"),
        None,
    )
    .expect_error(404, "404005");
    c.send("POST", &c.s("projects"), JSON_CT, JSON_CT, b"{\"project\":")
        .expect_error(400, "400000");

    // Sites.
    let sites = c.get("sites");
    assert!(members(&sites, "sites", "site").len() >= 3);
    let v = c
        .call(
            "POST",
            "sites",
            Some(json!({"site": {"name": "Json Site", "contentUrl": "jsonsite"}})),
        )
        .expect(201);
    let site = id(&v["site"]);
    assert_eq!(v["site"]["contentUrl"], "jsonsite");
    assert_eq!(c.get(&format!("sites/{site}"))["site"]["name"], "Json Site");
    let v = c
        .call(
            "PUT",
            &format!("sites/{site}"),
            Some(json!({"site": {"name": "Json Site 2"}})),
        )
        .expect(200);
    assert_eq!(v["site"]["name"], "Json Site 2");
    c.call("DELETE", &format!("sites/{site}"), None).expect(204);

    // Switching site and back.
    let v = c
        .call(
            "POST",
            "auth/switchSite",
            Some(json!({"site": {"contentUrl": "marketing"}})),
        )
        .expect(200);
    c.adopt(&v);
    assert_eq!(v["credentials"]["site"]["contentUrl"], "marketing");
    let v = c
        .call(
            "POST",
            "auth/switchSite",
            Some(json!({"site": {"contentUrl": ""}})),
        )
        .expect(200);
    c.adopt(&v);

    // Projects: one filtered member is still an array.
    let v = c
        .call(
            "POST",
            &c.s("projects"),
            Some(json!({"project": {"name": "JP", "description": "made in JSON"}})),
        )
        .expect(201);
    let project = id(&v["project"]);
    assert_eq!(v["project"]["description"], "made in JSON");
    let v = c.get(&c.s("projects?filter=name:eq:jp"));
    assert_eq!(members(&v, "projects", "project").len(), 1);
    assert_eq!(v["pagination"]["totalAvailable"], "1");
    c.get(&c.s(&format!("projects/{project}")));
    let v = c
        .call(
            "PUT",
            &c.s(&format!("projects/{project}")),
            Some(json!({"project": {"description": "changed"}})),
        )
        .expect(200);
    assert_eq!(v["project"]["description"], "changed");

    // Users.
    let v = c
        .call(
            "POST",
            &c.s("users"),
            Some(json!({"user": {"name": "jsonuser", "siteRole": "Viewer"}})),
        )
        .expect(201);
    let user = id(&v["user"]);
    assert_eq!(v["user"]["siteRole"], "Viewer");
    assert!(members(&c.get(&c.s("users")), "users", "user").len() >= 6);
    let v = c
        .call(
            "PUT",
            &c.s(&format!("users/{user}")),
            Some(json!({"user": {"fullName": "Jay Son"}})),
        )
        .expect(200);
    assert_eq!(v["user"]["fullName"], "Jay Son");
    assert_eq!(
        c.get(&c.s(&format!("users/{user}")))["user"]["fullName"],
        "Jay Son"
    );

    // Groups and membership.
    let v = c
        .call(
            "POST",
            &c.s("groups"),
            Some(json!({"group": {"name": "JG"}})),
        )
        .expect(201);
    let group = id(&v["group"]);
    c.get(&c.s("groups"));
    c.get(&c.s(&format!("groups/{group}")));
    let v = c
        .call(
            "PUT",
            &c.s(&format!("groups/{group}")),
            Some(json!({"group": {"name": "JG2"}})),
        )
        .expect(200);
    assert_eq!(v["group"]["name"], "JG2");
    let v = c
        .call(
            "POST",
            &c.s(&format!("groups/{group}/users")),
            Some(json!({"user": {"id": user}})),
        )
        .expect(200);
    assert_eq!(v["user"]["id"], user.as_str());
    let v = c.get(&c.s(&format!("groups/{group}/users")));
    assert_eq!(members(&v, "users", "user").len(), 1);
    let v = c.get(&c.s(&format!("users/{user}/groups")));
    assert!(members(&v, "groups", "group")
        .iter()
        .any(|g| id(g) == group));
    c.call(
        "DELETE",
        &c.s(&format!("groups/{group}/users/{user}")),
        None,
    )
    .expect(204);
    c.call(
        "POST",
        &c.s(&format!("groups/{group}/users")),
        Some(json!({"users": {"user": [{"id": user}]}})),
    )
    .expect(200);
    c.call(
        "PUT",
        &c.s(&format!("groups/{group}/users/remove")),
        Some(json!({"users": {"user": [{"id": user}]}})),
    )
    .expect(204);
    let v = c.get(&c.s(&format!("groups/{group}/users")));
    assert_eq!(v["users"], json!({}), "an empty list is an empty object");

    // Workbooks: publish with a JSON payload part, as a job too.
    let file = twb("Json Book", &["Sheet A", "Sheet B"], &[]);
    let v = c
        .multipart(
            "POST",
            &c.s("workbooks?workbookType=twb"),
            Some(json!({"workbook": {"name": "Json Book", "project": {"id": project}}})),
            Some(file_part("tableau_workbook", "Json Book.twb", &file)),
        )
        .expect(201);
    let wb = id(&v["workbook"]);
    assert_eq!(v["workbook"]["project"]["id"], project.as_str());
    let v = c
        .multipart(
            "POST",
            &c.s("workbooks?workbookType=twb&asJob=true"),
            Some(json!({"workbook": {"name": "Json Job Book", "project": {"id": project}}})),
            Some(file_part("tableau_workbook", "Job.twb", &file)),
        )
        .expect(202);
    let job = id(&v["job"]);
    let v = c
        .call("GET", &c.s(&format!("jobs/{job}")), None)
        .expect(200);
    assert_eq!(id(&v["job"]), job);
    let v = c.call("GET", &c.s("jobs"), None).expect(200);
    assert!(members(&v, "backgroundJobs", "backgroundJob")
        .iter()
        .any(|j| id(j) == job));
    let r = c.call("PUT", &c.s(&format!("jobs/{job}")), None);
    match r.status {
        200 => assert_eq!(id(&r.json()["job"]), job),
        _ => r.expect_error(403, "403091"), // already finished
    }

    let v = c.get(&c.s("workbooks?filter=name:eq:Json%20Book"));
    assert_eq!(members(&v, "workbooks", "workbook").len(), 1);
    let v = c.get(&c.s(&format!("workbooks/{wb}")));
    assert_eq!(v["workbook"]["name"], "Json Book");
    let v = c.get(&c.s(&format!("workbooks/{wb}/views")));
    let views = members(&v, "views", "view");
    assert_eq!(views.len(), 2);
    let view = id(&views[0]);
    let v = c
        .call(
            "PUT",
            &c.s(&format!("workbooks/{wb}")),
            Some(json!({"workbook": {"showTabs": false, "description": "d"}})),
        )
        .expect(200);
    assert_eq!(v["workbook"]["showTabs"], "false");
    let v = c
        .call(
            "PUT",
            &c.s(&format!("workbooks/{wb}/tags")),
            Some(json!({"tags": {"tag": [{"label": "red"}, {"label": "blue"}]}})),
        )
        .expect(200);
    assert_eq!(members(&v, "tags", "tag").len(), 2);
    c.call("DELETE", &c.s(&format!("workbooks/{wb}/tags/red")), None)
        .expect(204);
    let v = c.get(&c.s(&format!("workbooks/{wb}")));
    assert_eq!(members(&v["workbook"], "tags", "tag").len(), 1);
    let r = c.call("GET", &c.s(&format!("workbooks/{wb}/content")), None);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.resp.body, file,
        "a download is the file, whatever Accept says"
    );
    // Revisions: an overwrite keeps the first file as revision 1.
    let file2 = twb("Json Book", &["Sheet A", "Sheet B", "Sheet C"], &[]);
    c.multipart(
        "POST",
        &c.s("workbooks?workbookType=twb&overwrite=true"),
        Some(json!({"workbook": {"name": "Json Book", "project": {"id": project}}})),
        Some(file_part("tableau_workbook", "Json Book.twb", &file2)),
    )
    .expect(201);
    let v = c.get(&c.s(&format!("workbooks/{wb}/revisions")));
    let revs = members(&v, "revisions", "revision");
    assert_eq!(revs.len(), 2, "{v}");
    assert_eq!(
        (&revs[0]["revisionNumber"], &revs[1]["current"]),
        (&json!("1"), &json!("true"))
    );
    let r = c.call(
        "GET",
        &c.s(&format!("workbooks/{wb}/revisions/1/content")),
        None,
    );
    assert_eq!((r.status, &r.resp.body), (200, &file));
    c.call("DELETE", &c.s(&format!("workbooks/{wb}/revisions/2")), None)
        .expect_error(403, "403003");
    c.call("DELETE", &c.s(&format!("workbooks/{wb}/revisions/1")), None)
        .expect(204);
    c.call(
        "GET",
        &c.s(&format!("workbooks/{wb}/revisions/1/content")),
        None,
    )
    .expect_error(404, "404026");
    let r = c.call("GET", &c.s(&format!("workbooks/{wb}/previewImage")), None);
    assert_eq!((r.status, &r.resp.body[1..4]), (200, &b"PNG"[..]));
    let r = c.call(
        "GET",
        &c.s(&format!("workbooks/{wb}/views/{view}/previewImage")),
        None,
    );
    assert_eq!(r.status, 200);
    let v = c.get(&c.s(&format!("workbooks/{wb}/connections")));
    let conn = id(&members(&v, "connections", "connection")[0]);
    let v = c
        .call(
            "PUT",
            &c.s(&format!("workbooks/{wb}/connections/{conn}")),
            Some(json!({"connection": {"serverAddress": "db.example.com"}})),
        )
        .expect(200);
    assert_eq!(v["connection"]["serverAddress"], "db.example.com");
    let v = c.get(&c.s(&format!("users/{admin}/workbooks")));
    assert!(members(&v, "workbooks", "workbook")
        .iter()
        .any(|w| id(w) == wb));

    // Exports are files whatever Accept says; their errors are JSON.
    for (path, magic) in [
        (
            format!("views/{view}/image?resolution=high&vf_Region=East"),
            &b"\x89PNG"[..],
        ),
        (format!("views/{view}/data?vf_Region=East"), &b"Region,"[..]),
        (
            format!("views/{view}/crosstab/excel?vf_Region=East"),
            &b"PK\x03\x04"[..],
        ),
        (
            format!("views/{view}/pdf?type=A4&orientation=Landscape"),
            &b"%PDF-"[..],
        ),
        (format!("workbooks/{wb}/pdf"), &b"%PDF-"[..]),
        (
            format!("workbooks/{wb}/powerpoint?maxAge=5"),
            &b"PK\x03\x04"[..],
        ),
    ] {
        let r = c.call("GET", &c.s(&path), None);
        assert_eq!(r.status, 200, "{path}: {}", r.resp.text());
        assert!(r.resp.body.starts_with(magic), "{path}");
    }
    c.call(
        "GET",
        &c.s(&format!("views/{view}/image?resolution=huge")),
        None,
    )
    .expect_error(400, "400000");
    c.call("GET", &c.s(&format!("views/{view}/pdf?type=Poster")), None)
        .expect_error(400, "400000");

    // Views.
    let v = c.get(&c.s("views?filter=name:eq:Sheet%20A"));
    assert!(!members(&v, "views", "view").is_empty());
    assert_eq!(id(&c.get(&c.s(&format!("views/{view}")))["view"]), view);
    let v = c
        .call(
            "PUT",
            &c.s(&format!("views/{view}/tags")),
            Some(json!({"tags": {"tag": [{"label": "v1"}]}})),
        )
        .expect(200);
    assert_eq!(members(&v, "tags", "tag")[0]["label"], "v1");
    c.call("DELETE", &c.s(&format!("views/{view}/tags/v1")), None)
        .expect(204);
    // Tags in batches: the workbook (tagged "blue" above) and the view.
    let batch = json!({"tagBatch": {
        "tags": {"tag": [{"label": "batch"}]},
        "contents": {"content": [
            {"id": wb, "contentType": "Workbook"},
            {"id": view, "contentType": "View"}
        ]}
    }});
    let v = c
        .call("PUT", &c.s("tags:batchCreate"), Some(batch.clone()))
        .expect(200);
    assert_eq!(members(&v["tagBatch"], "contents", "content").len(), 2);
    assert_eq!(members(&v["tagBatch"], "tags", "tag")[0]["label"], "batch");
    let v = c.get(&c.s(&format!("views/{view}")));
    assert_eq!(members(&v["view"], "tags", "tag")[0]["label"], "batch");
    c.call("PUT", &c.s("tags:batchDelete"), Some(batch))
        .expect(200);
    let v = c.get(&c.s(&format!("workbooks/{wb}")));
    assert_eq!(members(&v["workbook"], "tags", "tag").len(), 1);

    // Custom views: published (a file part, then an upload session) on the experimental API,
    // listed, got, updated, exported with their saved filter, downloaded as published, deleted.
    let definition = br#"{"filters":{"Region":"East"}}"#;
    let cv_payload = |name: &str| {
        json!({"customView": {"name": name, "shared": "true", "owner": {"id": admin},
               "workbook": {"id": wb}}})
    };
    let v = c
        .multipart(
            "POST",
            &format!("exp/{}", c.s("customviews")),
            Some(cv_payload("East")),
            Some(Part {
                disposition: "name=\"tableau_customview\"; filename=\"East.json\"".into(),
                content_type: "application/octet-stream",
                data: definition,
            }),
        )
        .expect(201);
    let cv = id(&v["customView"]);
    assert_eq!(v["customView"]["shared"], "true", "{v}");
    assert_eq!(v["customView"]["view"]["id"], view.as_str(), "{v}");
    let v = c.call("POST", &c.s("fileUploads"), None).expect(201);
    let upload = v["fileUpload"]["uploadSessionId"]
        .as_str()
        .unwrap()
        .to_string();
    c.multipart(
        "PUT",
        &c.s(&format!("fileUploads/{upload}")),
        None,
        Some(Part {
            disposition: "name=\"tableau_file\"; filename=\"file\"".into(),
            content_type: "application/octet-stream",
            data: definition,
        }),
    )
    .expect(200);
    let v = c
        .multipart(
            "POST",
            &format!("exp/{}?uploadSessionId={upload}", c.s("customviews")),
            Some(cv_payload("Chunked")),
            None,
        )
        .expect(201);
    let cv2 = id(&v["customView"]);
    let v = c.get(&c.s(&format!("customviews?filter=workbookId:eq:{wb}")));
    assert_eq!(members(&v, "customViews", "customView").len(), 2, "{v}");
    assert_eq!(
        c.get(&c.s(&format!("customviews/{cv}")))["customView"]["name"],
        "East"
    );
    let v = c
        .call(
            "PUT",
            &c.s(&format!("customviews/{cv}")),
            Some(json!({"customView": {"name": "Eastern", "owner": {"id": admin}}})),
        )
        .expect(200);
    assert_eq!(v["customView"]["name"], "Eastern");
    for (path, magic) in [
        (format!("customviews/{cv}/image"), &b"\x89PNG"[..]),
        (format!("customviews/{cv}/data"), &b"Region,"[..]),
        (format!("customviews/{cv}/pdf"), &b"%PDF-"[..]),
    ] {
        let r = c.call("GET", &c.s(&path), None);
        assert_eq!(r.status, 200, "{path}: {}", r.resp.text());
        assert!(r.resp.body.starts_with(magic), "{path}");
    }
    let r = c.call("GET", &c.s(&format!("customviews/{cv}/data")), None);
    assert!(!r.resp.text().contains("West,"), "{}", r.resp.text());
    let r = c.call(
        "GET",
        &format!("exp/{}", c.s(&format!("customviews/{cv2}/content"))),
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.resp.body, definition);
    c.call("DELETE", &c.s(&format!("customviews/{cv}")), None)
        .expect(204);
    c.call("DELETE", &c.s(&format!("customviews/{cv2}")), None)
        .expect(204);
    c.call("GET", &c.s(&format!("customviews/{cv}")), None)
        .expect_error(404, "404048");
    c.call(
        "GET",
        &format!("exp/{}", c.s(&format!("customviews/{cv}/content"))),
        None,
    )
    .expect_error(404, "404048");

    // Data sources, published through an upload session with a JSON commit payload.
    let v = c.call("POST", &c.s("fileUploads"), None).expect(201);
    let upload = v["fileUpload"]["uploadSessionId"]
        .as_str()
        .unwrap()
        .to_string();
    let tds = tsc_emulator::content::datasource_tds(
        "Json Source",
        &tsc_emulator::content::SampleConnection::default(),
    );
    let v = c
        .multipart(
            "PUT",
            &c.s(&format!("fileUploads/{upload}")),
            None,
            Some(Part {
                disposition: "name=\"tableau_file\"; filename=\"file\"".into(),
                content_type: "application/octet-stream",
                data: &tds,
            }),
        )
        .expect(200);
    assert_eq!(v["fileUpload"]["fileSize"], "1", "{v}");
    let v = c
        .multipart(
            "POST",
            &c.s(&format!(
                "datasources?uploadSessionId={upload}&datasourceType=tds"
            )),
            Some(json!({"datasource": {"name": "Json Source", "project": {"id": project}}})),
            None,
        )
        .expect(201);
    let ds = id(&v["datasource"]);
    c.get(&c.s("datasources"));
    c.get(&c.s(&format!("datasources/{ds}")));
    let v = c
        .call(
            "PUT",
            &c.s(&format!("datasources/{ds}")),
            Some(json!({"datasource": {"isCertified": true, "certificationNote": "ok"}})),
        )
        .expect(200);
    assert_eq!(v["datasource"]["isCertified"], "true");
    c.call(
        "PUT",
        &c.s(&format!("datasources/{ds}/tags")),
        Some(json!({"tags": {"tag": [{"label": "t"}]}})),
    )
    .expect(200);
    c.call("DELETE", &c.s(&format!("datasources/{ds}/tags/t")), None)
        .expect(204);
    let v = c.get(&c.s(&format!("datasources/{ds}/connections")));
    let conns = members(&v, "connections", "connection");
    if let Some(first) = conns.first() {
        let conn = id(first);
        c.call(
            "PUT",
            &c.s(&format!("datasources/{ds}/connections/{conn}")),
            Some(json!({"connection": {"serverPort": "5433"}})),
        )
        .expect(200);
    } else {
        c.call(
            "PUT",
            &c.s(&format!(
                "datasources/{ds}/connections/00000000-0000-4000-8000-000000000000"
            )),
            Some(json!({"connection": {"serverPort": "5433"}})),
        )
        .expect_error(404, "404005");
    }
    let r = c.call("GET", &c.s(&format!("datasources/{ds}/content")), None);
    assert_eq!((r.status, &r.resp.body), (200, &tds));
    let v = c.get(&c.s(&format!("datasources/{ds}/revisions")));
    assert_eq!(members(&v, "revisions", "revision").len(), 1, "{v}");
    let r = c.call(
        "GET",
        &c.s(&format!("datasources/{ds}/revisions/1/content")),
        None,
    );
    assert_eq!((r.status, &r.resp.body), (200, &tds));
    c.call(
        "DELETE",
        &c.s(&format!("datasources/{ds}/revisions/7")),
        None,
    )
    .expect_error(404, "404026");

    // Favorites.
    let v = c
        .call(
            "PUT",
            &c.s(&format!("favorites/{admin}")),
            Some(json!({"favorite": {"label": "JB", "workbook": {"id": wb}}})),
        )
        .expect(200);
    assert!(members(&v, "favorites", "favorite")
        .iter()
        .any(|f| f["workbook"]["id"] == wb.as_str()));
    c.get(&c.s(&format!("favorites/{admin}")));
    c.call(
        "DELETE",
        &c.s(&format!("favorites/{admin}/workbooks/{wb}")),
        None,
    )
    .expect(204);

    // Permissions of an item and a project's default permissions, for a user and a group set.
    let v = c
        .call(
            "POST",
            &c.s("groupsets"),
            Some(json!({"groupSet": {"name": "JSON set"}})),
        )
        .expect(201);
    let set = id(&v["groupSet"]);
    let v = c.get(&c.s("groupsets"));
    assert!(members(&v, "groupSets", "groupSet")
        .iter()
        .any(|g| id(g) == set));
    let rules = json!({"permissions": {"granteeCapabilities": [
        {"user": {"id": user}, "capabilities": {"capability": [{"name": "Read", "mode": "Allow"}]}},
        {"groupSet": {"id": set}, "capabilities": {"capability": [{"name": "Write", "mode": "Deny"}]}}
    ]}});
    let v = c
        .call(
            "PUT",
            &c.s(&format!("workbooks/{wb}/permissions")),
            Some(rules.clone()),
        )
        .expect(200);
    assert_eq!(
        members(&v, "permissions", "granteeCapabilities").len(),
        2,
        "{v}"
    );
    let v = c.get(&c.s(&format!("workbooks/{wb}/permissions")));
    let g = members(&v, "permissions", "granteeCapabilities");
    let mine = g
        .iter()
        .find(|g| g["user"]["id"] == user.as_str())
        .expect("the user's rule");
    assert_eq!(
        members(mine, "capabilities", "capability")[0]["mode"],
        "Allow"
    );
    c.call(
        "DELETE",
        &c.s(&format!(
            "workbooks/{wb}/permissions/users/{user}/Read/Allow"
        )),
        None,
    )
    .expect(204);
    c.call(
        "PUT",
        &c.s(&format!("projects/{project}/default-permissions/workbooks")),
        Some(rules),
    )
    .expect(200);
    let v = c.get(&c.s(&format!("projects/{project}/default-permissions/workbooks")));
    assert_eq!(
        members(&v, "permissions", "granteeCapabilities").len(),
        2,
        "{v}"
    );
    c.call(
        "DELETE",
        &c.s(&format!(
            "projects/{project}/default-permissions/workbooks/groupSets/{set}/Write/Deny"
        )),
        None,
    )
    .expect(204);

    // Extracts and refreshes, schedules, tasks, subscriptions: jobs and their JSON lists.
    for fam in ["workbooks", "datasources"] {
        let item = if fam == "workbooks" { &wb } else { &ds };
        for op in ["refresh", "createExtract?encrypt=false", "deleteExtract"] {
            let (st, v) = c.any("POST", &c.s(&format!("{fam}/{item}/{op}")), Some(json!({})));
            assert!(st < 300 || v["error"].is_object(), "{fam} {op}: {v}");
        }
    }
    let (st, v) = c.any(
        "PATCH",
        &c.s(&format!("datasources/{ds}/data")),
        Some(json!({"actions": [{"action": "delete", "target-table": "Extract"}]})),
    );
    assert_eq!(st, 400, "no RequestID header: {v}");
    let v = c
        .call(
            "POST",
            "schedules",
            Some(
                json!({"schedule": {"name": "JSON nightly", "type": "Extract", "frequency": "Daily",
                "frequencyDetails": {"start": "02:00:00"}}}),
            ),
        )
        .expect(201);
    let sched = id(&v["schedule"]);
    let v = c.call("GET", "schedules", None).expect(200);
    assert!(members(&v, "schedules", "schedule")
        .iter()
        .any(|x| id(x) == sched));
    c.get(&format!("schedules/{sched}"));
    let v = c
        .call(
            "PUT",
            &format!("schedules/{sched}"),
            Some(json!({"schedule": {"name": "JSON nightly 2"}})),
        )
        .expect(200);
    assert_eq!(v["schedule"]["name"], "JSON nightly 2");
    c.any(
        "PUT",
        "schedules",
        Some(json!({"schedules": {"schedule": [{"id": sched}]}})),
    );
    c.call(
        "PUT",
        &c.s(&format!("schedules/{sched}/workbooks")),
        Some(json!({"task": {"extractRefresh": {"workbook": {"id": wb}}}})),
    )
    .expect(200);
    c.any(
        "PUT",
        &c.s(&format!("schedules/{sched}/datasources")),
        Some(json!({"task": {"extractRefresh": {"datasource": {"id": ds}}}})),
    );
    c.any(
        "PUT",
        &c.s(&format!("schedules/{sched}/flows")),
        Some(
            json!({"task": {"flowRun": {"flow": {"id": "00000000-0000-4000-8000-000000000000"}}}}),
        ),
    );
    let v = c
        .call("GET", &c.s(&format!("schedules/{sched}/extracts")), None)
        .expect(200);
    assert!(v["extracts"].is_object(), "{v}");
    let v = c
        .call("GET", &c.s("tasks/extractRefreshes"), None)
        .expect(200);
    let task = members(&v, "tasks", "task")
        .iter()
        .find(|t| t["extractRefresh"]["workbook"]["id"] == wb.as_str())
        .map(|t| id(&t["extractRefresh"]))
        .expect("the workbook's refresh task");
    c.any(
        "POST",
        &c.s("tasks/extractRefreshes"),
        Some(
            json!({"extractRefresh": {"type": "FullRefresh", "datasource": {"id": ds}},
            "schedule": {"frequency": "Daily", "frequencyDetails": {"start": "03:00:00"}}}),
        ),
    );
    c.call("GET", &c.s(&format!("tasks/extractRefreshes/{task}")), None)
        .expect(200);
    let v = c
        .call(
            "POST",
            &c.s(&format!("tasks/extractRefreshes/{task}/runNow")),
            Some(json!({})),
        )
        .expect(200);
    assert!(v["job"]["id"].is_string(), "{v}");
    c.call(
        "DELETE",
        &c.s(&format!("tasks/extractRefreshes/{task}")),
        None,
    )
    .expect(204);
    let none = "00000000-0000-4000-8000-000000000000";
    for kind in ["dataAcceleration", "runFlow"] {
        c.call("GET", &c.s(&format!("tasks/{kind}")), None)
            .expect(200);
        let (st, _) = c.any("DELETE", &c.s(&format!("tasks/{kind}/{none}")), None);
        assert_eq!(st, 404, "{kind}");
    }
    let v = c
        .call(
            "POST",
            "schedules",
            Some(
                json!({"schedule": {"name": "JSON mornings", "type": "Subscription",
                "frequency": "Daily", "frequencyDetails": {"start": "07:00:00"}}}),
            ),
        )
        .expect(201);
    let subs_sched = id(&v["schedule"]);
    let v = c
        .call(
            "POST",
            &c.s("subscriptions"),
            Some(
                json!({"subscription": {"subject": "Hi", "content": {"id": wb, "type": "Workbook"},
                "schedule": {"id": subs_sched}, "user": {"id": admin}}}),
            ),
        )
        .expect(201);
    let sub = id(&v["subscription"]);
    let v = c.call("GET", &c.s("subscriptions"), None).expect(200);
    assert!(members(&v, "subscriptions", "subscription")
        .iter()
        .any(|x| id(x) == sub));
    c.call("GET", &c.s(&format!("subscriptions/{sub}")), None)
        .expect(200);
    let v = c
        .call(
            "PUT",
            &c.s(&format!("subscriptions/{sub}")),
            Some(json!({"subscription": {"subject": "Hello"}})),
        )
        .expect(200);
    assert_eq!(v["subscription"]["subject"], "Hello");
    c.call("DELETE", &c.s(&format!("subscriptions/{sub}")), None)
        .expect(204);
    c.call("DELETE", &format!("schedules/{subs_sched}"), None)
        .expect(204);
    c.call("DELETE", &format!("schedules/{sched}"), None)
        .expect(204);

    content_extras(&c, &wb, &ds);

    // Deletions.
    c.call("DELETE", &c.s(&format!("datasources/{ds}")), None)
        .expect(204);
    c.call("DELETE", &c.s(&format!("workbooks/{wb}")), None)
        .expect(204);
    c.call("DELETE", &c.s(&format!("groups/{group}")), None)
        .expect(204);
    c.call("DELETE", &c.s(&format!("users/{user}")), None)
        .expect(204);
    c.call("DELETE", &c.s(&format!("projects/{project}")), None)
        .expect(204);
    c.call("POST", "auth/signout", None).expect(204);

    // Every route was called.
    let sent = c.sent.borrow();
    let missing: Vec<String> = tsc_emulator::routes::table()
        .iter()
        .filter(|r| !sent.iter().any(|(m, p)| r.serves(m, p)))
        .map(|r| format!("{} {}", r.method.as_str(), r.pattern))
        .collect();
    assert!(
        missing.is_empty(),
        "routes never called in JSON: {missing:#?}"
    );
}

/// The routes of the content extras (TSC 0.42 content methods beyond the seed).
fn content_extras(c: &Client, wb: &str, ds: &str) {
    // Deleting a view: the workbook keeps the other.
    let v = c.get(&c.s(&format!("workbooks/{wb}/views")));
    let views = members(&v, "views", "view");
    let last = id(views.last().unwrap());
    let before = views.len();
    c.call("DELETE", &c.s(&format!("views/{last}")), None)
        .expect(204);
    c.call("DELETE", &c.s(&format!("views/{last}")), None)
        .expect_error(404, "404011");
    let v = c.get(&c.s(&format!("workbooks/{wb}/views")));
    assert_eq!(members(&v, "views", "view").len(), before - 1);

    // Data acceleration and freshness through an update; the views' status when asked.
    let v = c
        .call(
            "PUT",
            &c.s(&format!(
                "workbooks/{wb}?includeViewAccelerationStatus=True"
            )),
            Some(json!({"workbook": {
                "dataAccelerationConfig": {"accelerationEnabled": true, "accelerateNow": true},
                "dataFreshnessPolicy": {"option": "FreshEvery",
                    "freshEverySchedule": {"frequency": "Hours", "value": "2"}}}})),
        )
        .expect(200);
    let cfg = &v["workbook"]["dataAccelerationConfig"];
    assert_eq!(cfg["accelerationStatus"], "Accelerated", "{v}");
    let view = &members(&v["workbook"], "views", "view")[0];
    assert_eq!(
        view["dataAccelerationConfig"]["accelerationEnabled"],
        "true"
    );
    let v = c.get(&c.s(&format!("workbooks/{wb}")));
    assert_eq!(
        v["workbook"]["dataFreshnessPolicy"]["freshEverySchedule"]["value"],
        "2"
    );

    // Many connections at once (3.26), of a workbook and of a data source.
    for item in [format!("workbooks/{wb}"), format!("datasources/{ds}")] {
        let v = c.get(&c.s(&format!("{item}/connections")));
        let conn = id(&members(&v, "connections", "connection")[0]);
        let v = c
            .call(
                "PUT",
                &c.s(&format!("{item}/connections")),
                Some(json!({"connectionLUIDs": {"connectionLUID": [conn]},
                    "connection": {"authenticationType": "username-password",
                        "userName": "svc", "embedPassword": true}})),
            )
            .expect(200);
        let got = members(&v, "connections", "connection");
        assert_eq!((got.len(), &got[0]["userName"]), (1, &json!("svc")), "{v}");
        c.call(
            "PUT",
            &c.s(&format!("{item}/connections")),
            Some(json!({"connectionLUIDs": {"connectionLUID": ["nope"]},
                "connection": {"authenticationType": "oauth"}})),
        )
        .expect_error(404, "404020");
    }
}

#[test]
fn xml_stays_the_default() {
    let c = Client::new();
    for accept in ["application/xml", "*/*", "text/html"] {
        let r = c.send("GET", "serverinfo", accept, "", b"");
        assert!(
            r.resp.text().starts_with("<?xml"),
            "{accept}: {}",
            r.resp.text()
        );
    }
    // JSON arrived with REST API 2.5: older versions answer XML.
    let r = raw(
        c.addr(),
        b"GET /api/2.4/serverinfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept: application/json\r\n\r\n",
    );
    assert!(r.text().starts_with("<?xml"), "{}", r.text());
}
