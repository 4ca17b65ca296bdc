//! HTTP over one ureq agent: the auth header, redirects (RFC 9110 rules in `redirect`),
//! retries of repeatable requests (`retry`), the deadline of calls that read a whole reply, the
//! trace of every request (`trace`), and the mapping of every failure, transport or HTTP, to an
//! [`Error`] whose message names the request.
//!
//! Streaming transfers build on [`Transport::open`]: `multipart` frames publish bodies, `upload`
//! streams a file into them, `download` writes replies to files or writers, `filename` makes
//! server-supplied names safe, and `progress` reports and cancels.

mod config;
pub(crate) mod download;
mod errors;
pub(crate) mod filename;
mod forward_proxy;
pub(crate) mod multipart;
pub(crate) mod progress;
mod redirect;
pub(crate) mod retry;
mod tempfile;
pub(crate) mod trace;
pub(crate) mod upload;
mod url;

pub use config::{
    ProxySetting, TransportConfig, DEFAULT_CONNECT_TIMEOUT, DEFAULT_DEADLINE,
    DEFAULT_REQUEST_TIMEOUT,
};
pub use download::{Destination, Downloaded};
pub(crate) use errors::{error_from_body, tableau_error, transport_error};
pub use progress::{
    CancelToken, ProgressFn, TransferOptions, TSC_DEFAULT_CHUNK_SIZE, TSC_MAX_CHUNK_SIZE,
    TSC_MAX_SINGLE_REQUEST, TSC_MAX_UPLOAD_CHUNKS, TSC_MIN_CHUNK_SIZE,
};
pub use retry::RetryPolicy;
pub use trace::{tsc_log_level, LogLevel, LogSetting, LogSink};
pub use upload::Source;
pub(crate) use url::UrlBuilder;

use crate::error::{Error, Result, Status};
use crate::secret::Secret;
use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use trace::Tracer;
use ureq::http;

/// Largest XML reply accepted (a 1000-item page with every field is a few MB).
pub(crate) const MAX_XML_REPLY: u64 = 64 * 1024 * 1024;
/// How many redirects a call follows.
const MAX_REDIRECTS: usize = 5;

/// HTTP methods the REST API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
}

impl Method {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }
}

/// One request: method, full URL, the session token (None for sign-in and server info), the
/// body's content type, and what may be done with it.
pub(crate) struct Request<'a> {
    pub method: Method,
    pub url: String,
    pub token: Option<&'a Secret>,
    pub content_type: Option<String>,
    /// Whether it may be sent again after a failure that happened before the server acted on
    /// it (GET and sign-in; never a request that creates or changes something).
    pub repeatable: bool,
    /// Whether its body carries credentials (sign-in): never re-sent to another origin.
    pub credentials: bool,
    /// Other headers (name, value), e.g. `RequestID` of a hyper data update.
    pub headers: Vec<(&'static str, String)>,
}

impl<'a> Request<'a> {
    /// A request; repeatable when it is a GET.
    pub(crate) fn new(method: Method, url: String, token: Option<&'a Secret>) -> Request<'a> {
        Request {
            method,
            url,
            token,
            content_type: None,
            repeatable: method == Method::Get,
            credentials: false,
            headers: Vec::new(),
        }
    }

    /// `"GET https://host/api/3.25/sites"`, for messages.
    pub(crate) fn label(&self) -> String {
        format!("{} {}", self.method.as_str(), self.url)
    }
}

/// A request body.
pub(crate) enum Body<'r> {
    /// No body.
    None,
    /// Bytes in memory (replayable on redirects and retries).
    Bytes(&'r [u8]),
    /// A stream of exactly `len` bytes (not replayable).
    Stream { reader: &'r mut dyn Read, len: u64 },
}

/// Counts of what the transport did on its own, for callers who watch them.
#[derive(Default)]
pub(crate) struct Stats {
    pub retries: AtomicU64,
    pub reauthentications: AtomicU64,
}

/// Why one attempt failed: the error, and whether the connection broke before any reply.
struct Failure {
    error: Error,
    before_reply: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            error,
            before_reply: false,
        }
    }
}

/// The HTTP client of one server handle. Cheap to share: ureq's agent is internally reference
/// counted and thread-safe.
pub(crate) struct Transport {
    agent: ureq::Agent,
    /// For `http://` URLs when an HTTP proxy is in use (forward requests, not CONNECT).
    forward: Option<ureq::Agent>,
    deadline: Option<Duration>,
    retry: RetryPolicy,
    pub(crate) trace: Tracer,
    pub(crate) stats: Stats,
}

impl Transport {
    /// Builds the agent from the settings.
    pub(crate) fn new(cfg: &TransportConfig) -> Result<Transport> {
        let agents = config::build_agents(cfg)?;
        Ok(Transport {
            agent: agents.main,
            forward: agents.forward,
            deadline: cfg.deadline,
            retry: cfg.retry,
            trace: Tracer::new(&cfg.log),
            stats: Stats::default(),
        })
    }

