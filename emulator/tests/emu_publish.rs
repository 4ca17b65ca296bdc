//! Publishing: every file type, refused files, CreateNew / Overwrite / Append rules, upload
//! sessions, the single-request limit, asJob, concurrent publishes, malformed bodies.

mod common;
mod content_support;

use common::*;
use content_support::*;
use tsc_emulator::Config;

fn names_in(r: &Resp, list: &str, item: &str) -> Vec<String> {
    names(r, list, item)
}

#[test]
fn publish_each_type() {
    let api = Api::new(config());
    // .twb: worksheets, then dashboards; one postgres connection.
    let r = publish_wb(
        &api,
        "?workbookType=twb",
        &wb_payload("Plain", None),
        "Plain.twb",
        &twb("Plain", &["A sheet", "B sheet"], &["Dash"]),
    );
    r.expect(201);
    let x = r.xml();
    let wb = x.child("workbook").unwrap();
    assert_eq!(wb.attr("name"), Some("Plain"));
    assert_eq!(wb.attr("contentUrl"), Some("Plain"));
    assert_eq!(wb.attr("sheetCount"), Some("3"));
    let views: Vec<_> = wb
        .child("views")
        .unwrap()
        .children_named("view")
        .map(|v| {
            (
                v.attr("name").unwrap().to_string(),
                v.attr("contentUrl").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        views,
        vec![
            ("A sheet".into(), "Plain/sheets/Asheet".into()),
            ("B sheet".into(), "Plain/sheets/Bsheet".into()),
            ("Dash".into(), "Plain/sheets/Dash".into()),
        ]
    );
    assert_eq!(
        wb.child("project").unwrap().attr("name"),
        Some("default"),
        "no project in the payload → default project"
    );
    // .twbx with a story; TSC's form-data dispositions are accepted too.
    let r = publish_wb(
        &api,
        "?workbookType=twbx",
        &wb_payload("Packaged", None),
        "Packaged.twbx",
        &twbx("Packaged"),
    );
    r.expect(201);
    let id = id_of(&r, "workbook");
    let v = api.get(&api.s(&format!("workbooks/{id}/views")));
    v.expect(200);
    let types: Vec<String> = v
        .xml()
        .child("views")
        .unwrap()
        .children_named("view")
        .map(|v| v.attr("sheetType").unwrap().to_string())
        .collect();
    assert_eq!(types, ["worksheet", "worksheet", "dashboard", "story"]);
    assert!(
        v.xml().find("pagination").is_none(),
        "views of a workbook are not paged"
    );

    // Data sources: .tds, .tdsx, .hyper, .tde.
    let conn = tsc_emulator::content::SampleConnection::default();
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "Live.tds",
            tsc_emulator::content::datasource_tds("Live", &conn),
            "postgres",
            "false",
        ),
        (
            "Pack.tdsx",
            tsc_emulator::content::datasource_tdsx("Pack", &conn),
            "postgres",
            "true",
        ),
        ("Ext.hyper", hyper(4096, 1), "hyper", "true"),
        ("Old.tde", tde(4096), "dataengine", "true"),
    ];
    for (file, data, ty, extract) in cases {
        let name = file.split('.').next().unwrap();
        let r = publish_ds(
            &api,
            "?datasourceType=x&createnew=true",
            &ds_payload(name, None),
            file,
            &data,
        );
        r.expect(201);
        assert_eq!(attr_of(&r, "datasource", "type"), ty, "{file}");
        assert_eq!(attr_of(&r, "datasource", "hasExtracts"), extract, "{file}");
        let id = id_of(&r, "datasource");
        let c = api.get(&api.s(&format!("datasources/{id}/connections")));
        c.expect(200);
        let x = c.xml();
        let conns: Vec<_> = x
            .child("connections")
            .unwrap()
            .children_named("connection")
            .collect();
        assert_eq!(conns.len(), 1, "{}", c.text());
        assert_eq!(conns[0].attr("type"), Some(ty));
        assert_eq!(
            conns[0].child("datasource").unwrap().attr("id"),
            Some(id.as_str())
        );
    }
    let l = api.get(&api.s("datasources?sort=name:asc"));
    assert_eq!(
        names_in(&l, "datasources", "datasource"),
        ["Ext", "Live", "Old", "Pack"]
    );
}

