//! `tsc_string_list`: an immutable list of UTF-8 strings (a resource's tags and similar
//! results). Each string is stored NUL-terminated once, when the list is built, so
//! `tsc_string_list_get` lends out pointers into the list without copying.

use crate::capi::boundary::{free_box, getter, put_box};
use crate::error::{Error, Result};
use crate::text::Text;
use std::ffi::c_char;
use std::ptr;

/// An immutable list of UTF-8 strings (tags, ...). Read it with `tsc_string_list_count` and
/// `tsc_string_list_get`; free it with `tsc_string_list_free`.
///
/// Thread safety: immutable; may be read from any number of threads.
pub struct tsc_string_list {
    items: Vec<Text>,
}

/// Builds a list of `items` and writes it through `out` (checked non-NULL by the caller). An
/// item containing a NUL character is refused with `InvalidArgument` naming its index, and
/// nothing is written. For the library's C functions and its tests; not part of the C API.
#[doc(hidden)]
pub fn put_string_list<S: AsRef<str>>(
    out: *mut *mut tsc_string_list,
    items: impl IntoIterator<Item = S>,
) -> Result<()> {
    put_box(out, tsc_string_list::of(items)?)
}

impl tsc_string_list {
    /// A list of `items` (an item containing a NUL character is refused with `InvalidArgument`
    /// naming its index). What method-table functions returning strings give (`Ret::Handle`).
    pub(crate) fn of<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Result<tsc_string_list> {
        let items = items
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                Text::new(s.as_ref()).map_err(|_| {
                    Error::invalid(format!("string {i} of the list contains a NUL character"))
                })
            })
            .collect::<Result<Vec<Text>>>()?;
        Ok(tsc_string_list { items })
    }
}

/// Number of strings in the list; 0 if `list` is NULL.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_string_list_count(list: *const tsc_string_list) -> usize {
    // SAFETY: list is NULL or a live handle from this library (documented contract).
    getter(0, || unsafe { list.as_ref() }.map_or(0, |l| l.items.len()))
}

/// The string at `index`, UTF-8 and NUL-terminated. Borrowed: valid until `list` is freed; do
/// not free. NULL if `list` is NULL or `index` is out of range.
///
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn tsc_string_list_get(list: *const tsc_string_list, index: usize) -> *const c_char {
    getter(ptr::null(), || {
        // SAFETY: list is NULL or a live handle from this library (documented contract).
        unsafe { list.as_ref() }
            .and_then(|l| l.items.get(index))
            .map_or(ptr::null(), Text::as_ptr)
    })
}

/// Frees a list and every string borrowed from it. NULL is ignored. Must not be called twice.
///
/// Thread safety: any thread, once no other thread uses `list`.
#[no_mangle]
pub extern "C" fn tsc_string_list_free(list: *mut tsc_string_list) {
    getter((), || free_box(list))
}
