//! Realistic sample content written by the project itself (no third-party
//! workbooks): `.twb` / `.twbx` workbooks, `.tds` / `.tdsx` data sources and
//! `.hyper` extracts, for `--seed demo`, tests, examples and benchmarks.
//!
//! The XML follows the shape of files saved by Tableau Desktop 2023.x:
//! version attributes, a `document-format-change-manifest`, a `Parameters`
//! pseudo-datasource, a federated data source with one named connection,
//! metadata records and an object graph, worksheets with `<table>`/`<view>`/
//! `<panes>`/`<rows>`/`<cols>`, dashboards with zones, stories as
//! `<dashboard type='storyboard'>` with a flipboard of story points,
//! `<windows>` and base64 PNG `<thumbnails>`. Everything is deterministic:
//! identifiers are derived from the names, so the same inputs always give
//! the same bytes.
//!
//! [`inspect`](super::inspect) reads back exactly the sheets and the one
//! connection written (extract connections and the `Parameters` datasource
//! are not connections).

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use base64::Engine as _;

use super::inspect::Connection;
use super::kind::HYPER_MAGIC;
use super::png::preview_png;
use super::zipped::{self, Method};

/// The connection written into a sample data source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleConnection {
    /// `class`, e.g. `postgres`, `sqlserver`, `mysql`. An empty class makes
    /// the connection invisible to inspection (as in Tableau).
    pub class: String,
    /// `server`.
    pub server: String,
    /// `port`.
    pub port: String,
    /// `username`.
    pub username: String,
    /// `dbname`.
    pub dbname: String,
}

impl Default for SampleConnection {
    /// PostgreSQL on `db.example.com:5432`, user `analyst`, database `sales`.
    fn default() -> Self {
        SampleConnection {
            class: "postgres".into(),
            server: "db.example.com".into(),
            port: "5432".into(),
            username: "analyst".into(),
            dbname: "sales".into(),
        }
    }
}

impl From<&SampleConnection> for Connection {
    fn from(c: &SampleConnection) -> Connection {
        Connection {
            class: c.class.clone(),
            server: c.server.clone(),
            port: c.port.clone(),
            username: c.username.clone(),
            dbname: c.dbname.clone(),
            datasource: String::new(),
        }
    }
}

impl SampleConnection {
    /// The connection inspection finds in a sample workbook named `workbook`: the data source
    /// holding it is named after its table and database.
    pub fn in_workbook(&self, workbook: &str) -> Connection {
        Connection {
            datasource: datasource_caption(workbook, self),
            ..Connection::from(self)
        }
    }
}

/// A `.twb` with the given worksheets and dashboards (no story).
pub fn workbook_twb(
    name: &str,
    worksheets: &[&str],
    dashboards: &[&str],
    connection: &SampleConnection,
) -> Vec<u8> {
    workbook_twb_with_stories(name, worksheets, dashboards, &[], connection)
}

/// A `.twb` with worksheets, dashboards and stories (each story's points
/// capture the worksheets, or the dashboards if there are no worksheets).
pub fn workbook_twb_with_stories(
    name: &str,
    worksheets: &[&str],
    dashboards: &[&str],
    stories: &[&str],
    connection: &SampleConnection,
) -> Vec<u8> {
    let spec = Spec {
        name,
        worksheets,
        dashboards,
        stories,
        connection,
    };
    twb_xml(&spec, None).into_bytes()
}

/// A `.twbx`: a zip holding `NAME.twb` (whose data source has an extract)
/// and the extract placeholder `Data/Extracts/<datasource>.hyper`.
pub fn workbook_twbx(
    name: &str,
    worksheets: &[&str],
    dashboards: &[&str],
    connection: &SampleConnection,
) -> Vec<u8> {
    workbook_twbx_with_stories(name, worksheets, dashboards, &[], connection)
}

/// Like [`workbook_twbx`], with stories.
pub fn workbook_twbx_with_stories(
    name: &str,
    worksheets: &[&str],
    dashboards: &[&str],
    stories: &[&str],
    connection: &SampleConnection,
) -> Vec<u8> {
    let spec = Spec {
        name,
        worksheets,
        dashboards,
        stories,
        connection,
    };
    let extract = extract_path(name);
    let twb = twb_xml(&spec, Some(&extract));
    package(
        &format!("{}.twb", file_stem(name)),
        twb.as_bytes(),
        &extract,
        name,
    )
}

