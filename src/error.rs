//! The one error type of the library: a status (what kind of failure), a message a person can act on,
//! and, when the server answered, the HTTP status and Tableau's `code`/`summary`/`detail`.
//!
//! `tsc_status` is both the Rust status enum (as [`Status`]) and the C enum, so the two never drift.
//! Values are grouped by kind and append-only: never renumber, never reuse a retired value.

use std::borrow::Cow;
use std::fmt;

/// The most characters of one argument (an id, a name, a URL) a message repeats.
pub(crate) const ECHO_MAX: usize = 200;

/// An argument as messages repeat it: whole when it has at most [`ECHO_MAX`] characters, else
/// its first [`ECHO_MAX`] characters, an ellipsis and its full length, so a 10 MB id gives a short
/// message. Every message that repeats a caller's or the server's value goes through it.
pub(crate) fn echo(value: &str) -> Cow<'_, str> {
    match value.char_indices().nth(ECHO_MAX) {
        None => Cow::Borrowed(value),
        Some((cut, _)) => Cow::Owned(format!(
            "{}… ({} characters in all)",
            &value[..cut],
            value.chars().count()
        )),
    }
}

/// `message` with every run of more than `2 * ECHO_MAX` characters without a space capped by
/// [`echo`]: the net under the messages that repeat a value without capping it.
fn cap_words(message: String) -> String {
    if message.len() <= 2 * ECHO_MAX
        || !message
            .split(' ')
            .any(|w| w.len() > 2 * ECHO_MAX && w.chars().count() > 2 * ECHO_MAX)
    {
        return message;
    }
    message
        .split(' ')
        .map(|w| {
            if w.chars().count() > 2 * ECHO_MAX {
                echo(w).into_owned()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The most characters of a reply body a message quotes.
pub(crate) const EXCERPT_MAX: usize = 300;

/// What a message quotes of a reply body that is not Tableau's (a proxy's or a load balancer's
/// page): the text with markup, scripts, styles and comments removed, control characters and
/// runs of whitespace turned into one space, anything that looks like a secret (a session token,
/// a password, a bearer token, a JWT) replaced by `[redacted]`, and at most [`EXCERPT_MAX`]
/// characters (then an ellipsis). `None` when nothing readable is left.
pub(crate) fn body_excerpt(body: &[u8]) -> Option<String> {
    // Enough of the body for the excerpt even after markup is removed.
    let raw = String::from_utf8_lossy(&body[..body.len().min(64 * 1024)]);
    let text = redact(&collapse(&decode_entities(&strip_markup(&raw))));
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(match text.char_indices().nth(EXCERPT_MAX) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
    })
}

/// The text of HTML or XML: tags and comments removed (each leaves a space), and the content of
/// `<script>` and `<style>` elements dropped.
fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        let tail = &rest[i..];
        let lower: String = tail
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let end = if tail.starts_with("<!--") {
            tail.find("-->").map(|e| e + 3)
        } else if lower.starts_with("<script") || lower.starts_with("<style") {
            let close = if lower.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            tail.to_ascii_lowercase()
                .find(close)
                .and_then(|c| tail[c..].find('>').map(|e| c + e + 1))
        } else {
            tail.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &tail[e..],
            // an unclosed tag: nothing after it is text
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The common character references; `&lt;` and `&gt;` stay as written (no markup comes back).
fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Control characters and whitespace runs as one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Names after which a value is a secret (`password=…`, `X-Tableau-Auth: …`, `"token": "…"`).
const SECRET_KEYS: &[&str] = &[
    "x-tableau-auth",
    "authorization",
    "personalaccesstokensecret",
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "jwt",
    "apikey",
    "api_key",
    "api-key",
    "credentials",
    "cookie",
    "workgroup_session_id",
];

/// A character that can be part of a token.
fn token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '|' | '+' | '/' | '=' | '%' | '~')
}

/// `text` with secret-looking values replaced by `[redacted]`: the value after any of
/// [`SECRET_KEYS`] (then `=`, `:` or `"`, and optional quotes), after `Bearer`/`Basic`, and any
/// word that looks like a JWT (`eyJ….….`) or a Tableau session token (long parts joined by `|`).
pub(crate) fn redact(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut redact_next = false;
    for w in words {
        let lower = w.to_ascii_lowercase();
        if lower == "bearer" || lower == "basic" {
            // `Authorization: Bearer <token>`: the scheme stays, the token goes
            redact_next = true;
            out.push(w.to_string());
            continue;
        }
        if redact_next && !w.is_empty() {
            out.push(redact_word_value(w, true));
            redact_next = false;
            continue;
        }
        let (word, pending) = redact_keyed(w);
        redact_next = pending;
        out.push(word);
    }
    out.join(" ")
}

/// One word: a `key=value`, `key:value` or `"key":"value"` with a secret key gets its value
/// redacted; a key with nothing after it (`password:`) asks for the next word (the bool). A
/// word that is itself a JWT or a session token is redacted whole.
fn redact_keyed(w: &str) -> (String, bool) {
    let lower = w.to_ascii_lowercase();
    for key in SECRET_KEYS {
        let mut from = 0;
        while let Some(i) = lower[from..].find(key) {
            let at = from + i;
            let after = at + key.len();
            let rest = &w[after..];
            let trimmed = rest.trim_start_matches(['"', '\'', ' ']);
            if let Some(v) = trimmed.strip_prefix(['=', ':']) {
                let v = v.trim_start_matches(['"', '\'', ' ']);
                let start = w.len() - v.len();
                if v.is_empty() {
                    return (w.to_string(), true);
                }
                let end = start + v.find(|c: char| !token_char(c)).unwrap_or(v.len());
                if end > start {
                    let mut s = String::with_capacity(w.len());
                    s.push_str(&w[..start]);
                    s.push_str("[redacted]");
                    let (tail, pending) = redact_keyed(&w[end..]);
                    s.push_str(&tail);
                    return (s, pending);
                }
            }
            from = after;
        }
    }
    (redact_word_value(w, false), false)
}

/// A word that looks like a secret on its own (or any word when `always`), redacted, keeping
/// punctuation around it.
fn redact_word_value(w: &str, always: bool) -> String {
    let start = w.find(token_char).unwrap_or(w.len());
    let len = w[start..]
        .find(|c: char| !token_char(c))
        .unwrap_or(w.len() - start);
    let core = &w[start..start + len];
    if core.is_empty() {
        return w.to_string();
    }
    if always || looks_like_secret(core) {
        format!("{}[redacted]{}", &w[..start], &w[start + len..])
    } else {
        w.to_string()
    }
}

/// A JWT (`eyJ` and three dot-separated parts) or a Tableau session token (parts of 16 or more
/// characters joined by `|`).
fn looks_like_secret(core: &str) -> bool {
    let jwt = core.starts_with("eyJ") && core.split('.').count() >= 3;
    let parts: Vec<&str> = core.split('|').collect();
    let session = parts.len() >= 2 && parts.iter().take(2).all(|p| p.len() >= 16);
    jwt || session
}

/// Status of a call. `0` is success; the ranges group the kinds of failure:
/// 1..99 misuse of the API by the caller, 100..199 transport, 200..299 the server said no,
/// 300..399 the server's reply could not be understood, 400..499 a job on the server failed.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum tsc_status {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// An argument had a value the call cannot use (out of range, unknown enum value, bad format).
    InvalidArgument = 2,
    /// A string argument was not valid UTF-8.
    InvalidUtf8 = 3,
    /// A consumable handle (such as a builder) was used after it was consumed.
    AlreadyUsed = 4,
    /// The library panicked; the message has the panic text. The call had no effect you can rely on.
    Panic = 5,
    /// A callback asked to stop; `tsc_error_callback_code` has the value it returned.
    AbortedByCallback = 6,
    /// The operation was cancelled through a cancel token.
    Cancelled = 7,
    /// The call needs a signed-in session: call `tsc_auth_sign_in` first.
    NotSignedIn = 8,
    /// The server's REST API version is too old for this call, or the feature is not available.
    Unsupported = 9,
    /// `*err` was not NULL on entry: the call did nothing and left `*err` as it was (the earlier
    /// error). Free that error with `tsc_error_free` and set the pointer to NULL before the next call.
    ErrorNotCleared = 10,
    /// Could not connect to the server (refused, unreachable, DNS failure, proxy failure).
    Connect = 100,
    /// TLS handshake or certificate verification failed.
    Tls = 101,
    /// The connect or request timeout expired.
    Timeout = 102,
    /// The connection failed during the exchange (reset, closed early, truncated body).
    Io = 103,
    /// A local file could not be read or written (missing file, permissions, disk full).
    File = 104,
    /// The server answered with an HTTP error status not covered by a more specific value.
    Http = 200,
    /// HTTP 401: not signed in, bad credentials, or the session expired.
    Unauthorized = 201,
    /// HTTP 403: the signed-in user may not do this.
    Forbidden = 203,
    /// HTTP 404: the item (or the API version) does not exist on the server.
    NotFound = 204,
    /// HTTP 405: the server does not allow this method on this resource.
    MethodNotAllowed = 205,
    /// HTTP 409: a conflict, usually a duplicate name.
    Conflict = 209,
    /// HTTP 429: too many requests; see `tsc_error_retry_after`.
    RateLimited = 229,
    /// HTTP 400: the server refused the request as malformed or invalid.
    BadRequest = 240,
    /// HTTP 5xx: the server failed.
    ServerError = 250,
    /// The reply was XML but not what the call expected (missing element or attribute).
    Protocol = 300,
    /// The reply was not XML at all (an HTML page, JSON, plain text, empty body).
    NotXml = 301,
    /// The reply claimed to be XML but is malformed (syntax error, bad encoding, truncated).
    MalformedXml = 302,
    /// The reply contained a DTD, which is refused for safety.
    XmlDtd = 303,
    /// The reply was larger than the library accepts for this kind of answer.
    ReplyTooLarge = 304,
    /// A job the call waited on ended with finish code 1 (failed); the message has its notes.
    JobFailed = 400,
    /// A job the call waited on was cancelled (finish code 2); the message has its notes.
    JobCancelled = 401,
}

/// Rust-facing name of [`tsc_status`].
pub type Status = tsc_status;

impl tsc_status {
    /// Every status, in declaration order. Rust only: kept out of `tsc.h`, where it would be a
    /// macro naming identifiers C does not have.
    ///
    /// cbindgen:ignore
    pub const ALL: [tsc_status; 32] = [
        Self::Ok,
        Self::NullArgument,
        Self::InvalidArgument,
        Self::InvalidUtf8,
        Self::AlreadyUsed,
        Self::Panic,
        Self::AbortedByCallback,
        Self::Cancelled,
        Self::NotSignedIn,
        Self::Unsupported,
        Self::ErrorNotCleared,
        Self::Connect,
        Self::Tls,
        Self::Timeout,
        Self::Io,
        Self::File,
        Self::Http,
        Self::Unauthorized,
        Self::Forbidden,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::Conflict,
        Self::RateLimited,
        Self::BadRequest,
        Self::ServerError,
        Self::Protocol,
        Self::NotXml,
        Self::MalformedXml,
        Self::XmlDtd,
        Self::ReplyTooLarge,
        Self::JobFailed,
        Self::JobCancelled,
    ];

    /// The symbolic C name, e.g. `"TSC_STATUS_NOT_FOUND"`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ok => "TSC_STATUS_OK",
            Self::NullArgument => "TSC_STATUS_NULL_ARGUMENT",
            Self::InvalidArgument => "TSC_STATUS_INVALID_ARGUMENT",
            Self::InvalidUtf8 => "TSC_STATUS_INVALID_UTF8",
            Self::AlreadyUsed => "TSC_STATUS_ALREADY_USED",
            Self::Panic => "TSC_STATUS_PANIC",
            Self::AbortedByCallback => "TSC_STATUS_ABORTED_BY_CALLBACK",
            Self::Cancelled => "TSC_STATUS_CANCELLED",
            Self::NotSignedIn => "TSC_STATUS_NOT_SIGNED_IN",
            Self::Unsupported => "TSC_STATUS_UNSUPPORTED",
            Self::ErrorNotCleared => "TSC_STATUS_ERROR_NOT_CLEARED",
            Self::Connect => "TSC_STATUS_CONNECT",
            Self::Tls => "TSC_STATUS_TLS",
            Self::Timeout => "TSC_STATUS_TIMEOUT",
            Self::Io => "TSC_STATUS_IO",
            Self::File => "TSC_STATUS_FILE",
            Self::Http => "TSC_STATUS_HTTP",
            Self::Unauthorized => "TSC_STATUS_UNAUTHORIZED",
            Self::Forbidden => "TSC_STATUS_FORBIDDEN",
            Self::NotFound => "TSC_STATUS_NOT_FOUND",
            Self::MethodNotAllowed => "TSC_STATUS_METHOD_NOT_ALLOWED",
            Self::Conflict => "TSC_STATUS_CONFLICT",
            Self::RateLimited => "TSC_STATUS_RATE_LIMITED",
            Self::BadRequest => "TSC_STATUS_BAD_REQUEST",
            Self::ServerError => "TSC_STATUS_SERVER_ERROR",
            Self::Protocol => "TSC_STATUS_PROTOCOL",
            Self::NotXml => "TSC_STATUS_NOT_XML",
            Self::MalformedXml => "TSC_STATUS_MALFORMED_XML",
            Self::XmlDtd => "TSC_STATUS_XML_DTD",
            Self::ReplyTooLarge => "TSC_STATUS_REPLY_TOO_LARGE",
            Self::JobFailed => "TSC_STATUS_JOB_FAILED",
            Self::JobCancelled => "TSC_STATUS_JOB_CANCELLED",
        }
    }

    /// A short description of the status, as a NUL-terminated static string (for the C API).
    pub(crate) fn describe_c(self) -> &'static std::ffi::CStr {
        match self {
            Self::Ok => c"success",
            Self::NullArgument => c"a required pointer argument was NULL",
            Self::InvalidArgument => c"invalid argument",
            Self::InvalidUtf8 => c"a string argument is not valid UTF-8",
            Self::AlreadyUsed => c"the handle was already consumed",
            Self::Panic => c"internal error (panic) in libtsc",
            Self::AbortedByCallback => c"aborted by a callback",
            Self::Cancelled => c"cancelled",
            Self::NotSignedIn => c"not signed in",
            Self::Unsupported => c"not supported by this server's API version",
            Self::ErrorNotCleared => {
                c"*err was not NULL on entry (an earlier error was not cleared)"
            }
            Self::Connect => c"could not connect to the server",
            Self::Tls => c"TLS error",
            Self::Timeout => c"timed out",
            Self::Io => c"connection failed during the exchange",
            Self::File => c"local file error",
            Self::Http => c"HTTP error",
            Self::Unauthorized => c"unauthorized (HTTP 401)",
            Self::Forbidden => c"forbidden (HTTP 403)",
            Self::NotFound => c"not found (HTTP 404)",
            Self::MethodNotAllowed => c"method not allowed (HTTP 405)",
            Self::Conflict => c"conflict (HTTP 409)",
            Self::RateLimited => c"rate limited (HTTP 429)",
            Self::BadRequest => c"bad request (HTTP 400)",
            Self::ServerError => c"server error (HTTP 5xx)",
            Self::Protocol => c"unexpected reply from the server",
            Self::NotXml => c"the server's reply is not XML",
            Self::MalformedXml => c"the server's reply is malformed XML",
            Self::XmlDtd => c"the server's reply contains a DTD, which is refused",
            Self::ReplyTooLarge => c"the server's reply is too large",
            Self::JobFailed => c"the job failed on the server",
            Self::JobCancelled => c"the job was cancelled on the server",
        }
    }

    /// The status for an HTTP error status code (>= 400).
    pub fn from_http(code: u16) -> tsc_status {
        match code {
            400 => Self::BadRequest,
            401 => Self::Unauthorized,
            403 => Self::Forbidden,
            404 => Self::NotFound,
            405 => Self::MethodNotAllowed,
            409 => Self::Conflict,
            429 => Self::RateLimited,
            500..=599 => Self::ServerError,
            _ => Self::Http,
        }
    }

    /// What a caller can usually do about this kind of failure, or `""`.
    pub(crate) fn hint(self) -> &'static str {
        match self {
            Self::Unauthorized => "sign in again (the credentials are wrong or the session expired)",
            Self::Forbidden => "the signed-in user lacks the permission or site role for this",
            Self::NotFound => "check the id or name; the item may have been deleted",
            Self::Conflict => "an item with that name already exists: choose another name or update the existing item",
            Self::RateLimited => "wait for the Retry-After delay and try again",
            Self::ServerError => "the server failed; try again later or ask its administrator",
            Self::Connect => "check the server URL, that the server is running, and any proxy settings",
            Self::Tls => "check the server's certificate, the CA bundle option, or the system's root certificates (a server that requires a client certificate needs tsc_server_options_set_client_certificate_files)",
            Self::Timeout => "raise the request timeout with tsc_server_options_set_timeout_ms or check the network",
            Self::Io => "the connection dropped; retry the call",
            Self::NotSignedIn => "call tsc_auth_sign_in first",
            Self::JobFailed => "the job's notes say why; fix the cause and run the job again",
            Self::JobCancelled => "someone cancelled the job; run it again if it is still needed",
            Self::ErrorNotCleared => {
                "free the earlier error with tsc_error_free and set the pointer to NULL before the next call"
            }
            Self::NotXml | Self::MalformedXml | Self::XmlDtd | Self::Protocol | Self::ReplyTooLarge => {
                "check that the URL points at a Tableau Server (not a proxy or login page)"
            }
            _ => "",
        }
    }
}

