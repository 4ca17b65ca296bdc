//! SVG view images (`GET …/views/{id}/image?format=SVG`, REST API 3.29): a bar chart of the
//! view's rows, one `<rect>` per row with a `<title>` naming it ("Central, Furniture: 1234"),
//! under a heading with the view's name, so that what a filter kept can be read back.

use crate::content::png::PALETTE;
use crate::reply::escaped;

/// An SVG document of `width` × `height` pixels: `title`, then one horizontal bar per
/// `(label, value)`, as long as the value is to the largest.
pub fn bar_chart(title: &str, rows: &[(String, u64)], width: u32, height: u32) -> Vec<u8> {
    let (w, h) = (width.max(1), height.max(1));
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#FAFAFA\"/>\n\
         <text x=\"8\" y=\"20\" font-family=\"sans-serif\" font-size=\"14\">{}</text>\n",
        escaped(title)
    );
    let top = 32.0;
    let band = (h as f64 - top).max(1.0) / rows.len().max(1) as f64;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = top + band * i as f64;
        let len = (w as f64 - 16.0).max(1.0) * *value as f64 / max;
        let c = PALETTE[i % PALETTE.len()];
        s.push_str(&format!(
            "<rect class=\"mark\" x=\"8\" y=\"{y:.1}\" width=\"{len:.1}\" height=\"{:.1}\" fill=\"#{:02X}{:02X}{:02X}\">\
             <title>{}: {value}</title></rect>\n",
            (band * 0.8).max(0.1),
            c[0],
            c[1],
            c[2],
            escaped(label)
        ));
    }
    s.push_str("</svg>\n");
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_titled_mark_per_row_and_escaped_text() {
        let rows = vec![("East, Furniture".to_string(), 10), ("<b>".to_string(), 5)];
        let svg = String::from_utf8(bar_chart("Sales & <Profit>", &rows, 400, 300)).unwrap();
        assert!(
            svg.starts_with("<?xml") && svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        );
        assert_eq!(svg.matches("class=\"mark\"").count(), 2);
        assert!(svg.contains("<title>East, Furniture: 10</title>"));
        assert!(svg.contains("Sales &amp; &lt;Profit&gt;") && svg.contains("&lt;b&gt;: 5"));
        assert!(svg.contains("width=\"400\" height=\"300\""));
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}
