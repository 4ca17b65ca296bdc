//! Content after publishing: queries with paging/filters/fields, updates, downloads and
//! their Content-Disposition, views, connections, previews, favorites, ownership, cascading
//! deletes, faults on content routes, the demo seed and the 1000-item page.

mod common;
mod content_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;
use content_support::*;
use tsc_emulator::Config;

fn publish_two(api: &Api) -> (String, String) {
    let p = api.project("Sales", None);
    let a = publish_wb(
        api,
        "",
        &wb_payload("Alpha", Some(&p)),
        "Alpha.twb",
        &twb("Alpha", &["Sales by Region", "Profit"], &["Overview"]),
    );
    a.expect(201);
    let b = publish_wb(
        api,
        "",
        &wb_payload("Beta", None),
        "Beta.twbx",
        &twbx("Beta"),
    );
    b.expect(201);
    (id_of(&a, "workbook"), id_of(&b, "workbook"))
}

fn png_ok(bytes: &[u8]) {
    assert!(bytes.len() > 33, "too short");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&bytes[12..16], b"IHDR");
    assert!(bytes.ends_with(b"IEND\xaeB`\x82"));
}

#[test]
fn workbook_queries_filters_fields() {
    let api = Api::new(config());
    let (a, b) = publish_two(&api);
    let r = api.get(&api.s("workbooks"));
    r.expect(200);
    assert_eq!(pagination(&r), (1, 100, 2));
    assert_eq!(names(&r, "workbooks", "workbook"), ["Alpha", "Beta"]);
    let r = api.get(&api.s("workbooks?filter=projectName:eq:Sales"));
    assert_eq!(names(&r, "workbooks", "workbook"), ["Alpha"]);
    let r = api.get(&api.s("workbooks?filter=name:in:%5BBeta,Gamma%5D"));
    assert_eq!(names(&r, "workbooks", "workbook"), ["Beta"]);
    let r = api.get(&api.s("workbooks?filter=hasExtracts:eq:true"));
    assert_eq!(names(&r, "workbooks", "workbook"), ["Beta"]);
    let r = api.get(&api.s("workbooks?filter=sheetCount:gte:4"));
    assert_eq!(names(&r, "workbooks", "workbook"), ["Beta"]);
    let r = api.get(&api.s("workbooks?sort=name:desc&pageSize=1&pageNumber=2"));
    assert_eq!(names(&r, "workbooks", "workbook"), ["Alpha"]);
    assert_eq!(pagination(&r), (2, 1, 2));
    api.get(&api.s("workbooks?filter=bogus:eq:1"))
        .expect_error(400, "400065");
    api.get(&api.s("workbooks?pageNumber=3"))
        .expect_error(400, "400006");
    // fields=: only what was asked for.
    let r = api.get(&api.s("workbooks?fields=id,name"));
    let x = r.xml();
    let w = x.find("workbook").unwrap();
    let attrs: Vec<&str> = w.attrs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(attrs, ["id", "name"]);
    assert!(w.children.is_empty());
    let r = api.get(&api.s("workbooks?fields=name,owner.name,project.name"));
    let x = r.xml();
    let w = x.find("workbook").unwrap();
    assert_eq!(w.child("owner").unwrap().attr("name"), Some("admin"));
    assert!(w.child("project").is_some());
    // Query one includes <views>.
    let r = api.get(&api.s(&format!("workbooks/{a}")));
    r.expect(200);
    let x = r.xml();
    let views: Vec<&str> = x
        .find("views")
        .unwrap()
        .children_named("view")
        .map(|v| v.attr("name").unwrap())
        .collect();
    assert_eq!(views, ["Sales by Region", "Profit", "Overview"]);
    api.get(&api.s("workbooks/00000000-0000-4000-8000-000000000000"))
        .expect_error(404, "404006");
    let _ = b;
}

#[test]
fn workbook_update() {
    let api = Api::new(config());
    let (a, b) = publish_two(&api);
    let p2 = api.project("Archive", None);
    let u = api.user("olga", "Creator");
    let body = format!(
        "<tsRequest><workbook name=\"Alpha 2\" showTabs=\"true\" description=\"new\"><project id=\"{p2}\"/><owner id=\"{u}\"/><dataAccelerationConfig/></workbook></tsRequest>"
    );
    let r = api.put(&api.s(&format!("workbooks/{a}")), &body);
    r.expect(200);
    let x = r.xml();
    let w = x.child("workbook").unwrap();
    assert_eq!(w.attr("name"), Some("Alpha 2"));
    assert_eq!(w.attr("showTabs"), Some("true"));
    assert_eq!(w.attr("description"), Some("new"));
    assert_eq!(w.attr("contentUrl"), Some("Alpha"), "content URL stays");
    assert_eq!(w.child("project").unwrap().attr("id"), Some(p2.as_str()));
    assert_eq!(w.child("owner").unwrap().attr("id"), Some(u.as_str()));
    // Views follow the workbook's project and owner.
    let v = api.get(&api.s("views?filter=workbookName:eq:Alpha%202"));
    assert_eq!(pagination(&v).2, 3);
    assert!(v.text().contains(&u) && v.text().contains(&p2));
    // Download names follow the new name.
    let d = api.get(&api.s(&format!("workbooks/{a}/content")));
    assert_eq!(
        d.header("Content-Disposition"),
        Some("name=\"tableau_workbook\"; filename=\"Alpha 2.twb\"")
    );
    // Conflicts and unknown references.
    let body =
        format!("<tsRequest><workbook name=\"beta\"><project id=\"{p2}\"/></workbook></tsRequest>");
    api.put(&api.s(&format!("workbooks/{b}")), &body)
        .expect(200);
    api.put(
        &api.s(&format!("workbooks/{a}")),
        "<tsRequest><workbook name=\"BETA\"/></tsRequest>",
    )
    .expect_error(409, "409015");
    api.put(
        &api.s(&format!("workbooks/{a}")),
        "<tsRequest><workbook><project id=\"00000000-0000-4000-8000-000000000000\"/></workbook></tsRequest>",
    )
    .expect_error(404, "404005");
    api.put(
        &api.s(&format!("workbooks/{a}")),
        "<tsRequest><workbook><owner id=\"00000000-0000-4000-8000-000000000000\"/></workbook></tsRequest>",
    )
    .expect_error(404, "404002");
    api.put(
        &api.s(&format!("workbooks/{a}")),
        "<tsRequest><workbook showTabs=\"x\"/></tsRequest>",
    )
    .expect_error(400, "400000");
    api.put(
        &api.s("workbooks/00000000-0000-4000-8000-000000000000"),
        "<tsRequest><workbook/></tsRequest>",
    )
    .expect_error(404, "404006");
}