    /// Sends a request and returns the body of its 2xx reply (at most [`MAX_XML_REPLY`] bytes),
    /// all within the call's deadline, retries included.
    pub(crate) fn exchange(&self, req: &Request<'_>, body: Option<&[u8]>) -> Result<Vec<u8>> {
        let deadline = self.deadline.map(|d| (Instant::now() + d, d));
        let body = match body {
            Some(b) => Body::Bytes(b),
            None => Body::None,
        };
        let started = Instant::now();
        let mut resp = self.send(req, body, deadline)?;
        let bytes = read_capped(&mut resp, MAX_XML_REPLY, req).map_err(|e| {
            let e = deadline_passed(e, req, deadline);
            self.trace.log(LogLevel::Error, || {
                format!("{} failed: {}", req.label(), e.message())
            });
            e
        })?;
        self.answered(req, &resp, started, || format!("{} bytes", bytes.len()));
        Ok(bytes)
    }

    /// Sends a request; returns the response when its status is 2xx, else the mapped error.
    /// Transfers: no deadline (their reads and writes have the request timeout, and progress
    /// callbacks and cancel tokens stop them).
    pub(crate) fn open(
        &self,
        req: &Request<'_>,
        body: Body<'_>,
    ) -> Result<http::Response<ureq::Body>> {
        let started = Instant::now();
        let resp = self.send(req, body, None)?;
        self.answered(req, &resp, started, || {
            resp.headers()
                .get("content-length")
                .and_then(|v| v.to_str().ok())
                .map_or("streamed".to_string(), |n| format!("{n} bytes"))
        });
        Ok(resp)
    }

    /// Attempts the request, retrying failures that allow it when the request is repeatable.
    fn send(
        &self,
        req: &Request<'_>,
        mut body: Body<'_>,
        deadline: Option<(Instant, Duration)>,
    ) -> Result<http::Response<ureq::Body>> {
        let repeatable = req.repeatable && !matches!(body, Body::Stream { .. });
        let policy = match repeatable {
            true => self.retry,
            false => RetryPolicy {
                max_attempts: 1,
                ..self.retry
            },
        };
        let mut retrier = retry::Retrier::new(policy);
        loop {
            let started = Instant::now();
            let failure = match self.follow(req, &mut body, deadline) {
                Ok(resp) => return Ok(resp),
                Err(f) => f,
            };
            let error = failure.error;
            self.trace.log(LogLevel::Debug, || {
                let ms = started.elapsed().as_millis();
                format!("{} -> {} in {ms} ms", req.label(), brief(&error))
            });
            let asked = match retry::classify(&error, failure.before_reply) {
                retry::Retryable::Yes(asked) => asked,
                retry::Retryable::No => return Err(self.failed(req, error)),
            };
            let left = deadline.map(|(at, _)| at.saturating_duration_since(Instant::now()));
            match retrier.next(asked, left) {
                Ok(wait) => {
                    self.stats.retries.fetch_add(1, Ordering::Relaxed);
                    self.trace.log(LogLevel::Info, || {
                        format!(
                            "{}: {}; retry {} of {} in {} ms{}",
                            req.label(),
                            brief(&error),
                            retrier.attempt() - 1,
                            retrier.max_attempts() - 1,
                            wait.as_millis(),
                            if asked.is_some() {
                                " (Retry-After)"
                            } else {
                                ""
                            }
                        )
                    });
                    std::thread::sleep(wait);
                }
                Err(why) if policy.max_attempts > 1 => {
                    return Err(self.failed(req, error.with_note(&why)))
                }
                Err(_) => return Err(self.failed(req, error)),
            }
        }
    }

    /// Logs a successful call's line: status, time since `started`, and its `size`.
    fn answered(
        &self,
        req: &Request<'_>,
        resp: &http::Response<ureq::Body>,
        started: Instant,
        size: impl FnOnce() -> String,
    ) {
        self.trace.log(LogLevel::Debug, || {
            format!(
                "{} -> {} in {} ms, {}",
                req.label(),
                resp.status().as_u16(),
                started.elapsed().as_millis(),
                size()
            )
        });
    }

    /// Logs a call's final error and hands it back.
    fn failed(&self, req: &Request<'_>, e: Error) -> Error {
        self.trace.log(LogLevel::Error, || {
            format!("{} failed: {}", req.label(), e.message())
        });
        e
    }

