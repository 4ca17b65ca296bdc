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
//! Codes where the references leave a choice (README.md, "Choices"):
//! * name taken in the project without `overwrite=true`: `403007` (the "Overwrite forbidden"
//!   condition of both the workbook and data source references; a 2022 server answered it
//!   for a data source, goodwillpunning/hyperleaup#26). `403130` is listed too but not used.
//! * `overwrite=true` with no item of that name: the item is created (data source reference).
//! * a single request whose file part exceeds 64 MB: `400016` "File size too large" (the
//!   reference's only file-size code; the docs state the 64 MB limit without a code).
//! * unexpected file part with `uploadSessionId`, or two file parts: `400000` for workbooks,
//!   `400010` for data sources (as the two references list them).

use std::time::{Duration, Instant};

use crate::content::{self, FileKind, Inspected};
use crate::errors::ApiError;
use crate::files::{self, Guarded};
use crate::http::Response;
use crate::ingest::{
    self, ConnectionInput, ConnectionSpec, Credentials, DatasourceMeta, StoredFile, WorkbookMeta,
};
use crate::query::Query;
use crate::render;
use crate::router::{Ctx, Request};
use crate::routes::bool_attr;
use crate::state::{can_publish, JobSubject, SiteState};
use crate::xml::{self, Element};

/// Largest `request_payload` part.
const MAX_PAYLOAD: usize = 16 * 1024 * 1024;

/// What is being published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Workbook,
    Datasource,
}

impl Target {
    /// The name of the file part (`tableau_workbook`), also used in downloads.
    pub fn file_part(self) -> &'static str {
        match self {
            Target::Workbook => "tableau_workbook",
            Target::Datasource => "tableau_datasource",
        }
    }

    fn type_param(self) -> &'static str {
        match self {
            Target::Workbook => "workbookType",
            Target::Datasource => "datasourceType",
        }
    }

    fn element(self) -> &'static str {
        match self {
            Target::Workbook => "workbook",
            Target::Datasource => "datasource",
        }
    }

    fn accepts(self, kind: FileKind) -> bool {
        match self {
            Target::Workbook => kind.is_workbook(),
            Target::Datasource => kind.is_datasource(),
        }
    }

    fn job_type(self) -> &'static str {
        match self {
            Target::Workbook => "PublishWorkbook",
            Target::Datasource => "PublishDatasource",
        }
    }

    /// 400020 (workbook) / 400010 (data source): the file name has a wrong extension.
    fn bad_file_name(self, name: &str) -> ApiError {
        match self {
            Target::Workbook => ApiError::new(
                400020,
                format!("The workbook file name '{name}' does not end in .twb or .twbx."),
            )
            .with_summary("Invalid workbook file name"),
            Target::Datasource => ApiError::new(
                400010,
                format!(
                    "The data source file name '{name}' does not end in .hyper, .tds, .tdsx or .tde."
                ),
            )
            .with_summary("Invalid data source filename"),
        }
    }

    /// 400035 (workbook) / 400010 (data source): `uploadSessionId` without a valid type.
    fn bad_type(self, given: Option<&str>) -> ApiError {
        let what = match given {
            Some(t) => format!("the {} '{t}' is not valid", self.type_param()),
            None => format!("the {} parameter is missing", self.type_param()),
        };
        match self {
            Target::Workbook => ApiError::new(
                400035,
                format!("The request includes an uploadSessionId but {what}; use twb or twbx."),
            )
            .with_summary("Missing or invalid file type"),
            Target::Datasource => ApiError::new(
                400010,
                format!(
                    "The request includes an uploadSessionId but {what}; use hyper, tds, tdsx or tde."
                ),
            )
            .with_summary("Missing or invalid file type"),
        }
    }

    fn unexpected_attachment(self, detail: &str) -> ApiError {
        let code = match self {
            Target::Workbook => 400000,
            Target::Datasource => 400010,
        };
        ApiError::new(code, detail.to_string()).with_summary("Unexpected attachments")
    }
}

/// The query parameters of a publish request.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub overwrite: bool,
    pub append: bool,
    pub as_job: bool,
    /// `workbookType` / `datasourceType`, as sent.
    pub file_type: Option<String>,
    pub session: Option<String>,
}