/// Issue 11: a data freshness policy set by an update is kept (a later GET shows it).
#[test]
fn workbook_data_freshness_policy_is_kept() {
    let api = Api::new(config());
    let (a, _) = publish_two(&api);
    let body = "<tsRequest><workbook><dataFreshnessPolicy option=\"FreshEvery\"><freshEverySchedule frequency=\"Hours\" value=\"6\"/></dataFreshnessPolicy></workbook></tsRequest>";
    let r = api.put(&api.s(&format!("workbooks/{a}")), body);
    r.expect(200);
    let policy = |r: &Resp| {
        let x = r.xml();
        let p = x.find("dataFreshnessPolicy").expect("dataFreshnessPolicy");
        let s = p.child("freshEverySchedule").expect("freshEverySchedule");
        (
            p.attr("option").map(str::to_string),
            s.attr("frequency").map(str::to_string),
            s.attr("value").map(str::to_string),
        )
    };
    let want = (
        Some("FreshEvery".to_string()),
        Some("Hours".to_string()),
        Some("6".to_string()),
    );
    assert_eq!(policy(&r), want);
    assert_eq!(policy(&api.get(&api.s(&format!("workbooks/{a}")))), want);
    // An update without one keeps it; another option replaces it.
    api.put(
        &api.s(&format!("workbooks/{a}")),
        "<tsRequest><workbook description=\"d\"/></tsRequest>",
    )
    .expect(200);
    assert_eq!(policy(&api.get(&api.s(&format!("workbooks/{a}")))), want);
    api.put(
        &api.s(&format!("workbooks/{a}")),
        "<tsRequest><workbook><dataFreshnessPolicy option=\"AlwaysLive\"/></workbook></tsRequest>",
    )
    .expect(200);
    let r = api.get(&api.s(&format!("workbooks/{a}")));
    let x = r.xml();
    let p = x.find("dataFreshnessPolicy").unwrap();
    assert_eq!(p.attr("option"), Some("AlwaysLive"));
    assert!(p.children.is_empty());
    // Invalid policies are refused and change nothing.
    for bad in [
        "<dataFreshnessPolicy option=\"Sometimes\"/>",
        "<dataFreshnessPolicy option=\"FreshEvery\"/>",
        "<dataFreshnessPolicy option=\"FreshEvery\"><freshEverySchedule frequency=\"Fortnights\" value=\"1\"/></dataFreshnessPolicy>",
        "<dataFreshnessPolicy option=\"FreshAt\"><freshAtSchedule frequency=\"Day\"/></dataFreshnessPolicy>",
    ] {
        api.put(
            &api.s(&format!("workbooks/{a}")),
            &format!("<tsRequest><workbook>{bad}</workbook></tsRequest>"),
        )
        .expect_error(400, "400000");
    }
}

#[test]
fn datasource_queries_and_update() {
    let api = Api::new(config());
    let conn = tsc_emulator::content::SampleConnection::default();
    let tds = tsc_emulator::content::datasource_tds("Live", &conn);
    let r = publish_ds(&api, "", &ds_payload("Live", None), "Live.tds", &tds);
    let live = id_of(&r, "datasource");
    publish_ds(
        &api,
        "",
        &ds_payload("Ext", None),
        "Ext.hyper",
        &hyper(1000, 1),
    )
    .expect(201);
    let r = api.get(&api.s("datasources?filter=type:eq:hyper"));
    assert_eq!(names(&r, "datasources", "datasource"), ["Ext"]);
    let r = api.get(&api.s("datasources?filter=connectionType:eq:postgres,databaseName:eq:sales"));
    assert_eq!(names(&r, "datasources", "datasource"), ["Live"]);
    let r = api.get(&api.s("datasources?filter=hasExtracts:eq:false"));
    assert_eq!(names(&r, "datasources", "datasource"), ["Live"]);
    let p = api.project("Certified", None);
    let u = api.user("dora", "Creator");
    let body = format!(
        "<tsRequest><datasource name=\"Live Sales\" isCertified=\"true\" certificationNote=\"checked\" encryptExtracts=\"true\" description=\"d\" useRemoteQueryAgent=\"true\"><askData enablement=\"SiteDefault\"/><project id=\"{p}\"/><owner id=\"{u}\"/></datasource></tsRequest>"
    );
    let r = api.put(&api.s(&format!("datasources/{live}")), &body);
    r.expect(200);
    let x = r.xml();
    let d = x.child("datasource").unwrap();
    assert_eq!(d.attr("name"), Some("Live Sales"));
    assert_eq!(d.attr("isCertified"), Some("true"));
    assert_eq!(d.attr("certificationNote"), Some("checked"));
    assert_eq!(d.attr("encryptExtracts"), Some("true"));
    assert_eq!(d.attr("useRemoteQueryAgent"), Some("true"));
    assert_eq!(d.attr("description"), Some("d"));
    assert_eq!(d.child("project").unwrap().attr("id"), Some(p.as_str()));
    assert_eq!(d.child("owner").unwrap().attr("id"), Some(u.as_str()));
    // TSC's isCertified="none" leaves certification as it is.
    let r = api.put(
        &api.s(&format!("datasources/{live}")),
        "<tsRequest><datasource isCertified=\"none\"/></tsRequest>",
    );
    assert_eq!(attr_of(&r, "datasource", "isCertified"), "true");
    let r = api.get(&api.s(&format!("datasources/{live}")));
    assert_eq!(attr_of(&r, "datasource", "name"), "Live Sales");
    let r = api.get(&api.s("datasources?filter=isCertified:eq:true"));
    assert_eq!(names(&r, "datasources", "datasource"), ["Live Sales"]);
    // A name taken in the target project.
    publish_ds(
        &api,
        "",
        &ds_payload("Taken", Some(&p)),
        "T.hyper",
        &hyper(10, 1),
    )
    .expect(201);
    api.put(
        &api.s(&format!("datasources/{live}")),
        "<tsRequest><datasource name=\"taken\"/></tsRequest>",
    )
    .expect_error(409, "409015");
    api.get(&api.s("datasources/00000000-0000-4000-8000-000000000000"))
        .expect_error(404, "404004");
    api.delete(&api.s("datasources/00000000-0000-4000-8000-000000000000"))
        .expect_error(404, "404004");
}

