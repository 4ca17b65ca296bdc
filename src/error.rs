//! The one error type of the library: a status (what kind of failure), a message a person can act on,
//! and, when the server answered, the HTTP status and Tableau's `code`/`summary`/`detail`.
//!
//! `tsc_status` is both the Rust status enum (as [`Status`]) and the C enum, so the two never drift.
//! Values are grouped by kind and append-only: never renumber, never reuse a retired value.

use std::fmt;

/// Status of a call. `0` is success; the ranges group the kinds of failure:
/// 1..99 misuse of the API by the caller, 100..199 transport, 200..299 the server said no,
/// 300..399 the server's reply could not be understood.
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
}

/// Rust-facing name of [`tsc_status`].
pub type Status = tsc_status;

impl tsc_status {
    /// Every status, in declaration order. Rust only: kept out of `tsc.h`, where it would be a
    /// macro naming identifiers C does not have.
    ///
    /// cbindgen:ignore
    pub const ALL: [tsc_status; 30] = [
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
            Self::Tls => "check the server's certificate, the CA bundle option, or the system's root certificates; if the server requires a client certificate, set one it accepts with tsc_server_options_set_client_certificate_files; or lower the minimum TLS version",
            Self::Timeout => "raise the timeout with tsc_server_options_set_timeout_ms or check the network",
            Self::Io => "the connection dropped; retry the call",
            Self::NotSignedIn => "call tsc_auth_sign_in first",
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
    /// A new error with a status and a message.
    pub fn new(status: Status, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                status,
                message: message.into(),
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
    pub(crate) fn http(
        http_status: u16,
        call: &str,
        code: Option<String>,
        summary: Option<String>,
        detail: Option<String>,
    ) -> Error {
        let status = Status::from_http(http_status);
        let mut message = format!("{call} failed: HTTP {http_status}");
        if let Some(c) = &code {
            message.push_str(&format!(", Tableau error {c}"));
        }
        match (&summary, &detail) {
            (Some(s), Some(d)) => message.push_str(&format!(" ({s}): {d}")),
            (Some(s), None) => message.push_str(&format!(" ({s})")),
            (None, Some(d)) => message.push_str(&format!(": {d}")),
            (None, None) => {}
        }
        let mut e = Error::new(status, message);
        e.inner.http_status = http_status;
        e.inner.code = code;
        e.inner.summary = summary;
        e.inner.detail = detail;
        e.add_hint();
        e
    }

    /// Appends the status's hint to the message, once.
    pub(crate) fn add_hint(&mut self) {
        let hint = self.inner.status.hint();
        if !hint.is_empty() && !self.inner.message.ends_with(hint) {
            self.inner.message.push_str(" (");
            self.inner.message.push_str(hint);
            self.inner.message.push(')');
        }
    }

    /// Prefixes the message with the name of the call that failed (e.g. the C function name).
    pub fn context(mut self, what: &str) -> Error {
        if !self.inner.message.starts_with(what) {
            self.inner.message = format!("{what}: {}", self.inner.message);
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
}
