//! `tsc_users_*`: the C face of `api/users.rs`, and the pagers over its listings.

use crate::capi::boundary::{arg_opt_str, arg_out, arg_str, call};
use crate::capi::error::tsc_error;
use crate::capi::gen::{
    tsc_favorite_list, tsc_group_list, tsc_group_pager, tsc_user, tsc_user_list, tsc_user_pager,
    tsc_workbook_list, tsc_workbook_pager,
};
use crate::capi::items::{get_list, model, put_item, put_list};
use crate::capi::options::{options_of, tsc_request_options};
use crate::capi::pagers::{self, flag};
use crate::capi::server::{server_of, tsc_server};
use crate::error::tsc_status;
use std::ffi::c_char;

/// One page of the signed-in site's users, with every attribute unless `opts` names `fields`.
/// `server`: borrowed, not NULL. `opts`: borrowed; NULL for the server's defaults. On success
/// `*out` is owned: free it with `tsc_user_list_free`. A filter or sort on an unknown field, or an
/// operator the field does not support, gives `TSC_STATUS_BAD_REQUEST`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_get(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    out: *mut *mut tsc_user_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    get_list("tsc_users_get", server, opts, out, err, |s, o| {
        s.users().get(o)
    })
}

/// A pager over every user of the site (see `tsc_user_pager`). `server`: borrowed, not NULL;
/// the pager keeps what it needs, so the server may be freed first. `opts`: borrowed, copied;
/// NULL for none; its page size (default 1000) and page number (default 1) say where to start.
/// `read_ahead`: how many pages to fetch in parallel ahead of the one handed out, once the total
/// is known (0: none; at most 64). On success `*out` is owned: free it with
/// `tsc_user_pager_free`. No request is made until the first `tsc_user_pager_next`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_pager(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    read_ahead: u32,
    out: *mut *mut tsc_user_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    pagers::open(
        "tsc_users_pager",
        server,
        opts,
        read_ahead,
        out,
        err,
        |s, o| Ok(s.users().pager(o)),
    )
}

/// The user with this LUID, with every attribute. `server`: borrowed, not NULL. `user_id`:
/// borrowed, not NULL. On success `*out` is owned: free it with `tsc_user_free`. An unknown id
/// gives `TSC_STATUS_NOT_FOUND`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_get_by_id(
    server: *const tsc_server,
    user_id: *const c_char,
    out: *mut *mut tsc_user,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_users_get_by_id", err, || {
        let s = server_of(server)?;
        let id = arg_str(user_id, "user_id")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.users().get_by_id(id)?)
    })
}

/// Adds `user` (borrowed, not NULL; made with `tsc_user_new`) to the site. Sent: the name, the
/// site role, and the auth setting and IdP configuration when set; set the full name, e-mail and
/// password afterwards with `tsc_users_update`, as Tableau requires. On success `*out` is the new
/// user as the server stored it (its role may differ when no licence is free), owned: free it
/// with `tsc_user_free`. A taken name gives `TSC_STATUS_CONFLICT`; a role the server refuses,
/// `TSC_STATUS_BAD_REQUEST` (or `TSC_STATUS_CONFLICT` for "Guest").
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_add(
    server: *const tsc_server,
    user: *const tsc_user,
    out: *mut *mut tsc_user,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_users_add", err, || {
        let s = server_of(server)?;
        let u = model(user, "user")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.users().add(u)?)
    })
}

/// Updates the user with `tsc_user_id(user)` (`user` borrowed, not NULL; a fetched user changed
/// through `tsc_user_clone` and setters): its full name, e-mail, site role, auth setting and IdP
/// configuration when set (a "ServerAdministrator" role is never sent), and the password when
/// `password` (borrowed, copied, never kept in messages) is not NULL; NULL keeps it, "" gives
/// `TSC_STATUS_INVALID_ARGUMENT`. On success `*out` is the updated user, owned: free it with
/// `tsc_user_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_update(
    server: *const tsc_server,
    user: *const tsc_user,
    password: *const c_char,
    out: *mut *mut tsc_user,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_users_update", err, || {
        let s = server_of(server)?;
        let u = model(user, "user")?;
        let password = arg_opt_str(password, "password")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.users().update(u, password)?)
    })
}

