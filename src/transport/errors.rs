//! Turning failures into [`Error`]s: ureq's transport errors by cause (refused, DNS, TLS, timeout,
//! reset), and HTTP error replies by status with Tableau's `<error code><summary/><detail/>` when
//! the body carries one.

use crate::error::{body_excerpt, echo, Error, Status, CONNECT_TIMEOUT_HINT};
use crate::xml;
use std::io::ErrorKind;
use std::time::{SystemTime, UNIX_EPOCH};
use ureq::http;

/// Largest error body read for its `<error>` element.
const MAX_ERROR_BODY: u64 = 1024 * 1024;

/// Maps a ureq error for the request `label` (`"GET https://..."`).
pub(crate) fn transport_error(e: ureq::Error, label: &str) -> Error {
    let mut hint = None;
    let (status, cause) = match &e {
        ureq::Error::Io(io) => io_status(io),
        ureq::Error::Timeout(t @ (ureq::Timeout::Connect | ureq::Timeout::Resolve)) => {
            hint = Some(CONNECT_TIMEOUT_HINT);
            (
                Status::Timeout,
                format!("timed out while connecting ({t:?})"),
            )
        }
        ureq::Error::Timeout(t) => (Status::Timeout, format!("timed out ({t:?})")),
        ureq::Error::LargeResponseHeader(size, limit) => (
            Status::Protocol,
            format!(
                "the server's reply headers are too large ({size} bytes; at most {limit} are \
                 read): the server or a proxy in front of it sent a broken reply"
            ),
        ),
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
    let mut err = Error::new(status, format!("{} failed: {cause}", echo(label)));
    match hint {
        Some(h) => err.push_hint(h),
        None => err.add_hint(),
    }
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
        .and_then(|v| parse_retry_after(v, SystemTime::now()));
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_ERROR_BODY)
        .read_to_vec()
        .unwrap_or_default();
    let mut err = error_from_body(code, label, &body);
    if code == 429 || code == 503 {
        err = err.with_retry_after(retry_after);
    }
    err
}

/// The delay a `Retry-After` header asks for, in seconds from `now`: delay-seconds (`120`), or an
/// HTTP-date (RFC 9110 §5.6.7): the IMF-fixdate `Wed, 21 Oct 2026 07:28:00 GMT`, and the obsolete
/// RFC 850 (`Wednesday, 21-Oct-26 07:28:00 GMT`) and asctime (`Wed Oct 21 07:28:00 2026`) forms.
/// A date already past gives 0. `None` for anything else (including an impossible date such as
/// `31 Jun`). Retries use it too.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // a delay too long for u64 is still "very long"
        return Some(v.parse::<u64>().unwrap_or(u64::MAX));
    }
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    let at = http_date(v, now)?;
    Some(at.saturating_sub(now))
}

/// Seconds since the Unix epoch of an HTTP-date in any of its three forms; `now` decides the
/// century of an RFC 850 two-digit year (one more than 50 years ahead is in the past century).
fn http_date(v: &str, now: u64) -> Option<u64> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const LONG_DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let month_of = |m: &str| -> Option<u32> {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        MONTHS.iter().position(|x| *x == m).map(|i| i as u32 + 1)
    };
    let num = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let clock = |s: &str| -> Option<(u32, u32, u32)> {
        let mut p = s.split(':');
        let t = (num(p.next()?, 2)?, num(p.next()?, 2)?, num(p.next()?, 2)?);
        p.next().is_none().then_some(t)
    };
    let parts: Vec<&str> = v.split(' ').collect();
    let (year, month, day, (h, mi, sec)) = match parts.as_slice() {
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        [wd, d, m, y, t, "GMT"] if wd.strip_suffix(',').is_some_and(|w| DAYS.contains(&w)) => {
            (num(y, 4)?, month_of(m)?, num(d, 2)?, clock(t)?)
        }
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        [wd, dmy, t, "GMT"] if wd.strip_suffix(',').is_some_and(|w| LONG_DAYS.contains(&w)) => {
            let mut p = dmy.split('-');
            let (d, m, yy) = (num(p.next()?, 2)?, month_of(p.next()?)?, num(p.next()?, 2)?);
            if p.next().is_some() {
                return None;
            }
            let this_year = civil_year(now);
            let mut y = this_year / 100 * 100 + yy;
            if y > this_year + 50 {
                y -= 100;
            }
            (y, m, d, clock(t)?)
        }
        // asctime: Sun Nov  6 08:49:37 1994 (a one-digit day is padded with a space)
        [wd, m, rest @ ..] if DAYS.contains(wd) => {
            let rest: Vec<&str> = rest.iter().copied().filter(|p| !p.is_empty()).collect();
            let [d, t, y] = rest.as_slice() else {
                return None;
            };
            let d = match d.len() {
                1 => num(d, 1)?,
                _ => num(d, 2)?,
            };
            (num(y, 4)?, month_of(m)?, d, clock(t)?)
        }
        _ => return None,
    };
    let days_in_month = crate::models::days_in_month(year, month)?;
    if day == 0 || day > days_in_month || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let secs = days * 86_400 + i64::from(h * 3600 + mi * 60 + sec.min(59));
    u64::try_from(secs).ok()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year (UTC) of a time in seconds since the epoch.
