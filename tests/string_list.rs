//! `tsc_string_list` through the C functions: built with the library's Rust constructor
//! (`put_string_list`), read with `tsc_string_list_count`/`_get` in and out of range and on a
//! NULL list, freed with `tsc_string_list_free`; a string with a NUL character refused when the
//! list is built.

use std::ffi::CStr;
use std::ptr;
use tsc::capi::string_list::{
    put_string_list, tsc_string_list, tsc_string_list_count, tsc_string_list_free,
    tsc_string_list_get,
};
use tsc::Status;

fn build(items: &[&str]) -> *mut tsc_string_list {
    let mut out: *mut tsc_string_list = ptr::null_mut();
    put_string_list(&mut out, items.iter().map(|s| s.to_string())).expect("build the list");
    assert!(!out.is_null());
    out
}

fn get(list: *const tsc_string_list, i: usize) -> Option<String> {
    let p = tsc_string_list_get(list, i);
    // SAFETY: a non-NULL result is a NUL-terminated string borrowed from the live list.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string())
}

#[test]
fn counts_and_lends_each_string_in_order() {
    let list = build(&["finance", "Ünïcode ✓", ""]);
    assert_eq!(tsc_string_list_count(list), 3);
    assert_eq!(get(list, 0).as_deref(), Some("finance"));
    assert_eq!(get(list, 1).as_deref(), Some("Ünïcode ✓"));
    assert_eq!(
        get(list, 2).as_deref(),
        Some(""),
        "an empty string is not absent"
    );
    // Borrowed pointers are stable: the same string each time, not a fresh copy.
    assert_eq!(tsc_string_list_get(list, 1), tsc_string_list_get(list, 1));
    assert!(tsc_string_list_get(list, 3).is_null());
    assert!(tsc_string_list_get(list, usize::MAX).is_null());
    tsc_string_list_free(list);
}

#[test]
fn an_empty_list_and_a_null_list() {
    let list = build(&[]);
    assert_eq!(tsc_string_list_count(list), 0);
    assert!(tsc_string_list_get(list, 0).is_null());
    tsc_string_list_free(list);

    assert_eq!(tsc_string_list_count(ptr::null()), 0);
    assert!(tsc_string_list_get(ptr::null(), 0).is_null());
    tsc_string_list_free(ptr::null_mut());
}

#[test]
fn a_string_with_a_nul_is_refused_and_nothing_is_written() {
    let mut out: *mut tsc_string_list = ptr::null_mut();
    let e = put_string_list(&mut out, ["ok", "bad\0tag"]).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    assert!(e.message().contains("string 1"), "{}", e.message());
    assert!(out.is_null(), "outputs are written only on success");
}