/// A `.tds` (live connection).
pub fn datasource_tds(name: &str, connection: &SampleConnection) -> Vec<u8> {
    tds_xml(name, connection, None).into_bytes()
}

/// A `.tdsx`: a zip holding `NAME.tds` (with an extract) and the extract
/// placeholder `Data/Extracts/<datasource>.hyper`.
pub fn datasource_tdsx(name: &str, connection: &SampleConnection) -> Vec<u8> {
    let extract = extract_path(name);
    let tds = tds_xml(name, connection, Some(&extract));
    package(
        &format!("{}.tds", file_stem(name)),
        tds.as_bytes(),
        &extract,
        name,
    )
}

/// Writes a `.hyper` placeholder of exactly `size` bytes: the Hyper
/// signature ([`HYPER_MAGIC`], truncated if `size` < 12) followed by
/// pseudo-random bytes from `seed` (SplitMix64). Streams in 64 KiB pieces,
/// so any size works (benchmarks use 1 GiB).
pub fn hyper_file(size: u64, seed: u64, out: &mut dyn Write) -> io::Result<()> {
    let magic_len = (HYPER_MAGIC.len() as u64).min(size) as usize;
    out.write_all(&HYPER_MAGIC[..magic_len])?;
    let mut remaining = size - magic_len as u64;
    let mut state = seed ^ 0x4879_7065_7246_696C; // "HyperFil"
    let mut buf = vec![0u8; 64 * 1024];
    while remaining > 0 {
        let n = remaining.min(buf.len() as u64) as usize;
        for chunk in buf[..n].chunks_mut(8) {
            let v = splitmix(&mut state).to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        out.write_all(&buf[..n])?;
        remaining -= n as u64;
    }
    Ok(())
}

/// The sample workbooks (file name, bytes): `Superstore.twbx` and `Regional.twb` as described
/// at `write_sample_set`; also what `publishSamples=true` publishes into a project.
pub fn sample_workbooks() -> Vec<(&'static str, Vec<u8>)> {
    let regional = SampleConnection {
        class: "sqlserver".into(),
        server: "mssql.example.com".into(),
        port: "1433".into(),
        username: "report_reader".into(),
        dbname: "Regional".into(),
    };
    vec![
        (
            "Superstore.twbx",
            workbook_twbx_with_stories(
                "Superstore",
                &[
                    "Sales by Region",
                    "Profit & Discount",
                    "Customers' Lifetime Value",
                ],
                &["Overview"],
                &["Sales Story"],
                &SampleConnection::default(),
            ),
        ),
        (
            "Regional.twb",
            workbook_twb(
                "Regional",
                &["Région Nord", "Zürich & Genève", "Tōkyō 東京"],
                &["Regional <Summary>"],
                &regional,
            ),
        ),
    ]
}

/// Writes the standard sample set into `dir` (created if needed) and returns
/// the paths, in this order:
///
/// * `Superstore.twbx`: worksheets "Sales by Region", "Profit & Discount",
///   "Customers' Lifetime Value"; dashboard "Overview"; story
///   "Sales Story"; the default PostgreSQL connection;
/// * `Regional.twb`: worksheets "Région Nord", "Zürich & Genève",
///   "Tōkyō 東京"; dashboard `"Regional <Summary>"`; SQL Server on
///   `mssql.example.com:1433`, user `report_reader`, database `Regional`;
/// * `Sales.tds`, `Sales.tdsx`: the default connection;
/// * `Extract.hyper`: 64 KiB.
pub fn write_sample_set(dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let default = SampleConnection::default();
    let mut paths = Vec::new();
    let mut put = |file: &str, bytes: &[u8]| -> io::Result<()> {
        let p = dir.join(file);
        std::fs::write(&p, bytes)?;
        paths.push(p);
        Ok(())
    };
    for (file, bytes) in sample_workbooks() {
        put(file, &bytes)?;
    }
    put("Sales.tds", &datasource_tds("Sales", &default))?;
    put("Sales.tdsx", &datasource_tdsx("Sales", &default))?;
    let mut hyper = Vec::with_capacity(64 * 1024);
    hyper_file(64 * 1024, 42, &mut hyper)?;
    put("Extract.hyper", &hyper)?;
    Ok(paths)
}

// ----------------------------------------------------------------------------
// Helpers
// ----------------------------------------------------------------------------

struct Spec<'a> {
    name: &'a str,
    worksheets: &'a [&'a str],
    dashboards: &'a [&'a str],
    stories: &'a [&'a str],
    connection: &'a SampleConnection,
}

