//! Jobs, extract refreshes, schedules, tasks and subscriptions over the wire, in XML and in
//! Tableau's JSON (`Accept: application/json`): the reply shapes, the state they change and
//! Tableau's error codes.

mod common;

use common::*;
use serde_json::Value;

/// One request answered as JSON; the parsed body.
fn json(api: &Api, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let mut msg = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept: application/json\r\nX-Tableau-Auth: {}\r\n",
        api.token
    );
    let body = body.unwrap_or("");
    if !body.is_empty() {
        let ct = if body.starts_with('{') {
            "application/json"
        } else {
            "application/xml"
        };
        msg.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    msg.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    let r = raw(api.addr(), msg.as_bytes());
    let text = r.text();
    let v = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    (r.status, v)
}

/// A data source of the default site (made through the control endpoint); its id.
fn datasource(api: &Api, prefix: &str) -> String {
    api.control(
        "POST",
        &format!("/_emulator/bulk/datasources?site=&count=1&prefix={prefix}"),
        None,
    )
    .expect(200);
    let r = api.get(&api.s("datasources"));
    let x = r.xml();
    x.child("datasources")
        .and_then(|l| {
            l.children
                .iter()
                .find(|d| d.attr("name").is_some_and(|n| n.starts_with(prefix)))
        })
        .and_then(|d| d.attr("id"))
        .unwrap_or_else(|| panic!("no data source {prefix}…: {}", r.text()))
        .to_string()
}

