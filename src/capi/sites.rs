//! `tsc_sites_*`: the C face of `api/sites.rs`.

use crate::capi::boundary::{arg_out, arg_str, call};
use crate::capi::error::tsc_error;
use crate::capi::gen::{tsc_site, tsc_site_list, tsc_site_pager};
use crate::capi::items::{get_list, model, put_item};
use crate::capi::options::tsc_request_options;
use crate::capi::pagers;
use crate::capi::server::{server_of, tsc_server};
use crate::error::tsc_status;
use std::ffi::c_char;

/// One page of the sites the signed-in user can see (`opts` borrowed, NULL for defaults).
/// On success `*out` is owned: free it with `tsc_site_list_free`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_sites_get(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    out: *mut *mut tsc_site_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    get_list("tsc_sites_get", server, opts, out, err, |s, o| {
        s.sites().get(o)
    })
}

/// A pager over every one of the sites the signed-in user can see (arguments as for
/// `tsc_users_pager`). On success `*out` is owned: free it with `tsc_site_pager_free`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_sites_pager(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    read_ahead: u32,
    out: *mut *mut tsc_site_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    pagers::open(
        "tsc_sites_pager",
        server,
        opts,
        read_ahead,
        out,
        err,
        |s, o| Ok(s.sites().pager(o)),
    )
}

fn get_one(
    name: &'static str,
    server: *const tsc_server,
    key: *const c_char,
    key_name: &'static str,
    out: *mut *mut tsc_site,
    err: *mut *mut tsc_error,
    f: fn(&crate::api::Sites<'_>, &str) -> crate::error::Result<crate::models::Site>,
) -> tsc_status {
    call(name, err, || {
        let s = server_of(server)?;
        let key = arg_str(key, key_name)?;
        let out = arg_out(out, "out")?;
        put_item(out, f(&s.sites(), key)?)
    })
}

/// The site with this LUID (`site_id` borrowed). On success `*out` is owned: free it with
/// `tsc_site_free`. An unknown id gives `TSC_STATUS_NOT_FOUND`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_sites_get_by_id(
    server: *const tsc_server,
    site_id: *const c_char,
    out: *mut *mut tsc_site,
    err: *mut *mut tsc_error,
) -> tsc_status {
    get_one(
        "tsc_sites_get_by_id",
        server,
        site_id,
        "site_id",
        out,
        err,
        |e, k| e.get_by_id(k),
    )
}

/// The site with this name (`name` borrowed). On success `*out` is owned: free it with
/// `tsc_site_free`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_sites_get_by_name(
    server: *const tsc_server,
    name: *const c_char,
    out: *mut *mut tsc_site,
    err: *mut *mut tsc_error,
) -> tsc_status {
    get_one(
        "tsc_sites_get_by_name",
        server,
        name,
        "name",
        out,
        err,
        |e, k| e.get_by_name(k),
    )
}

/// The site with this content URL ("" is the Default site; `content_url` borrowed). On success
/// `*out` is owned: free it with `tsc_site_free`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_sites_get_by_content_url(
    server: *const tsc_server,
    content_url: *const c_char,
    out: *mut *mut tsc_site,
    err: *mut *mut tsc_error,
) -> tsc_status {
    get_one(
        "tsc_sites_get_by_content_url",
        server,
        content_url,
        "content_url",
        out,
        err,
        |e, k| e.get_by_content_url(k),
    )
}

/// Creates a site from `site` (borrowed; made with `tsc_site_new`; server administrators only).
/// On success `*out` is the new site as stored, owned: free it with `tsc_site_free`. A taken name
/// or content URL gives `TSC_STATUS_CONFLICT`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_sites_create(
    server: *const tsc_server,
    site: *const tsc_site,
    out: *mut *mut tsc_site,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_sites_create", err, || {
        let s = server_of(server)?;
        let site = model(site, "site")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.sites().create(site)?)
    })
}

/// Updates the site with `tsc_site_id(site)` from every attribute set on `site` (borrowed; a
/// fetched site changed through `tsc_site_clone` and setters). On success `*out` is the updated
/// site, owned: free it with `tsc_site_free`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_sites_update(
    server: *const tsc_server,
    site: *const tsc_site,
    out: *mut *mut tsc_site,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_sites_update", err, || {
        let s = server_of(server)?;
        let site = model(site, "site")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.sites().update(site)?)
    })
}

/// Deletes the site with this LUID and everything in it (`site_id` borrowed). Deleting the
/// signed-in site ends the session.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_sites_delete(
    server: *const tsc_server,
    site_id: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_sites_delete", err, || {
        let s = server_of(server)?;
        s.sites().delete(arg_str(site_id, "site_id")?)
    })
}