const BUILD: &str = "20233.23.1017.0948";
const SOURCE_BUILD: &str = "2023.3.0 (20233.23.1017.0948)";
const VERSION: &str = "18.1";
const XMLNS_USER: &str = "http://www.tableausoftware.com/xml/user";

/// Escapes text for an XML attribute (single or double quoted) or element
/// content. Characters XML 1.0 cannot carry at all (most C0 controls,
/// U+FFFE, U+FFFF) become U+FFFD.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&apos;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xFF)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A Tableau-style object name: `prefix.` + 28 base-36 characters.
fn object_id(prefix: &str, parts: &[&str]) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut st = fnv1a(parts);
    let mut s = String::with_capacity(prefix.len() + 29);
    s.push_str(prefix);
    s.push('.');
    for i in 0..28 {
        let v = splitmix(&mut st);
        // Tableau's ids start with 0 or 1.
        let d = if i == 0 { v % 2 } else { v % 36 } as usize;
        s.push(DIGITS[d] as char);
    }
    s
}

/// A `{8-4-4-4-12}` upper-case UUID derived from the parts.
fn uuid(parts: &[&str]) -> String {
    let mut st = fnv1a(parts);
    let a = splitmix(&mut st);
    let b = splitmix(&mut st);
    format!(
        "{{{:08X}-{:04X}-4{:03X}-{:04X}-{:012X}}}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFF,
        0x8000 | (b >> 48) & 0x3FFF,
        b & 0xFFFF_FFFF_FFFF
    )
}

/// A file-system-safe stem for names inside packages.
fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let s = s.trim().trim_matches('.').to_string();
    if s.is_empty() {
        "Untitled".into()
    } else {
        s
    }
}

fn federated_name(name: &str) -> String {
    object_id("federated", &["federated", name])
}

fn extract_path(name: &str) -> String {
    format!(
        "Data/Extracts/{}.hyper",
        federated_name(name).replace('.', "_")
    )
}

/// Zips a document and its extract placeholder.
fn package(doc_name: &str, doc: &[u8], extract: &str, seed: &str) -> Vec<u8> {
    let mut hyper = Vec::with_capacity(8192);
    // Writing to memory cannot fail.
    let _ = hyper_file(8192, fnv1a(&[seed]), &mut hyper);
    zipped::archive(&[
        (doc_name, doc, Method::Deflated),
        (extract, &hyper, Method::Stored),
    ])
}

// Columns of the sample "orders" table: (name, datatype, role, remote type).
const DIMENSIONS: [(&str, &str); 4] = [
    ("region", "string"),
    ("category", "string"),
    ("segment", "string"),
    ("order_date", "date"),
];
const MEASURES: [&str; 3] = ["sales", "profit", "quantity"];

fn table_ref(conn: &SampleConnection) -> (&'static str, &'static str) {
    match conn.class.as_str() {
        "sqlserver" => ("[dbo].[Orders]", "Orders"),
        "mysql" => ("[orders]", "orders"),
        _ => ("[public].[orders]", "orders"),
    }
}

fn header(out: &mut String) {
    out.push_str("<?xml version='1.0' encoding='utf-8' ?>\n\n");
    let _ = writeln!(out, "<!-- build {BUILD:<49}-->");
}

fn manifest(out: &mut String, indent: &str) {
    let _ = writeln!(out, "{indent}<document-format-change-manifest>");
    for item in [
        "_.fcp.AnimationOnByDefault.true...AnimationOnByDefault",
        "_.fcp.MarkAnimation.true...MarkAnimation",
        "_.fcp.ObjectModelEncapsulateLegacy.true...ObjectModelEncapsulateLegacy",
        "_.fcp.ObjectModelTableType.true...ObjectModelTableType",
        "_.fcp.SchemaViewerObjectModel.true...SchemaViewerObjectModel",
        "SheetIdentifierTracking",
        "WindowsPersistSimpleIdentifiers",
    ] {
        let _ = writeln!(out, "{indent}  <{item} />");
    }
    let _ = writeln!(out, "{indent}</document-format-change-manifest>");
}

