//! HTTP/1.1 on `std::net`: request heads, streaming request bodies (Content-Length or
//! chunked), responses from memory or streamed from a file, and socket tricks for faults.

pub mod multipart;

use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};

use crate::tls::Stream;
use std::time::{Duration, Instant};

use crate::errors::ApiError;
use crate::util::{http_date, now_secs};

/// Largest request head (request line + headers) accepted; beyond it → 431.
pub const MAX_HEAD: usize = 64 * 1024;
pub const MAX_HEADERS: usize = 256;
const BUF_SIZE: usize = 64 * 1024;

/// A client connection with a read buffer shared by head parsing and body reading.
pub struct Conn {
    pub stream: Stream,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
}

/// Why reading a request head ended without a head.
#[derive(Debug)]
pub enum HeadError {
    /// The client closed (or went idle) between requests: close silently.
    Closed,
    /// Head larger than `MAX_HEAD` → 431.
    TooLarge,
    /// Timed out or closed in the middle of a head → 400.
    Incomplete,
}

impl Conn {
    pub fn new(stream: Stream) -> Conn {
        Conn {
            stream,
            buf: vec![0u8; BUF_SIZE].into_boxed_slice(),
            pos: 0,
            len: 0,
        }
    }

    fn fill(&mut self) -> io::Result<usize> {
        self.pos = 0;
        self.len = 0;
        loop {
            match self.stream.read(&mut self.buf) {
                Ok(n) => {
                    self.len = n;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Reads bytes, from the buffer first.
    pub fn read_some(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if self.pos < self.len {
            let n = (self.len - self.pos).min(out.len());
            out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
            self.pos += n;
            return Ok(n);
        }
        if out.len() >= self.buf.len() {
            loop {
                match self.stream.read(out) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    r => return r,
                }
            }
        }
        let n = self.fill()?;
        if n == 0 {
            return Ok(0);
        }
        self.read_some(out)
    }

    fn read_byte(&mut self) -> io::Result<Option<u8>> {
        if self.pos >= self.len && self.fill()? == 0 {
            return Ok(None);
        }
        let b = self.buf[self.pos];
        self.pos += 1;
        Ok(Some(b))
    }

    /// Reads one line (without CRLF/LF), at most `cap` bytes.
    pub fn read_line(&mut self, cap: usize) -> io::Result<Vec<u8>> {
        let mut line = Vec::new();
        loop {
            match self.read_byte()? {
                None => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "eof in line")),
                Some(b'\n') => {
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    return Ok(line);
                }
                Some(b) => {
                    if line.len() >= cap {
                        return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
                    }
                    line.push(b);
                }
            }
        }
    }

    /// Reads a request head up to and including the blank line.
    pub fn read_head(&mut self) -> Result<Vec<u8>, HeadError> {
        let mut head: Vec<u8> = Vec::with_capacity(1024);
        loop {
            if self.pos >= self.len {
                match self.fill() {
                    Ok(0) => {
                        return Err(if head.is_empty() {
                            HeadError::Closed
                        } else {
                            HeadError::Incomplete
                        })
                    }
                    Ok(_) => {}
                    Err(_) => {
                        return Err(if head.is_empty() {
                            HeadError::Closed
                        } else {
                            HeadError::Incomplete
                        })
                    }
                }
            }
            while self.pos < self.len {
                let b = self.buf[self.pos];
                self.pos += 1;
                // Ignore empty lines before the request line (RFC 9112 §2.2).
                if head.is_empty() && (b == b'\r' || b == b'\n') {
                    continue;
                }
                head.push(b);
                if b == b'\n' && (head.ends_with(b"\n\n") || head.ends_with(b"\n\r\n")) {
                    return Ok(head);
                }
                if head.len() > MAX_HEAD {
                    return Err(HeadError::TooLarge);
                }
            }
        }
    }
}

/// HTTP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
    Head,
    Options,
    Other,
}

