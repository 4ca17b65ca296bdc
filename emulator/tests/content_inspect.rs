//! Inspection of uploaded content: round trips of the project's own samples,
//! a hand-written workbook shaped like a real Tableau 2023 file, rejection
//! of every kind of bad input, and a small fuzz run.

use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use tsc_emulator::content::{
    datasource_tds, datasource_tdsx, hyper_file, inspect_datasource, inspect_workbook, sniff,
    workbook_twb, workbook_twb_with_stories, workbook_twbx, workbook_twbx_with_stories,
    write_sample_set, Connection, FileKind, InspectError, Inspected, SampleConnection, Sheet,
    SheetType, SniffedFormat, TDE_MAGIC,
};

// ----------------------------------------------------------------------------
// Helpers
// ----------------------------------------------------------------------------

/// A scratch directory removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "tsc-content-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn inspect(path: &Path, kind: FileKind) -> Result<Inspected, InspectError> {
    if kind.is_workbook() {
        inspect_workbook(path, kind)
    } else {
        inspect_datasource(path, kind)
    }
}

fn sheets(ws: &[&str], ds: &[&str], st: &[&str]) -> Vec<Sheet> {
    let mk = |names: &[&str], t: SheetType| {
        names
            .iter()
            .map(|n| Sheet {
                name: n.to_string(),
                sheet_type: t,
            })
            .collect::<Vec<_>>()
    };
    let mut v = mk(ws, SheetType::Worksheet);
    v.extend(mk(ds, SheetType::Dashboard));
    v.extend(mk(st, SheetType::Story));
    v
}

fn conn(class: &str, server: &str, port: &str, username: &str, dbname: &str) -> Connection {
    Connection {
        class: class.into(),
        server: server.into(),
        port: port.into(),
        username: username.into(),
        dbname: dbname.into(),
        datasource: String::new(),
    }
}

/// A workbook connection found inside the data source with this caption.
fn in_ds(caption: &str, c: Connection) -> Connection {
    Connection {
        datasource: caption.into(),
        ..c
    }
}

/// A zip built in memory from (name, bytes) entries.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        if name.ends_with('/') {
            z.add_directory(*name, opts).unwrap();
        } else {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
    }
    z.finish().unwrap().into_inner()
}

fn expect_err(path: &Path, kind: FileKind, needle: &str) -> String {
    match inspect(path, kind) {
        Ok(r) => panic!("{kind} {}: expected an error, got {r:?}", path.display()),
        Err(e) => {
            assert!(
                e.detail.contains(needle),
                "{kind}: detail {:?} lacks {needle:?}",
                e.detail
            );
            assert!(
                !e.detail.contains(&*path.to_string_lossy()),
                "the detail must not leak the path: {:?}",
                e.detail
            );
            assert!(e.detail.ends_with('.'), "a sentence: {:?}", e.detail);
            e.detail
        }
    }
}

const AWKWARD_WS: [&str; 5] = [
    "Sales by Region",
    "Profit & Loss",
    "Customers' Orders",
    "Région Île-de-France — 東京 <2024> \"quoted\"",
    "  leading and trailing  ",
];
const AWKWARD_DB: [&str; 2] = ["Executive Overview", "KPIs & Trends"];
const AWKWARD_ST: [&str; 1] = ["The Year's Story"];

fn awkward_connection() -> SampleConnection {
    SampleConnection {
        class: "sqlserver".into(),
        server: "sql-01.corp.example.com".into(),
        port: "1433".into(),
        username: "o'brien & \"co\" <dba>".into(),
        dbname: "Ventes Été".into(),
    }
}

// ----------------------------------------------------------------------------
// Round trips
// ----------------------------------------------------------------------------

#[test]
fn twb_round_trip_with_awkward_names() {
    let s = Scratch::new("twb");
    let c = awkward_connection();
    let bytes =
        workbook_twb_with_stories("Q1 Sales & Ops", &AWKWARD_WS, &AWKWARD_DB, &AWKWARD_ST, &c);
    assert_eq!(sniff(&bytes), Some(SniffedFormat::Xml));
    let p = s.write("Q1.twb", &bytes);
    let r = inspect_workbook(&p, FileKind::Twb).unwrap();
    assert_eq!(r.sheets, sheets(&AWKWARD_WS, &AWKWARD_DB, &AWKWARD_ST));
    assert_eq!(r.connections, vec![c.in_workbook("Q1 Sales & Ops")]);
}