#[test]
fn downloads_and_content_disposition() {
    let api = Api::new(config());
    let data = twbx("Projeśt x");
    let r = publish_wb(
        &api,
        "",
        &wb_payload("Projeśt &quot;x&quot;", None),
        "P.twbx",
        &data,
    );
    let id = id_of(&r, "workbook");
    let path = api.s(&format!("workbooks/{id}/content"));
    let d = api.get(&path);
    d.expect(200);
    assert!(d.body == data, "byte-identical");
    assert_eq!(d.header("Content-Type"), Some("application/octet-stream"));
    assert_eq!(
        d.header("Content-Disposition"),
        Some("name=\"tableau_workbook\"; filename=\"Projeśt \\\"x\\\".twbx\"")
    );
    // includeExtract=False (TSC's spelling) gives the same bytes.
    let d = api.get(&format!("{path}?includeExtract=False"));
    assert!(d.body == data);
    api.get(&format!("{path}?includeExtract=nope"))
        .expect_error(400, "400008");
    // RFC 5987 form, switched at run time.
    let s = api.control(
        "POST",
        "/_emulator/settings?contentDisposition=rfc5987",
        None,
    );
    s.expect(200);
    assert!(s.text().contains("contentDisposition=\"rfc5987\""));
    let d = api.get(&path);
    assert_eq!(
        d.header("Content-Disposition"),
        Some("name=\"tableau_workbook\"; filename*=UTF-8''Proje%C5%9Bt%20%22x%22.twbx")
    );
    api.control("POST", "/_emulator/settings?contentDisposition=none", None)
        .expect(200);
    assert!(api.get(&path).header("Content-Disposition").is_none());
    api.control("POST", "/_emulator/settings?contentDisposition=bogus", None)
        .expect_error(400, "400000");
    api.control("POST", "/_emulator/settings?contentDisposition=plain", None)
        .expect(200);
    // Data sources: tableau_datasource, .tds is application/xml.
    let conn = tsc_emulator::content::SampleConnection::default();
    let tds = tsc_emulator::content::datasource_tds("S", &conn);
    let r = publish_ds(
        &api,
        "",
        &ds_payload("Sample datasource", None),
        "whatever.tds",
        &tds,
    );
    let ds = id_of(&r, "datasource");
    let d = api.get(&api.s(&format!("datasources/{ds}/content")));
    assert!(d.body == tds);
    assert_eq!(d.header("Content-Type"), Some("application/xml"));
    assert_eq!(
        d.header("Content-Disposition"),
        Some("name=\"tableau_datasource\"; filename=\"Sample datasource.tds\"")
    );
    // HEAD: headers only.
    let mut s = TcpStream::connect(api.addr()).unwrap();
    write!(
        s,
        "HEAD {path} HTTP/1.1\r\nHost: x\r\nX-Tableau-Auth: {}\r\nConnection: close\r\n\r\n",
        api.token
    )
    .unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let text = String::from_utf8_lossy(&all);
    assert!(
        text.contains(&format!("Content-Length: {}", data.len())),
        "{text}"
    );
    assert!(text.ends_with("\r\n\r\n"), "no body after HEAD");
    // Config flag form.
    let api2 = Api::new(Config {
        content_disposition: tsc_emulator::Disposition::Rfc5987,
        ..config()
    });
    let r = publish_wb(
        &api2,
        "",
        &wb_payload("A b", None),
        "A.twb",
        &twb("A", &["s"], &[]),
    );
    let id = id_of(&r, "workbook");
    assert_eq!(
        api2.get(&api2.s(&format!("workbooks/{id}/content")))
            .header("Content-Disposition"),
        Some("name=\"tableau_workbook\"; filename*=UTF-8''A%20b.twb")
    );
}