/// The body of a federated datasource (everything inside `<datasource>`),
/// indented by `ind`.
fn datasource_body(
    out: &mut String,
    ind: &str,
    ds: &str,
    conn: &SampleConnection,
    extract: Option<&str>,
) {
    let named = object_id(
        if conn.class.is_empty() {
            "connection"
        } else {
            &conn.class
        },
        &["named", ds, &conn.server, &conn.dbname],
    );
    let (table, table_name) = table_ref(conn);
    let object = format!(
        "{}_{}",
        table_name,
        uuid(&["object", ds])
            .trim_matches(['{', '}'])
            .replace('-', "")
    );
    let caption = if conn.server.is_empty() {
        conn.class.clone()
    } else {
        conn.server.clone()
    };
    let _ = writeln!(out, "{ind}<connection class='federated'>");
    let _ = writeln!(out, "{ind}  <named-connections>");
    let _ = writeln!(
        out,
        "{ind}    <named-connection caption='{}' name='{}'>",
        esc(&caption),
        esc(&named)
    );
    let _ = writeln!(
        out,
        "{ind}      <connection authentication='username-password' class='{}' dbname='{}' odbc-native-protocol='' one-time-sql='' port='{}' server='{}' sslmode='require' username='{}' />",
        esc(&conn.class),
        esc(&conn.dbname),
        esc(&conn.port),
        esc(&conn.server),
        esc(&conn.username)
    );
    let _ = writeln!(out, "{ind}    </named-connection>");
    let _ = writeln!(out, "{ind}  </named-connections>");
    for flag in ["false", "true"] {
        let _ = writeln!(
            out,
            "{ind}  <_.fcp.ObjectModelEncapsulateLegacy.{flag}...relation connection='{}' name='{table_name}' table='{table}' type='table' />",
            esc(&named)
        );
    }
    let _ = writeln!(out, "{ind}  <metadata-records>");
    let columns = DIMENSIONS.iter().map(|&(n, t)| (n, t)).chain(
        MEASURES
            .iter()
            .map(|&m| (m, if m == "quantity" { "integer" } else { "real" })),
    );
    for (ordinal, (col, ty)) in columns.enumerate() {
        let (remote_type, aggregation) = match ty {
            "string" => (129, "Count"),
            "date" => (7, "Year"),
            "integer" => (20, "Sum"),
            _ => (5, "Sum"),
        };
        let _ = writeln!(out, "{ind}    <metadata-record class='column'>");
        let _ = writeln!(out, "{ind}      <remote-name>{col}</remote-name>");
        let _ = writeln!(out, "{ind}      <remote-type>{remote_type}</remote-type>");
        let _ = writeln!(out, "{ind}      <local-name>[{col}]</local-name>");
        let _ = writeln!(out, "{ind}      <parent-name>[{table_name}]</parent-name>");
        let _ = writeln!(out, "{ind}      <remote-alias>{col}</remote-alias>");
        let _ = writeln!(out, "{ind}      <ordinal>{}</ordinal>", ordinal + 1);
        let _ = writeln!(out, "{ind}      <local-type>{ty}</local-type>");
        let _ = writeln!(out, "{ind}      <aggregation>{aggregation}</aggregation>");
        let _ = writeln!(out, "{ind}      <contains-null>true</contains-null>");
        let _ = writeln!(
            out,
            "{ind}      <_.fcp.ObjectModelEncapsulateLegacy.true...object-id>[{object}]</_.fcp.ObjectModelEncapsulateLegacy.true...object-id>"
        );
        let _ = writeln!(out, "{ind}    </metadata-record>");
    }
    let _ = writeln!(out, "{ind}  </metadata-records>");
    let _ = writeln!(out, "{ind}</connection>");
    let _ = writeln!(out, "{ind}<aliases enabled='yes' />");
    let _ = writeln!(
        out,
        "{ind}<column caption='Orders' datatype='integer' name='[__tableau_internal_object_id__].[{object}]' role='measure' type='quantitative' />"
    );
    let _ = writeln!(
        out,
        "{ind}<column datatype='integer' name='[Number of Records]' role='measure' type='quantitative' user:auto-column='numrec'>"
    );
    let _ = writeln!(out, "{ind}  <calculation class='tableau' formula='1' />");
    let _ = writeln!(out, "{ind}</column>");
    let _ = writeln!(
        out,
        "{ind}<layout _.fcp.SchemaViewerObjectModel.false...dim-percentage='0.5' _.fcp.SchemaViewerObjectModel.false...measure-percentage='0.4' dim-ordering='alphabetic' measure-ordering='alphabetic' show-structure='true' />"
    );
    let _ = writeln!(out, "{ind}<semantic-values>");
    let _ = writeln!(
        out,
        "{ind}  <semantic-value key='[Country].[Name]' value='&quot;United States&quot;' />"
    );
    let _ = writeln!(out, "{ind}</semantic-values>");
    if let Some(path) = extract {
        let _ = writeln!(
            out,
            "{ind}<extract _.fcp.ObjectModelExtractV2.true...object-id='' count='-1' enabled='true' units='records'>"
        );
        let _ = writeln!(
            out,
            "{ind}  <connection access_mode='readonly' author-locale='en_US' class='hyper' dbname='{}' default-settings='hyper' schema='Extract' sslmode='' tablename='Extract' update-time='01/15/2024 10:00:00 AM' username='tableau_internal_user'>",
            esc(path)
        );
        let _ = writeln!(
            out,
            "{ind}    <relation name='Extract' table='[Extract].[Extract]' type='table' />"
        );
        let _ = writeln!(out, "{ind}  </connection>");
        let _ = writeln!(out, "{ind}</extract>");
    }
    let _ = writeln!(
        out,
        "{ind}<_.fcp.ObjectModelEncapsulateLegacy.true...object-graph>"
    );
    let _ = writeln!(out, "{ind}  <objects>");
    let _ = writeln!(
        out,
        "{ind}    <object caption='{table_name}' id='{object}'>"
    );
    let _ = writeln!(out, "{ind}      <properties context=''>");
    let _ = writeln!(
        out,
        "{ind}        <relation connection='{}' name='{table_name}' table='{table}' type='table' />",
        esc(&named)
    );
    let _ = writeln!(out, "{ind}      </properties>");
    let _ = writeln!(out, "{ind}    </object>");
    let _ = writeln!(out, "{ind}  </objects>");
    let _ = writeln!(
        out,
        "{ind}</_.fcp.ObjectModelEncapsulateLegacy.true...object-graph>"
    );
}

