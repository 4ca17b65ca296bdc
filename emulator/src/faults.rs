//! Fault injection: the next `count` requests matching a method and a path glob are answered
//! with an error status, delayed, reset mid-body or truncated.

use crate::errors::ApiError;
use crate::reply::ReplyWriter;
use crate::server::Shared;
use crate::xml::Element;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Status,
    Delay,
    Reset,
    Truncate,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Status => "status",
            Action::Delay => "delay",
            Action::Reset => "reset",
            Action::Truncate => "truncate",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Fault {
    pub id: u64,
    /// Method to match, or `*`.
    pub method: String,
    /// Glob over the request path (without query): `*` matches within one segment,
    /// `**` matches across segments.
    pub path: String,
    /// Requests still to affect (`u64::MAX` = unlimited).
    pub remaining: u64,
    pub action: Action,
    pub status: u16,
    pub retry_after: Option<String>,
    pub delay_ms: u64,
    pub after_bytes: u64,
    pub hits: u64,
}

/// Glob match: `*` = any run of characters except `/`, `**` = any run, `?` = one character.
pub fn glob_match(pat: &str, s: &str) -> bool {
    fn go(p: &[u8], s: &[u8]) -> bool {
        if p.is_empty() {
            return s.is_empty();
        }
        if p.starts_with(b"**") {
            let rest = &p[2..];
            return (0..=s.len()).any(|i| go(rest, &s[i..]));
        }
        match p[0] {
            b'*' => {
                let rest = &p[1..];
                let mut i = 0;
                loop {
                    if go(rest, &s[i..]) {
                        return true;
                    }
                    if i >= s.len() || s[i] == b'/' {
                        return false;
                    }
                    i += 1;
                }
            }
            b'?' => !s.is_empty() && s[0] != b'/' && go(&p[1..], &s[1..]),
            c => !s.is_empty() && s[0] == c && go(&p[1..], &s[1..]),
        }
    }
    go(pat.as_bytes(), s.as_bytes())
}

/// Finds the first fault matching the request, consumes one use and returns a copy.
pub fn take_matching(shared: &Shared, method: &str, path: &str) -> Option<Fault> {
    let mut faults = shared.faults();
    if faults.is_empty() {
        return None;
    }
    let idx = faults.iter().position(|f| {
        f.remaining > 0
            && (f.method == "*" || f.method.eq_ignore_ascii_case(method))
            && glob_match(&f.path, path)
    })?;
    let f = &mut faults[idx];
    if f.remaining != u64::MAX {
        f.remaining -= 1;
    }
    f.hits += 1;
    let copy = f.clone();
    if faults[idx].remaining == 0 {
        faults.remove(idx);
    }
    Some(copy)
}

/// Builds a fault from a `<fault …/>` element.
pub fn from_element(e: &Element, id: u64) -> Result<Fault, ApiError> {
    let bad = |m: String| ApiError::bad_request(m);
    let action = match e
        .attr("action")
        .unwrap_or("status")
        .to_ascii_lowercase()
        .as_str()
    {
        "status" => Action::Status,
        "delay" => Action::Delay,
        "reset" => Action::Reset,
        "truncate" => Action::Truncate,
        other => {
            return Err(bad(format!(
                "Unknown fault action '{other}' (status, delay, reset, truncate)"
            )))
        }
    };
    let num = |k: &str, d: u64| -> Result<u64, ApiError> {
        match e.attr(k) {
            None | Some("") => Ok(d),
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| bad(format!("Fault attribute {k}='{v}' is not a number"))),
        }
    };
    let remaining = match e.attr("count") {
        Some("*") | Some("-1") => u64::MAX,
        _ => num("count", 1)?,
    };
    let status = num("status", 503)?;
    if action == Action::Status && !(400..=599).contains(&status) {
        return Err(bad(format!("Fault status {status} must be 400..599")));
    }
    Ok(Fault {
        id,
        method: e.attr("method").unwrap_or("*").to_string(),
        path: e.attr("path").unwrap_or("**").to_string(),
        remaining,
        action,
        status: status as u16,
        retry_after: e
            .attr("retryAfter")
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        delay_ms: num("delayMs", 0)?,
        after_bytes: num("afterBytes", 0)?,
        hits: 0,
    })
}

pub fn write(x: &mut ReplyWriter, f: &Fault) {
    x.open("fault")
        .attr_num("id", f.id)
        .attr("method", &f.method)
        .attr("path", &f.path)
        .attr("action", f.action.as_str());
    if f.remaining == u64::MAX {
        x.attr("count", "*");
    } else {
        x.attr_num("count", f.remaining);
    }
    x.attr_num("status", f.status)
        .attr_opt("retryAfter", f.retry_after.as_deref())
        .attr_num("delayMs", f.delay_ms)
        .attr_num("afterBytes", f.after_bytes)
        .attr_num("hits", f.hits)
        .empty();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match(
            "/api/*/sites/*/workbooks/*/content",
            "/api/3.25/sites/abc/workbooks/x/content"
        ));
        assert!(!glob_match(
            "/api/*/sites/*/workbooks/*/content",
            "/api/3.25/sites/abc/workbooks/x/y/content"
        ));
        assert!(glob_match("/api/**", "/api/3.25/sites/abc"));
        assert!(glob_match("**", "/anything/at/all"));
        assert!(glob_match("/api/?.25/serverinfo", "/api/3.25/serverinfo"));
        assert!(!glob_match("/api/*/serverinfo", "/api/3.25/sites"));
    }
}
