//! `tsc_server_options` and `tsc_server`: where the server is and how to reach it, and the
//! signed-in state (site, user, token) as owned copies.

use crate::capi::boundary::{
    arg_mut, arg_opt_str, arg_out, arg_ref, arg_str, call, free_box, getter, put, put_box,
};
use crate::capi::error::tsc_error;
use crate::capi::strings::owned;
use crate::error::{tsc_status, Error, Result};
use crate::server::{Server, ServerOptions};
use crate::transport::ProxySetting;
use std::ffi::{c_char, CString};
use std::time::Duration;

/// Settings for a server handle: URL, timeouts, TLS, proxy, API version.
///
/// Thread safety: one thread at a time; may move between threads.
pub struct tsc_server_options {
    inner: ServerOptions,
}

/// A Tableau Server (or tsc-emulator) and its signed-in session.
///
/// Thread safety: fully thread-safe. Request functions take `const tsc_server*` and may run
/// concurrently from any number of threads; signing in or out changes the session for all of
/// them. Items and lists returned by calls stay valid after the server is freed.
/// `tsc_server_free` must not race with calls in flight.
pub struct tsc_server {
    pub(crate) inner: Server,
    url: CString,
}

/// The server behind a required `server` argument, for a call that makes requests: refused
/// from inside a transfer's callback on this thread (it would block or deadlock the transfer).
pub(crate) fn server_of<'a>(p: *const tsc_server) -> Result<&'a Server> {
    let s = server_ref(p)?;
    crate::capi::callbacks::check_not_in_callback()?;
    Ok(s)
}

/// The server behind a required `server` argument, for a local read (allowed in callbacks).
fn server_ref<'a>(p: *const tsc_server) -> Result<&'a Server> {
    Ok(&arg_ref(p, "server")?.inner)
}

fn with_options(
    name: &'static str,
    opts: *mut tsc_server_options,
    err: *mut *mut tsc_error,
    f: impl FnOnce(ServerOptions) -> Result<ServerOptions>,
) -> tsc_status {
    call(name, err, || {
        let o = arg_mut(opts, "opts")?;
        o.inner = f(o.inner.clone())?;
        Ok(())
    })
}

/// Creates options for the server at `url` (e.g. "https://tableau.example.com"; http:// and
/// https:// only). `url`: borrowed, copied. On success `*out` owns the options: free them with
/// `tsc_server_options_free`. No network access happens here.
/// Thread safety: any thread; the new handle is then used by one thread at a time.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_options_new(
    url: *const c_char,
    out: *mut *mut tsc_server_options,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_server_options_new", err, || {
        let url = arg_str(url, "url")?;
        let out = arg_out(out, "out")?;
        put_box(
            out,
            tsc_server_options {
                inner: ServerOptions::new(url)?,
            },
        )
    })
}

/// Sets the connect timeout in milliseconds (default 30000; must be > 0).
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_options_set_connect_timeout_ms(
    opts: *mut tsc_server_options,
    ms: u32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    with_options(
        "tsc_server_options_set_connect_timeout_ms",
        opts,
        err,
        |o| {
            if ms == 0 {
                return Err(Error::invalid("the connect timeout must be at least 1 ms"));
            }
            Ok(o.connect_timeout(Duration::from_millis(ms.into())))
        },
    )
}

/// Sets the request timeout in milliseconds (default 120000; must be > 0): how long the server
/// may take to start answering, and how long any read or write of a transfer may stall.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_options_set_timeout_ms(
    opts: *mut tsc_server_options,
    ms: u32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    with_options("tsc_server_options_set_timeout_ms", opts, err, |o| {
        if ms == 0 {
            return Err(Error::invalid("the request timeout must be at least 1 ms"));
        }
        Ok(o.request_timeout(Duration::from_millis(ms.into())))
    })
}

/// Trusts the CA certificates of this PEM file instead of the system's root certificates.
/// `path`: borrowed, copied; the file is read by `tsc_server_new`.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_options_set_ca_bundle_file(
    opts: *mut tsc_server_options,
    path: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    with_options("tsc_server_options_set_ca_bundle_file", opts, err, |o| {
        Ok(o.ca_bundle(arg_str(path, "path")?))
    })
}

/// With 1, skips TLS certificate verification: INSECURE, for test servers only. 0 (the default)
/// verifies. Other values give `TSC_STATUS_INVALID_ARGUMENT`.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_options_set_accept_invalid_certs(
    opts: *mut tsc_server_options,
    yes: i32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    with_options(
        "tsc_server_options_set_accept_invalid_certs",
        opts,
        err,
        |o| match yes {
            0 | 1 => Ok(o.accept_invalid_certs(yes == 1)),
            v => Err(Error::invalid(format!("{v} is not 0 or 1"))),
        },
    )
}

/// Sets the proxy: NULL uses the environment (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY; the
/// default), "" uses none, anything else is a proxy URL such as "http://user:pass@proxy:3128".
/// `url`: borrowed, copied.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_options_set_proxy(
    opts: *mut tsc_server_options,
    url: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    with_options("tsc_server_options_set_proxy", opts, err, |o| {
        Ok(o.proxy(match arg_opt_str(url, "url")? {
            None => ProxySetting::FromEnvironment,
            Some("") => ProxySetting::None,
            Some(u) => ProxySetting::Url(u.to_string()),
        }))
    })
}