impl Method {
    pub fn parse(s: &str) -> Method {
        match s {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            "PATCH" => Method::Patch,
            "HEAD" => Method::Head,
            "OPTIONS" => Method::Options,
            _ => Method::Other,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Other => "OTHER",
        }
    }
}

/// Request headers: names lower-cased, values trimmed, in order.
#[derive(Debug, Clone, Default)]
pub struct Headers(pub Vec<(String, String)>);

impl Headers {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How the request body is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    None,
    Length(u64),
    Chunked,
}

/// A parsed request head.
#[derive(Debug, Clone)]
pub struct Head {
    pub method_raw: String,
    pub method: Method,
    /// Path without the query, as sent (still percent-encoded).
    pub path: String,
    /// Raw query string (without `?`), still encoded.
    pub query: String,
    pub http11: bool,
    pub headers: Headers,
    pub framing: Framing,
    pub keep_alive: bool,
    pub expect_continue: bool,
}

/// Parses a request head. Errors are 400 answers (the connection is then closed).
pub fn parse_head(raw: &[u8]) -> Result<Head, ApiError> {
    let text = String::from_utf8_lossy(raw);
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().unwrap_or("");
    let mut parts = request_line.split(' ').filter(|s| !s.is_empty());
    let (m, target, version) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v), None) => (m, t, v),
        _ => {
            return Err(ApiError::bad_request(format!(
                "Malformed HTTP request line '{}'",
                truncate(request_line, 200)
            )))
        }
    };
    if !m
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b == b'-' || b == b'_')
    {
        return Err(ApiError::bad_request(format!(
            "Malformed HTTP method '{}'",
            truncate(m, 50)
        )));
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        v if v.starts_with("HTTP/1.") => true,
        _ => {
            return Err(ApiError::bad_request(format!(
                "Unsupported HTTP version '{}'",
                truncate(version, 50)
            )))
        }
    };
    // Origin form, or absolute form (`http://host/path`).
    let mut target = target;
    if let Some(rest) = target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
    {
        target = match rest.find('/') {
            Some(i) => &rest[i..],
            None => "/",
        };
    }
    if !target.starts_with('/') && target != "*" {
        return Err(ApiError::bad_request(format!(
            "Malformed request target '{}'",
            truncate(target, 200)
        )));
    }
    let (path, query) = match target.find('?') {
        Some(i) => (&target[..i], &target[i + 1..]),
        None => (target, ""),
    };
    let path = path.split('#').next().unwrap_or("");
    let mut headers = Vec::new();
    for line in lines {
        if line.is_empty() {
            break;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            return Err(ApiError::bad_request(
                "Obsolete header line folding is not supported",
            ));
        }
        let (k, v) = line.split_once(':').ok_or_else(|| {
            ApiError::bad_request(format!("Malformed header line '{}'", truncate(line, 100)))
        })?;
        if k.is_empty() || k.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(ApiError::bad_request(format!(
                "Malformed header name '{}'",
                truncate(k, 100)
            )));
        }
        headers.push((k.to_ascii_lowercase(), v.trim().to_string()));
        if headers.len() > MAX_HEADERS {
            return Err(ApiError::new(431000, "Too many request header fields"));
        }
    }
    let headers = Headers(headers);
    let framing = framing(&headers)?;
    let conn_hdr = headers.get("connection").unwrap_or("").to_ascii_lowercase();
    let keep_alive = if http11 {
        !conn_hdr.split(',').any(|t| t.trim() == "close")
    } else {
        conn_hdr.split(',').any(|t| t.trim() == "keep-alive")
    };
    let expect_continue = headers
        .get("expect")
        .map(|v| v.eq_ignore_ascii_case("100-continue"))
        .unwrap_or(false);
    Ok(Head {
        method_raw: m.to_string(),
        method: Method::parse(m),
        path: path.to_string(),
        query: query.to_string(),
        http11,
        headers,
        framing,
        keep_alive,
        expect_continue,
    })
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn framing(h: &Headers) -> Result<Framing, ApiError> {
    let te: Vec<&str> = h.get_all("transfer-encoding").collect();
    if !te.is_empty() {
        let joined = te.join(",").to_ascii_lowercase();
        let last = joined
            .split(',')
            .map(str::trim)
            .rfind(|s| !s.is_empty())
            .unwrap_or("");
        if last != "chunked" {
            return Err(ApiError::bad_request(format!(
                "Unsupported Transfer-Encoding '{joined}'"
            )));
        }
        return Ok(Framing::Chunked);
    }
    let mut len: Option<u64> = None;
    for v in h.get_all("content-length") {
        for part in v.split(',') {
            let part = part.trim();
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ApiError::bad_request(format!(
                    "Invalid Content-Length '{v}'"
                )));
            }
            let n: u64 = part
                .parse()
                .map_err(|_| ApiError::bad_request(format!("Invalid Content-Length '{v}'")))?;
            if let Some(prev) = len {
                if prev != n {
                    return Err(ApiError::bad_request("Conflicting Content-Length headers"));
                }
            }
            len = Some(n);
        }
    }
    Ok(match len {
        Some(0) | None => Framing::None,
        Some(n) => Framing::Length(n),
    })
}

