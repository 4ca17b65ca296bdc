//! Routing: version and auth checks, the routing table, and the handler API.
//!
//! A handler is a plain function:
//! ```ignore
//! fn get_thing(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError>
//! ```
//! registered in its family's module with e.g.
//! `r.push(Route::get("sites/{site}/things/{id}", get_thing));`
//! Patterns are relative to `/api/{version}/`; `{name}` segments are parameters (percent-
//! decoded). A route is authenticated unless marked `.public()`; for authenticated routes a
//! `{site}` parameter must be the session's site (else 403000). Literal segments match
//! case-insensitively (`serverinfo` = `serverInfo`). A pattern starting `exp/` is a route of
//! Tableau's experimental API, `/api/exp/…` (custom view publish and download): it answers only
//! there, as the highest version the emulator serves (from 3.21; older servers answer 404001),
//! and `/api/exp/` reaches no other route.

use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use std::sync::{RwLockReadGuard, RwLockWriteGuard};

use crate::auth::Session;
use crate::errors::ApiError;
use crate::faults::{self, Action};
use crate::http::multipart::Multipart;
use crate::http::{BodyReader, Head, Headers, Method, Response, WriteFault};
use crate::query::Query;
use crate::reply::{Format, ReplyWriter};
use crate::server::{Outcome, Shared};
use crate::state::{is_admin_role, SiteState, State};
use crate::util::percent_decode;
use crate::xml::{self, Element};

/// A REST API version `major.minor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ApiVersion(pub u32, pub u32);

impl ApiVersion {
    pub fn parse(s: &str) -> Option<ApiVersion> {
        let (a, b) = s.split_once('.')?;
        if a.is_empty()
            || b.is_empty()
            || !a.bytes().all(|c| c.is_ascii_digit())
            || !b.bytes().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Some(ApiVersion(a.parse().ok()?, b.parse().ok()?))
    }

    /// The oldest version served.
    pub const MIN: ApiVersion = ApiVersion(2, 3);
    /// The newest version the emulator implements.
    pub const MAX: ApiVersion = ApiVersion(3, 29);
    /// The versions `--api-version` accepts, in words.
    pub const IMPLEMENTED: &'static str = "2.3 to 2.8, or 3.0 to 3.29";

    /// Is this a REST API version that exists and that the emulator implements: 2.3..=2.8
    /// (Tableau's 2.x series ends at 2.8) or 3.0..=3.29?
    pub fn is_implemented(self) -> bool {
        match self.0 {
            2 => (3..=8).contains(&self.1),
            3 => self <= Self::MAX,
            _ => false,
        }
    }
}

impl std::fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

pub type Handler = fn(&Ctx<'_>, &mut Request<'_>) -> Result<Response, ApiError>;

#[derive(Debug, Clone)]
enum Seg {
    Lit(&'static str),
    Param(&'static str),
}

/// One entry of the routing table.
#[derive(Clone)]
pub struct Route {
    pub method: Method,
    pub pattern: &'static str,
    segs: Vec<Seg>,
    pub auth: bool,
    pub min_version: Option<ApiVersion>,
    pub handler: Handler,
}

impl Route {
    pub fn new(method: Method, pattern: &'static str, handler: Handler) -> Route {
        let segs = pattern
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s.starts_with('{') && s.ends_with('}') {
                    Seg::Param(&s[1..s.len() - 1])
                } else {
                    Seg::Lit(s)
                }
            })
            .collect();
        Route {
            method,
            pattern,
            segs,
            auth: true,
            min_version: None,
            handler,
        }
    }
    pub fn get(p: &'static str, h: Handler) -> Route {
        Route::new(Method::Get, p, h)
    }
    pub fn post(p: &'static str, h: Handler) -> Route {
        Route::new(Method::Post, p, h)
    }
    pub fn put(p: &'static str, h: Handler) -> Route {
        Route::new(Method::Put, p, h)
    }
    pub fn delete(p: &'static str, h: Handler) -> Route {
        Route::new(Method::Delete, p, h)
    }
    pub fn patch(p: &'static str, h: Handler) -> Route {
        Route::new(Method::Patch, p, h)
    }
    /// No `X-Tableau-Auth` needed.
    pub fn public(mut self) -> Route {
        self.auth = false;
        self
    }
    /// Available from this REST API version on (older URL versions → 404003).
    pub fn since(mut self, v: &str) -> Route {
        self.min_version = ApiVersion::parse(v);
        self
    }