#[test]
fn views_for_site() {
    let api = Api::new(config());
    let (a, b) = publish_two(&api);
    let r = api.get(&api.s("views"));
    r.expect(200);
    assert_eq!(pagination(&r).2, 7);
    let r = api.get(&api.s("views?filter=viewUrlName:eq:SalesbyRegion"));
    let x = r.xml();
    let vs: Vec<_> = x.child("views").unwrap().children_named("view").collect();
    assert_eq!(vs.len(), 2, "one per workbook");
    let r = api.get(&api.s("views?filter=workbookName:eq:Alpha,name:eq:Overview"));
    assert_eq!(names(&r, "views", "view"), ["Overview"]);
    let vid = id_of_child(&r, "views", "view");
    let r = api.get(&api.s("views?filter=sheetType:eq:story"));
    assert_eq!(names(&r, "views", "view"), ["Story"]);
    let r = api.get(&api.s("views?filter=workbookName:eq:Beta&sort=name:asc"));
    assert_eq!(
        names(&r, "views", "view"),
        ["Overview", "Profit", "Sales by Region", "Story"]
    );
    let r = api.get(&api.s("views?fields=id,name&pageSize=2"));
    assert_eq!(pagination(&r), (1, 2, 7));
    let x = r.xml();
    let v = x.find("view").unwrap();
    assert_eq!(v.attrs.len(), 2);
    assert!(v.children.is_empty());
    // Usage statistics count preview fetches.
    let p = api.get(&api.s(&format!("workbooks/{a}/views/{vid}/previewImage")));
    p.expect(200);
    assert_eq!(p.header("Content-Type"), Some("image/png"));
    png_ok(&p.body);
    api.get(&api.s(&format!("workbooks/{a}/views/{vid}/previewImage")))
        .expect(200);
    let r = api.get(&api.s(&format!("views/{vid}?includeUsageStatistics=true")));
    r.expect(200);
    assert_eq!(
        r.xml().find("usage").unwrap().attr("totalViewCount"),
        Some("2")
    );
    assert_eq!(
        r.xml().find("workbook").unwrap().attr("id"),
        Some(a.as_str())
    );
    let r = api.get(&api.s("views?includeUsageStatistics=true&filter=hitsTotal:gt:0"));
    assert_eq!(names(&r, "views", "view"), ["Overview"]);
    assert!(api
        .get(&api.s(&format!("views/{vid}")))
        .xml()
        .find("usage")
        .is_none());
    api.get(&api.s("views?includeUsageStatistics=maybe"))
        .expect_error(400, "400008");
    // Unknown ids, and a view asked under the wrong workbook.
    api.get(&api.s("views/00000000-0000-4000-8000-000000000000"))
        .expect_error(404, "404011");
    api.get(&api.s(&format!("workbooks/{b}/views/{vid}/previewImage")))
        .expect_error(404, "404011");
    api.get(&api.s(&format!(
        "workbooks/00000000-0000-4000-8000-000000000000/views/{vid}/previewImage"
    )))
    .expect_error(404, "404006");
    // Workbook preview.
    let p = api.get(&api.s(&format!("workbooks/{b}/previewImage")));
    png_ok(&p.body);
    api.get(&api.s("workbooks/00000000-0000-4000-8000-000000000000/previewImage"))
        .expect_error(404, "404006");
}

fn id_of_child(r: &Resp, list: &str, item: &str) -> String {
    r.xml()
        .child(list)
        .unwrap()
        .child(item)
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string()
}

#[test]
fn connections_list_and_update() {
    let api = Api::new(config());
    let (a, _) = publish_two(&api);
    let r = api.get(&api.s(&format!("workbooks/{a}/connections")));
    r.expect(200);
    let x = r.xml();
    let c = x.find("connection").unwrap();
    assert_eq!(c.attr("type"), Some("postgres"));
    assert_eq!(c.attr("serverAddress"), Some("db.example.com"));
    assert_eq!(c.attr("serverPort"), Some("5432"));
    assert_eq!(c.attr("userName"), Some("analyst"));
    // Issue 11: the embedded data source the connection belongs to, as Tableau sends it.
    let ds = c.child("datasource").expect("<datasource> child");
    assert!(ds.attr("id").is_some_and(|i| i.len() == 36));
    assert!(ds.attr("name").is_some_and(|n| !n.is_empty()));
    let cid = c.attr("id").unwrap().to_string();
    let body = "<tsRequest><connection serverAddress=\"db2.example.com\" serverPort=\"6543\" userName=\"etl\" password=\"s\" embedPassword=\"true\" queryTaggingEnabled=\"false\"/></tsRequest>";
    let r = api.put(&api.s(&format!("workbooks/{a}/connections/{cid}")), body);
    r.expect(200);
    let x = r.xml();
    let c = x.child("connection").unwrap();
    assert_eq!(c.attr("serverAddress"), Some("db2.example.com"));
    assert_eq!(c.attr("embedPassword"), Some("true"));
    assert_eq!(c.attr("queryTaggingEnabled"), Some("false"));
    let r = api.get(&api.s(&format!("workbooks/{a}/connections")));
    assert!(
        r.text().contains("db2.example.com")
            && r.text().contains("6543")
            && r.text().contains("etl")
    );
    assert!(!r.text().contains("password"), "passwords are never echoed");
    api.put(
        &api.s(&format!(
            "workbooks/{a}/connections/00000000-0000-4000-8000-000000000000"
        )),
        body,
    )
    .expect_error(404, "404020");
    api.put(
        &api.s("workbooks/00000000-0000-4000-8000-000000000000/connections/x"),
        body,
    )
    .expect_error(404, "404006");
    api.put(
        &api.s(&format!("workbooks/{a}/connections/{cid}")),
        "<tsRequest/>",
    )
    .expect_error(400, "400000");
    // Data source connection.
    let r = publish_ds(&api, "", &ds_payload("H", None), "H.hyper", &hyper(100, 1));
    let ds = id_of(&r, "datasource");
    let r = api.get(&api.s(&format!("datasources/{ds}/connections")));
    let cid = r
        .xml()
        .find("connection")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let r = api.put(
        &api.s(&format!("datasources/{ds}/connections/{cid}")),
        "<tsRequest><connection userName=\"reader\"/></tsRequest>",
    );
    r.expect(200);
    assert_eq!(
        r.xml().find("datasource").unwrap().attr("id"),
        Some(ds.as_str())
    );
    api.get(&api.s("datasources/00000000-0000-4000-8000-000000000000/connections"))
        .expect_error(404, "404004");
}