/// Streams a request body off the connection. Never buffers more than the connection's
/// read buffer.
pub struct BodyReader<'c> {
    conn: &'c mut Conn,
    framing: Framing,
    /// Bytes left: of the whole body (Length) or of the current chunk (Chunked).
    left: u64,
    done: bool,
    expect_continue: bool,
    /// A read failed (bad framing, timeout, EOF): the rest of the body is unusable.
    failed: bool,
    pub bytes_read: u64,
}

impl<'c> BodyReader<'c> {
    pub fn new(conn: &'c mut Conn, framing: Framing, expect_continue: bool) -> BodyReader<'c> {
        let (left, done) = match framing {
            Framing::None => (0, true),
            Framing::Length(n) => (n, false),
            Framing::Chunked => (0, false),
        };
        BodyReader {
            conn,
            framing,
            left,
            done,
            expect_continue,
            failed: false,
            bytes_read: 0,
        }
    }

    /// The declared length of a Content-Length body.
    pub fn declared_len(&self) -> Option<u64> {
        match self.framing {
            Framing::Length(n) => Some(n),
            Framing::None => Some(0),
            Framing::Chunked => None,
        }
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Reads and discards the rest of the body, up to `limit` bytes or `timeout`.
    /// Returns true if the body was fully consumed (the connection can be reused).
    pub fn drain(&mut self, limit: u64, timeout: Duration) -> bool {
        if self.done {
            return true;
        }
        if self.expect_continue || self.failed {
            // The client waits for our go-ahead (we answer without reading instead), or
            // the body is broken: the connection will be closed.
            return false;
        }
        if let Framing::Length(n) = self.framing {
            if self.left > limit || n > limit.saturating_mul(1024) {
                return false;
            }
        }
        let old = self.conn.stream.read_timeout().ok().flatten();
        let _ = self
            .conn
            .stream
            .set_read_timeout(Some(Duration::from_secs(2)));
        let ok = self.drain_inner(limit, timeout);
        let _ = self.conn.stream.set_read_timeout(old);
        ok
    }

    fn drain_inner(&mut self, limit: u64, timeout: Duration) -> bool {
        let start = Instant::now();
        let mut buf = [0u8; 16 * 1024];
        let mut total = 0u64;
        while !self.done {
            if total > limit || start.elapsed() > timeout {
                return false;
            }
            match self.read(&mut buf) {
                Ok(0) => return self.done,
                Ok(n) => total += n as u64,
                Err(_) => return false,
            }
        }
        true
    }

    fn send_continue(&mut self) -> io::Result<()> {
        if self.expect_continue {
            self.expect_continue = false;
            self.conn
                .stream
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }
        Ok(())
    }

    fn next_chunk(&mut self) -> io::Result<()> {
        let line = self.conn.read_line(4096)?;
        let line = String::from_utf8_lossy(&line);
        let size = line.split(';').next().unwrap_or("").trim();
        let n = u64::from_str_radix(size, 16)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad chunk size"))?;
        if n == 0 {
            // Trailers, up to an empty line.
            let mut count = 0;
            loop {
                let t = self.conn.read_line(8192)?;
                if t.is_empty() {
                    break;
                }
                count += 1;
                if count > 64 {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "too many trailers",
                    ));
                }
            }
            self.done = true;
        } else {
            self.left = n;
        }
        Ok(())
    }
}