#[test]
fn refused_files_and_extensions() {
    let api = Api::new(config());
    // Not a workbook at all.
    let r = publish_wb(
        &api,
        "",
        &wb_payload("Bad", None),
        "Bad.twb",
        b"hello, world",
    );
    r.expect_error(400, "400011");
    assert!(r.text().contains("Bad.twb"), "{}", r.text());
    // A zip without a .twb inside, a .twb whose root is not <workbook>.
    let conn = tsc_emulator::content::SampleConnection::default();
    let tdsx = tsc_emulator::content::datasource_tdsx("X", &conn);
    publish_wb(&api, "", &wb_payload("Bad", None), "Bad.twbx", &tdsx).expect_error(400, "400011");
    let tds = tsc_emulator::content::datasource_tds("X", &conn);
    publish_wb(&api, "", &wb_payload("Bad", None), "Bad.twb", &tds).expect_error(400, "400011");
    // Empty file.
    publish_wb(&api, "", &wb_payload("Bad", None), "Bad.twb", b"").expect_error(400, "400011");
    // A workbook as a data source file and vice versa: wrong extension for the family.
    publish_wb(&api, "", &wb_payload("Bad", None), "Bad.tds", &tds).expect_error(400, "400020");
    publish_wb(&api, "", &wb_payload("Bad", None), "Bad.txt", b"x").expect_error(400, "400020");
    publish_ds(
        &api,
        "",
        &ds_payload("Bad", None),
        "Bad.twb",
        &twb("B", &["s"], &[]),
    )
    .expect_error(400, "400010");
    publish_ds(&api, "", &ds_payload("Bad", None), "Bad.csv", b"a,b").expect_error(400, "400010");
    // A .hyper that is not one.
    publish_ds(
        &api,
        "",
        &ds_payload("Bad", None),
        "Bad.hyper",
        b"SQLite format 3\0",
    )
    .expect_error(400, "400011");
    // Nothing was kept.
    let l = api.get(&api.s("workbooks"));
    assert_eq!(pagination(&l).2, 0);
    let dir = api.emu.data_dir().join("sites").join(&api.site);
    for sub in ["incoming", "content"] {
        let n = std::fs::read_dir(dir.join(sub))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(n, 0, "{sub} is empty");
    }
}