#[test]
fn favorites_with_content() {
    let api = Api::new(config());
    let (a, _) = publish_two(&api);
    let r = publish_ds(
        &api,
        "",
        &ds_payload("Ext", None),
        "E.hyper",
        &hyper(100, 1),
    );
    let ds = id_of(&r, "datasource");
    let v = api.get(&api.s("views?filter=name:eq:Profit,workbookName:eq:Alpha"));
    let vid = id_of_child(&v, "views", "view");
    let me = api.user.clone();
    for (kind, id, label) in [
        ("workbook", &a, "My wb"),
        ("view", &vid, "My view"),
        ("datasource", &ds, "My ds"),
    ] {
        let body = format!(
            "<tsRequest><favorite label=\"{label}\"><{kind} id=\"{id}\"/></favorite></tsRequest>"
        );
        api.put(&api.s(&format!("favorites/{me}")), &body)
            .expect(200);
    }
    let body = format!(
        "<tsRequest><favorite label=\"again\"><workbook id=\"{a}\"/></favorite></tsRequest>"
    );
    api.put(&api.s(&format!("favorites/{me}")), &body)
        .expect_error(409, "409007");
    let r = api.get(&api.s(&format!("favorites/{me}")));
    r.expect(200);
    let x = r.xml();
    let favs: Vec<_> = x
        .child("favorites")
        .unwrap()
        .children_named("favorite")
        .collect();
    assert_eq!(favs.len(), 3);
    let wb = favs[0].child("workbook").unwrap();
    assert_eq!(wb.attr("name"), Some("Alpha"));
    assert!(wb.attr("contentUrl").is_some() && wb.child("project").is_some());
    let view = favs[1].child("view").unwrap();
    assert_eq!(view.attr("name"), Some("Profit"));
    assert_eq!(view.child("workbook").unwrap().attr("id"), Some(a.as_str()));
    assert_eq!(
        favs[2].child("datasource").unwrap().attr("type"),
        Some("hyper")
    );
    // favoritesTotal.
    let r = api.get(&api.s("workbooks?fields=name,favoritesTotal&filter=favoritesTotal:gt:0"));
    assert_eq!(
        r.xml().find("workbook").unwrap().attr("favoritesTotal"),
        Some("1")
    );
    api.delete(&api.s(&format!("favorites/{me}/views/{vid}")))
        .expect(204);
    api.delete(&api.s(&format!("favorites/{me}/views/{vid}")))
        .expect_error(404, "404010");
    // Deleting the workbook removes the favorite.
    api.delete(&api.s(&format!("workbooks/{a}"))).expect(204);
    let r = api.get(&api.s(&format!("favorites/{me}")));
    let x = r.xml();
    let favs: Vec<_> = x
        .child("favorites")
        .unwrap()
        .children_named("favorite")
        .collect();
    assert_eq!(favs.len(), 1);
    assert!(favs[0].child("datasource").is_some());
    assert_eq!(
        api.emu
            .shared()
            .read()
            .site(&api.site)
            .unwrap()
            .favorites
            .len(),
        1
    );
}

#[test]
fn ownership_users_and_cascades() {
    let api = Api::new(config());
    let u = api.user("owen", "Creator");
    api.emu
        .shared()
        .write()
        .identity_mut("owen")
        .unwrap()
        .password = Some("pw".into());
    let (owen, _, _) = signin(api.addr(), "owen", "pw", "");
    // Publish as owen.
    let body = multipart(&[
        payload_part(&wb_payload("Owned", None)),
        file_part("tableau_workbook", "O.twb", &twb("O", &["s"], &[])),
    ]);
    let r = req_bytes(
        api.addr(),
        "POST",
        &api.s("workbooks"),
        Some(&owen),
        Some(&body),
        Some(MP),
    );
    r.expect(201);
    let wb = id_of(&r, "workbook");
    assert_eq!(r.xml().find("owner").unwrap().attr("id"), Some(u.as_str()));
    publish_wb(
        &api,
        "",
        &wb_payload("Admins", None),
        "A.twb",
        &twb("A", &["s"], &[]),
    )
    .expect(201);
    // users/{id}/workbooks: ownedBy=true only the owned ones.
    let r = api.get(&api.s(&format!("users/{u}/workbooks?ownedBy=true")));
    assert_eq!(names(&r, "workbooks", "workbook"), ["Owned"]);
    let r = api.get(&api.s(&format!("users/{u}/workbooks")));
    assert_eq!(pagination(&r).2, 2);
    // A non-owner may not update or delete it … (owen vs the admin's workbook)
    let admins = api.get(&api.s("workbooks?filter=name:eq:Admins"));
    let admins = id_of_child(&admins, "workbooks", "workbook");
    let r = req(
        api.addr(),
        "DELETE",
        &api.s(&format!("workbooks/{admins}")),
        Some(&owen),
        None,
    );
    r.expect_error(403, "403004");
    let r = req(
        api.addr(),
        "PUT",
        &api.s(&format!("workbooks/{admins}")),
        Some(&owen),
        Some("<tsRequest><workbook name=\"Mine\"/></tsRequest>"),
    );
    r.expect_error(403, "403027");
    // … nor overwrite it.
    let body = multipart(&[
        payload_part(&wb_payload("Admins", None)),
        file_part("tableau_workbook", "A.twb", &twb("A", &["s"], &[])),
    ]);
    req_bytes(
        api.addr(),
        "POST",
        &api.s("workbooks?overwrite=true"),
        Some(&owen),
        Some(&body),
        Some(MP),
    )
    .expect_error(403, "403007");
    // Removing a user who owns content: 409003, unless mapAssetsTo.
    api.delete(&api.s(&format!("users/{u}")))
        .expect_error(409, "409003");
    api.delete(&api.s(&format!("users/{u}?mapAssetsTo={}", api.user)))
        .expect(204);
    let r = api.get(&api.s(&format!("workbooks/{wb}")));
    assert_eq!(
        r.xml().find("owner").unwrap().attr("id"),
        Some(api.user.as_str())
    );
    let v = api.get(&api.s("views?filter=workbookName:eq:Owned"));
    assert!(v.text().contains(&api.user));

    // Project deletion removes its workbooks, views and data sources (and their files).
    let p = api.project("Doomed", None);
    let child = api.project("Inner", Some(&p));
    publish_wb(
        &api,
        "",
        &wb_payload("In", Some(&child)),
        "I.twb",
        &twb("I", &["a", "b"], &[]),
    )
    .expect(201);
    publish_ds(
        &api,
        "",
        &ds_payload("InDs", Some(&p)),
        "I.hyper",
        &hyper(100, 1),
    )
    .expect(201);
    let files_before = std::fs::read_dir(
        api.emu
            .data_dir()
            .join("sites")
            .join(&api.site)
            .join("content"),
    )
    .unwrap()
    .count();
    api.delete(&api.s(&format!("projects/{p}"))).expect(204);
    assert_eq!(pagination(&api.get(&api.s("workbooks"))).2, 2);
    assert_eq!(pagination(&api.get(&api.s("datasources"))).2, 0);
    assert_eq!(
        pagination(&api.get(&api.s("views?filter=workbookName:eq:In"))).2,
        0
    );
    let files_after = std::fs::read_dir(
        api.emu
            .data_dir()
            .join("sites")
            .join(&api.site)
            .join("content"),
    )
    .unwrap()
    .count();
    assert_eq!(files_before - files_after, 2);
    // Workbook deletion removes views and the file.
    api.delete(&api.s(&format!("workbooks/{wb}"))).expect(204);
    api.get(&api.s(&format!("workbooks/{wb}")))
        .expect_error(404, "404006");
    api.delete(&api.s(&format!("workbooks/{wb}")))
        .expect_error(404, "404006");
    assert_eq!(
        pagination(&api.get(&api.s("views?filter=workbookName:eq:Owned"))).2,
        0
    );
    // Site deletion removes its directory.
    let r = api.post(
        "/api/3.25/sites",
        "<tsRequest><site name=\"Other\" contentUrl=\"other\"/></tsRequest>",
    );
    r.expect(201);
    let r = api.post(
        "/api/3.25/auth/switchSite",
        "<tsRequest><site contentUrl=\"other\"/></tsRequest>",
    );
    let (other, s2, _) = creds(&r);
    let body = multipart(&[
        payload_part(&wb_payload("X", None)),
        file_part("tableau_workbook", "X.twb", &twb("X", &["s"], &[])),
    ]);
    req_bytes(
        api.addr(),
        "POST",
        &format!("/api/3.25/sites/{s2}/workbooks"),
        Some(&other),
        Some(&body),
        Some(MP),
    )
    .expect(201);
    let dir = api.emu.data_dir().join("sites").join(&s2);
    assert!(dir.exists());
    req(
        api.addr(),
        "DELETE",
        &format!("/api/3.25/sites/{s2}"),
        Some(&other),
        None,
    )
    .expect(204);
    assert!(!dir.exists());
}

