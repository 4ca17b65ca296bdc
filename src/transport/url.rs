//! URL building: path segments and query values percent-encoded so that names with spaces, commas,
//! colons, brackets and non-ASCII characters reach the server intact, and no segment that a
//! server or proxy would read as a path step (`.`, `..`) ever goes on the wire.

use crate::error::{Error, Result};
use std::fmt::Write;

/// Appends `s` to `out`, percent-encoding every byte outside `keep` and the unreserved set.
fn encode_into(out: &mut String, s: &str, keep: &[u8]) {
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep.contains(&b)
        {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// A URL under construction: a base, path segments, then query pairs.
#[derive(Clone, Debug)]
pub(crate) struct UrlBuilder {
    s: String,
    has_query: bool,
    /// A segment that must not reach the wire (`.` or `..`), refused by `finish`.
    dot_segment: Option<String>,
}

impl UrlBuilder {
    /// Starts from an already valid prefix such as `https://host/api/3.25`.
    pub(crate) fn new(prefix: &str) -> UrlBuilder {
        UrlBuilder {
            s: prefix.trim_end_matches('/').to_string(),
            has_query: false,
            dot_segment: None,
        }
    }

    /// Appends literal path text (trusted, no encoding), e.g. `"sites"` or `"auth/signin"`.
    pub(crate) fn path(mut self, literal: &str) -> UrlBuilder {
        debug_assert!(!self.has_query);
        self.s.push('/');
        self.s.push_str(literal);
        self
    }

    /// Appends one encoded path segment (an id, a name, a content URL).
    pub(crate) fn segment(mut self, value: &str) -> UrlBuilder {
        debug_assert!(!self.has_query);
        if matches!(value, "." | "..") && self.dot_segment.is_none() {
            self.dot_segment = Some(value.to_string());
        }
        self.s.push('/');
        encode_into(&mut self.s, value, b":@");
        self
    }

    /// Appends `key=value`, both encoded.
    pub(crate) fn query(mut self, key: &str, value: &str) -> UrlBuilder {
        self.s.push(if self.has_query { '&' } else { '?' });
        self.has_query = true;
        encode_into(&mut self.s, key, b"");
        self.s.push('=');
        encode_into(&mut self.s, value, b"");
        self
    }

    /// The URL as text, for messages (see `finish` for the one to send).
    pub(crate) fn build(self) -> String {
        self.s
    }

    /// The URL to send: refused when an id or name (the caller's or the server's) was `.` or
    /// `..`, which a server or proxy normalising the path would turn into another resource
    /// (`DELETE .../projects/..` deleting the site).
    pub(crate) fn finish(self) -> Result<String> {
        match self.dot_segment {
            Some(seg) => Err(Error::invalid(format!(
                "'{seg}' cannot be an id or name in a request: a server or proxy would read it as \
                 a step up or along the URL path and act on another item; pass the item's real id"
            ))),
            None => Ok(self.s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_never_reach_the_wire() {
        for bad in [".", ".."] {
            let e = UrlBuilder::new("http://h/api/3.25/sites/s/projects")
                .segment(bad)
                .finish()
                .unwrap_err();
            assert_eq!(e.status(), crate::error::Status::InvalidArgument);
            assert!(e.to_string().contains(&format!("'{bad}'")), "{e}");
        }
        // Dots inside a value are ordinary characters.
        let ok = UrlBuilder::new("http://h")
            .segment("...")
            .segment("a.b")
            .segment(".x");
        assert_eq!(ok.finish().unwrap(), "http://h/.../a.b/.x");
    }

    #[test]
    fn encodes_segments_and_queries() {
        let u = UrlBuilder::new("http://h/api/3.25/")
            .path("sites")
            .segment("My Site/ś")
            .query("filter", "name:in:[a b,c]")
            .query("pageSize", "10")
            .build();
        assert_eq!(
            u,
            "http://h/api/3.25/sites/My%20Site%2F%C5%9B?filter=name%3Ain%3A%5Ba%20b%2Cc%5D&pageSize=10"
        );
        let u = UrlBuilder::new("http://h").segment("7720:abc-1:0").build();
        assert_eq!(u, "http://h/7720:abc-1:0");
    }
}
