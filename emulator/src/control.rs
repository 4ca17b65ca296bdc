//! Test-control endpoints under `/_emulator/` (no authentication):
//!
//! * `GET /_emulator/health` → 200
//! * `POST /_emulator/faults` with `<fault method path count action status retryAfter delayMs afterBytes/>`
//!   (or several inside `<faults>`/`<tsRequest>`); `GET` lists, `DELETE` clears
//! * `POST /_emulator/sessions/expire[?token=T]` → ends all sessions (or one)
//! * `POST /_emulator/bulk/users?site=URL&count=N&prefix=u[&siteRole=Viewer][&password=P]`
//! * `POST /_emulator/bulk/projects?site=URL&count=N&prefix=p[&parent=ID]`
//! * `POST /_emulator/jobs?site=URL[&type=RefreshExtract][&delayMs=N][&finishCode=0]` → a job
//! * `POST /_emulator/jobOutcomes?finishCode=1[&type=T][&notes=N][&count=N]` → the next jobs
//!   the REST routes create fail (or are cancelled) instead (`job_outcomes.rs`); `DELETE` forgets
//! * `POST /_emulator/settings?jobDelayMs=N&contentDisposition=plain|rfc5987|none
//!   &activeDirectory=true|false` → delay after which new jobs complete; the
//!   `Content-Disposition` form of downloads; whether Active Directory groups can be imported
//! * content helpers (`control_content`): `POST /_emulator/bulk/workbooks`,
//!   `POST /_emulator/bulk/datasources`
//! * `POST /_emulator/reset` → back to the start state (seed content, sessions, faults,
//!   settings)
//! * `POST /_emulator/panic` → the handler panics (the answer is a 500 `500000`)
//! * `GET /_emulator/blob?bytes=N` → N bytes (a repeating pattern) streamed from a file on disk,
//!   for transport tests (throughput, faults on file bodies) independent of content routes

use std::sync::atomic::Ordering;

use crate::errors::ApiError;
use crate::faults;
use crate::http::{BodyReader, Head, Method, Response};
use crate::query::Query;
use crate::render;
use crate::reply::ReplyWriter;
use crate::server::Shared;
use crate::state::{Project, User, SITE_ROLES};
use crate::util::{new_id, now_secs};
use crate::xml;

fn ok(x: ReplyWriter) -> Response {
    x.into_response(200)
}

fn count_param(q: &Query) -> Result<usize, ApiError> {
    let n: usize = q
        .get("count")
        .unwrap_or("1")
        .parse()
        .map_err(|_| ApiError::bad_request("count must be a non-negative integer"))?;
    if n > 1_000_000 {
        return Err(ApiError::bad_request("count must be at most 1000000"));
    }
    Ok(n)
}

