//! `tsc_datasources_*`: the C face of `api/datasources.rs`. Publishing and downloading go
//! through the helpers shared with workbooks (`capi/content.rs`).
//!
//! Every function here makes requests: it may be called from any thread (the server handle is
//! thread-safe), but not from inside a progress, read or write callback
//! (`TSC_STATUS_INVALID_ARGUMENT`).

use crate::capi::boundary::{arg_out, arg_str, call};
use crate::capi::callbacks::{tsc_read_fn, tsc_write_fn};
use crate::capi::content::{self, CDest, CSource, PublishOut};
use crate::capi::error::tsc_error;
use crate::capi::gen::{
    tsc_connection, tsc_connection_list, tsc_datasource, tsc_datasource_list, tsc_datasource_pager,
    tsc_job,
};
use crate::capi::items::{get_list, model, put_item, put_list};
use crate::capi::options::tsc_request_options;
use crate::capi::pagers;
use crate::capi::publish::tsc_publish_options;
use crate::capi::server::{server_of, tsc_server};
use crate::capi::transfer::tsc_transfer_options;
use crate::error::tsc_status;
use std::ffi::{c_char, c_void};

/// One page of the signed-in site's data sources (`opts` borrowed; NULL for the server's
/// defaults). On success `*out` is owned: free it with `tsc_datasource_list_free`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_get(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    out: *mut *mut tsc_datasource_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    get_list("tsc_datasources_get", server, opts, out, err, |s, o| {
        s.datasources().get(o)
    })
}

/// A pager over every data source of the site (see `tsc_datasource_pager`). `server`: borrowed, not NULL;
/// the pager keeps what it needs, so the server may be freed first. `opts`: borrowed, copied;
/// NULL for none; its page size (default 1000) and page number (default 1) say where to start.
/// `read_ahead`: how many pages to fetch in parallel ahead of the one handed out, once the total
/// is known (0: none; at most 64). On success `*out` is owned: free it with
/// `tsc_datasource_pager_free`. No request is made until the first `tsc_datasource_pager_next`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_pager(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    read_ahead: u32,
    out: *mut *mut tsc_datasource_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    pagers::open(
        "tsc_datasources_pager",
        server,
        opts,
        read_ahead,
        out,
        err,
        |s, o| Ok(s.datasources().pager(o)),
    )
}

/// The data source with this LUID (`datasource_id` borrowed). On success `*out` is owned: free
/// it with `tsc_datasource_free`. An unknown id gives `TSC_STATUS_NOT_FOUND`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_get_by_id(
    server: *const tsc_server,
    datasource_id: *const c_char,
    out: *mut *mut tsc_datasource,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_datasources_get_by_id", err, || {
        let s = server_of(server)?;
        let id = arg_str(datasource_id, "datasource_id")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.datasources().get_by_id(id)?)
    })
}

/// Publishes the `.tds`, `.tdsx`, `.tde` or `.hyper` file at `path` (borrowed, UTF-8) as `item`
/// (borrowed; made with `tsc_datasource_new`: its name, or the file name without extension when
/// the name is ""; its project; description, certification and Ask Data setting when set).
/// `mode` is a `tsc_publish_mode`; `TSC_PUBLISH_MODE_APPEND` adds to an existing extract.
/// `publish_opts` (credentials or connections, as_job) and `transfer_opts`: borrowed, NULL for
/// defaults.
///
/// Files under the single-request limit (64 MiB) go in one request, streamed from disk; larger
/// ones through an upload session, chunk by chunk. Memory use does not grow with the file. A
/// failed, aborted or cancelled upload commits nothing. Checks happen before any request: a
/// missing file gives `TSC_STATUS_FILE`, another extension or mode `TSC_STATUS_INVALID_ARGUMENT`.
///
/// On success, without `as_job`: `*out` is the published data source, owned (free it with
/// `tsc_datasource_free`), and `*job_out` (if `job_out` is not NULL) is set to NULL. With
/// `as_job`: `*job_out` is the job, owned (free it with `tsc_job_free`), and `*out` (if not NULL)
/// is set to NULL. The output the call produces must not be NULL; the other may be.
/// Thread safety: any thread; callbacks run on this thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_publish(
    server: *const tsc_server,
    item: *const tsc_datasource,
    path: *const c_char,
    mode: i32,
    publish_opts: *const tsc_publish_options,
    transfer_opts: *const tsc_transfer_options,
    out: *mut *mut tsc_datasource,
    job_out: *mut *mut tsc_job,
    err: *mut *mut tsc_error,
) -> tsc_status {
    content::publish(
        "tsc_datasources_publish",
        err,
        server,
        item,
        CSource::Path(path),
        mode,
        publish_opts,
        transfer_opts,
        PublishOut { out, job_out },
        |s, m, src, mode, o, t| s.datasources().publish(m, src, mode, o, t),
    )
}

