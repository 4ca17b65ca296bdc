//! Reads an uploaded workbook or data source the way Tableau Server does when
//! it lists a workbook's views and connections, and refuses files that are
//! not what their extension says.
//!
//! Everything is streamed from disk with bounded memory: XML is read event
//! by event with quick-xml over a `BufReader`, zip archives are opened from
//! the (seekable) file and only the embedded `.twb` / `.tds` is inflated, as
//! a stream. A single XML token (tag, text node) larger than
//! [`MAX_XML_TOKEN`] and elements nested deeper than [`MAX_XML_DEPTH`] are
//! refused rather than buffered.
//!
//! What is reported (Tableau's `.twb` / `.tds` structure):
//!
//! * sheets: `/workbook/worksheets/worksheet/@name` (worksheets), then
//!   `/workbook/dashboards/dashboard/@name` without `type='storyboard'`
//!   (dashboards), then those with it (stories); document order within each;
//! * connections: for every top-level `<datasource>` (children of
//!   `/workbook/datasources`, or the `.tds` root) except the `Parameters`
//!   pseudo-datasource (`hasconnection='false'`): its direct `<connection>`,
//!   or, when that is `class='federated'`, each
//!   `named-connections/named-connection/connection`. Connections without a
//!   `class` are skipped, and so are extract connections
//!   (`<extract><connection class='hyper'>`) and the datasource references
//!   inside worksheets and dashboards.
//! * Elements with Tableau's feature-flag prefix (`_.fcp.Feature.true...name`)
//!   count as `name`; those behind a disabled flag (`_.fcp.Feature.false...`)
//!   are ignored with their content.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::kind::{sniff, FileKind, SniffedFormat};

/// Largest single XML token (start tag with its attributes, text node,
/// comment …) accepted: 64 MiB.
pub const MAX_XML_TOKEN: u64 = 64 << 20;
/// Deepest element nesting accepted.
pub const MAX_XML_DEPTH: usize = 4096;
/// Largest inflated size of the `.twb` / `.tds` inside a `.twbx` / `.tdsx`:
/// 8 GiB (a guard against zip bombs; real documents are far smaller).
pub const MAX_EMBEDDED_DOCUMENT: u64 = 8 << 30;

/// What Tableau Server reports for a sheet (`view/@sheetType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetType {
    /// `<worksheet>`.
    Worksheet,
    /// `<dashboard>`.
    Dashboard,
    /// `<dashboard type='storyboard'>`.
    Story,
}

impl SheetType {
    /// `"worksheet"`, `"dashboard"` or `"story"`, as in the REST API.
    pub fn as_str(self) -> &'static str {
        match self {
            SheetType::Worksheet => "worksheet",
            SheetType::Dashboard => "dashboard",
            SheetType::Story => "story",
        }
    }
}

impl std::fmt::Display for SheetType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sheet of a workbook: becomes a view on the server.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sheet {
    /// The sheet name as written in the workbook (unescaped).
    pub name: String,
    /// Worksheet, dashboard or story.
    pub sheet_type: SheetType,
}

/// A data-source connection, with the attributes of the `<connection>`
/// element (empty when absent). The REST API reports `class` as `type`,
/// `server` as `serverAddress`, `port` as `serverPort` and `username` as
/// `userName`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Connection {
    /// `class`: `postgres`, `sqlserver`, `hyper`, `dataengine`, …
    pub class: String,
    /// `server`.
    pub server: String,
    /// `port`.
    pub port: String,
    /// `username`.
    pub username: String,
    /// `dbname`.
    pub dbname: String,
    /// In a workbook, the caption (else the name) of the embedded `<datasource>` holding the
    /// connection (the REST API's `<connection><datasource name/>`); empty in a data source.
    pub datasource: String,
}

/// The result of inspecting a content file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inspected {
    /// Worksheets, then dashboards, then stories (document order within
    /// each). Always empty for data sources.
    pub sheets: Vec<Sheet>,
    /// One per real connection, in document order.
    pub connections: Vec<Connection>,
}

/// Why a file was refused. `detail` is a human-readable sentence meant for
/// the `<detail>` of a `400011` "Publishing error"; it never contains the
/// path of the file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectError {
    /// Human-readable reason.
    pub detail: String,
}

impl InspectError {
    fn new(detail: impl Into<String>) -> Self {
        InspectError {
            detail: detail.into(),
        }
    }

