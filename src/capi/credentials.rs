//! `tsc_credentials`: what `tsc_auth_sign_in` (generated, `gen/endpoints/auth.rs`) signs in with;
//! the constructors and setters are generated from the method table, except the one taking a
//! JWT source callback (`tsc_jwt_fn`), written here.

use crate::auth::Credentials;
use crate::capi::boundary::{arg_out, arg_str, call, free_box, getter, null, put_box};
use crate::capi::callbacks::invoke;
use crate::capi::error::tsc_error;
use crate::error::{tsc_status, Error, Result, Status};
use std::ffi::{c_char, c_void};
use std::sync::Arc;

/// What to sign in with: a password, a personal access token or a JWT, for one site, optionally
/// impersonating a user. Secrets are wiped from memory when freed and never appear in messages.
///
/// Thread safety: one thread at a time while being changed; `tsc_auth_sign_in` only reads it.
pub struct tsc_credentials {
    pub(crate) inner: Credentials,
}

/// Frees credentials, wiping the secret. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_credentials_free(creds: *mut tsc_credentials) {
    getter((), || free_box(creds))
}

/// Writes a fresh JWT of a connected app for one sign-in: copy it (at most `cap` bytes; no NUL
/// needed) into `buf`, set `*out_len` to its length and return 0. A non-zero return stops the
/// sign-in with `TSC_STATUS_ABORTED_BY_CALLBACK` (`tsc_error_callback_code` gives the value back).
/// It runs on the thread that signs in: the one calling `tsc_auth_sign_in`, and, when a session
/// expires, whichever thread's call signs in again (one at a time per server). It must be
/// thread-safe, must return normally (no exception, no longjmp), and may not make requests.
pub type tsc_jwt_fn = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        buf: *mut c_char,
        cap: usize,
        out_len: *mut usize,
    ) -> i32,
>;

/// The room a JWT source gets (connected-app JWTs are a few hundred bytes to a few KiB).
const JWT_ROOM: usize = 16 * 1024;

/// The C callback and its userdata, shareable across threads (the caller promised that).
struct CJwtSource {
    f: unsafe extern "C" fn(*mut c_void, *mut c_char, usize, *mut usize) -> i32,
    userdata: usize,
}

impl CJwtSource {
    fn mint(&self) -> Result<String> {
        let mut buf = vec![0 as c_char; JWT_ROOM];
        let mut len = 0usize;
        // SAFETY: buf is writable for JWT_ROOM bytes and len is a valid out pointer; the
        // callback and userdata are the caller's (documented contract).
        let rc = invoke(|| unsafe {
            (self.f)(
                self.userdata as *mut c_void,
                buf.as_mut_ptr(),
                JWT_ROOM,
                &mut len,
            )
        });
        if rc != 0 {
            return Err(Error::new(
                Status::AbortedByCallback,
                format!("the JWT source callback returned {rc}: sign-in stopped"),
            )
            .with_callback_code(rc));
        }
        if len == 0 || len > JWT_ROOM {
            return Err(Error::invalid(format!(
                "the JWT source callback reported {len} bytes for a buffer of {JWT_ROOM}: \
                 write the JWT into the buffer and set *out_len to its length"
            )));
        }
        let bytes: Vec<u8> = buf[..len].iter().map(|&c| c as u8).collect();
        String::from_utf8(bytes).map_err(|_| {
            Error::new(
                Status::InvalidUtf8,
                "the JWT source callback wrote bytes that are not UTF-8",
            )
        })
    }
}

/// Credentials that sign in with a JWT the `source` callback mints for each sign-in (the first,
/// and each sign-in again after the session expired: a connected app's JWT is accepted once and
/// expires within minutes), for the site with content URL `site` ("" for the Default site).
/// `source` and `userdata` are kept by the credentials and by every server signed in with them,
/// until those are freed; see `tsc_jwt_fn`. Signing in with them needs REST API 3.17.
///
/// Returns `TSC_STATUS_OK`, `TSC_STATUS_NULL_ARGUMENT` if `source`, `site` or `out` is NULL,
/// `TSC_STATUS_INVALID_UTF8` if `site` is not UTF-8. On success `*out` owns the credentials: free
/// them with `tsc_credentials_free`. On failure `*err` (if `err` is not NULL) receives an error to
/// free with `tsc_error_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_credentials_new_jwt_source(
    source: tsc_jwt_fn,
    userdata: *mut c_void,
    site: *const c_char,
    out: *mut *mut tsc_credentials,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_credentials_new_jwt_source", err, || {
        let f = source.ok_or_else(|| null("source"))?;
        let site = arg_str(site, "site")?;
        let out = arg_out(out, "out")?;
        let src = CJwtSource {
            f,
            userdata: userdata as usize,
        };
        let inner = Credentials::jwt_source(Arc::new(move || src.mint()), site)?;
        put_box(out, tsc_credentials { inner })
    })
}
