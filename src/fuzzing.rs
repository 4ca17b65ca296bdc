//! Entry points for the fuzz targets (`fuzz/`, nightly, `make fuzz`) and for the corpus replay
//! (`tests/fuzz_corpus.rs`, stable, part of `make test`): one function per target, taking
//! arbitrary bytes, driving the library's readers and writers and asserting the invariants that
//! are cheap to check. A panic is a finding. Not part of the API: hidden, may change at any time.
//! `docs/fuzzing.md` says how each input is laid out and what has been run.

use crate::capi::error::{
    tsc_error, tsc_error_message, tsc_error_server_code, tsc_error_server_detail,
    tsc_error_server_summary,
};
use crate::models::{
    BackgroundJob, Connection, Datasource, Extract, Favorite, Group, Job, Model, Page,
    PermissionsRule, Project, Revision, Schedule, ServerInfo, Site, Subscription, Task, User, View,
    Workbook,
};
use crate::query::{FilterOp, RequestOptions, SortDirection};
use crate::server::ServerOptions;
use crate::transport::filename::{from_content_disposition, percent_decode, sanitize};
use crate::transport::multipart::Multipart;
use crate::transport::{error_from_body, tableau_error, UrlBuilder};
use crate::{api, xml, ApiVersion};
use std::ffi::{c_char, CStr};

/// A target: arbitrary bytes in, a panic on a finding.
pub type Target = fn(&[u8]);

/// Every target, by the name of its fuzz target and corpus directory (`fuzz/corpus/<name>/`).
pub const TARGETS: &[(&str, Target)] = &[
    ("models", models),
    ("replies", replies),
    ("error_body", error_body),
    ("content_disposition", content_disposition),
    ("request_options", request_options),
    ("url", url),
    ("multipart", multipart),
];

/// The model readers, in the order the first input byte selects them.
const MODELS: &[Target] = &[
    model::<Site>,
    model::<Project>,
    model::<Workbook>,
    model::<View>,
    model::<Datasource>,
    model::<Connection>,
    model::<User>,
    model::<Group>,
    model::<Job>,
    model::<Favorite>,
    model::<Revision>,
    model::<PermissionsRule>,
    model::<BackgroundJob>,
    model::<Schedule>,
    model::<Extract>,
    model::<Task>,
    model::<Subscription>,
];

/// First byte: the model (`MODELS`, modulo its length); the rest: a reply body, read both as a
/// single item (`server.fetch`) and as a listing page with `<pagination>` (`Page::parse`).
pub fn models(data: &[u8]) {
    if let Some((&k, body)) = data.split_first() {
        MODELS[usize::from(k) % MODELS.len()](body);
    }
}

fn model<T: Model + PartialEq + std::fmt::Debug>(body: &[u8]) {
    if let Ok(reply) = xml::parse_reply(body, "fuzz") {
        if let Ok(item) = reply.expect(T::ELEMENT, "fuzz").and_then(T::from_xml) {
            assert!(item.clone() == item);
            let _ = format!("{item:?}");
        }
    }
    if let Ok(page) = Page::<T>::parse(body, "fuzz") {
        if let Some(p) = page.pagination {
            assert!(p.page_number == -1 || p.page_number >= 1, "{p:?}");
            assert!(p.page_size == -1 || p.page_size >= 1, "{p:?}");
            assert!(p.total_available >= -1, "{p:?}");
            assert!(
                p.page_size < 1 || page.items.len() as i64 <= p.page_size,
                "{p:?}"
            );
        }
    }
}

/// First byte: 0 server info (and its REST API version), 1 sign-in credentials, 2 an upload
/// session (modulo 3); the rest: the reply body.
pub fn replies(data: &[u8]) {
    let Some((&k, body)) = data.split_first() else {
        return;
    };
    match k % 3 {
        0 => {
            if let Ok(info) = ServerInfo::parse(body, "fuzz") {
                if let Some(v) = info
                    .rest_api_version()
                    .and_then(|v| ApiVersion::parse(v).ok())
                {
                    assert_eq!(ApiVersion::parse(&v.to_string()).ok(), Some(v));
                }
            }
        }
        1 => {
            let _ = api::auth::parse_session(body, "fuzz");
        }
        _ => {
            if let Ok(id) = api::file_uploads::session_id(body, "fuzz") {
                assert!(!id.is_empty());
            }
        }
    }
}