#[test]
fn payload_and_body_errors() {
    let api = Api::new(config());
    let data = twb("W", &["s"], &[]);
    // No file and no session.
    post_mp(
        &api,
        &api.s("workbooks"),
        &[payload_part(&wb_payload("W", None))],
    )
    .expect_error(400, "400000");
    // No payload.
    post_mp(
        &api,
        &api.s("workbooks"),
        &[file_part("tableau_workbook", "W.twb", &data)],
    )
    .expect_error(400, "400000");
    // Payload without a name, malformed XML, unknown project, unknown part.
    publish_wb(
        &api,
        "",
        "<tsRequest><workbook/></tsRequest>",
        "W.twb",
        &data,
    )
    .expect_error(400, "400000");
    publish_wb(&api, "", "<tsRequest><workbook name=", "W.twb", &data).expect_error(400, "400000");
    publish_wb(
        &api,
        "",
        &wb_payload("W", Some("00000000-0000-4000-8000-000000000000")),
        "W.twb",
        &data,
    )
    .expect_error(404, "404005");
    post_mp(
        &api,
        &api.s("workbooks"),
        &[
            payload_part(&wb_payload("W", None)),
            file_part("tableau_datasource", "W.twb", &data),
        ],
    )
    .expect_error(400, "400000");
    // Two files.
    post_mp(
        &api,
        &api.s("workbooks"),
        &[
            payload_part(&wb_payload("W", None)),
            file_part("tableau_workbook", "W.twb", &data),
            file_part("tableau_workbook", "W.twb", &data),
        ],
    )
    .expect_error(400, "400000");
    // Booleans.
    publish_wb(
        &api,
        "?overwrite=maybe",
        &wb_payload("W", None),
        "W.twb",
        &data,
    )
    .expect_error(400, "400008");
    publish_wb(&api, "?asJob=1", &wb_payload("W", None), "W.twb", &data)
        .expect_error(400, "400008");
    let creds = "<tsRequest><workbook name=\"W\"><connectionCredentials name=\"u\" password=\"p\" embed=\"yes\"/></workbook></tsRequest>";
    publish_wb(&api, "", creds, "W.twb", &data).expect_error(400, "400008");
    // form-data media type, no boundary, garbage body.
    req_bytes(
        api.addr(),
        "POST",
        &api.s("workbooks"),
        Some(&api.token),
        Some(b"x"),
        Some("multipart/form-data; boundary=x"),
    )
    .expect_error(406, "406000");
    req_bytes(
        api.addr(),
        "POST",
        &api.s("workbooks"),
        Some(&api.token),
        Some(b"x"),
        Some("multipart/mixed"),
    )
    .expect_error(400, "400000");
    for body in [
        &b"garbage"[..],
        b"--6691a87289ac461bab2c945741f136e6\r\nno headers end",
        b"--6691a87289ac461bab2c945741f136e6\r\nContent-Disposition: name=\"request_payload\"\r\n\r\n<tsRequest/>",
        b"--6691a87289ac461bab2c945741f136e6--\r\n",
    ] {
        let r = req_bytes(api.addr(), "POST", &api.s("workbooks"), Some(&api.token), Some(body), Some(MP));
        r.expect_error(400, "400000");
    }
    // A viewer may not publish.
    api.user("vic", "Viewer");
    let st = api.emu.shared();
    st.write().identity_mut("vic").unwrap().password = Some("pw".into());
    let (t, _, _) = signin(api.addr(), "vic", "pw", "");
    let body = multipart(&[
        payload_part(&wb_payload("W", None)),
        file_part("tableau_workbook", "W.twb", &data),
    ]);
    req_bytes(
        api.addr(),
        "POST",
        &api.s("workbooks"),
        Some(&t),
        Some(&body),
        Some(MP),
    )
    .expect_error(403, "403007");
    // The server is still fine.
    api.get(&api.s("workbooks")).expect(200);
}

