//! Streaming `multipart/mixed` parser for publish and upload requests.
//!
//! ```ignore
//! let mut mp = Multipart::from_request(req.headers.get("content-type"), &mut *req.body)?;
//! while let Some(part) = mp.next_part()? {
//!     match part.name.as_deref() {
//!         Some("request_payload") => payload = Some(mp.read_to_vec(MAX_PAYLOAD)?),
//!         Some("tableau_workbook") => size = mp.copy_to(&mut file)?, // streamed to disk
//!         _ => { mp.copy_to(&mut std::io::sink())?; }
//!     }
//! }
//! ```
//! Accepts `Content-Disposition: form-data; name="x"; filename="y"` and the bare
//! `name="x"; filename="y"` form, parts in any order, quoted or unquoted boundaries, and an
//! optional preamble/epilogue. `multipart/form-data` is refused with 406000 (as Tableau does).

use std::io::{self, Read, Write};

use crate::errors::ApiError;

/// Headers of one part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartInfo {
    pub name: Option<String>,
    pub filename: Option<String>,
    pub content_type: Option<String>,
}

const MAX_PART_HEAD: usize = 16 * 1024;
const BUF: usize = 256 * 1024;

pub struct Multipart<R: Read> {
    reader: R,
    /// "\r\n--" + boundary
    delim: Vec<u8>,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// Inside a part's data.
    in_part: bool,
    finished: bool,
}

/// Extracts the boundary from a Content-Type, enforcing `multipart/mixed`.
pub fn boundary_of(content_type: Option<&str>) -> Result<String, ApiError> {
    let ct = content_type.unwrap_or("").trim();
    let mut parts = ct.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    if mime == "multipart/form-data" {
        return Err(ApiError::new(
            406000,
            format!("Content type '{ct}' not supported"),
        ));
    }
    if mime != "multipart/mixed" {
        return Err(ApiError::bad_request(format!(
            "Content type '{ct}' not supported; expected multipart/mixed"
        )));
    }
    for p in parts {
        let p = p.trim();
        if let Some((k, v)) = p.split_once('=') {
            if k.trim().eq_ignore_ascii_case("boundary") {
                let v = v.trim();
                let v = v
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or(v);
                if v.is_empty() || v.len() > 200 {
                    break;
                }
                return Ok(v.to_string());
            }
        }
    }
    Err(ApiError::bad_request(
        "The multipart/mixed content type has no boundary parameter",
    ))
}

fn io_err(e: io::Error) -> ApiError {
    ApiError::bad_request(format!("The request body could not be read: {e}"))
}

fn malformed(detail: &str) -> ApiError {
    ApiError::bad_request(format!("Malformed multipart body: {detail}"))
}

impl<R: Read> Multipart<R> {
    pub fn new(reader: R, boundary: &str) -> Multipart<R> {
        let mut delim = b"\r\n--".to_vec();
        delim.extend_from_slice(boundary.as_bytes());
        let mut buf = vec![0u8; BUF + delim.len() + 8];
        // Pretend the body starts with CRLF so that a boundary on the first line is found
        // like any other delimiter.
        buf[0] = b'\r';
        buf[1] = b'\n';
        Multipart {
            reader,
            delim,
            buf,
            start: 0,
            end: 2,
            eof: false,
            in_part: false,
            finished: false,
        }
    }

    /// Checks the Content-Type (multipart/mixed, boundary) and builds a parser.
    pub fn from_request(content_type: Option<&str>, reader: R) -> Result<Multipart<R>, ApiError> {
        let b = boundary_of(content_type)?;
        Ok(Multipart::new(reader, &b))
    }