    fn invalid(kind: FileKind, reason: impl std::fmt::Display) -> Self {
        InspectError::new(format!(
            "The file is not a valid {}: {reason}.",
            describe_kind(kind)
        ))
    }

    fn io(e: &io::Error) -> Self {
        InspectError::new(format!("The file could not be read: {e}."))
    }
}

impl std::fmt::Display for InspectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for InspectError {}

fn describe_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Twb => "Tableau workbook (.twb)",
        FileKind::Twbx => "packaged Tableau workbook (.twbx)",
        FileKind::Tds => "Tableau data source (.tds)",
        FileKind::Tdsx => "packaged Tableau data source (.tdsx)",
        FileKind::Hyper => "Hyper extract (.hyper)",
        FileKind::Tde => "Tableau data extract (.tde)",
        FileKind::Parquet => "Parquet file (.parquet)",
    }
}

/// Inspects a `.twb` or `.twbx` file: its sheets and connections.
///
/// Errors (never panics): a kind that is not a workbook, a file that cannot
/// be read, a `.twb` that is not well-formed XML or whose root element is not
/// `<workbook>`, a `.twbx` that is not a zip archive, holds no `.twb`, or
/// whose `.twb` is broken in one of those ways.
pub fn inspect_workbook(path: &Path, kind: FileKind) -> Result<Inspected, InspectError> {
    guarded(|| match kind {
        FileKind::Twb => inspect_xml_file(path, kind, Doc::Workbook),
        FileKind::Twbx => inspect_packaged(path, kind, Doc::Workbook),
        other => Err(InspectError::new(format!(
            "A {} is not a workbook; a workbook must be a .twb or .twbx file.",
            describe_kind(other)
        ))),
    })
}

/// Inspects a `.tds`, `.tdsx`, `.hyper`, `.tde` or `.parquet` file: its connections (no
/// sheets). A `.hyper` / `.tde` yields one connection of class `hyper` /
/// `dataengine` (other fields empty) once its signature has been checked.
///
/// Errors (never panics): a workbook kind, a file that cannot be read, a
/// `.tds` that is not well-formed XML or whose root element is not
/// `<datasource>`, a `.tdsx` that is not a zip archive, holds no `.tds`, or
/// whose `.tds` is broken, a `.hyper` / `.tde` without its signature.
pub fn inspect_datasource(path: &Path, kind: FileKind) -> Result<Inspected, InspectError> {
    guarded(|| {
        match kind {
        FileKind::Tds => inspect_xml_file(path, kind, Doc::Datasource),
        FileKind::Tdsx => inspect_packaged(path, kind, Doc::Datasource),
        FileKind::Hyper | FileKind::Tde | FileKind::Parquet => inspect_extract(path, kind),
        other => Err(InspectError::new(format!(
            "A {} is not a data source; a data source must be a .tds, .tdsx, .hyper, .tde or .parquet file.",
            describe_kind(other)
        ))),
    }
    })
}

/// Last line of defence: the parsers are written not to panic, but the
/// inputs are untrusted and go through third-party code (zip, inflate).
fn guarded(f: impl FnOnce() -> Result<Inspected, InspectError>) -> Result<Inspected, InspectError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(InspectError::new(
            "The file could not be inspected: it is corrupt or of an unsupported format.",
        ))
    })
}

// ----------------------------------------------------------------------------
// File-level dispatch
// ----------------------------------------------------------------------------

/// Reads up to 32 bytes from the start of `file` and rewinds it.
fn head(file: &mut File) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(32);
    file.by_ref().take(32).read_to_end(&mut buf)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(buf)
}

fn inspect_xml_file(path: &Path, kind: FileKind, doc: Doc) -> Result<Inspected, InspectError> {
    let mut file = File::open(path).map_err(|e| InspectError::io(&e))?;
    let first = head(&mut file).map_err(|e| InspectError::io(&e))?;
    if first.is_empty() {
        return Err(InspectError::invalid(kind, "the file is empty"));
    }
    match sniff(&first) {
        Some(SniffedFormat::Xml) | None => {}
        Some(other) => {
            return Err(InspectError::invalid(
                kind,
                format_args!("it is {}, not an XML document", other.describe()),
            ))
        }
    }
    inspect_xml(BufReader::with_capacity(64 * 1024, file), doc, u64::MAX)
        .map_err(|reason| InspectError::invalid(kind, reason))
}