    /// Does this route answer `method` on `path` (relative to `/api/{version}/`, no query)?
    /// Used by tests that check every route is covered.
    pub fn serves(&self, method: &str, path: &str) -> bool {
        let segs: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| percent_decode(s, false))
            .collect();
        self.method.as_str().eq_ignore_ascii_case(method) && self.matches(&segs).is_some()
    }

    /// A route of the experimental API (`/api/exp/…`).
    pub fn is_exp(&self) -> bool {
        self.pattern.starts_with("exp/")
    }

    fn matches(&self, segs: &[String]) -> Option<Vec<(&'static str, String)>> {
        if segs.len() != self.segs.len() {
            return None;
        }
        let mut params = Vec::new();
        for (s, p) in segs.iter().zip(&self.segs) {
            match p {
                Seg::Lit(l) => {
                    if !s.eq_ignore_ascii_case(l) {
                        return None;
                    }
                }
                Seg::Param(n) => params.push((*n, s.clone())),
            }
        }
        Some(params)
    }
}

/// Who is calling (authenticated routes).
#[derive(Debug, Clone)]
pub struct AuthContext {
    pub token: String,
    pub site_id: String,
    pub user_id: String,
    pub user_name: String,
    /// The user's role on the session's site.
    pub site_role: String,
    pub server_admin: bool,
}

impl AuthContext {
    /// Server or site administrator.
    pub fn is_admin(&self) -> bool {
        self.server_admin || is_admin_role(&self.site_role)
    }
}

/// Per-request context for handlers.
pub struct Ctx<'a> {
    pub shared: &'a Shared,
    /// The version in the URL.
    pub version: ApiVersion,
    pub auth: Option<AuthContext>,
    pub session: Option<Session>,
    /// The reply format the request asked for (`Accept`).
    pub format: Format,
    /// The address the request reached (`http://` + its `Host`), for `webpageUrl`s.
    pub web_base: String,
}

impl<'a> Ctx<'a> {
    /// The caller (only on authenticated routes; the router guarantees it is set).
    pub fn auth(&self) -> &AuthContext {
        self.auth.as_ref().expect("auth() called on a public route")
    }

    pub fn state(&self) -> RwLockReadGuard<'a, State> {
        self.shared.read()
    }

    pub fn state_mut(&self) -> RwLockWriteGuard<'a, State> {
        self.shared.write()
    }

    /// 403004 unless the caller is a site or server administrator.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.auth().is_admin() {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "The caller does not have the administrator role needed for this operation.",
            ))
        }
    }

    /// 403004 unless the caller is a server administrator.
    pub fn require_server_admin(&self) -> Result<(), ApiError> {
        if self.auth().server_admin {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "Only server administrators can perform this operation.",
            ))
        }
    }

    /// A reply writer with Tableau's envelope, in the format the request asked for.
    pub fn reply(&self, capacity: usize) -> ReplyWriter {
        ReplyWriter::response_for(&self.shared.config.api_version, self.format, capacity)
            .with_web_base(self.web_base.clone())
    }

    /// The session's site in the state (404000 if it was deleted meanwhile).
    pub fn site<'s>(&self, st: &'s State) -> Result<&'s SiteState, ApiError> {
        let id = &self.auth().site_id;
        st.site(id).ok_or_else(|| ApiError::site_not_found(id))
    }

    pub fn site_mut<'s>(&self, st: &'s mut State) -> Result<&'s mut SiteState, ApiError> {
        let id = self.auth().site_id.clone();
        st.site_mut(&id)
            .ok_or_else(|| ApiError::site_not_found(&id))
    }

    /// Directory for a site's content files (created on demand by the caller).
    pub fn site_dir(&self, site_id: &str) -> std::path::PathBuf {
        self.shared.site_dir(site_id)
    }

    /// Delay after which new jobs complete.
    pub fn job_delay_ms(&self) -> u64 {
        self.shared.job_delay_ms.load(Ordering::Relaxed)
    }

    /// Deletes files that state no longer references (call after releasing the lock).
    pub fn collect_garbage(&self, files: Vec<std::path::PathBuf>) {
        for f in files {
            if f.as_os_str().is_empty() {
                continue;
            }
            if f.is_dir() {
                let _ = std::fs::remove_dir_all(&f);
            } else {
                let _ = std::fs::remove_file(&f);
            }
        }
    }
}

/// Largest XML request body read into memory.
pub const MAX_XML_BODY: usize = 32 * 1024 * 1024;

/// The request as a handler sees it.
pub struct Request<'a> {
    pub method: Method,
    /// Raw path (still percent-encoded).
    pub path: String,
    /// Decoded path segments after `/api/{version}/`.
    pub segments: Vec<String>,
    pub params: Vec<(&'static str, String)>,
    pub query: Query,
    pub headers: &'a Headers,
    /// Declared body length (`Some(0)` without a body, `None` when chunked).
    pub content_length: Option<u64>,
    /// The body, streamed from the socket.
    pub body: &'a mut dyn Read,
}

