//! The XML sink: writes straight into a pre-sized buffer, escaping with quick-xml.

use crate::xml::{NS, XSI};

pub struct XmlSink {
    buf: Vec<u8>,
}

impl XmlSink {
    /// Starts a `<tsResponse>` document with Tableau's declaration and namespaces, naming the
    /// `version` schema.
    pub fn response(version: &str, capacity: usize) -> XmlSink {
        let mut x = XmlSink {
            buf: Vec::with_capacity(capacity + 320),
        };
        x.raw("<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns=\"");
        x.raw(NS);
        x.raw("\" xmlns:xsi=\"");
        x.raw(XSI);
        x.raw("\" xsi:schemaLocation=\"");
        x.raw(NS);
        x.raw(" https://help.tableau.com/samples/en-us/rest_api/ts-api_");
        x.raw(&version.replace('.', "_"));
        x.raw(".xsd\">");
        x
    }

    fn raw(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    pub fn open(&mut self, name: &str) {
        self.buf.push(b'<');
        self.raw(name);
    }

    pub fn attr(&mut self, name: &str, value: &str) {
        self.buf.push(b' ');
        self.raw(name);
        self.buf.extend_from_slice(b"=\"");
        escape_into(&mut self.buf, value);
        self.buf.push(b'"');
    }

    pub fn close(&mut self) {
        self.buf.push(b'>');
    }

    pub fn empty(&mut self) {
        self.buf.extend_from_slice(b"/>");
    }

    pub fn end(&mut self, name: &str) {
        self.buf.extend_from_slice(b"</");
        self.raw(name);
        self.buf.push(b'>');
    }

    pub fn text(&mut self, s: &str) {
        escape_into(&mut self.buf, s);
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.raw("</tsResponse>");
        self.buf
    }
}

/// `s` escaped as [`escape_into`] does, as a string (for the `.xlsx` and SVG writers).
pub(crate) fn escaped(s: &str) -> String {
    let mut buf = Vec::with_capacity(s.len());
    escape_into(&mut buf, s);
    String::from_utf8(buf).expect("escaping keeps UTF-8")
}

/// Escapes text/attribute content. Uses quick-xml's escaper for the markup characters;
/// characters that XML 1.0 forbids (C0 controls other than tab/newline/CR) are dropped. Also
/// what the `.xlsx` writer escapes its parts with.
pub(crate) fn escape_into(buf: &mut Vec<u8>, s: &str) {
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

#[cfg(test)]
mod tests {
    use crate::reply::ReplyWriter;

    #[test]
    fn writes_envelope() {
        let mut x = ReplyWriter::response(64);
        x.open("site")
            .attr("name", "a<&\"'b\u{1}")
            .attr("id", "1")
            .empty();
        let s = String::from_utf8(x.finish()).unwrap();
        assert!(s.starts_with(
            "<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns=\"http://tableau.com/api\""
        ));
        assert!(s.contains("ts-api_3_29.xsd\">"));
        assert!(
            s.contains("<site name=\"a&lt;&amp;&quot;&apos;b\" id=\"1\"/>"),
            "{s}"
        );
        assert!(s.ends_with("</tsResponse>"));
    }
}