impl Options {
    pub fn parse(q: &Query, target: Target) -> Result<Options, ApiError> {
        let flag = |k: &str| q.bool(k).map(|v| v.unwrap_or(false));
        let overwrite = flag("overwrite")?;
        // TSC sends `replace=true` for PublishMode.Replace: the data is replaced, as with
        // an overwrite. `createnew=true` is the default mode.
        let replace = flag("replace")?;
        let _ = flag("createnew")?;
        let append = target == Target::Datasource && flag("append")?;
        if append && (overwrite || replace) {
            return Err(ApiError::new(
                400055,
                "The overwrite and append parameters cannot both be true.",
            )
            .with_summary("Incompatible overwrite and append values"));
        }
        Ok(Options {
            overwrite: overwrite || replace,
            append,
            as_job: flag("asJob")?,
            file_type: q
                .get_ci(target.type_param())
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            session: q
                .get_ci("uploadSessionId")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    }
}

/// The file part of a single-request publish, streamed to `incoming/`.
struct Upload {
    file: Guarded,
    filename: Option<String>,
}

/// Reads the multipart body: the payload into memory, the file (if any) to disk.
fn receive_body(
    ctx: &Ctx,
    req: &mut Request,
    target: Target,
    opts: &Options,
) -> Result<(Element, Option<Upload>), ApiError> {
    let limit = ctx.shared.config.max_publish_bytes;
    let incoming = files::incoming_dir(&ctx.site_dir(&ctx.auth().site_id));
    let mut mp = req.multipart()?;
    let mut payload: Option<Vec<u8>> = None;
    let mut upload: Option<Upload> = None;
    while let Some(part) = mp.next_part()? {
        let name = part.name.as_deref().unwrap_or("");
        if name == "request_payload" {
            if payload.is_some() {
                return Err(ApiError::bad_request(
                    "The request contains more than one request_payload part.",
                ));
            }
            payload = Some(mp.read_to_vec(MAX_PAYLOAD)?);
        } else if name == target.file_part() {
            if opts.session.is_some() {
                return Err(target.unexpected_attachment(
                    "The request has both an uploadSessionId parameter and a file attachment.",
                ));
            }
            if upload.is_some() {
                return Err(target
                    .unexpected_attachment("The request contains more than one file attachment."));
            }
            let (guard, mut file) = Guarded::create(&incoming, "part").map_err(|e| {
                ApiError::internal(format!("Could not store the uploaded file: {e}"))
            })?;
            mp.copy_to_limited(&mut file, limit, &|| too_large(limit))?;
            upload = Some(Upload {
                file: guard,
                filename: part.filename.clone(),
            });
        } else {
            return Err(ApiError::bad_request(format!(
                "Unexpected part '{name}' in the multipart body; a publish request has a request_payload part and, unless it commits an upload session, a {} part.",
                target.file_part()
            )));
        }
    }
    let payload = payload
        .ok_or_else(|| ApiError::bad_request("The multipart body has no request_payload part."))?;
    if payload.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::bad_request(
            "The request_payload part is empty; it must hold a <tsRequest> document.",
        ));
    }
    let doc = xml::parse_ts_request(&payload)?;
    let el = crate::routes::payload(&doc, target.element())?.clone();
    if upload.is_none() && opts.session.is_none() {
        return Err(ApiError::bad_request(format!(
            "There is no {} attachment in the request and no uploadSessionId parameter.",
            target.file_part()
        ))
        .with_summary(match target {
            Target::Workbook => "Missing workbook",
            Target::Datasource => "Missing data source",
        }));
    }
    Ok((el, upload))
}

/// 400016 for a single request whose file part is larger than the limit.
pub fn too_large(limit: u64) -> ApiError {
    ApiError::new(
        400016,
        format!(
            "The file in this request is larger than {} MB ({limit} bytes), the maximum size of a file published in one request. Publish it in parts: POST fileUploads, PUT fileUploads/{{id}} for each part, then publish with uploadSessionId.",
            limit / (1024 * 1024)
        ),
    )
}