#[test]
fn refresh_jobs_progress_and_finish_in_json() {
    let api = Api::new(config());
    let ds = datasource(&api, "jsonds");
    api.control("POST", "/_emulator/settings?jobDelayMs=200", None)
        .expect(200);
    let (st, v) = json(
        &api,
        "POST",
        &api.s(&format!("datasources/{ds}/refresh")),
        Some("{}"),
    );
    assert_eq!(st, 202, "{v}");
    let job = &v["job"];
    assert_eq!(job["type"], "RefreshExtract", "{v}");
    assert_eq!(
        job["extractRefreshJob"]["datasource"]["id"],
        ds.as_str(),
        "{v}"
    );
    let id = job["id"].as_str().expect("job id").to_string();

    // a second refresh while the first is queued: 409093
    let (st, v) = json(
        &api,
        "POST",
        &api.s(&format!("datasources/{ds}/refresh")),
        None,
    );
    assert_eq!(st, 409, "{v}");
    assert_eq!(v["error"]["code"], "409093", "{v}");

    // the list rule: backgroundJobs holds a list of backgroundJob
    let (st, v) = json(&api, "GET", &api.s("jobs"), None);
    assert_eq!(st, 200);
    let list = v["backgroundJobs"]["backgroundJob"]
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"));
    assert!(list.iter().any(|j| j["id"] == id.as_str()), "{v}");

    // it ends: completedAt, finishCode 0, notes
    let end = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let done = loop {
        let (_, v) = json(&api, "GET", &api.s(&format!("jobs/{id}")), None);
        if v["job"].get("completedAt").is_some() {
            break v;
        }
        assert!(std::time::Instant::now() < end, "the job never ended: {v}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(done["job"]["finishCode"], "0", "{done}");
    assert_eq!(done["job"]["progress"], "100", "{done}");
}

#[test]
fn injected_outcomes_fail_jobs_and_extracts_change_items() {
    let api = Api::new(config());
    let ds = datasource(&api, "failds");
    api.control(
        "POST",
        "/_emulator/jobOutcomes?finishCode=1&notes=boom&type=RefreshExtract",
        None,
    )
    .expect(200);
    let r = api.post(&api.s(&format!("datasources/{ds}/refresh")), "<tsRequest/>");
    r.expect(202);
    let id = r
        .xml()
        .child("job")
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let r = api.get(&api.s(&format!("jobs/{id}")));
    let job = r.xml();
    let job = job.child("job").unwrap();
    assert_eq!(job.attr("finishCode"), Some("1"), "{}", r.text());
    assert!(r.text().contains("boom"), "{}", r.text());

    // create and delete the extract: hasExtracts follows, encryptExtracts on create
    let r = api.post(
        &api.s(&format!("datasources/{ds}/createExtract?encrypt=true")),
        "<tsRequest/>",
    );
    r.expect(202);
    let r = api.get(&api.s(&format!("datasources/{ds}")));
    let x = r.xml();
    let d = x.child("datasource").unwrap();
    assert_eq!(d.attr("hasExtracts"), Some("true"), "{}", r.text());
    assert_eq!(d.attr("encryptExtracts"), Some("true"), "{}", r.text());
    api.post(
        &api.s(&format!("datasources/{ds}/deleteExtract")),
        "<tsRequest/>",
    )
    .expect(202);
    let r = api.get(&api.s(&format!("datasources/{ds}")));
    assert_eq!(
        r.xml().child("datasource").unwrap().attr("hasExtracts"),
        Some("false")
    );
    api.post(
        &api.s("datasources/00000000-0000-0000-0000-000000000000/refresh"),
        "<tsRequest/>",
    )
    .expect_error(404, "404004");
}

/// `POST /api/{V}/schedules` with a JSON body; the created schedule as JSON.
fn create_schedule(api: &Api, body: &str) -> (u16, Value) {
    json(api, "POST", &format!("/api/{V}/schedules"), Some(body))
}

#[test]
fn schedules_in_json_and_their_validation() {
    let api = Api::new(config());
    let (st, v) = create_schedule(
        &api,
        r#"{"schedule":{"name":"Weekly","type":"Extract","frequency":"Weekly","frequencyDetails":{"start":"23:00:00","intervals":{"interval":[{"weekDay":"Monday"},{"weekDay":"Friday"}]}}}}"#,
    );
    assert_eq!(st, 201, "{v}");
    let s = &v["schedule"];
    assert_eq!(s["frequency"], "Weekly", "{v}");
    let intervals = s["frequencyDetails"]["intervals"]["interval"]
        .as_array()
        .unwrap_or_else(|| panic!("intervals not a list: {v}"));
    assert_eq!(intervals.len(), 2, "{v}");
    assert_eq!(intervals[1]["weekDay"], "Friday", "{v}");
    let id = s["id"].as_str().unwrap().to_string();

    // one interval is still a list; the listing is {"schedules":{"schedule":[…]}}
    let (st, v) = create_schedule(
        &api,
        r#"{"schedule":{"name":"Hourly","type":"Extract","frequency":"Hourly","frequencyDetails":{"start":"08:00:00","end":"18:00:00","intervals":{"interval":{"hours":"2"}}}}}"#,
    );
    assert_eq!(st, 201, "{v}");
    assert!(
        v["schedule"]["frequencyDetails"]["intervals"]["interval"].is_array(),
        "{v}"
    );
    let (st, v) = json(&api, "GET", &format!("/api/{V}/schedules"), None);
    assert_eq!(st, 200);
    let list = v["schedules"]["schedule"]
        .as_array()
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(list.len(), 2, "{v}");
    assert_eq!(v["pagination"]["totalAvailable"], "2", "{v}");

    // the server's rules, and Tableau's codes
    for bad in [
        r#"{"schedule":{"name":"B1","type":"Extract","frequency":"Hourly","frequencyDetails":{"start":"08:00:00","end":"18:00:00","intervals":{"interval":{"hours":"3"}}}}}"#,
        r#"{"schedule":{"name":"B2","type":"Extract","frequency":"Weekly","frequencyDetails":{"start":"08:00:00","intervals":{"interval":{"monthDay":"3"}}}}}"#,
        r#"{"schedule":{"name":"B3","type":"Extract","frequency":"Monthly","frequencyDetails":{"start":"08:00:00"}}}"#,
        r#"{"schedule":{"name":"B4","type":"Nightly","frequency":"Daily","frequencyDetails":{"start":"08:00:00"}}}"#,
    ] {
        let (st, v) = create_schedule(&api, bad);
        assert_eq!(st, 400, "{bad}: {v}");
        assert_eq!(v["error"]["code"], "400000", "{v}");
    }
    let (st, v) = create_schedule(
        &api,
        r#"{"schedule":{"name":"weekly","type":"Extract","frequency":"Daily","frequencyDetails":{"start":"08:00:00"}}}"#,
    );
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (409, Some("409021")),
        "{v}"
    );

    // a data source on the schedule is one of its extract refresh tasks
    let ds = datasource(&api, "schedds");
    let (st, v) = json(
        &api,
        "PUT",
        &api.s(&format!("schedules/{id}/datasources")),
        Some(&format!(
            r#"{{"task":{{"extractRefresh":{{"datasource":{{"id":"{ds}"}}}}}}}}"#
        )),
    );
    assert_eq!(st, 200, "{v}");
    assert_eq!(
        v["task"]["extractRefresh"]["datasource"]["id"],
        ds.as_str(),
        "{v}"
    );
    let (_, v) = json(
        &api,
        "GET",
        &api.s(&format!("schedules/{id}/extracts")),
        None,
    );
    let tasks = v["extracts"]["extract"]
        .as_array()
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(tasks.len(), 1, "{v}");

    let (st, _) = json(&api, "DELETE", &format!("/api/{V}/schedules/{id}"), None);
    assert_eq!(st, 204);
    let (st, v) = json(&api, "GET", &format!("/api/{V}/schedules/{id}"), None);
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (404, Some("404021")),
        "{v}"
    );
}