#[test]
fn create_new_overwrite_and_names() {
    let api = Api::new(config());
    let p = api.project("Reports", None);
    let v1 = twb("Sales", &["One", "Two"], &[]);
    let r = publish_wb(&api, "", &wb_payload("Sales", Some(&p)), "Sales.twb", &v1);
    r.expect(201);
    let id = id_of(&r, "workbook");
    let views1: Vec<(String, String)> = r
        .xml()
        .find("views")
        .unwrap()
        .children_named("view")
        .map(|v| (v.attr("name").unwrap().into(), v.attr("id").unwrap().into()))
        .collect();
    // Same name (any case) in the same project: CreateNew is refused with 403007.
    publish_wb(&api, "", &wb_payload("SALES", Some(&p)), "Sales.twb", &v1)
        .expect_error(403, "403007");
    // Same name in another project is fine; its content URL is made unique.
    let r = publish_wb(&api, "", &wb_payload("Sales", None), "Sales.twb", &v1);
    r.expect(201);
    assert_eq!(attr_of(&r, "workbook", "contentUrl"), "Sales_0");
    // Overwrite keeps the id, the content URL and the ids of views that are still there.
    let v2 = twb("Sales", &["Two", "Three"], &[]);
    let r = publish_wb(
        &api,
        "?overwrite=true",
        &wb_payload("Sales", Some(&p)),
        "Sales.twb",
        &v2,
    );
    r.expect(201);
    assert_eq!(id_of(&r, "workbook"), id);
    assert_eq!(attr_of(&r, "workbook", "contentUrl"), "Sales");
    let views2: Vec<(String, String)> = r
        .xml()
        .find("views")
        .unwrap()
        .children_named("view")
        .map(|v| (v.attr("name").unwrap().into(), v.attr("id").unwrap().into()))
        .collect();
    assert_eq!(views2[0], views1[1], "view Two keeps its id");
    assert_eq!(views2[1].0, "Three");
    // View One is gone everywhere.
    api.get(&api.s(&format!("views/{}", views1[0].1)))
        .expect_error(404, "404011");
    let dl = api.get(&api.s(&format!("workbooks/{id}/content")));
    assert!(dl.body == v2, "download returns the new revision");
    // Overwrite of a name that does not exist creates it.
    publish_wb(
        &api,
        "?overwrite=true",
        &wb_payload("Fresh", Some(&p)),
        "Fresh.twb",
        &v1,
    )
    .expect(201);
    // The overwritten workbook keeps its first file as revision 1 (the site keeps a revision
    // history): one file more than there are workbooks.
    let dir = api
        .emu
        .data_dir()
        .join("sites")
        .join(&api.site)
        .join("content");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 4);
    let old = api.get(&api.s(&format!("workbooks/{id}/revisions/1/content")));
    assert!(old.body == v1, "revision 1 is the first file");
    // Removing the revision removes its file.
    api.delete(&api.s(&format!("workbooks/{id}/revisions/1")))
        .expect(204);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
    // Hidden views are not published; showTabs and description are kept.
    let payload = "<tsRequest><workbook name=\"Hidden\" showTabs=\"true\" description=\"d\"><views><view name=\"One\" hidden=\"true\"/></views></workbook></tsRequest>";
    let r = publish_wb(&api, "", payload, "H.twb", &v1);
    r.expect(201);
    assert_eq!(attr_of(&r, "workbook", "showTabs"), "true");
    assert_eq!(attr_of(&r, "workbook", "description"), "d");
    assert_eq!(attr_of(&r, "workbook", "sheetCount"), "1");
}

#[test]
fn connection_credentials_in_payload() {
    let api = Api::new(config());
    let data = twb("C", &["s"], &[]);
    let payload = "<tsRequest><workbook name=\"C\"><connections><connection serverAddress=\"DB.example.com\" serverPort=\"5432\"><connectionCredentials name=\"svc\" password=\"pw\" embed=\"true\"/></connection></connections></workbook></tsRequest>";
    let r = publish_wb(&api, "?skipConnectionCheck=true", payload, "C.twb", &data);
    r.expect(201);
    let id = id_of(&r, "workbook");
    let c = api.get(&api.s(&format!("workbooks/{id}/connections")));
    let x = c.xml();
    let conn = x.find("connection").unwrap();
    assert_eq!(conn.attr("userName"), Some("svc"));
    assert_eq!(conn.attr("embedPassword"), Some("true"));
    assert_eq!(conn.attr("serverAddress"), Some("db.example.com"));
    let payload = "<tsRequest><datasource name=\"D\"><connectionCredentials name=\"ro\" password=\"x\" embed=\"false\"/></datasource></tsRequest>";
    let conn_s = tsc_emulator::content::SampleConnection::default();
    let r = publish_ds(
        &api,
        "",
        payload,
        "D.tds",
        &tsc_emulator::content::datasource_tds("D", &conn_s),
    );
    r.expect(201);
    let id = id_of(&r, "datasource");
    let c = api.get(&api.s(&format!("datasources/{id}/connections")));
    assert_eq!(
        c.xml().find("connection").unwrap().attr("userName"),
        Some("ro")
    );
}

