//! Tests of the model table's forms that no real model uses yet, through the generated
//! test-only `Fixture` model (`FIXTURES` in `tools/gen/src/spec.rs`): element text
//! (`notes/text()`) and settable tags, in both directions, and their generated C accessors.

use crate::capi::error::{tsc_error, tsc_error_free, tsc_error_status};
use crate::capi::gen::{
    tsc_fixture, tsc_fixture_add_tag, tsc_fixture_clear_tags, tsc_fixture_clone, tsc_fixture_free,
    tsc_fixture_new, tsc_fixture_notes, tsc_fixture_set_notes, tsc_fixture_tag,
    tsc_fixture_tag_count,
};
use crate::error::{tsc_status, Status};
use crate::models::{Fixture, Model};
use crate::xml::RequestWriter;
use std::ffi::{c_char, CStr};
use std::ptr;

fn parse(xml: &str) -> Fixture {
    let doc = roxmltree::Document::parse(xml).expect("test XML");
    Fixture::from_xml(doc.root_element()).expect("parse")
}

fn request(m: &Fixture) -> String {
    let body = RequestWriter::new()
        .element("fixture", |e| {
            m.write_attrs(e)?;
            m.write_refs(e)
        })
        .expect("write")
        .finish();
    String::from_utf8(body).expect("utf-8")
}

#[test]
fn element_text_is_read_whole_unescaped_and_absent_or_empty_as_such() {
    let m = parse(
        "<fixture id='1'><notes>a &amp; b &lt;c&gt; <![CDATA[<d>]]> e</notes><tags><tag label='x'/><tag label='y'/></tags></fixture>",
    );
    assert_eq!(m.notes(), Some("a & b <c> <d> e"));
    assert_eq!(m.tags().collect::<Vec<_>>(), ["x", "y"]);
    assert_eq!(parse("<fixture><notes/></fixture>").notes(), Some(""));
    assert_eq!(parse("<fixture><owner id='o'/></fixture>").notes(), None);
    // only a direct child counts
    assert_eq!(
        parse("<fixture><owner><notes>n</notes></owner></fixture>").notes(),
        None
    );
}

#[test]
fn element_text_and_tags_are_written_escaped_and_read_back() {
    let mut m = Fixture::default();
    m.set_name(Some("n")).unwrap();
    m.set_notes(Some("a & b <c> \"q\"\r\nline")).unwrap();
    m.set_owner_id(Some("o1")).unwrap();
    m.add_tag("Sales & Ops").unwrap();
    m.add_tag("q1").unwrap();
    m.add_tag("q1").unwrap();
    let xml = request(&m);
    assert_eq!(
        xml,
        "<tsRequest><fixture name=\"n\"><notes>a &amp; b &lt;c&gt; \"q\"&#13;\nline</notes><owner id=\"o1\"/><tags><tag label=\"Sales &amp; Ops\"/><tag label=\"q1\"/></tags></fixture></tsRequest>"
    );
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let back = Fixture::from_xml(doc.root_element().first_element_child().unwrap()).unwrap();
    assert_eq!(back.notes(), m.notes());
    assert_eq!(back.tags().collect::<Vec<_>>(), ["Sales & Ops", "q1"]);
    // nothing set, nothing written; cleared tags are not sent
    m.clear_tags();
    m.set_notes(None).unwrap();
    assert_eq!(
        request(&m),
        "<tsRequest><fixture name=\"n\"><owner id=\"o1\"/></fixture></tsRequest>"
    );
    assert_eq!(
        request(&Fixture::default()),
        "<tsRequest><fixture/></tsRequest>"
    );
}

#[test]
fn a_tag_label_must_not_be_empty_and_text_must_be_xml() {
    let mut m = Fixture::default();
    assert_eq!(m.add_tag("").unwrap_err().status(), Status::InvalidArgument);
    m.set_notes(Some("bell \u{7}")).unwrap();
    let e = RequestWriter::new()
        .element("fixture", |e| m.write_refs(e))
        .err()
        .expect("a control character is refused");
    assert_eq!(e.status(), Status::InvalidArgument);
}

fn text(p: *const c_char) -> Option<String> {
    // SAFETY: the accessors return NULL or a NUL-terminated string valid while the item lives.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

fn status_and_free(st: tsc_status, err: &mut *mut tsc_error) -> tsc_status {
    if !err.is_null() {
        assert_eq!(tsc_error_status(*err), st);
    }
    tsc_error_free(*err);
    *err = ptr::null_mut();
    st
}

#[test]
fn the_generated_c_accessors_set_and_read_tags_and_text() {
    let mut err: *mut tsc_error = ptr::null_mut();
    let mut item: *mut tsc_fixture = ptr::null_mut();
    assert_eq!(
        tsc_fixture_new(c"f".as_ptr(), &mut item, &mut err),
        tsc_status::Ok
    );
    assert_eq!(
        tsc_fixture_add_tag(item, c"a".as_ptr(), &mut err),
        tsc_status::Ok
    );
    assert_eq!(
        tsc_fixture_add_tag(item, c"b".as_ptr(), &mut err),
        tsc_status::Ok
    );
    assert_eq!(
        tsc_fixture_add_tag(item, c"a".as_ptr(), &mut err),
        tsc_status::Ok
    );
    assert_eq!(tsc_fixture_tag_count(item), 2);
    assert_eq!(text(tsc_fixture_tag(item, 1)).as_deref(), Some("b"));
    assert_eq!(tsc_fixture_tag(item, 2), ptr::null());
    let st = tsc_fixture_add_tag(item, c"".as_ptr(), &mut err);
    assert_eq!(status_and_free(st, &mut err), tsc_status::InvalidArgument);
    let st = tsc_fixture_add_tag(item, ptr::null(), &mut err);
    assert_eq!(status_and_free(st, &mut err), tsc_status::NullArgument);
    let st = tsc_fixture_add_tag(ptr::null_mut(), c"x".as_ptr(), &mut err);
    assert_eq!(status_and_free(st, &mut err), tsc_status::NullArgument);
    let st = tsc_fixture_add_tag(item, c"caf\xc3\x28".as_ptr(), &mut err);
    assert_eq!(status_and_free(st, &mut err), tsc_status::InvalidUtf8);
    assert_eq!(tsc_fixture_tag_count(item), 2);

    // a clone keeps its own tags (copy on write)
    let copy = tsc_fixture_clone(item);
    assert_eq!(tsc_fixture_clear_tags(item, &mut err), tsc_status::Ok);
    assert_eq!(tsc_fixture_tag_count(item), 0);
    assert_eq!(tsc_fixture_tag_count(copy), 2);
    let st = tsc_fixture_clear_tags(ptr::null_mut(), &mut err);
    assert_eq!(status_and_free(st, &mut err), tsc_status::NullArgument);

    assert_eq!(
        tsc_fixture_set_notes(item, c"x & y".as_ptr(), &mut err),
        tsc_status::Ok
    );
    assert_eq!(text(tsc_fixture_notes(item)).as_deref(), Some("x & y"));
    assert_eq!(tsc_fixture_notes(copy), ptr::null());
    assert!(err.is_null());
    tsc_fixture_free(copy);
    tsc_fixture_free(item);
}
