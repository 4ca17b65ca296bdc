//! Paging over large lists, filters (every operator, encodings), sort and fields.

mod common;
use common::*;
use std::collections::HashSet;
use std::time::{Duration, Instant};
use tsc_emulator::Config;

#[test]
fn ten_thousand_users_paged_without_repeats() {
    let api = Api::new(Config::default());
    api.control(
        "POST",
        "/_emulator/bulk/users?site=&count=10000&prefix=u",
        None,
    )
    .expect(200);
    let users = api.s("users");
    let mut seen = HashSet::new();
    for page in 1..=10 {
        let r = api.get(&format!(
            "{users}?pageSize=1000&pageNumber={page}&fields=_all_"
        ));
        r.expect(200);
        assert_eq!(pagination(&r), (page, 1000, 10001));
        for n in names(&r, "users", "user") {
            assert!(seen.insert(n.clone()), "duplicate {n}");
        }
    }
    let last = api.get(&format!("{users}?pageSize=1000&pageNumber=11"));
    assert_eq!(names(&last, "users", "user").len(), 1);
    assert_eq!(seen.len() + 1, 10001);
    api.get(&format!("{users}?pageSize=1000&pageNumber=12"))
        .expect_error(400, "400006");
    api.get(&format!("{users}?pageSize=0"))
        .expect_error(400, "400007");
    api.get(&format!("{users}?pageSize=abc"))
        .expect_error(400, "400007");
    api.get(&format!("{users}?pageSize=1001"))
        .expect_error(403, "403014");
    api.get(&format!("{users}?pageNumber=0"))
        .expect_error(400, "400006");
    api.get(&format!("{users}?pageNumber=x"))
        .expect_error(400, "400006");
    // Default page size.
    assert_eq!(pagination(&api.get(&users)), (1, 100, 10001));
    // 1000-item page timing (end to end on loopback, debug builds included).
    let mut best = Duration::MAX;
    for _ in 0..10 {
        let t0 = Instant::now();
        let r = api.get(&format!("{users}?pageSize=1000&pageNumber=5&fields=_all_"));
        best = best.min(t0.elapsed());
        assert_eq!(r.status, 200);
    }
    eprintln!("1000-user page: best {:?}", best);
    assert!(
        best < Duration::from_millis(100),
        "1000-item page took {best:?}"
    );
    // Sorted paging is stable too.
    let mut seen = HashSet::new();
    for page in 1..=11 {
        let r = api.get(&format!(
            "{users}?pageSize=1000&pageNumber={page}&sort=siteRole:asc,name:desc"
        ));
        for n in names(&r, "users", "user") {
            assert!(seen.insert(n.clone()), "duplicate {n}");
        }
    }
    assert_eq!(seen.len(), 10001);
}

#[test]
fn projects_2500_and_pager_walk() {
    let api = Api::new(Config::default());
    api.control(
        "POST",
        "/_emulator/bulk/projects?site=&count=2500&prefix=p",
        None,
    )
    .expect(200);
    api.control(
        "POST",
        "/_emulator/bulk/projects?site=&count=1&prefix=p",
        None,
    )
    .expect_error(409, "409006");
    api.control(
        "POST",
        "/_emulator/bulk/projects?site=nosuch&count=1&prefix=q",
        None,
    )
    .expect_error(404, "404000");
    let mut all = Vec::new();
    let mut page = 1;
    loop {
        let r = api.get(&format!(
            "{}?pageSize=100&pageNumber={page}",
            api.s("projects")
        ));
        let (pn, ps, total) = pagination(&r);
        all.extend(names(&r, "projects", "project"));
        if ps * pn >= total {
            break;
        }
        page += 1;
    }
    assert_eq!(page, 26);
    assert_eq!(all.len(), 2501);
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), 2501);
    assert_eq!(all[1], "p00001");
}

fn filter_names(api: &Api, raw_query: &str) -> Vec<String> {
    let r = api.get(&format!("{}?{raw_query}", api.s("projects")));
    assert_eq!(r.status, 200, "{raw_query}: {}", r.text());
    let mut v = names(&r, "projects", "project");
    v.retain(|n| n != "default");
    v
}