#[test]
fn faults_on_content_routes() {
    let api = Api::new(config());
    let data = hyper(256 * 1024, 3);
    let r = publish_ds(&api, "", &ds_payload("F", None), "F.hyper", &data);
    let id = id_of(&r, "datasource");
    let path = api.s(&format!("datasources/{id}/content"));
    for (action, after) in [("truncate", 1000u64), ("reset", 5000u64)] {
        api.control(
            "POST",
            "/_emulator/faults",
            Some(&format!("<fault method=\"GET\" path=\"/api/*/sites/*/datasources/*/content\" action=\"{action}\" afterBytes=\"{after}\"/>")),
        )
        .expect(201);
        let s = TcpStream::connect(api.addr()).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        (&s).write_all(
            format!(
                "GET {path} HTTP/1.1\r\nHost: x\r\nX-Tableau-Auth: {}\r\n\r\n",
                api.token
            )
            .as_bytes(),
        )
        .unwrap();
        let mut r = BufReader::new(s);
        let mut len = 0u64;
        loop {
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.trim().parse().unwrap();
            }
        }
        assert_eq!(len, data.len() as u64, "the full length is announced");
        let mut got = Vec::new();
        let res = r.read_to_end(&mut got);
        assert_eq!(
            got.len() as u64,
            after,
            "{action}: bytes stop at afterBytes ({res:?})"
        );
        assert!(got[..] == data[..after as usize]);
        if action == "reset" {
            // The connection ended with an RST, or at least without the rest of the body.
            assert!(res.is_err() || got.len() < data.len());
        }
    }
    // The next download is whole again.
    assert!(api.get(&path).body == data);
    // 503 with Retry-After on publish; the body is read so the client sees the answer.
    api.control(
        "POST",
        "/_emulator/faults",
        Some("<fault method=\"POST\" path=\"/api/*/sites/*/workbooks\" status=\"503\" retryAfter=\"7\"/>"),
    )
    .expect(201);
    let r = publish_wb(
        &api,
        "",
        &wb_payload("Later", None),
        "L.twb",
        &twb("L", &["s"], &[]),
    );
    r.expect_error(503, "503000");
    assert_eq!(r.header("Retry-After"), Some("7"));
    api.control(
        "POST",
        "/_emulator/faults",
        Some("<fault method=\"POST\" path=\"/api/*/sites/*/datasources\" status=\"429\" retryAfter=\"1\"/>"),
    )
    .expect(201);
    let r = publish_ds(&api, "", &ds_payload("Later", None), "L.hyper", &data);
    r.expect_error(429, "429000");
    assert_eq!(r.header("Retry-After"), Some("1"));
    // Nothing was published by the refused requests; a retry works.
    publish_wb(
        &api,
        "",
        &wb_payload("Later", None),
        "L.twb",
        &twb("L", &["s"], &[]),
    )
    .expect(201);
    // Delay.
    api.control(
        "POST",
        "/_emulator/faults",
        Some("<fault path=\"/api/*/sites/*/workbooks/*/previewImage\" action=\"delay\" delayMs=\"300\"/>"),
    )
    .expect(201);
    let wbs = api.get(&api.s("workbooks"));
    let wb = id_of_child(&wbs, "workbooks", "workbook");
    let t = Instant::now();
    api.get(&api.s(&format!("workbooks/{wb}/previewImage")))
        .expect(200);
    assert!(t.elapsed() >= Duration::from_millis(300));
}

