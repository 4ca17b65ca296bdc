//! `tsc_request_options`: page size and number, filters, sorts and fields for listing calls.

use crate::capi::boundary::{arg_ref, free_box, getter};
use crate::error::{Error, Result};
use crate::query::RequestOptions;

/// Options for a listing call. Pass NULL instead for the server's defaults.
///
/// Thread safety: one thread at a time while being changed; calls only read it, so one options
/// handle may serve concurrent calls once set up.
pub struct tsc_request_options {
    pub(crate) inner: RequestOptions,
}

/// The options behind an optional `opts` argument (NULL = none).
pub(crate) fn options_of<'a>(p: *const tsc_request_options) -> Option<&'a RequestOptions> {
    // SAFETY: p is NULL or a live handle (contract).
    unsafe { p.as_ref() }.map(|o| &o.inner)
}

/// A count argument that must not be negative (the setter checks its range).
pub(crate) fn unsigned(v: i32, what: &str) -> Result<u32> {
    u32::try_from(v).map_err(|_| Error::invalid(format!("{what} {v} is out of range")))
}

/// An owned copy of `opts` (NULL if `opts` is NULL). Free it with `tsc_request_options_free`.
/// Thread safety: any thread; the new handle is then used by one thread at a time.
#[no_mangle]
pub extern "C" fn tsc_request_options_clone(
    opts: *const tsc_request_options,
) -> *mut tsc_request_options {
    getter(std::ptr::null_mut(), || match arg_ref(opts, "opts") {
        Ok(o) => Box::into_raw(Box::new(tsc_request_options {
            inner: o.inner.clone(),
        })),
        Err(_) => std::ptr::null_mut(),
    })
}

/// Frees options. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_request_options_free(opts: *mut tsc_request_options) {
    getter((), || free_box(opts))
}
