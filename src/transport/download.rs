//! Streaming a reply body to where the caller wants it, with nothing half-written left behind.
//!
//! Files are written to a temporary file in the target's own directory ([`TempFile`]: anonymous on
//! Linux, else hidden) and renamed over the target only once every byte arrived and the count
//! matches `Content-Length`. Any failure, abort or cancel discards the temporary file, so the
//! target either holds the complete download or is untouched. Memory stays at one 256 KiB buffer
//! whatever the size. A directory target takes its file name from `Content-Disposition`, made
//! safe by [`filename::sanitize`]; without a usable header the name is `<fallback>.<ext>`, the
//! extension guessed from the first bytes.

use crate::error::{Error, Result, Status};
use crate::transport::filename;
use crate::transport::progress::Tracker;
use crate::transport::tempfile::TempFile;
use crate::transport::transport_error;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Size of the buffer bytes pass through.
const BUFFER: usize = 256 * 1024;

/// Where a download goes.
pub enum Destination<'a> {
    /// Into this existing directory, under the name the server announces (sanitised). An
    /// existing file of that name is replaced.
    Directory(&'a Path),
    /// To exactly this path, whose directory must exist. An existing file is replaced.
    File(&'a Path),
    /// To a writer, as the bytes arrive (what was written before a failure stays written).
    Writer(&'a mut dyn Write),
}

/// What a download produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Downloaded {
    /// The absolute path of the file written (None for [`Destination::Writer`]).
    pub path: Option<PathBuf>,
    /// Bytes received.
    pub bytes: u64,
}

/// How to name a file when the server does not say: `<stem>.<sniff(first bytes)>`.
pub(crate) struct Fallback<'a> {
    pub stem: &'a str,
    pub sniff: fn(&[u8]) -> &'static str,
}

/// Streams the body of `resp` (a 2xx reply to `label`) to `dest`.
pub(crate) fn save(
    resp: &mut ureq::http::Response<ureq::Body>,
    dest: Destination<'_>,
    fallback: &Fallback<'_>,
    tracker: &mut Tracker<'_, '_>,
    label: &str,
) -> Result<Downloaded> {
    let total = resp
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    tracker.set_total(total);
    let announced = resp
        .headers()
        .get("content-disposition")
        .map(|v| header_text(v.as_bytes()))
        .and_then(|v| filename::from_content_disposition(&v))
        .and_then(|n| filename::sanitize(&n));
    let body = resp.body_mut();
    let (dir, exact) = match dest {
        Destination::Writer(w) => {
            let (bytes, _) = copy(body, &mut Sink::Writer(w), total, tracker, label)?;
            return Ok(Downloaded { path: None, bytes });
        }
        Destination::Directory(dir) => {
            if !dir.is_dir() {
                return Err(file_error(format!(
                    "the download directory {} does not exist or is not a directory",
                    dir.display()
                )));
            }
            (dir.to_path_buf(), None)
        }
        Destination::File(path) => {
            if path.is_dir() {
                return Err(file_error(format!(
                    "{} is a directory; give a file path, or download into the directory",
                    path.display()
                )));
            }
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if !parent.is_dir() {
                return Err(file_error(format!(
                    "the directory of {} does not exist",
                    path.display()
                )));
            }
            (parent, Some(path.to_path_buf()))
        }
    };
    let mut tmp = TempFile::create_in(&dir)?;
    let (bytes, head) = copy(body, &mut Sink::File(&mut tmp), total, tracker, label)?;
    let target = match exact {
        Some(p) => p,
        None => dir.join(announced.unwrap_or_else(|| {
            let stem = filename::sanitize(fallback.stem).unwrap_or_else(|| "download".into());
            format!("{stem}.{}", (fallback.sniff)(&head))
        })),
    };
    tmp.persist(&target)?;
    let path = std::path::absolute(&target).unwrap_or(target);
    Ok(Downloaded {
        path: Some(path),
        bytes,
    })
}

/// A header value as text: UTF-8 when it is (servers put raw UTF-8 file names in quoted
/// strings), else ISO-8859-1 as HTTP once specified.
fn header_text(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b.iter().map(|&c| char::from(c)).collect(),
    }
}

fn file_error(message: String) -> Error {
    Error::new(Status::File, message)
}

enum Sink<'s, 'w> {
    File(&'s mut TempFile),
    Writer(&'s mut (dyn Write + 'w)),
}

impl Sink<'_, '_> {
    fn write_all(&mut self, data: &[u8]) -> Result<()> {
        match self {
            Sink::File(t) => t.write_all(data),
            Sink::Writer(w) => w.write_all(data).map_err(|e| match unwrap_ours(&e) {
                Some(ours) => ours,
                None => file_error(format!("the download's writer failed: {e}")),
            }),
        }
    }
}

/// Our own [`Error`] carried inside an `io::Error` (a write callback's abort), if it is one.
fn unwrap_ours(e: &io::Error) -> Option<Error> {
    e.get_ref().and_then(|i| i.downcast_ref::<Error>()).cloned()
}

/// Copies the body to the sink; returns the byte count and the first bytes (for sniffing).
fn copy(
    body: &mut ureq::Body,
    sink: &mut Sink<'_, '_>,
    total: Option<u64>,
    tracker: &mut Tracker<'_, '_>,
    label: &str,
) -> Result<(u64, Vec<u8>)> {
    let mut reader = body.as_reader();
    let mut buf = vec![0u8; BUFFER];
    let mut head = Vec::new();
    tracker.report()?;
    loop {
        tracker.check()?;
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(transport_error(ureq::Error::from(e), label)),
        };
        if head.len() < 16 {
            head.extend_from_slice(&buf[..n.min(16 - head.len())]);
        }
        sink.write_all(&buf[..n])?;
        tracker.advance(n as u64)?;
    }
    let done = tracker.done();
    if let Some(t) = total {
        if done != t {
            return Err(Error::new(
                Status::Io,
                format!("{} failed: the download ended after {done} of {t} bytes (the connection dropped; retry the call)", crate::error::echo(label)),
            ));
        }
    }
    Ok((done, head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_bytes_decode_as_utf8_or_latin1() {
        assert_eq!(header_text("Zürich".as_bytes()), "Zürich");
        assert_eq!(header_text(b"Z\xfcrich"), "Zürich");
    }
}