impl Read for BodyReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.failed {
            return Err(io::Error::other("the request body could not be read"));
        }
        let r = self.read_inner(out);
        if r.is_err() {
            self.failed = true;
        }
        r
    }
}

impl BodyReader<'_> {
    fn read_inner(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.done || out.is_empty() {
            return Ok(0);
        }
        self.send_continue()?;
        match self.framing {
            Framing::None => Ok(0),
            Framing::Length(_) => {
                let want = (out.len() as u64).min(self.left) as usize;
                let n = self.conn.read_some(&mut out[..want])?;
                if n == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "connection closed before the end of the request body",
                    ));
                }
                self.left -= n as u64;
                self.bytes_read += n as u64;
                if self.left == 0 {
                    self.done = true;
                }
                Ok(n)
            }
            Framing::Chunked => {
                if self.left == 0 {
                    self.next_chunk()?;
                    if self.done {
                        return Ok(0);
                    }
                }
                let want = (out.len() as u64).min(self.left) as usize;
                let n = self.conn.read_some(&mut out[..want])?;
                if n == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "connection closed inside a chunk",
                    ));
                }
                self.left -= n as u64;
                self.bytes_read += n as u64;
                if self.left == 0 {
                    let crlf = self.conn.read_line(2)?;
                    if !crlf.is_empty() {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "missing CRLF after chunk",
                        ));
                    }
                }
                Ok(n)
            }
        }
    }
}

/// A response body.
pub enum Body {
    Empty,
    Bytes(Vec<u8>),
    /// Streamed with `send_file` (sendfile(2) on Linux). `len` bytes from the current position;
    /// the file must not change while it is sent.
    File {
        file: File,
        len: u64,
    },
}

/// A response: status, extra headers, body. `Content-Length`, `Date`, `Server` and
/// `Connection` are added when written.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Response {
    /// 204 No Content.
    pub fn no_content() -> Response {
        Response {
            status: 204,
            headers: Vec::new(),
            body: Body::Empty,
        }
    }

    /// Arbitrary bytes with a content type.
    pub fn bytes(status: u16, content_type: &str, bytes: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::Bytes(bytes),
        }
    }

    /// Streams a file from disk. Open the file (and take its length) before releasing the
    /// state lock; the copy happens after the handler returns.
    pub fn file(status: u16, content_type: &str, file: File, len: u64) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::File { file, len },
        }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn body_len(&self) -> u64 {
        match &self.body {
            Body::Empty => 0,
            Body::Bytes(b) => b.len() as u64,
            Body::File { len, .. } => *len,
        }
    }

    /// The body bytes `write_response` sends: none for HEAD, at most a fault's `afterBytes`.
    pub fn bytes_sent(&self, head_only: bool, fault: Option<WriteFault>) -> u64 {
        let len = self.body_len();
        match (head_only, fault) {
            (true, _) => 0,
            (false, Some(WriteFault::Reset(n)) | Some(WriteFault::Truncate(n))) => n.min(len),
            (false, None) => len,
        }
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// How to misbehave while writing a response (fault injection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteFault {
    /// After `n` body bytes, abort with an RST (SO_LINGER 0).
    Reset(u64),
    /// Send the full Content-Length header but only `n` body bytes, then close cleanly.
    Truncate(u64),
}

