//! XML: a fast response writer (straight into a `Vec<u8>`, escaping with quick-xml) and a
//! small element tree for request bodies, read with quick-xml.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::errors::ApiError;

pub const NS: &str = "http://tableau.com/api";
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Writes XML into a pre-sized buffer. Start tags are written as `open(name)`, then
/// `attr(..)` calls, then `close()` (for `>`) or `empty()` (for `/>`).
pub struct XmlWriter {
    buf: Vec<u8>,
    depth: usize,
}

impl XmlWriter {
    /// A bare writer (no declaration, no envelope).
    pub fn new(capacity: usize) -> XmlWriter {
        XmlWriter {
            buf: Vec::with_capacity(capacity),
            depth: 0,
        }
    }

    /// Starts a `<tsResponse>` document with Tableau's declaration and namespaces.
    /// The schema location names the 3.25 schema (the emulator's default version).
    pub fn response(capacity: usize) -> XmlWriter {
        Self::response_for("3.25", capacity)
    }

    pub fn response_for(version: &str, capacity: usize) -> XmlWriter {
        let mut x = XmlWriter::new(capacity + 320);
        x.raw("<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns=\"");
        x.raw(NS);
        x.raw("\" xmlns:xsi=\"");
        x.raw(XSI);
        x.raw("\" xsi:schemaLocation=\"");
        x.raw(NS);
        x.raw(" https://help.tableau.com/samples/en-us/rest_api/ts-api_");
        x.raw(&version.replace('.', "_"));
        x.raw(".xsd\">");
        x.depth = 1;
        x
    }

    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.buf.extend_from_slice(s.as_bytes());
        self
    }

    pub fn open(&mut self, name: &str) -> &mut Self {
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
        self
    }

    pub fn attr(&mut self, name: &str, value: &str) -> &mut Self {
        self.buf.push(b' ');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, value);
        self.buf.push(b'"');
        self
    }

    pub fn attr_opt(&mut self, name: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.attr(name, v);
        }
        self
    }

    pub fn attr_if(&mut self, cond: bool, name: &str, value: &str) -> &mut Self {
        if cond {
            self.attr(name, value);
        }
        self
    }

    pub fn attr_bool(&mut self, name: &str, value: bool) -> &mut Self {
        self.attr(name, if value { "true" } else { "false" })
    }

    pub fn attr_num(&mut self, name: &str, value: impl std::fmt::Display) -> &mut Self {
        use std::io::Write;
        self.buf.push(b' ');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        let _ = write!(self.buf, "{value}");
        self.buf.push(b'"');
        self
    }

    /// Ends a start tag with `>`.
    pub fn close(&mut self) -> &mut Self {
        self.buf.push(b'>');
        self.depth += 1;
        self
    }

    /// Ends a start tag with `/>`.
    pub fn empty(&mut self) -> &mut Self {
        self.buf.extend_from_slice(b"/>");
        self
    }

    pub fn end(&mut self, name: &str) -> &mut Self {
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
        self.depth = self.depth.saturating_sub(1);
        self
    }

    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.buf, s);
        self
    }

    /// `<name>text</name>`
    pub fn text_element(&mut self, name: &str, text: &str) -> &mut Self {
        self.open(name).close();
        self.text(text);
        self.end(name)
    }

    /// `<pagination pageNumber pageSize totalAvailable/>`
    pub fn pagination(&mut self, page_number: usize, page_size: usize, total: usize) -> &mut Self {
        self.open("pagination")
            .attr_num("pageNumber", page_number)
            .attr_num("pageSize", page_size)
            .attr_num("totalAvailable", total)
            .empty()
    }

    pub fn len(&self) -> usize {
        self.buf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Closes the `<tsResponse>` envelope if one was opened and returns the bytes.
    pub fn finish(mut self) -> Vec<u8> {
        if self.buf.starts_with(b"<?xml") {
            self.buf.extend_from_slice(b"</tsResponse>");
        }
        self.buf
    }

    /// Returns the bytes without closing anything.
    pub fn into_inner(self) -> Vec<u8> {
        self.buf
    }
}

/// Escapes text/attribute content. Uses quick-xml's escaper for the markup characters;
/// characters that XML 1.0 forbids (C0 controls other than tab/newline/CR) are dropped.
pub fn escape_into(buf: &mut Vec<u8>, s: &str) {
    let needs_ctrl = s
        .bytes()
        .any(|b| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r');
    if needs_ctrl {
        let cleaned: String = s
            .chars()
            .filter(|&c| c >= ' ' || c == '\t' || c == '\n' || c == '\r')
            .collect();
        let e = quick_xml::escape::escape(cleaned.as_str());
        buf.extend_from_slice(e.as_bytes());
        return;
    }
    let e = quick_xml::escape::escape(s);
    buf.extend_from_slice(e.as_bytes());
}

/// One element of a request document: local name (namespace prefix dropped), attributes
/// in document order (local names, unescaped values), children and text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// First direct child with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// First descendant (depth-first) with this local name, not including self.
    pub fn find(&self, name: &str) -> Option<&Element> {
        for c in &self.children {
            if c.name == name {
                return Some(c);
            }
            if let Some(f) = c.find(name) {
                return Some(f);
            }
        }
        None
    }
}

