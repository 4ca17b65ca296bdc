//! `tsc_export_options`: what a view or workbook export asks for (resolution, maximum age, viz
//! size, page type and orientation, view filters). Its setters are rows of the method table.

use crate::api::exports::ExportOptions;
use crate::capi::boundary::{free_box, getter};

/// Options of an export (`tsc_views_populate_image`, `_csv`, `_pdf`, `tsc_workbooks_populate_pdf`
/// and their `_to_file` / `_to_writer` forms). Pass NULL instead for the server's defaults. Each
/// export sends the options that apply to it.
///
/// Thread safety: one thread at a time while being changed; calls only read it, so one options
/// handle may serve concurrent exports once set up.
pub struct tsc_export_options {
    pub(crate) inner: ExportOptions,
}

/// Frees export options. NULL is ignored. Must not be called twice.
/// Thread safety: any thread, once no other thread uses it.
#[no_mangle]
pub extern "C" fn tsc_export_options_free(opts: *mut tsc_export_options) {
    getter((), || free_box(opts))
}