#[test]
fn thousand_item_page() {
    let api = Api::new(config());
    let r = api.control(
        "POST",
        "/_emulator/bulk/workbooks?site=&count=1000&prefix=wb",
        None,
    );
    r.expect(200);
    assert!(r.text().contains("created=\"1000\""));
    api.control(
        "POST",
        "/_emulator/bulk/workbooks?site=&count=1&prefix=wb",
        None,
    )
    .expect_error(409, "409015");
    // Speed is the benchmark's business (benches/emulator_bench.sh), not a test's.
    let path = api.s("workbooks?pageSize=1000");
    let r = api.get(&path);
    assert_eq!(pagination(&r), (1, 1000, 1000));
    assert_eq!(r.xml().child("workbooks").unwrap().children.len(), 1000);
    let r = api.get(&api.s("views?pageSize=1000&pageNumber=3"));
    assert_eq!(pagination(&r), (3, 1000, 3000));
    // Data sources in bulk, of a given size.
    let r = api.control(
        "POST",
        "/_emulator/bulk/datasources?site=&count=2&bytes=100000",
        None,
    );
    r.expect(200);
    let l = api.get(&api.s("datasources"));
    let id = id_of_child(&l, "datasources", "datasource");
    assert_eq!(
        api.get(&api.s(&format!("datasources/{id}/content")))
            .body
            .len(),
        100_000
    );
}

#[test]
fn demo_seed_has_content() {
    let emu = start(Config {
        seed_demo: true,
        ..config()
    });
    let (t, site, _) = signin(emu.addr(), "alice", "alicepw", "");
    let g = |p: &str| {
        req(
            emu.addr(),
            "GET",
            &format!("/api/3.25/sites/{site}/{p}"),
            Some(&t),
            None,
        )
    };
    let r = g("workbooks?sort=name:asc");
    assert_eq!(
        names(&r, "workbooks", "workbook"),
        ["Finance Overview", "Regional", "Superstore"]
    );
    let r = g("datasources?sort=name:asc");
    assert_eq!(
        names(&r, "datasources", "datasource"),
        ["Orders Extract", "Sales", "Sales Live"]
    );
    let r = g("views?filter=workbookName:eq:Regional");
    assert_eq!(
        names(&r, "views", "view"),
        [
            "Région Nord",
            "Zürich & Genève",
            "Tōkyō 東京",
            "Regional <Summary>"
        ]
    );
    let me = req(
        emu.addr(),
        "GET",
        "/api/3.25/sessions/current",
        Some(&t),
        None,
    );
    let uid = me
        .xml()
        .find("user")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let r = g(&format!("favorites/{uid}"));
    let text = r.text();
    for n in ["Superstore", "Overview", "Sales"] {
        assert!(text.contains(&format!("name=\"{n}\"")), "{text}");
    }
    // Every demo file downloads and matches its recorded size.
    let wbs = g("workbooks");
    for w in wbs
        .xml()
        .child("workbooks")
        .unwrap()
        .children_named("workbook")
    {
        let id = w.attr("id").unwrap();
        let d = g(&format!("workbooks/{id}/content"));
        d.expect(200);
        assert!(!d.body.is_empty());
    }
}

#[test]
fn tags_on_content() {
    let api = Api::new(config());
    let (a, _) = publish_two(&api);
    let r = api.put(
        &api.s(&format!("workbooks/{a}/tags")),
        "<tsRequest><tags><tag label=\"sales\"/><tag label=\"Q1 2025\"/></tags></tsRequest>",
    );
    r.expect(200);
    let labels = |r: &Resp| -> Vec<String> {
        r.xml()
            .find("tags")
            .unwrap()
            .children_named("tag")
            .map(|t| t.attr("label").unwrap().to_string())
            .collect()
    };
    assert_eq!(labels(&r), ["sales", "Q1 2025"]);
    let r = api.put(
        &api.s(&format!("workbooks/{a}/tags")),
        "<tsRequest><tags><tag label=\"SALES\"/></tags></tsRequest>",
    );
    assert_eq!(labels(&r), ["sales", "Q1 2025"], "no duplicates");
    let r = api.get(&api.s("workbooks?filter=tags:eq:sales"));
    assert_eq!(names(&r, "workbooks", "workbook"), ["Alpha"]);
    api.delete(&api.s(&format!("workbooks/{a}/tags/Q1%202025")))
        .expect(204);
    api.delete(&api.s(&format!("workbooks/{a}/tags/Q1%202025")))
        .expect_error(404, "404007");
    let r = api.get(&api.s(&format!("workbooks/{a}")));
    assert_eq!(labels(&r), ["sales"]);
    api.put(
        &api.s(&format!("workbooks/{a}/tags")),
        "<tsRequest><tags><tag/></tags></tsRequest>",
    )
    .expect_error(400, "400000");
    // Views and data sources.
    let v = api.get(&api.s("views?filter=name:eq:Profit,workbookName:eq:Alpha"));
    let vid = v
        .xml()
        .find("view")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    api.put(
        &api.s(&format!("views/{vid}/tags")),
        "<tsRequest><tags><tag label=\"kpi\"/></tags></tsRequest>",
    )
    .expect(200);
    let r = api.get(&api.s("views?filter=tags:eq:kpi"));
    assert_eq!(names(&r, "views", "view"), ["Profit"]);
    let r = publish_ds(&api, "", &ds_payload("T", None), "T.hyper", &hyper(10, 1));
    let ds = id_of(&r, "datasource");
    api.put(
        &api.s(&format!("datasources/{ds}/tags")),
        "<tsRequest><tags><tag label=\"gold\"/></tags></tsRequest>",
    )
    .expect(200);
    assert_eq!(
        names(
            &api.get(&api.s("datasources?filter=tags:in:[gold,silver]")),
            "datasources",
            "datasource"
        ),
        ["T"]
    );
    api.put(
        &api.s("datasources/00000000-0000-4000-8000-000000000000/tags"),
        "<tsRequest><tags/></tsRequest>",
    )
    .expect_error(404, "404004");
}