#[test]
fn datasource_modes_and_append() {
    let api = Api::new(config());
    let h1 = hyper(8192, 1);
    let r = publish_ds(
        &api,
        "?datasourceType=hyper&createnew=true",
        &ds_payload("Ext", None),
        "Ext.hyper",
        &h1,
    );
    r.expect(201);
    let id = id_of(&r, "datasource");
    assert_eq!(attr_of(&r, "datasource", "contentUrl"), "Ext");
    publish_ds(
        &api,
        "?createnew=true",
        &ds_payload("ext", None),
        "Ext.hyper",
        &h1,
    )
    .expect_error(403, "403007");
    // append + overwrite together.
    publish_ds(
        &api,
        "?append=true&overwrite=true",
        &ds_payload("Ext", None),
        "Ext.hyper",
        &h1,
    )
    .expect_error(400, "400055");
    // append to a data source that does not exist.
    publish_ds(
        &api,
        "?append=true",
        &ds_payload("Nope", None),
        "N.hyper",
        &h1,
    )
    .expect_error(404, "404004");
    // append onto an extract: accepted, same item, file kept.
    let r = publish_ds(
        &api,
        "?append=true",
        &ds_payload("Ext", None),
        "More.hyper",
        &hyper(100, 2),
    );
    r.expect(201);
    assert_eq!(id_of(&r, "datasource"), id);
    let dl = api.get(&api.s(&format!("datasources/{id}/content")));
    assert!(dl.body == h1);
    // append onto a live (.tds) data source, or from a .tds file: refused.
    let conn = tsc_emulator::content::SampleConnection::default();
    let tds = tsc_emulator::content::datasource_tds("Live", &conn);
    publish_ds(&api, "", &ds_payload("Live", None), "Live.tds", &tds).expect(201);
    publish_ds(
        &api,
        "?append=true",
        &ds_payload("Live", None),
        "L.hyper",
        &h1,
    )
    .expect_error(400, "400011");
    publish_ds(
        &api,
        "?append=true",
        &ds_payload("Ext", None),
        "L.tds",
        &tds,
    )
    .expect_error(400, "400011");
    // overwrite replaces the file, keeps the id; replace=true (TSC Replace mode) too.
    let h2 = hyper(9000, 3);
    let r = publish_ds(
        &api,
        "?overwrite=true",
        &ds_payload("Ext", None),
        "Ext.hyper",
        &h2,
    );
    r.expect(201);
    assert_eq!(id_of(&r, "datasource"), id);
    assert!(api.get(&api.s(&format!("datasources/{id}/content"))).body == h2);
    let h3 = hyper(300, 4);
    publish_ds(
        &api,
        "?replace=true",
        &ds_payload("Ext", None),
        "Ext.hyper",
        &h3,
    )
    .expect(201);
    assert!(api.get(&api.s(&format!("datasources/{id}/content"))).body == h3);
    // Certification in the payload (TSC writes isCertified="True").
    let payload = "<tsRequest><datasource name=\"Cert\" isCertified=\"True\" certificationNote=\"ok\" description=\"d\"/></tsRequest>";
    let r = publish_ds(&api, "", payload, "Cert.hyper", &h1);
    r.expect(201);
    assert_eq!(attr_of(&r, "datasource", "isCertified"), "true");
    assert_eq!(attr_of(&r, "datasource", "certificationNote"), "ok");
}

