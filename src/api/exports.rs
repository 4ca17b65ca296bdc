//! Exports: a view as an image (`…/views/{id}/image`, PNG), as data (`…/data`, CSV), as a
//! crosstab (`…/crosstab/excel`, `.xlsx`) or as a PDF (`…/pdf`), and a workbook as a PDF
//! (`…/workbooks/{id}/pdf`) or a PowerPoint presentation (`…/workbooks/{id}/powerpoint`,
//! `.pptx`), each into memory, into a file (written next to it and renamed into place, as
//! downloads are) or to a write callback, with progress and cancellation.
//! [`ExportOptions`] holds what the Python client's `ImageRequestOptions`, `CSVRequestOptions`,
//! `ExcelRequestOptions` and `PDFRequestOptions` hold; each export sends the options that apply
//! to it (the resolution only for images, the page only for PDFs, only the maximum age for
//! PowerPoint, as `PPTXRequestOptions`). View parameters go as `vf_Parameters.<name>`.

use crate::api::content;
use crate::api::resource::{Resource, CUSTOM_VIEW, VIEW, WORKBOOK};
use crate::error::{Error, Result};
use crate::server::Server;
use crate::transport::download::Fallback;
use crate::transport::{Destination, Downloaded, Method, TransferOptions, UrlBuilder};

/// Page types of PDF exports, as Tableau names them.
pub const PAGE_TYPES: &[&str] = &[
    "A3",
    "A4",
    "A5",
    "B4",
    "B5",
    "Executive",
    "Folio",
    "Ledger",
    "Legal",
    "Letter",
    "Note",
    "Quarto",
    "Tabloid",
    "Unspecified",
];

/// What an export may ask for. Empty: the server's defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportOptions {
    high_resolution: bool,
    /// Images as SVG (`format=SVG`, REST API 3.29) rather than PNG.
    svg: bool,
    max_age: Option<u32>,
    viz_size: Option<(u32, u32)>,
    page_type: Option<&'static str>,
    landscape: Option<bool>,
    filters: Vec<(String, String)>,
    /// (query key `vf_Parameters.<name>`, value).
    parameters: Vec<(String, String)>,
}

/// The kinds of export, for the options each sends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Export {
    Image,
    Csv,
    /// The crosstab as an Excel workbook (`…/crosstab/excel`, `.xlsx`).
    Excel,
    Pdf,
    /// A workbook as a PowerPoint presentation (`…/powerpoint`, `.pptx`; only `maxAge` applies).
    Powerpoint,
}

impl Export {
    fn segment(self) -> &'static str {
        match self {
            Export::Image => "image",
            Export::Csv => "data",
            Export::Excel => "crosstab/excel",
            Export::Pdf => "pdf",
            Export::Powerpoint => "powerpoint",
        }
    }

    /// The file name extension of a download without a server-given name.
    fn extension(self) -> fn(&[u8]) -> &'static str {
        match self {
            Export::Image => |b| {
                if b.trim_ascii_start().starts_with(b"<") {
                    "svg"
                } else {
                    "png"
                }
            },
            Export::Csv => |_| "csv",
            Export::Excel => |_| "xlsx",
            Export::Pdf => |_| "pdf",
            Export::Powerpoint => |_| "pptx",
        }
    }
}

impl ExportOptions {
    pub fn new() -> ExportOptions {
        ExportOptions::default()
    }

    /// The format of images: `PNG` (the default) or `SVG` (any case; REST API 3.29).
    pub fn set_image_format(&mut self, format: &str) -> Result<()> {
        self.svg = match format.trim() {
            f if f.eq_ignore_ascii_case("png") => false,
            f if f.eq_ignore_ascii_case("svg") => true,
            other => {
                return Err(Error::invalid(format!(
                    "the image format {:?} is neither PNG nor SVG",
                    crate::error::echo(other)
                )))
            }
        };
        Ok(())
    }

    /// Images at high resolution (`resolution=high`).
    pub fn set_high_resolution(&mut self, yes: bool) {
        self.high_resolution = yes;
    }

    /// The oldest cached export the server may answer with, in minutes (at least 1).
    pub fn set_max_age(&mut self, minutes: u32) -> Result<()> {
        if minutes == 0 {
            return Err(Error::invalid("the maximum age is at least 1 minute"));
        }
        self.max_age = Some(minutes);
        Ok(())
    }

    /// The size of the rendered viz in pixels (images and PDFs; both at least 1).
    pub fn set_viz_size(&mut self, width: u32, height: u32) -> Result<()> {
        if width == 0 || height == 0 {
            return Err(Error::invalid(
                "the viz width and height are at least 1 pixel",
            ));
        }
        self.viz_size = Some((width, height));
        Ok(())
    }

    /// The page type of PDFs: one of [`PAGE_TYPES`].
    pub fn set_page_type(&mut self, page_type: &str) -> Result<()> {
        match PAGE_TYPES
            .iter()
            .find(|t| t.eq_ignore_ascii_case(page_type))
        {
            Some(t) => {
                self.page_type = Some(t);
                Ok(())
            }
            None => Err(Error::invalid(format!(
                "'{}' is not a page type: use one of {}",
                crate::error::echo(page_type),
                PAGE_TYPES.join(", ")
            ))),
        }
    }

    /// PDFs in landscape (or portrait) orientation.
    pub fn set_landscape(&mut self, yes: bool) {
        self.landscape = Some(yes);
    }

    /// Shows only the marks whose `field` has `value` (`vf_<field>=value`; several values of
    /// one field: add it once with them separated by commas).
    pub fn add_view_filter(&mut self, field: &str, value: &str) -> Result<()> {
        if field.is_empty() {
            return Err(Error::invalid("a view filter needs a field name"));
        }
        self.filters.push((field.to_string(), value.to_string()));
        Ok(())
    }