fn datasource_caption(name: &str, conn: &SampleConnection) -> String {
    let (_, table) = table_ref(conn);
    if conn.dbname.is_empty() {
        format!("{table} ({name})")
    } else {
        format!("{table} ({})", conn.dbname)
    }
}

fn tds_xml(name: &str, conn: &SampleConnection, extract: Option<&str>) -> String {
    let ds = federated_name(name);
    let mut out = String::with_capacity(8 * 1024);
    header(&mut out);
    let _ = writeln!(
        out,
        "<datasource formatted-name='{}' inline='true' source-platform='win' version='{VERSION}' xmlns:user='{XMLNS_USER}'>",
        esc(&ds)
    );
    manifest(&mut out, "  ");
    let _ = writeln!(
        out,
        "  <repository-location derived-from='/datasources/{0}?rev=1.0' id='{0}' path='/datasources' revision='1.0' />",
        esc(&file_stem(name).replace(' ', ""))
    );
    datasource_body(&mut out, "  ", &ds, conn, extract);
    out.push_str("</datasource>\n");
    out
}

fn twb_xml(spec: &Spec<'_>, extract: Option<&str>) -> String {
    let conn = spec.connection;
    let ds = federated_name(spec.name);
    let ds_caption = datasource_caption(spec.name, conn);
    let mut out = String::with_capacity(32 * 1024);
    header(&mut out);
    let _ = writeln!(
        out,
        "<workbook original-version='{VERSION}' source-build='{SOURCE_BUILD}' source-platform='win' version='{VERSION}' xmlns:user='{XMLNS_USER}'>"
    );
    manifest(&mut out, "  ");
    out.push_str("  <preferences>\n");
    out.push_str("    <preference name='ui.encoding.shelf.height' value='24' />\n");
    out.push_str("    <preference name='ui.shelf.height' value='26' />\n");
    out.push_str("  </preferences>\n");

    // Data sources: the Parameters pseudo-datasource, then the real one.
    out.push_str("  <datasources>\n");
    out.push_str(
        "    <datasource hasconnection='false' inline='true' name='Parameters' version='18.1'>\n",
    );
    out.push_str("      <aliases enabled='yes' />\n");
    out.push_str("      <column caption='Top N' datatype='integer' name='[Parameter 1]' param-domain-type='range' role='measure' type='quantitative' value='10'>\n");
    out.push_str("        <calculation class='tableau' formula='10' />\n");
    out.push_str("        <range granularity='1' max='50' min='1' />\n");
    out.push_str("      </column>\n");
    out.push_str("    </datasource>\n");
    let _ = writeln!(
        out,
        "    <datasource caption='{}' inline='true' name='{}' version='{VERSION}'>",
        esc(&ds_caption),
        esc(&ds)
    );
    datasource_body(&mut out, "      ", &ds, conn, extract);
    out.push_str("    </datasource>\n");
    out.push_str("  </datasources>\n");

    // Worksheets.
    if !spec.worksheets.is_empty() {
        out.push_str("  <worksheets>\n");
        for (i, sheet) in spec.worksheets.iter().enumerate() {
            worksheet(&mut out, spec.name, sheet, i, &ds, &ds_caption);
        }
        out.push_str("  </worksheets>\n");
    }

    // Dashboards, then stories (Tableau keeps both in <dashboards>).
    if !spec.dashboards.is_empty() || !spec.stories.is_empty() {
        out.push_str("  <dashboards>\n");
        for d in spec.dashboards {
            dashboard(&mut out, spec.name, d, spec.worksheets);
        }
        let captured: &[&str] = if spec.worksheets.is_empty() {
            spec.dashboards
        } else {
            spec.worksheets
        };
        for s in spec.stories {
            story(&mut out, spec.name, s, captured);
        }
        out.push_str("  </dashboards>\n");
    }

    // Windows, in tab order.
    out.push_str("  <windows source-height='30'>\n");
    for sheet in spec.worksheets {
        let _ = writeln!(out, "    <window class='worksheet' name='{}'>", esc(sheet));
        out.push_str("      <cards>\n");
        out.push_str("        <edge name='left'>\n");
        out.push_str("          <strip size='160'>\n");
        out.push_str("            <card type='pages' />\n");
        out.push_str("            <card type='filters' />\n");
        out.push_str("            <card type='marks' />\n");
        out.push_str("          </strip>\n");
        out.push_str("        </edge>\n");
        out.push_str("        <edge name='top'>\n");
        out.push_str("          <strip size='2147483647'>\n");
        out.push_str("            <card type='columns' />\n");
        out.push_str("          </strip>\n");
        out.push_str("          <strip size='2147483647'>\n");
        out.push_str("            <card type='rows' />\n");
        out.push_str("          </strip>\n");
        out.push_str("          <strip size='31'>\n");
        out.push_str("            <card type='title' />\n");
        out.push_str("          </strip>\n");
        out.push_str("        </edge>\n");
        out.push_str("      </cards>\n");
        let _ = writeln!(
            out,
            "      <simple-id uuid='{}' />",
            uuid(&["window", spec.name, sheet])
        );
        out.push_str("    </window>\n");
    }
    for (i, d) in spec.dashboards.iter().chain(spec.stories).enumerate() {
        let maximized = if i == 0 { " maximized='true'" } else { "" };
        let _ = writeln!(
            out,
            "    <window class='dashboard'{maximized} name='{}'>",
            esc(d)
        );
        if !spec.worksheets.is_empty() {
            out.push_str("      <viewpoints>\n");
            for sheet in spec.worksheets {
                let _ = writeln!(out, "        <viewpoint name='{}'>", esc(sheet));
                out.push_str("          <zoom type='entire-view' />\n");
                out.push_str("        </viewpoint>\n");
            }
            out.push_str("      </viewpoints>\n");
        }
        out.push_str("      <active id='-1' />\n");
        let _ = writeln!(
            out,
            "      <simple-id uuid='{}' />",
            uuid(&["window", spec.name, d])
        );
        out.push_str("    </window>\n");
    }
    out.push_str("  </windows>\n");

    // Thumbnails: base64 PNGs in lines of 76 characters.
    let all: Vec<&str> = spec
        .worksheets
        .iter()
        .chain(spec.dashboards)
        .chain(spec.stories)
        .copied()
        .collect();
    if !all.is_empty() {
        out.push_str("  <thumbnails>\n");
        for sheet in all {
            let png = preview_png(&format!("{}/{sheet}", spec.name), 192, 192);
            let b64 = base64::engine::general_purpose::STANDARD.encode(png);
            let _ = writeln!(
                out,
                "    <thumbnail height='192' name='{}' width='192'>",
                esc(sheet)
            );
            for line in b64.as_bytes().chunks(76) {
                out.push_str("      ");
                out.push_str(std::str::from_utf8(line).unwrap_or_default());
                out.push('\n');
            }
            out.push_str("    </thumbnail>\n");
        }
        out.push_str("  </thumbnails>\n");
    }
    out.push_str("</workbook>\n");
    out
}

