//! `tsc_server_options` and `tsc_server`: where the server is and how to reach it. Their
//! constructors, setters and session reads are generated from the method table
//! (`tools/gen/src/methods/handles.rs`) over the helpers here.

use crate::capi::boundary::{arg_ref, free_box, getter};
use crate::error::{Error, Result};
use crate::server::{Server, ServerOptions};
use crate::transport::{ProxySetting, RetryPolicy};
use std::ffi::{c_char, CString};
use std::time::Duration;

/// Settings for a server handle: URL, timeouts, TLS, proxy, API version.
///
/// Thread safety: one thread at a time; may move between threads.
pub struct tsc_server_options {
    pub(crate) inner: ServerOptions,
}

/// A timeout argument in milliseconds (at least 1).
pub(crate) fn millis(ms: u32, what: &str) -> Result<Duration> {
    match ms {
        0 => Err(Error::invalid(format!("{what} must be at least 1 ms"))),
        ms => Ok(Duration::from_millis(ms.into())),
    }
}

/// A deadline argument in milliseconds: 0 means none.
pub(crate) fn deadline_ms(ms: u32) -> Option<Duration> {
    (ms > 0).then(|| Duration::from_millis(ms.into()))
}

/// The retry policy of `max_attempts` (at least 1; 1 turns retries off) and `max_wait_ms`.
pub(crate) fn retry_policy(max_attempts: u32, max_wait_ms: u32) -> Result<RetryPolicy> {
    if max_attempts == 0 {
        return Err(Error::invalid(
            "max_attempts must be at least 1 (1 makes each request once, without retries)",
        ));
    }
    Ok(RetryPolicy {
        max_attempts,
        max_wait: Duration::from_millis(max_wait_ms.into()),
    })
}

/// The proxy setting of a `url` argument: NULL the environment, "" none.
pub(crate) fn proxy_setting(url: Option<&str>) -> ProxySetting {
    match url {
        None => ProxySetting::FromEnvironment,
        Some("") => ProxySetting::None,
        Some(u) => ProxySetting::Url(u.to_string()),
    }
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

impl tsc_server {
    /// A server handle for these options (no network access).
    pub(crate) fn open(opts: &ServerOptions) -> Result<tsc_server> {
        let inner = Server::new(opts)?;
        let url = CString::new(inner.url()).unwrap_or_default();
        Ok(tsc_server { inner, url })
    }
}

/// The server behind a required `server` argument, for a call that makes requests: refused
/// from inside a transfer's callback on this thread (it would block or deadlock the transfer).
pub(crate) fn server_of<'a>(p: *const tsc_server) -> Result<&'a Server> {
    let s = server_local(p)?;
    crate::capi::callbacks::check_not_in_callback()?;
    Ok(s)
}

/// The server behind a required `server` argument, for a local read (allowed in callbacks).
pub(crate) fn server_local<'a>(p: *const tsc_server) -> Result<&'a Server> {
    Ok(&arg_ref(p, "server")?.inner)
}

/// Frees options. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_server_options_free(opts: *mut tsc_server_options) {
    getter((), || free_box(opts))
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
