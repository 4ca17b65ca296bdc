//! A tiny raw-socket HTTP/1.1 client for the emulator's tests (no client crate involved).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use tsc_emulator::xml::{parse, Element};
use tsc_emulator::{Config, ConnectedApp, Emulator};

pub const V: &str = "3.29";

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// The response document's root (`tsResponse`).
    pub fn xml(&self) -> Element {
        parse(&self.body).unwrap_or_else(|e| panic!("not XML ({e}): {}", self.text()))
    }
    /// The `<error code>` of an error answer.
    pub fn code(&self) -> String {
        self.xml()
            .child("error")
            .and_then(|e| e.attr("code"))
            .unwrap_or_else(|| panic!("no <error> in {}", self.text()))
            .to_string()
    }
    /// Asserts an error status and code.
    #[track_caller]
    pub fn expect_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "status; body: {}", self.text());
        assert_eq!(self.code(), code, "code; body: {}", self.text());
        assert_eq!(&code[..3], status.to_string(), "code prefix = status");
    }
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Resp {
        assert_eq!(self.status, status, "body: {}", self.text());
        self
    }
}

/// Reads one response from a buffered stream.
pub fn read_response(r: &mut BufReader<TcpStream>, head_only: bool) -> std::io::Result<Resp> {
    let mut line = String::new();
    r.read_line(&mut line)?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; if head_only { 0 } else { len }];
    r.read_exact(&mut body)?;
    Ok(Resp {
        status,
        headers,
        body,
    })
}

/// Sends raw bytes on a fresh connection and reads one response.
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> Resp {
    let s = TcpStream::connect(addr).unwrap();
    // Generous: bulk requests on a loaded debug build take long; a hang still ends.
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    (&s).write_all(bytes).unwrap();
    let mut r = BufReader::new(s);
    read_response(&mut r, false).unwrap()
}

pub struct Api {
    pub emu: Emulator,
    pub token: String,
    pub site: String,
    pub user: String,
}

pub fn start(config: Config) -> Emulator {
    Emulator::start(config).expect("emulator starts")
}

pub fn app() -> ConnectedApp {
    ConnectedApp {
        client_id: "cid".into(),
        secret_id: "sid".into(),
        secret_value: "the-secret".into(),
    }
}

pub fn config() -> Config {
    Config {
        pats: vec![("ci".into(), "s3cret".into())],
        connected_app: Some(app()),
        ..Config::default()
    }
}

/// One request on a fresh connection.
pub fn req(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Resp {
    req_bytes(addr, method, path, token, body.map(str::as_bytes), None)
}

pub fn req_bytes(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&[u8]>,
    content_type: Option<&str>,
) -> Resp {
    let mut msg = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    if let Some(t) = token {
        msg.push_str(&format!("X-Tableau-Auth: {t}\r\n"));
    }
    if let Some(ct) = content_type {
        msg.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    let body = body.unwrap_or(b"");
    msg.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = msg.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes)
}

pub fn signin_body(name: &str, password: &str, site: &str) -> String {
    format!(
        "<tsRequest><credentials name=\"{name}\" password=\"{password}\"><site contentUrl=\"{site}\"/></credentials></tsRequest>"
    )
}

/// Signs in; returns (token, site id, user id).
pub fn signin(
    addr: SocketAddr,
    name: &str,
    password: &str,
    site: &str,
) -> (String, String, String) {
    let r = req(
        addr,
        "POST",
        &format!("/api/{V}/auth/signin"),
        None,
        Some(&signin_body(name, password, site)),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    creds(&r)
}

pub fn creds(r: &Resp) -> (String, String, String) {
    let x = r.xml();
    let c = x.child("credentials").expect("credentials");
    (
        c.attr("token").unwrap().to_string(),
        c.child("site").unwrap().attr("id").unwrap().to_string(),
        c.child("user").unwrap().attr("id").unwrap().to_string(),
    )
}

impl Api {
    pub fn new(config: Config) -> Api {
        let emu = start(config);
        let (token, site, user) = signin(emu.addr(), "admin", "admin", "");
        Api {
            emu,
            token,
            site,
            user,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.emu.addr()
    }

    /// Path relative to `/api/{V}/sites/{site}/`.
    pub fn s(&self, rest: &str) -> String {
        format!("/api/{V}/sites/{}/{rest}", self.site)
    }

    pub fn get(&self, path: &str) -> Resp {
        req(self.addr(), "GET", path, Some(&self.token), None)
    }
    pub fn post(&self, path: &str, body: &str) -> Resp {
        req(self.addr(), "POST", path, Some(&self.token), Some(body))
    }
    pub fn put(&self, path: &str, body: &str) -> Resp {
        req(self.addr(), "PUT", path, Some(&self.token), Some(body))
    }
    pub fn delete(&self, path: &str) -> Resp {
        req(self.addr(), "DELETE", path, Some(&self.token), None)
    }
    pub fn control(&self, method: &str, path: &str, body: Option<&str>) -> Resp {
        req(self.addr(), method, path, None, body)
    }

    /// Creates a project, returns its id.
    pub fn project(&self, name: &str, parent: Option<&str>) -> String {
        let p = parent
            .map(|p| format!(" parentProjectId=\"{p}\""))
            .unwrap_or_default();
        let r = self.post(
            &self.s("projects"),
            &format!("<tsRequest><project name=\"{name}\"{p}/></tsRequest>"),
        );
        assert_eq!(r.status, 201, "{}", r.text());
        r.xml()
            .child("project")
            .unwrap()
            .attr("id")
            .unwrap()
            .to_string()
    }

    /// Adds a user, returns its id.
    pub fn user(&self, name: &str, role: &str) -> String {
        let r = self.post(
            &self.s("users"),
            &format!("<tsRequest><user name=\"{name}\" siteRole=\"{role}\"/></tsRequest>"),
        );
        assert_eq!(r.status, 201, "{}", r.text());
        r.xml()
            .child("user")
            .unwrap()
            .attr("id")
            .unwrap()
            .to_string()
    }

    pub fn group(&self, name: &str) -> String {
        let r = self.post(
            &self.s("groups"),
            &format!("<tsRequest><group name=\"{name}\"/></tsRequest>"),
        );
        assert_eq!(r.status, 201, "{}", r.text());
        r.xml()
            .child("group")
            .unwrap()
            .attr("id")
            .unwrap()
            .to_string()
    }
}

/// Names of the `<{item}>` elements inside `<{list}>`.
pub fn names(r: &Resp, list: &str, item: &str) -> Vec<String> {
    let x = r.xml();
    let l = x
        .child(list)
        .unwrap_or_else(|| panic!("no <{list}> in {}", r.text()));
    l.children_named(item)
        .map(|e| e.attr("name").unwrap_or("").to_string())
        .collect()
}

/// `(pageNumber, pageSize, totalAvailable)`.
pub fn pagination(r: &Resp) -> (usize, usize, usize) {
    let x = r.xml();
    let p = x
        .child("pagination")
        .unwrap_or_else(|| panic!("no pagination in {}", r.text()));
    let n = |k: &str| p.attr(k).unwrap().parse().unwrap();
    (n("pageNumber"), n("pageSize"), n("totalAvailable"))
}

pub fn enc(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}