fn worksheet(out: &mut String, wb: &str, sheet: &str, i: usize, ds: &str, ds_caption: &str) {
    let (dim, dim_type) = DIMENSIONS[i % DIMENSIONS.len()];
    let measure = MEASURES[i % MEASURES.len()];
    let measure_type = if measure == "quantity" {
        "integer"
    } else {
        "real"
    };
    let (dim_deriv, dim_inst, dim_kind) = if dim_type == "date" {
        ("Year", format!("yr:{dim}:ok"), "ordinal")
    } else {
        ("None", format!("none:{dim}:nk"), "nominal")
    };
    let ds = esc(ds);
    let _ = writeln!(out, "    <worksheet name='{}'>", esc(sheet));
    out.push_str("      <layout-options>\n");
    out.push_str("        <title>\n");
    out.push_str("          <formatted-text>\n");
    let _ = writeln!(out, "            <run>{}</run>", esc(sheet));
    out.push_str("          </formatted-text>\n");
    out.push_str("        </title>\n");
    out.push_str("      </layout-options>\n");
    out.push_str("      <table>\n");
    out.push_str("        <view>\n");
    out.push_str("          <datasources>\n");
    let _ = writeln!(
        out,
        "            <datasource caption='{}' name='{ds}' />",
        esc(ds_caption)
    );
    out.push_str("          </datasources>\n");
    let _ = writeln!(out, "          <datasource-dependencies datasource='{ds}'>");
    let _ = writeln!(
        out,
        "            <column datatype='{dim_type}' name='[{dim}]' role='dimension' type='{dim_kind}' />"
    );
    let _ = writeln!(
        out,
        "            <column datatype='{measure_type}' name='[{measure}]' role='measure' type='quantitative' />"
    );
    let _ = writeln!(
        out,
        "            <column-instance column='[{dim}]' derivation='{dim_deriv}' name='[{dim_inst}]' pivot='key' type='{dim_kind}' />"
    );
    let _ = writeln!(
        out,
        "            <column-instance column='[{measure}]' derivation='Sum' name='[sum:{measure}:qk]' pivot='key' type='quantitative' />"
    );
    out.push_str("          </datasource-dependencies>\n");
    out.push_str("          <aggregation value='true' />\n");
    out.push_str("        </view>\n");
    out.push_str("        <style />\n");
    out.push_str("        <panes>\n");
    out.push_str("          <pane selection-relaxation-option='selection-relaxation-allow'>\n");
    out.push_str("            <view>\n");
    out.push_str("              <breakdown value='auto' />\n");
    out.push_str("            </view>\n");
    let mark = if dim_type == "date" { "Line" } else { "Bar" };
    let _ = writeln!(out, "            <mark class='{mark}' />");
    out.push_str("          </pane>\n");
    out.push_str("        </panes>\n");
    let _ = writeln!(out, "        <rows>[{ds}].[sum:{measure}:qk]</rows>");
    let _ = writeln!(out, "        <cols>[{ds}].[{dim_inst}]</cols>");
    out.push_str("      </table>\n");
    let _ = writeln!(
        out,
        "      <simple-id uuid='{}' />",
        uuid(&["sheet", wb, sheet])
    );
    out.push_str("    </worksheet>\n");
}