#[test]
fn upload_sessions() {
    let api = Api::new(config());
    let data = twbx("Big");
    let session = initiate(&api);
    assert!(
        {
            let (a, b) = session.split_once('-').unwrap();
            a.contains(':') && b.contains(':')
        },
        "{session}"
    );
    // Append in three chunks; fileSize is the MB total so far.
    let third = data.len() / 3;
    for (i, chunk) in [&data[..third], &data[third..2 * third], &data[2 * third..]]
        .iter()
        .enumerate()
    {
        let r = append(&api, &session, chunk);
        r.expect(200);
        assert_eq!(attr_of(&r, "fileUpload", "uploadSessionId"), session);
        assert_eq!(attr_of(&r, "fileUpload", "fileSize"), "1", "chunk {i}");
    }
    // Commit without a type: 400035; the session survives that.
    commit(
        &api,
        "workbooks",
        &format!("uploadSessionId={session}"),
        &wb_payload("Big", None),
    )
    .expect_error(400, "400035");
    // A file part together with the session: 400000.
    post_mp(
        &api,
        &api.s(&format!(
            "workbooks?uploadSessionId={session}&workbookType=twbx"
        )),
        &[
            payload_part(&wb_payload("Big", None)),
            file_part("tableau_workbook", "Big.twbx", &data),
        ],
    )
    .expect_error(400, "400000");
    let r = commit(
        &api,
        "workbooks",
        &format!("uploadSessionId={session}&workbookType=twbx"),
        &wb_payload("Big", None),
    );
    r.expect(201);
    let id = id_of(&r, "workbook");
    assert!(api.get(&api.s(&format!("workbooks/{id}/content"))).body == data);
    // The session is consumed.
    commit(
        &api,
        "workbooks",
        &format!("uploadSessionId={session}&workbookType=twbx"),
        &wb_payload("Again", None),
    )
    .expect_error(404, "404015");
    append(&api, &session, b"x").expect_error(404, "404015");
    // Unknown sessions.
    append(&api, "1:abc-0:0", b"x").expect_error(404, "404015");
    commit(
        &api,
        "datasources",
        "uploadSessionId=1:abc-0:0&datasourceType=hyper",
        &ds_payload("X", None),
    )
    .expect_error(404, "404015");
    // Append errors: non-empty payload (400019), no file part (400020).
    let s2 = initiate(&api);
    put_mp(
        &api,
        &api.s(&format!("fileUploads/{s2}")),
        &[
            payload_part("<tsRequest/>"),
            file_part("tableau_file", "file", b"abc"),
        ],
    )
    .expect_error(400, "400019");
    put_mp(
        &api,
        &api.s(&format!("fileUploads/{s2}")),
        &[payload_part("")],
    )
    .expect_error(400, "400020");
    // A data source through a session; the wrong type parameter is 400010.
    let h = hyper(5000, 9);
    append(&api, &s2, &h[..100]).expect(200);
    append(&api, &s2, &h[100..]).expect(200);
    commit(
        &api,
        "datasources",
        &format!("uploadSessionId={s2}&datasourceType=csv"),
        &ds_payload("H", None),
    )
    .expect_error(400, "400010");
    let r = commit(
        &api,
        "datasources",
        &format!("uploadSessionId={s2}&datasourceType=hyper"),
        &ds_payload("H", None),
    );
    r.expect(201);
    let id = id_of(&r, "datasource");
    assert!(api.get(&api.s(&format!("datasources/{id}/content"))).body == h);
    // A session holding garbage is refused at commit (and consumed).
    let s3 = initiate(&api);
    append(&api, &s3, b"not a workbook").expect(200);
    commit(
        &api,
        "workbooks",
        &format!("uploadSessionId={s3}&workbookType=twb"),
        &wb_payload("G", None),
    )
    .expect_error(400, "400011");
    commit(
        &api,
        "workbooks",
        &format!("uploadSessionId={s3}&workbookType=twb"),
        &wb_payload("G", None),
    )
    .expect_error(404, "404015");
    // Sessions belong to their user.
    let s4 = initiate(&api);
    api.user("pub", "Creator");
    api.emu
        .shared()
        .write()
        .identity_mut("pub")
        .unwrap()
        .password = Some("pw".into());
    let (t, _, _) = signin(api.addr(), "pub", "pw", "");
    let body = multipart(&[payload_part(""), file_part("tableau_file", "file", b"x")]);
    req_bytes(
        api.addr(),
        "PUT",
        &api.s(&format!("fileUploads/{s4}")),
        Some(&t),
        Some(&body),
        Some(MP),
    )
    .expect_error(404, "404015");
}

#[test]
fn size_limits() {
    let api = Api::new(Config {
        max_publish_bytes: 64 * 1024,
        max_chunk_bytes: 32 * 1024,
        ..config()
    });
    let small = hyper(64 * 1024, 1);
    publish_ds(&api, "", &ds_payload("Fits", None), "Fits.hyper", &small).expect(201);
    let big = hyper(64 * 1024 + 1, 1);
    let r = publish_ds(&api, "", &ds_payload("Big", None), "Big.hyper", &big);
    r.expect_error(400, "400016");
    assert!(r.text().contains("fileUploads"), "{}", r.text());
    // Chunks: a chunk over the limit is refused and not kept.
    let s = initiate(&api);
    append(&api, &s, &big[..32 * 1024]).expect(200);
    append(&api, &s, &big[32 * 1024..]).expect_error(400, "400016");
    append(&api, &s, &big[32 * 1024..64 * 1024]).expect(200);
    append(&api, &s, &big[64 * 1024..]).expect(200);
    let r = commit(
        &api,
        "datasources",
        &format!("uploadSessionId={s}&datasourceType=hyper"),
        &ds_payload("Big", None),
    );
    r.expect(201);
    let id = id_of(&r, "datasource");
    assert!(api.get(&api.s(&format!("datasources/{id}/content"))).body == big);
}

