//! Replies: one writer for every answer document, written once by the handler and rendered
//! as Tableau's XML (`<tsResponse>…</tsResponse>`) or as Tableau's JSON
//! (`{"pagination":{…},"projects":{"project":[…]}}`), whichever the request asked for.
//!
//! A reply is described as elements with attributes, children and text:
//! `x.open("project").attr("id", id).close(); …children…; x.end("project")` (or `.empty()` for
//! an element without children). `xml` writes that straight out; `json` maps it the way
//! Tableau Server does (see its module doc), with `lists` deciding which elements are list
//! members. Neither sink knows any resource, so XML and JSON cannot drift apart.

mod json;
pub mod lists;
mod xml;

pub(crate) use xml::escaped;

use crate::http::Response;

/// The format of a reply: what the request's `Accept` header asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Xml,
    Json,
}

pub const XML_CT: &str = "application/xml;charset=utf-8";
pub const JSON_CT: &str = "application/json;charset=utf-8";

impl Format {
    /// The format an `Accept` header asks for: JSON when `application/json` is acceptable
    /// and preferred over XML (by quality, then by order), XML otherwise (also when absent).
    pub fn from_accept(accept: Option<&str>) -> Format {
        let Some(accept) = accept else {
            return Format::Xml;
        };
        let mut best: Option<(f32, Format)> = None;
        for range in accept.split(',') {
            let mut parts = range.split(';');
            let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|v| v.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let format = match media.as_str() {
                "application/json" => Format::Json,
                "application/xml" | "text/xml" | "*/*" | "application/*" => Format::Xml,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, format));
            }
        }
        best.map(|(_, f)| f).unwrap_or(Format::Xml)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xml => XML_CT,
            Format::Json => JSON_CT,
        }
    }
}

enum Sink {
    Xml(xml::XmlSink),
    Json(json::JsonSink),
}

/// Writes one reply document. Start tags are `open(name)`, then `attr(..)` calls, then
/// `close()` (children follow, ended by `end(name)`) or `empty()` (no children).
pub struct ReplyWriter {
    sink: Sink,
    /// The address the reply is served under (`http://host:port`), for web page addresses.
    web_base: String,
    /// Where `attr_num` formats its numbers (reused, so listings do not allocate per number).
    scratch: String,
}

impl ReplyWriter {
    /// A `<tsResponse>` document in the 3.29 schema (the emulator's default version), as XML.
    pub fn response(capacity: usize) -> ReplyWriter {
        Self::response_for("3.29", Format::Xml, capacity)
    }

    /// A reply document: in XML, `<tsResponse>` with Tableau's declaration and namespaces,
    /// naming the `version` schema; in JSON, the top-level object.
    pub fn response_for(version: &str, format: Format, capacity: usize) -> ReplyWriter {
        let sink = match format {
            Format::Xml => Sink::Xml(xml::XmlSink::response(version, capacity)),
            Format::Json => Sink::Json(json::JsonSink::new(capacity)),
        };
        ReplyWriter {
            sink,
            web_base: String::new(),
            scratch: String::new(),
        }
    }

    /// Web page addresses (`attr_webpage`) start with `base` (`http://host:port`).
    pub fn with_web_base(mut self, base: String) -> ReplyWriter {
        self.web_base = base;
        self
    }

    /// An attribute holding the address of a page of the web UI: the reply's web base, then
    /// `fragment` (`#/site/s/workbooks/3`).
    pub fn attr_webpage(&mut self, name: &str, fragment: &str) -> &mut Self {
        let url = format!("{}/{fragment}", self.web_base);
        self.attr(name, &url)
    }

    pub fn format(&self) -> Format {
        match self.sink {
            Sink::Xml(_) => Format::Xml,
            Sink::Json(_) => Format::Json,
        }
    }

    pub fn open(&mut self, name: &str) -> &mut Self {
        match &mut self.sink {
            Sink::Xml(s) => s.open(name),
            Sink::Json(s) => s.open(name),
        }
        self
    }

    pub fn attr(&mut self, name: &str, value: &str) -> &mut Self {
        match &mut self.sink {
            Sink::Xml(s) => s.attr(name, value),
            Sink::Json(s) => s.attr(name, value),
        }
        self
    }