#[test]
fn tasks_in_json_run_now_and_their_own_schedules() {
    let api = Api::new(config());
    let ds = datasource(&api, "taskds");
    let (_, v) = create_schedule(
        &api,
        r#"{"schedule":{"name":"Nightly","type":"Extract","frequency":"Daily","frequencyDetails":{"start":"02:00:00"}}}"#,
    );
    let sid = v["schedule"]["id"].as_str().unwrap().to_string();
    let (st, _) = json(
        &api,
        "PUT",
        &api.s(&format!("schedules/{sid}/datasources")),
        Some(&format!(
            r#"{{"task":{{"extractRefresh":{{"datasource":{{"id":"{ds}"}}}}}}}}"#
        )),
    );
    assert_eq!(st, 200);
    // {"tasks":{"task":[{"extractRefresh":{…,"schedule":{…},"datasource":{…}}}]}}
    let (st, v) = json(&api, "GET", &api.s("tasks/extractRefreshes"), None);
    assert_eq!(st, 200);
    let tasks = v["tasks"]["task"]
        .as_array()
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(tasks.len(), 1, "{v}");
    let er = &tasks[0]["extractRefresh"];
    assert_eq!(er["schedule"]["id"], sid.as_str(), "{v}");
    assert_eq!(er["datasource"]["id"], ds.as_str(), "{v}");
    let tid = er["id"].as_str().unwrap().to_string();

    let (st, v) = json(
        &api,
        "POST",
        &api.s(&format!("tasks/extractRefreshes/{tid}/runNow")),
        Some("{}"),
    );
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["job"]["type"], "RefreshExtract", "{v}");
    let (_, v) = json(
        &api,
        "GET",
        &api.s(&format!("tasks/extractRefreshes/{tid}")),
        None,
    );
    assert!(v["task"]["extractRefresh"]["lastRunAt"].is_string(), "{v}");

    // a task with its own schedule: the reply's root holds the task and the schedule
    let (st, v) = json(
        &api,
        "POST",
        &api.s("tasks/extractRefreshes"),
        Some(&format!(
            r#"{{"extractRefresh":{{"type":"IncrementalRefresh","datasource":{{"id":"{ds}"}}}},"schedule":{{"frequency":"Hourly","frequencyDetails":{{"start":"01:00:00","end":"23:00:00","intervals":{{"interval":{{"hours":"4"}}}}}}}}}}"#
        )),
    );
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["extractRefresh"]["type"], "IncrementalRefresh", "{v}");
    assert_eq!(v["schedule"]["frequency"], "Hourly", "{v}");
    let (st, v) = json(
        &api,
        "POST",
        &api.s("tasks/extractRefreshes"),
        Some(&format!(
            r#"{{"extractRefresh":{{"datasource":{{"id":"{ds}"}}}},"schedule":{{"frequency":"Hourly","frequencyDetails":{{"start":"01:00:00","end":"23:00:00","intervals":{{"interval":{{"hours":"5"}}}}}}}}}}"#
        )),
    );
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (400, Some("400000")),
        "{v}"
    );
    let (st, _) = json(
        &api,
        "DELETE",
        &api.s(&format!("tasks/extractRefreshes/{tid}")),
        None,
    );
    assert_eq!(st, 204);
    let (st, v) = json(
        &api,
        "GET",
        &api.s(&format!("tasks/extractRefreshes/{tid}")),
        None,
    );
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (404, Some("404030")),
        "{v}"
    );
}

