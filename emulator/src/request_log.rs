//! The request log (`--log-requests [FILE]`, `Config::log_requests`): one line per answered
//! request,
//!
//! ```text
//! 2026-12-01T12:00:00Z GET /api/3.25/sites/9a1…/projects?pageSize=10 200 1.4ms 842B
//! ```
//!
//! time (UTC), method, path with query, status, milliseconds from the end of the request head
//! to the end of the answer, and the body bytes sent. Bodies and headers are never written,
//! and query values whose names look secret (`token`, `password`, `secret`, `jwt`, `auth`,
//! `credential`, `key`) are replaced by `***`, so tokens, passwords, secrets and JWTs cannot
//! reach the log.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use crate::util::{fmt_ts, now_secs};

/// Where the request log goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogTarget {
    Stderr,
    /// Appended to (created if missing).
    File(PathBuf),
}

/// Parts of a query parameter name that mark its value as secret.
const SECRET_NAMES: &[&str] = &[
    "token",
    "password",
    "secret",
    "jwt",
    "auth",
    "credential",
    "key",
];

/// The open log.
pub struct RequestLog {
    out: Mutex<Box<dyn Write + Send>>,
}

impl RequestLog {
    pub fn open(target: &LogTarget) -> io::Result<RequestLog> {
        let out: Box<dyn Write + Send> = match target {
            LogTarget::Stderr => Box::new(io::stderr()),
            LogTarget::File(p) => Box::new(open_append(p)?),
        };
        Ok(RequestLog {
            out: Mutex::new(out),
        })
    }

    /// Writes the line of one request (write errors are ignored: the log never fails a request).
    pub fn record(
        &self,
        method: &str,
        path: &str,
        query: &str,
        status: u16,
        took: Duration,
        bytes: u64,
    ) {
        let line = line(now_secs(), method, path, query, status, took, bytes);
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = out.write_all(line.as_bytes());
        let _ = out.flush();
    }
}

fn open_append(p: &PathBuf) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).open(p)
}

/// One log line, newline included.
pub fn line(
    time: i64,
    method: &str,
    path: &str,
    query: &str,
    status: u16,
    took: Duration,
    bytes: u64,
) -> String {
    let ms = took.as_secs_f64() * 1000.0;
    let target = if query.is_empty() {
        clean(path)
    } else {
        format!("{}?{}", clean(path), redact_query(query))
    };
    format!(
        "{} {} {target} {status} {ms:.1}ms {bytes}B\n",
        fmt_ts(time),
        clean(method)
    )
}

/// The query with the values of secret-looking parameters replaced by `***`.
pub fn redact_query(query: &str) -> String {
    query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if is_secret(k) => format!("{}=***", clean(k)),
            _ => clean(kv),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn is_secret(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    SECRET_NAMES.iter().any(|s| n.contains(s))
}

/// Keeps one request on one line: control characters and spaces become `%XX`.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || c == ' ' {
            for b in c.to_string().bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_format() {
        let l = line(
            0,
            "GET",
            "/api/3.25/serverinfo",
            "",
            200,
            Duration::from_micros(1500),
            42,
        );
        assert_eq!(
            l,
            "1970-01-01T00:00:00Z GET /api/3.25/serverinfo 200 1.5ms 42B\n"
        );
    }

    #[test]
    fn secrets_are_redacted() {
        assert_eq!(
            redact_query("token=abc&pageSize=10&X-Tableau-Auth=t&jwt=e.y.j&apiKey=k&password=p"),
            "token=***&pageSize=10&X-Tableau-Auth=***&jwt=***&apiKey=***&password=***"
        );
        let l = line(0, "POST", "/a b", "x=1\n2", 201, Duration::ZERO, 0);
        assert_eq!(l, "1970-01-01T00:00:00Z POST /a%20b?x=1%0A2 201 0.0ms 0B\n");
    }
}