fn civil_year(secs: u64) -> u32 {
    let days = (secs / 86_400) as i64;
    // H. Hinnant's `civil_from_days`, year only
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    u32::try_from(year).unwrap_or(0)
}

/// The error for an HTTP `code` reply to `label` with this body: Tableau's `<error>` fields
/// when it has them, else a sanitised excerpt of what it said (a proxy's or a load balancer's
/// page), so the caller sees who answered.
pub(crate) fn error_from_body(code: u16, label: &str, body: &[u8]) -> Error {
    let (tcode, summary, detail) = tableau_error(body);
    let excerpt = match (&tcode, &summary, &detail) {
        (None, None, None) => body_excerpt(body),
        _ => None,
    };
    Error::http_reply(code, label, tcode, summary, detail, excerpt.as_deref())
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
    fn retry_after_reads_seconds_and_http_dates() {
        use std::time::Duration;
        // Wed, 21 Oct 2026 07:28:00 GMT is 1792567680 s after the epoch
        let at = UNIX_EPOCH + Duration::from_secs(1_792_567_680);
        let now = at - Duration::from_secs(90);
        assert_eq!(parse_retry_after("120", now), Some(120));
        assert_eq!(parse_retry_after(" 0 ", now), Some(0));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now),
            Some(90)
        );
        assert_eq!(
            parse_retry_after("Wednesday, 21-Oct-26 07:28:00 GMT", now),
            Some(90)
        );
        assert_eq!(parse_retry_after("Wed Oct 21 07:28:00 2026", now), Some(90));
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:37 1994", now),
            Some(0),
            "a past date means now"
        );
        // days before the 1st of March in a leap year, and the epoch itself
        assert_eq!(
            parse_retry_after("Thu, 29 Feb 2024 00:00:00 GMT", UNIX_EPOCH),
            Some(1_709_164_800)
        );
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", UNIX_EPOCH),
            Some(0)
        );
        for bad in [
            "",
            "soon",
            "-5",
            "1.5",
            "Wed, 31 Jun 2026 07:28:00 GMT",
            "Sun, 29 Feb 2026 07:28:00 GMT",
            "Wed, 21 Oct 2026 24:00:00 GMT",
            "Wed, 21 Oct 2026 07:28:00 UTC",
            "Wed, 21 Foo 2026 07:28:00 GMT",
            "Xyz, 21 Oct 2026 07:28:00 GMT",
            "2026-10-21T07:28:00Z",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
        // RFC 850 years: more than 50 years ahead is the past century
        let in_2026 = UNIX_EPOCH + Duration::from_secs(1_780_000_000);
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", in_2026),
            Some(0)
        );
        assert!(parse_retry_after("Monday, 06-Nov-34 08:49:37 GMT", in_2026).unwrap() > 0);
    }

    #[test]
    fn timeouts_name_the_option_to_raise_and_large_heads_are_protocol_errors() {
        let c = transport_error(
            ureq::Error::Timeout(ureq::Timeout::Connect),
            "GET http://x/",
        );
        assert_eq!(c.status(), Status::Timeout);
        assert!(
            c.message()
                .contains("tsc_server_options_set_connect_timeout_ms"),
            "{}",
            c.message()
        );
        let r = transport_error(
            ureq::Error::Timeout(ureq::Timeout::RecvResponse),
            "GET http://x/",
        );
        assert!(r.message().contains("tsc_server_options_set_timeout_ms"));
        assert!(!r.message().contains("connect_timeout"), "{}", r.message());
        let big = transport_error(
            ureq::Error::LargeResponseHeader(70_000, 65_536),
            "GET http://x/",
        );
        assert_eq!(big.status(), Status::Protocol);
        assert!(big.message().contains("reply headers are too large"));
        assert!(!big.message().contains("retry"), "{}", big.message());
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