#[test]
fn twbx_round_trip_with_awkward_names() {
    let s = Scratch::new("twbx");
    let c = awkward_connection();
    let bytes =
        workbook_twbx_with_stories("Q1/Sales: Ops", &AWKWARD_WS, &AWKWARD_DB, &AWKWARD_ST, &c);
    assert_eq!(sniff(&bytes), Some(SniffedFormat::Zip));
    let p = s.write("Q1.twbx", &bytes);
    let r = inspect_workbook(&p, FileKind::Twbx).unwrap();
    assert_eq!(r.sheets, sheets(&AWKWARD_WS, &AWKWARD_DB, &AWKWARD_ST));
    // The extract connection (class='hyper') is not reported.
    assert_eq!(r.connections, vec![c.in_workbook("Q1/Sales: Ops")]);

    // The package holds the .twb at the root and the extract placeholder.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap();
    let names: Vec<String> = archive.file_names().map(String::from).collect();
    assert!(
        names.contains(&"Q1_Sales_ Ops.twb".to_string()),
        "{names:?}"
    );
    let extract = names
        .iter()
        .find(|n| n.starts_with("Data/Extracts/") && n.ends_with(".hyper"))
        .expect("extract placeholder");
    let mut head = [0u8; 12];
    std::io::Read::read_exact(&mut archive.by_name(extract).unwrap(), &mut head).unwrap();
    assert_eq!(sniff(&head), Some(SniffedFormat::Hyper));
}

#[test]
fn plain_signatures_without_stories() {
    let s = Scratch::new("plain");
    let c = SampleConnection::default();
    let twb = s.write(
        "a.twb",
        &workbook_twb("A", &["Sheet 1", "Sheet 2"], &["Dashboard 1"], &c),
    );
    let twbx = s.write("a.twbx", &workbook_twbx("A", &["Sheet 1"], &[], &c));
    let r = inspect_workbook(&twb, FileKind::Twb).unwrap();
    assert_eq!(
        r.sheets,
        sheets(&["Sheet 1", "Sheet 2"], &["Dashboard 1"], &[])
    );
    assert_eq!(r.connections, vec![c.in_workbook("A")]);
    let r = inspect_workbook(&twbx, FileKind::Twbx).unwrap();
    assert_eq!(r.sheets, sheets(&["Sheet 1"], &[], &[]));
    assert_eq!(r.connections.len(), 1);

    // A workbook with only dashboards, and one with nothing at all.
    let only = s.write("b.twb", &workbook_twb("B", &[], &["D"], &c));
    assert_eq!(
        inspect_workbook(&only, FileKind::Twb).unwrap().sheets,
        sheets(&[], &["D"], &[])
    );
    let empty = s.write("c.twb", &workbook_twb("C", &[], &[], &c));
    assert!(inspect_workbook(&empty, FileKind::Twb)
        .unwrap()
        .sheets
        .is_empty());
}

#[test]
fn tds_and_tdsx_round_trip() {
    let s = Scratch::new("tds");
    for c in [SampleConnection::default(), awkward_connection()] {
        let tds = s.write("x.tds", &datasource_tds("Sales & Returns 'EU'", &c));
        let r = inspect_datasource(&tds, FileKind::Tds).unwrap();
        assert!(r.sheets.is_empty());
        assert_eq!(r.connections, vec![Connection::from(&c)]);

        let bytes = datasource_tdsx("Sales & Returns 'EU'", &c);
        assert_eq!(sniff(&bytes), Some(SniffedFormat::Zip));
        let tdsx = s.write("x.tdsx", &bytes);
        let r = inspect_datasource(&tdsx, FileKind::Tdsx).unwrap();
        assert!(r.sheets.is_empty());
        assert_eq!(r.connections, vec![Connection::from(&c)]);
    }
}

#[test]
fn connection_without_class_is_not_a_connection() {
    let s = Scratch::new("noclass");
    let c = SampleConnection {
        class: String::new(),
        ..SampleConnection::default()
    };
    let p = s.write("n.twb", &workbook_twb("N", &["S"], &[], &c));
    let r = inspect_workbook(&p, FileKind::Twb).unwrap();
    assert_eq!(r.sheets.len(), 1);
    assert!(r.connections.is_empty());
}

