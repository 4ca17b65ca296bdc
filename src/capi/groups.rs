//! `tsc_groups_*`: the C face of `api/groups.rs`, and the pagers over its listings.

use crate::capi::boundary::{arg_out, arg_str, arg_str_array, call};
use crate::capi::error::tsc_error;
use crate::capi::gen::{
    tsc_group, tsc_group_list, tsc_group_pager, tsc_user, tsc_user_list, tsc_user_pager,
};
use crate::capi::items::{get_list, model, put_item, put_list};
use crate::capi::options::{options_of, tsc_request_options};
use crate::capi::pagers;
use crate::capi::server::{server_of, tsc_server};
use crate::error::tsc_status;
use std::ffi::c_char;

/// One page of the signed-in site's groups. `server`: borrowed, not NULL. `opts`: borrowed; NULL
/// for the server's defaults. On success `*out` is owned: free it with `tsc_group_list_free`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_get(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    out: *mut *mut tsc_group_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    get_list("tsc_groups_get", server, opts, out, err, |s, o| {
        s.groups().get(o)
    })
}

/// A pager over every group of the site (arguments as for `tsc_users_pager`). On success `*out`
/// is owned: free it with `tsc_group_pager_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_pager(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    read_ahead: u32,
    out: *mut *mut tsc_group_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    pagers::open(
        "tsc_groups_pager",
        server,
        opts,
        read_ahead,
        out,
        err,
        |s, o| Ok(s.groups().pager(o)),
    )
}

/// Creates a group from `group` (borrowed, not NULL; made with `tsc_group_new`): a local group,
/// or an Active Directory import when its domain name is set to a domain other than "local".
/// On success `*out` is the new group, owned: free it with `tsc_group_free`. A taken name gives
/// `TSC_STATUS_CONFLICT`; an Active Directory import on a server without it,
/// `TSC_STATUS_FORBIDDEN`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_create(
    server: *const tsc_server,
    group: *const tsc_group,
    out: *mut *mut tsc_group,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_groups_create", err, || {
        let s = server_of(server)?;
        let g = model(group, "group")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.groups().create(g)?)
    })
}

/// Updates the group with `tsc_group_id(group)` (`group` borrowed, not NULL): its name and minimum
/// site role. On success `*out` is the updated group, owned: free it with `tsc_group_free`.
/// An unknown group gives `TSC_STATUS_NOT_FOUND`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_update(
    server: *const tsc_server,
    group: *const tsc_group,
    out: *mut *mut tsc_group,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_groups_update", err, || {
        let s = server_of(server)?;
        let g = model(group, "group")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.groups().update(g)?)
    })
}

/// Deletes the group with this LUID (`group_id` borrowed, not NULL); its members stay on the
/// site. An unknown group gives `TSC_STATUS_NOT_FOUND`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_delete(
    server: *const tsc_server,
    group_id: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_groups_delete", err, || {
        let s = server_of(server)?;
        s.groups().delete(arg_str(group_id, "group_id")?)
    })
}

/// One page of the members of `group` (borrowed, not NULL, with an id). `opts`: borrowed; NULL
/// for defaults. On success `*out` is owned: free it with `tsc_user_list_free`. An unknown group
/// gives `TSC_STATUS_NOT_FOUND`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_populate_users(
    server: *const tsc_server,
    group: *const tsc_group,
    opts: *const tsc_request_options,
    out: *mut *mut tsc_user_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_groups_populate_users", err, || {
        let s = server_of(server)?;
        let g = model(group, "group")?;
        let out = arg_out(out, "out")?;
        put_list(out, s.groups().populate_users(g, options_of(opts))?)
    })
}

/// A pager over every member of `group` (arguments as for `tsc_groups_populate_users`,
/// `read_ahead` as for `tsc_users_pager`). On success `*out` is owned: free it with
/// `tsc_user_pager_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_users_pager(
    server: *const tsc_server,
    group: *const tsc_group,
    opts: *const tsc_request_options,
    read_ahead: u32,
    out: *mut *mut tsc_user_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    let name = "tsc_groups_users_pager";
    pagers::open(name, server, opts, read_ahead, out, err, |s, o| {
        s.groups().users_pager(model(group, "group")?, o)
    })
}

/// Adds the user with LUID `user_id` (borrowed, not NULL) to `group` (borrowed, not NULL, with an
/// id). On success `*out` is the user, owned: free it with `tsc_user_free`. An unknown group or
/// user gives `TSC_STATUS_NOT_FOUND`; a user already in the group, `TSC_STATUS_CONFLICT`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_add_user(
    server: *const tsc_server,
    group: *const tsc_group,
    user_id: *const c_char,
    out: *mut *mut tsc_user,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_groups_add_user", err, || {
        let s = server_of(server)?;
        let g = model(group, "group")?;
        let id = arg_str(user_id, "user_id")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.groups().add_user(g, id)?)
    })
}

/// Removes the user with LUID `user_id` (borrowed, not NULL) from `group` (borrowed, not NULL,
/// with an id). An unknown group, an unknown user or a user who is not a member gives
/// `TSC_STATUS_NOT_FOUND`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_remove_user(
    server: *const tsc_server,
    group: *const tsc_group,
    user_id: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_groups_remove_user", err, || {
        let s = server_of(server)?;
        let g = model(group, "group")?;
        s.groups().remove_user(g, arg_str(user_id, "user_id")?)
    })
}

/// Adds several users in one request (REST API 3.21+; older servers give
/// `TSC_STATUS_UNSUPPORTED`). `user_ids`: an array of `count` (at least 1) borrowed, non-NULL
/// LUIDs. `group`: borrowed, not NULL, with an id. On success `*out` lists the users, owned: free
/// it with `tsc_user_list_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_add_users(
    server: *const tsc_server,
    group: *const tsc_group,
    user_ids: *const *const c_char,
    count: usize,
    out: *mut *mut tsc_user_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_groups_add_users", err, || {
        let s = server_of(server)?;
        let g = model(group, "group")?;
        let ids = arg_str_array(user_ids, count, "user_ids")?;
        let out = arg_out(out, "out")?;
        put_list(out, s.groups().add_users(g, &ids)?)
    })
}

/// Removes several users in one request (REST API 3.21+; older servers give
/// `TSC_STATUS_UNSUPPORTED`). Arguments as for `tsc_groups_add_users`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_groups_remove_users(
    server: *const tsc_server,
    group: *const tsc_group,
    user_ids: *const *const c_char,
    count: usize,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_groups_remove_users", err, || {
        let s = server_of(server)?;
        let g = model(group, "group")?;
        s.groups()
            .remove_users(g, &arg_str_array(user_ids, count, "user_ids")?)
    })
}
