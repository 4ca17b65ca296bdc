//! File uploads (upload sessions): initiate (`POST sites/{s}/fileUploads`) and append
//! (`PUT sites/{s}/fileUploads/{id}`, `multipart/mixed` with an empty `request_payload` and a
//! `tableau_file` part). The commit is an ordinary publish with `uploadSessionId`
//! (`routes::publish`), which consumes the session.
//!
//! Each chunk streams from the socket straight into the session's file under the session's
//! own lock (appends to one session are serialised, the state lock is never held during the
//! copy); a chunk that fails half-way is cut off again, so the file only ever holds whole
//! chunks. `fileSize` in answers is the total so far in MB, rounded up like `size` elsewhere.
//! Sessions belong to the user who initiated them; any other caller gets 404015.

use std::fs::OpenOptions;
use std::sync::{Arc, Mutex};

use crate::errors::ApiError;
use crate::files::{self, Guarded};
use crate::http::Response;
use crate::render;
use crate::router::{Ctx, Request, Route};
use crate::routes::publish::{drain, upload_not_found};
use crate::routes::{created, ok};
use crate::state::{can_publish, UploadSession};
use crate::util::{hex, now_secs, rand_u64};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::post("sites/{site}/fileUploads", initiate));
    r.push(Route::put("sites/{site}/fileUploads/{id}", append));
}

fn require_publisher(ctx: &Ctx) -> Result<(), ApiError> {
    let a = ctx.auth();
    if a.is_admin() || can_publish(&a.site_role) {
        Ok(())
    } else {
        Err(ApiError::new(
            403007,
            format!(
                "The site role '{}' does not allow uploading files.",
                a.site_role
            ),
        ))
    }
}

/// A session id shaped like Tableau's: `7720:170fe6b1c1c7422dadff20f944d58a52-0:0`.
fn new_session_id() -> String {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&rand_u64().to_le_bytes());
    b[8..].copy_from_slice(&rand_u64().to_le_bytes());
    format!("{}:{}-0:0", 1000 + rand_u64() % 9000, hex(&b))
}

fn initiate(ctx: &Ctx, _req: &mut Request) -> Result<Response, ApiError> {
    require_publisher(ctx)?;
    let a = ctx.auth();
    let dir = files::uploads_dir(&ctx.site_dir(&a.site_id));
    let (guard, _file) = Guarded::create(&dir, "upload")
        .map_err(|e| ApiError::internal(format!("Could not create the upload session: {e}")))?;
    let session = UploadSession {
        id: new_session_id(),
        user_id: a.user_id.clone(),
        file_path: guard.path().to_path_buf(),
        size_bytes: 0,
        created_at: now_secs(),
        io_lock: Arc::new(Mutex::new(())),
    };
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let mut x = ctx.reply(256);
    render::file_upload(&mut x, &session);
    ss.uploads.insert(session);
    guard.keep();
    Ok(created(x))
}

fn append(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let r = append_inner(ctx, req);
    if r.is_err() {
        drain(req, ctx.shared.config.max_chunk_bytes);
    }
    r
}

/// The caller's session: its lock and file (404015 if unknown, committed or someone else's).
fn session_of(ctx: &Ctx, id: &str) -> Result<(Arc<Mutex<()>>, std::path::PathBuf), ApiError> {
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    match ss.uploads.get(id) {
        Some(s) if s.user_id == ctx.auth().user_id => Ok((s.io_lock.clone(), s.file_path.clone())),
        _ => Err(upload_not_found(id)),
    }
}

fn append_inner(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    require_publisher(ctx)?;
    let id = req.param("id").to_string();
    let (lock, path) = session_of(ctx, &id)?;
    let _io = lock.lock().unwrap_or_else(|e| e.into_inner());
    // Committed while we waited for the lock?
    session_of(ctx, &id)?;
    let mut file = OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(|e| ApiError::internal(format!("The upload session's file is unusable: {e}")))?;
    let before = file
        .metadata()
        .map_err(|e| ApiError::internal(format!("The upload session's file is unusable: {e}")))?
        .len();
    let received = receive_chunk(ctx, req, &mut file);
    let total = match received {
        Ok(n) => before + n,
        Err(e) => {
            let _ = file.set_len(before);
            return Err(e);
        }
    };
    drop(file);
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let s = ss
        .uploads
        .get_mut(&id)
        .ok_or_else(|| upload_not_found(&id))?;
    s.size_bytes = total;
    let mut x = ctx.reply(256);
    render::file_upload(&mut x, s);
    Ok(ok(x))
}

/// Streams the `tableau_file` part into `file`; checks the (empty) `request_payload`.
fn receive_chunk(ctx: &Ctx, req: &mut Request, file: &mut std::fs::File) -> Result<u64, ApiError> {
    let limit = ctx.shared.config.max_chunk_bytes;
    let mut mp = req.multipart()?;
    let mut got: Option<u64> = None;
    while let Some(part) = mp.next_part()? {
        match part.name.as_deref().unwrap_or("") {
            "request_payload" => {
                let p = mp.read_to_vec(1 << 20)?;
                if !p.iter().all(|b| b.is_ascii_whitespace()) {
                    return Err(ApiError::new(
                        400019,
                        "The XML content in the MIME multipart request is not empty: the request_payload part of an append must be empty.",
                    ));
                }
            }
            "tableau_file" => {
                if got.is_some() {
                    return Err(ApiError::bad_request(
                        "The request contains more than one tableau_file part.",
                    ));
                }
                let too_large = || {
                    ApiError::new(
                        400016,
                        format!(
                            "The part is larger than {limit} bytes, the maximum size of one append to a file upload; send smaller parts."
                        ),
                    )
                };
                got = Some(mp.copy_to_limited(file, limit, &too_large)?);
            }
            other => {
                return Err(ApiError::bad_request(format!(
                    "Unexpected part '{other}' in the multipart body; an append has an empty request_payload part and a tableau_file part."
                )))
            }
        }
    }
    got.ok_or_else(|| {
        ApiError::new(
            400020,
            "The request has no tableau_file part with the data to append.",
        )
    })
}