pub fn handle(
    shared: &Shared,
    head: &Head,
    q: &Query,
    body: &mut BodyReader<'_>,
) -> Result<Response, ApiError> {
    let path = head.path.trim_end_matches('/');
    let m = head.method;
    let not_allowed = || ApiError::method_not_allowed(&head.method_raw);
    match path {
        "/_emulator/health" => {
            if m != Method::Get && m != Method::Head {
                return Err(not_allowed());
            }
            let mut x = ReplyWriter::response(64);
            x.open("health")
                .attr("status", "ok")
                .attr_num(
                    "requestsServed",
                    shared.requests_served.load(Ordering::Relaxed),
                )
                .attr_num("activeConnections", shared.active_connections())
                .empty();
            Ok(ok(x))
        }
        "/_emulator/faults" => match m {
            Method::Get => {
                let faults = shared.faults();
                let mut x = ReplyWriter::response(128 * faults.len());
                x.open("faults").close();
                for f in faults.iter() {
                    faults::write(&mut x, f);
                }
                x.end("faults");
                Ok(ok(x))
            }
            Method::Delete => {
                shared.faults().clear();
                Ok(Response::no_content())
            }
            Method::Post | Method::Put => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(&mut *body, 1 << 20),
                    &mut bytes,
                )
                .map_err(|e| ApiError::bad_request(format!("unreadable body: {e}")))?;
                let root = xml::parse(&bytes)?;
                let elems: Vec<&xml::Element> = if root.name == "fault" {
                    vec![&root]
                } else {
                    let mut v: Vec<&xml::Element> = root.children_named("fault").collect();
                    if v.is_empty() {
                        if let Some(fs) = root.child("faults") {
                            v = fs.children_named("fault").collect();
                        }
                    }
                    v
                };
                if elems.is_empty() {
                    return Err(ApiError::bad_request("expected a <fault …/> element"));
                }
                let mut faults = shared.faults();
                let base = faults.iter().map(|f| f.id).max().unwrap_or(0);
                let mut added = Vec::new();
                for (i, e) in elems.iter().enumerate() {
                    added.push(faults::from_element(e, base + 1 + i as u64)?);
                }
                faults.extend(added.iter().cloned());
                let mut x = ReplyWriter::response(256);
                x.open("faults").close();
                for f in &added {
                    faults::write(&mut x, f);
                }
                x.end("faults");
                Ok(x.into_response(201))
            }
            _ => Err(not_allowed()),
        },
        "/_emulator/sessions/expire" => {
            if m != Method::Post {
                return Err(not_allowed());
            }
            let n = match q.get("token") {
                Some(t) => usize::from(shared.sessions().remove(t)),
                None => shared.sessions().clear(),
            };
            let mut x = ReplyWriter::response(64);
            x.open("sessions").attr_num("expired", n).empty();
            Ok(ok(x))
        }
        "/_emulator/jobOutcomes" => {
            if m != Method::Post && m != Method::Delete {
                return Err(not_allowed());
            }
            Ok(ok(crate::job_outcomes::control(
                shared,
                m == Method::Delete,
                q,
            )?))
        }
        "/_emulator/reset" => {
            if m != Method::Post {
                return Err(not_allowed());
            }
            let sites = shared.reset();
            let mut x = ReplyWriter::response(64);
            x.open("reset").attr_num("sites", sites).empty();
            Ok(ok(x))
        }
        "/_emulator/settings" => {
            if m != Method::Post && m != Method::Put {
                return Err(not_allowed());
            }
            if let Some(v) = q.get("jobDelayMs") {
                let n: u64 = v
                    .parse()
                    .map_err(|_| ApiError::bad_request("jobDelayMs must be a number"))?;
                shared.job_delay_ms.store(n, Ordering::Relaxed);
            }
            if let Some(v) = q.get("activeDirectory") {
                let on = crate::util::parse_bool(v).ok_or_else(|| {
                    ApiError::bad_request("activeDirectory must be true or false")
                })?;
                shared.active_directory.store(on, Ordering::Relaxed);
            }
            if let Some(v) = q.get("contentDisposition") {
                let d = crate::Disposition::parse(v).ok_or_else(|| {
                    ApiError::bad_request("contentDisposition must be plain, rfc5987 or none")
                })?;
                shared.set_disposition(d);
            }
            let mut x = ReplyWriter::response(64);
            x.open("settings")
                .attr_num("jobDelayMs", shared.job_delay_ms.load(Ordering::Relaxed))
                .attr("contentDisposition", shared.disposition().as_str())
                .empty();
            Ok(ok(x))
        }
        "/_emulator/bulk/users" => {
            if m != Method::Post {
                return Err(not_allowed());
            }
            let count = count_param(q)?;
            let prefix = q.get("prefix").unwrap_or("user");
            let role = q.get("siteRole").unwrap_or("Viewer");
            if !SITE_ROLES.contains(&role) {
                return Err(ApiError::new(400013, format!("Invalid site role '{role}'")));
            }
            let start: usize = q.get("start").and_then(|s| s.parse().ok()).unwrap_or(1);
            let width = (start + count).to_string().len().max(5);
            let mut st = shared.write();
            let site_url = q.get("site").unwrap_or("");
            let site_id = st
                .site_by_url(site_url)
                .map(|s| s.id.clone())
                .ok_or_else(|| ApiError::site_not_found(site_url))?;
            let names: Vec<String> = (start..start + count)
                .map(|i| format!("{prefix}{i:0width$}"))
                .collect();
            {
                let ss = st.site(&site_id).expect("site exists");
                let existing: std::collections::HashSet<String> =
                    ss.users.iter().map(|u| u.name.to_lowercase()).collect();
                if let Some(n) = names.iter().find(|n| existing.contains(&n.to_lowercase())) {
                    return Err(ApiError::new(
                        409000,
                        format!("User '{n}' already exists on the site"),
                    ));
                }
            }
            if let Some(pw) = q.get("password") {
                for n in &names {
                    st.ensure_identity(n).password = Some(pw.to_string());
                }
            } else {
                for n in &names {
                    st.ensure_identity(n);
                }
            }
            let ss = st.site_mut(&site_id).expect("site exists");
            for n in &names {
                ss.users.insert(User::new(n, role));
            }
            let mut x = ReplyWriter::response(64);
            x.open("bulk")
                .attr("kind", "users")
                .attr_num("created", count)
                .attr_num("total", ss.users.len())
                .empty();
            Ok(ok(x))
        }
        "/_emulator/bulk/projects" => {
            if m != Method::Post {
                return Err(not_allowed());
            }
            let count = count_param(q)?;
            let prefix = q.get("prefix").unwrap_or("project");
            let start: usize = q.get("start").and_then(|s| s.parse().ok()).unwrap_or(1);
            let width = (start + count).to_string().len().max(5);
            let mut st = shared.write();
            let site_url = q.get("site").unwrap_or("");
            let site_id = st
                .site_by_url(site_url)
                .map(|s| s.id.clone())
                .ok_or_else(|| ApiError::site_not_found(site_url))?;
            let ss = st.site_mut(&site_id).expect("site exists");
            let parent = match q.get("parent").filter(|p| !p.is_empty()) {
                Some(p) => Some(
                    ss.projects
                        .get(p)
                        .map(|p| p.id.clone())
                        .ok_or_else(|| ApiError::project_not_found(p))?,
                ),
                None => None,
            };
            let owner = ss
                .default_project()
                .map(|p| p.owner_id.clone())
                .unwrap_or_default();
            let names: Vec<String> = (start..start + count)
                .map(|i| format!("{prefix}{i:0width$}"))
                .collect();
            let existing: std::collections::HashSet<String> = ss
                .projects
                .iter()
                .filter(|p| p.parent_id == parent)
                .map(|p| p.name.to_lowercase())
                .collect();
            if let Some(n) = names.iter().find(|n| existing.contains(&n.to_lowercase())) {
                return Err(ApiError::new(
                    409006,
                    format!("Project '{n}' already exists"),
                ));
            }
            let now = now_secs();
            for n in names {
                ss.projects.insert(Project {
                    id: new_id(),
                    name: n,
                    description: String::new(),
                    content_permissions: "ManagedByOwner".into(),
                    parent_id: parent.clone(),
                    owner_id: owner.clone(),
                    created_at: now,
                    updated_at: now,
                    is_default: false,
                });
            }
            let mut x = ReplyWriter::response(64);
            x.open("bulk")
                .attr("kind", "projects")
                .attr_num("created", count)
                .attr_num("total", ss.projects.len())
                .empty();
            Ok(ok(x))
        }
        "/_emulator/collections" if m == Method::Post => {
            crate::state::collections::control(shared, q)
        }
        "/_emulator/groupsets" if m == Method::Post => {
            crate::routes::permissions::control(shared, q)
        }
        "/_emulator/jobs" => {
            if m != Method::Post {
                return Err(not_allowed());
            }
            let mut st = shared.write();
            let site_url = q.get("site").unwrap_or("");
            let site_id = st
                .site_by_url(site_url)
                .map(|s| s.id.clone())
                .ok_or_else(|| ApiError::site_not_found(site_url))?;
            let delay = match q.get("delayMs") {
                Some(v) => v
                    .parse()
                    .map_err(|_| ApiError::bad_request("delayMs must be a number"))?,
                None => shared.job_delay_ms.load(Ordering::Relaxed),
            };
            let ss = st.site_mut(&site_id).expect("site exists");
            let mut job =
                crate::state::Job::new(q.get("type").unwrap_or("RefreshExtract"), None, delay);
            if let Some(fc) = q.get("finishCode") {
                job.final_code = fc
                    .parse()
                    .map_err(|_| ApiError::bad_request("finishCode must be a number"))?;
            }
            if let Some(n) = q.get("notes") {
                job.notes.push(n.to_string());
            }
            ss.jobs.insert(job.clone());
            let mut x = ReplyWriter::response(256);
            render::job(&mut x, &job);
            Ok(x.into_response(201))
        }
        "/_emulator/blob" => {
            if m != Method::Get && m != Method::Head {
                return Err(not_allowed());
            }
            let n: u64 = q
                .get("bytes")
                .unwrap_or("1048576")
                .parse()
                .map_err(|_| ApiError::bad_request("bytes must be a number"))?;
            if n > 64 * 1024 * 1024 * 1024 {
                return Err(ApiError::bad_request("bytes must be at most 64 GiB"));
            }
            let file = blob_file(shared, n)
                .map_err(|e| ApiError::internal(format!("cannot create the blob: {e}")))?;
            Ok(
                Response::file(200, "application/octet-stream", file, n).with_header(
                    "Content-Disposition",
                    format!("name=\"blob\"; filename=\"blob-{n}.bin\""),
                ),
            )
        }
        "/_emulator/panic" => {
            // Test hook: proves that a panicking handler is answered with 500 and the
            // server keeps serving.
            if m != Method::Post {
                return Err(not_allowed());
            }
            panic!("deliberate panic requested through /_emulator/panic");
        }
        _ => crate::control_content::handle(shared, path, m, q)
            .unwrap_or_else(|| Err(ApiError::unknown_resource(path))),
    }
}

/// The pattern byte at offset `i` of a blob: `(i % 251) as u8`.
pub fn blob_byte(i: u64) -> u8 {
    (i % 251) as u8
}

/// Opens (creating once) `data_dir/blobs/blob-N`, N bytes of the blob pattern.
fn blob_file(shared: &Shared, n: u64) -> std::io::Result<std::fs::File> {
    use std::io::Write;
    let dir = shared.data_dir.join("blobs");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("blob-{n}"));
    if let Ok(f) = std::fs::File::open(&path) {
        if f.metadata()?.len() == n {
            return Ok(f);
        }
    }
    let tmp = dir.join(format!("blob-{n}.{:x}.tmp", crate::util::rand_u64()));
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        let block: Vec<u8> = (0..251u64 * 4096).map(blob_byte).collect();
        let mut left = n;
        while left > 0 {
            let k = left.min(block.len() as u64) as usize;
            w.write_all(&block[..k])?;
            left -= k as u64;
        }
        w.flush()?;
    }
    std::fs::rename(&tmp, &path)?;
    std::fs::File::open(&path)
}
