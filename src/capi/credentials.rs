//! `tsc_credentials`: what `tsc_auth_sign_in` (generated, `gen/endpoints/auth.rs`) signs in with.

use crate::auth::Credentials;
use crate::capi::boundary::{free_box, getter};

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