#[test]
fn hyper_and_tde() {
    let s = Scratch::new("extract");
    let mut bytes = Vec::new();
    hyper_file(100_000, 9, &mut bytes).unwrap();
    assert_eq!(bytes.len(), 100_000);
    assert_eq!(sniff(&bytes[..32]), Some(SniffedFormat::Hyper));
    let p = s.write("e.hyper", &bytes);
    let r = inspect_datasource(&p, FileKind::Hyper).unwrap();
    assert!(r.sheets.is_empty());
    assert_eq!(r.connections, vec![conn("hyper", "", "", "", "")]);

    let mut tde = TDE_MAGIC.to_vec();
    tde.extend_from_slice(&[0u8; 60]);
    let p = s.write("e.tde", &tde);
    let r = inspect_datasource(&p, FileKind::Tde).unwrap();
    assert_eq!(r.connections, vec![conn("dataengine", "", "", "", "")]);
}

#[test]
fn sample_set_round_trips() {
    let s = Scratch::new("set");
    let dir = s.0.join("samples");
    let paths = write_sample_set(&dir).unwrap();
    let names: Vec<_> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "Superstore.twbx",
            "Regional.twb",
            "Sales.tds",
            "Sales.tdsx",
            "Extract.hyper"
        ]
    );
    let default = Connection::from(&SampleConnection::default());
    for p in &paths {
        let kind = FileKind::from_file_name(&p.to_string_lossy()).unwrap();
        let r = inspect(p, kind).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        match p.file_name().unwrap().to_str().unwrap() {
            "Superstore.twbx" => {
                assert_eq!(
                    r.sheets,
                    sheets(
                        &[
                            "Sales by Region",
                            "Profit & Discount",
                            "Customers' Lifetime Value"
                        ],
                        &["Overview"],
                        &["Sales Story"]
                    )
                );
                assert_eq!(
                    r.connections,
                    vec![SampleConnection::default().in_workbook("Superstore")]
                );
            }
            "Regional.twb" => {
                assert_eq!(
                    r.sheets,
                    sheets(
                        &["Région Nord", "Zürich & Genève", "Tōkyō 東京"],
                        &["Regional <Summary>"],
                        &[]
                    )
                );
                assert_eq!(
                    r.connections,
                    vec![Connection {
                        datasource: "Orders (Regional)".into(),
                        ..conn(
                            "sqlserver",
                            "mssql.example.com",
                            "1433",
                            "report_reader",
                            "Regional"
                        )
                    }]
                );
            }
            "Sales.tds" | "Sales.tdsx" => assert_eq!(r.connections, vec![default.clone()]),
            "Extract.hyper" => {
                assert_eq!(r.connections, vec![conn("hyper", "", "", "", "")]);
                assert_eq!(std::fs::metadata(p).unwrap().len(), 64 * 1024);
            }
            other => panic!("unexpected sample {other}"),
        }
    }
    // Deterministic: writing again gives the same bytes.
    let again = write_sample_set(&s.0.join("again")).unwrap();
    for (a, b) in paths.iter().zip(&again) {
        assert_eq!(
            std::fs::read(a).unwrap(),
            std::fs::read(b).unwrap(),
            "{}",
            a.display()
        );
    }
}

