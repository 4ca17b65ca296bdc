//! `tsc_views_*`: the C face of `api/views.rs`. A workbook's views are
//! `tsc_workbooks_populate_views`.
//!
//! Every function here makes requests: it may be called from any thread (the server handle is
//! thread-safe), but not from inside a progress, read or write callback
//! (`TSC_STATUS_INVALID_ARGUMENT`).

use crate::capi::boundary::{arg_flag, arg_out, arg_str, call, put_box};
use crate::capi::error::tsc_error;
use crate::capi::gen::{tsc_view, tsc_view_list, tsc_view_pager};
use crate::capi::items::{model, put_item, put_list};
use crate::capi::options::{options_of, tsc_request_options};
use crate::capi::pagers;
use crate::capi::server::{server_of, tsc_server};
use crate::capi::transfer::tsc_bytes;
use crate::error::tsc_status;
use std::ffi::c_char;

/// One page of the signed-in site's views (`opts` borrowed; NULL for the server's defaults),
/// with usage statistics (`tsc_view_total_views`) when `usage` is 1 (0: without; other values:
/// `TSC_STATUS_INVALID_ARGUMENT`). On success `*out` is owned: free it with
/// `tsc_view_list_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_views_get(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    usage: i32,
    out: *mut *mut tsc_view_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_views_get", err, || {
        let s = server_of(server)?;
        let usage = arg_flag(usage, "usage")?;
        let out = arg_out(out, "out")?;
        put_list(out, s.views().get(options_of(opts), usage)?)
    })
}

/// A pager over every view of the site (see `tsc_view_pager`). `server`: borrowed, not NULL;
/// the pager keeps what it needs, so the server may be freed first. `opts`: borrowed, copied;
/// NULL for none; its page size (default 1000) and page number (default 1) say where to start.
/// `usage`: 1 for usage statistics (`tsc_view_total_views`), 0 without; other values give
/// `TSC_STATUS_INVALID_ARGUMENT`.
/// `read_ahead`: how many pages to fetch in parallel ahead of the one handed out, once the total
/// is known (0: none; at most 64). On success `*out` is owned: free it with
/// `tsc_view_pager_free`. No request is made until the first `tsc_view_pager_next`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_views_pager(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    usage: i32,
    read_ahead: u32,
    out: *mut *mut tsc_view_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    pagers::open(
        "tsc_views_pager",
        server,
        opts,
        read_ahead,
        out,
        err,
        |s, o| Ok(s.views().pager(o, arg_flag(usage, "usage")?)),
    )
}

/// The view with this LUID (`view_id` borrowed), with usage statistics when `usage` is 1 (REST
/// API 3.1+). On success `*out` is owned: free it with `tsc_view_free`. An unknown id gives
/// `TSC_STATUS_NOT_FOUND`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_views_get_by_id(
    server: *const tsc_server,
    view_id: *const c_char,
    usage: i32,
    out: *mut *mut tsc_view,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_views_get_by_id", err, || {
        let s = server_of(server)?;
        let id = arg_str(view_id, "view_id")?;
        let usage = arg_flag(usage, "usage")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.views().get_by_id(id, usage)?)
    })
}

/// The preview image (PNG) of `view` (borrowed; needs its id and its workbook's id, as views
/// from `tsc_views_get` and `tsc_workbooks_populate_views` have). Nothing is written into
/// `view`. On success `*out` is owned: read it with `tsc_bytes_data`/`tsc_bytes_len`, free it
/// with `tsc_bytes_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_views_populate_preview_image(
    server: *const tsc_server,
    view: *const tsc_view,
    out: *mut *mut tsc_bytes,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_views_populate_preview_image", err, || {
        let s = server_of(server)?;
        let v = model(view, "view")?;
        let out = arg_out(out, "out")?;
        let data = s.views().populate_preview_image(v)?;
        put_box(out, tsc_bytes { data })
    })
}
