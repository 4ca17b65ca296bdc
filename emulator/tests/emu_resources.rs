//! Sites, projects, users, groups, favorites and jobs: success paths and error codes.

mod common;
use common::*;
use tsc_emulator::state::{View, Workbook};
use tsc_emulator::util::new_id;
use tsc_emulator::Config;

#[test]
fn sites_crud() {
    let api = Api::new(Config::default());
    let sites = format!("/api/{V}/sites");
    let r = api.post(&sites, "<tsRequest><site name=\"Tableau\" contentUrl=\"tableau\" adminMode=\"ContentAndUsers\" userQuota=\"15\" storageQuota=\"1000\" disableSubscriptions=\"true\" revisionLimit=\"25\" dataAlertsEnabled=\"True\" futureSetting=\"x1\"/></tsRequest>");
    r.expect(201);
    let x = r.xml();
    let s = x.child("site").unwrap();
    let id = s.attr("id").unwrap().to_string();
    assert!(tsc_emulator::util::is_luid(&id));
    assert_eq!(s.attr("userQuota"), Some("15"));
    assert_eq!(s.attr("dataAlertsEnabled"), Some("True"));
    assert_eq!(
        s.attr("futureSetting"),
        Some("x1"),
        "unknown attributes are echoed"
    );
    assert_eq!(s.attr("state"), Some("Active"));
    // Conflicts and validation.
    api.post(
        &sites,
        "<tsRequest><site name=\"tableau\" contentUrl=\"other\"/></tsRequest>",
    )
    .expect_error(409, "409001");
    api.post(
        &sites,
        "<tsRequest><site name=\"Other\" contentUrl=\"TABLEAU\"/></tsRequest>",
    )
    .expect_error(409, "409002");
    api.post(
        &sites,
        "<tsRequest><site name=\"Bad\" contentUrl=\"a b\"/></tsRequest>",
    )
    .expect_error(400, "400000");
    api.post(
        &sites,
        "<tsRequest><site name=\"Bad\" contentUrl=\"bad\" adminMode=\"Nope\"/></tsRequest>",
    )
    .expect_error(400, "400013");
    api.post(&sites, "<tsRequest><site name=\"Bad\" contentUrl=\"bad\" adminMode=\"ContentOnly\" userQuota=\"5\"/></tsRequest>").expect_error(409, "409004");
    api.post(
        &sites,
        "<tsRequest><site name=\"Bad\" contentUrl=\"bad\" revisionLimit=\"1\"/></tsRequest>",
    )
    .expect_error(400, "400000");
    api.post(&sites, "<tsRequest><site contentUrl=\"bad\"/></tsRequest>")
        .expect_error(400, "400000");
    api.post(&sites, "<tsRequest><site name=\"x\" contentUrl=\"x\">")
        .expect_error(400, "400000");
    // Query by id, name, content URL.
    for path in [
        format!("{sites}/{id}"),
        format!("{sites}/Tableau?key=name"),
        format!("{sites}/tableau?key=contentUrl"),
    ] {
        let r = api.get(&path);
        r.expect(200);
        assert_eq!(
            r.xml().child("site").unwrap().attr("id"),
            Some(id.as_str()),
            "{path}"
        );
    }
    api.get(&format!("{sites}/nope?key=name"))
        .expect_error(404, "404000");
    api.get(&format!("{sites}/{}", new_id()))
        .expect_error(404, "404000");
    let usage = api.get(&format!("{sites}/{id}?includeUsageStatistics=true"));
    assert!(usage.xml().child("site").unwrap().child("usage").is_some());
    // Query all.
    let all = api.get(&sites);
    assert_eq!(pagination(&all), (1, 100, 2));
    assert_eq!(names(&all, "sites", "site"), vec!["Default", "Tableau"]);
    // Update echoes attributes.
    let r = api.put(&format!("{sites}/{id}"), "<tsRequest><site name=\"Tableau 2\" state=\"Suspended\" revisionLimit=\"10\" newThing=\"y\"/></tsRequest>");
    r.expect(200);
    let x = r.xml();
    let s = x.child("site").unwrap();
    assert_eq!(
        (
            s.attr("name"),
            s.attr("state"),
            s.attr("revisionLimit"),
            s.attr("newThing"),
            s.attr("futureSetting")
        ),
        (
            Some("Tableau 2"),
            Some("Suspended"),
            Some("10"),
            Some("y"),
            Some("x1")
        )
    );
    api.put(
        &format!("{sites}/{id}"),
        "<tsRequest><site adminMode=\"ContentOnly\"/></tsRequest>",
    )
    .expect_error(409, "409004");
    api.put(
        &format!("{sites}/{id}"),
        "<tsRequest><site name=\"Default\"/></tsRequest>",
    )
    .expect_error(409, "409001");
    // Delete: Default refused, others deleted with their content.
    api.delete(&format!("{sites}/{}", api.site))
        .expect_error(403, "403002");
    api.delete(&format!("{sites}/{id}")).expect(204);
    api.get(&format!("{sites}/{id}"))
        .expect_error(404, "404000");
    api.delete(&format!("{sites}/{id}"))
        .expect_error(404, "404000");
    api.post(
        &sites,
        "<tsRequest><site name=\"Tmp\" contentUrl=\"tmp\"/></tsRequest>",
    )
    .expect(201);
    api.delete(&format!("{sites}/tmp?key=contentUrl"))
        .expect(204);
}

