//! `tsc_server_info`: the server's product and REST API versions (no sign-in needed), as
//! `tsc_server_info_get` (generated, `gen/endpoints/server_info.rs`) returns them.

use crate::capi::boundary::{free_box, getter};
use crate::models::ServerInfo;
use crate::text::Text;
use std::ffi::c_char;

/// What a server says about itself.
///
/// Thread safety: immutable; may be read from any number of threads.
pub struct tsc_server_info {
    pub(crate) inner: ServerInfo,
}

fn field(
    info: *const tsc_server_info,
    f: impl FnOnce(&ServerInfo) -> &Option<Text>,
) -> *const c_char {
    // SAFETY: info is NULL or a live handle (contract).
    getter(std::ptr::null(), || {
        unsafe { info.as_ref() }
            .and_then(|i| f(&i.inner).as_ref())
            .map_or(std::ptr::null(), Text::as_ptr)
    })
}

/// The product version, e.g. "2025.1.0". Borrowed: valid until `info` is freed; do not free.
/// NULL if absent or `info` is NULL. Thread safety: any thread (server info is immutable).
#[no_mangle]
pub extern "C" fn tsc_server_info_product_version(info: *const tsc_server_info) -> *const c_char {
    field(info, |i| &i.product_version)
}

/// The build number, e.g. "20251.25.0101.1200". Borrowed: valid until `info` is freed; do not
/// free. NULL if absent or `info` is NULL. Thread safety: any thread (server info is immutable).
#[no_mangle]
pub extern "C" fn tsc_server_info_build_number(info: *const tsc_server_info) -> *const c_char {
    field(info, |i| &i.build_number)
}

/// The highest REST API version the server supports, e.g. "3.25". Borrowed: valid until `info` is
/// freed; do not free. NULL if absent or `info` is NULL.
/// Thread safety: any thread (server info is immutable).
#[no_mangle]
pub extern "C" fn tsc_server_info_rest_api_version(info: *const tsc_server_info) -> *const c_char {
    field(info, |i| &i.rest_api_version)
}

/// Frees server info. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_server_info_free(info: *mut tsc_server_info) {
    getter((), || free_box(info))
}