/// Credentials of a `<connectionCredentials>` element (`embed` must be a boolean: 400008).
fn credentials(el: &Element) -> Result<Credentials, ApiError> {
    let b = |k: &str| -> Result<bool, ApiError> {
        match el.attr(k) {
            None => Ok(false),
            Some(v) => crate::util::parse_bool(v).ok_or_else(|| {
                ApiError::new(
                    400008,
                    format!("The {k} attribute of <connectionCredentials> must be true or false, not '{v}'."),
                )
            }),
        }
    };
    Ok(Credentials {
        name: el.attr("name").unwrap_or("").to_string(),
        password: el.attr("password").unwrap_or("").to_string(),
        embed: b("embed")?,
        oauth: b("oAuth")?,
    })
}

/// `<connectionCredentials>` and `<connections>` of a publish payload.
fn connection_input(el: &Element) -> Result<ConnectionInput, ApiError> {
    let mut input = ConnectionInput::default();
    if let Some(c) = el.child("connectionCredentials") {
        input.all = Some(credentials(c)?);
    }
    if let Some(conns) = el.child("connections") {
        for c in conns.children_named("connection") {
            input.per_server.push(ConnectionSpec {
                server: c.attr("serverAddress").unwrap_or("").to_string(),
                port: c
                    .attr("serverPort")
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
                credentials: c
                    .child("connectionCredentials")
                    .map(credentials)
                    .transpose()?,
            });
        }
    }
    Ok(input)
}

fn required_name(el: &Element, target: Target) -> Result<String, ApiError> {
    match el.attr("name").map(str::trim) {
        Some(n) if !n.is_empty() => Ok(n.to_string()),
        _ => Err(ApiError::bad_request(format!(
            "The <{}> element of the request_payload has no name.",
            target.element()
        ))),
    }
}

/// What the payload says, per target.
enum Meta {
    Workbook(WorkbookMeta),
    Datasource(DatasourceMeta),
}