/// Issue 11: names match case-insensitively (`eq` and `in`), so the TSC CLI's
/// `name:eq:Default` finds the built-in `default` project.
#[test]
fn name_filters_ignore_case() {
    let api = Api::new(Config::default());
    let p = api.s("projects");
    api.project("Sales", None);
    let r = api.get(&format!("{p}?filter=name:eq:Default"));
    assert_eq!(names(&r, "projects", "project"), vec!["default"]);
    let r = api.get(&format!("{p}?filter=name:in:[DEFAULT,sales]"));
    assert_eq!(names(&r, "projects", "project"), vec!["default", "Sales"]);
    let r = api.get(&format!("{}?filter=name:eq:ADMIN", api.s("users")));
    assert_eq!(names(&r, "users", "user"), vec!["admin"]);
}

#[test]
fn projects_rules() {
    let api = Api::new(Config::default());
    let p = api.s("projects");
    let r = api.get(&p);
    let default_id = {
        let x = r.xml();
        let d = x.child("projects").unwrap().child("project").unwrap();
        assert_eq!(d.attr("name"), Some("default"));
        assert_eq!(
            d.attr("description"),
            Some("The default project that was automatically created by Tableau.")
        );
        d.attr("id").unwrap().to_string()
    };
    let a = api.project("Alpha", None);
    let a1 = api.project("Child", Some(&a));
    let _a2 = api.project("Grandchild", Some(&a1));
    let b = api.project("Beta", None);
    api.project("Child", Some(&b)); // same name, other parent: fine
    api.post(&p, "<tsRequest><project name=\"alpha\"/></tsRequest>")
        .expect_error(409, "409006");
    api.post(
        &p,
        &format!(
            "<tsRequest><project name=\"x\" parentProjectId=\"{}\"/></tsRequest>",
            new_id()
        ),
    )
    .expect_error(404, "404005");
    api.post(
        &p,
        "<tsRequest><project name=\"x\" contentPermissions=\"Bogus\"/></tsRequest>",
    )
    .expect_error(400, "400000");
    api.post(&p, "<tsRequest><project/></tsRequest>")
        .expect_error(400, "400000");
    api.post(&format!("{p}?publishSamples=True"), "<tsRequest><project name=\"Samples\" contentPermissions=\"LockedToProjectWithoutNested\"/></tsRequest>").expect(201);
    // Created element shape.
    let r = api.post(
        &p,
        "<tsRequest><project name=\"Gamma\" description=\"g\"/></tsRequest>",
    );
    let x = r.xml();
    let g = x.child("project").unwrap();
    for attr in [
        "id",
        "name",
        "description",
        "createdAt",
        "updatedAt",
        "contentPermissions",
    ] {
        assert!(g.attr(attr).is_some(), "{attr}");
    }
    assert!(g.attr("createdAt").unwrap().ends_with('Z'));
    assert_eq!(
        g.child("owner").unwrap().attr("id"),
        Some(api.user.as_str())
    );
    // Default project rules.
    api.put(
        &format!("{p}/{default_id}"),
        "<tsRequest><project name=\"renamed\"/></tsRequest>",
    )
    .expect_error(403, "403005");
    api.delete(&format!("{p}/{default_id}"))
        .expect_error(403, "403003");
    // Empty PUT (TSC get_by_id) returns the project.
    let r = api.put(
        &format!("{p}/{a1}?publishSamples=False"),
        "<tsRequest><project /></tsRequest>",
    );
    r.expect(200);
    assert_eq!(
        r.xml().child("project").unwrap().attr("parentProjectId"),
        Some(a.as_str())
    );
    api.put(
        &format!("{p}/{}", new_id()),
        "<tsRequest><project /></tsRequest>",
    )
    .expect_error(404, "404005");
    // Update: name, description, permissions, parent, owner.
    let bob = api.user("bob", "Creator");
    let r = api.put(&format!("{p}/{a1}"), &format!(
        "<tsRequest><project name=\"Moved\" description=\"dd\" contentPermissions=\"LockedToProject\" parentProjectId=\"{b}\"><owner id=\"{bob}\"/></project></tsRequest>"));
    r.expect(200);
    let x = r.xml();
    let m = x.child("project").unwrap();
    assert_eq!(
        (
            m.attr("name"),
            m.attr("description"),
            m.attr("contentPermissions"),
            m.attr("parentProjectId")
        ),
        (
            Some("Moved"),
            Some("dd"),
            Some("LockedToProject"),
            Some(b.as_str())
        )
    );
    assert_eq!(m.child("owner").unwrap().attr("id"), Some(bob.as_str()));
    api.put(
        &format!("{p}/{a1}"),
        "<tsRequest><project name=\"child\"/></tsRequest>",
    )
    .expect_error(409, "409006");
    api.put(
        &format!("{p}/{a1}"),
        "<tsRequest><project contentPermissions=\"Nope\"/></tsRequest>",
    )
    .expect_error(400, "400000");
    api.put(
        &format!("{p}/{a}"),
        &format!("<tsRequest><project parentProjectId=\"{a}\"/></tsRequest>"),
    )
    .expect_error(400, "400000");
    api.put(
        &format!("{p}/{a1}"),
        &format!(
            "<tsRequest><project><owner id=\"{}\"/></project></tsRequest>",
            new_id()
        ),
    )
    .expect_error(404, "404002");
    api.put(
        &format!("{p}/{a1}"),
        "<tsRequest><project parentProjectId=\"\"/></tsRequest>",
    )
    .expect(200);
    // contentsCounts with fields=_all_.
    let r = api.get(&format!("{p}?fields=_all_&filter=name:eq:Alpha"));
    let x = r.xml();
    let al = x.child("projects").unwrap().child("project").unwrap();
    assert_eq!(
        al.child("contentsCounts").unwrap().attr("projectCount"),
        Some("0")
    );
    assert_eq!(al.attr("topLevelProject"), Some("true"));
    // Delete removes nested projects and their content.
    let c = api.project("Inner", Some(&b));
    {
        let mut st = api.emu.shared().write();
        let ss = st.site_mut(&api.site).unwrap();
        let wb = Workbook {
            id: new_id(),
            name: "WB".into(),
            project_id: c.clone(),
            owner_id: api.user.clone(),
            ..Default::default()
        };
        let v = View {
            id: new_id(),
            name: "V".into(),
            workbook_id: wb.id.clone(),
            ..Default::default()
        };
        ss.views.insert(v);
        ss.workbooks.insert(wb);
    }
    api.delete(&format!("{p}/{b}")).expect(204);
    let names_now = names(&api.get(&p), "projects", "project");
    assert!(
        !names_now.contains(&"Beta".to_string()) && !names_now.contains(&"Inner".to_string()),
        "{names_now:?}"
    );
    {
        let st = api.emu.shared().read();
        let ss = st.site(&api.site).unwrap();
        // Only the samples `publishSamples=True` put into "Samples" above are left.
        assert!(ss
            .workbooks
            .iter()
            .all(|w| w.name != "WB" && w.project_id != c));
        assert!(ss.views.iter().all(|v| v.name != "V"));
        assert_eq!(ss.workbooks.len(), 2);
    }
    api.delete(&format!("{p}/{b}")).expect_error(404, "404005");
}