fn dashboard(out: &mut String, wb: &str, name: &str, sheets: &[&str]) {
    let _ = writeln!(out, "    <dashboard name='{}'>", esc(name));
    out.push_str("      <style />\n");
    out.push_str(
        "      <size maxheight='800' maxwidth='1000' minheight='800' minwidth='1000' />\n",
    );
    out.push_str("      <zones>\n");
    out.push_str(
        "        <zone h='100000' id='4' type-v2='layout-basic' w='100000' x='0' y='0'>\n",
    );
    out.push_str("          <zone h='98000' id='3' param='vert' type-v2='layout-flow' w='98400' x='800' y='1000'>\n");
    let n = sheets.len().max(1) as u64;
    let each = 98000 / n;
    for (i, sheet) in sheets.iter().enumerate() {
        let _ = writeln!(
            out,
            "            <zone h='{each}' id='{}' name='{}' w='98400' x='800' y='{}' />",
            5 + i,
            esc(sheet),
            1000 + each * i as u64
        );
    }
    out.push_str("          </zone>\n");
    out.push_str("        </zone>\n");
    out.push_str("      </zones>\n");
    let _ = writeln!(
        out,
        "      <simple-id uuid='{}' />",
        uuid(&["sheet", wb, name])
    );
    out.push_str("    </dashboard>\n");
}

