//! `tsc_request_options`: page size and number, filters, sorts and fields for listing calls.

use crate::capi::boundary::{
    arg_mut, arg_out, arg_ref, arg_str, arg_str_array, call, free_box, getter, put_box,
};
use crate::capi::error::tsc_error;
use crate::error::{tsc_status, Error, Result};
use crate::query::{FilterOp, RequestOptions, SortDirection};
use std::ffi::c_char;

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

fn change(
    name: &'static str,
    opts: *mut tsc_request_options,
    err: *mut *mut tsc_error,
    f: impl FnOnce(&mut RequestOptions) -> Result<()>,
) -> tsc_status {
    call(name, err, || f(&mut arg_mut(opts, "opts")?.inner))
}

/// Creates empty options. On success `*out` is owned: free it with `tsc_request_options_free`.
/// Thread safety: any thread; the new handle is then used by one thread at a time.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_request_options_new(
    out: *mut *mut tsc_request_options,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_request_options_new", err, || {
        put_box(
            arg_out(out, "out")?,
            tsc_request_options {
                inner: RequestOptions::new(),
            },
        )
    })
}

/// Sets the page size, 1 to 1000; other values give `TSC_STATUS_INVALID_ARGUMENT`.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_request_options_set_page_size(
    opts: *mut tsc_request_options,
    page_size: i32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change("tsc_request_options_set_page_size", opts, err, |o| {
        let n = u32::try_from(page_size).map_err(|_| {
            Error::invalid(format!(
                "page size {page_size} is out of range: use 1 to 1000"
            ))
        })?;
        o.set_page_size(n)
    })
}

/// Sets the page number, from 1; other values give `TSC_STATUS_INVALID_ARGUMENT`.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_request_options_set_page_number(
    opts: *mut tsc_request_options,
    page_number: i32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change("tsc_request_options_set_page_number", opts, err, |o| {
        let n =
            u32::try_from(page_number).map_err(|_| Error::invalid("page numbers start at 1"))?;
        o.set_page_number(n)
    })
}

/// Adds the filter `field:op:value`; filters combine with AND. `op` is a `tsc_filter_op` value
/// (`TSC_FILTER_OP_IN` takes `value` as a one-element list; use `tsc_request_options_add_filter_in`
/// for more). `field` is a REST field name such as "name" or "ownerName". Strings: borrowed,
/// copied, not NULL; values may hold spaces, colons, brackets and any Unicode, and commas except
/// with `TSC_FILTER_OP_IN` (where a comma separates values) or before text that reads as another
/// filter (`,field:op:`): those give `TSC_STATUS_INVALID_ARGUMENT`.
/// `opts`: not NULL. Thread safety: the options' owner thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_request_options_add_filter(
    opts: *mut tsc_request_options,
    field: *const c_char,
    op: i32,
    value: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change("tsc_request_options_add_filter", opts, err, |o| {
        let op = FilterOp::try_from(op)?;
        o.add_filter(arg_str(field, "field")?, op, arg_str(value, "value")?)
    })
}

/// Adds the filter `field:in:[values...]`. `values`: an array of `count` (at least 1) borrowed,
/// non-NULL strings, copied; a value containing a comma gives `TSC_STATUS_INVALID_ARGUMENT`.
/// `opts`: not NULL. Thread safety: the options' owner thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_request_options_add_filter_in(
    opts: *mut tsc_request_options,
    field: *const c_char,
    values: *const *const c_char,
    count: usize,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change("tsc_request_options_add_filter_in", opts, err, |o| {
        let field = arg_str(field, "field")?;
        let vals = arg_str_array(values, count, "values")?;
        o.add_filter_in(field, &vals)
    })
}

/// Adds a sort key (keys apply in the order added). `direction` is a `tsc_sort_direction` value.
/// `field`: borrowed, copied, not NULL.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_request_options_add_sort(
    opts: *mut tsc_request_options,
    field: *const c_char,
    direction: i32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change("tsc_request_options_add_sort", opts, err, |o| {
        let dir = SortDirection::try_from(direction)?;
        o.add_sort(arg_str(field, "field")?, dir)
    })
}

/// Adds a name to the `fields` list ("_all_", "_default_", "name", "owner.email", ...).
/// `field`: borrowed, copied, not NULL.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_request_options_add_field(
    opts: *mut tsc_request_options,
    field: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change("tsc_request_options_add_field", opts, err, |o| {
        o.add_field(arg_str(field, "field")?)
    })
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