    pub fn attr_opt(&mut self, name: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.attr(name, v);
        }
        self
    }

    pub fn attr_bool(&mut self, name: &str, value: bool) -> &mut Self {
        self.attr(name, if value { "true" } else { "false" })
    }

    pub fn attr_num(&mut self, name: &str, value: impl std::fmt::Display) -> &mut Self {
        use std::fmt::Write;
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        let _ = write!(text, "{value}");
        self.attr(name, &text);
        self.scratch = text;
        self
    }

    /// Ends a start tag; children (or text) follow, then `end(name)`.
    pub fn close(&mut self) -> &mut Self {
        if let Sink::Xml(s) = &mut self.sink {
            s.close();
        }
        self
    }

    /// Ends an element that has no children.
    pub fn empty(&mut self) -> &mut Self {
        match &mut self.sink {
            Sink::Xml(s) => s.empty(),
            Sink::Json(s) => s.end(),
        }
        self
    }

    pub fn end(&mut self, name: &str) -> &mut Self {
        match &mut self.sink {
            Sink::Xml(s) => s.end(name),
            Sink::Json(s) => s.end(),
        }
        self
    }

    /// Text content of the element just closed with `close()`.
    pub fn text(&mut self, s: &str) -> &mut Self {
        match &mut self.sink {
            Sink::Xml(x) => x.text(s),
            Sink::Json(j) => j.text(s),
        }
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

    /// Closes the document and returns its bytes.
    pub fn finish(self) -> Vec<u8> {
        match self.sink {
            Sink::Xml(s) => s.finish(),
            Sink::Json(s) => s.finish(),
        }
    }

    /// The answer with this status, in the document's content type.
    pub fn into_response(self, status: u16) -> Response {
        let ct = self.format().content_type();
        Response::bytes(status, ct, self.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_negotiation() {
        for (accept, want) in [
            (None, Format::Xml),
            (Some("application/json"), Format::Json),
            (Some("Application/JSON; charset=utf-8"), Format::Json),
            (Some("application/xml"), Format::Xml),
            (Some("*/*"), Format::Xml),
            (Some("application/json, application/xml"), Format::Json),
            (Some("application/xml, application/json"), Format::Xml),
            (
                Some("application/xml;q=0.5, application/json"),
                Format::Json,
            ),
            (Some("application/json;q=0"), Format::Xml),
            (Some("text/html"), Format::Xml),
        ] {
            assert_eq!(Format::from_accept(accept), want, "{accept:?}");
        }
    }

    fn sample(format: Format) -> String {
        let mut x = ReplyWriter::response_for("3.25", format, 64);
        x.pagination(1, 100, 2);
        x.open("projects").close();
        for (id, name) in [("1", "a\"<b>"), ("2", "c")] {
            x.open("project").attr("id", id).attr("name", name).close();
            x.open("owner").attr("id", "u").empty();
            x.end("project");
        }
        x.end("projects");
        String::from_utf8(x.finish()).unwrap()
    }

    #[test]
    fn one_description_two_formats() {
        let xml = sample(Format::Xml);
        assert!(xml.contains(
            "<projects><project id=\"1\" name=\"a&quot;&lt;b&gt;\"><owner id=\"u\"/></project>"
        ));
        let json = sample(Format::Json);
        assert_eq!(
            json,
            r#"{"pagination":{"pageNumber":"1","pageSize":"100","totalAvailable":"2"},"projects":{"project":[{"id":"1","name":"a\"<b>","owner":{"id":"u"}},{"id":"2","name":"c","owner":{"id":"u"}}]}}"#
        );
    }

    #[test]
    fn json_errors_and_text() {
        let mut x = ReplyWriter::response_for("3.25", Format::Json, 64);
        x.open("error").attr("code", "401002").close();
        x.text_element("summary", "Unauthorized");
        x.text_element("detail", "line\nbreak \u{1}");
        x.end("error");
        assert_eq!(
            String::from_utf8(x.finish()).unwrap(),
            r#"{"error":{"code":"401002","summary":"Unauthorized","detail":"line\nbreak \u0001"}}"#
        );
        let mut x = ReplyWriter::response_for("3.25", Format::Json, 64);
        x.open("serverInfo").close();
        x.open("productVersion").attr("build", "b").close();
        x.text("2024.1");
        x.end("productVersion");
        x.text_element("restApiVersion", "3.25");
        x.end("serverInfo");
        assert_eq!(
            String::from_utf8(x.finish()).unwrap(),
            r#"{"serverInfo":{"productVersion":{"build":"b","value":"2024.1"},"restApiVersion":"3.25"}}"#
        );
    }

    #[test]
    fn empty_lists_and_single_members() {
        let mut x = ReplyWriter::response_for("3.25", Format::Json, 64);
        x.open("workbook").attr("id", "w").close();
        x.open("tags").close().end("tags");
        x.open("views").close();
        x.open("view").attr("id", "v").empty();
        x.end("views");
        x.open("project").attr("id", "p").empty();
        x.end("workbook");
        assert_eq!(
            String::from_utf8(x.finish()).unwrap(),
            r#"{"workbook":{"id":"w","tags":{},"views":{"view":[{"id":"v"}]},"project":{"id":"p"}}}"#
        );
    }
}