#[test]
fn many_sheets_stream_fine() {
    let s = Scratch::new("many");
    let names: Vec<String> = (0..1500).map(|i| format!("Sheet {i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let p = s.write(
        "m.twbx",
        &workbook_twbx("Many", &refs, &["D1", "D2"], &SampleConnection::default()),
    );
    let r = inspect_workbook(&p, FileKind::Twbx).unwrap();
    assert_eq!(r.sheets.len(), 1502);
    assert_eq!(r.sheets[1499].name, "Sheet 1499");
    assert_eq!(r.sheets[1501].sheet_type, SheetType::Dashboard);
}

// ----------------------------------------------------------------------------
// A hand-written workbook shaped like one saved by Tableau Desktop
// ----------------------------------------------------------------------------

/// Written for these tests in the shape of Tableau 2023 files: a
/// `Parameters` pseudo-datasource, a federated datasource with two named
/// connections and an extract, a published (sqlproxy) datasource, feature
/// flag prefixed elements, datasource references inside worksheets and
/// dashboards, a story, windows.
const FIXTURE_TWB: &str = r#"<?xml version='1.0' encoding='utf-8' ?>

<!-- build 20233.23.1017.0948                               -->
<workbook original-version='18.1' source-build='2023.3.0 (20233.23.1017.0948)' source-platform='mac' version='18.1' xmlns:user='http://www.tableausoftware.com/xml/user'>
  <document-format-change-manifest>
    <_.fcp.ObjectModelEncapsulateLegacy.true...ObjectModelEncapsulateLegacy />
    <SheetIdentifierTracking />
  </document-format-change-manifest>
  <repository-location id='Fixture' path='/t/site/workbooks' revision='1.2' site='site' />
  <datasources>
    <datasource hasconnection='false' inline='true' name='Parameters' version='18.1'>
      <aliases enabled='yes' />
      <column caption='Profit Bin Size' datatype='integer' name='[Parameter 2]' param-domain-type='range' role='measure' type='quantitative' value='200'>
        <calculation class='tableau' formula='200' />
        <range granularity='50' max='200' min='50' />
      </column>
    </datasource>
    <datasource caption='orders+ (Multiple Connections)' inline='true' name='federated.1bw8gel1hkm5ms1c8jgrm0zixmde' version='18.1'>
      <connection class='federated'>
        <named-connections>
          <named-connection caption='mysql.corp' name='mysql.0unbi0i1tfh602155zoou04tacme'>
            <connection class='mysql' dbname='shop' odbc-native-protocol='' port='3306' server='mysql.corp' source-charset='' username='reader' />
          </named-connection>
          <named-connection caption='mssql.corp' name='sqlserver.15j0kvj16xdjas1bs191w1ji441w'>
            <connection authentication='sqlserver' class='sqlserver' dbname='Finance &amp; Ops' odbc-native-protocol='yes' one-time-sql='' server='mssql.corp' username='fin&apos;user' />
          </named-connection>
        </named-connections>
        <_.fcp.ObjectModelEncapsulateLegacy.false...relation join='inner' type='join'>
          <clause type='join'>
            <expression op='='>
              <expression op='[orders].[id]' />
              <expression op='[ledger].[order_id]' />
            </expression>
          </clause>
          <relation connection='mysql.0unbi0i1tfh602155zoou04tacme' name='orders' table='[orders]' type='table' />
          <relation connection='sqlserver.15j0kvj16xdjas1bs191w1ji441w' name='ledger' table='[dbo].[ledger]' type='table' />
        </_.fcp.ObjectModelEncapsulateLegacy.false...relation>
        <_.fcp.ObjectModelEncapsulateLegacy.true...relation type='collection'>
          <relation connection='mysql.0unbi0i1tfh602155zoou04tacme' name='orders' table='[orders]' type='table' />
        </_.fcp.ObjectModelEncapsulateLegacy.true...relation>
        <_.fcp.SomeRetiredFeature.false...connection class='oracle' server='never.reported' />
        <metadata-records>
          <metadata-record class='column'>
            <remote-name>id</remote-name>
            <remote-type>20</remote-type>
            <local-name>[id]</local-name>
            <parent-name>[orders]</parent-name>
          </metadata-record>
        </metadata-records>
      </connection>
      <aliases enabled='yes' />
      <extract count='-1' enabled='true' units='records'>
        <connection access_mode='readonly' class='hyper' dbname='Data/Extracts/federated_1bw8gel1hkm5ms1c8jgrm0zixmde.hyper' schema='Extract' tablename='Extract' username='tableau_internal_user'>
          <relation name='Extract' table='[Extract].[Extract]' type='table' />
        </connection>
      </extract>
    </datasource>
    <datasource caption='Published Sales' inline='true' name='sqlproxy.0uczajf02b02kv16u6atd08pslj5' version='18.1'>
      <repository-location id='PublishedSales' path='/t/site/datasources' revision='1.0' site='site' />
      <connection channel='https' class='sqlproxy' dbname='PublishedSales' directory='/dataserver' port='443' server='tableau.example.com' username='' />
    </datasource>
    <datasource inline='true' name='broken.0000000000000000000000000000' version='18.1'>
      <connection server='no-class.example.com' />
    </datasource>
  </datasources>
  <worksheets>
    <worksheet name='Orders by Month'>
      <table>
        <view>
          <datasources>
            <datasource caption='orders+ (Multiple Connections)' name='federated.1bw8gel1hkm5ms1c8jgrm0zixmde' />
            <datasource name='Parameters' />
          </datasources>
          <datasource-dependencies datasource='federated.1bw8gel1hkm5ms1c8jgrm0zixmde'>
            <column datatype='integer' name='[id]' role='dimension' type='ordinal' />
          </datasource-dependencies>
        </view>
        <rows>[federated.1bw8gel1hkm5ms1c8jgrm0zixmde].[cnt:id:qk]</rows>
        <cols />
      </table>
      <simple-id uuid='{2A5B0D1E-3C4F-4A6B-8C7D-9E0F1A2B3C4D}' />
    </worksheet>
    <worksheet name='Ledger &amp; Balance'>
      <table>
        <view>
          <datasources>
            <datasource name='sqlproxy.0uczajf02b02kv16u6atd08pslj5' />
          </datasources>
        </view>
        <rows />
        <cols />
      </table>
    </worksheet>
  </worksheets>
  <dashboards>
    <dashboard name='Story 1' type='storyboard'>
      <zones>
        <zone h='100000' id='1' type-v2='layout-basic' w='100000' x='0' y='0'>
          <zone h='84440' id='5' type='flipboard' w='98426' x='787' y='14730'>
            <flipboard active-id='1' nav-type='caption' show-nav-arrows='true'>
              <story-points>
                <story-point captured-sheet='Orders by Month' id='1' />
              </story-points>
            </flipboard>
          </zone>
        </zone>
      </zones>
    </dashboard>
    <dashboard name='Main Dashboard'>
      <datasources>
        <datasource name='Parameters' />
      </datasources>
      <zones>
        <zone h='100000' id='4' type-v2='layout-basic' w='100000' x='0' y='0'>
          <zone h='98000' id='1' name='Orders by Month' w='98400' x='800' y='1000' />
        </zone>
      </zones>
    </dashboard>
  </dashboards>
  <windows source-height='30'>
    <window class='worksheet' name='Orders by Month'>
      <cards />
    </window>
    <window class='worksheet' name='Ledger &amp; Balance' />
    <window class='dashboard' maximized='true' name='Main Dashboard' />
    <window class='dashboard' name='Story 1' />
  </windows>
</workbook>
"#;

fn fixture_expected() -> Inspected {
    Inspected {
        sheets: sheets(
            &["Orders by Month", "Ledger & Balance"],
            &["Main Dashboard"],
            &["Story 1"],
        ),
        connections: vec![
            in_ds(
                "orders+ (Multiple Connections)",
                conn("mysql", "mysql.corp", "3306", "reader", "shop"),
            ),
            in_ds(
                "orders+ (Multiple Connections)",
                conn("sqlserver", "mssql.corp", "", "fin'user", "Finance & Ops"),
            ),
            in_ds(
                "Published Sales",
                conn(
                    "sqlproxy",
                    "tableau.example.com",
                    "443",
                    "",
                    "PublishedSales",
                ),
            ),
        ],
    }
}

#[test]
fn hand_written_fixture_twb() {
    let s = Scratch::new("fixture");
    let p = s.write("Fixture.twb", FIXTURE_TWB.as_bytes());
    assert_eq!(
        inspect_workbook(&p, FileKind::Twb).unwrap(),
        fixture_expected()
    );

    // With a UTF-8 BOM and CRLF line ends, as Windows tools may save it.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(FIXTURE_TWB.replace('\n', "\r\n").as_bytes());
    let p = s.write("Bom.twb", &bom);
    assert_eq!(
        inspect_workbook(&p, FileKind::Twb).unwrap(),
        fixture_expected()
    );
}

#[test]
fn hand_written_fixture_twbx_layouts() {
    let s = Scratch::new("fixturex");
    let hyper = {
        let mut v = Vec::new();
        hyper_file(4096, 1, &mut v).unwrap();
        v
    };
    // Root .twb is preferred over one in a folder.
    let decoy = workbook_twb("Decoy", &["Decoy"], &[], &SampleConnection::default());
    let z = zip_of(&[
        ("Archive/", b""),
        ("Archive/Old.twb", &decoy),
        (
            "Data/Extracts/federated_1bw8gel1hkm5ms1c8jgrm0zixmde.hyper",
            &hyper,
        ),
        ("Fixture.TWB", FIXTURE_TWB.as_bytes()),
    ]);
    let p = s.write("root.twbx", &z);
    assert_eq!(
        inspect_workbook(&p, FileKind::Twbx).unwrap(),
        fixture_expected()
    );

    // No .twb at the root: the first one anywhere (macOS junk ignored).
    let z = zip_of(&[
        ("__MACOSX/Fixture/._Fixture.twb", b"\x00\x05\x16\x07junk"),
        ("Fixture/._Fixture.twb", b"\x00\x05\x16\x07junk"),
        ("Fixture/Fixture.twb", FIXTURE_TWB.as_bytes()),
        ("Fixture/Later.twb", &decoy),
    ]);
    let p = s.write("nested.twbx", &z);
    assert_eq!(
        inspect_workbook(&p, FileKind::Twbx).unwrap(),
        fixture_expected()
    );
}

#[test]
fn hand_written_federated_tds() {
    let s = Scratch::new("fixture-tds");
    let tds = r#"<?xml version='1.0' encoding='utf-8' ?><datasource formatted-name='federated.1s4nxn20cywkdv13ql0yk0g1mpdx' inline='true' source-platform='linux' version='18.1' xmlns:user='http://www.tableausoftware.com/xml/user'><connection class='federated'><named-connections><named-connection caption='pg' name='postgres.1ewmkrw0mtgsev1dnurma1blii4x'><connection class='postgres' dbname='dw' port='5432' server='pg.example.com' username='etl' /></named-connection><named-connection caption='snow' name='snowflake.1erdwp01uqynlb14ul78p0haai2r'><connection class='snowflake' dbname='ANALYTICS' server='acme.snowflakecomputing.com' username='SVC_TABLEAU' /></named-connection></named-connections></connection></datasource>"#;
    let p = s.write("f.tds", tds.as_bytes());
    let r = inspect_datasource(&p, FileKind::Tds).unwrap();
    assert_eq!(
        r.connections,
        vec![
            conn("postgres", "pg.example.com", "5432", "etl", "dw"),
            conn(
                "snowflake",
                "acme.snowflakecomputing.com",
                "",
                "SVC_TABLEAU",
                "ANALYTICS"
            ),
        ]
    );
    let p = s.write("f.tdsx", &zip_of(&[("f.tds", tds.as_bytes())]));
    assert_eq!(inspect_datasource(&p, FileKind::Tdsx).unwrap(), r);
}

// ----------------------------------------------------------------------------
// Rejections
// ----------------------------------------------------------------------------

#[test]
fn rejects_bad_twb() {
    let s = Scratch::new("bad-twb");
    let c = SampleConnection::default();
    let good = workbook_twb("G", &["S"], &["D"], &c);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "empty"),
        ("whitespace", b"  \n ".to_vec(), "no XML element"),
        (
            "datasource root",
            datasource_tds("X", &c),
            "root element is <datasource>, expected <workbook>",
        ),
        (
            "html",
            b"<!DOCTYPE html><html><body>hi</body></html>".to_vec(),
            "root element is <html>",
        ),
        (
            "binary",
            vec![0u8, 1, 2, 3, 255, 254, 10, 13],
            "not an XML document",
        ),
        ("text", b"just some text".to_vec(), "not an XML document"),
        ("truncated", good[..good.len() / 2].to_vec(), "not"),
        (
            "mismatched",
            b"<workbook><worksheets></workbook>".to_vec(),
            "not well-formed XML",
        ),
        (
            "bad entity",
            b"<workbook><worksheets><worksheet name='&nope;'/></worksheets></workbook>".to_vec(),
            "not well-formed XML",
        ),
        (
            "zip",
            workbook_twbx("Z", &["S"], &[], &c),
            "zip archive, not an XML document",
        ),
        (
            "hyper",
            {
                let mut v = Vec::new();
                hyper_file(64, 1, &mut v).unwrap();
                v
            },
            "Hyper extract, not an XML document",
        ),
        (
            "two roots",
            b"<workbook/><workbook/>".to_vec(),
            "more than one root",
        ),
    ];
    for (what, bytes, needle) in cases {
        let p = s.write(&format!("{}.twb", what.replace(' ', "_")), &bytes);
        let d = expect_err(&p, FileKind::Twb, needle);
        assert!(
            d.starts_with("The file is not a valid Tableau workbook (.twb)"),
            "{what}: {d}"
        );
    }
}

