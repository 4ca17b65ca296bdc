//! Publish settings from C: `tsc_publish_mode`, `tsc_publish_options` (as job, connection check,
//! hidden views, credentials or connections, thumbnails user or group) and
//! `tsc_connection_credentials`.

use crate::capi::boundary::{
    arg_flag, arg_mut, arg_opt_str, arg_out, arg_str, call, free_box, getter, put_box,
};
use crate::capi::error::tsc_error;
use crate::capi::gen::tsc_connection;
use crate::capi::items::model;
use crate::error::{tsc_status, Error, Result};
use crate::models::{ConnectionCredentials, PublishMode, PublishOptions};
use std::ffi::c_char;

/// How a publish treats an item of the same name in the same project. Passed as `int32_t`;
/// other values give `TSC_STATUS_INVALID_ARGUMENT`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum tsc_publish_mode {
    /// Create a new item; an existing one of the same name makes the publish fail.
    CreateNew = 0,
    /// Replace the existing item of the same name (or create it).
    Overwrite = 1,
    /// Append to an existing extract data source (data sources only).
    Append = 2,
}

/// The mode for a C value.
pub(crate) fn mode_of(v: i32) -> Result<PublishMode> {
    match v {
        0 => Ok(PublishMode::CreateNew),
        1 => Ok(PublishMode::Overwrite),
        2 => Ok(PublishMode::Append),
        other => Err(Error::invalid(format!(
            "{other} is not a publish mode: use TSC_PUBLISH_MODE_CREATE_NEW (0), TSC_PUBLISH_MODE_OVERWRITE (1) or TSC_PUBLISH_MODE_APPEND (2)"
        ))),
    }
}

/// Settings of a publish call beyond the item, the file and the mode. Pass NULL instead for
/// the defaults: synchronous, connections checked, all views shown, no credentials.
///
/// Thread safety: one thread at a time while being changed; publish calls only read it.
pub struct tsc_publish_options {
    inner: PublishOptions,
}

/// Database credentials for publishing (name, password or token, embed, OAuth).
///
/// Thread safety: immutable; may be used by any number of threads.
pub struct tsc_connection_credentials {
    inner: ConnectionCredentials,
}

static DEFAULTS: std::sync::OnceLock<PublishOptions> = std::sync::OnceLock::new();

/// The options behind an optional handle (NULL = defaults).
pub(crate) fn publish_options_of<'a>(p: *const tsc_publish_options) -> &'a PublishOptions {
    // SAFETY: p is NULL or a live handle (documented contract).
    match unsafe { p.as_ref() } {
        Some(o) => &o.inner,
        None => DEFAULTS.get_or_init(PublishOptions::new),
    }
}

fn change(
    name: &'static str,
    opts: *mut tsc_publish_options,
    err: *mut *mut tsc_error,
    f: impl FnOnce(PublishOptions) -> Result<PublishOptions>,
) -> tsc_status {
    call(name, err, || {
        let o = arg_mut(opts, "opts")?;
        o.inner = f(o.inner.clone())?;
        Ok(())
    })
}

/// Creates publish options with the defaults. On success `*out` is owned: free it with
/// `tsc_publish_options_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_publish_options_new(
    out: *mut *mut tsc_publish_options,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_publish_options_new", err, || {
        put_box(
            arg_out(out, "out")?,
            tsc_publish_options {
                inner: PublishOptions::new(),
            },
        )
    })
}

/// 1: publish asynchronously; the publish call then returns a `tsc_job` through `job_out`
/// instead of the item (REST API 3.0+). 0 (the default): synchronously. Other values give
/// `TSC_STATUS_INVALID_ARGUMENT`.
/// Thread safety: the thread that owns `opts` (one at a time).
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_publish_options_set_as_job(
    opts: *mut tsc_publish_options,
    yes: i32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change("tsc_publish_options_set_as_job", opts, err, |o| {
        Ok(o.as_job(arg_flag(yes, "yes")?))
    })
}

/// 1: the server does not test the workbook's connections while publishing (workbooks only).
/// 0 (the default) tests them. Other values give `TSC_STATUS_INVALID_ARGUMENT`.
/// Thread safety: the thread that owns `opts` (one at a time).
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_publish_options_set_skip_connection_check(
    opts: *mut tsc_publish_options,
    yes: i32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change(
        "tsc_publish_options_set_skip_connection_check",
        opts,
        err,
        |o| Ok(o.skip_connection_check(arg_flag(yes, "yes")?)),
    )
}

