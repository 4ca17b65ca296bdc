//! The C side of publishing and downloading, written once for every kind of content: the
//! generated `tsc_<family>_publish*` / `tsc_<family>_download*` functions (`gen/endpoints/`) build
//! their source or destination with [`reader_of`] / [`writer_of`] from the caller's callbacks,
//! check their outputs with [`publish_outs`], and write results with [`PublishOuts::put`] and
//! [`put_path`], only on success.

use crate::api::Published;
use crate::capi::boundary::{arg_out, null, put, put_owned_str};
use crate::capi::callbacks::{tsc_read_fn, tsc_write_fn, CallbackReader, CallbackWriter};
use crate::capi::gen::tsc_job;
use crate::capi::items::{put_item, ItemHandle};
use crate::error::Result;
use crate::models::PublishOptions;
use crate::transport::Downloaded;
use std::ffi::{c_char, c_void};

/// The caller's read callback as a reader (`read` must not be NULL).
pub(crate) fn reader_of(read: tsc_read_fn, userdata: *mut c_void) -> Result<CallbackReader> {
    let f = read.ok_or_else(|| null("read"))?;
    Ok(CallbackReader { f, userdata })
}

/// The caller's write callback as a writer (`write` must not be NULL).
pub(crate) fn writer_of(write: tsc_write_fn, userdata: *mut c_void) -> Result<CallbackWriter> {
    let f = write.ok_or_else(|| null("write"))?;
    Ok(CallbackWriter { f, userdata })
}

/// The outputs of a publish: the item, or the job (`as_job`).
pub(crate) struct PublishOuts<H> {
    out: *mut *mut H,
    job_out: *mut *mut tsc_job,
}

/// Checks the output the publish will produce (the item, or the job with `as_job`) before any
/// work; the other may be NULL.
pub(crate) fn publish_outs<H>(
    out: *mut *mut H,
    job_out: *mut *mut tsc_job,
    opts: &PublishOptions,
) -> Result<PublishOuts<H>> {
    if opts.as_job {
        arg_out(job_out, "job_out")?;
    } else {
        arg_out(out, "out")?;
    }
    Ok(PublishOuts { out, job_out })
}

impl<H: ItemHandle> PublishOuts<H> {
    /// Writes the item or the job, and NULL through the other output when it is not NULL.
    pub(crate) fn put(self, result: Published<H::Model>) -> Result<()> {
        match result {
            Published::Item(i) => {
                if !self.job_out.is_null() {
                    put(self.job_out, std::ptr::null_mut())?;
                }
                put_item(self.out, i)
            }
            Published::Job(j) => {
                if !self.out.is_null() {
                    put(self.out, std::ptr::null_mut())?;
                }
                put_item(self.job_out, *j)
            }
        }
    }
}

/// Writes the downloaded file's path (owned) through `path_out` when it is not NULL.
pub(crate) fn put_path(path_out: *mut *mut c_char, done: Downloaded) -> Result<()> {
    if path_out.is_null() {
        return Ok(());
    }
    put_owned_str(
        path_out,
        done.path.map(|p| p.to_string_lossy().into_owned()),
    )
}