#[test]
fn rejects_bad_twbx() {
    let s = Scratch::new("bad-twbx");
    let c = SampleConnection::default();
    let good = workbook_twbx("G", &["S"], &["D"], &c);

    let p = s.write("xml.twbx", &workbook_twb("X", &["S"], &[], &c));
    expect_err(&p, FileKind::Twbx, "XML document, not a zip archive");

    let p = s.write("garbage.twbx", b"this is not a zip file at all");
    expect_err(&p, FileKind::Twbx, "not a zip archive");

    let p = s.write("empty.twbx", b"");
    expect_err(&p, FileKind::Twbx, "empty");

    let p = s.write("truncated.twbx", &good[..good.len() / 2]);
    expect_err(&p, FileKind::Twbx, "not a zip archive");

    let p = s.write(
        "notwb.twbx",
        &zip_of(&[("Data/x.hyper", b"Hyper\x08"), ("readme.txt", b"hi")]),
    );
    expect_err(&p, FileKind::Twbx, "contains no .twb file");

    let p = s.write("tds-inside.twbx", &datasource_tdsx("D", &c));
    expect_err(&p, FileKind::Twbx, "contains no .twb file");

    let p = s.write(
        "broken.twbx",
        &zip_of(&[("W.twb", b"<workbook><worksheets>")]),
    );
    let d = expect_err(&p, FileKind::Twbx, "in the embedded 'W.twb'");
    assert!(d.contains("ends before"), "{d}");

    let p = s.write(
        "wrongroot.twbx",
        &zip_of(&[("W.twb", &datasource_tds("D", &c))]),
    );
    expect_err(&p, FileKind::Twbx, "root element is <datasource>");

    // Valid zip structure, corrupted compressed data of the .twb: either the
    // inflater or the CRC check must catch it.
    let big = workbook_twb("Big", &["A", "B", "C"], &["D"], &c);
    let mut z = zip_of(&[("Big.twb", &big)]);
    let data_start = 30 + "Big.twb".len();
    for b in &mut z[data_start + 200..data_start + 260] {
        *b ^= 0x5A;
    }
    let p = s.write("corrupt.twbx", &z);
    expect_err(&p, FileKind::Twbx, "in the embedded 'Big.twb'");
}