/// Limits for request documents.
pub const MAX_DEPTH: usize = 64;
pub const MAX_ELEMENTS: usize = 1_000_000;

/// Parses a request body into an element tree. DTDs are refused; the root may carry the
/// Tableau namespace or none. Errors are `400000` answers.
pub fn parse(bytes: &[u8]) -> Result<Element, ApiError> {
    if std::str::from_utf8(bytes).is_err() {
        return Err(ApiError::bad_request(
            "Payload is either malformed XML or incomplete (invalid UTF-8)",
        ));
    }
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    let mut buf = Vec::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|_| ApiError::malformed_xml())?;
        match ev {
            Event::Start(e) | Event::Empty(e) if root.is_some() => {
                let _ = e;
                return Err(ApiError::malformed_xml());
            }
            Event::Start(e) => {
                count += 1;
                if stack.len() >= MAX_DEPTH || count > MAX_ELEMENTS {
                    return Err(ApiError::bad_request("Request document is too large"));
                }
                stack.push(element_from(&e)?);
            }
            Event::Empty(e) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(ApiError::bad_request("Request document is too large"));
                }
                let el = element_from(&e)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or_else(ApiError::malformed_xml)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let s = t.unescape().map_err(|_| ApiError::malformed_xml())?;
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&s),
                    None => {
                        if !s.trim().is_empty() {
                            return Err(ApiError::malformed_xml());
                        }
                    }
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::DocType(_) => {
                return Err(ApiError::bad_request(
                    "Payload is either malformed XML or incomplete (DTDs are not allowed)",
                ))
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
        buf.clear();
    }
    if !stack.is_empty() {
        return Err(ApiError::malformed_xml());
    }
    root.ok_or_else(ApiError::malformed_xml)
}

fn local(name: &[u8]) -> String {
    let n = match name.iter().rposition(|&c| c == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(n).into_owned()
}

fn element_from(e: &quick_xml::events::BytesStart<'_>) -> Result<Element, ApiError> {
    let mut el = Element {
        name: local(e.name().as_ref()),
        ..Default::default()
    };
    for a in e.attributes() {
        let a = a.map_err(|_| ApiError::malformed_xml())?;
        let key = a.key.as_ref();
        if key == b"xmlns" || key.starts_with(b"xmlns:") {
            continue;
        }
        let v = a.unescape_value().map_err(|_| ApiError::malformed_xml())?;
        el.attrs.push((local(key), v.into_owned()));
    }
    Ok(el)
}

/// Parses a request body that must be `<tsRequest>`; returns the root.
pub fn parse_ts_request(bytes: &[u8]) -> Result<Element, ApiError> {
    let root = parse(bytes)?;
    if root.name != "tsRequest" {
        return Err(ApiError::bad_request(format!(
            "Payload is either malformed XML or incomplete: expected <tsRequest>, found <{}>",
            root.name
        )));
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_envelope() {
        let mut x = XmlWriter::response(64);
        x.open("site")
            .attr("name", "a<&\"'b")
            .attr("id", "1")
            .empty();
        let s = String::from_utf8(x.finish()).unwrap();
        assert!(s.starts_with(
            "<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns=\"http://tableau.com/api\""
        ));
        assert!(s.contains("ts-api_3_25.xsd\">"));
        assert!(
            s.contains("<site name=\"a&lt;&amp;&quot;&apos;b\" id=\"1\"/>"),
            "{s}"
        );
        assert!(s.ends_with("</tsResponse>"));
    }

    #[test]
    fn parses_requests() {
        let e = parse_ts_request(
            br#"<?xml version="1.0"?><tsRequest xmlns="http://tableau.com/api"><credentials name="a" password="p&amp;q"><site contentUrl="" /></credentials></tsRequest>"#,
        )
        .unwrap();
        let c = e.child("credentials").unwrap();
        assert_eq!(c.attr("password"), Some("p&q"));
        assert_eq!(c.child("site").unwrap().attr("contentUrl"), Some(""));
        let e = parse_ts_request(b"<tsRequest><group name=\"&#35430;&#20379;\" /></tsRequest>")
            .unwrap();
        assert_eq!(e.child("group").unwrap().attr("name"), Some("試供"));
        let e = parse_ts_request(
            b"<t:tsRequest xmlns:t=\"http://tableau.com/api\"><t:project/></t:tsRequest>",
        )
        .unwrap();
        assert!(e.child("project").is_some());
    }

    #[test]
    fn rejects_bad_xml() {
        for bad in [
            &b""[..],
            b"<tsRequest>",
            b"<tsRequest></other>",
            b"not xml",
            b"<tsRequest/><tsRequest/>",
            b"<!DOCTYPE x [<!ENTITY a 'b'>]><tsRequest/>",
            b"<tsRequest a=\"\xff\"/>",
            b"<foo/>",
        ] {
            let r = parse_ts_request(bad);
            assert!(r.is_err(), "{:?}", String::from_utf8_lossy(bad));
            assert_eq!(r.unwrap_err().code, 400000);
        }
    }
}
