//! `tsc_credentials`: what `tsc_auth_sign_in` (generated, `gen/endpoints/auth.rs`) signs in with.

use crate::auth::Credentials;
use crate::capi::boundary::{
    arg_mut, arg_opt_str, arg_out, arg_str, call, free_box, getter, put_box,
};
use crate::capi::error::tsc_error;
use crate::error::{tsc_status, Error, Result};
use std::ffi::c_char;

/// What to sign in with: a password, a personal access token or a JWT, for one site, optionally
/// impersonating a user. Secrets are wiped from memory when freed and never appear in messages.
///
/// Thread safety: one thread at a time while being changed; `tsc_auth_sign_in` only reads it.
pub struct tsc_credentials {
    pub(crate) inner: Credentials,
}

fn new_credentials(
    name: &'static str,
    out: *mut *mut tsc_credentials,
    err: *mut *mut tsc_error,
    make: impl FnOnce() -> Result<Credentials>,
) -> tsc_status {
    call(name, err, || {
        let out = arg_out(out, "out")?;
        put_box(out, tsc_credentials { inner: make()? })
    })
}

/// Credentials from a user name and password for the site with content URL `site` ("" is the
/// Default site). All strings: borrowed, copied, not NULL. On success `*out` is owned: free it
/// with `tsc_credentials_free`.
/// Thread safety: any thread; the new handle is then used by one thread at a time.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_credentials_new_password(
    username: *const c_char,
    password: *const c_char,
    site: *const c_char,
    out: *mut *mut tsc_credentials,
    err: *mut *mut tsc_error,
) -> tsc_status {
    new_credentials("tsc_credentials_new_password", out, err, || {
        Credentials::password(
            arg_str(username, "username")?,
            arg_str(password, "password")?,
            arg_str(site, "site")?,
        )
    })
}

/// Credentials from a personal access token's name and secret (REST API 3.6+). All strings:
/// borrowed, copied, not NULL. On success `*out` is owned: free it with `tsc_credentials_free`.
/// Thread safety: any thread; the new handle is then used by one thread at a time.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_credentials_new_pat(
    token_name: *const c_char,
    token_secret: *const c_char,
    site: *const c_char,
    out: *mut *mut tsc_credentials,
    err: *mut *mut tsc_error,
) -> tsc_status {
    new_credentials("tsc_credentials_new_pat", out, err, || {
        Credentials::personal_access_token(
            arg_str(token_name, "token_name")?,
            arg_str(token_secret, "token_secret")?,
            arg_str(site, "site")?,
        )
    })
}

/// Credentials from a JWT signed by a connected app (REST API 3.17+). All strings: borrowed,
/// copied, not NULL. On success `*out` is owned: free it with `tsc_credentials_free`.
/// Thread safety: any thread; the new handle is then used by one thread at a time.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_credentials_new_jwt(
    jwt: *const c_char,
    site: *const c_char,
    out: *mut *mut tsc_credentials,
    err: *mut *mut tsc_error,
) -> tsc_status {
    new_credentials("tsc_credentials_new_jwt", out, err, || {
        Credentials::jwt(arg_str(jwt, "jwt")?, arg_str(site, "site")?)
    })
}

/// Signs in on behalf of the user with this LUID (server administrators only); NULL clears it.
/// `user_id`: borrowed, copied.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_credentials_set_impersonate(
    creds: *mut tsc_credentials,
    user_id: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_credentials_set_impersonate", err, || {
        let c = arg_mut(creds, "creds")?;
        let user = arg_opt_str(user_id, "user_id")?;
        c.inner = c.inner.clone().impersonate(user)?;
        Ok(())
    })
}

/// Marks JWT credentials as a unified access token (1) or not (0, the default). Ignored for other
/// kinds of credentials.
/// Thread safety: one thread at a time for a given handle; it may move between threads.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_credentials_set_unified_access_token(
    creds: *mut tsc_credentials,
    yes: i32,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_credentials_set_unified_access_token", err, || {
        let c = arg_mut(creds, "creds")?;
        if yes != 0 && yes != 1 {
            return Err(Error::invalid(format!("{yes} is not 0 or 1")));
        }
        c.inner = c.inner.clone().unified_access_token(yes == 1);
        Ok(())
    })
}

/// Frees credentials, wiping the secret. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_credentials_free(creds: *mut tsc_credentials) {
    getter((), || free_box(creds))
}
