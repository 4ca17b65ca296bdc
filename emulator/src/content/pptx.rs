//! Minimal valid PowerPoint presentations (`.pptx`) for the workbook PowerPoint export: one
//! 16:9 slide per view, each with the view's name as its title and the view's image (the PNG the
//! view's image export gives) below it. The package has the parts PowerPoint and LibreOffice
//! need: `[Content_Types].xml`, the package relationships, `ppt/presentation.xml` and its
//! relationships, one slide master with one layout, a theme, the slides and their images.
//! Slides and images are stored uncompressed (the images are PNGs already), so a test can find
//! a view's name or image in the bytes without unzipping.

use super::zipped::{self, Method};
use crate::reply::escaped as escape;

/// One slide: the title and the PNG image.
pub struct Slide {
    pub title: String,
    pub png: Vec<u8>,
}

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
const P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument.presentationml";

/// Slide size in EMU (13.333 in × 7.5 in, 16:9).
const CX: u64 = 12_192_000;
const CY: u64 = 6_858_000;

fn rels(items: &[(&str, &str)]) -> String {
    let mut x = format!("{XML}<Relationships xmlns=\"{PKG_REL}\">");
    for (i, (kind, target)) in items.iter().enumerate() {
        x.push_str(&format!(
            "<Relationship Id=\"rId{}\" Type=\"{R}/{kind}\" Target=\"{target}\"/>",
            i + 1
        ));
    }
    x.push_str("</Relationships>");
    x
}

fn content_types(slides: usize) -> String {
    let mut x = format!(
        "{XML}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Default Extension=\"png\" ContentType=\"image/png\"/>\
         <Override PartName=\"/ppt/presentation.xml\" ContentType=\"{CT}.presentation.main+xml\"/>\
         <Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" ContentType=\"{CT}.slideMaster+xml\"/>\
         <Override PartName=\"/ppt/slideLayouts/slideLayout1.xml\" ContentType=\"{CT}.slideLayout+xml\"/>\
         <Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>"
    );
    for i in 1..=slides {
        x.push_str(&format!(
            "<Override PartName=\"/ppt/slides/slide{i}.xml\" ContentType=\"{CT}.slide+xml\"/>"
        ));
    }
    x.push_str("</Types>");
    x
}

fn presentation(slides: usize) -> String {
    let mut ids = String::new();
    for i in 1..=slides {
        // rId1 is the master; the slides follow.
        ids.push_str(&format!(
            "<p:sldId id=\"{}\" r:id=\"rId{}\"/>",
            255 + i,
            i + 1
        ));
    }
    format!(
        "{XML}<p:presentation xmlns:a=\"{A}\" xmlns:r=\"{R}\" xmlns:p=\"{P}\" saveSubsetFonts=\"1\">\
         <p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>\
         <p:sldIdLst>{ids}</p:sldIdLst>\
         <p:sldSz cx=\"{CX}\" cy=\"{CY}\"/><p:notesSz cx=\"{CY}\" cy=\"{CX}\"/>\
         </p:presentation>"
    )
}

/// An empty shape tree (masters and layouts draw nothing of their own).
const EMPTY_TREE: &str = "<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/></p:spTree></p:cSld>";

fn master() -> String {
    format!(
        "{XML}<p:sldMaster xmlns:a=\"{A}\" xmlns:r=\"{R}\" xmlns:p=\"{P}\">{EMPTY_TREE}\
         <p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" \
         accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>\
         <p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>\
         </p:sldMaster>"
    )
}

fn layout() -> String {
    format!(
        "{XML}<p:sldLayout xmlns:a=\"{A}\" xmlns:r=\"{R}\" xmlns:p=\"{P}\" type=\"blank\" preserve=\"1\">\
         {EMPTY_TREE}<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )
}

fn theme() -> String {
    let colors = [
        ("dk1", "000000"),
        ("lt1", "FFFFFF"),
        ("dk2", "1F497D"),
        ("lt2", "EEECE1"),
        ("accent1", "4E79A7"),
        ("accent2", "F28E2B"),
        ("accent3", "E15759"),
        ("accent4", "76B7B2"),
        ("accent5", "59A14F"),
        ("accent6", "EDC948"),
        ("hlink", "0000FF"),
        ("folHlink", "800080"),
    ];
    let mut clr = String::new();
    for (name, rgb) in colors {
        clr.push_str(&format!("<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>"));
    }
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>";
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        "{XML}<a:theme xmlns:a=\"{A}\" name=\"Tableau\"><a:themeElements>\
         <a:clrScheme name=\"Tableau\">{clr}</a:clrScheme>\
         <a:fontScheme name=\"Tableau\"><a:majorFont><a:latin typeface=\"Arial\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>\
         <a:minorFont><a:latin typeface=\"Arial\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>\
         <a:fmtScheme name=\"Tableau\"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>\
         <a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>\
         <a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>\
         <a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme>\
         </a:themeElements></a:theme>"
    )
}

