//! The C side of publishing and downloading, written once for workbooks and data sources: each
//! `tsc_workbooks_publish*` / `tsc_datasources_download*` function is a few lines naming its
//! arguments and the Rust method to run; these helpers check the arguments, build the source or
//! destination (a path, or the caller's read or write callback), run the transfer with the
//! options' progress callback and cancel token, and write the results only on success.

use crate::api::Published;
use crate::capi::boundary::{arg_out, arg_str, call, put};
use crate::capi::callbacks::{tsc_read_fn, tsc_write_fn, CallbackReader, CallbackWriter};
use crate::capi::error::tsc_error;
use crate::capi::gen::tsc_job;
use crate::capi::items::{model, put_item, ItemHandle};
use crate::capi::publish::{mode_of, publish_options_of, tsc_publish_options};
use crate::capi::server::{server_of, tsc_server};
use crate::capi::strings::owned;
use crate::capi::transfer::{transfer_of, tsc_transfer_options};
use crate::error::{tsc_status, Error, Result, Status};
use crate::models::{PublishMode, PublishOptions};
use crate::server::Server;
use crate::transport::{Destination, Downloaded, Source, TransferOptions};
use std::ffi::{c_char, c_void};
use std::path::Path;

/// Where a publish reads its file from.
pub(crate) enum CSource {
    /// A path (NUL-terminated UTF-8).
    Path(*const c_char),
    /// A read callback with its file name and size.
    Reader {
        file_name: *const c_char,
        size: u64,
        read: tsc_read_fn,
        userdata: *mut c_void,
    },
}

/// The Rust publish method of a kind.
pub(crate) type PublishFn<M> = fn(
    &Server,
    &M,
    Source<'_>,
    PublishMode,
    &PublishOptions,
    &mut TransferOptions<'_>,
) -> Result<Published<M>>;

/// The outputs of a publish: the item, or the job (`as_job`).
pub(crate) struct PublishOut<H> {
    pub out: *mut *mut H,
    pub job_out: *mut *mut tsc_job,
}

/// Runs a publish for the exported function `name`.
#[allow(clippy::too_many_arguments)] // internal: mirrors the C signature
pub(crate) fn publish<H: ItemHandle>(
    name: &'static str,
    err: *mut *mut tsc_error,
    server: *const tsc_server,
    item: *const H,
    source: CSource,
    mode: i32,
    publish_opts: *const tsc_publish_options,
    transfer_opts: *const tsc_transfer_options,
    outs: PublishOut<H>,
    run: PublishFn<H::Model>,
) -> tsc_status {
    call(name, err, || {
        let s = server_of(server)?;
        let m = model(item, "item")?;
        let popts = publish_options_of(publish_opts);
        if popts.as_job {
            arg_out(outs.job_out, "job_out")?;
        } else {
            arg_out(outs.out, "out")?;
        }
        let mut transfer = transfer_of(transfer_opts);
        let result = match source {
            CSource::Path(p) => {
                let p = arg_str(p, "path")?;
                run(
                    s,
                    m,
                    Source::Path(Path::new(p)),
                    mode_of(mode)?,
                    popts,
                    &mut transfer,
                )?
            }
            CSource::Reader {
                file_name,
                size,
                read,
                userdata,
            } => {
                let file_name = arg_str(file_name, "file_name")?;
                let f = read.ok_or_else(|| null("read"))?;
                let mut reader = CallbackReader { f, userdata };
                let src = Source::Reader {
                    reader: &mut reader,
                    size,
                    file_name,
                };
                run(s, m, src, mode_of(mode)?, popts, &mut transfer)?
            }
        };
        match result {
            Published::Item(i) => {
                if !outs.job_out.is_null() {
                    put(outs.job_out, std::ptr::null_mut())?;
                }
                put_item(outs.out, i)
            }
            Published::Job(j) => {
                if !outs.out.is_null() {
                    put(outs.out, std::ptr::null_mut())?;
                }
                put_item(outs.job_out, j)
            }
        }
    })
}

fn null(name: &str) -> Error {
    Error::new(Status::NullArgument, format!("argument '{name}' is NULL"))
}

/// Where a download goes.
pub(crate) enum CDest {
    /// A directory (NULL: the current directory); the file name comes from the server.
    Directory(*const c_char),
    /// Exactly this path.
    File(*const c_char),
    /// A write callback.
    Writer(tsc_write_fn, *mut c_void),
}

/// The Rust download method of a kind.
pub(crate) type DownloadFn =
    fn(&Server, &str, Destination<'_>, &mut TransferOptions<'_>) -> Result<Downloaded>;

/// Runs a download of the item `id` (the pointer and the argument's name) for the exported
/// function `name`; writes the final path (owned) through
/// `path_out` when it is not NULL.
#[allow(clippy::too_many_arguments)] // internal: mirrors the C signature
pub(crate) fn download(
    name: &'static str,
    err: *mut *mut tsc_error,
    server: *const tsc_server,
    id: (*const c_char, &'static str),
    dest: CDest,
    transfer_opts: *const tsc_transfer_options,
    path_out: *mut *mut c_char,
    run: DownloadFn,
) -> tsc_status {
    call(name, err, || {
        let s = server_of(server)?;
        let id = arg_str(id.0, id.1)?;
        let mut transfer = transfer_of(transfer_opts);
        let done = match dest {
            CDest::Directory(dir) => {
                let dir = match dir.is_null() {
                    true => ".",
                    false => arg_str(dir, "dir")?,
                };
                run(s, id, Destination::Directory(Path::new(dir)), &mut transfer)?
            }
            CDest::File(p) => {
                let p = arg_str(p, "path")?;
                run(s, id, Destination::File(Path::new(p)), &mut transfer)?
            }
            CDest::Writer(w, userdata) => {
                let f = w.ok_or_else(|| null("write"))?;
                let mut w = CallbackWriter { f, userdata };
                run(s, id, Destination::Writer(&mut w), &mut transfer)?
            }
        };
        if !path_out.is_null() {
            let p = done.path.map(|p| p.to_string_lossy().into_owned());
            put(path_out, p.map_or(std::ptr::null_mut(), |p| owned(&p)))?;
        }
        Ok(())
    })
}
