//! `tsc_error`: the error object a failed call hands back, and `tsc_status_str`.

use crate::capi::boundary::{free_box, getter};
use crate::error::{tsc_status, Error, Status};
use std::ffi::{c_char, CString};
use std::ptr;

/// Details of a failed call: the status, a message naming the call and the cause, and the
/// server's HTTP status and Tableau error code, summary and detail when it answered.
///
/// Returned through the `err` argument of a failed call; free it with `tsc_error_free`.
/// `*err` must be NULL on entry: otherwise the call does nothing and returns
/// `TSC_STATUS_ERROR_NOT_CLEARED`, leaving `*err` as it was (free it and set it to NULL first).
/// Thread safety: immutable; may be read from any number of threads.
pub struct tsc_error {
    error: Error,
    message: CString,
    code: Option<CString>,
    summary: Option<CString>,
    detail: Option<CString>,
}

fn c(s: &str) -> CString {
    CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

impl tsc_error {
    pub(crate) fn new(error: Error) -> tsc_error {
        tsc_error {
            message: c(error.message()),
            code: error.code().map(c),
            summary: error.summary().map(c),
            detail: error.detail().map(c),
            error,
        }
    }
}

fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(ptr::null(), |s| s.as_ptr())
}

/// The status of the failed call; `TSC_STATUS_NULL_ARGUMENT` if `err` is NULL.
/// Thread safety: any thread (an error is immutable).
#[no_mangle]
pub extern "C" fn tsc_error_status(err: *const tsc_error) -> tsc_status {
    // SAFETY: err is NULL or a live tsc_error (contract).
    getter(Status::Panic, || {
        unsafe { err.as_ref() }.map_or(Status::NullArgument, |e| e.error.status())
    })
}

/// The message: which call failed and why, with a hint of what to do. UTF-8.
/// Borrowed: valid until `err` is freed; do not free. NULL if `err` is NULL.
/// Thread safety: any thread (an error is immutable).
#[no_mangle]
pub extern "C" fn tsc_error_message(err: *const tsc_error) -> *const c_char {
    // SAFETY: err is NULL or a live tsc_error (contract).
    getter(ptr::null(), || {
        unsafe { err.as_ref() }.map_or(ptr::null(), |e| e.message.as_ptr())
    })
}

/// The HTTP status of the server's reply, or 0 if there was none (or `err` is NULL).
/// Thread safety: any thread (an error is immutable).
#[no_mangle]
pub extern "C" fn tsc_error_http_status(err: *const tsc_error) -> i32 {
    // SAFETY: err is NULL or a live tsc_error (contract).
    getter(0, || {
        unsafe { err.as_ref() }.map_or(0, |e| i32::from(e.error.http_status()))
    })
}

/// Tableau's error code, such as "404002". Borrowed: valid until `err` is freed; do not free.
/// NULL if the reply had no Tableau error (or `err` is NULL).
/// Thread safety: any thread (an error is immutable).
#[no_mangle]
pub extern "C" fn tsc_error_server_code(err: *const tsc_error) -> *const c_char {
    // SAFETY: err is NULL or a live tsc_error (contract).
    getter(ptr::null(), || {
        unsafe { err.as_ref() }.map_or(ptr::null(), |e| opt_ptr(&e.code))
    })
}

/// Tableau's error summary. Borrowed: valid until `err` is freed; do not free. NULL if absent.
/// Thread safety: any thread (an error is immutable).
#[no_mangle]
pub extern "C" fn tsc_error_server_summary(err: *const tsc_error) -> *const c_char {
    // SAFETY: err is NULL or a live tsc_error (contract).
    getter(ptr::null(), || {
        unsafe { err.as_ref() }.map_or(ptr::null(), |e| opt_ptr(&e.summary))
    })
}

/// Tableau's error detail. Borrowed: valid until `err` is freed; do not free. NULL if absent.
/// Thread safety: any thread (an error is immutable).
#[no_mangle]
pub extern "C" fn tsc_error_server_detail(err: *const tsc_error) -> *const c_char {
    // SAFETY: err is NULL or a live tsc_error (contract).
    getter(ptr::null(), || {
        unsafe { err.as_ref() }.map_or(ptr::null(), |e| opt_ptr(&e.detail))
    })
}

/// Seconds the server asked to wait (`Retry-After` on 429 or 503, as a number of seconds or as
/// an HTTP date, counted from when the reply came; 0 for a date already past), or -1 if it did
/// not say or said something that is not a delay.
/// Thread safety: any thread (an error is immutable).
#[no_mangle]
pub extern "C" fn tsc_error_retry_after(err: *const tsc_error) -> i64 {
    // SAFETY: err is NULL or a live tsc_error (contract).
    getter(-1, || {
        unsafe { err.as_ref() }
            .and_then(|e| e.error.retry_after())
            .map_or(-1, |s| s.min(i64::MAX as u64) as i64)
    })
}

/// The non-zero value a callback returned to abort (with `TSC_STATUS_ABORTED_BY_CALLBACK`), else 0.
/// Thread safety: any thread (an error is immutable).
#[no_mangle]
pub extern "C" fn tsc_error_callback_code(err: *const tsc_error) -> i32 {
    // SAFETY: err is NULL or a live tsc_error (contract).
    getter(0, || {
        unsafe { err.as_ref() }.map_or(0, |e| e.error.callback_code())
    })
}

/// Frees an error. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_error_free(err: *mut tsc_error) {
    getter((), || free_box(err))
}

/// A short English description of a status value. Static: never NULL, never free it.
/// Unknown values give "unknown status". Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_status_str(status: i32) -> *const c_char {
    getter(c"unknown status".as_ptr(), || {
        Status::ALL
            .iter()
            .find(|s| **s as i32 == status)
            .map_or(c"unknown status".as_ptr(), |s| s.describe_c().as_ptr())
    })
}