#[test]
fn users_rules() {
    let api = Api::new(Config::default());
    let u = api.s("users");
    let r = api.post(&u, "<tsRequest><user name=\"Cassie\" siteRole=\"Viewer\" authSetting=\"ServerDefault\"/></tsRequest>");
    r.expect(201);
    let x = r.xml();
    let c = x.child("user").unwrap();
    assert_eq!(
        (
            c.attr("name"),
            c.attr("siteRole"),
            c.attr("authSetting"),
            c.attr("externalAuthUserId")
        ),
        (
            Some("Cassie"),
            Some("Viewer"),
            Some("ServerDefault"),
            Some("")
        )
    );
    let cid = c.attr("id").unwrap().to_string();
    api.post(
        &u,
        "<tsRequest><user name=\"cassie\" siteRole=\"Viewer\"/></tsRequest>",
    )
    .expect_error(409, "409000");
    api.post(
        &u,
        "<tsRequest><user name=\"x\" siteRole=\"Boss\"/></tsRequest>",
    )
    .expect_error(400, "400013");
    api.post(&u, "<tsRequest><user name=\"x\"/></tsRequest>")
        .expect_error(400, "400013");
    api.post(
        &u,
        "<tsRequest><user name=\"g\" siteRole=\"Guest\"/></tsRequest>",
    )
    .expect_error(409, "409005");
    api.post(&u, "<tsRequest><user siteRole=\"Viewer\"/></tsRequest>")
        .expect_error(400, "400000");
    // Query one.
    let r = api.get(&format!("{u}/{cid}"));
    assert_eq!(
        r.xml()
            .child("user")
            .unwrap()
            .child("domain")
            .unwrap()
            .attr("name"),
        Some("local")
    );
    api.get(&format!("{u}/{}", new_id()))
        .expect_error(404, "404002");
    // Update.
    let r = api.put(&format!("{u}/{cid}"), "<tsRequest><user fullName=\"Cassie C\" email=\"c@example.com\" siteRole=\"Explorer\" password=\"pw1\"/></tsRequest>");
    r.expect(200);
    let x = r.xml();
    let up = x.child("user").unwrap();
    assert_eq!(
        (up.attr("fullName"), up.attr("email"), up.attr("siteRole")),
        (Some("Cassie C"), Some("c@example.com"), Some("Explorer"))
    );
    signin(api.addr(), "Cassie", "pw1", "");
    api.put(
        &format!("{u}/{cid}"),
        "<tsRequest><user siteRole=\"Nope\"/></tsRequest>",
    )
    .expect_error(400, "400013");
    api.put(
        &format!("{u}/{cid}"),
        "<tsRequest><user email=\"not-an-email\"/></tsRequest>",
    )
    .expect_error(400, "400000");
    api.put(
        &format!("{u}/{}", api.user),
        "<tsRequest><user siteRole=\"Viewer\"/></tsRequest>",
    )
    .expect_error(403, "403009");
    api.put(
        &format!("{u}/{}", new_id()),
        "<tsRequest><user fullName=\"x\"/></tsRequest>",
    )
    .expect_error(404, "404002");
    // Filters with fields=_all_ (as TSC sends).
    let r = api.get(&format!("{u}?fields=_all_&filter=siteRole:eq:Explorer"));
    assert_eq!(names(&r, "users", "user"), vec!["Cassie"]);
    let x = r.xml();
    let row = x.child("users").unwrap().child("user").unwrap();
    assert_eq!(row.attr("email"), Some("c@example.com"));
    assert!(row.attr("lastLogin").is_some());
    // users/{id}/workbooks and groups.
    let r = api.get(&format!("{u}/{cid}/workbooks?ownedBy=true"));
    assert_eq!(pagination(&r), (1, 100, 0));
    let r = api.get(&format!("{u}/{cid}/groups"));
    assert_eq!(names(&r, "groups", "group"), vec!["All Users"]);
    api.get(&format!("{u}/{}/workbooks", new_id()))
        .expect_error(404, "404002");
    // Ownership: cannot remove while owning content, unless mapAssetsTo.
    let wb_id = new_id();
    {
        let mut st = api.emu.shared().write();
        let ss = st.site_mut(&api.site).unwrap();
        let pid = ss.default_project().unwrap().id.clone();
        ss.workbooks.insert(Workbook {
            id: wb_id.clone(),
            name: "Owned".into(),
            content_url: "Owned".into(),
            project_id: pid,
            owner_id: cid.clone(),
            ..Default::default()
        });
    }
    let r = api.get(&format!("{u}/{cid}/workbooks?ownedBy=true"));
    assert_eq!(names(&r, "workbooks", "workbook"), vec!["Owned"]);
    assert_eq!(
        names(
            &api.get(&format!("{u}/{}/workbooks?ownedBy=true", api.user)),
            "workbooks",
            "workbook"
        )
        .len(),
        0
    );
    assert_eq!(
        names(
            &api.get(&format!("{u}/{}/workbooks", api.user)),
            "workbooks",
            "workbook"
        ),
        vec!["Owned"]
    );
    api.delete(&format!("{u}/{cid}"))
        .expect_error(409, "409003");
    api.delete(&format!("{u}/{cid}?mapAssetsTo={}", new_id()))
        .expect_error(404, "404002");
    api.delete(&format!("{u}/{cid}?mapAssetsTo={}", api.user))
        .expect(204);
    assert_eq!(
        names(
            &api.get(&format!("{u}/{}/workbooks?ownedBy=true", api.user)),
            "workbooks",
            "workbook"
        ),
        vec!["Owned"]
    );
    api.delete(&format!("{u}/{cid}"))
        .expect_error(404, "404002");
    api.delete(&format!("{u}/{}", api.user))
        .expect_error(403, "403004");
}