    /// Ensures at least `n` unread bytes are buffered unless EOF. Returns available count.
    fn fill(&mut self, n: usize) -> Result<usize, ApiError> {
        if self.end - self.start >= n || self.eof {
            return Ok(self.end - self.start);
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        while self.end - self.start < n && !self.eof {
            if self.end == self.buf.len() {
                break;
            }
            let got = loop {
                match self.reader.read(&mut self.buf[self.end..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    r => break r,
                }
            }
            .map_err(io_err)?;
            if got == 0 {
                self.eof = true;
            }
            self.end += got;
        }
        Ok(self.end - self.start)
    }

    fn find_delim(&self) -> Option<usize> {
        let hay = &self.buf[self.start..self.end];
        let d = &self.delim;
        let mut i = 0;
        while i + d.len() <= hay.len() {
            match hay[i..].iter().position(|&b| b == b'\r') {
                None => return None,
                Some(p) => {
                    i += p;
                    if i + d.len() > hay.len() {
                        return None;
                    }
                    if &hay[i..i + d.len()] == d.as_slice() {
                        return Some(i);
                    }
                    i += 1;
                }
            }
        }
        None
    }

    /// Streams the current part's remaining data into `sink` (or discards with `None`).
    fn pump(
        &mut self,
        mut sink: impl FnMut(&[u8]) -> Result<(), ApiError>,
    ) -> Result<u64, ApiError> {
        let mut total = 0u64;
        if !self.in_part {
            return Ok(0);
        }
        loop {
            let avail = self.fill(self.delim.len() + 4)?;
            if let Some(i) = self.find_delim() {
                if i > 0 {
                    sink(&self.buf[self.start..self.start + i])?;
                    total += i as u64;
                }
                self.start += i; // now at the delimiter
                self.in_part = false;
                return Ok(total);
            }
            if self.eof {
                return Err(malformed(
                    "the body ended inside a part (no closing boundary)",
                ));
            }
            // Emit everything except a tail that could start a delimiter.
            let keep = self.delim.len() - 1;
            if avail > keep {
                let n = avail - keep;
                sink(&self.buf[self.start..self.start + n])?;
                total += n as u64;
                self.start += n;
            }
            // Make room and read more.
            let _ = self.fill(self.buf.len() - 1)?;
        }
    }

    /// Advances to the next part and returns its headers, or `None` after the last one.
    pub fn next_part(&mut self) -> Result<Option<PartInfo>, ApiError> {
        if self.finished {
            return Ok(None);
        }
        if self.in_part {
            self.pump(|_| Ok(()))?;
        } else {
            // Skip the preamble up to the first delimiter.
            loop {
                let avail = self.fill(self.delim.len() + 4)?;
                if let Some(i) = self.find_delim() {
                    self.start += i;
                    break;
                }
                if self.eof {
                    return Err(malformed("no boundary found"));
                }
                let keep = self.delim.len() - 1;
                if avail > keep {
                    self.start += avail - keep;
                }
                let _ = self.fill(self.buf.len() - 1)?;
            }
        }
        // At a delimiter.
        self.start += self.delim.len();
        self.fill(2)?;
        if self.buf[self.start..self.end].starts_with(b"--") {
            self.finished = true;
            return Ok(None);
        }
        // Transport padding, then CRLF.
        let line = self.read_line()?;
        if !line.iter().all(|b| *b == b' ' || *b == b'\t') {
            return Err(malformed("garbage after boundary"));
        }
        let mut info = PartInfo::default();
        let mut head_len = 0;
        loop {
            let line = self.read_line()?;
            if line.is_empty() {
                break;
            }
            head_len += line.len();
            if head_len > MAX_PART_HEAD {
                return Err(malformed("part headers too large"));
            }
            let line = String::from_utf8_lossy(&line);
            let Some((k, v)) = line.split_once(':') else {
                return Err(malformed("bad part header line"));
            };
            let k = k.trim().to_ascii_lowercase();
            let v = v.trim();
            if k == "content-disposition" {
                parse_disposition(v, &mut info);
            } else if k == "content-type" {
                info.content_type = Some(v.to_string());
            }
        }
        self.in_part = true;
        Ok(Some(info))
    }

    fn read_line(&mut self) -> Result<Vec<u8>, ApiError> {
        let mut line = Vec::new();
        loop {
            if self.fill(1)? == 0 {
                return Err(malformed("the body ended inside part headers"));
            }
            let b = self.buf[self.start];
            self.start += 1;
            if b == b'\n' {
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(line);
            }
            line.push(b);
            if line.len() > MAX_PART_HEAD {
                return Err(malformed("part header line too long"));
            }
        }
    }

    /// Reads the current part into memory; more than `cap` bytes → 413000.
    pub fn read_to_vec(&mut self, cap: usize) -> Result<Vec<u8>, ApiError> {
        let mut v = Vec::new();
        self.pump(|chunk| {
            if v.len() + chunk.len() > cap {
                return Err(ApiError::new(
                    413000,
                    format!("The request_payload part exceeds {cap} bytes"),
                ));
            }
            v.extend_from_slice(chunk);
            Ok(())
        })?;
        Ok(v)
    }

    /// Streams the current part into `w` (e.g. a file); returns the byte count.
    pub fn copy_to(&mut self, w: &mut dyn Write) -> Result<u64, ApiError> {
        self.pump(|chunk| {
            w.write_all(chunk)
                .map_err(|e| ApiError::internal(format!("Could not store the uploaded file: {e}")))
        })
    }

    /// Like `copy_to`, but stops with `too_large()` as soon as the part exceeds `limit`
    /// bytes (nothing beyond the limit is written).
    pub fn copy_to_limited(
        &mut self,
        w: &mut dyn Write,
        limit: u64,
        too_large: &dyn Fn() -> ApiError,
    ) -> Result<u64, ApiError> {
        let mut total = 0u64;
        self.pump(|chunk| {
            total += chunk.len() as u64;
            if total > limit {
                return Err(too_large());
            }
            w.write_all(chunk)
                .map_err(|e| ApiError::internal(format!("Could not store the uploaded file: {e}")))
        })
    }

    /// Reads up to the closing boundary (epilogue is ignored).
    pub fn finish(&mut self) -> Result<(), ApiError> {
        while self.next_part()?.is_some() {}
        Ok(())
    }
}

/// Parses `form-data; name="x"; filename="y"` or `name="x"` (also `filename*=UTF-8''…`).
pub fn parse_disposition(v: &str, info: &mut PartInfo) {
    for param in split_params(v) {
        let Some((k, val)) = param.split_once('=') else {
            continue;
        };
        let k = k.trim().to_ascii_lowercase();
        let val = val.trim();
        let unq = if val.len() >= 2 && val.starts_with('"') && val.ends_with('"') {
            val[1..val.len() - 1].replace("\\\"", "\"")
        } else {
            val.to_string()
        };
        match k.as_str() {
            "name" => info.name = Some(unq),
            "filename" if info.filename.is_none() => info.filename = Some(unq),
            "filename*" => {
                let s = unq
                    .strip_prefix("UTF-8''")
                    .or_else(|| unq.strip_prefix("utf-8''"))
                    .unwrap_or(&unq);
                info.filename = Some(crate::util::percent_decode(s, false));
            }
            _ => {}
        }
    }
}

fn split_params(v: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_q = false;
    let mut start = 0;
    let b = v.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'"' if i == 0 || b[i - 1] != b'\\' => in_q = !in_q,
            b';' if !in_q => {
                out.push(&v[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&v[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(b: &str, parts: &[(&str, &[u8])], preamble: bool) -> Vec<u8> {
        let mut v = Vec::new();
        if preamble {
            v.extend_from_slice(b"this is a preamble\r\n");
        }
        for (h, data) in parts {
            v.extend_from_slice(format!("--{b}\r\n{h}\r\n\r\n").as_bytes());
            v.extend_from_slice(data);
            v.extend_from_slice(b"\r\n");
        }
        v.extend_from_slice(format!("--{b}--\r\n").as_bytes());
        v
    }

    /// A reader that returns at most `n` bytes per read, to exercise buffer boundaries.
    struct Slow<'a>(&'a [u8], usize);
    impl Read for Slow<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn boundaries() {
        assert_eq!(
            boundary_of(Some("multipart/mixed; boundary=abc")).unwrap(),
            "abc"
        );
        assert_eq!(
            boundary_of(Some("multipart/mixed; boundary=\"a b\"")).unwrap(),
            "a b"
        );
        assert_eq!(
            boundary_of(Some("Multipart/Mixed;boundary=x")).unwrap(),
            "x"
        );
        assert_eq!(
            boundary_of(Some("multipart/form-data; boundary=x"))
                .unwrap_err()
                .code,
            406000
        );
        assert_eq!(boundary_of(Some("text/xml")).unwrap_err().code, 400000);
        assert_eq!(boundary_of(None).unwrap_err().code, 400000);
        assert_eq!(
            boundary_of(Some("multipart/mixed")).unwrap_err().code,
            400000
        );
    }

    #[test]
    fn parses_both_disposition_forms_any_order() {
        let mut file = vec![0u8; 700_000];
        for (i, b) in file.iter_mut().enumerate() {
            *b = (i % 251) as u8;
        }
        // Make the data contain near-delimiters.
        file[1000..1008].copy_from_slice(b"\r\n--6691");
        let b = "6691a87289ac461bab2c945741f136e6";
        let data = body(
            b,
            &[
                (
                    "Content-Disposition: name=\"tableau_workbook\"; filename=\"Sales.twbx\"\r\nContent-Type: application/octet-stream",
                    &file,
                ),
                (
                    "Content-Disposition: form-data; name=\"request_payload\"; filename=\"\"\r\nContent-Type: text/xml",
                    b"<tsRequest><workbook name=\"Sales\"/></tsRequest>",
                ),
            ],
            true,
        );
        for step in [1usize, 7, 4096, 1 << 20] {
            let mut mp = Multipart::new(Slow(&data, step), b);
            let p1 = mp.next_part().unwrap().unwrap();
            assert_eq!(p1.name.as_deref(), Some("tableau_workbook"));
            assert_eq!(p1.filename.as_deref(), Some("Sales.twbx"));
            let mut out = Vec::new();
            assert_eq!(mp.copy_to(&mut out).unwrap(), file.len() as u64);
            assert!(out == file);
            let p2 = mp.next_part().unwrap().unwrap();
            assert_eq!(p2.name.as_deref(), Some("request_payload"));
            assert_eq!(p2.filename.as_deref(), Some(""));
            assert_eq!(p2.content_type.as_deref(), Some("text/xml"));
            let x = mp.read_to_vec(1024).unwrap();
            assert_eq!(x, b"<tsRequest><workbook name=\"Sales\"/></tsRequest>");
            assert!(mp.next_part().unwrap().is_none());
        }
    }

    #[test]
    fn skipping_and_errors() {
        let b = "xyz";
        let data = body(
            b,
            &[
                ("Content-Disposition: name=\"a\"", b"aaa"),
                ("Content-Disposition: name=\"b\"", b""),
            ],
            false,
        );
        let mut mp = Multipart::new(&data[..], b);
        assert_eq!(mp.next_part().unwrap().unwrap().name.as_deref(), Some("a"));
        // Skip part a without reading it.
        let p = mp.next_part().unwrap().unwrap();
        assert_eq!(p.name.as_deref(), Some("b"));
        assert_eq!(mp.read_to_vec(10).unwrap(), b"");
        assert!(mp.next_part().unwrap().is_none());

        // No closing boundary.
        let bad = b"--xyz\r\nContent-Disposition: name=\"a\"\r\n\r\nabc";
        let mut mp = Multipart::new(&bad[..], b);
        mp.next_part().unwrap();
        assert!(mp.read_to_vec(10).is_err());
        // No boundary at all.
        let mut mp = Multipart::new(&b"hello"[..], b);
        assert!(mp.next_part().is_err());
        // Payload cap.
        let data = body(
            b,
            &[("Content-Disposition: name=\"a\"", &[b'x'; 100])],
            false,
        );
        let mut mp = Multipart::new(&data[..], b);
        mp.next_part().unwrap();
        assert_eq!(mp.read_to_vec(10).unwrap_err().code, 413000);
        // Limited copy: exactly the limit passes, one byte more fails with the given error.
        for (limit, ok) in [(100u64, true), (99, false)] {
            let mut mp = Multipart::new(&data[..], b);
            mp.next_part().unwrap();
            let mut out = Vec::new();
            let r = mp.copy_to_limited(&mut out, limit, &|| ApiError::new(400016, "big"));
            match r {
                Ok(n) => assert!(ok && n == 100 && out.len() == 100),
                Err(e) => assert!(!ok && e.code == 400016 && out.len() <= 99),
            }
        }
    }

    #[test]
    fn disposition() {
        let mut i = PartInfo::default();
        parse_disposition(
            "form-data; name=\"x;y\"; filename*=UTF-8''Proje%C5%9Bt%20x.tdsx",
            &mut i,
        );
        assert_eq!(i.name.as_deref(), Some("x;y"));
        assert_eq!(i.filename.as_deref(), Some("Projeśt x.tdsx"));
        let mut i = PartInfo::default();
        parse_disposition("name=tableau_file; filename=file", &mut i);
        assert_eq!(i.name.as_deref(), Some("tableau_file"));
        assert_eq!(i.filename.as_deref(), Some("file"));
    }
}
