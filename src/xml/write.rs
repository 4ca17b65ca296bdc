//! Writing `<tsRequest>` bodies: compact XML, attributes fully escaped (xmlwriter itself escapes
//! only quotes), characters XML 1.0 cannot carry refused before anything is sent.

use crate::error::{Error, Result};
use xmlwriter::{Indent, Options, XmlWriter};

/// Builds one `<tsRequest>` document.
pub(crate) struct RequestWriter {
    w: XmlWriter,
}

/// An open element inside a [`RequestWriter`]: attributes first, then children.
pub(crate) struct Element<'w> {
    w: &'w mut XmlWriter,
}

impl RequestWriter {
    /// Starts `<tsRequest>`.
    pub(crate) fn new() -> RequestWriter {
        let mut w = XmlWriter::new(Options {
            use_single_quote: false,
            indent: Indent::None,
            attributes_indent: Indent::None,
        });
        w.start_element("tsRequest");
        RequestWriter { w }
    }

    /// Writes one child element of `<tsRequest>` through `f`.
    pub(crate) fn element(
        mut self,
        name: &str,
        f: impl FnOnce(&mut Element<'_>) -> Result<()>,
    ) -> Result<RequestWriter> {
        self.w.start_element(name);
        f(&mut Element { w: &mut self.w })?;
        self.w.end_element();
        Ok(self)
    }

    /// The finished document bytes.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.w.end_document().into_bytes()
    }
}

impl Element<'_> {
    /// Writes `name="value"` with `&`, `<`, `>`, `"` and tab/newline/CR escaped.
    pub(crate) fn attr(&mut self, name: &str, value: &str) -> Result<&mut Self> {
        check_xml_chars(name, value)?;
        self.w
            .write_attribute_raw(name, |buf| escape_into(value, buf));
        Ok(self)
    }

    /// Writes the attribute when the value is present.
    pub(crate) fn opt_attr(&mut self, name: &str, value: Option<&str>) -> Result<&mut Self> {
        match value {
            Some(v) => self.attr(name, v),
            None => Ok(self),
        }
    }

    /// Writes `name="true|false"` when the value is present.
    pub(crate) fn opt_bool(&mut self, name: &str, value: Option<bool>) -> Result<&mut Self> {
        self.opt_attr(name, value.map(|b| if b { "true" } else { "false" }))
    }

    /// Writes an integer attribute when the value is present.
    pub(crate) fn opt_int(&mut self, name: &str, value: Option<i64>) -> Result<&mut Self> {
        match value {
            Some(v) => self.attr(name, &v.to_string()),
            None => Ok(self),
        }
    }

    /// Writes `value` as the element's text, escaped (`&`, `<`, `>`, and CR, which parsers would
    /// turn into LF). Call after the attributes.
    #[allow(dead_code)] // no model of the table writes element text yet (the generator's fixture does)
    pub(crate) fn text(&mut self, value: &str) -> Result<&mut Self> {
        check_xml_chars("text", value)?;
        let mut escaped = String::with_capacity(value.len());
        for c in value.chars() {
            match c {
                '&' => escaped.push_str("&amp;"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                '\r' => escaped.push_str("&#13;"),
                c => escaped.push(c),
            }
        }
        // xmlwriter escapes only `<`, and the escaped text has none left.
        self.w.write_text(&escaped);
        Ok(self)
    }

    /// Writes a child element through `f`.
    pub(crate) fn child(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut Element<'_>) -> Result<()>,
    ) -> Result<&mut Self> {
        self.w.start_element(name);
        f(&mut Element { w: self.w })?;
        self.w.end_element();
        Ok(self)
    }
}

/// Refuses characters that XML 1.0 cannot represent (other control characters).
fn check_xml_chars(name: &str, value: &str) -> Result<()> {
    match value
        .chars()
        .find(|c| (*c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    {
        Some(c) => Err(Error::invalid(format!(
            "the value for '{name}' contains the control character U+{:04X}, which XML cannot carry",
            c as u32
        ))),
        None => Ok(()),
    }
}

fn escape_into(value: &str, buf: &mut Vec<u8>) {
    for c in value.chars() {
        match c {
            '&' => buf.extend_from_slice(b"&amp;"),
            '<' => buf.extend_from_slice(b"&lt;"),
            '>' => buf.extend_from_slice(b"&gt;"),
            '"' => buf.extend_from_slice(b"&quot;"),
            '\t' => buf.extend_from_slice(b"&#9;"),
            '\n' => buf.extend_from_slice(b"&#10;"),
            '\r' => buf.extend_from_slice(b"&#13;"),
            c => {
                let mut tmp = [0u8; 4];
                buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_and_round_trips() {
        let nasty = "a&b<c>\"d'\te\nf ś";
        let body = RequestWriter::new()
            .element("site", |e| {
                e.attr("name", nasty)?
                    .opt_attr("contentUrl", None)?
                    .opt_bool("x", Some(true))?;
                e.child("owner", |o| o.attr("id", "1").map(|_| ()))?;
                Ok(())
            })
            .unwrap()
            .finish();
        let text = String::from_utf8(body).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let site = doc.root_element().first_element_child().unwrap();
        assert_eq!(site.attribute("name"), Some(nasty));
        assert_eq!(site.attribute("x"), Some("true"));
        assert_eq!(site.attribute("contentUrl"), None);
        assert_eq!(
            site.first_element_child().unwrap().attribute("id"),
            Some("1")
        );
    }

    #[test]
    fn refuses_unrepresentable_characters() {
        let r = RequestWriter::new().element("site", |e| e.attr("name", "a\u{1}b").map(|_| ()));
        assert!(r.is_err());
        assert_eq!(
            String::from_utf8(RequestWriter::new().finish()).unwrap(),
            "<tsRequest/>"
        );
    }
}