/// A slide: the title across the top, the image (rId2) below it, fitted to 4:3.
fn slide(title: &str) -> String {
    let (tx, ty, tcx, tcy) = (457_200u64, 228_600u64, CX - 914_400, 685_800u64);
    let pcy = CY - 1_143_000;
    let pcx = pcy * 4 / 3;
    let (px, py) = ((CX - pcx) / 2, 1_028_700u64);
    format!(
        "{XML}<p:sld xmlns:a=\"{A}\" xmlns:r=\"{R}\" xmlns:p=\"{P}\"><p:cSld><p:spTree>\
         <p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>\
         <p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
         <p:spPr><a:xfrm><a:off x=\"{tx}\" y=\"{ty}\"/><a:ext cx=\"{tcx}\" cy=\"{tcy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>\
         <p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang=\"en-US\" sz=\"2800\"/><a:t>{}</a:t></a:r></a:p></p:txBody></p:sp>\
         <p:pic><p:nvPicPr><p:cNvPr id=\"3\" name=\"View image\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>\
         <p:blipFill><a:blip r:embed=\"rId2\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>\
         <p:spPr><a:xfrm><a:off x=\"{px}\" y=\"{py}\"/><a:ext cx=\"{pcx}\" cy=\"{pcy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>\
         </p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        escape(title)
    )
}

/// A presentation of `slides`, in order.
pub fn presentation_of(slides: &[Slide]) -> Vec<u8> {
    let n = slides.len();
    let mut text: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), content_types(n)),
        (
            "_rels/.rels".into(),
            rels(&[("officeDocument", "ppt/presentation.xml")]),
        ),
        ("ppt/presentation.xml".into(), presentation(n)),
    ];
    let mut pres_rels = vec![(
        "slideMaster".to_string(),
        "slideMasters/slideMaster1.xml".to_string(),
    )];
    for i in 1..=n {
        pres_rels.push(("slide".into(), format!("slides/slide{i}.xml")));
    }
    pres_rels.push(("theme".into(), "theme/theme1.xml".into()));
    let pres_rels: Vec<(&str, &str)> = pres_rels
        .iter()
        .map(|(k, t)| (k.as_str(), t.as_str()))
        .collect();
    text.push(("ppt/_rels/presentation.xml.rels".into(), rels(&pres_rels)));
    text.push(("ppt/slideMasters/slideMaster1.xml".into(), master()));
    text.push((
        "ppt/slideMasters/_rels/slideMaster1.xml.rels".into(),
        rels(&[
            ("slideLayout", "../slideLayouts/slideLayout1.xml"),
            ("theme", "../theme/theme1.xml"),
        ]),
    ));
    text.push(("ppt/slideLayouts/slideLayout1.xml".into(), layout()));
    text.push((
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels".into(),
        rels(&[("slideMaster", "../slideMasters/slideMaster1.xml")]),
    ));
    text.push(("ppt/theme/theme1.xml".into(), theme()));
    let mut stored: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, s) in slides.iter().enumerate() {
        let i = i + 1;
        stored.push((
            format!("ppt/slides/slide{i}.xml"),
            slide(&s.title).into_bytes(),
        ));
        text.push((
            format!("ppt/slides/_rels/slide{i}.xml.rels"),
            rels(&[
                ("slideLayout", "../slideLayouts/slideLayout1.xml"),
                ("image", &format!("../media/image{i}.png")),
            ]),
        ));
        stored.push((format!("ppt/media/image{i}.png"), s.png.clone()));
    }
    let mut parts: Vec<(&str, &[u8], Method)> = text
        .iter()
        .map(|(name, body)| (name.as_str(), body.as_bytes(), Method::Deflated))
        .collect();
    parts.extend(
        stored
            .iter()
            .map(|(name, body)| (name.as_str(), body.as_slice(), Method::Stored)),
    );
    zipped::archive(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    fn part(zip: &mut zip::ZipArchive<Cursor<Vec<u8>>>, name: &str) -> Vec<u8> {
        let mut b = Vec::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("{name}"))
            .read_to_end(&mut b)
            .unwrap();
        b
    }

    #[test]
    fn a_slide_per_view_with_its_title_and_image() {
        let png = crate::content::preview_png("v", 40, 30);
        let bytes = presentation_of(&[
            Slide {
                title: "Sales & Profit".into(),
                png: png.clone(),
            },
            Slide {
                title: "Map".into(),
                png: png.clone(),
            },
        ]);
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let pres = String::from_utf8(part(&mut zip, "ppt/presentation.xml")).unwrap();
        assert_eq!(pres.matches("<p:sldId ").count(), 2);
        let s1 = String::from_utf8(part(&mut zip, "ppt/slides/slide1.xml")).unwrap();
        assert!(s1.contains("<a:t>Sales &amp; Profit</a:t>"), "{s1}");
        assert_eq!(part(&mut zip, "ppt/media/image2.png"), png);
        let rels = String::from_utf8(part(&mut zip, "ppt/_rels/presentation.xml.rels")).unwrap();
        assert!(rels.contains("Target=\"slides/slide2.xml\""));
        for name in [
            "[Content_Types].xml",
            "_rels/.rels",
            "ppt/slideMasters/slideMaster1.xml",
            "ppt/slideLayouts/slideLayout1.xml",
            "ppt/theme/theme1.xml",
            "ppt/slides/_rels/slide1.xml.rels",
        ] {
            let x = part(&mut zip, name);
            assert!(crate::xml::parse(&x).is_ok(), "{name} is not XML");
        }
    }
}