impl Request<'_> {
    /// A path parameter (empty if absent).
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn content_type(&self) -> Option<&str> {
        self.headers.get("content-type")
    }

    /// Reads the whole body into memory; more than `cap` bytes → 413000.
    pub fn read_body(&mut self, cap: usize) -> Result<Vec<u8>, ApiError> {
        if let Some(n) = self.content_length {
            if n > cap as u64 {
                return Err(ApiError::new(
                    413000,
                    format!("The request body ({n} bytes) is larger than {cap} bytes."),
                ));
            }
        }
        let mut v = Vec::with_capacity(self.content_length.unwrap_or(0).min(cap as u64) as usize);
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = self.body.read(&mut buf).map_err(|e| {
                ApiError::bad_request(format!("The request body could not be read: {e}"))
            })?;
            if n == 0 {
                return Ok(v);
            }
            if v.len() + n > cap {
                return Err(ApiError::new(
                    413000,
                    format!("The request body is larger than {cap} bytes."),
                ));
            }
            v.extend_from_slice(&buf[..n]);
        }
    }

    /// The body as a `<tsRequest>` document, XML or (with `Content-Type: application/json`)
    /// JSON; empty or malformed → 400000.
    pub fn document(&mut self) -> Result<Element, ApiError> {
        self.document_opt()?.ok_or_else(|| {
            ApiError::bad_request(
                "Payload is either malformed XML or incomplete (the request body is empty)",
            )
        })
    }

    /// Like `document`, but an empty body gives `None`.
    pub fn document_opt(&mut self) -> Result<Option<Element>, ApiError> {
        let b = self.read_body(MAX_XML_BODY)?;
        if b.iter().all(|c| c.is_ascii_whitespace()) {
            return Ok(None);
        }
        parse_document(self.content_type(), &b).map(Some)
    }

    /// A streaming multipart/mixed parser over the body (form-data → 406000).
    pub fn multipart(&mut self) -> Result<Multipart<&mut dyn Read>, ApiError> {
        let ct = self.headers.get("content-type").map(str::to_string);
        Multipart::from_request(ct.as_deref(), &mut *self.body)
    }
}

/// A `<tsRequest>` document in the format its `Content-Type` names (XML unless JSON).
pub fn parse_document(content_type: Option<&str>, body: &[u8]) -> Result<Element, ApiError> {
    if crate::json::is_json(content_type) {
        crate::json::parse_ts_request(body)
    } else {
        xml::parse_ts_request(body)
    }
}

fn finish(
    shared: &Shared,
    resp: Response,
    fault: Option<WriteFault>,
    close: bool,
    latency: bool,
) -> Outcome {
    Outcome {
        response: resp,
        fault,
        close,
        latency_ms: if latency && shared.config.latency_ms > 0 {
            Some(shared.config.latency_ms)
        } else {
            None
        },
    }
}

/// Handles one request. Never panics: handler panics become 500 answers.
pub fn dispatch(shared: &Shared, head: &Head, body: &mut BodyReader<'_>) -> Outcome {
    let path = head.path.as_str();
    let control = path == "/_emulator" || path.starts_with("/_emulator/");
    let format = reply_format(head);
    let version = shared.config.api_version.as_str();

    // Fault injection (everything but the fault endpoints themselves).
    let mut write_fault = None;
    if !path.starts_with("/_emulator/faults") {
        if let Some(f) = faults::take_matching(shared, head.method_raw.as_str(), path) {
            match f.action {
                Action::Status => {
                    let mut e = ApiError::from_status(
                        f.status,
                        format!(
                            "Injected fault: HTTP {} for {} {}",
                            f.status, head.method_raw, path
                        ),
                    );
                    if let Some(ra) = &f.retry_after {
                        e = e.with_header("Retry-After", ra.clone());
                    }
                    return finish(
                        shared,
                        e.into_response(version, format),
                        None,
                        false,
                        !control,
                    );
                }
                Action::Delay => std::thread::sleep(std::time::Duration::from_millis(f.delay_ms)),
                Action::Reset => write_fault = Some(WriteFault::Reset(f.after_bytes)),
                Action::Truncate => write_fault = Some(WriteFault::Truncate(f.after_bytes)),
            }
        }
    }

    if control {
        let q = Query::parse(&head.query);
        let r = catch_unwind(AssertUnwindSafe(|| {
            crate::control::handle(shared, head, &q, body)
        }));
        let resp = match r {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => e.into_response(version, Format::Xml),
            Err(_) => ApiError::internal("The control handler failed unexpectedly.")
                .into_response(version, Format::Xml),
        };
        return finish(shared, resp, write_fault, false, false);
    }

    let r = catch_unwind(AssertUnwindSafe(|| route_api(shared, head, format, body)));
    let resp = match r {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => e.into_response(version, format),
        Err(_) => ApiError::internal(
            "The server encountered an unexpected error while handling the request.",
        )
        .into_response(version, format),
    };
    finish(shared, resp, write_fault, false, true)
}