#[test]
fn rejects_bad_datasources() {
    let s = Scratch::new("bad-ds");
    let c = SampleConnection::default();

    let p = s.write("wb.tds", &workbook_twb("W", &["S"], &[], &c));
    expect_err(
        &p,
        FileKind::Tds,
        "root element is <workbook>, expected <datasource>",
    );
    let tds = String::from_utf8(datasource_tds("T", &c)).unwrap();
    let cut = tds.find("<metadata-records>").unwrap();
    let p = s.write("trunc.tds", &tds.as_bytes()[..cut]);
    expect_err(&p, FileKind::Tds, "ends before its elements are closed");
    let p = s.write("trunc-tag.tds", &tds.as_bytes()[..cut + 5]);
    expect_err(&p, FileKind::Tds, "not well-formed XML");

    let p = s.write("twbx.tdsx", &workbook_twbx("W", &["S"], &[], &c));
    expect_err(&p, FileKind::Tdsx, "contains no .tds file");
    let p = s.write("xml.tdsx", &datasource_tds("T", &c));
    expect_err(&p, FileKind::Tdsx, "not a zip archive");

    let p = s.write("text.hyper", b"Hyperion was a titan");
    expect_err(
        &p,
        FileKind::Hyper,
        "does not start with the Hyper file signature",
    );
    let p = s.write("zip.hyper", &datasource_tdsx("T", &c));
    expect_err(&p, FileKind::Hyper, "zip archive, not a Hyper extract");
    let p = s.write("empty.hyper", b"");
    expect_err(&p, FileKind::Hyper, "empty");
    let p = s.write("hyper.tde", b"Hyper\x08\x00\x00\x01\x00\x00\x00");
    expect_err(&p, FileKind::Tde, "Hyper extract, not a TDE extract");
    let p = s.write("junk.tde", b"\x00\x01\x02\x03");
    expect_err(
        &p,
        FileKind::Tde,
        "does not start with the TDE file signature",
    );
}