#[test]
fn groups_rules() {
    let api = Api::new(Config::default());
    let g = api.s("groups");
    let r = api.get(&g);
    let all_users = {
        let x = r.xml();
        let first = x.child("groups").unwrap().child("group").unwrap();
        assert_eq!(first.attr("name"), Some("All Users"));
        first.attr("id").unwrap().to_string()
    };
    let r = api.post(
        &g,
        "<tsRequest><group name=\"Analysts\" minimumSiteRole=\"Viewer\"/></tsRequest>",
    );
    r.expect(201);
    let x = r.xml();
    let ge = x.child("group").unwrap();
    assert_eq!(ge.attr("minimumSiteRole"), Some("Viewer"));
    assert_eq!(ge.child("domain").unwrap().attr("name"), Some("local"));
    let gid = ge.attr("id").unwrap().to_string();
    api.post(&g, "<tsRequest><group name=\"ANALYSTS\"/></tsRequest>")
        .expect_error(409, "409009");
    api.post(&g, "<tsRequest><group name=\"all users\"/></tsRequest>")
        .expect_error(409, "409009");
    api.post(
        &g,
        "<tsRequest><group name=\"x\" minimumSiteRole=\"Boss\"/></tsRequest>",
    )
    .expect_error(400, "400013");
    api.post(&g, "<tsRequest><group name=\"AD\"><import source=\"ActiveDirectory\" domainName=\"corp\" grantLicenseMode=\"onLogin\" siteRole=\"Viewer\"/></group></tsRequest>").expect_error(403, "403011");
    api.post(&format!("{g}?asJob=true"), "<tsRequest><group name=\"AD\"><import source=\"ActiveDirectory\" domainName=\"corp\"/></group></tsRequest>").expect_error(403, "403011");
    // Members.
    let u1 = api.user("u1", "Viewer");
    let u2 = api.user("u2", "Explorer");
    let u3 = api.user("u3", "Creator");
    let m = format!("{g}/{gid}/users");
    let r = api.post(&m, &format!("<tsRequest><user id=\"{u1}\"/></tsRequest>"));
    r.expect(200);
    assert_eq!(r.xml().child("user").unwrap().attr("name"), Some("u1"));
    api.post(&m, &format!("<tsRequest><user id=\"{u1}\"/></tsRequest>"))
        .expect_error(409, "409011");
    api.post(
        &m,
        &format!("<tsRequest><user id=\"{}\"/></tsRequest>", new_id()),
    )
    .expect_error(404, "404002");
    api.post(
        &format!("{g}/{}/users", new_id()),
        &format!("<tsRequest><user id=\"{u1}\"/></tsRequest>"),
    )
    .expect_error(404, "404012");
    let r = api.post(
        &m,
        &format!("<tsRequest><users><user id=\"{u2}\"/><user id=\"{u3}\"/></users></tsRequest>"),
    );
    r.expect(200);
    assert_eq!(names(&r, "users", "user"), vec!["u2", "u3"]);
    let r = api.get(&format!("{m}?pageSize=2"));
    assert_eq!(pagination(&r), (1, 2, 3));
    assert_eq!(names(&r, "users", "user"), vec!["u1", "u2"]);
    // All Users has everyone.
    let r = api.get(&format!("{g}/{all_users}/users"));
    assert_eq!(pagination(&r).2, 4);
    // Filters on groups.
    let r = api.get(&format!("{g}?filter=userCount:gte:3&fields=_all_"));
    assert_eq!(names(&r, "groups", "group"), vec!["All Users", "Analysts"]);
    let r = api.get(&format!(
        "{g}?filter=minimumSiteRole:eq:Viewer,isLocal:eq:true"
    ));
    assert_eq!(names(&r, "groups", "group"), vec!["Analysts"]);
    let r = api.get(&format!("{g}?filter=domainName:eq:local&sort=name:desc"));
    assert_eq!(names(&r, "groups", "group"), vec!["Analysts", "All Users"]);
    // Remove.
    api.delete(&format!("{m}/{u1}")).expect(204);
    api.delete(&format!("{m}/{u1}")).expect_error(404, "404002");
    api.delete(&format!("{m}/{}", new_id()))
        .expect_error(404, "404002");
    api.delete(&format!("{g}/{}/users/{u1}", new_id()))
        .expect_error(404, "404012");
    api.delete(&format!("{g}/{all_users}/users/{u1}"))
        .expect_error(400, "400032");
    api.put(
        &format!("{m}/remove"),
        &format!("<tsRequest><users><user id=\"{u2}\"/><user id=\"{u3}\"/></users></tsRequest>"),
    )
    .expect(204);
    assert_eq!(pagination(&api.get(&m)), (1, 100, 0));
    // User's groups.
    api.post(&m, &format!("<tsRequest><user id=\"{u1}\"/></tsRequest>"))
        .expect(200);
    assert_eq!(
        names(
            &api.get(&api.s(&format!("users/{u1}/groups"))),
            "groups",
            "group"
        ),
        vec!["All Users", "Analysts"]
    );
    // Update.
    let r = api.put(
        &format!("{g}/{gid}?asJob=False"),
        "<tsRequest><group name=\"Analysts 2\" minimumSiteRole=\"Explorer\"/></tsRequest>",
    );
    r.expect(200);
    assert_eq!(
        r.xml().child("group").unwrap().attr("name"),
        Some("Analysts 2")
    );
    api.put(
        &format!("{g}/{gid}?asJob=True"),
        "<tsRequest><group name=\"A\"/></tsRequest>",
    )
    .expect_error(400, "400000");
    api.put(
        &format!("{g}/{gid}"),
        "<tsRequest><group name=\"all users\"/></tsRequest>",
    )
    .expect_error(409, "409009");
    api.put(
        &format!("{g}/{all_users}"),
        "<tsRequest><group name=\"Everyone\"/></tsRequest>",
    )
    .expect_error(403, "403004");
    api.put(
        &format!("{g}/{}", new_id()),
        "<tsRequest><group name=\"x\"/></tsRequest>",
    )
    .expect_error(404, "404012");
    // Delete.
    api.delete(&format!("{g}/{all_users}"))
        .expect_error(403, "403004");
    api.delete(&format!("{g}/{gid}")).expect(204);
    api.delete(&format!("{g}/{gid}"))
        .expect_error(404, "404012");
}