/// First two bytes: the HTTP status (big-endian); the rest: an error reply body. The error the C
/// caller would get carries the server's code, summary and detail (NULs replaced).
pub fn error_body(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let status = u16::from_be_bytes([data[0], data[1]]);
    let (code, summary, detail) = tableau_error(&data[2..]);
    for s in [&summary, &detail].into_iter().flatten() {
        assert_eq!(s.trim(), s);
    }
    let e = error_from_body(status, "GET fuzz", &data[2..]);
    assert_eq!(e.http_status(), status);
    assert!(e.message().starts_with("GET fuzz failed: HTTP "));
    let c = tsc_error::new(e.clone());
    let read = |f: extern "C" fn(*const tsc_error) -> *const c_char| {
        let p = f(&c);
        // SAFETY: the getters return NULL or a NUL-terminated string owned by `c`, alive here.
        (!p.is_null()).then(|| {
            unsafe { CStr::from_ptr(p) }
                .to_str()
                .expect("UTF-8")
                .to_string()
        })
    };
    let nul_free = |s: Option<&str>| s.map(|s| s.replace('\0', "\u{FFFD}"));
    assert_eq!(read(tsc_error_message), nul_free(Some(e.message())));
    assert_eq!(read(tsc_error_server_code), nul_free(code.as_deref()));
    assert_eq!(read(tsc_error_server_summary), nul_free(e.summary()));
    assert_eq!(read(tsc_error_server_detail), nul_free(e.detail()));
}

/// The input (lossy UTF-8) is a `Content-Disposition` value. The name made of it is one harmless
/// path component, and making it safe again changes nothing.
pub fn content_disposition(data: &[u8]) {
    let value = String::from_utf8_lossy(data);
    let Some(raw) = from_content_disposition(&value) else {
        return;
    };
    let Some(name) = sanitize(&raw) else {
        return;
    };
    assert!(!name.is_empty() && name.len() <= 200, "{name:?}");
    assert!(name != "." && name != "..", "{name:?}");
    assert!(
        !name.contains(['/', '\\', '<', '>', ':', '"', '|', '?', '*']),
        "{name:?}"
    );
    assert!(!name.chars().any(char::is_control), "{name:?}");
    assert!(
        !name.starts_with('.') && !name.starts_with(char::is_whitespace),
        "{name:?}"
    );
    assert!(
        !name.ends_with('.') && !name.ends_with(char::is_whitespace),
        "{name:?}"
    );
    assert_eq!(
        sanitize(&name).as_deref(),
        Some(name.as_str()),
        "not stable"
    );
}

/// Byte-separated strings: the input split at 0xFF, each piece lossy UTF-8.
fn pieces(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == 0xFF)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect()
}

/// The pieces (split at 0xFF) are calls on one `RequestOptions`: the first byte of each picks the
/// call (modulo 7: page size, page number, filter, `in` filter, sort, field, nothing), the next
/// one the operator or direction, the rest its text (`in` values separated by 0xFE, the field of
/// a filter before the first 0xFD). The query it renders decodes back, and the server, splitting
/// `filter=` as Tableau does, sees exactly the filters that were accepted.
pub fn request_options(data: &[u8]) {
    let mut o = RequestOptions::new();
    let mut accepted = Vec::new();
    for piece in data.split(|&b| b == 0xFF) {
        let [call, arg, rest @ ..] = piece else {
            continue;
        };
        let (field, value) = match rest.iter().position(|&b| b == 0xFD) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (&b"name"[..], rest),
        };
        let field = String::from_utf8_lossy(field);
        let text = String::from_utf8_lossy(value);
        let n = u32::from(*arg) * 5;
        let op = FilterOp::try_from(i32::from(*arg % 8)).unwrap_or(FilterOp::Eq);
        let ok = match call % 7 {
            0 => o.set_page_size(n).is_ok(),
            1 => o.set_page_number(n).is_ok(),
            2 => o.add_filter(&field, op, &text).is_ok(),
            3 => {
                let values: Vec<&str> = text.split('\u{FFFD}').collect();
                o.add_filter_in(&field, &values).is_ok()
            }
            4 => {
                let dir =
                    SortDirection::try_from(i32::from(*arg % 2)).unwrap_or(SortDirection::Asc);
                o.add_sort(&field, dir).is_ok()
            }
            5 => o.add_field(&field).is_ok(),
            _ => false,
        };
        if ok && matches!(call % 7, 2 | 3) {
            accepted.push(field.into_owned());
        }
    }
    let url = o.apply(UrlBuilder::new("http://h/x")).build();
    let query = url.strip_prefix("http://h/x").unwrap_or_default();
    assert!(query.is_empty() || query.starts_with('?'), "{url}");
    let mut filters = None;
    for pair in query
        .get(1..)
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').expect("key=value");
        assert!(
            v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
            "{url}"
        );
        let v = String::from_utf8(percent_decode(v)).expect("UTF-8");
        if k == "filter" {
            filters = Some(v);
        }
    }
    let seen: Vec<String> = filters
        .as_deref()
        .map(split_filter)
        .unwrap_or_default()
        .iter()
        .map(|e| e.split(':').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        seen, accepted,
        "the server would read other filters: {filters:?}"
    );
}