#[test]
fn default_single_request_limit_is_64_mib() {
    let api = Api::new(config());
    let mut big = hyper(64 * 1024 * 1024 + 1, 5);
    let r = publish_ds(&api, "", &ds_payload("Huge", None), "Huge.hyper", &big);
    r.expect_error(400, "400016");
    big.pop();
    let r = publish_ds(&api, "", &ds_payload("Huge", None), "Huge.hyper", &big);
    r.expect(201);
    assert_eq!(attr_of(&r, "datasource", "size"), "64");
}

#[test]
fn as_job_publish() {
    let api = Api::new(config());
    api.control("POST", "/_emulator/settings?jobDelayMs=1000", None)
        .expect(200);
    let r = publish_wb(
        &api,
        "?asJob=true",
        &wb_payload("Async", None),
        "Async.twb",
        &twb("Async", &["s"], &[]),
    );
    r.expect(202);
    let x = r.xml();
    let job = x.child("job").unwrap();
    assert_eq!(job.attr("type"), Some("PublishWorkbook"));
    assert_eq!(job.attr("finishCode"), Some("1"));
    assert!(job.attr("completedAt").is_none());
    let jid = job.attr("id").unwrap().to_string();
    let q = api.get(&api.s(&format!("jobs/{jid}")));
    q.expect(200);
    assert!(
        q.xml().child("job").unwrap().attr("completedAt").is_none(),
        "in progress"
    );
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let q = api.get(&api.s(&format!("jobs/{jid}")));
    let x = q.xml();
    let job = x.child("job").unwrap();
    assert_eq!(job.attr("finishCode"), Some("0"));
    assert_eq!(job.attr("progress"), Some("100"));
    let wb = job.child("workbook").unwrap();
    assert_eq!(wb.attr("name"), Some("Async"));
    api.get(&api.s(&format!("workbooks/{}", wb.attr("id").unwrap())))
        .expect(200);
    // Data sources too.
    let r = publish_ds(
        &api,
        "?asJob=true&createnew=true",
        &ds_payload("AsyncDs", None),
        "A.hyper",
        &hyper(100, 1),
    );
    r.expect(202);
    assert_eq!(attr_of(&r, "job", "type"), "PublishDatasource");
}

#[test]
fn concurrent_publishes() {
    let api = Api::new(config());
    let data = twb("Same", &["s1", "s2"], &["d"]);
    // Distinct names in parallel: all succeed.
    std::thread::scope(|s| {
        for i in 0..8 {
            let api = &api;
            let data = &data;
            s.spawn(move || {
                publish_wb(api, "", &wb_payload(&format!("P{i}"), None), "P.twb", data).expect(201);
            });
        }
    });
    // The same name in parallel: exactly one wins, the others get 403007.
    let results: Vec<u16> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..6)
            .map(|_| {
                let api = &api;
                let data = &data;
                s.spawn(move || {
                    publish_wb(api, "", &wb_payload("Same", None), "S.twb", data).status
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        results.iter().filter(|s| **s == 201).count(),
        1,
        "{results:?}"
    );
    assert_eq!(
        results.iter().filter(|s| **s == 403).count(),
        5,
        "{results:?}"
    );
    let l = api.get(&api.s("workbooks?pageSize=100"));
    assert_eq!(pagination(&l).2, 9);
    let v = api.get(&api.s("views"));
    assert_eq!(pagination(&v).2, 27);
    // Every stored file is referenced.
    let dir = api
        .emu
        .data_dir()
        .join("sites")
        .join(&api.site)
        .join("content");
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 9);
}

/// Sends the head and the first `cut` bytes of a body, then closes the connection.
fn abort_midway(api: &Api, method: &str, path: &str, body: &[u8], cut: usize) {
    use std::io::Write;
    let mut s = std::net::TcpStream::connect(api.addr()).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: x\r\nX-Tableau-Auth: {}\r\nContent-Type: {MP}\r\nContent-Length: {}\r\n\r\n",
        api.token,
        body.len()
    )
    .unwrap();
    s.write_all(&body[..cut]).unwrap();
    drop(s);
}