#[test]
fn favorites_rules() {
    let api = Api::new(Config::default());
    let me = &api.user;
    let f = api.s(&format!("favorites/{me}"));
    let p1 = api.project("Fav One", None);
    let p2 = api.project("Fav Two", None);
    let r = api.put(
        &f,
        &format!(
            "<tsRequest><favorite label=\"Fav One\"><project id=\"{p1}\"/></favorite></tsRequest>"
        ),
    );
    r.expect(200);
    api.put(
        &f,
        &format!(
            "<tsRequest><favorite label=\"again\"><project id=\"{p1}\"/></favorite></tsRequest>"
        ),
    )
    .expect_error(409, "409007");
    api.put(
        &f,
        &format!(
            "<tsRequest><favorite label=\"x\"><project id=\"{}\"/></favorite></tsRequest>",
            new_id()
        ),
    )
    .expect_error(404, "404005");
    api.put(
        &f,
        &format!(
            "<tsRequest><favorite label=\"x\"><workbook id=\"{}\"/></favorite></tsRequest>",
            new_id()
        ),
    )
    .expect_error(404, "404006");
    api.put(
        &f,
        &format!(
            "<tsRequest><favorite label=\"x\"><view id=\"{}\"/></favorite></tsRequest>",
            new_id()
        ),
    )
    .expect_error(404, "404011");
    api.put(
        &f,
        &format!(
            "<tsRequest><favorite label=\"x\"><datasource id=\"{}\"/></favorite></tsRequest>",
            new_id()
        ),
    )
    .expect_error(404, "404004");
    api.put(
        &f,
        &format!("<tsRequest><favorite label=\"  \"><project id=\"{p2}\"/></favorite></tsRequest>"),
    )
    .expect_error(400, "400005");
    api.put(
        &api.s(&format!("favorites/{}", new_id())),
        &format!("<tsRequest><favorite label=\"x\"><project id=\"{p2}\"/></favorite></tsRequest>"),
    )
    .expect_error(404, "404002");
    // A workbook and a view from state (content families add them for real).
    let (wb, view) = (new_id(), new_id());
    {
        let mut st = api.emu.shared().write();
        let ss = st.site_mut(&api.site).unwrap();
        ss.workbooks.insert(Workbook {
            id: wb.clone(),
            name: "Sales".into(),
            content_url: "Sales".into(),
            project_id: p1.clone(),
            owner_id: me.clone(),
            view_ids: vec![view.clone()],
            ..Default::default()
        });
        ss.views.insert(View {
            id: view.clone(),
            name: "Overview".into(),
            workbook_id: wb.clone(),
            project_id: p1.clone(),
            owner_id: me.clone(),
            sheet_type: "worksheet".into(),
            ..Default::default()
        });
    }
    api.put(
        &f,
        &format!(
            "<tsRequest><favorite label=\"Sales\"><workbook id=\"{wb}\"/></favorite></tsRequest>"
        ),
    )
    .expect(200);
    api.put(
        &f,
        &format!(
            "<tsRequest><favorite label=\"Overview\"><view id=\"{view}\"/></favorite></tsRequest>"
        ),
    )
    .expect(200);
    let r = api.get(&f);
    r.expect(200);
    assert_eq!(pagination(&r), (1, 100, 3));
    let x = r.xml();
    let favs: Vec<_> = x
        .child("favorites")
        .unwrap()
        .children_named("favorite")
        .collect();
    assert_eq!(favs.len(), 3);
    assert_eq!(favs[0].attr("label"), Some("Fav One"));
    assert_eq!(
        favs[0].child("project").unwrap().attr("name"),
        Some("Fav One")
    );
    assert_eq!(
        favs[1].child("workbook").unwrap().attr("contentUrl"),
        Some("Sales")
    );
    assert_eq!(
        favs[2].child("view").unwrap().attr("name"),
        Some("Overview")
    );
    // Delete: plural and singular segments.
    api.delete(&api.s(&format!("favorites/{me}/workbooks/{wb}")))
        .expect(204);
    api.delete(&api.s(&format!("favorites/{me}/workbooks/{wb}")))
        .expect_error(404, "404010");
    api.delete(&api.s(&format!("favorites/{me}/view/{view}")))
        .expect(204);
    api.delete(&api.s(&format!("favorites/{me}/projects/{p2}")))
        .expect_error(404, "404010");
    api.delete(&api.s(&format!("favorites/{me}/projects/{}", new_id())))
        .expect_error(404, "404005");
    api.delete(&api.s(&format!("favorites/{me}/things/{p1}")))
        .expect_error(404, "404003");
    // Deleting the project removes the favorite.
    api.delete(&api.s(&format!("projects/{p1}"))).expect(204);
    assert_eq!(pagination(&api.get(&f)), (1, 100, 0));
}

