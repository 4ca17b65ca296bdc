//! A panic inside the library comes back as `TSC_STATUS_PANIC` with a message, never an abort,
//! and leaves outputs untouched. (Its own test binary: the injection hook is process-wide.)

use std::ffi::CStr;
use std::ptr;
use tsc::capi::error::{tsc_error_free, tsc_error_message, tsc_error_status};
use tsc::capi::gen::endpoints::tsc_request_options_new;
use tsc::capi::options::tsc_request_options_free;
use tsc::error::tsc_status;

#[test]
fn a_panic_becomes_a_status_and_a_message() {
    tsc::capi::boundary::inject_panic_once();
    let mut out = ptr::null_mut();
    let mut err = ptr::null_mut();
    let st = tsc_request_options_new(&mut out, &mut err);
    assert_eq!(st, tsc_status::Panic);
    assert!(out.is_null(), "no output on failure");
    assert!(!err.is_null());
    assert_eq!(tsc_error_status(err), tsc_status::Panic);
    let msg = unsafe { CStr::from_ptr(tsc_error_message(err)) }
        .to_str()
        .unwrap();
    assert!(
        msg.starts_with("tsc_request_options_new: internal error (panic: injected test panic)"),
        "{msg}"
    );
    tsc_error_free(err);

    // the library keeps working afterwards
    let mut err = ptr::null_mut();
    assert_eq!(tsc_request_options_new(&mut out, &mut err), tsc_status::Ok);
    assert!(!out.is_null() && err.is_null());
    tsc_request_options_free(out);
}