/// Issue 11: workbooks, views and data sources carry their web page address, built from the
/// address the client reached (its `Host` header: the test client sends `localhost`) and the
/// site (`#/site/{contentUrl}/…`; none on the Default site).
#[test]
fn webpage_urls() {
    let api = Api::new(Config {
        seed_demo: true,
        ..config()
    });
    let base = "http://localhost";
    let attr_of = |r: &Resp, list: &str, item: &str, name: &str| -> Vec<(String, String)> {
        let x = r.xml();
        x.child(list)
            .unwrap()
            .children_named(item)
            .map(|e| {
                (
                    e.attr(name).unwrap().to_string(),
                    e.attr("webpageUrl").expect("webpageUrl").to_string(),
                )
            })
            .collect()
    };
    let wbs = attr_of(
        &api.get(&api.s("workbooks?filter=name:eq:Superstore")),
        "workbooks",
        "workbook",
        "name",
    );
    let url = &wbs[0].1;
    let n = url
        .strip_prefix(&format!("{base}/#/workbooks/"))
        .unwrap_or_else(|| panic!("{url}"));
    assert!(n.parse::<u64>().is_ok_and(|n| n > 0), "{url}");
    let views = attr_of(
        &api.get(&api.s("views?filter=workbookName:eq:Superstore")),
        "views",
        "view",
        "contentUrl",
    );
    for (content_url, url) in &views {
        let page = content_url.replacen("/sheets/", "/", 1);
        assert_eq!(url, &format!("{base}/#/views/{page}"));
    }
    let dss = attr_of(
        &api.get(&api.s("datasources")),
        "datasources",
        "datasource",
        "name",
    );
    let mut numbers = std::collections::HashSet::new();
    for (_, url) in &dss {
        let n = url
            .strip_prefix(&format!("{base}/#/datasources/"))
            .unwrap_or_else(|| panic!("{url}"));
        assert!(numbers.insert(n.to_string()), "numbers are unique: {url}");
    }
    // One workbook: the same address.
    let x = api.get(&api.s("workbooks?filter=name:eq:Superstore")).xml();
    let id = x.find("workbook").unwrap().attr("id").unwrap().to_string();
    let one = api.get(&api.s(&format!("workbooks/{id}"))).xml();
    assert_eq!(
        one.find("workbook").unwrap().attr("webpageUrl"),
        Some(url.as_str())
    );
    // Another site: `#/site/marketing/…`.
    let (t, site, _) = signin(api.addr(), "admin", "admin", "marketing");
    let r = req(
        api.addr(),
        "GET",
        &format!("/api/{V}/sites/{site}/workbooks"),
        Some(&t),
        None,
    );
    let wbs = attr_of(&r, "workbooks", "workbook", "name");
    assert!(
        wbs[0]
            .1
            .starts_with(&format!("{base}/#/site/marketing/workbooks/")),
        "{}",
        wbs[0].1
    );
    // Another Host: its address; none (or a malformed one): the listening address.
    let get = |host: &str| {
        let host = if host.is_empty() {
            String::new()
        } else {
            format!("Host: {host}\r\n")
        };
        let msg = format!(
            "GET /api/{V}/sites/{site}/workbooks HTTP/1.1\r\n{host}X-Tableau-Auth: {t}\r\nConnection: close\r\n\r\n"
        );
        let r = raw(api.addr(), msg.as_bytes());
        attr_of(&r, "workbooks", "workbook", "name")[0].1.clone()
    };
    let url = get("tableau.example.com:8443");
    assert!(
        url.starts_with("http://tableau.example.com:8443/#/site/marketing/workbooks/"),
        "{url}"
    );
    let own = api.emu.url();
    for host in ["", "bad host\u{7f}", "a/b"] {
        let url = get(host);
        assert!(
            url.starts_with(&format!("{own}/#/site/marketing/")),
            "{host:?}: {url}"
        );
    }
}

/// Issue 11: `publishSamples=true` publishes the sample workbooks into the project (once).
#[test]
fn publish_samples_into_a_project() {
    let api = Api::new(config());
    let p = api.project("Samples", None);
    let in_project = |p: &str| {
        let r = api.get(&api.s(&format!(
            "workbooks?filter=projectName:eq:{p}&sort=name:asc"
        )));
        names(&r, "workbooks", "workbook")
    };
    assert!(in_project("Samples").is_empty());
    let body = "<tsRequest><project name=\"Samples\"/></tsRequest>";
    api.put(&api.s(&format!("projects/{p}?publishSamples=true")), body)
        .expect(200);
    assert_eq!(in_project("Samples"), vec!["Regional", "Superstore"]);
    // Real workbooks: their views come from the files, the caller owns them.
    let r = api.get(&api.s("views?filter=workbookName:eq:Superstore"));
    assert_eq!(pagination(&r).2, 5);
    assert!(r.text().contains(&api.user));
    // Again: nothing new; an empty body (TSC's get_by_id form) works too.
    api.put(&api.s(&format!("projects/{p}?publishSamples=true")), "")
        .expect(200);
    assert_eq!(in_project("Samples"), vec!["Regional", "Superstore"]);
    // Without the flag, nothing is published; at creation, the flag works too.
    api.put(&api.s(&format!("projects/{p}")), body).expect(200);
    api.post(
        &api.s("projects?publishSamples=true"),
        "<tsRequest><project name=\"Fresh\"/></tsRequest>",
    )
    .expect(201);
    assert_eq!(in_project("Fresh"), vec!["Regional", "Superstore"]);
    api.put(&api.s(&format!("projects/{p}?publishSamples=maybe")), body)
        .expect_error(400, "400008");
}