#[test]
fn filters_every_operator_and_encoding() {
    let api = Api::new(Config::default());
    for n in [
        "Sales, West",
        "Salesforce Sales Projeśt",
        "a:b:c",
        "[x]",
        "plain",
        "Plain Two",
    ] {
        api.project(n, None);
    }
    // eq with a comma, a colon, brackets, spaces, non-ASCII; raw and encoded forms.
    assert_eq!(
        filter_names(&api, "filter=name:eq:Sales,%20West"),
        vec!["Sales, West"]
    );
    assert_eq!(
        filter_names(&api, &format!("filter={}", enc("name:eq:Sales, West"))),
        vec!["Sales, West"]
    );
    assert_eq!(
        filter_names(&api, "filter=name%3Aeq%3ASales%2C+West"),
        vec!["Sales, West"]
    );
    assert_eq!(filter_names(&api, "filter=name:eq:a:b:c"), vec!["a:b:c"]);
    assert_eq!(filter_names(&api, "filter=name:eq:[x]"), vec!["[x]"]);
    assert_eq!(
        filter_names(&api, "filter=name:eq:Proje"),
        Vec::<String>::new()
    );
    // in: TSC >= 3.7 (form-encoded) and < 3.7 (raw brackets, %20 spaces).
    let want = vec!["Salesforce Sales Projeśt", "plain"];
    assert_eq!(
        filter_names(
            &api,
            &format!("filter={}", enc("name:in:[plain,Salesforce Sales Projeśt]"))
        ),
        want
    );
    assert_eq!(
        filter_names(
            &api,
            "filter=name%3Ain%3A%5Bplain%2CSalesforce+Sales+Proje%C5%9Bt%5D"
        ),
        want
    );
    assert_eq!(
        filter_names(
            &api,
            "filter=name:in:[plain,Salesforce%20Sales%20Proje%C5%9Bt]"
        ),
        want
    );
    // Several expressions (AND), one of them an in-list.
    assert_eq!(
        filter_names(
            &api,
            "filter=name:in:[plain,Plain%20Two],topLevelProject:eq:true"
        ),
        vec!["plain", "Plain Two"]
    );
    assert_eq!(
        filter_names(&api, "filter=name:in:[plain,Plain%20Two],name:eq:plain"),
        vec!["plain"]
    );
    // cieq, has, gt/gte/lt/lte on dates, ownerName.
    assert_eq!(filter_names(&api, "filter=name:cieq:PLAIN"), vec!["plain"]);
    assert_eq!(
        filter_names(&api, "filter=name:has:sales"),
        vec!["Sales, West", "Salesforce Sales Projeśt"]
    );
    assert_eq!(
        filter_names(&api, "filter=createdAt:gte:2000-01-01T00:00:00Z").len(),
        6
    );
    assert_eq!(
        filter_names(&api, "filter=createdAt:gt:2000-01-01T00:00:00Z").len(),
        6
    );
    assert_eq!(
        filter_names(&api, "filter=createdAt:lt:2000-01-01T00:00:00Z").len(),
        0
    );
    assert_eq!(
        filter_names(&api, "filter=updatedAt:lte:2999-01-01T00:00:00Z").len(),
        6
    );
    assert_eq!(filter_names(&api, "filter=ownerName:eq:admin").len(), 6);
    // Errors: unknown field, unsupported operator, bad value, malformed.
    for q in [
        "filter=bogus:eq:1",
        "filter=name:gt:a",
        "filter=name:like:a",
        "filter=createdAt:gt:yesterday",
        "filter=name",
        "sort=bogus:asc",
        "sort=name:sideways",
    ] {
        let r = api.get(&format!("{}?{q}", api.s("projects")));
        assert_eq!(r.status, 400, "{q}");
        assert_eq!(r.code(), "400065", "{q}");
    }
    // Unknown parameters are ignored.
    assert_eq!(
        filter_names(&api, "filter=name:eq:plain&createnew=true&x=%ZZ").len(),
        1
    );
}

#[test]
fn users_filters_sort_and_fields() {
    let api = Api::new(Config::default());
    let u = api.s("users");
    for (n, r) in [
        ("carol", "Viewer"),
        ("alice", "Creator"),
        ("Bob", "Viewer"),
        ("dave", "Explorer"),
    ] {
        api.user(n, r);
    }
    let all = |q: &str| names(api.get(&format!("{u}?{q}")).expect(200), "users", "user");
    assert_eq!(all("filter=siteRole:eq:Viewer"), vec!["carol", "Bob"]);
    assert_eq!(
        all("filter=siteRole:in:[Viewer,Creator]&sort=name:asc"),
        vec!["alice", "Bob", "carol"]
    );
    assert_eq!(
        all("sort=siteRole:asc,name:desc"),
        vec!["alice", "dave", "admin", "carol", "Bob"]
    );
    assert_eq!(
        all("sort=name:desc&pageSize=2&pageNumber=2"),
        vec!["Bob", "alice"]
    );
    assert_eq!(
        all("filter=lastLogin:gte:2000-01-01T00:00:00Z"),
        vec!["admin"]
    );
    // Names match case-insensitively with eq and in, as on Tableau (issue 11).
    assert_eq!(all("filter=name:eq:bob"), vec!["Bob"]);
    assert_eq!(all("filter=name:in:[BOB,Alice]"), vec!["alice", "Bob"]);
    assert_eq!(all("filter=name:cieq:bob"), vec!["Bob"]);
    // fields: only what was asked.
    let r = api.get(&format!("{u}?fields=name&filter=name:eq:alice"));
    let x = r.xml();
    let row = x.child("users").unwrap().child("user").unwrap();
    assert_eq!(row.attrs, vec![("name".to_string(), "alice".to_string())]);
    let r = api.get(&format!("{u}?fields=_default_,email&filter=name:eq:alice"));
    let x = r.xml();
    let row = x.child("users").unwrap().child("user").unwrap();
    assert!(
        row.attr("id").is_some()
            && row.attr("siteRole").is_some()
            && row.attr("fullName").is_none()
    );
    let r = api.get(&format!("{u}?fields=_all_&filter=name:eq:alice"));
    let x = r.xml();
    let row = x.child("users").unwrap().child("user").unwrap();
    assert!(row.attr("authSetting").is_some() && row.child("domain").is_some());
    // Projects: owner.name projection.
    let p = api.s("projects");
    let r = api.get(&format!("{p}?fields=name,owner.name"));
    let x = r.xml();
    let row = x.child("projects").unwrap().child("project").unwrap();
    assert_eq!(row.attr("name"), Some("default"));
    assert!(row.attr("id").is_none());
    assert_eq!(row.child("owner").unwrap().attr("name"), Some("admin"));
}