/// Whether `s` starts a `field:op:` expression.
fn starts_expression(s: &str) -> bool {
    let mut p = s.splitn(3, ':');
    let (f, op) = (p.next().unwrap_or_default(), p.next().unwrap_or_default());
    p.next().is_some()
        && !f.is_empty()
        && f.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        && !op.is_empty()
        && op.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A decoded `filter=` value split into expressions the way Tableau (and the emulator) reads it:
/// at a comma that starts a new `field:op:` expression, never inside an `in` list's brackets.
fn split_filter(s: &str) -> Vec<&str> {
    let in_list = |e: &str| {
        let mut p = e.splitn(3, ':');
        p.next();
        p.next().is_some_and(|op| op.eq_ignore_ascii_case("in"))
            && p.next().is_some_and(|v| v.starts_with('['))
    };
    let (mut out, mut start, mut depth, mut list) = (Vec::new(), 0, 0i32, in_list(s));
    for (i, c) in s.char_indices() {
        match c {
            '[' if list => depth += 1,
            ']' if list => depth = (depth - 1).max(0),
            ',' if depth == 0 && starts_expression(&s[i + 1..]) => {
                out.push(&s[start..i]);
                start = i + 1;
                list = in_list(&s[start..]);
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// First byte even: the rest (lossy UTF-8) is a server URL for `ServerOptions::new`; odd: the
/// pieces (split at 0xFF) are path segments, then (after a 0xFE piece) query values. A segment
/// is encoded into one path step that decodes back, and `.`/`..` never reach the wire.
pub fn url(data: &[u8]) {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    if k % 2 == 0 {
        return server_url(&String::from_utf8_lossy(rest));
    }
    let prefix = "http://h/api/3.25/sites/s";
    let mut b = UrlBuilder::new(prefix);
    let (mut segments, mut values, mut in_query) = (Vec::new(), Vec::new(), false);
    for p in pieces(rest) {
        if p == "\u{FFFD}" {
            in_query = true;
        } else if in_query {
            b = b.query("k", &p);
            values.push(p);
        } else {
            b = b.clone().segment(&p);
            segments.push(p);
        }
    }
    let built = b.clone().build();
    let (path, query) = built.split_once('?').unwrap_or((&built, ""));
    assert!(
        !path.contains('#') && !query.contains(['#', '?']),
        "{built}"
    );
    let steps: Vec<&str> = path
        .strip_prefix(prefix)
        .unwrap_or_default()
        .split('/')
        .collect();
    assert_eq!(steps.len(), segments.len() + 1, "{built}");
    for (step, seg) in steps[1..].iter().zip(&segments) {
        assert_eq!(percent_decode(step), seg.as_bytes(), "{built}");
    }
    let dots = segments.iter().any(|s| s == "." || s == "..");
    assert_eq!(b.finish().is_err(), dots, "{built}");
    let got: Vec<Vec<u8>> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| percent_decode(p.strip_prefix("k=").expect("k=")))
        .collect();
    let want: Vec<&[u8]> = values.iter().map(|v| v.as_bytes()).collect();
    assert_eq!(got, want, "{built}");
}

/// An accepted server URL has a host, no user information, query or fragment.
fn server_url(s: &str) {
    let Ok(o) = ServerOptions::new(s) else {
        return;
    };
    let rest = o.url.split_once("://").map(|(_, r)| r).unwrap_or_default();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    assert!(
        !authority.is_empty() && !authority.contains('@'),
        "{:?}",
        o.url
    );
    assert!(!o.url.contains(['?', '#']), "{:?}", o.url);
}

/// Before the first 0x00: the XML part; after it (lossy UTF-8), a file name, when there is one.
/// The body parses back into the same parts, and the file name decodes back from its header.
pub fn multipart(data: &[u8]) {
    let (xml, file) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(String::from_utf8_lossy(&data[i + 1..]))),
        None => (data, None),
    };
    let m = Multipart::new();
    let ct = m.content_type();
    let boundary = ct
        .strip_prefix("multipart/mixed; boundary=")
        .expect("boundary");
    let mut body = m.head(xml, file.as_deref().map(|f| ("tableau_workbook", f)));
    body.extend_from_slice(b"FILE");
    body.extend_from_slice(&m.tail());
    let body = String::from_utf8_lossy(&body).into_owned();
    let xml = String::from_utf8_lossy(xml);
    let inner = body
        .strip_prefix(&format!("--{boundary}\r\n"))
        .and_then(|b| b.strip_suffix(&format!("\r\n--{boundary}--\r\n")))
        .expect("framing");
    let parts: Vec<&str> = inner.split(&format!("\r\n--{boundary}\r\n")).collect();
    assert_eq!(parts.len(), 1 + usize::from(file.is_some()));
    let (headers, content) = parts[0].split_once("\r\n\r\n").expect("headers");
    assert!(headers.contains("name=\"request_payload\""));
    match &file {
        None => assert_eq!(content.strip_suffix("FILE"), Some(&*xml)),
        Some(name) => {
            assert_eq!(content, xml);
            let (headers, content) = parts[1].split_once("\r\n\r\n").expect("headers");
            assert_eq!(content, "FILE");
            assert_eq!(headers.lines().count(), 2, "{headers:?}");
            let quoted = headers
                .split_once("filename=\"")
                .and_then(|(_, q)| q.split_once('"'))
                .expect("filename");
            assert!(quoted.1.starts_with("\r\nContent-Type: "), "{headers:?}");
            assert_eq!(percent_decode(quoted.0), name.as_bytes());
        }
    }
}