/// The reply format: JSON when the `Accept` header prefers it and the URL's API version has
/// JSON (2.5 and later, as on Tableau Server), XML otherwise.
fn reply_format(head: &Head) -> Format {
    let format = Format::from_accept(head.headers.get("accept"));
    let version = head
        .path
        .strip_prefix("/api/")
        .and_then(|p| p.split('/').next())
        .and_then(ApiVersion::parse);
    match version {
        Some(v) if v < ApiVersion(2, 5) => Format::Xml,
        _ => format,
    }
}

/// The server's address as the client reached it: the `Host` header (when it is a host name
/// or address with an optional port), else the listening address.
fn web_base(shared: &Shared, head: &Head) -> String {
    let scheme = if shared.config.tls.is_some() {
        "https"
    } else {
        "http"
    };
    let valid = |h: &&str| {
        !h.is_empty()
            && h.len() <= 255
            && h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._:[]".contains(&b))
    };
    match head.headers.get("host").map(str::trim).filter(valid) {
        Some(h) => format!("{scheme}://{h}"),
        None => shared.read().web_base.clone(),
    }
}

fn route_api(
    shared: &Shared,
    head: &Head,
    format: Format,
    body: &mut BodyReader<'_>,
) -> Result<Response, ApiError> {
    let path = head.path.as_str();
    let raw_segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if raw_segs.first() != Some(&"api") || raw_segs.len() < 3 {
        return Err(ApiError::unknown_resource(path));
    }
    let vstr = percent_decode(raw_segs[1], false);
    // `/api/exp/…`: the experimental API, whose patterns keep the `exp` segment.
    let exp = vstr == "exp";
    let version = match ApiVersion::parse(&vstr) {
        // Servers before REST API 3.21 have no experimental API.
        _ if exp && shared.max_version >= ApiVersion(3, 21) => shared.max_version,
        Some(v) if v >= ApiVersion::MIN && v <= shared.max_version => v,
        _ => {
            return Err(ApiError::new(
                404001,
                format!("Version '{vstr}' is not a valid version of the API."),
            ))
        }
    };
    let segments: Vec<String> = raw_segs[if exp { 1 } else { 2 }..]
        .iter()
        .map(|s| percent_decode(s, false))
        .collect();
    let method = if head.method == Method::Head {
        Method::Get
    } else {
        head.method
    };

    let mut path_matched = false;
    let mut found: Option<(&Route, Vec<(&'static str, String)>)> = None;
    for r in shared.routes.iter().filter(|r| r.is_exp() == exp) {
        if let Some(params) = r.matches(&segments) {
            path_matched = true;
            if r.method == method {
                found = Some((r, params));
                break;
            }
        }
    }
    let (route, params) = match found {
        Some(f) => f,
        None if path_matched => return Err(ApiError::method_not_allowed(&head.method_raw)),
        None => return Err(ApiError::unknown_resource(path)),
    };
    if let Some(min) = route.min_version {
        if version < min {
            return Err(ApiError::unknown_resource(path));
        }
    }

    let mut ctx = Ctx {
        shared,
        version,
        auth: None,
        session: None,
        format,
        web_base: web_base(shared, head),
    };
    if route.auth {
        let token = head
            .headers
            .get("x-tableau-auth")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::new(401000, "No authentication credentials were provided."))?;
        let invalid = || ApiError::new(401002, "Invalid authentication credentials were provided.");
        let session = shared
            .sessions()
            .touch(token, shared.session_idle())
            .ok_or_else(invalid)?;
        let auth = {
            let st = shared.read();
            let ss = st.site(&session.site_id).ok_or_else(invalid)?;
            let user = ss.users.get(&session.user_id).ok_or_else(invalid)?;
            AuthContext {
                token: session.token.clone(),
                site_id: session.site_id.clone(),
                user_id: user.id.clone(),
                user_name: user.name.clone(),
                site_role: user.site_role.clone(),
                server_admin: st
                    .identity(&user.name)
                    .map(|i| i.server_admin)
                    .unwrap_or(false),
            }
        };
        if let Some((_, site)) = params.iter().find(|(k, _)| *k == "site") {
            if !site.eq_ignore_ascii_case(&auth.site_id) {
                return Err(ApiError::new(
                    403000,
                    format!(
                        "The site '{site}' in the URI is not the site of the current session ('{}'). Sign in to (or switch to) that site first.",
                        auth.site_id
                    ),
                ));
            }
        }
        ctx.auth = Some(auth);
        ctx.session = Some(session);
    }

    let mut req = Request {
        method,
        path: head.path.clone(),
        segments,
        params,
        query: Query::parse(&head.query),
        headers: &head.headers,
        content_length: body.declared_len(),
        body,
    };
    (route.handler)(&ctx, &mut req)
}
