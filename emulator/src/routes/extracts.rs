//! Extracts of workbooks and data sources: refresh now, create, delete. Each answers `202` with
//! the job doing it (`job_outcomes::create`: it progresses over `jobDelayMs` and can be made to
//! fail). A refresh while another refresh of the same item is still queued or running is
//! refused with `409093`. Create and delete change the item's `hasExtracts` (and, on create,
//! `encryptExtracts`) at once.

use crate::errors::ApiError;
use crate::http::Response;
use crate::render;
use crate::router::{Ctx, Request, Route};
use crate::routes::bool_attr;
use crate::state::{JobSubject, SiteState};
use crate::xml::Element;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Workbook,
    Datasource,
}

pub fn routes(r: &mut Vec<Route>) {
    use Kind::{Datasource as D, Workbook as W};
    r.push(
        Route::post("sites/{site}/workbooks/{id}/refresh", |c, q| {
            refresh(c, q, W)
        })
        .since("2.8"),
    );
    r.push(
        Route::post("sites/{site}/workbooks/{id}/createExtract", |c, q| {
            extract(c, q, W, true)
        })
        .since("3.5"),
    );
    r.push(
        Route::post("sites/{site}/workbooks/{id}/deleteExtract", |c, q| {
            extract(c, q, W, false)
        })
        .since("3.3"),
    );
    r.push(
        Route::post("sites/{site}/datasources/{id}/refresh", |c, q| {
            refresh(c, q, D)
        })
        .since("2.8"),
    );
    r.push(
        Route::post("sites/{site}/datasources/{id}/createExtract", |c, q| {
            extract(c, q, D, true)
        })
        .since("3.5"),
    );
    r.push(
        Route::post("sites/{site}/datasources/{id}/deleteExtract", |c, q| {
            extract(c, q, D, false)
        })
        .since("3.5"),
    );
    r.push(Route::patch("sites/{site}/datasources/{id}/data", update_hyper_data).since("3.13"));
}

/// The item's subject for its jobs, or its 404.
fn subject(ss: &SiteState, k: Kind, id: &str) -> Result<JobSubject, ApiError> {
    match k {
        Kind::Workbook => ss
            .workbooks
            .get(id)
            .map(|w| JobSubject {
                kind: "workbook".into(),
                id: w.id.clone(),
                name: w.name.clone(),
            })
            .ok_or_else(|| ApiError::workbook_not_found(id)),
        Kind::Datasource => ss
            .datasources
            .get(id)
            .map(|d| JobSubject {
                kind: "datasource".into(),
                id: d.id.clone(),
                name: d.name.clone(),
            })
            .ok_or_else(|| ApiError::datasource_not_found(id)),
    }
}

fn job_reply(ctx: &Ctx, job: &crate::state::Job) -> Response {
    let mut x = ctx.reply(512);
    render::job(&mut x, job);
    x.into_response(202)
}

fn refresh(ctx: &Ctx, req: &mut Request, k: Kind) -> Result<Response, ApiError> {
    let doc: Option<Element> = req.document_opt()?;
    let incremental = match doc.as_ref().and_then(|d| d.child("extractRefresh")) {
        Some(el) => bool_attr(el, "incremental")?.unwrap_or(false),
        None => false,
    };
    if incremental && ctx.version < crate::router::ApiVersion(3, 25) {
        return Err(ApiError::bad_request(
            "Incremental refresh needs REST API 3.25 or later.",
        ));
    }
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let subj = subject(ss, k, &id)?;
    for j in ss.jobs.iter_mut() {
        j.tick();
    }
    let queued = ss.jobs.iter().any(|j| {
        j.job_type == "RefreshExtract"
            && j.completed_at.is_none()
            && j.subject.as_ref().is_some_and(|s| s.id == subj.id)
    });
    if queued {
        return Err(ApiError::new(
            409093,
            format!(
                "A refresh of the {} '{}' is already queued or running.",
                subj.kind, subj.name
            ),
        )
        .with_summary("Resource Conflict"));
    }
    let mut job = crate::job_outcomes::create(ctx, ss, "RefreshExtract", Some(subj.clone()));
    if job.notes.is_empty() && job.final_code == 0 {
        let note = format!(
            "Finished {} refresh of extracts for {} '{}'",
            if incremental { "incremental" } else { "full" },
            subj.kind,
            subj.name
        );
        job.notes.push(note.clone());
        if let Some(j) = ss.jobs.get_mut(&job.id) {
            j.notes.push(note);
        }
    }
    Ok(job_reply(ctx, &job))
}