/// Hides the view (sheet) named `view_name` in the published workbook (workbooks only; call once
/// per view). `view_name`: borrowed, NUL-terminated UTF-8, copied.
/// Thread safety: the thread that owns `opts` (one at a time).
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_publish_options_add_hidden_view(
    opts: *mut tsc_publish_options,
    view_name: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change("tsc_publish_options_add_hidden_view", opts, err, |o| {
        o.hide_view(arg_str(view_name, "view_name")?)
    })
}

/// Sets the credentials of the content's connection. `creds`: borrowed, copied; NULL removes
/// them. A publish with both credentials and connections fails with
/// `TSC_STATUS_INVALID_ARGUMENT`.
/// Thread safety: the thread that owns `opts` (one at a time).
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_publish_options_set_connection_credentials(
    opts: *mut tsc_publish_options,
    creds: *const tsc_connection_credentials,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change(
        "tsc_publish_options_set_connection_credentials",
        opts,
        err,
        |o| {
            // SAFETY: creds is NULL or a live handle (documented contract).
            Ok(o.credentials(unsafe { creds.as_ref() }.map(|c| c.inner.clone())))
        },
    )
}

/// Adds a connection to publish with: its server address (required) and port, and `creds`, or
/// when `creds` is NULL the connection's own user name, password and embed flag if it has a user
/// name and password (REST API 2.8+). `connection` (made with `tsc_connection_new` or cloned from
/// a fetched one) and `creds`: borrowed, copied.
/// Thread safety: the thread that owns `opts` (one at a time).
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_publish_options_add_connection(
    opts: *mut tsc_publish_options,
    connection: *const tsc_connection,
    creds: *const tsc_connection_credentials,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change("tsc_publish_options_add_connection", opts, err, |o| {
        let c = model(connection, "connection")?;
        // SAFETY: creds is NULL or a live handle (documented contract).
        Ok(o.connection(c, unsafe { creds.as_ref() }.map(|c| c.inner.clone())))
    })
}

/// The user whose view generates the workbook's thumbnails (workbooks only). `user_id`:
/// borrowed, copied; NULL clears it.
/// Thread safety: the thread that owns `opts` (one at a time).
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_publish_options_set_thumbnails_user_id(
    opts: *mut tsc_publish_options,
    user_id: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change(
        "tsc_publish_options_set_thumbnails_user_id",
        opts,
        err,
        |o| o.thumbnails_user_id(arg_opt_str(user_id, "user_id")?),
    )
}

/// The group whose view generates the workbook's thumbnails (workbooks only; the user, if set,
/// wins). `group_id`: borrowed, copied; NULL clears it.
/// Thread safety: the thread that owns `opts` (one at a time).
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_publish_options_set_thumbnails_group_id(
    opts: *mut tsc_publish_options,
    group_id: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    change(
        "tsc_publish_options_set_thumbnails_group_id",
        opts,
        err,
        |o| o.thumbnails_group_id(arg_opt_str(group_id, "group_id")?),
    )
}

/// Frees publish options. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses `opts`.
#[no_mangle]
pub extern "C" fn tsc_publish_options_free(opts: *mut tsc_publish_options) {
    getter((), || free_box(opts))
}

/// Creates database credentials: user `name` (not empty) and `password` (or token), both
/// borrowed, NUL-terminated UTF-8, copied; `embed` 1 to store them with the content, 0 not;
/// `oauth` 1 for an OAuth credential, 0 not. On success `*out` is owned: free it with
/// `tsc_connection_credentials_free`. The password never appears in messages.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_connection_credentials_new(
    name: *const c_char,
    password: *const c_char,
    embed: i32,
    oauth: i32,
    out: *mut *mut tsc_connection_credentials,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_connection_credentials_new", err, || {
        let name = arg_str(name, "name")?;
        let password = arg_str(password, "password")?;
        let out = arg_out(out, "out")?;
        let inner = ConnectionCredentials::new(
            name,
            password,
            arg_flag(embed, "embed")?,
            arg_flag(oauth, "oauth")?,
        )?;
        put_box(out, tsc_connection_credentials { inner })
    })
}

/// Frees credentials (their password is wiped from memory). NULL is ignored. Must not be called
/// twice.
/// Thread safety: any thread, once no other thread uses `creds`.
#[no_mangle]
pub extern "C" fn tsc_connection_credentials_free(creds: *mut tsc_connection_credentials) {
    getter((), || free_box(creds))
}