fn story(out: &mut String, wb: &str, name: &str, captured: &[&str]) {
    let _ = writeln!(
        out,
        "    <dashboard name='{}' type='storyboard'>",
        esc(name)
    );
    out.push_str("      <style />\n");
    out.push_str("      <size maxheight='964' maxwidth='1016' minheight='964' minwidth='1016' sizing-mode='fixed' />\n");
    out.push_str("      <zones>\n");
    out.push_str(
        "        <zone h='100000' id='1' type-v2='layout-basic' w='100000' x='0' y='0'>\n",
    );
    out.push_str("          <zone h='98340' id='2' param='vert' type-v2='layout-flow' w='98426' x='787' y='830'>\n");
    out.push_str("            <zone h='3423' id='3' type='title' w='98426' x='787' y='830' />\n");
    out.push_str("            <zone h='10477' id='4' is-fixed='true' paired-zone-id='5' type='flipboard-nav' w='98426' x='787' y='4253' />\n");
    out.push_str("            <zone h='84440' id='5' paired-zone-id='4' type='flipboard' w='98426' x='787' y='14730'>\n");
    out.push_str(
        "              <flipboard active-id='1' nav-type='caption' show-nav-arrows='true'>\n",
    );
    out.push_str("                <story-points>\n");
    for (i, sheet) in captured.iter().enumerate() {
        let _ = writeln!(
            out,
            "                  <story-point caption='{}' captured-sheet='{}' id='{}' />",
            esc(&format!("Point {}: {sheet}", i + 1)),
            esc(sheet),
            i + 1
        );
    }
    out.push_str("                </story-points>\n");
    out.push_str("              </flipboard>\n");
    out.push_str("            </zone>\n");
    out.push_str("          </zone>\n");
    out.push_str("        </zone>\n");
    out.push_str("      </zones>\n");
    let _ = writeln!(
        out,
        "      <simple-id uuid='{}' />",
        uuid(&["sheet", wb, name])
    );
    out.push_str("    </dashboard>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            esc("a&b<c>'d\"\te\n\r\u{1}é東"),
            "a&amp;b&lt;c&gt;&apos;d&quot;&#9;e&#10;&#13;\u{FFFD}é東"
        );
    }

    #[test]
    fn ids_look_like_tableau() {
        let f = federated_name("Superstore");
        assert!(f.starts_with("federated.0") || f.starts_with("federated.1"));
        assert_eq!(f.len(), "federated.".len() + 28);
        assert_eq!(f, federated_name("Superstore"));
        let u = uuid(&["x"]);
        assert_eq!(u.len(), 38);
        assert!(u.starts_with('{') && u.ends_with('}'));
        assert_eq!(file_stem("a/b:c"), "a_b_c");
        assert_eq!(file_stem(" .. "), "Untitled");
    }

    #[test]
    fn hyper_sizes() {
        for size in [0u64, 1, 11, 12, 13, 65_536, 200_003] {
            let mut v = Vec::new();
            hyper_file(size, 1, &mut v).unwrap();
            assert_eq!(v.len() as u64, size);
            let k = (size as usize).min(12);
            assert_eq!(&v[..k], &HYPER_MAGIC[..k]);
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        hyper_file(1000, 5, &mut a).unwrap();
        hyper_file(1000, 6, &mut b).unwrap();
        assert_ne!(a, b);
    }
}