/// Issue 11: a job is queued (Pending), then runs (InProgress), then finishes, over its delay.
#[test]
fn jobs_queue_then_run_then_finish() {
    let api = Api::new(Config::default());
    let j = api.s("jobs");
    let r = api.control("POST", "/_emulator/jobs?site=&delayMs=1200", None);
    let id = r
        .xml()
        .child("job")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let read = || {
        let r = api.get(&format!("{j}/{id}"));
        let x = r.xml();
        let job = x.child("job").unwrap();
        let p: u32 = job.attr("progress").unwrap().parse().unwrap();
        (
            p,
            job.attr("startedAt").is_some(),
            job.attr("completedAt").is_some(),
        )
    };
    assert_eq!(read(), (0, false, false), "queued at first");
    std::thread::sleep(std::time::Duration::from_millis(800));
    let (p, started, done) = read();
    assert!(started && !done && (1..100).contains(&p), "running: {p}");
    std::thread::sleep(std::time::Duration::from_millis(600));
    assert_eq!(read(), (100, true, true), "finished");
}

#[test]
fn jobs_clock_and_cancel() {
    let api = Api::new(Config::default());
    let j = api.s("jobs");
    // Empty list: page 1 is fine, page 2 is not.
    assert_eq!(pagination(&api.get(&j)), (1, 100, 0));
    api.get(&format!("{j}?pageNumber=2"))
        .expect_error(400, "400006");
    let r = api.control(
        "POST",
        "/_emulator/jobs?site=&type=RefreshExtract&delayMs=0",
        None,
    );
    r.expect(201);
    let id = r
        .xml()
        .child("job")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let r = api.get(&format!("{j}/{id}"));
    let x = r.xml();
    let job = x.child("job").unwrap();
    assert_eq!(
        (job.attr("progress"), job.attr("finishCode")),
        (Some("100"), Some("0"))
    );
    assert!(job.attr("completedAt").is_some());
    api.get(&format!("{j}/{}", new_id()))
        .expect_error(404, "404018");
    // A slow job: in progress, then cancelled.
    let r = api.control("POST", "/_emulator/jobs?site=&delayMs=60000", None);
    let slow = r
        .xml()
        .child("job")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let r = api.get(&format!("{j}/{slow}"));
    let x = r.xml();
    let job = x.child("job").unwrap();
    assert!(job.attr("completedAt").is_none());
    // Queued: progress 0 and no startedAt, found by the filter clients use for queued jobs.
    assert_eq!(job.attr("progress"), Some("0"));
    assert!(job.attr("startedAt").is_none());
    let r = api.get(&format!("{j}?filter=status:eq:Pending"));
    assert_eq!(pagination(&r).2, 1);
    let r = api.get(&format!("{j}?filter=progress:lte:0"));
    assert_eq!(pagination(&r).2, 1);
    let r = api.put(&format!("{j}/{slow}"), "");
    r.expect(200);
    assert_eq!(r.xml().child("job").unwrap().attr("finishCode"), Some("2"));
    api.put(&format!("{j}/{slow}"), "")
        .expect_error(403, "403091");
    let r = api.get(&format!("{j}?sort=createdAt:asc"));
    let x = r.xml();
    let statuses: Vec<&str> = x
        .child("backgroundJobs")
        .unwrap()
        .children_named("backgroundJob")
        .map(|b| b.attr("status").unwrap())
        .collect();
    assert_eq!(statuses, vec!["Success", "Cancelled"]);
    // The settings endpoint makes new jobs slow.
    api.control("POST", "/_emulator/settings?jobDelayMs=60000", None)
        .expect(200);
    let r = api.control("POST", "/_emulator/jobs?site=", None);
    let id3 = r
        .xml()
        .child("job")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    assert!(api
        .get(&format!("{j}/{id3}"))
        .xml()
        .child("job")
        .unwrap()
        .attr("completedAt")
        .is_none());
}