fn inspect_packaged(path: &Path, kind: FileKind, doc: Doc) -> Result<Inspected, InspectError> {
    let mut file = File::open(path).map_err(|e| InspectError::io(&e))?;
    let first = head(&mut file).map_err(|e| InspectError::io(&e))?;
    if first.is_empty() {
        return Err(InspectError::invalid(kind, "the file is empty"));
    }
    match sniff(&first) {
        Some(SniffedFormat::Zip) | None => {}
        Some(other) => {
            return Err(InspectError::invalid(
                kind,
                format_args!("it is {}, not a zip archive", other.describe()),
            ))
        }
    }
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| InspectError::invalid(kind, format_args!("it is not a zip archive ({e})")))?;

    let ext = doc.extension();
    let index = find_document(&archive, ext).ok_or_else(|| {
        InspectError::invalid(kind, format_args!("the archive contains no .{ext} file"))
    })?;
    let entry = archive.by_index(index).map_err(|e| {
        InspectError::invalid(
            kind,
            format_args!("the embedded .{ext} file cannot be opened ({e})"),
        )
    })?;
    let name = entry.name().to_string();
    inspect_xml(
        BufReader::with_capacity(64 * 1024, entry),
        doc,
        MAX_EMBEDDED_DOCUMENT,
    )
    .map_err(|reason| {
        InspectError::invalid(kind, format_args!("in the embedded '{name}': {reason}"))
    })
}

/// The index of the `.twb` / `.tds` to read: the first one at the archive
/// root, else the first one anywhere (ignoring macOS resource forks).
fn find_document<R: Read + Seek>(archive: &zip::ZipArchive<R>, ext: &str) -> Option<usize> {
    let mut anywhere = None;
    for i in 0..archive.len() {
        let Some(name) = archive.name_for_index(i) else {
            continue;
        };
        if name.ends_with('/') || name.starts_with("__MACOSX/") || name.contains("/__MACOSX/") {
            continue;
        }
        let Some((stem, e)) = name.rsplit_once('.') else {
            continue;
        };
        if !e.eq_ignore_ascii_case(ext) {
            continue;
        }
        let base = stem.rsplit(['/', '\\']).next().unwrap_or(stem);
        if base.starts_with("._") {
            continue; // AppleDouble companion file
        }
        if !name.contains(['/', '\\']) {
            return Some(i);
        }
        anywhere.get_or_insert(i);
    }
    anywhere
}

fn inspect_extract(path: &Path, kind: FileKind) -> Result<Inspected, InspectError> {
    let mut file = File::open(path).map_err(|e| InspectError::io(&e))?;
    let first = head(&mut file).map_err(|e| InspectError::io(&e))?;
    let (want, class) = match kind {
        FileKind::Hyper => (SniffedFormat::Hyper, "hyper"),
        FileKind::Parquet => (SniffedFormat::Parquet, "parquet"),
        _ => (SniffedFormat::Tde, "dataengine"),
    };
    match sniff(&first) {
        Some(f) if f == want => Ok(Inspected {
            sheets: Vec::new(),
            connections: vec![Connection {
                class: class.to_string(),
                ..Connection::default()
            }],
        }),
        _ if first.is_empty() => Err(InspectError::invalid(kind, "the file is empty")),
        Some(other) => Err(InspectError::invalid(
            kind,
            format_args!("it is {}, not {}", other.describe(), want.describe()),
        )),
        None => Err(InspectError::invalid(
            kind,
            format_args!(
                "it does not start with the {} file signature",
                class_label(kind)
            ),
        )),
    }
}

fn class_label(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Hyper => "Hyper",
        _ => "TDE",
    }
}

// ----------------------------------------------------------------------------
// Streaming XML walk
// ----------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doc {
    Workbook,
    Datasource,
}

impl Doc {
    fn root(self) -> &'static [u8] {
        match self {
            Doc::Workbook => b"workbook",
            Doc::Datasource => b"datasource",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Doc::Workbook => "twb",
            Doc::Datasource => "tds",
        }
    }
}

/// The element names the walk cares about; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Workbook,
    Datasources,
    Datasource,
    Worksheets,
    Worksheet,
    Dashboards,
    Dashboard,
    Connection,
    NamedConnections,
    NamedConnection,
    Other,
}