    /// Sets the view parameter `name` to `value` (`vf_Parameters.<name>=value`, as the Python
    /// client's `parameter(name, value)` sends it: a name already starting with `Parameters.`
    /// gets `vf_` before it, one starting with `vf_Parameters.` is kept).
    pub fn add_parameter(&mut self, name: &str, value: &str) -> Result<()> {
        let bare = name
            .strip_prefix("vf_Parameters.")
            .or_else(|| name.strip_prefix("Parameters."))
            .unwrap_or(name);
        if bare.is_empty() {
            return Err(Error::invalid("a view parameter needs a name"));
        }
        self.parameters
            .push((format!("vf_Parameters.{bare}"), value.to_string()));
        Ok(())
    }

    /// `url` with the options that apply to `kind`.
    fn apply(&self, mut url: UrlBuilder, kind: Export) -> UrlBuilder {
        if kind == Export::Image && self.high_resolution {
            url = url.query("resolution", "high");
        }
        if kind == Export::Image && self.svg {
            url = url.query("format", "SVG");
        }
        if kind == Export::Pdf {
            if let Some(t) = self.page_type {
                url = url.query("type", t);
            }
            if let Some(l) = self.landscape {
                url = url.query("orientation", if l { "Landscape" } else { "Portrait" });
            }
        }
        if let Some(m) = self.max_age {
            url = url.query("maxAge", &m.to_string());
        }
        if matches!(kind, Export::Image | Export::Pdf) {
            if let Some((w, h)) = self.viz_size {
                url = url
                    .query("vizWidth", &w.to_string())
                    .query("vizHeight", &h.to_string());
            }
        }
        if kind == Export::Powerpoint {
            return url;
        }
        for (f, v) in &self.filters {
            url = url.query(&format!("vf_{f}"), v);
        }
        for (k, v) in &self.parameters {
            url = url.query(k, v);
        }
        url
    }
}

/// The exports of views (`server.views_exports()`), of workbooks (`server.workbooks_exports()`)
/// or of custom views (`server.custom_views_exports()`).
pub struct Exports<'a> {
    server: &'a Server,
    res: &'static Resource,
    /// The REST API version each kind of export of this resource needs, if any.
    since: fn(Export) -> Option<&'static str>,
}

impl Server {
    /// The exports of views.
    pub fn views_exports(&self) -> Exports<'_> {
        Exports {
            server: self,
            res: &VIEW,
            since: |_| None,
        }
    }

    /// The exports of custom views (image, CSV, PDF).
    pub fn custom_views_exports(&self) -> Exports<'_> {
        Exports {
            server: self,
            res: &CUSTOM_VIEW,
            since: |k| Some(if k == Export::Image { "3.18" } else { "3.23" }),
        }
    }

    /// The exports of workbooks (PDF, PowerPoint).
    pub fn workbooks_exports(&self) -> Exports<'_> {
        Exports {
            server: self,
            res: &WORKBOOK,
            since: |_| None,
        }
    }
}

impl Exports<'_> {
    /// The URL of the `kind` export of the item with this LUID, with the options that apply.
    fn url(&self, id: &str, kind: Export, opts: Option<&ExportOptions>) -> Result<UrlBuilder> {
        if let Some(v) = (self.since)(kind) {
            let what = format!("the {} export of a {}", kind.segment(), self.res.noun);
            self.server.require(v, &what)?;
        }
        if kind == Export::Image && opts.is_some_and(|o| o.svg) {
            self.server
                .require("3.29", "exporting a view as an SVG image")?;
        }
        let base = self.res.sub_url(self.server, id, kind.segment())?;
        Ok(match opts {
            Some(o) => o.apply(base, kind),
            None => base,
        })
    }

    /// The export of the item with this LUID, in memory.
    pub fn get(&self, id: &str, kind: Export, opts: Option<&ExportOptions>) -> Result<Vec<u8>> {
        self.server
            .send(Method::Get, self.url(id, kind, opts)?, None)
    }

    /// The export of the item with this LUID, streamed to `dest` with progress and cancellation.
    pub fn download(
        &self,
        id: &str,
        kind: Export,
        opts: Option<&ExportOptions>,
        dest: Destination<'_>,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<Downloaded> {
        let fallback = Fallback {
            stem: id,
            sniff: kind.extension(),
        };
        let url = self.url(id, kind, opts)?;
        content::stream(self.server, url, dest, &fallback, transfer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(o: &ExportOptions, kind: Export) -> String {
        o.apply(UrlBuilder::new("http://h/x"), kind).build()
    }

    #[test]
    fn parameters_as_the_python_client_names_them() {
        let mut o = ExportOptions::new();
        o.add_view_filter("Region", "East").unwrap();
        o.add_parameter("Top N", "5").unwrap();
        o.add_parameter("Parameters.Year", "2024").unwrap();
        o.add_parameter("vf_Parameters.Unit", "k").unwrap();
        o.set_max_age(3).unwrap();
        let csv = url(&o, Export::Csv);
        assert!(
            csv.ends_with(
                "vf_Region=East&vf_Parameters.Top%20N=5&vf_Parameters.Year=2024&vf_Parameters.Unit=k"
            ),
            "{csv}"
        );
        assert_eq!(url(&o, Export::Powerpoint), "http://h/x?maxAge=3");
        for bad in ["", "Parameters.", "vf_Parameters."] {
            assert!(o.add_parameter(bad, "x").is_err(), "{bad}");
        }
    }
}
