//! URL building: path segments and query values percent-encoded so that names with spaces, commas,
//! colons, brackets and non-ASCII characters reach the server intact.

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
}

impl UrlBuilder {
    /// Starts from an already valid prefix such as `https://host/api/3.25`.
    pub(crate) fn new(prefix: &str) -> UrlBuilder {
        UrlBuilder {
            s: prefix.trim_end_matches('/').to_string(),
            has_query: false,
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

    /// The finished URL.
    pub(crate) fn build(self) -> String {
        self.s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
