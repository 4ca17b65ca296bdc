//! XML request bodies: a small element tree, read with quick-xml (replies are written by
//! `reply`). Also the namespaces both use.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::errors::ApiError;

pub const NS: &str = "http://tableau.com/api";
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

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
