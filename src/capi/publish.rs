//! Publish settings from C: `tsc_publish_mode`, `tsc_publish_options` (as job, connection check,
//! hidden views, credentials or connections, thumbnails user or group) and
//! `tsc_connection_credentials`.

use crate::capi::boundary::{free_box, getter};
use crate::error::{Error, Result};
use crate::models::{ConnectionCredentials, PublishMode, PublishOptions};

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
    /// Replace the data of the existing data source of the same name, keeping the data source
    /// (data sources only; Python `PublishMode.Replace`, `replace=true`).
    Replace = 3,
}

/// The mode for a C value.
pub(crate) fn mode_of(v: i32) -> Result<PublishMode> {
    match v {
        0 => Ok(PublishMode::CreateNew),
        1 => Ok(PublishMode::Overwrite),
        2 => Ok(PublishMode::Append),
        3 => Ok(PublishMode::Replace),
        other => Err(Error::invalid(format!(
            "{other} is not a publish mode: use TSC_PUBLISH_MODE_CREATE_NEW (0), TSC_PUBLISH_MODE_OVERWRITE (1), TSC_PUBLISH_MODE_APPEND (2) or TSC_PUBLISH_MODE_REPLACE (3)"
        ))),
    }
}

/// Settings of a publish call beyond the item, the file and the mode. Pass NULL instead for
/// the defaults: synchronous, connections checked, all views shown, no credentials.
///
/// Thread safety: one thread at a time while being changed; publish calls only read it.
pub struct tsc_publish_options {
    pub(crate) inner: PublishOptions,
}

/// Database credentials for publishing (name, password or token, embed, OAuth).
///
/// Thread safety: immutable; may be used by any number of threads.
pub struct tsc_connection_credentials {
    pub(crate) inner: ConnectionCredentials,
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

/// Frees publish options. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses `opts`.
#[no_mangle]
pub extern "C" fn tsc_publish_options_free(opts: *mut tsc_publish_options) {
    getter((), || free_box(opts))
}

/// Frees credentials (their password is wiped from memory). NULL is ignored. Must not be called
/// twice.
/// Thread safety: any thread, once no other thread uses `creds`.
#[no_mangle]
pub extern "C" fn tsc_connection_credentials_free(creds: *mut tsc_connection_credentials) {
    getter((), || free_box(creds))
}