#[test]
fn aborted_uploads_leave_nothing_behind() {
    let api = Api::new(config());
    let data = hyper(600_000, 8);
    // A single-request publish cut off half-way: no item, no file.
    let body = multipart(&[
        payload_part(&ds_payload("Cut", None)),
        file_part("tableau_datasource", "Cut.hyper", &data),
    ]);
    abort_midway(&api, "POST", &api.s("datasources"), &body, body.len() / 2);
    // An append cut off half-way: the session keeps only whole chunks.
    let s = initiate(&api);
    append(&api, &s, &data[..100_000]).expect(200);
    let body = multipart(&[
        payload_part(""),
        file_part("tableau_file", "file", &data[100_000..]),
    ]);
    abort_midway(
        &api,
        "PUT",
        &api.s(&format!("fileUploads/{s}")),
        &body,
        300_000,
    );
    // Wait for the server to notice the aborted connections.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while api.emu.shared().active_connections() > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    append(&api, &s, &data[100_000..]).expect(200);
    let r = commit(
        &api,
        "datasources",
        &format!("uploadSessionId={s}&datasourceType=hyper"),
        &ds_payload("Whole", None),
    );
    r.expect(201);
    let id = id_of(&r, "datasource");
    assert!(api.get(&api.s(&format!("datasources/{id}/content"))).body == data);
    assert_eq!(pagination(&api.get(&api.s("datasources"))).2, 1);
    let dir = api.emu.data_dir().join("sites").join(&api.site);
    let count = |sub: &str| {
        std::fs::read_dir(dir.join(sub))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    assert_eq!(count("incoming"), 0);
    assert_eq!(count("content"), 1);
    assert_eq!(count("uploads"), 0);
}

#[test]
fn truncated_and_mangled_bodies_get_4xx() {
    let api = Api::new(config());
    let body = multipart(&[
        payload_part(&wb_payload("Fuzz", None)),
        file_part("tableau_workbook", "Fuzz.twbx", &twbx("Fuzz")),
    ]);
    // Every prefix length in steps, sent as a complete (shorter) body.
    let step = (body.len() / 97).max(1);
    let mut cut = 0;
    while cut < body.len() {
        let r = req_bytes(
            api.addr(),
            "POST",
            &api.s("workbooks"),
            Some(&api.token),
            Some(&body[..cut]),
            Some(MP),
        );
        assert!(
            (400..500).contains(&r.status),
            "cut {cut}: {} {}",
            r.status,
            r.text()
        );
        cut += step;
    }
    // Flipped bytes all over the body: any answer but a 5xx; the server keeps serving.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..60 {
        let mut b = body.clone();
        for _ in 0..8 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = (seed % b.len() as u64) as usize;
            b[i] = (seed >> 32) as u8;
        }
        let r = req_bytes(
            api.addr(),
            "POST",
            &api.s("workbooks?overwrite=true"),
            Some(&api.token),
            Some(&b),
            Some(MP),
        );
        assert!(r.status < 500, "{} {}", r.status, r.text());
        let r = req_bytes(
            api.addr(),
            "PUT",
            &api.s("fileUploads/1:a-0:0"),
            Some(&api.token),
            Some(&b),
            Some(MP),
        );
        assert!(r.status < 500, "{} {}", r.status, r.text());
    }
    api.get(&api.s("workbooks")).expect(200);
    let dir = api
        .emu
        .data_dir()
        .join("sites")
        .join(&api.site)
        .join("incoming");
    assert_eq!(std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0), 0);
}
