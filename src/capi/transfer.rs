//! `tsc_transfer_options` (progress callback, cancel token, chunk size, single-request limit,
//! extract flag), `tsc_cancel_token`, and `tsc_bytes` (owned bytes such as preview images).

use crate::capi::boundary::{arg_mut, call, free_box, getter};
use crate::capi::callbacks::{progress_closure, tsc_progress_fn};
use crate::capi::error::tsc_error;
use crate::error::tsc_status;
use crate::transport::{
    CancelToken, TransferOptions, TSC_DEFAULT_CHUNK_SIZE, TSC_MAX_SINGLE_REQUEST,
};
use std::ffi::c_void;

/// A cancel switch for transfers. Set it in a `tsc_transfer_options`, then call
/// `tsc_cancel_token_cancel` from any thread: the transfer stops at its next block of data
/// (within milliseconds while data flows; a stalled connection is noticed at the latest when
/// the request timeout expires) and returns `TSC_STATUS_CANCELLED`.
///
/// Thread safety: fully thread-safe; `tsc_cancel_token_cancel` may be called from any thread,
/// also from inside a callback. Options keep their own reference, so the token may be freed
/// while a transfer that uses it runs.
pub struct tsc_cancel_token {
    pub(crate) inner: CancelToken,
}

/// Options for a transfer (publish or download). Pass NULL instead for the defaults: no
/// progress callback, no cancel token, 8 MiB upload chunks, one request for files under 64 MiB,
/// downloads with their extract.
///
/// Thread safety: one thread at a time while being changed. Transfers only read it, so one
/// options handle may serve several transfers, also concurrently (its callback is then called
/// from each of those threads).
pub struct tsc_transfer_options {
    progress: tsc_progress_fn,
    userdata: *mut c_void,
    pub(crate) cancel: Option<CancelToken>,
    pub(crate) chunk_size: u64,
    pub(crate) single_request_limit: u64,
    pub(crate) include_extract: bool,
}

impl Default for tsc_transfer_options {
    fn default() -> Self {
        tsc_transfer_options {
            progress: None,
            userdata: std::ptr::null_mut(),
            cancel: None,
            chunk_size: TSC_DEFAULT_CHUNK_SIZE,
            single_request_limit: TSC_MAX_SINGLE_REQUEST,
            include_extract: true,
        }
    }
}

/// The Rust options for one transfer from an optional handle (NULL = defaults).
pub(crate) fn transfer_of(p: *const tsc_transfer_options) -> TransferOptions<'static> {
    let mut t = TransferOptions::new();
    // SAFETY: p is NULL or a live handle (documented contract).
    if let Some(o) = unsafe { p.as_ref() } {
        t.chunk_size = o.chunk_size;
        t.single_request_limit = o.single_request_limit;
        t.include_extract = o.include_extract;
        t.cancel = o.cancel.clone();
        if let Some(f) = o.progress {
            t.progress = Some(Box::new(progress_closure(f, o.userdata)));
        }
    }
    t
}

/// Sets the progress callback and its `userdata` (passed back as is; not freed or retained by
/// the library). `progress` NULL removes the callback. It runs on the thread that makes the
/// transfer call, during that call only; see `tsc_progress_fn` for when it runs and what it may
/// do. Thread safety: the options' owner thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_transfer_options_set_progress(
    opts: *mut tsc_transfer_options,
    progress: tsc_progress_fn,
    userdata: *mut c_void,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_transfer_options_set_progress", err, || {
        let o = arg_mut(opts, "opts")?;
        o.progress = progress;
        o.userdata = userdata;
        Ok(())
    })
}

/// Frees options. NULL is ignored. Must not be called twice or while a transfer uses them.
/// Thread safety: any thread, once no other thread uses `opts`.
#[no_mangle]
pub extern "C" fn tsc_transfer_options_free(opts: *mut tsc_transfer_options) {
    getter((), || free_box(opts))
}

/// Cancels every transfer using `token`, now and later (it cannot be reset). NULL is ignored.
/// Thread safety: any thread, at any time, also from inside a callback.
#[no_mangle]
pub extern "C" fn tsc_cancel_token_cancel(token: *const tsc_cancel_token) {
    // SAFETY: token is NULL or a live handle (documented contract).
    getter((), || {
        if let Some(t) = unsafe { token.as_ref() } {
            t.inner.cancel();
        }
    })
}

/// 1 if `token` was cancelled, 0 if not (or `token` is NULL). Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_cancel_token_is_cancelled(token: *const tsc_cancel_token) -> i32 {
    // SAFETY: token is NULL or a live handle (documented contract).
    getter(0, || {
        unsafe { token.as_ref() }.map_or(0, |t| i32::from(t.inner.is_cancelled()))
    })
}

/// Frees a cancel token. NULL is ignored. Must not be called twice, nor while another thread may
/// still call `tsc_cancel_token_cancel` on it (transfers using it keep their own reference).
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_cancel_token_free(token: *mut tsc_cancel_token) {
    getter((), || free_box(token))
}

/// Bytes owned by the library, such as a preview image (PNG).
///
/// Thread safety: immutable; may be read from any number of threads.
pub struct tsc_bytes {
    pub(crate) data: Vec<u8>,
}

/// The bytes. Borrowed: valid until `bytes` is freed; do not free. Never NULL for a non-NULL
/// `bytes` (also when the length is 0); NULL if `bytes` is NULL.
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_bytes_data(bytes: *const tsc_bytes) -> *const u8 {
    // SAFETY: bytes is NULL or a live handle (documented contract).
    getter(std::ptr::null(), || match unsafe { bytes.as_ref() } {
        Some(b) if b.data.is_empty() => c"".as_ptr().cast(),
        Some(b) => b.data.as_ptr(),
        None => std::ptr::null(),
    })
}

/// The number of bytes; 0 if `bytes` is NULL.
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_bytes_len(bytes: *const tsc_bytes) -> usize {
    // SAFETY: bytes is NULL or a live handle (documented contract).
    getter(0, || unsafe { bytes.as_ref() }.map_or(0, |b| b.data.len()))
}

/// Frees bytes returned by the library. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses `bytes`.
#[no_mangle]
pub extern "C" fn tsc_bytes_free(bytes: *mut tsc_bytes) {
    getter((), || free_box(bytes))
}
