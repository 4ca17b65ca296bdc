//! What a publish sends: the file [`Source`] (a path, or a caller's reader of known size) and the
//! streamed `multipart/mixed` body built around it. The file bytes go from the source to the
//! socket through ureq's buffers without ever being collected in memory, counted by a
//! [`Tracker`] (progress, cancel), and the body's exact length is known before the first byte is
//! sent. An upload session reads its chunks one after the other from the same source.

use crate::error::{Error, Result, Status};
use crate::transport::multipart::Multipart;
use crate::transport::progress::{TrackedReader, Tracker};
use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

/// The file a publish sends.
pub enum Source<'a> {
    /// A file on disk; its name gives the file type (`.twbx`, `.hyper`, ...).
    Path(&'a Path),
    /// Exactly `size` bytes read from `reader`; `file_name` (e.g. `"Sales.twbx"`) gives the type
    /// and the name announced to the server.
    Reader {
        /// Where the bytes come from (read sequentially, once).
        reader: &'a mut dyn Read,
        /// How many bytes it yields.
        size: u64,
        /// The file's name, with its extension.
        file_name: &'a str,
    },
}

/// An opened [`Source`].
pub(crate) struct OpenSource<'a> {
    pub reader: Box<dyn Read + 'a>,
    pub size: u64,
    /// The name sent in the file part (a path's last component).
    pub file_name: String,
    /// "the file /x/y.twbx" or "the read callback", for messages.
    pub what: String,
}

impl<'a> Source<'a> {
    /// Opens the file (or takes the reader); fails with `Status::File` if the path does not
    /// lead to a readable regular file.
    pub(crate) fn open(self) -> Result<OpenSource<'a>> {
        match self {
            Source::Path(path) => {
                let missing = || {
                    Error::new(
                        Status::File,
                        format!(
                            "File path does not lead to an existing file: {}",
                            path.display()
                        ),
                    )
                };
                let meta = std::fs::metadata(path).map_err(|_| missing())?;
                if !meta.is_file() {
                    return Err(missing());
                }
                let file = File::open(path).map_err(|e| {
                    Error::new(
                        Status::File,
                        format!(
                            "cannot open {}: {e}",
                            crate::error::echo(&path.display().to_string())
                        ),
                    )
                })?;
                let file_name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Ok(OpenSource {
                    reader: Box::new(file),
                    size: meta.len(),
                    file_name,
                    what: format!(
                        "the file {}",
                        crate::error::echo(&path.display().to_string())
                    ),
                })
            }
            Source::Reader {
                reader,
                size,
                file_name,
            } => {
                if file_name.trim().is_empty() || file_name.contains(['/', '\\']) {
                    return Err(Error::invalid(format!(
                        "'{file_name}' is not a file name: give a name with its extension, such as \"Sales.twbx\""
                    )));
                }
                Ok(OpenSource {
                    reader: Box::new(reader),
                    size,
                    file_name: file_name.to_string(),
                    what: "the read callback".into(),
                })
            }
        }
    }
}

/// Framing, file part, framing.
type Framed<'t, 'o, 'a, R> =
    std::io::Chain<Cursor<Vec<u8>>, std::io::Chain<TrackedReader<'t, 'o, 'a, R>, Cursor<Vec<u8>>>>;

/// A streamed multipart body: small framing around `len` bytes of a tracked file part.
pub(crate) struct UploadBody<'t, 'o, 'a, R: Read> {
    reader: Framed<'t, 'o, 'a, R>,
    len: u64,
    content_type: String,
}

impl<'t, 'o, 'a, R: Read> UploadBody<'t, 'o, 'a, R> {
    /// `xml` as the `request_payload` part, then `len` bytes of `file` as the part `part` named
    /// `file_name`.
    pub(crate) fn new(
        xml: &[u8],
        part: &str,
        file_name: &str,
        file: R,
        len: u64,
        what: &'t str,
        tracker: &'t mut Tracker<'o, 'a>,
    ) -> Self {
        let m = Multipart::new();
        let head = m.head(xml, Some((part, file_name)));
        let tail = m.tail();
        let total = head.len() as u64 + len + tail.len() as u64;
        UploadBody {
            reader: Cursor::new(head)
                .chain(TrackedReader::new(file, len, what, tracker).chain(Cursor::new(tail))),
            len: total,
            content_type: m.content_type(),
        }
    }

    /// The exact Content-Length.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// The Content-Type header value.
    pub(crate) fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The body, to stream.
    pub(crate) fn reader(&mut self) -> &mut dyn Read {
        &mut self.reader
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::progress::TransferOptions;

    #[test]
    fn body_length_is_exact_and_file_bytes_are_counted() {
        let mut opts = TransferOptions::new();
        let mut t = Tracker::new(&mut opts, Some(4));
        let mut b = UploadBody::new(
            b"<x/>",
            "tableau_file",
            "file",
            &b"DATAextra"[..],
            4,
            "data",
            &mut t,
        );
        let mut all = Vec::new();
        b.reader().read_to_end(&mut all).unwrap();
        assert_eq!(all.len() as u64, b.len());
        assert!(b.content_type().starts_with("multipart/mixed; boundary="));
        let text = String::from_utf8(all).unwrap();
        assert!(text.contains("\r\n\r\nDATA\r\n--"));
        assert!(!text.contains("extra"));
        drop(b);
        assert_eq!(t.done(), 4);
    }

    #[test]
    fn missing_files_and_bad_names_are_refused() {
        let e = Source::Path(Path::new("/nonexistent/x.twbx"))
            .open()
            .err()
            .unwrap();
        assert_eq!(e.status(), Status::File);
        assert!(e
            .message()
            .starts_with("File path does not lead to an existing file"));
        let e = Source::Path(Path::new("/")).open().err().unwrap();
        assert_eq!(e.status(), Status::File);
        let mut r = &b""[..];
        let e = Source::Reader {
            reader: &mut r,
            size: 0,
            file_name: "../x.twbx",
        }
        .open()
        .err()
        .unwrap();
        assert_eq!(e.status(), Status::InvalidArgument);
    }
}
