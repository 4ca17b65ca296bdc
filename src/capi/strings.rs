//! Owned strings handed to C (`char*` freed with `tsc_string_free`) and version information.

use crate::capi::boundary::getter;
use std::ffi::{c_char, CString};

/// A new owned C string (NUL bytes replaced), for `char **out` results.
pub(crate) fn owned(s: &str) -> *mut c_char {
    CString::new(s.replace('\0', "\u{FFFD}"))
        .unwrap_or_default()
        .into_raw()
}

/// Frees a string the library returned as owned (`char *`). NULL is ignored. Must not be called
/// twice; never pass a borrowed (`const char *`) string.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_string_free(s: *mut c_char) {
    getter((), || {
        if !s.is_null() {
            // SAFETY: s came from CString::into_raw in this library and is freed once (contract).
            drop(unsafe { CString::from_raw(s) });
        }
    })
}

/// The library version and build, e.g. "libtsc 0.1.0 (ureq, rustls)". Static: never free it.
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_version() -> *const c_char {
    concat!("libtsc ", env!("CARGO_PKG_VERSION"), " (ureq, rustls)\0").as_ptr() as *const c_char
}

/// The library version as `(MAJOR << 16) | (MINOR << 8) | PATCH`; compare with
/// `TSC_VERSION_NUMBER` from the header you compiled against. Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_version_number() -> u32 {
    let part = |s: &str| s.parse::<u32>().unwrap_or(0);
    (part(env!("CARGO_PKG_VERSION_MAJOR")) << 16)
        | (part(env!("CARGO_PKG_VERSION_MINOR")) << 8)
        | part(env!("CARGO_PKG_VERSION_PATCH"))
}

/// Marks an absent integer field: getters return it when the server did not send the value, and
/// setters take it to clear the value.
pub const TSC_ABSENT_INT: i64 = i64::MIN;

/// `TSC_ABSENT_INT`, as a function for bindings that cannot read macros. Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_absent_int() -> i64 {
    TSC_ABSENT_INT
}