impl Tag {
    fn of(name: &[u8]) -> Tag {
        match name {
            b"workbook" => Tag::Workbook,
            b"datasources" => Tag::Datasources,
            b"datasource" => Tag::Datasource,
            b"worksheets" => Tag::Worksheets,
            b"worksheet" => Tag::Worksheet,
            b"dashboards" => Tag::Dashboards,
            b"dashboard" => Tag::Dashboard,
            b"connection" => Tag::Connection,
            b"named-connections" => Tag::NamedConnections,
            b"named-connection" => Tag::NamedConnection,
            _ => Tag::Other,
        }
    }
}

/// Strips Tableau's feature-flag prefixes (`_.fcp.Feature.true...name`,
/// possibly nested). `None` when a flag in the chain is `false`: the element
/// only exists when that feature is off, which is never the case on a
/// current server.
fn effective_name(mut name: &[u8]) -> Option<&[u8]> {
    while let Some(rest) = name.strip_prefix(b"_.fcp.") {
        let Some(pos) = rest.windows(3).position(|w| w == b"...") else {
            return Some(name);
        };
        if rest[..pos].ends_with(b".false") {
            return None;
        }
        name = &rest[pos + 3..];
    }
    Some(name)
}

/// A `BufRead` wrapper that refuses oversized tokens and documents: the
/// walk resets the per-token count before each event, so quick-xml's event
/// buffer can never grow past [`MAX_XML_TOKEN`].
struct Limited<R> {
    inner: R,
    token: u64,
    total: u64,
    total_limit: u64,
    tripped: Option<String>,
}

impl<R: BufRead> Limited<R> {
    fn check(&mut self) -> io::Result<()> {
        if self.token > MAX_XML_TOKEN {
            self.tripped = Some(format!(
                "an XML tag or text node is larger than {} MiB",
                MAX_XML_TOKEN >> 20
            ));
        } else if self.total > self.total_limit {
            self.tripped = Some(format!(
                "the document is larger than {} GiB",
                self.total_limit >> 30
            ));
        }
        match &self.tripped {
            Some(msg) => Err(io::Error::other(msg.clone())),
            None => Ok(()),
        }
    }
}

impl<R: BufRead> Read for Limited<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Limited<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.check()?;
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.token = self.token.saturating_add(amt as u64);
        self.total = self.total.saturating_add(amt as u64);
        self.inner.consume(amt);
    }
}

/// Accumulates sheets and connections during the walk.
#[derive(Default)]
struct Collector {
    worksheets: Vec<Sheet>,
    dashboards: Vec<Sheet>,
    stories: Vec<Sheet>,
    connections: Vec<Connection>,
    /// Caption (else name) of the workbook `<datasource>` being read.
    datasource: String,
}