/// Pins the REST API version (e.g. "3.19") instead of using the server's highest.
/// `version`: borrowed, copied.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_options_set_api_version(
    opts: *mut tsc_server_options,
    version: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    with_options("tsc_server_options_set_api_version", opts, err, |o| {
        o.api_version(arg_str(version, "version")?)
    })
}

/// Appends text to the User-Agent header ("libtsc/VERSION text"). `suffix`: borrowed, copied.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_options_set_user_agent_suffix(
    opts: *mut tsc_server_options,
    suffix: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    with_options("tsc_server_options_set_user_agent_suffix", opts, err, |o| {
        Ok(o.user_agent_suffix(arg_str(suffix, "suffix")?))
    })
}

/// Frees options. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_server_options_free(opts: *mut tsc_server_options) {
    getter((), || free_box(opts))
}

/// Creates a server handle from `opts` (borrowed; may be freed afterwards or reused). No network
/// access happens here. On success `*out` owns the server: free it with `tsc_server_free`.
/// Thread safety: any thread; the new server may then be shared by any number of threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_new(
    opts: *const tsc_server_options,
    out: *mut *mut tsc_server,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_server_new", err, || {
        let o = &arg_ref(opts, "opts")?.inner;
        let out = arg_out(out, "out")?;
        let inner = Server::new(o)?;
        let url = CString::new(inner.url()).unwrap_or_default();
        put_box(out, tsc_server { inner, url })
    })
}

/// Frees a server handle. NULL is ignored. Does not sign out (call `tsc_auth_sign_out` first if
/// you want the token revoked). Must not be called twice or while calls are in flight.
/// Thread safety: any thread, once no other thread uses `server`.
#[no_mangle]
pub extern "C" fn tsc_server_free(server: *mut tsc_server) {
    getter((), || free_box(server))
}

/// The server URL. Borrowed: valid until `server` is freed; do not free. NULL if `server` is NULL.
/// Thread safety: any thread, also while other threads make calls on `server`.
#[no_mangle]
pub extern "C" fn tsc_server_url(server: *const tsc_server) -> *const c_char {
    // SAFETY: server is NULL or a live handle (contract).
    getter(std::ptr::null(), || {
        unsafe { server.as_ref() }.map_or(std::ptr::null(), |s| s.url.as_ptr())
    })
}

/// 1 if signed in, 0 if not (or `server` is NULL).
/// Thread safety: any thread, also while other threads make calls on `server`.
#[no_mangle]
pub extern "C" fn tsc_server_is_signed_in(server: *const tsc_server) -> i32 {
    // SAFETY: server is NULL or a live handle (contract).
    getter(0, || {
        unsafe { server.as_ref() }.map_or(0, |s| i32::from(s.inner.session().is_ok()))
    })
}

/// Writes an owned string (free with `tsc_string_free`) computed from the server.
fn copy_out(
    name: &'static str,
    server: *const tsc_server,
    out: *mut *mut c_char,
    err: *mut *mut tsc_error,
    f: impl FnOnce(&Server) -> Result<Option<String>>,
) -> tsc_status {
    call(name, err, || {
        let s = server_ref(server)?;
        let out = arg_out(out, "out")?;
        let v = f(s)?;
        put(out, v.map_or(std::ptr::null_mut(), |v| owned(&v)))
    })
}

/// The REST API version in use ("3.25"), or NULL (with `TSC_STATUS_OK`) while it is not known yet
/// (before sign-in, unless pinned). On success `*out` is owned: free it with `tsc_string_free`.
/// Thread safety: any thread, also while other threads make calls on `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_api_version(
    server: *const tsc_server,
    out: *mut *mut c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    copy_out("tsc_server_api_version", server, out, err, |s| {
        Ok(s.api_version()?.map(|v| v.to_string()))
    })
}

/// The LUID of the signed-in site. `TSC_STATUS_NOT_SIGNED_IN` before sign-in. On success `*out`
/// is owned: free it with `tsc_string_free`.
/// Thread safety: any thread, also while other threads make calls on `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_site_id(
    server: *const tsc_server,
    out: *mut *mut c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    copy_out("tsc_server_site_id", server, out, err, |s| {
        Ok(Some(s.session()?.site_id().to_string()))
    })
}

/// The content URL of the signed-in site ("" for the Default site). `TSC_STATUS_NOT_SIGNED_IN`
/// before sign-in. On success `*out` is owned: free it with `tsc_string_free`.
/// Thread safety: any thread, also while other threads make calls on `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_site_content_url(
    server: *const tsc_server,
    out: *mut *mut c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    copy_out("tsc_server_site_content_url", server, out, err, |s| {
        Ok(Some(s.session()?.site_content_url().to_string()))
    })
}

/// The LUID of the signed-in user. `TSC_STATUS_NOT_SIGNED_IN` before sign-in. On success `*out`
/// is owned: free it with `tsc_string_free`.
/// Thread safety: any thread, also while other threads make calls on `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_user_id(
    server: *const tsc_server,
    out: *mut *mut c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    copy_out("tsc_server_user_id", server, out, err, |s| {
        Ok(Some(s.session()?.user_id().to_string()))
    })
}

/// The session token (the X-Tableau-Auth value). A secret: do not log it.
/// `TSC_STATUS_NOT_SIGNED_IN` before sign-in. On success `*out` is owned: free it with
/// `tsc_string_free`. Thread safety: any thread, also while other threads make calls on `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_server_auth_token(
    server: *const tsc_server,
    out: *mut *mut c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    copy_out("tsc_server_auth_token", server, out, err, |s| {
        Ok(Some(s.session()?.token().expose().to_string()))
    })
}
