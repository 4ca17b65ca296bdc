//! Revision histories: every overwrite keeps a revision whose content is the bytes published
//! then; the site's `revisionLimit` drops the oldest (entry and file); with
//! `revisionHistoryEnabled="false"` only the current revision is kept; codes for bad numbers,
//! missing revisions and the current one; non-owners may not remove revisions.

mod common;
mod content_support;

use common::*;
use content_support::*;

fn numbers(r: &Resp) -> Vec<String> {
    r.xml()
        .find("revisions")
        .unwrap()
        .children_named("revision")
        .map(|v| v.attr("revisionNumber").unwrap().to_string())
        .collect()
}

fn content_files(api: &Api) -> usize {
    let dir = api
        .emu
        .data_dir()
        .join("sites")
        .join(&api.site)
        .join("content");
    std::fs::read_dir(dir).unwrap().count()
}

#[test]
fn limits_switches_and_codes() {
    let api = Api::new(config());
    let files: Vec<Vec<u8>> = (0..4)
        .map(|i| twb("Limited", &[&format!("Sheet {i}")], &[]))
        .collect();
    let site = format!("/api/{V}/sites/{}", api.site);
    api.put(&site, "<tsRequest><site revisionLimit=\"3\"/></tsRequest>")
        .expect(200);
    let mut id = String::new();
    for f in &files {
        let r = publish_wb(
            &api,
            "?overwrite=true",
            &wb_payload("Limited", None),
            "Limited.twb",
            f,
        );
        r.expect(201);
        id = r
            .xml()
            .child("workbook")
            .unwrap()
            .attr("id")
            .unwrap()
            .to_string();
    }
    // Four publishes, a limit of three: revision 1 is gone, entry and file.
    let r = api.get(&api.s(&format!("workbooks/{id}/revisions")));
    r.expect(200);
    assert_eq!(numbers(&r), ["2", "3", "4"]);
    assert_eq!(pagination(&r).2, 3);
    assert_eq!(content_files(&api), 3);
    for (n, f) in [(2, &files[1]), (3, &files[2]), (4, &files[3])] {
        let r = api.get(&api.s(&format!("workbooks/{id}/revisions/{n}/content")));
        assert!(r.status == 200 && r.body == *f, "revision {n}");
    }
    api.get(&api.s(&format!("workbooks/{id}/revisions/1/content")))
        .expect_error(404, "404026");
    api.get(&api.s(&format!("workbooks/{id}/revisions/x/content")))
        .expect_error(400, "400000");
    api.delete(&api.s(&format!("workbooks/{id}/revisions/4")))
        .expect_error(403, "403003");

    // Someone else may not remove revisions.
    api.user("viewer_rev", "Explorer");
    api.emu
        .shared()
        .write()
        .identity_mut("viewer_rev")
        .unwrap()
        .password = Some("pw".into());
    let (token, _, _) = signin(api.addr(), "viewer_rev", "pw", "");
    let r = req(
        api.addr(),
        "DELETE",
        &api.s(&format!("workbooks/{id}/revisions/2")),
        Some(&token),
        None,
    );
    r.expect_error(403, "403004");

    // Without a revision history, an overwrite gives up the replaced file.
    api.put(
        &site,
        "<tsRequest><site revisionHistoryEnabled=\"false\"/></tsRequest>",
    )
    .expect(200);
    let r = publish_wb(
        &api,
        "?overwrite=true",
        &wb_payload("Limited", None),
        "Limited.twb",
        &files[0],
    );
    r.expect(201);
    let r = api.get(&api.s(&format!("workbooks/{id}/revisions")));
    assert_eq!(
        numbers(&r),
        ["2", "3", "5"],
        "the kept ones stay, the replaced one is not kept"
    );
    assert_eq!(content_files(&api), 3, "revision 4's file was given up");
    api.get(&api.s(&format!("workbooks/{id}/revisions/4/content")))
        .expect_error(404, "404026");
    api.delete(&api.s(&format!("workbooks/{id}"))).expect(204);
    assert_eq!(
        content_files(&api),
        0,
        "deleting the workbook removes every revision"
    );
}