    /// One attempt: sends the request and follows redirects.
    fn follow(
        &self,
        req: &Request<'_>,
        body: &mut Body<'_>,
        deadline: Option<(Instant, Duration)>,
    ) -> std::result::Result<http::Response<ureq::Body>, Failure> {
        let mut url = req.url.clone();
        let mut method = req.method;
        let mut send_body = !matches!(body, Body::None);
        for _ in 0..=MAX_REDIRECTS {
            let label = format!("{} {}", method.as_str(), url);
            let mut b = http::Request::builder().method(method.as_str()).uri(&url);
            if let (Some(token), true) = (req.token, redirect::same_origin(&url, &req.url)) {
                b = b.header("X-Tableau-Auth", token.expose());
            }
            if let (Some(ct), true) = (&req.content_type, send_body) {
                b = b.header("Content-Type", ct.as_str());
            }
            for (name, value) in &req.headers {
                b = b.header(*name, value.as_str());
            }
            let limit = match deadline {
                Some((at, total)) => {
                    let left = at.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(deadline_error(&label, total).into());
                    }
                    Some(left)
                }
                None => None,
            };
            let result = match (send_body, &mut *body) {
                (true, Body::Bytes(bytes)) => self.run(build(b, &url, *bytes)?, limit),
                (true, Body::Stream { reader, len }) => {
                    let b = b.header("Content-Length", len.to_string());
                    let body = ureq::SendBody::from_reader(&mut **reader);
                    self.run(build(b, &url, body)?, limit)
                }
                _ if matches!(method, Method::Get | Method::Delete) => {
                    self.run(build(b, &url, ())?, limit)
                }
                _ => self.run(build(b, &url, &[][..])?, limit),
            };
            let mut resp = result.map_err(|e| Failure {
                before_reply: broke_early(&e),
                error: match (&e, deadline) {
                    (ureq::Error::Timeout(ureq::Timeout::Global), Some((_, total))) => {
                        deadline_error(&label, total)
                    }
                    _ => transport_error(e, &label),
                },
            })?;
            let status = resp.status().as_u16();
            if (200..300).contains(&status) {
                return Ok(resp);
            }
            if !matches!(status, 301 | 302 | 303 | 307 | 308) {
                return Err(errors::http_error(&mut resp, &label).into());
            }
            let location = resp.headers().get("location").and_then(|v| v.to_str().ok());
            let hop = redirect::next_hop(
                &redirect::Redirected {
                    label: &label,
                    method,
                    url: &url,
                    has_body: send_body,
                    replayable: matches!(body, Body::Bytes(_)),
                    credentials: req.credentials && send_body,
                },
                status,
                location,
            )?;
            self.trace.log(LogLevel::Info, || {
                format!("{label} -> {status}, redirected to {}", hop.url)
            });
            (url, method, send_body) = (hop.url, hop.method, hop.keep_body);
        }
        Err(Error::new(
            Status::Http,
            format!("{}: more than {MAX_REDIRECTS} redirects", req.label()),
        )
        .into())
    }

    /// Runs one exchange, within `limit` when given.
    fn run<B: ureq::AsSendBody>(
        &self,
        r: http::Request<B>,
        limit: Option<Duration>,
    ) -> std::result::Result<http::Response<ureq::Body>, ureq::Error> {
        let agent = match (&self.forward, r.uri().scheme_str()) {
            (Some(forward), Some("http")) => forward,
            _ => &self.agent,
        };
        match limit {
            Some(l) => agent.run(agent.configure_request(r).timeout_global(Some(l)).build()),
            None => agent.run(r),
        }
    }
}

/// Whether a transport error means the connection broke before the server answered anything
/// (reset, closed, broken pipe), so that repeating a repeatable request is safe.
fn broke_early(e: &ureq::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e, ureq::Error::Io(io) if matches!(
        io.kind(),
        ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
    ))
}

/// The error of a call that ran out of its deadline.
fn deadline_error(label: &str, total: Duration) -> Error {
    Error::new(
        Status::Timeout,
        format!(
            "{} failed: the call's deadline of {} ms passed (raise it with \
             tsc_server_options_set_deadline_ms, or check the network and the server's load)",
            crate::error::echo(label),
            total.as_millis()
        ),
    )
}

/// Replaces ureq's global-timeout error of a body read by the deadline's own message.
fn deadline_passed(e: Error, req: &Request<'_>, deadline: Option<(Instant, Duration)>) -> Error {
    match deadline {
        Some((at, total)) if e.status() == Status::Timeout && Instant::now() >= at => {
            deadline_error(&req.label(), total)
        }
        _ => e,
    }
}

/// `HTTP 503, Tableau 503000` or the status name, for retry lines.
fn brief(e: &Error) -> String {
    let code = e.code().map_or(String::new(), |c| format!(", Tableau {c}"));
    match e.http_status() {
        0 => format!("{}{code}", e.status().name()),
        h => format!("HTTP {h}{code}"),
    }
}

fn build<B>(b: http::request::Builder, url: &str, body: B) -> Result<http::Request<B>> {
    b.body(body)
        .map_err(|e| Error::invalid(format!("cannot build a request for {url}: {e}")))
}

/// Reads a whole reply body, failing with `ReplyTooLarge` past `cap` bytes.
pub(crate) fn read_capped(
    resp: &mut http::Response<ureq::Body>,
    cap: u64,
    req: &Request<'_>,
) -> Result<Vec<u8>> {
    resp.body_mut()
        .with_config()
        .limit(cap)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => Error::new(
                Status::ReplyTooLarge,
                format!("{}: the reply is larger than {cap} bytes", req.label()),
            ),
            other => transport_error(other, &req.label()),
        })
}
