//! Publishing, shared by workbooks (`POST sites/{s}/workbooks`) and data sources
//! (`POST sites/{s}/datasources`): query parameters, the streaming `multipart/mixed` body,
//! commits of upload sessions, the name/mode rules, inspection and the 201/202 answer.
//!
//! Order of work: caller may publish → query parameters → body (the `request_payload` part is
//! read into memory, the file part streams to `incoming/` with the single-request limit) →
//! payload → file type → checks under the lock (project, name taken, mode) → the file: moved
//! from `incoming/` or taken from the upload session (which is consumed) → inspection without
//! the lock (a file that is not what it claims → 400011) → the same checks again and the
//! commit under the lock → 201 with the item, or 202 with a job (`asJob=true`).
//!
//! Codes where the references leave a choice (also in README.md, "Content codes chosen"):
//! * name taken in the project without `overwrite=true`: `403007` (the "Overwrite forbidden"
//!   condition of both the workbook and data source references; a 2022 server answered it
//!   for a data source, goodwillpunning/hyperleaup#26). `403130` is listed too but not used.
//! * `overwrite=true` with no item of that name: the item is created (data source reference).
//! * a single request whose file part exceeds 64 MB: `400016` "File size too large" (the
//!   reference's only file-size code; the docs state the 64 MB limit without a code).
//! * unexpected file part with `uploadSessionId`, or two file parts: `400000` for workbooks,
//!   `400010` for data sources (as the two references list them).
//!
//! Files: `target` (workbook vs data source), `body` (query parameters, multipart body, file
//! type), `payload` (the `request_payload`), `rules` (names and modes), this file (the flow).

mod body;
mod payload;
mod rules;
mod target;

pub use body::{too_large, Options};
pub use target::Target;

use std::time::{Duration, Instant};

use crate::content::{self, FileKind, Inspected};
use crate::errors::ApiError;
use crate::files::{self, Guarded};
use crate::http::Response;
use crate::ingest::{self, StoredFile};
use crate::render;
use crate::router::{Ctx, Request};
use crate::state::{can_publish, JobSubject, SiteState, UploadSession};

use body::{file_kind, receive_body, Upload};
use payload::Meta;
use rules::{plan, publishing_error, Plan};

/// Takes the file of the publish: the single request's upload, or the upload session
/// (consumed here). The result lives in `content/` and is deleted if dropped.
fn take_file(
    ctx: &Ctx,
    upload: Option<Upload>,
    session: Option<std::sync::Arc<std::sync::Mutex<()>>>,
    session_path: Option<std::path::PathBuf>,
    kind: FileKind,
) -> Result<(Guarded, u64), ApiError> {
    let dir = files::content_dir(&ctx.site_dir(&ctx.auth().site_id));
    let guard = match (upload, session_path) {
        (Some(u), _) => u.file,
        (None, Some(p)) => {
            // Wait for an append that may still be streaming into the session's file.
            let _io = session
                .as_ref()
                .map(|l| l.lock().unwrap_or_else(|e| e.into_inner()));
            Guarded::adopt(p)
        }
        (None, None) => return Err(ApiError::internal("No file to publish.")),
    };
    let guard = guard
        .move_to(&dir, kind.extension())
        .map_err(|e| ApiError::internal(format!("Could not store the file: {e}")))?;
    let size = std::fs::metadata(guard.path())
        .map_err(|e| ApiError::internal(format!("Could not store the file: {e}")))?
        .len();
    Ok((guard, size))
}

fn inspect(target: Target, path: &std::path::Path, kind: FileKind) -> Result<Inspected, String> {
    match target {
        Target::Workbook => content::inspect_workbook(path, kind),
        Target::Datasource => content::inspect_datasource(path, kind),
    }
    .map_err(|e| e.detail)
}

/// `POST sites/{site}/workbooks` and `POST sites/{site}/datasources`.
pub fn publish(ctx: &Ctx, req: &mut Request, target: Target) -> Result<Response, ApiError> {
    let r = publish_inner(ctx, req, target);
    if r.is_err() {
        drain(req, ctx.shared.config.max_publish_bytes);
    }
    r
}

/// Reads what is left of a refused request's body (bounded), so that the client, which
/// sends the whole body before reading the answer, gets the answer instead of a reset.
pub fn drain(req: &mut Request, limit: u64) {
    let start = Instant::now();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    while total <= limit.saturating_add(1 << 20) && start.elapsed() < Duration::from_secs(30) {
        match req.body.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => total += n as u64,
        }
    }
}