/// Removes the user with this LUID from the site. What they own goes to the user
/// `map_assets_to` (a LUID), or to the signed-in user when it is NULL. Strings: borrowed;
/// `user_id` not NULL. An unknown user gives `TSC_STATUS_NOT_FOUND`; a user who still owns
/// content and no `map_assets_to`, `TSC_STATUS_CONFLICT`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_remove(
    server: *const tsc_server,
    user_id: *const c_char,
    map_assets_to: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_users_remove", err, || {
        let s = server_of(server)?;
        let id = arg_str(user_id, "user_id")?;
        let heir = arg_opt_str(map_assets_to, "map_assets_to")?;
        s.users().remove(id, heir)
    })
}

/// One page of the workbooks `user` (borrowed, not NULL, with an id) can use, or with
/// `owned_only` = 1 only those they own (0 or 1; anything else gives
/// `TSC_STATUS_INVALID_ARGUMENT`). `opts`: borrowed; NULL for defaults. On success `*out` is
/// owned: free it with `tsc_workbook_list_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_populate_workbooks(
    server: *const tsc_server,
    user: *const tsc_user,
    opts: *const tsc_request_options,
    owned_only: i32,
    out: *mut *mut tsc_workbook_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_users_populate_workbooks", err, || {
        let s = server_of(server)?;
        let u = model(user, "user")?;
        let owned = flag(owned_only, "owned_only")?;
        let out = arg_out(out, "out")?;
        put_list(
            out,
            s.users().populate_workbooks(u, options_of(opts), owned)?,
        )
    })
}

/// A pager over every workbook of `tsc_users_populate_workbooks` (arguments as there, and
/// `read_ahead` as for `tsc_users_pager`). On success `*out` is owned: free it with
/// `tsc_workbook_pager_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_workbooks_pager(
    server: *const tsc_server,
    user: *const tsc_user,
    opts: *const tsc_request_options,
    owned_only: i32,
    read_ahead: u32,
    out: *mut *mut tsc_workbook_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    let name = "tsc_users_workbooks_pager";
    pagers::open(name, server, opts, read_ahead, out, err, |s, o| {
        let owned = flag(owned_only, "owned_only")?;
        s.users().workbooks_pager(model(user, "user")?, o, owned)
    })
}

/// One page of the favorites of `user` (borrowed, not NULL, with an id): workbooks, views, data
/// sources, projects, flows. `opts`: borrowed; NULL for defaults. On success `*out` is owned:
/// free it with `tsc_favorite_list_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_populate_favorites(
    server: *const tsc_server,
    user: *const tsc_user,
    opts: *const tsc_request_options,
    out: *mut *mut tsc_favorite_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_users_populate_favorites", err, || {
        let s = server_of(server)?;
        let u = model(user, "user")?;
        let out = arg_out(out, "out")?;
        put_list(out, s.users().populate_favorites(u, options_of(opts))?)
    })
}

/// One page of the groups `user` (borrowed, not NULL, with an id) belongs to (REST API 3.7+;
/// older servers give `TSC_STATUS_UNSUPPORTED`). `opts`: borrowed; NULL for defaults. On success
/// `*out` is owned: free it with `tsc_group_list_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_populate_groups(
    server: *const tsc_server,
    user: *const tsc_user,
    opts: *const tsc_request_options,
    out: *mut *mut tsc_group_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_users_populate_groups", err, || {
        let s = server_of(server)?;
        let u = model(user, "user")?;
        let out = arg_out(out, "out")?;
        put_list(out, s.users().populate_groups(u, options_of(opts))?)
    })
}

/// A pager over every group of `tsc_users_populate_groups` (arguments as there, `read_ahead` as
/// for `tsc_users_pager`). On success `*out` is owned: free it with `tsc_group_pager_free`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_users_groups_pager(
    server: *const tsc_server,
    user: *const tsc_user,
    opts: *const tsc_request_options,
    read_ahead: u32,
    out: *mut *mut tsc_group_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    let name = "tsc_users_groups_pager";
    pagers::open(name, server, opts, read_ahead, out, err, |s, o| {
        s.users().groups_pager(model(user, "user")?, o)
    })
}