impl Meta {
    fn parse(
        el: &Element,
        target: Target,
        owner: &str,
    ) -> Result<(Meta, Option<String>), ApiError> {
        let name = required_name(el, target)?;
        let project = el
            .child("project")
            .and_then(|p| p.attr("id"))
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        let connections = connection_input(el)?;
        let description = el.attr("description").map(str::to_string);
        let meta = match target {
            Target::Workbook => Meta::Workbook(WorkbookMeta {
                name,
                description,
                show_tabs: bool_attr(el, "showTabs")?,
                project_id: String::new(),
                owner_id: owner.to_string(),
                hidden_views: el
                    .child("views")
                    .map(|v| {
                        v.children_named("view")
                            .filter(|v| {
                                v.attr("hidden")
                                    .and_then(crate::util::parse_bool)
                                    .unwrap_or(false)
                            })
                            .filter_map(|v| v.attr("name").map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                connections,
            }),
            Target::Datasource => Meta::Datasource(DatasourceMeta {
                name,
                description,
                project_id: String::new(),
                owner_id: owner.to_string(),
                certified: bool_attr(el, "isCertified")?,
                certification_note: el.attr("certificationNote").map(str::to_string),
                use_remote_query_agent: bool_attr(el, "useRemoteQueryAgent")?,
                encrypt_extracts: bool_attr(el, "encryptExtracts")?,
                connections,
            }),
        };
        Ok((meta, project))
    }

    fn name(&self) -> &str {
        match self {
            Meta::Workbook(m) => &m.name,
            Meta::Datasource(m) => &m.name,
        }
    }

    fn set_project(&mut self, id: String) {
        match self {
            Meta::Workbook(m) => m.project_id = id,
            Meta::Datasource(m) => m.project_id = id,
        }
    }
}

/// The file type: from the file name of a single request, from the type parameter when
/// committing an upload session.
fn file_kind(
    target: Target,
    opts: &Options,
    upload: Option<&Upload>,
) -> Result<FileKind, ApiError> {
    let from_param = || {
        opts.file_type
            .as_deref()
            .and_then(FileKind::from_extension)
            .filter(|k| target.accepts(*k))
    };
    match upload {
        None => from_param().ok_or_else(|| target.bad_type(opts.file_type.as_deref())),
        Some(u) => match u.filename.as_deref().filter(|f| !f.is_empty()) {
            Some(f) => FileKind::from_file_name(f)
                .filter(|k| target.accepts(*k))
                .ok_or_else(|| target.bad_file_name(f)),
            None => from_param().ok_or_else(|| target.bad_file_name("")),
        },
    }
}

/// The project of the payload (the default project if none is named): 404005 if unknown.
fn resolve_project(ss: &SiteState, project: Option<&str>) -> Result<String, ApiError> {
    match project {
        Some(p) => ss
            .projects
            .get(p)
            .map(|p| p.id.clone())
            .ok_or_else(|| ApiError::project_not_found(p)),
        None => ss.default_project().map(|p| p.id.clone()).ok_or_else(|| {
            ApiError::bad_request(
                "The request names no project and the site has no default project.",
            )
        }),
    }
}

/// An item with this name in this project (names compare case-insensitively):
/// (id, owner id, has extracts).
fn existing(
    ss: &SiteState,
    target: Target,
    project: &str,
    name: &str,
) -> Option<(String, String, bool)> {
    match target {
        Target::Workbook => ss
            .workbooks
            .iter()
            .find(|w| w.project_id == project && w.name.eq_ignore_ascii_case(name))
            .map(|w| (w.id.clone(), w.owner_id.clone(), w.has_extracts)),
        Target::Datasource => ss
            .datasources
            .iter()
            .find(|d| d.project_id == project && d.name.eq_ignore_ascii_case(name))
            .map(|d| (d.id.clone(), d.owner_id.clone(), d.has_extracts)),
    }
}

/// What the commit will do.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Plan {
    Create,
    Overwrite(String),
    Append(String),
}

/// The name and mode rules, checked before the file is taken and again at commit time.
fn plan(
    ctx: &Ctx,
    ss: &SiteState,
    target: Target,
    opts: &Options,
    meta: &mut Meta,
    project: Option<&str>,
    kind: FileKind,
) -> Result<Plan, ApiError> {
    let pid = resolve_project(ss, project)?;
    meta.set_project(pid.clone());
    let name = meta.name().to_string();
    let what = target.element();
    let found = existing(ss, target, &pid, &name);
    let a = ctx.auth();
    let may_replace = |owner: &str| a.is_admin() || owner == a.user_id;
    if opts.append {
        let Some((id, owner, extract)) = found else {
            return Err(ApiError::datasource_not_found(&name).with_summary("Data source not found"));
        };
        if !matches!(kind, FileKind::Hyper | FileKind::Tde) || !extract {
            return Err(publishing_error(
                &name,
                "data can be appended only from a .hyper or .tde file to a data source that is an extract",
            ));
        }
        if !may_replace(&owner) {
            return Err(insufficient(what));
        }
        return Ok(Plan::Append(id));
    }
    match found {
        None => Ok(Plan::Create),
        Some((id, owner, _)) if opts.overwrite => {
            if may_replace(&owner) {
                Ok(Plan::Overwrite(id))
            } else {
                Err(insufficient(what))
            }
        }
        Some(_) => Err(ApiError::new(
            403007,
            format!(
                "The {what} '{name}' already exists and may not be overwritten without the 'overwrite' flag set to 'true'."
            ),
        )),
    }
}

fn insufficient(what: &str) -> ApiError {
    ApiError::new(
        403007,
        format!("The caller may not replace a {what} owned by another user."),
    )
}

fn publishing_error(file: &str, detail: &str) -> ApiError {
    ApiError::new(
        400011,
        format!("There was a problem publishing the file '{file}': {detail}"),
    )
}

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
                match ss.uploads.get(id) {
                    Some(s) if s.user_id == a.user_id => {}
                    _ => return Err(upload_not_found(id)),
                }
                let s = ss.uploads.remove(id).expect("checked");
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
        (_, Plan::Append(id)) => (id.clone(), ingest::append_datasource(ss, id, stored)),
    };
    let mut x = ctx.xml(2048);
    let resp = if opts.as_job {
        let subject = JobSubject {
            kind: target.element().to_string(),
            id: id.clone(),
            name: meta.name().to_string(),
        };
        let job = ss.create_job(target.job_type(), Some(subject), ctx.job_delay_ms());
        render::job(&mut x, &job);
        Response::xml(202, x.finish())
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
        Response::xml(201, x.finish())
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