fn publish_inner(ctx: &Ctx, req: &mut Request, target: Target) -> Result<Response, ApiError> {
    let a = ctx.auth().clone();
    if !a.is_admin() && !can_publish(&a.site_role) {
        return Err(ApiError::new(
            403007,
            format!("The site role '{}' does not allow publishing.", a.site_role),
        ));
    }
    let opts = Options::parse(&req.query, target)?;
    let (el, upload) = receive_body(ctx, req, target, &opts)?;
    let (mut meta, project) = Meta::parse(&el, target, &a.user_id)?;
    if let Some(t) = el.attr("thumbnailsUserId").filter(|s| !s.is_empty()) {
        let st = ctx.state();
        if ctx.site(&st)?.users.get(t).is_none() {
            return Err(ApiError::user_not_found(t));
        }
    }
    let kind = file_kind(target, &opts, upload.as_ref())?;
    let display = upload
        .as_ref()
        .and_then(|u| u.filename.clone())
        .or_else(|| opts.session.clone())
        .unwrap_or_default();

    // Checks, and the upload session consumed, under the lock.
    let (session_lock, session_path) = {
        let mut st = ctx.state_mut();
        let ss = ctx.site_mut(&mut st)?;
        plan(ctx, ss, target, &opts, &mut meta, project.as_deref(), kind)?;
        match &opts.session {
            Some(id) => {
                let s = take_upload(ss, id, &a.user_id)?;
                (Some(s.io_lock), Some(s.file_path))
            }
            None => (None, None),
        }
    };
    let (file, size) = take_file(ctx, upload, session_lock, session_path, kind)?;
    let inspected =
        inspect(target, file.path(), kind).map_err(|d| publishing_error(&display, &d))?;

    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let plan = plan(ctx, ss, target, &opts, &mut meta, project.as_deref(), kind)?;
    let stored = StoredFile {
        path: file.keep(),
        size,
        kind,
    };
    let (id, garbage) = match (&meta, &plan) {
        (Meta::Workbook(m), Plan::Create) => ingest::put_workbook(ss, None, m, stored, &inspected),
        (Meta::Workbook(m), Plan::Overwrite(id)) => {
            ingest::put_workbook(ss, Some(id), m, stored, &inspected)
        }
        (Meta::Datasource(m), Plan::Create) => {
            ingest::put_datasource(ss, None, m, stored, &inspected)
        }
        (Meta::Datasource(m), Plan::Overwrite(id)) => {
            ingest::put_datasource(ss, Some(id), m, stored, &inspected)
        }
        (_, Plan::Append(id)) => {
            let by = ctx.auth().user_id.clone();
            (id.clone(), ingest::append_datasource(ss, id, stored, &by))
        }
    };
    let mut x = ctx.reply(2048);
    let resp = if opts.as_job {
        let subject = JobSubject {
            kind: target.element().to_string(),
            id: id.clone(),
            name: meta.name().to_string(),
        };
        let job = ss.create_job(target.job_type(), Some(subject), ctx.job_delay_ms());
        render::job(&mut x, &job);
        x.into_response(202)
    } else {
        match target {
            Target::Workbook => {
                let w = ss.workbooks.get(&id).expect("just stored");
                render::workbook(&mut x, ss, w, true);
            }
            Target::Datasource => {
                let d = ss.datasources.get(&id).expect("just stored");
                render::datasource(&mut x, ss, d);
            }
        }
        x.into_response(201)
    };
    drop(st);
    ctx.collect_garbage(garbage);
    Ok(resp)
}

/// 404015: no such upload session (or not the caller's, or already committed).
pub fn upload_not_found(id: &str) -> ApiError {
    ApiError::new(
        404015,
        format!("The file upload session '{id}' could not be found."),
    )
    .with_summary("File upload not found")
}

/// Removes and returns the upload session `id` if it is `user_id`'s (404015 if unknown,
/// committed or someone else's).
pub fn take_upload(ss: &mut SiteState, id: &str, user_id: &str) -> Result<UploadSession, ApiError> {
    match ss.uploads.get(id) {
        Some(s) if s.user_id == user_id => {}
        _ => return Err(upload_not_found(id)),
    }
    Ok(ss.uploads.remove(id).expect("checked"))
}
