//! Turning failures into [`Error`]s: ureq's transport errors by cause (refused, DNS, TLS, timeout,
//! reset), and HTTP error replies by status with Tableau's `<error code><summary/><detail/>` when
//! the body carries one.

use crate::error::{Error, Status};
use crate::xml;
use std::io::ErrorKind;
use ureq::http;

/// Largest error body read for its `<error>` element.
const MAX_ERROR_BODY: u64 = 1024 * 1024;

/// Maps a ureq error for the request `label` (`"GET https://..."`).
pub(crate) fn transport_error(e: ureq::Error, label: &str) -> Error {
    let (status, cause) = match &e {
        ureq::Error::Io(io) => io_status(io),
        ureq::Error::Timeout(t) => (Status::Timeout, format!("timed out ({t:?})")),
        ureq::Error::HostNotFound => (
            Status::Connect,
            "the host name could not be resolved".into(),
        ),
        ureq::Error::ConnectionFailed => (Status::Connect, "the connection failed".into()),
        ureq::Error::Tls(m) => (Status::Tls, format!("TLS error: {m}")),
        ureq::Error::Rustls(r) => (Status::Tls, format!("TLS error: {r}")),
        ureq::Error::Pem(p) => (Status::Tls, format!("bad certificate data: {p}")),
        ureq::Error::BadUri(u) => (
            Status::InvalidArgument,
            format!("the URL is not valid: {u}"),
        ),
        ureq::Error::InvalidProxyUrl => {
            (Status::InvalidArgument, "the proxy URL is not valid".into())
        }
        ureq::Error::BodyExceedsLimit(n) => (
            Status::ReplyTooLarge,
            format!("the reply exceeds {n} bytes"),
        ),
        ureq::Error::Protocol(p) => (
            Status::Protocol,
            format!("the server broke the HTTP protocol: {p}"),
        ),
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
            (Status::Http, "redirects failed".into())
        }
        other => (Status::Io, other.to_string()),
    };
    if let Some(inner) = callback_abort(&e) {
        return inner;
    }
    let mut err = Error::new(status, format!("{label} failed: {cause}"));
    err.add_hint();
    err
}

/// A transfer aborted by a progress callback or a cancel token travels through ureq as an I/O
/// error carrying our own [`Error`]; unwrap it so the caller sees the original status.
fn callback_abort(e: &ureq::Error) -> Option<Error> {
    match e {
        ureq::Error::Io(io) => io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<Error>())
            .cloned(),
        _ => None,
    }
}

/// Status and cause for an I/O error.
pub(crate) fn io_status(io: &std::io::Error) -> (Status, String) {
    if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
        return (Status::Tls, format!("TLS error: {tls}"));
    }
    let text = io.to_string();
    if text.contains("failed to lookup address") {
        return (
            Status::Connect,
            format!("the host name could not be resolved ({text})"),
        );
    }
    let status = match io.kind() {
        ErrorKind::ConnectionRefused | ErrorKind::AddrNotAvailable | ErrorKind::NotConnected => {
            Status::Connect
        }
        ErrorKind::TimedOut | ErrorKind::WouldBlock => Status::Timeout,
        _ => Status::Io,
    };
    let cause = match io.kind() {
        ErrorKind::ConnectionRefused => "connection refused".to_string(),
        ErrorKind::ConnectionReset => "the server reset the connection".to_string(),
        ErrorKind::UnexpectedEof => {
            "the connection closed before the reply was complete".to_string()
        }
        _ => io.to_string(),
    };
    (status, cause)
}

/// Builds the error for a non-2xx reply, reading Tableau's `<error>` element from its body.
pub(crate) fn http_error(resp: &mut http::Response<ureq::Body>, label: &str) -> Error {
    let code = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_ERROR_BODY)
        .read_to_vec()
        .unwrap_or_default();
    let (tcode, summary, detail) = tableau_error(&body);
    let mut err = Error::http(code, label, tcode, summary, detail);
    if code == 429 || code == 503 {
        err = err.with_retry_after(retry_after);
    }
    err
}

/// Extracts `code`, `summary` and `detail` from an error body, if it has them.
pub(crate) fn tableau_error(body: &[u8]) -> (Option<String>, Option<String>, Option<String>) {
    let Ok(reply) = xml::parse_reply(body, "error reply") else {
        return (None, None, None);
    };
    let Some(e) = xml::child(reply.root(), "error") else {
        return (None, None, None);
    };
    let text = |name: &str| {
        xml::child(e, name)
            .and_then(|n| n.text())
            .map(|t| t.trim().to_string())
    };
    (
        e.attribute("code").map(str::to_string),
        text("summary"),
        text("detail"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tableau_error_bodies() {
        let body = br#"<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns="http://tableau.com/api"><error code="409009"><summary>Conflict</summary><detail>A group with that name exists.</detail></error></tsResponse>"#;
        let (c, s, d) = tableau_error(body);
        assert_eq!(c.as_deref(), Some("409009"));
        assert_eq!(s.as_deref(), Some("Conflict"));
        assert_eq!(d.as_deref(), Some("A group with that name exists."));
        assert_eq!(
            tableau_error(b"<html>502 Bad Gateway</html>"),
            (None, None, None)
        );
    }

    #[test]
    fn classifies_io_errors() {
        let refused = std::io::Error::from(ErrorKind::ConnectionRefused);
        assert_eq!(io_status(&refused).0, Status::Connect);
        let reset = std::io::Error::from(ErrorKind::ConnectionReset);
        assert_eq!(io_status(&reset).0, Status::Io);
        let e = transport_error(ureq::Error::Io(refused), "GET http://x/");
        assert!(e
            .message()
            .starts_with("GET http://x/ failed: connection refused"));
    }
}
