//! `tsc_favorites_*`: the C face of `api/favorites.rs` (one page of a user's favorites is
//! `tsc_users_populate_favorites`, as in the Python client).

use crate::capi::boundary::call;
use crate::capi::error::tsc_error;
use crate::capi::gen::{tsc_favorite, tsc_favorite_pager, tsc_user};
use crate::capi::items::model;
use crate::capi::options::tsc_request_options;
use crate::capi::pagers;
use crate::capi::server::{server_of, tsc_server};
use crate::error::tsc_status;

/// Adds `favorite` (borrowed, not NULL; made with `tsc_favorite_new(label, content_type,
/// content_id)`) to the favorites of `user` (borrowed, not NULL, with an id). Unknown content
/// gives `TSC_STATUS_NOT_FOUND`; content already a favorite, or a label already used,
/// `TSC_STATUS_CONFLICT`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_favorites_add(
    server: *const tsc_server,
    user: *const tsc_user,
    favorite: *const tsc_favorite,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_favorites_add", err, || {
        let s = server_of(server)?;
        let u = model(user, "user")?;
        s.favorites().add(u, model(favorite, "favorite")?)
    })
}

/// Removes from the favorites of `user` (borrowed, not NULL, with an id) the favorite pointing at
/// the content of `favorite` (borrowed, not NULL: one from a favorites list, or made with
/// `tsc_favorite_new`; only its content type and id count). Content that is not a favorite gives
/// `TSC_STATUS_NOT_FOUND`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_favorites_delete(
    server: *const tsc_server,
    user: *const tsc_user,
    favorite: *const tsc_favorite,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_favorites_delete", err, || {
        let s = server_of(server)?;
        let u = model(user, "user")?;
        s.favorites().delete(u, model(favorite, "favorite")?)
    })
}

/// A pager over every favorite of `user` (arguments as for `tsc_users_populate_favorites`,
/// `read_ahead` as for `tsc_users_pager`). On success `*out` is owned: free it with
/// `tsc_favorite_pager_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_favorites_pager(
    server: *const tsc_server,
    user: *const tsc_user,
    opts: *const tsc_request_options,
    read_ahead: u32,
    out: *mut *mut tsc_favorite_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    let name = "tsc_favorites_pager";
    pagers::open(name, server, opts, read_ahead, out, err, |s, o| {
        s.favorites().pager(model(user, "user")?, o)
    })
}
