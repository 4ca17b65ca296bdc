//! Minimal valid PDF documents for the export routes: one page per entry, each showing lines of
//! text (the view's name, its workbook, the filters asked for), in the page size and orientation
//! asked for. PDF 1.4 with the standard Helvetica font, an exact cross-reference table, no
//! compression, so any reader (and `pdfinfo`, `qpdf --check`) accepts it.

/// Tableau's page types (`type` of PDF exports, `pageSizeOption` of subscriptions).
pub const PAGE_TYPES: [&str; 14] = [
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

/// Tableau's page orientations (`orientation` of PDF exports, `pageOrientation` of
/// subscriptions).
pub const ORIENTATIONS: &[&str] = &["Portrait", "Landscape"];

/// Width and height in points, in portrait, of each of `PAGE_TYPES`, in their order (both
/// arrays have 14 entries, which the compiler checks).
const POINTS: [(u32, u32); 14] = [
    (842, 1191),
    (595, 842),
    (420, 595),
    (729, 1032),
    (516, 729),
    (522, 756),
    (612, 936),
    (1224, 792),
    (612, 1008),
    (612, 792),
    (540, 720),
    (610, 780),
    (792, 1224),
    (612, 792),
];

/// The size of a page type (any case), turned for `landscape`; `None` for an unknown type.
pub fn page_size(page_type: &str, landscape: bool) -> Option<(u32, u32)> {
    let i = PAGE_TYPES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(page_type))?;
    let (w, h) = POINTS[i];
    Some(if landscape { (h, w) } else { (w, h) })
}

/// Text for a PDF string literal: `\`, `(` and `)` escaped, non-ASCII replaced by `?`
/// (Helvetica's standard encoding has no other characters).
fn literal(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' | '(' | ')' => {
                o.push('\\');
                o.push(c);
            }
            ' '..='~' => o.push(c),
            _ => o.push('?'),
        }
    }
    o
}

/// A PDF with one page per entry of `pages`, each its lines of text, on pages of `size` points.
pub fn document(pages: &[Vec<String>], size: (u32, u32)) -> Vec<u8> {
    let (w, h) = size;
    let n = pages.len().max(1);
    // Objects: 1 catalog, 2 pages, 3 font, then per page (page, contents).
    let mut objects: Vec<String> = Vec::new();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    let empty = Vec::new();
    for i in 0..n {
        let lines = pages.get(i).unwrap_or(&empty);
        let mut text = String::from("BT /F1 14 Tf 18 TL ");
        text.push_str(&format!("36 {} Td ", h.saturating_sub(54)));
        for l in lines {
            text.push_str(&format!("({}) ' ", literal(l)));
        }
        text.push_str("ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{text}\nendstream",
            text.len()
        ));
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_document() {
        let pdf = document(
            &[vec!["Sales (East)".into(), "é".into()], vec!["two".into()]],
            page_size("a4", true).unwrap(),
        );
        let s = String::from_utf8_lossy(&pdf);
        assert!(pdf.starts_with(b"%PDF-1.4\n"));
        assert!(s.ends_with("%%EOF\n"));
        assert!(s.contains("/Count 2") && s.contains("/MediaBox [0 0 842 595]"));
        assert!(s.contains("(Sales \\(East\\)) '") && s.contains("(?) '"));
        // Every xref offset points at its object (offsets are bytes: the header is binary).
        let xref = 1 + pdf.windows(6).position(|w| w == b"\nxref\n").unwrap();
        let tail = std::str::from_utf8(&pdf[xref..]).unwrap();
        let startxref: usize = tail[tail.find("startxref\n").unwrap() + 10..]
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(startxref, xref);
        for (i, line) in tail.lines().skip(3).take(7).enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(
                pdf[off..].starts_with(format!("{} 0 obj", i + 1).as_bytes()),
                "{line}"
            );
        }
        assert_eq!(page_size("Letter", false), Some((612, 792)));
        assert_eq!(page_size("Poster", false), None);
        assert_eq!(page_size("Ledger", false), Some((1224, 792)));
    }
}
