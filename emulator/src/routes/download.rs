//! Binary answers shared by the content families: content downloads streamed from disk
//! (with Tableau's `Content-Disposition`) and preview PNGs.
//!
//! A download opens the stored file while the state lock is held (so a concurrent overwrite
//! or delete cannot pull it away; on Unix an open file survives its unlinking) and the bytes
//! are copied to the socket after the handler returns, with `sendfile(2)` (`http::send_file`).
//! Stored files are never modified (an overwrite writes a new file), which is what makes
//! sendfile safe here.

use std::fs::File;

use crate::errors::ApiError;
use crate::http::Response;

/// How a download names its file in `Content-Disposition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Disposition {
    /// `name="tableau_workbook"; filename="Sales.twbx"` (the file name as UTF-8 between
    /// quotes, `"` and `\` escaped): what Tableau Server sent before 2023.1.7.
    Plain = 0,
    /// `name="tableau_workbook"; filename*=UTF-8''Sales%20Q1.twbx` (RFC 5987/6266): what
    /// Tableau Server 2023.1.7 and later send.
    Rfc5987 = 1,
    /// No `Content-Disposition` header at all (seen once from a 2023.1.7 flow download).
    Omitted = 2,
}

impl Disposition {
    /// `plain`, `rfc5987` or `none`.
    pub fn parse(s: &str) -> Option<Disposition> {
        match s.to_ascii_lowercase().as_str() {
            "plain" | "quoted" => Some(Disposition::Plain),
            "rfc5987" | "rfc6266" | "utf8" => Some(Disposition::Rfc5987),
            "none" | "omit" | "omitted" => Some(Disposition::Omitted),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Plain => "plain",
            Disposition::Rfc5987 => "rfc5987",
            Disposition::Omitted => "none",
        }
    }

    pub fn from_u8(v: u8) -> Disposition {
        match v {
            1 => Disposition::Rfc5987,
            2 => Disposition::Omitted,
            _ => Disposition::Plain,
        }
    }

    /// The header value for a part `name` (`tableau_workbook`) and a file name, or `None`
    /// when the header is to be omitted.
    pub fn header(self, part: &str, filename: &str) -> Option<String> {
        match self {
            Disposition::Plain => {
                let mut q = String::with_capacity(filename.len());
                for c in filename.chars() {
                    match c {
                        '"' | '\\' => {
                            q.push('\\');
                            q.push(c);
                        }
                        // Header values cannot carry line breaks or other controls.
                        c if c.is_control() => q.push('_'),
                        c => q.push(c),
                    }
                }
                Some(format!("name=\"{part}\"; filename=\"{q}\""))
            }
            Disposition::Rfc5987 => Some(format!(
                "name=\"{part}\"; filename*=UTF-8''{}",
                rfc5987_encode(filename)
            )),
            Disposition::Omitted => None,
        }
    }
}

/// Percent-encodes everything but RFC 5987 `attr-char`s.
pub fn rfc5987_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The MIME type of a content file by extension.
pub fn content_type_for(ext: &str) -> &'static str {
    match ext {
        "twb" | "tds" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// A stored file as a streamed 200 answer with `Content-Disposition`. The file must have
/// been opened under the state lock (see the module comment).
pub fn file_answer(
    file: File,
    len: u64,
    ext: &str,
    part: &str,
    filename: &str,
    disposition: Disposition,
) -> Response {
    let r = Response::file(200, content_type_for(ext), file, len);
    match disposition.header(part, filename) {
        Some(h) => r.with_header("Content-Disposition", h),
        None => r,
    }
}

/// Opens a stored content file and returns it with its length (500 if it vanished from disk).
pub fn open_stored(path: &std::path::Path) -> Result<(File, u64), ApiError> {
    let f = File::open(path).map_err(|e| {
        ApiError::internal(format!("The stored content file could not be opened: {e}"))
    })?;
    let len = f
        .metadata()
        .map_err(|e| ApiError::internal(format!("The stored content file is unreadable: {e}")))?
        .len();
    Ok((f, len))
}

/// The answer to `GET …/{id}/content`: the stored file of a content item, streamed, named in
/// `Content-Disposition` as the server's setting says.
pub fn stored(
    ctx: &crate::router::Ctx,
    part: &str,
    path: &std::path::Path,
    ext: &str,
    filename: &str,
) -> Result<Response, ApiError> {
    let (file, len) = open_stored(path)?;
    Ok(file_answer(
        file,
        len,
        ext,
        part,
        filename,
        ctx.shared.disposition(),
    ))
}

/// Width and height of preview images (Tableau's thumbnails are small, 4:3).
pub const PREVIEW_SIZE: (u32, u32) = (400, 300);

/// A preview image: a real PNG, deterministic for `seed`.
pub fn preview_answer(seed: &str) -> Response {
    let png = crate::content::preview_png(seed, PREVIEW_SIZE.0, PREVIEW_SIZE.1);
    Response::bytes(200, "image/png", png)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(
            Disposition::Plain
                .header("tableau_workbook", "Sales \"Q1\".twbx")
                .unwrap(),
            "name=\"tableau_workbook\"; filename=\"Sales \\\"Q1\\\".twbx\""
        );
        assert_eq!(
            Disposition::Rfc5987
                .header("tableau_datasource", "Projeśt x.tdsx")
                .unwrap(),
            "name=\"tableau_datasource\"; filename*=UTF-8''Proje%C5%9Bt%20x.tdsx"
        );
        assert!(Disposition::Omitted.header("a", "b").is_none());
        for d in [
            Disposition::Plain,
            Disposition::Rfc5987,
            Disposition::Omitted,
        ] {
            assert_eq!(Disposition::parse(d.as_str()), Some(d));
            assert_eq!(Disposition::from_u8(d as u8), d);
        }
    }
}