/// Walks an XML document. Errors are reasons (completing "The file is not a
/// valid …: ").
fn inspect_xml<R: BufRead>(input: R, doc: Doc, total_limit: u64) -> Result<Inspected, String> {
    let mut reader = Reader::from_reader(Limited {
        inner: input,
        token: 0,
        total: 0,
        total_limit,
        tripped: None,
    });
    {
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = false;
        config.expand_empty_elements = false;
    }

    let mut buf = Vec::new();
    let mut path: Vec<Tag> = Vec::new();
    // While inside an ignored subtree: the depth of its element.
    let mut skip_from: Option<usize> = None;
    let mut root_seen = false;
    let mut out = Collector::default();

    loop {
        buf.clear();
        reader.get_mut().token = 0;
        let event = match reader.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(e) => {
                if let Some(msg) = reader.get_ref().tripped.clone() {
                    return Err(msg);
                }
                return Err(xml_error(&e, reader.error_position()));
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if path.is_empty() {
                    if root_seen {
                        return Err("it has more than one root element".into());
                    }
                    root_seen = true;
                    let name = e.name();
                    if name.as_ref() != doc.root() {
                        return Err(format!(
                            "its root element is <{}>, expected <{}>",
                            shorten(&String::from_utf8_lossy(name.as_ref())),
                            String::from_utf8_lossy(doc.root())
                        ));
                    }
                }
                if path.len() >= MAX_XML_DEPTH {
                    return Err(format!(
                        "its elements are nested more than {MAX_XML_DEPTH} levels deep"
                    ));
                }
                let tag = if skip_from.is_some() {
                    Tag::Other
                } else {
                    match effective_name(e.name().as_ref()) {
                        Some(n) => Tag::of(n),
                        None => {
                            skip_from = Some(path.len() + 1);
                            Tag::Other
                        }
                    }
                };
                path.push(tag);
                if skip_from.is_none() && tag != Tag::Other {
                    if let Some(skip) = on_element(doc, &path, e, &mut out)? {
                        if skip {
                            skip_from = Some(path.len());
                        }
                    }
                }
                if empty {
                    close(&mut path, &mut skip_from);
                }
            }
            Event::End(_) => {
                if path.is_empty() {
                    return Err("it has an end tag without a start tag".into());
                }
                close(&mut path, &mut skip_from);
            }
            Event::Text(ref t) => {
                if path.is_empty() && !t.iter().all(u8::is_ascii_whitespace) {
                    return Err(if root_seen {
                        "it has text after the root element".into()
                    } else {
                        "it is not an XML document (text before the root element)".into()
                    });
                }
            }
            Event::CData(_) => {
                if path.is_empty() {
                    return Err("it has character data outside the root element".into());
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            Event::Eof => {
                if let Some(msg) = reader.get_ref().tripped.clone() {
                    return Err(msg);
                }
                if !path.is_empty() {
                    return Err(format!(
                        "the XML document ends before its elements are closed (truncated at byte {})",
                        reader.buffer_position()
                    ));
                }
                if !root_seen {
                    return Err("it contains no XML element".into());
                }
                break;
            }
        }
    }

    let mut sheets = out.worksheets;
    sheets.append(&mut out.dashboards);
    sheets.append(&mut out.stories);
    Ok(Inspected {
        sheets,
        connections: out.connections,
    })
}

fn close(path: &mut Vec<Tag>, skip_from: &mut Option<usize>) {
    if skip_from.is_some_and(|d| path.len() <= d) {
        *skip_from = None;
    }
    path.pop();
}

fn xml_error(e: &quick_xml::Error, pos: u64) -> String {
    let msg = match e {
        quick_xml::Error::Io(io) => format!("it could not be read ({io})"),
        other => format!("it is not well-formed XML ({other}) near byte {pos}"),
    };
    shorten(&msg)
}

fn shorten(s: &str) -> String {
    const MAX: usize = 200;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let mut t: String = s.chars().take(MAX).collect();
    t.push('…');
    t
}

/// Handles an element the walk cares about. `Some(true)`: ignore its
/// subtree.
fn on_element(
    doc: Doc,
    path: &[Tag],
    e: &BytesStart<'_>,
    out: &mut Collector,
) -> Result<Option<bool>, String> {
    use Tag::*;
    if doc == Doc::Workbook {
        match path {
            [Workbook, Worksheets, Worksheet] => {
                let [name] = attrs(e, [b"name"])?;
                let name = name.ok_or("a <worksheet> has no name")?;
                out.worksheets.push(Sheet {
                    name,
                    sheet_type: SheetType::Worksheet,
                });
                return Ok(None);
            }
            [Workbook, Dashboards, Dashboard] => {
                let [name, ty] = attrs(e, [b"name", b"type"])?;
                let name = name.ok_or("a <dashboard> has no name")?;
                if ty.as_deref() == Some("storyboard") {
                    out.stories.push(Sheet {
                        name,
                        sheet_type: SheetType::Story,
                    });
                } else {
                    out.dashboards.push(Sheet {
                        name,
                        sheet_type: SheetType::Dashboard,
                    });
                }
                return Ok(None);
            }
            _ => {}
        }
    }
    // The path relative to the top-level datasource element.
    let ds_path = match doc {
        Doc::Workbook => match path {
            [Workbook, Datasources, rest @ ..] => rest,
            _ => return Ok(None),
        },
        Doc::Datasource => path,
    };
    match ds_path {
        [Datasource] => {
            if doc == Doc::Datasource {
                return Ok(None); // the .tds root itself
            }
            let [name, caption, has_connection] =
                attrs(e, [b"name", b"caption", b"hasconnection"])?;
            out.datasource = caption.or_else(|| name.clone()).unwrap_or_default();
            let parameters =
                name.as_deref() == Some("Parameters") || has_connection.as_deref() == Some("false");
            Ok(Some(parameters))
        }
        [Datasource, Connection]
        | [Datasource, Connection, NamedConnections, NamedConnection, Connection] => {
            let [class, server, port, username, dbname] =
                attrs(e, [b"class", b"server", b"port", b"username", b"dbname"])?;
            let class = class.unwrap_or_default();
            if !class.is_empty() && class != "federated" {
                out.connections.push(self::Connection {
                    class,
                    server: server.unwrap_or_default(),
                    port: port.unwrap_or_default(),
                    username: username.unwrap_or_default(),
                    dbname: dbname.unwrap_or_default(),
                    datasource: out.datasource.clone(),
                });
            }
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// The unescaped values of the wanted attributes (the first occurrence of
/// each); malformed attributes are errors.
fn attrs<const N: usize>(
    e: &BytesStart<'_>,
    keys: [&[u8]; N],
) -> Result<[Option<String>; N], String> {
    let mut values: [Option<String>; N] = std::array::from_fn(|_| None);
    for attr in e.attributes().with_checks(true) {
        let attr = attr.map_err(|err| {
            shorten(&format!(
                "it is not well-formed XML (bad attribute in <{}>: {err})",
                String::from_utf8_lossy(e.name().as_ref())
            ))
        })?;
        if let Some(i) = keys.iter().position(|k| *k == attr.key.as_ref()) {
            if values[i].is_none() {
                let v = attr.unescape_value().map_err(|err| {
                    shorten(&format!(
                        "it is not well-formed XML (bad value of attribute '{}': {err})",
                        String::from_utf8_lossy(attr.key.as_ref())
                    ))
                })?;
                values[i] = Some(v.into_owned());
            }
        }
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(xml: &str, doc: Doc) -> Result<Inspected, String> {
        inspect_xml(io::Cursor::new(xml.as_bytes()), doc, u64::MAX)
    }

    #[test]
    fn fcp_names() {
        assert_eq!(effective_name(b"relation"), Some(&b"relation"[..]));
        assert_eq!(
            effective_name(b"_.fcp.ObjectModelEncapsulateLegacy.true...relation"),
            Some(&b"relation"[..])
        );
        assert_eq!(
            effective_name(b"_.fcp.ObjectModelEncapsulateLegacy.false...relation"),
            None
        );
        assert_eq!(
            effective_name(b"_.fcp.A.true..._.fcp.B.false...style-rule"),
            None
        );
        assert_eq!(
            effective_name(b"_.fcp.A.true..._.fcp.B.true...style-rule"),
            Some(&b"style-rule"[..])
        );
        assert_eq!(effective_name(b"_.fcp.nodots"), Some(&b"_.fcp.nodots"[..]));
    }

    #[test]
    fn minimal_workbook() {
        let r = walk(
            "<?xml version='1.0'?><workbook><worksheets><worksheet name='A &amp; B'/></worksheets>\
             <dashboards><dashboard name='S' type='storyboard'/><dashboard name='D'/></dashboards></workbook>",
            Doc::Workbook,
        )
        .unwrap();
        let names: Vec<_> = r
            .sheets
            .iter()
            .map(|s| (s.name.as_str(), s.sheet_type))
            .collect();
        assert_eq!(
            names,
            [
                ("A & B", SheetType::Worksheet),
                ("D", SheetType::Dashboard),
                ("S", SheetType::Story)
            ]
        );
    }

    #[test]
    fn structural_errors() {
        for (xml, needle) in [
            ("", "no XML element"),
            ("<workbook>", "ends before"),
            ("<workbook></workbook><workbook/>", "more than one root"),
            ("<workbook></workbook>junk", "text after"),
            ("junk<workbook/>", "not an XML document"),
            ("<workbook></datasource>", "not well-formed"),
            ("<datasource/>", "root element is <datasource>"),
            (
                "<workbook><worksheets><worksheet name='a&bogus;'/></worksheets></workbook>",
                "bad value",
            ),
            (
                "<workbook><worksheets><worksheet/></worksheets></workbook>",
                "has no name",
            ),
        ] {
            let err = walk(xml, Doc::Workbook).unwrap_err();
            assert!(err.contains(needle), "{xml:?}: {err}");
        }
    }

    #[test]
    fn depth_limit() {
        let xml = format!("<workbook>{}", "<a>".repeat(MAX_XML_DEPTH + 5));
        let err = walk(&xml, Doc::Workbook).unwrap_err();
        assert!(err.contains("nested"), "{err}");
    }
}