#[test]
fn subscriptions_in_json() {
    let api = Api::new(config());
    let (_, v) = create_schedule(
        &api,
        r#"{"schedule":{"name":"Mornings","type":"Subscription","frequency":"Daily","frequencyDetails":{"start":"07:00:00"}}}"#,
    );
    let sid = v["schedule"]["id"].as_str().unwrap().to_string();
    let (_, v) = create_schedule(
        &api,
        r#"{"schedule":{"name":"Extracts","type":"Extract","frequency":"Daily","frequencyDetails":{"start":"07:00:00"}}}"#,
    );
    let xid = v["schedule"]["id"].as_str().unwrap().to_string();
    api.control(
        "POST",
        "/_emulator/bulk/workbooks?site=&count=1&prefix=subwb",
        None,
    )
    .expect(200);
    let (_, v) = json(&api, "GET", &api.s("workbooks"), None);
    let wb = v["workbooks"]["workbook"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let body = |schedule: &str| {
        format!(
            r#"{{"subscription":{{"subject":"Hi","attachPdf":"true","content":{{"id":"{wb}","type":"Workbook"}},"schedule":{{"id":"{schedule}"}},"user":{{"id":"{}"}}}}}}"#,
            api.user
        )
    };
    let (st, v) = json(&api, "POST", &api.s("subscriptions"), Some(&body(&sid)));
    assert_eq!(st, 201, "{v}");
    let s = &v["subscription"];
    assert_eq!(s["content"]["type"], "Workbook", "{v}");
    assert_eq!(s["attachPdf"], "true", "{v}");
    assert_eq!(s["schedule"]["name"], "Mornings", "{v}");
    let id = s["id"].as_str().unwrap().to_string();
    let (st, v) = json(&api, "POST", &api.s("subscriptions"), Some(&body(&xid)));
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (400, Some("400000")),
        "{v}"
    );

    let (_, v) = json(&api, "GET", &api.s("subscriptions"), None);
    let list = v["subscriptions"]["subscription"]
        .as_array()
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(list.len(), 1, "{v}");
    let (st, v) = json(
        &api,
        "PUT",
        &api.s(&format!("subscriptions/{id}")),
        Some(r#"{"subscription":{"suspended":"true","pageOrientation":"Landscape"}}"#),
    );
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["subscription"]["suspended"], "true", "{v}");
    assert_eq!(v["subscription"]["pageOrientation"], "Landscape", "{v}");
    let (st, _) = json(&api, "DELETE", &api.s(&format!("subscriptions/{id}")), None);
    assert_eq!(st, 204);
    let (st, v) = json(&api, "GET", &api.s(&format!("subscriptions/{id}")), None);
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (404, Some("404025")),
        "{v}"
    );
}

#[test]
fn hyper_data_updates_need_a_request_id_and_valid_actions() {
    let api = Api::new(config());
    let ds = datasource(&api, "hyperds");
    let path = api.s(&format!("datasources/{ds}/data"));
    let send = |request_id: Option<&str>, body: &str| {
        let mut msg = format!(
            "PATCH {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept: application/json\r\nX-Tableau-Auth: {}\r\nContent-Type: application/json\r\n",
            api.token
        );
        if let Some(r) = request_id {
            msg.push_str(&format!("RequestID: {r}\r\n"));
        }
        msg.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        let r = raw(api.addr(), msg.as_bytes());
        let v: Value = serde_json::from_str(&r.text()).unwrap_or(Value::Null);
        (r.status, v)
    };
    let delete = r#"{"actions":[{"action":"delete","target-table":"Extract"}]}"#;
    let (st, v) = send(Some("r1"), delete);
    assert_eq!(st, 202, "{v}");
    assert_eq!(v["job"]["type"], "UpdateHyperData", "{v}");
    assert_eq!(send(None, delete).0, 400);
    assert_eq!(send(Some("r2"), r#"{"actions":[]}"#).0, 400);
    // insert reads rows: it needs an uploaded payload
    let (st, v) = send(Some("r3"), r#"{"actions":[{"action":"insert"}]}"#);
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (400, Some("400000")),
        "{v}"
    );
}
