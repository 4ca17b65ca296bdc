//! Minimal valid Office Open XML workbooks (`.xlsx`) for the crosstab export: one sheet whose
//! first row is the header and whose other rows hold text and numbers, with the parts Excel and
//! LibreOffice need (`[Content_Types].xml`, the package and workbook relationships, the workbook
//! and the sheet). Text goes inline (`t="inlineStr"`), so there is no shared-strings part.

use super::zipped::{self, Method};
use crate::reply::escaped as escape;

/// A cell: text or a number.
pub enum Cell {
    Text(String),
    Number(u64),
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Column letters of a zero-based index (A, B, …, Z, AA, …).
fn column(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

fn sheet(rows: &[Vec<Cell>]) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"{MAIN}\"><sheetData>"
    );
    for (r, row) in rows.iter().enumerate() {
        x.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column(c), r + 1);
            match cell {
                Cell::Text(t) => x.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                    escape(t)
                )),
                Cell::Number(n) => x.push_str(&format!("<c r=\"{at}\"><v>{n}</v></c>")),
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// A workbook with one sheet named `sheet_name` holding `rows`.
pub fn workbook(sheet_name: &str, rows: &[Vec<Cell>]) -> Vec<u8> {
    let parts: [(&str, String); 5] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string(),
        ),
        (
            "_rels/.rels",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"{PKG_REL}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ),
        (
            "xl/workbook.xml",
            // Excel limits sheet names to 31 characters without []:*?/\
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><sheets><sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                escape(&sheet_name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect::<String>())
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"{PKG_REL}\"><Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
        ),
        ("xl/worksheets/sheet1.xml", sheet(rows)),
    ];
    let parts: Vec<(&str, &[u8], Method)> = parts
        .iter()
        .map(|(name, body)| (*name, body.as_bytes(), Method::Deflated))
        .collect();
    zipped::archive(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    #[test]
    fn a_readable_workbook() {
        assert_eq!(
            [column(0), column(25), column(26), column(27), column(701)],
            ["A", "Z", "AA", "AB", "ZZ"]
        );
        let bytes = workbook(
            "Sales: [East]",
            &[
                vec![Cell::Text("Region".into()), Cell::Text("Sales".into())],
                vec![Cell::Text("A & B".into()), Cell::Number(42)],
            ],
        );
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        assert!(sheet.contains(
            "<c r=\"A2\" t=\"inlineStr\"><is><t>A &amp; B</t></is></c><c r=\"B2\"><v>42</v></c>"
        ));
        let mut wb = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut wb)
            .unwrap();
        assert!(wb.contains("name=\"Sales East\""), "{wb}");
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/_rels/workbook.xml.rels",
        ] {
            assert!(zip.by_name(part).is_ok(), "{part}");
        }
    }
}