fn extract(ctx: &Ctx, req: &mut Request, k: Kind, create: bool) -> Result<Response, ApiError> {
    let encrypt = match req.query.get("encrypt") {
        None => false,
        Some(v) => crate::util::parse_bool(v).ok_or_else(|| {
            ApiError::bad_request(format!("The value '{v}' of 'encrypt' is not a boolean."))
        })?,
    };
    let doc: Option<Element> = req.document_opt()?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let subj = subject(ss, k, &id)?;
    // a workbook's data sources: all, or the listed ones (which must be its own)
    if k == Kind::Workbook {
        if let Some(list) = doc.as_ref().and_then(|d| d.child("datasources")) {
            let all = bool_attr(list, "includeAll")?.unwrap_or(false);
            let ids: Vec<&str> = list
                .children
                .iter()
                .filter(|c| c.name == "datasource")
                .filter_map(|c| c.attr("id"))
                .collect();
            if !all && ids.is_empty() {
                return Err(ApiError::bad_request(
                    "Payload is either malformed XML or incomplete: name the data sources or set includeAll=\"true\".",
                ));
            }
        }
    }
    match k {
        Kind::Workbook => {
            if let Some(w) = ss.workbooks.get_mut(&id) {
                w.has_extracts = create;
                if create {
                    w.encrypt_extracts = encrypt;
                }
            }
        }
        Kind::Datasource => {
            if let Some(d) = ss.datasources.get_mut(&id) {
                d.has_extracts = create;
                if create {
                    d.encrypt_extracts = encrypt;
                }
            }
        }
    }
    let ty = if create {
        "CreateExtract"
    } else {
        "DeleteExtract"
    };
    let job = crate::job_outcomes::create(ctx, ss, ty, Some(subj));
    Ok(job_reply(ctx, &job))
}

/// `PATCH …/datasources/{id}/data[?uploadSessionId=…]` (3.13): a JSON `{"actions": [...]}` body
/// and a `RequestID` header; each action is insert, update, delete, replace or upsert; the
/// actions that read rows (insert, replace, upsert) need the uploaded payload. The payload's
/// session is consumed; the answer is `202` with an `UpdateHyperData` job. A missing request id
/// or malformed actions `400000`; an unknown session `404015`.
pub fn update_hyper_data(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    req.headers
        .get("requestid")
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::bad_request("The RequestID header is missing."))?;
    let body = req.read_body(1 << 20)?;
    let v: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("The body is not JSON: {e}")))?;
    let actions = v
        .get("actions")
        .and_then(|a| a.as_array())
        .filter(|a| !a.is_empty())
        .ok_or_else(|| ApiError::bad_request("The body has no non-empty \"actions\" array."))?;
    let mut reads_rows = false;
    for a in actions {
        match a.get("action").and_then(|x| x.as_str()) {
            Some("insert" | "replace" | "upsert") => reads_rows = true,
            Some("update" | "delete") => {}
            other => {
                return Err(ApiError::bad_request(format!(
                    "Unknown action {other:?}: use insert, update, delete, replace or upsert."
                )))
            }
        }
    }
    let session = req.query.get("uploadSessionId").map(str::to_string);
    if reads_rows && session.is_none() {
        return Err(ApiError::bad_request(
            "Insert, replace and upsert actions read their rows from a payload: upload it and name its uploadSessionId.",
        ));
    }
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let subj = subject(ss, Kind::Datasource, &id)?;
    let mut garbage = Vec::new();
    if let Some(s) = &session {
        let up = ss
            .uploads
            .remove(s)
            .ok_or_else(|| crate::routes::publish::upload_not_found(s))?;
        garbage.push(up.file_path);
    }
    let job = crate::job_outcomes::create(ctx, ss, "UpdateHyperData", Some(subj));
    drop(st);
    ctx.collect_garbage(garbage);
    Ok(job_reply(ctx, &job))
}