#[test]
fn rejects_wrong_kind_and_missing_file() {
    let s = Scratch::new("kind");
    let c = SampleConnection::default();
    let tds = s.write("a.tds", &datasource_tds("A", &c));
    let twb = s.write("a.twb", &workbook_twb("A", &["S"], &[], &c));
    for k in [
        FileKind::Tds,
        FileKind::Tdsx,
        FileKind::Hyper,
        FileKind::Tde,
    ] {
        let e = inspect_workbook(&tds, k).unwrap_err();
        assert!(e.detail.contains("is not a workbook"), "{e}");
    }
    for k in [FileKind::Twb, FileKind::Twbx] {
        let e = inspect_datasource(&twb, k).unwrap_err();
        assert!(e.detail.contains("is not a data source"), "{e}");
    }
    let missing = s.0.join("missing.twb");
    expect_err(&missing, FileKind::Twb, "could not be read");
    expect_err(&missing, FileKind::Hyper, "could not be read");
}

#[test]
fn rejects_oversized_xml_token() {
    let s = Scratch::new("huge");
    let mut f = std::fs::File::create(s.0.join("huge.twb")).unwrap();
    f.write_all(b"<workbook><thumbnails><thumbnail name='x'>")
        .unwrap();
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..65 {
        f.write_all(&chunk).unwrap();
    }
    f.write_all(b"</thumbnail></thumbnails></workbook>")
        .unwrap();
    drop(f);
    expect_err(&s.0.join("huge.twb"), FileKind::Twb, "larger than 64 MiB");
}