/// Writes a response. Returns Ok(false) if the connection must be closed afterwards
/// (faults), Ok(true) if it may be reused (subject to keep-alive).
pub fn write_response(
    stream: &mut Stream,
    resp: Response,
    head_only: bool,
    keep_alive: bool,
    fault: Option<WriteFault>,
) -> io::Result<bool> {
    let len = resp.body_len();
    let mut head = Vec::with_capacity(256);
    let _ = write!(head, "HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    let _ = write!(
        head,
        "Date: {}\r\nServer: tsc-emulator\r\n",
        http_date(now_secs())
    );
    for (k, v) in &resp.headers {
        let _ = write!(head, "{k}: {v}\r\n");
    }
    if resp.status != 204 && resp.status != 304 && !(100..200).contains(&resp.status) {
        let _ = write!(head, "Content-Length: {len}\r\n");
    }
    let keep = keep_alive && fault.is_none();
    head.extend_from_slice(if keep {
        b"Connection: keep-alive\r\n\r\n"
    } else {
        b"Connection: close\r\n\r\n"
    });
    let body_bytes = resp.bytes_sent(head_only, fault);
    match resp.body {
        Body::Bytes(b) if body_bytes > 0 && (head.len() + b.len()) <= 256 * 1024 => {
            head.extend_from_slice(&b[..body_bytes as usize]);
            stream.write_all(&head)?;
        }
        Body::Bytes(b) => {
            stream.write_all(&head)?;
            if body_bytes > 0 {
                stream.write_all(&b[..body_bytes as usize])?;
            }
        }
        Body::File { file, .. } => {
            stream.write_all(&head)?;
            if body_bytes > 0 {
                send_file(stream, file, body_bytes)?;
            }
        }
        Body::Empty => stream.write_all(&head)?,
    }
    stream.flush()?;
    match fault {
        None => Ok(keep),
        Some(WriteFault::Truncate(_)) => {
            let _ = stream.shutdown(Shutdown::Write);
            Ok(false)
        }
        Some(WriteFault::Reset(_)) => {
            set_linger_zero(stream.tcp());
            let _ = stream.shutdown(Shutdown::Read);
            Ok(false)
        }
    }
}

/// Copies `len` bytes of `file` (from its current position) to the stream: when it is a raw
/// socket, with `sendfile(2)` on Linux (the kernel moves the pages; std's `io::copy` does not
/// use sendfile towards sockets because later changes to the file could show through — the
/// emulator's stored files are never modified, an overwrite writes a new file), else, or if the
/// kernel refuses, through the stream's `Write`. A short file ends the copy early (the client
/// sees a truncated body).
pub fn send_file(stream: &mut Stream, file: File, len: u64) -> io::Result<()> {
    match stream.raw_socket() {
        Some(_) => send_file_raw(stream, file, len),
        None => copy_file(&file, len, stream),
    }
}

/// Copies up to `len` bytes of `file` through `out`, 64 KiB at a time.
fn copy_file(mut file: &File, len: u64, out: &mut impl Write) -> io::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let want = left.min(buf.len() as u64) as usize;
        let n = match file.read(&mut buf[..want]) {
            Ok(0) => return Ok(()), // the file is shorter than announced
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        out.write_all(&buf[..n])?;
        left -= n as u64;
    }
    Ok(())
}

