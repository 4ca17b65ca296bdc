//! What every `tsc_<item>_pager` shares: the handle shape, `next`, `total_available` and `free`
//! (their exported wrappers are generated into `gen/`), and `put_pager`, with which each
//! generated constructor (`tsc_users_pager`, ...) writes its pager.

use crate::capi::boundary::{arg_mut, arg_out, call, free_box, getter, put, put_box};
use crate::capi::error::tsc_error;
use crate::capi::items::{put_list, ItemHandle, ListHandle};
use crate::error::{tsc_status, Result};
use crate::pager::Pager;

/// The model behind a list handle type.
pub(crate) type ModelOf<L> = <<L as ListHandle>::Item as ItemHandle>::Model;

/// A pager handle type (`tsc_user_pager`, ...).
pub(crate) trait PagerHandle: Sized + 'static {
    type List: ListHandle;
    fn wrap(inner: Pager<ModelOf<Self::List>>) -> Self;
    fn pager(&self) -> &Pager<ModelOf<Self::List>>;
    fn pager_mut(&mut self) -> &mut Pager<ModelOf<Self::List>>;
}

/// Writes an owned pager handle for `pager` through `out`, `read_ahead` pages fetched ahead
/// once the total is known.
pub(crate) fn put_pager<P: PagerHandle>(
    out: *mut *mut P,
    pager: Pager<ModelOf<P::List>>,
    read_ahead: u32,
) -> Result<()> {
    put_box(out, P::wrap(pager.read_ahead(read_ahead)?))
}

/// The next page through `page_out`, or NULL at the end.
pub(crate) fn next<P: PagerHandle>(
    name: &'static str,
    pager: *mut P,
    page_out: *mut *mut P::List,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call(name, err, || {
        let p = arg_mut(pager, "pager")?;
        let out = arg_out(page_out, "page_out")?;
        match p.pager_mut().next_page()? {
            Some(page) => put_list(out, page),
            None => put(out, std::ptr::null_mut()),
        }
    })
}

/// The latest total, or -1.
pub(crate) fn total_available<P: PagerHandle>(pager: *const P) -> i64 {
    // SAFETY: pager is NULL or a live handle (documented contract).
    getter(-1, || {
        unsafe { pager.as_ref() }
            .and_then(|p| p.pager().total_available())
            .unwrap_or(-1)
    })
}

/// Frees a pager without waiting for its read-ahead fetches.
pub(crate) fn free<P: PagerHandle>(pager: *mut P) {
    getter((), || free_box(pager))
}
