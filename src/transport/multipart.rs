//! `multipart/mixed` bodies as Tableau expects them for publishing and upload-session appends:
//! a `request_payload` part (XML, possibly empty) and optionally one file part, in the shape the
//! Python client sends (urllib3's form-data headers under a `multipart/mixed` content type, an
//! unquoted boundary, CRLF line ends). The file part is never buffered: [`Multipart::head`] and
//! [`Multipart::tail`] are small byte strings the caller chains around a streamed file, and the
//! exact Content-Length is known up front.

/// One multipart body's framing.
pub(crate) struct Multipart {
    boundary: String,
}

impl Multipart {
    /// Framing with a fresh random 32-hex-digit boundary.
    pub(crate) fn new() -> Multipart {
        let mut bytes = [0u8; 16];
        if getrandom::fill(&mut bytes).is_err() {
            // No OS randomness: fall back to the clock and a counter (uniqueness is all we need).
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            bytes = (t ^ u128::from(std::process::id()) << 64).to_le_bytes();
        }
        Multipart {
            boundary: bytes.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }

    /// `multipart/mixed; boundary=...` (unquoted, as Tableau requires).
    pub(crate) fn content_type(&self) -> String {
        format!("multipart/mixed; boundary={}", self.boundary)
    }

    /// Everything before the file bytes: the XML part, then the file part's headers. Without a
    /// file part (`file == None`) this is the whole body except [`tail`](Self::tail).
    pub(crate) fn head(&self, xml: &[u8], file: Option<(&str, &str)>) -> Vec<u8> {
        let b = &self.boundary;
        let mut out = Vec::with_capacity(xml.len() + 400);
        out.extend_from_slice(
            format!(
                "--{b}\r\nContent-Disposition: form-data; name=\"request_payload\"; filename=\"\"\r\nContent-Type: text/xml\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(xml);
        if let Some((part, file_name)) = file {
            out.extend_from_slice(
                format!(
                    "\r\n--{b}\r\nContent-Disposition: form-data; name=\"{part}\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                    header_param(file_name)
                )
                .as_bytes(),
            );
        }
        out
    }

    /// Everything after the file bytes (or after the XML part when there is no file).
    pub(crate) fn tail(&self) -> Vec<u8> {
        format!("\r\n--{}--\r\n", self.boundary).into_bytes()
    }

    /// The whole body of a multipart without a file part.
    pub(crate) fn xml_only(&self, xml: &[u8]) -> Vec<u8> {
        let mut v = self.head(xml, None);
        v.extend_from_slice(&self.tail());
        v
    }
}

/// A quoted header parameter value: `"`, CR, LF and other control characters percent-encoded
/// (the HTML5 form-data rule urllib3 follows); non-ASCII stays UTF-8.
fn header_param(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if c == '"' || c == '%' || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
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
    fn shape_matches_the_python_client() {
        let m = Multipart::new();
        assert_eq!(m.boundary.len(), 32);
        assert!(m.boundary.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(m.boundary, Multipart::new().boundary);
        let b = m.boundary.clone();
        let mut body = m.head(
            b"<tsRequest/>",
            Some(("tableau_workbook", "Sales \"Q1\".twbx")),
        );
        body.extend_from_slice(b"FILE");
        body.extend_from_slice(&m.tail());
        let expect = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"request_payload\"; filename=\"\"\r\nContent-Type: text/xml\r\n\r\n<tsRequest/>\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tableau_workbook\"; filename=\"Sales %22Q1%22.twbx\"\r\nContent-Type: application/octet-stream\r\n\r\nFILE\r\n--{b}--\r\n"
        );
        assert_eq!(String::from_utf8(body).unwrap(), expect);
        assert_eq!(m.content_type(), format!("multipart/mixed; boundary={b}"));
        let only = String::from_utf8(m.xml_only(b"")).unwrap();
        assert_eq!(
            only,
            format!("--{b}\r\nContent-Disposition: form-data; name=\"request_payload\"; filename=\"\"\r\nContent-Type: text/xml\r\n\r\n\r\n--{b}--\r\n")
        );
    }

    #[test]
    fn header_params_cannot_break_out() {
        assert_eq!(header_param("a\r\nb\"c%ś"), "a%0D%0Ab%22c%25ś");
    }
}