// ----------------------------------------------------------------------------
// Fuzz: truncations and mutations never panic
// ----------------------------------------------------------------------------

thread_local! {
    static PANICS_HERE: Cell<usize> = const { Cell::new(0) };
}

/// Counts panics on this thread, even those caught by the inspector's own
/// guard, so that "no panic" means no panic anywhere in the call tree.
fn count_panics() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS_HERE.with(|c| c.set(c.get() + 1));
            previous(info);
        }));
    });
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut v = base.to_vec();
    match rng.below(5) {
        0 => v.truncate(rng.below(base.len())),
        1 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
        }
        2 => {
            // Overwrite a run (hits headers, sizes, offsets).
            let i = rng.below(v.len());
            let n = 1 + rng.below(64);
            for b in v.iter_mut().skip(i).take(n) {
                *b = rng.next() as u8;
            }
        }
        3 => {
            let i = rng.below(v.len());
            let j = rng.below(v.len());
            let (a, b) = (i.min(j), i.max(j));
            v.drain(a..b);
        }
        _ => {
            let i = rng.below(v.len());
            let junk: Vec<u8> = (0..1 + rng.below(32)).map(|_| rng.next() as u8).collect();
            v.splice(i..i, junk);
        }
    }
    v
}

#[test]
fn fuzz_never_panics() {
    count_panics();
    let s = Scratch::new("fuzz");
    let c = awkward_connection();
    let twbx = workbook_twbx_with_stories("Fuzz", &AWKWARD_WS, &AWKWARD_DB, &AWKWARD_ST, &c);
    // A stored (uncompressed) variant, so mutations also reach the XML.
    let stored = {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file(
            "Fuzz.twb",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored),
        )
        .unwrap();
        z.write_all(FIXTURE_TWB.as_bytes()).unwrap();
        z.finish().unwrap().into_inner()
    };
    let tdsx = datasource_tdsx("Fuzz", &c);
    // CONTENT_FUZZ_ROUNDS=N runs N rounds per workbook target (default 200).
    let n: usize = std::env::var("CONTENT_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let seed = std::env::var("CONTENT_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED);
    let mut rng = Rng(seed);
    let (mut ok, mut err) = (0, 0);
    let targets: [(&[u8], FileKind, usize); 5] = [
        (&twbx, FileKind::Twbx, n),
        (&stored, FileKind::Twbx, n),
        (FIXTURE_TWB.as_bytes(), FileKind::Twb, n),
        (&tdsx, FileKind::Tdsx, n.div_ceil(3)),
        (&twbx[..64], FileKind::Hyper, 20),
    ];
    for (base, kind, rounds) in targets {
        for i in 0..rounds {
            let bytes = mutate(&mut rng, base);
            let p = s.write(&format!("f{i}.{kind}"), &bytes);
            match inspect(&p, kind) {
                Ok(_) => ok += 1,
                Err(e) => {
                    assert!(!e.detail.is_empty());
                    err += 1;
                }
            }
        }
    }
    // Random garbage of every kind.
    for kind in FileKind::ALL {
        for len in [0usize, 1, 3, 4, 12, 31, 100, 5000] {
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let p = s.write(&format!("g{len}.{kind}"), &bytes);
            let _ = inspect(&p, kind);
        }
    }
    eprintln!("fuzz: {ok} accepted, {err} refused");
    assert!(ok > 0 && err > 0, "ok={ok} err={err}");
    assert_eq!(
        PANICS_HERE.with(Cell::get),
        0,
        "a panic happened while inspecting"
    );
}
