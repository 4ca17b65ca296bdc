//! `tsc_tag_targets`: items of any kind, named by content type and LUID, for
//! `tsc_tags_batch_add` / `tsc_tags_batch_delete`. Its functions are rows of the method table.

use crate::api::TagTargets;
use crate::capi::boundary::{free_box, getter};

/// A list of items (workbooks, data sources, views, flows, …) to tag in one request. Built with
/// `tsc_tag_targets_new` and `tsc_tag_targets_add`; freed with `tsc_tag_targets_free`.
///
/// Thread safety: one thread at a time while being changed; calls only read it, so one list may
/// serve concurrent calls once built.
pub struct tsc_tag_targets {
    pub(crate) inner: TagTargets,
}

/// Frees a content list. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_tag_targets_free(list: *mut tsc_tag_targets) {
    getter((), || free_box(list))
}