/// Like `tsc_datasources_publish`, but the file's `size` bytes come from `read` (called with
/// `userdata` until `size` bytes arrived; see `tsc_read_fn`). `file_name` (borrowed, e.g.
/// "Sales.hyper") gives the type and the name announced to the server. `read` must not be NULL;
/// `userdata` is passed back as is and never retained. Outputs as for `tsc_datasources_publish`: the
/// item (free it with `tsc_datasource_free`) or, with `as_job`, the job (free it with `tsc_job_free`).
/// Thread safety: any thread; `read` and the progress callback run on this thread, during the
/// call only.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_publish_from_reader(
    server: *const tsc_server,
    item: *const tsc_datasource,
    file_name: *const c_char,
    size: u64,
    read: tsc_read_fn,
    userdata: *mut c_void,
    mode: i32,
    publish_opts: *const tsc_publish_options,
    transfer_opts: *const tsc_transfer_options,
    out: *mut *mut tsc_datasource,
    job_out: *mut *mut tsc_job,
    err: *mut *mut tsc_error,
) -> tsc_status {
    content::publish(
        "tsc_datasources_publish_from_reader",
        err,
        server,
        item,
        CSource::Reader {
            file_name,
            size,
            read,
            userdata,
        },
        mode,
        publish_opts,
        transfer_opts,
        PublishOut { out, job_out },
        |s, m, src, mode, o, t| s.datasources().publish(m, src, mode, o, t),
    )
}

/// Updates the data source `tsc_datasource_id(item)` from the attributes set on `item`
/// (borrowed; a clone of a fetched data source): name, description, certification, encryption,
/// remote query agent, project, owner, Ask Data. On success `*out` is the updated data source,
/// owned: free it with `tsc_datasource_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_update(
    server: *const tsc_server,
    item: *const tsc_datasource,
    out: *mut *mut tsc_datasource,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_datasources_update", err, || {
        let s = server_of(server)?;
        let d = model(item, "item")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.datasources().update(d)?)
    })
}

/// Deletes the data source with this LUID (`datasource_id` borrowed). Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_delete(
    server: *const tsc_server,
    datasource_id: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_datasources_delete", err, || {
        let s = server_of(server)?;
        s.datasources()
            .delete(arg_str(datasource_id, "datasource_id")?)
    })
}

/// Downloads the data source's file into the existing directory `dir` (borrowed, UTF-8; NULL:
/// the current directory), under the name the server announces in Content-Disposition, made safe
/// (a single file name: no directories, no `..`, no control characters, no leading dot), or
/// `<datasource_id>.<tdsx|tds|hyper|tde>` when there is none. An existing file of that name is
/// replaced. The bytes go to a temporary file in `dir` (on Linux one without a name, so not even
/// a crash leaves it behind), which replaces the target only when complete: a failed, aborted or
/// cancelled download leaves no file behind. `transfer_opts`: borrowed, NULL
/// for defaults. On success, if `path_out` is not NULL, `*path_out` is the absolute path of the
/// file, owned: free it with `tsc_string_free`. Thread safety: any thread; callbacks run on this
/// thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_download(
    server: *const tsc_server,
    datasource_id: *const c_char,
    dir: *const c_char,
    transfer_opts: *const tsc_transfer_options,
    path_out: *mut *mut c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    content::download(
        "tsc_datasources_download",
        err,
        server,
        (datasource_id, "datasource_id"),
        CDest::Directory(dir),
        transfer_opts,
        path_out,
        |s, id, d, t| s.datasources().download(id, d, t),
    )
}

/// Like `tsc_datasources_download`, but to exactly `path` (borrowed, UTF-8; its directory must
/// exist; an existing file is replaced). `path_out` may be NULL.
/// Thread safety: any thread; callbacks run on this thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_download_to_file(
    server: *const tsc_server,
    datasource_id: *const c_char,
    path: *const c_char,
    transfer_opts: *const tsc_transfer_options,
    path_out: *mut *mut c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    content::download(
        "tsc_datasources_download_to_file",
        err,
        server,
        (datasource_id, "datasource_id"),
        CDest::File(path),
        transfer_opts,
        path_out,
        |s, id, d, t| s.datasources().download(id, d, t),
    )
}

/// Downloads the data source's file to `write` (must not be NULL; called with `userdata`, passed
/// back as is and never retained, for each block in order; see `tsc_write_fn`). On failure the
/// blocks already written stay written. Thread safety: any thread; callbacks run on this thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_download_to_writer(
    server: *const tsc_server,
    datasource_id: *const c_char,
    write: tsc_write_fn,
    userdata: *mut c_void,
    transfer_opts: *const tsc_transfer_options,
    err: *mut *mut tsc_error,
) -> tsc_status {
    content::download(
        "tsc_datasources_download_to_writer",
        err,
        server,
        (datasource_id, "datasource_id"),
        CDest::Writer(write, userdata),
        transfer_opts,
        std::ptr::null_mut(),
        |s, id, d, t| s.datasources().download(id, d, t),
    )
}

/// The data connections of `datasource` (borrowed; must have an id); each carries the data
/// source's id and name. Nothing is written into `datasource`. On success `*out` is owned: free
/// it with `tsc_connection_list_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_populate_connections(
    server: *const tsc_server,
    datasource: *const tsc_datasource,
    out: *mut *mut tsc_connection_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_datasources_populate_connections", err, || {
        let s = server_of(server)?;
        let d = model(datasource, "datasource")?;
        let out = arg_out(out, "out")?;
        put_list(out, s.datasources().populate_connections(d)?)
    })
}

/// Updates one connection of `datasource` (borrowed; must have an id): `connection` (borrowed;
/// a clone of one from `tsc_datasources_populate_connections`, changed with its setters) names
/// the connection by id and carries the new values (those set are sent). On success `*out` is the
/// updated connection, owned: free it with `tsc_connection_free`. Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_datasources_update_connection(
    server: *const tsc_server,
    datasource: *const tsc_datasource,
    connection: *const tsc_connection,
    out: *mut *mut tsc_connection,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_datasources_update_connection", err, || {
        let s = server_of(server)?;
        let d = model(datasource, "datasource")?;
        let c = model(connection, "connection")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.datasources().update_connection(d, c)?)
    })
}
