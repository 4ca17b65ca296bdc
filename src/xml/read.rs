//! Reading Tableau replies: classify the bytes (not XML / malformed / DTD), check the `<tsResponse>`
//! root, and give element helpers that match by local name (both Tableau namespaces are accepted).

use crate::error::{Error, Result, Status};

/// A parsed reply: owns nothing, borrows the body text.
pub(crate) struct Reply<'a> {
    doc: roxmltree::Document<'a>,
}

impl<'a> Reply<'a> {
    /// The `<tsResponse>` root element.
    pub(crate) fn root(&self) -> roxmltree::Node<'a, '_> {
        self.doc.root_element()
    }

    /// The first direct child of `<tsResponse>` named `name`, or a protocol error naming it.
    pub(crate) fn expect(&self, name: &str, call: &str) -> Result<roxmltree::Node<'a, '_>> {
        child(self.root(), name).ok_or_else(|| missing(name, call))
    }
}

/// A protocol error for a reply that lacks the element `name`.
pub(crate) fn missing(name: &str, call: &str) -> Error {
    Error::new(
        Status::Protocol,
        format!(
            "{}: the reply has no <{name}> element",
            crate::error::echo(call)
        ),
    )
}

/// Parses a reply body into a document whose root is `<tsResponse>`.
pub(crate) fn parse_reply<'a>(body: &'a [u8], call: &str) -> Result<Reply<'a>> {
    let call = &*crate::error::echo(call);
    let text = classify(body, call)?;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts).map_err(|e| match e {
        roxmltree::Error::DtdDetected => Error::new(
            Status::XmlDtd,
            format!("{call}: the reply contains a DTD, which libtsc refuses for safety"),
        ),
        other => Error::new(
            Status::MalformedXml,
            format!("{call}: the reply is malformed XML ({other})"),
        ),
    })?;
    let root = doc.root_element().tag_name().name();
    if root != "tsResponse" {
        return Err(Error::new(
            Status::Protocol,
            format!("{call}: the reply's root element is <{root}>, not <tsResponse>"),
        ));
    }
    Ok(Reply { doc })
}

/// Checks that the body looks like XML and is UTF-8; returns it as text, without a leading BOM
/// or whitespace.
fn classify<'a>(body: &'a [u8], call: &str) -> Result<&'a str> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    let not_xml = |what: &str| {
        Error::new(
            Status::NotXml,
            format!("{call}: the reply is not XML ({what}{})", snippet(body)),
        )
    };
    let Some(start) = start else {
        return Err(not_xml("empty body"));
    };
    let head = &body[start..];
    if head[0] != b'<' {
        return Err(not_xml("it starts with "));
    }
    let lower: Vec<u8> = head
        .iter()
        .take(15)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if lower.starts_with(b"<html") || lower.starts_with(b"<!doctype html") {
        return Err(not_xml("an HTML page: "));
    }
    std::str::from_utf8(head).map_err(|e| {
        Error::new(
            Status::MalformedXml,
            format!("{call}: the reply is not valid UTF-8 ({e})"),
        )
    })
}

/// The start of a body, printable, for messages.
fn snippet(body: &[u8]) -> String {
    let s: String = String::from_utf8_lossy(&body[..body.len().min(60)])
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("\"{}\"", crate::error::redact(s.trim()))
}

/// The first direct child element of `node` with local name `name`.
pub(crate) fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The direct child elements of `node` with local name `name`.
pub(crate) fn children<'a, 'i, 'n>(
    node: roxmltree::Node<'a, 'i>,
    name: &'n str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'n
where
    'a: 'n,
    'i: 'n,
{
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(body: &[u8]) -> Status {
        match parse_reply(body, "test") {
            Ok(_) => Status::Ok,
            Err(e) => e.status(),
        }
    }

    #[test]
    fn classifies_bad_replies() {
        assert_eq!(
            status(b"<tsResponse xmlns='http://tableau.com/api'/>"),
            Status::Ok
        );
        assert_eq!(
            status(b"\xEF\xBB\xBF  <?xml version='1.0'?><tsResponse/>"),
            Status::Ok
        );
        assert_eq!(status(b""), Status::NotXml);
        assert_eq!(status(b"{\"error\":1}"), Status::NotXml);
        assert_eq!(status(b"<!DOCTYPE html><html></html>"), Status::NotXml);
        assert_eq!(
            status(b"<tsResponse><a></tsResponse>"),
            Status::MalformedXml
        );
        assert_eq!(
            status(b"<tsResponse>\xff</tsResponse>"),
            Status::MalformedXml
        );
        assert_eq!(
            status(
                b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><tsResponse>&a;</tsResponse>"
            ),
            Status::XmlDtd
        );
        assert_eq!(status(b"<other/>"), Status::Protocol);
    }

    #[test]
    fn finds_children_by_local_name_in_either_namespace() {
        for ns in ["http://tableau.com/api", "http://tableausoftware.com/api"] {
            let body =
                format!("<tsResponse xmlns='{ns}'><site id='1'/><site id='2'/></tsResponse>");
            let r = parse_reply(body.as_bytes(), "t").unwrap();
            assert_eq!(children(r.root(), "site").count(), 2);
            assert_eq!(r.expect("site", "t").unwrap().attribute("id"), Some("1"));
            assert_eq!(
                r.expect("project", "t").unwrap_err().status(),
                Status::Protocol
            );
        }
    }
}