#[test]
fn non_admin_restrictions() {
    let api = Api::new(Config::default());
    let v = api.user("viewer", "Viewer");
    api.put(
        &api.s(&format!("users/{v}")),
        "<tsRequest><user password=\"pw\"/></tsRequest>",
    )
    .expect(200);
    let (t, _, _) = signin(api.addr(), "viewer", "pw", "");
    let a = api.addr();
    req(
        a,
        "POST",
        &api.s("projects"),
        Some(&t),
        Some("<tsRequest><project name=\"v\"/></tsRequest>"),
    )
    .expect_error(403, "403004");
    req(
        a,
        "POST",
        &api.s("groups"),
        Some(&t),
        Some("<tsRequest><group name=\"v\"/></tsRequest>"),
    )
    .expect_error(403, "403004");
    req(
        a,
        "POST",
        &format!("/api/{V}/sites"),
        Some(&t),
        Some("<tsRequest><site name=\"v\" contentUrl=\"v\"/></tsRequest>"),
    )
    .expect_error(403, "403004");
    // Own profile updates are allowed, role changes are not.
    req(
        a,
        "PUT",
        &api.s(&format!("users/{v}")),
        Some(&t),
        Some("<tsRequest><user fullName=\"V\"/></tsRequest>"),
    )
    .expect(200);
    req(
        a,
        "PUT",
        &api.s(&format!("users/{v}")),
        Some(&t),
        Some("<tsRequest><user siteRole=\"Creator\"/></tsRequest>"),
    )
    .expect_error(403, "403009");
    // Sites list: only the user's sites.
    api.post(
        &format!("/api/{V}/sites"),
        "<tsRequest><site name=\"Hidden\" contentUrl=\"hidden\"/></tsRequest>",
    )
    .expect(201);
    let r = req(a, "GET", &format!("/api/{V}/sites"), Some(&t), None);
    assert_eq!(names(&r, "sites", "site"), vec!["Default"]);
}