fn send_file_raw(stream: &mut Stream, file: File, len: u64) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use std::os::fd::AsRawFd;
        extern "C" {
            fn sendfile(out_fd: i32, in_fd: i32, offset: *mut i64, count: usize) -> isize;
        }
        let mut left = len;
        while left > 0 {
            let chunk = left.min(1 << 30) as usize;
            // SAFETY: two valid fds owned by `stream` and `file`; a null offset makes the
            // kernel use and advance the file's own position.
            let n = unsafe {
                sendfile(
                    stream.tcp().as_raw_fd(),
                    file.as_raw_fd(),
                    std::ptr::null_mut(),
                    chunk,
                )
            };
            if n > 0 {
                left -= n as u64;
                continue;
            }
            if n == 0 {
                return Ok(()); // the file is shorter than announced
            }
            let e = io::Error::last_os_error();
            match e.raw_os_error() {
                Some(4) => continue, // EINTR
                // EINVAL / ENOSYS / EOPNOTSUPP: not possible here; copy the rest instead.
                Some(22) | Some(38) | Some(95) if left == len => break,
                _ if e.kind() == io::ErrorKind::WouldBlock => {
                    return Err(io::Error::new(io::ErrorKind::TimedOut, "write timed out"))
                }
                _ => return Err(e),
            }
        }
        if left == 0 {
            return Ok(());
        }
        copy_file(&file, left, stream)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        copy_file(&file, len, stream)
    }
}

/// Sets SO_LINGER {on, 0} so that closing the socket sends an RST.
pub fn set_linger_zero(stream: &TcpStream) {
    #[cfg(any(target_os = "linux", target_os = "macos", target_os = "android"))]
    {
        use std::os::fd::AsRawFd;
        #[repr(C)]
        struct Linger {
            l_onoff: i32,
            l_linger: i32,
        }
        extern "C" {
            fn setsockopt(
                fd: i32,
                level: i32,
                name: i32,
                value: *const core::ffi::c_void,
                len: u32,
            ) -> i32;
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        const SOL_SOCKET: i32 = 1;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        const SO_LINGER: i32 = 13;
        #[cfg(target_os = "macos")]
        const SOL_SOCKET: i32 = 0xffff;
        #[cfg(target_os = "macos")]
        const SO_LINGER: i32 = 0x80;
        let l = Linger {
            l_onoff: 1,
            l_linger: 0,
        };
        // SAFETY: a valid fd owned by `stream`, a properly sized `struct linger`.
        unsafe {
            setsockopt(
                stream.as_raw_fd(),
                SOL_SOCKET,
                SO_LINGER,
                &l as *const Linger as *const core::ffi::c_void,
                std::mem::size_of::<Linger>() as u32,
            );
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "android")))]
    {
        let _ = stream;
    }
}

/// Closes "gracefully": stop sending, then read and discard what the client still sends
/// (bounded), so that unread request bytes do not turn our close into an RST that could
/// destroy the answer before the client reads it.
pub fn lingering_close(stream: &mut Stream) {
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let start = Instant::now();
    let mut buf = [0u8; 16 * 1024];
    let mut total = 0usize;
    while start.elapsed() < Duration::from_secs(2) && total < 64 * 1024 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads() {
        let h =
            parse_head(b"GET /api/3.25/sites?x=1 HTTP/1.1\r\nHost: a\r\nX-Tableau-Auth: t\r\n\r\n")
                .unwrap();
        assert_eq!(h.method, Method::Get);
        assert_eq!(h.path, "/api/3.25/sites");
        assert_eq!(h.query, "x=1");
        assert_eq!(h.headers.get("x-tableau-auth"), Some("t"));
        assert!(h.keep_alive);
        let h = parse_head(b"POST http://h:1/a HTTP/1.0\r\nContent-Length: 5\r\n\r\n").unwrap();
        assert_eq!(h.path, "/a");
        assert_eq!(h.framing, Framing::Length(5));
        assert!(!h.keep_alive);
        let h = parse_head(
            b"PUT /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
        )
        .unwrap();
        assert_eq!(h.framing, Framing::Chunked);
        for bad in [
            &b"garbage\r\n\r\n"[..],
            b"GET /a\r\n\r\n",
            b"get /a HTTP/1.1\r\n\r\n",
            b"GET /a HTTP/2\r\n\r\n",
            b"GET a HTTP/1.1\r\n\r\n",
            b"GET /a HTTP/1.1\r\nNoColon\r\n\r\n",
            b"GET /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            b"GET /a HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            b"GET /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            b"GET /a HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
        ] {
            assert!(parse_head(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