/// The hint of a timeout while connecting (ureq's `Timeout::Connect` and `Timeout::Resolve`),
/// where [`Status::hint`] has the one of a request that took too long.
pub(crate) const CONNECT_TIMEOUT_HINT: &str = "the connection could not be set up in time: raise the connect timeout with tsc_server_options_set_connect_timeout_ms, or check the server URL, the network and any proxy";

/// The hint of Tableau's `404001`: the version in the URL is one the server does not know.
pub(crate) const VERSION_HINT: &str = "this server does not support the REST API version in use: pin a version it supports with tsc_server_options_set_api_version, or leave the version unset and let libtsc negotiate it at sign-in";

/// An error from any call: what kind ([`Status`]), a message, and the server's details if any.
/// (Boxed: errors are the cold path, and a small `Result` keeps the hot path small.)
#[derive(Clone)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    status: Status,
    message: String,
    http_status: u16,
    code: Option<String>,
    summary: Option<String>,
    detail: Option<String>,
    retry_after: Option<u64>,
    callback_code: i32,
}

/// Result of every fallible call.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// A new error with a status and a message. A word of the message longer than twice
    /// [`ECHO_MAX`] (a value some caller did not pass through [`echo`]) is capped by [`echo`].
    pub fn new(status: Status, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                status,
                message: cap_words(message.into()),
                http_status: 0,
                code: None,
                summary: None,
                detail: None,
                retry_after: None,
                callback_code: 0,
            }),
        }
    }

    /// Shorthand for an [`Status::InvalidArgument`] error.
    pub fn invalid(message: impl Into<String>) -> Error {
        Error::new(Status::InvalidArgument, message)
    }

    /// An error for an HTTP error reply, with Tableau's error fields when the body had them.
    #[cfg(test)]
    pub(crate) fn http(
        http_status: u16,
        call: &str,
        code: Option<String>,
        summary: Option<String>,
        detail: Option<String>,
    ) -> Error {
        Error::http_reply(http_status, call, code, summary, detail, None)
    }

    /// [`Error::http`] for a reply whose body may not be Tableau's: `excerpt` (from
    /// [`body_excerpt`]) is what the body said instead, quoted in the message.
    pub(crate) fn http_reply(
        http_status: u16,
        call: &str,
        code: Option<String>,
        summary: Option<String>,
        detail: Option<String>,
        excerpt: Option<&str>,
    ) -> Error {
        let status = Status::from_http(http_status);
        let mut message = format!("{} failed: HTTP {http_status}", echo(call));
        if let Some(c) = &code {
            message.push_str(&format!(", Tableau error {c}"));
        }
        match (&summary, &detail) {
            (Some(s), Some(d)) => message.push_str(&format!(" ({s}): {d}")),
            (Some(s), None) => message.push_str(&format!(" ({s})")),
            (None, Some(d)) => message.push_str(&format!(": {d}")),
            (None, None) => {
                if let Some(x) = excerpt {
                    message.push_str(&format!(
                        "; the reply is not a Tableau error (a proxy or load balancer may have answered): \"{x}\""
                    ));
                }
            }
        }
        let version = code.as_deref() == Some("404001");
        let mut e = Error::new(status, message);
        e.inner.http_status = http_status;
        e.inner.code = code;
        e.inner.summary = summary;
        e.inner.detail = detail;
        if version {
            e.push_hint(VERSION_HINT);
        } else {
            e.add_hint();
        }
        e
    }

    /// Appends the status's hint to the message, once.
    pub(crate) fn add_hint(&mut self) {
        self.push_hint(self.inner.status.hint());
    }

    /// Appends `hint` to the message, once (a more precise one than the status's).
    pub(crate) fn push_hint(&mut self, hint: &str) {
        if !hint.is_empty() && !self.inner.message.ends_with(hint) {
            self.inner.message.push_str(" (");
            self.inner.message.push_str(hint);
            self.inner.message.push(')');
        }
    }

    /// Prefixes the message with the name of the call that failed (e.g. the C function name).
    pub fn context(mut self, what: &str) -> Error {
        if !self.inner.message.starts_with(what) {
            self.inner.message = format!("{}: {}", echo(what), self.inner.message);
        }
        self
    }

    /// Appends a note to the message, in parentheses (keeps the status and the server's fields).
    pub(crate) fn with_note(mut self, note: &str) -> Error {
        self.inner.message.push_str(&format!(" ({note})"));
        self
    }

    /// Sets the `Retry-After` delay in seconds the server asked for, and says so in the message.
    pub(crate) fn with_retry_after(mut self, secs: Option<u64>) -> Error {
        if let Some(s) = secs {
            self.inner
                .message
                .push_str(&format!(" [Retry-After: {s} s]"));
        }
        self.inner.retry_after = secs;
        self
    }

    /// Records the value a callback returned to abort.
    pub(crate) fn with_callback_code(mut self, code: i32) -> Error {
        self.inner.callback_code = code;
        self
    }

    /// The kind of failure.
    pub fn status(&self) -> Status {
        self.inner.status
    }
    /// The full message, naming the call and the cause.
    pub fn message(&self) -> &str {
        &self.inner.message
    }
    /// The HTTP status of the server's reply, or 0 when there was none.
    pub fn http_status(&self) -> u16 {
        self.inner.http_status
    }
    /// Tableau's error code (e.g. `"404002"`), when the reply had an `<error>` element.
    pub fn code(&self) -> Option<&str> {
        self.inner.code.as_deref()
    }
    /// Tableau's error summary.
    pub fn summary(&self) -> Option<&str> {
        self.inner.summary.as_deref()
    }
    /// Tableau's error detail.
    pub fn detail(&self) -> Option<&str> {
        self.inner.detail.as_deref()
    }
    /// The server's `Retry-After` delay in seconds, if it sent one.
    pub fn retry_after(&self) -> Option<u64> {
        self.inner.retry_after
    }
    /// The non-zero value a callback returned to abort, or 0.
    pub fn callback_code(&self) -> i32 {
        self.inner.callback_code
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("status", &self.inner.status)
            .field("message", &self.inner.message)
            .field("http_status", &self.inner.http_status)
            .field("code", &self.inner.code)
            .finish()
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_are_unique_and_match_values() {
        let mut seen = std::collections::HashSet::new();
        for s in Status::ALL {
            assert!(seen.insert(s as i32), "duplicate value {}", s as i32);
            assert!(s.name().starts_with("TSC_STATUS_"));
            assert!(!s.describe_c().to_bytes().is_empty());
        }
    }

    #[test]
    fn http_errors_carry_tableau_fields_and_a_hint() {
        let e = Error::http(
            404,
            "GET http://x/api/3.25/sites/abc",
            Some("404000".into()),
            Some("Resource Not Found".into()),
            Some("Site 'abc' could not be found.".into()),
        );
        assert_eq!(e.status(), Status::NotFound);
        assert_eq!(e.code(), Some("404000"));
        assert!(e
            .message()
            .contains("GET http://x/api/3.25/sites/abc failed: HTTP 404"));
        assert!(e.message().contains("Site 'abc' could not be found."));
        assert!(e.message().contains("check the id"));
        assert_eq!(Status::from_http(503), Status::ServerError);
        assert_eq!(Status::from_http(418), Status::Http);
    }

    #[test]
    fn echoes_are_capped_with_the_full_length() {
        assert_eq!(echo("abc"), "abc");
        let exact = "x".repeat(ECHO_MAX);
        assert_eq!(echo(&exact), exact.as_str());
        let huge = "é".repeat(10 * 1024 * 1024);
        let e = echo(&huge);
        assert!(e.chars().count() < ECHO_MAX + 40, "{}", e.len());
        assert!(e.starts_with(&"é".repeat(ECHO_MAX)));
        assert!(e.ends_with("… (10485760 characters in all)"), "{e}");
        let err = Error::http(404, &format!("GET http://x/{huge}"), None, None, None);
        assert!(err.message().len() < 1000, "{}", err.message().len());
        // the net: a message built without echo is capped word by word
        let net = Error::invalid(format!("cannot use {huge} here"));
        assert!(net.message().len() < 1000, "{}", net.message().len());
        assert!(net.message().starts_with("cannot use éé") && net.message().ends_with(" here"));
        let fine = format!("a {} b", "x".repeat(2 * ECHO_MAX));
        assert_eq!(Error::invalid(fine.clone()).message(), fine);
    }

    #[test]
    fn a_version_error_says_the_version_is_not_supported() {
        let e = Error::http(
            404,
            "GET http://x/api/9.9/serverinfo",
            Some("404001".into()),
            Some("Resource Not Found".into()),
            Some("Version '9.9' is not a valid version of the API.".into()),
        );
        assert_eq!(e.status(), Status::NotFound);
        assert!(
            e.message()
                .contains("does not support the REST API version"),
            "{e}"
        );
        assert!(e.message().contains("tsc_server_options_set_api_version"));
        assert!(!e.message().contains("check the id"), "{e}");
    }

    #[test]
    fn a_body_that_is_not_tableaus_is_quoted_sanitised_and_redacted() {
        let page = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style>\
            <script>var t='abc';</script></head><body>\r\n<h1>502   Bad\tGateway</h1>\x07<!-- upstream 10.0.0.7 -->\
            <p>nginx &amp; friends</p><p>X-Tableau-Auth: 9x8XkJ2mQ1a0bC3dE4fG5h|pT7yU8iO9pA0sD1fG2hJ3kL4|0a1b2c3d</p>\
            <p>password=hunter2&amp;user=bob</p><p>Authorization: Bearer abc.def.ghi</p>\
            <p>seen token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl in a log</p>\
            <p>session 12ab34cd56ef78gh90ij12|RkZfF8zSwqQX3xNGz8vTTjhrEfnCxL8p|site</p></body></html>";
        let x = body_excerpt(page).unwrap();
        assert!(
            x.starts_with("502 Bad Gateway 502 Bad Gateway nginx & friends"),
            "{x}"
        );
        for secret in [
            "9x8XkJ2mQ1a0bC3dE4fG5h",
            "hunter2",
            "abc.def.ghi",
            "eyJhbGci",
            "RkZfF8zSwqQX3xNGz8vTTjhrEfnCxL8p",
            "color:red",
            "var t",
            "10.0.0.7",
        ] {
            assert!(!x.contains(secret), "{secret} in {x}");
        }
        assert!(x.contains("password=[redacted]"), "{x}");
        assert!(x.contains("Bearer [redacted]"), "{x}");
        assert!(
            !x.contains('<') && !x.contains('\x07') && !x.contains("  "),
            "{x}"
        );
        let long = format!("<p>{}</p>", "word ".repeat(500));
        let x = body_excerpt(long.as_bytes()).unwrap();
        assert!(
            x.ends_with('…') && x.chars().count() <= EXCERPT_MAX + 1,
            "{x}"
        );
        assert_eq!(body_excerpt(b"  <html><body> </body></html>"), None);
        assert_eq!(body_excerpt(b""), None);
        let e = Error::http_reply(502, "GET http://x/", None, None, None, Some("Bad Gateway"));
        assert!(e.message().contains("not a Tableau error"), "{e}");
        assert!(e.message().contains("\"Bad Gateway\""), "{e}");
    }
}
