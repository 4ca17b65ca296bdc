//! `tsc_projects_*`: the C face of `api/projects.rs`.

use crate::capi::boundary::{arg_out, arg_str, call};
use crate::capi::error::tsc_error;
use crate::capi::gen::{tsc_project, tsc_project_list, tsc_project_pager};
use crate::capi::items::{get_list, model, put_item};
use crate::capi::options::tsc_request_options;
use crate::capi::pagers;
use crate::capi::server::{server_of, tsc_server};
use crate::error::tsc_status;
use std::ffi::c_char;

/// One page of the signed-in site's projects (`opts` borrowed, NULL for defaults). On success
/// `*out` is owned: free it with `tsc_project_list_free`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_projects_get(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    out: *mut *mut tsc_project_list,
    err: *mut *mut tsc_error,
) -> tsc_status {
    get_list("tsc_projects_get", server, opts, out, err, |s, o| {
        s.projects().get(o)
    })
}

/// A pager over every one of the signed-in site's projects (arguments as for
/// `tsc_users_pager`). On success `*out` is owned: free it with `tsc_project_pager_free`.
/// Thread safety: any thread.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_projects_pager(
    server: *const tsc_server,
    opts: *const tsc_request_options,
    read_ahead: u32,
    out: *mut *mut tsc_project_pager,
    err: *mut *mut tsc_error,
) -> tsc_status {
    pagers::open(
        "tsc_projects_pager",
        server,
        opts,
        read_ahead,
        out,
        err,
        |s, o| Ok(s.projects().pager(o)),
    )
}

/// The project with this LUID (`project_id` borrowed). On success `*out` is owned: free it with
/// `tsc_project_free`. An unknown id gives `TSC_STATUS_NOT_FOUND`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_projects_get_by_id(
    server: *const tsc_server,
    project_id: *const c_char,
    out: *mut *mut tsc_project,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_projects_get_by_id", err, || {
        let s = server_of(server)?;
        let id = arg_str(project_id, "project_id")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.projects().get_by_id(id)?)
    })
}

/// Creates a project from `project` (borrowed; made with `tsc_project_new`; set `parent_id` to
/// nest it). On success `*out` is the new project, owned: free it with `tsc_project_free`. A
/// sibling with the same name gives `TSC_STATUS_CONFLICT`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_projects_create(
    server: *const tsc_server,
    project: *const tsc_project,
    out: *mut *mut tsc_project,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_projects_create", err, || {
        let s = server_of(server)?;
        let p = model(project, "project")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.projects().create(p)?)
    })
}

/// Updates the project with `tsc_project_id(project)` from every attribute set on `project`
/// (borrowed). On success `*out` is the updated project, owned: free it with `tsc_project_free`.
/// Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_projects_update(
    server: *const tsc_server,
    project: *const tsc_project,
    out: *mut *mut tsc_project,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_projects_update", err, || {
        let s = server_of(server)?;
        let p = model(project, "project")?;
        let out = arg_out(out, "out")?;
        put_item(out, s.projects().update(p)?)
    })
}

/// Deletes the project with this LUID, its child projects and their content (`project_id`
/// borrowed). Thread safety: any thread, also concurrently with other calls on the same `server`.
#[no_mangle]
#[must_use]
pub extern "C" fn tsc_projects_delete(
    server: *const tsc_server,
    project_id: *const c_char,
    err: *mut *mut tsc_error,
) -> tsc_status {
    call("tsc_projects_delete", err, || {
        let s = server_of(server)?;
        s.projects().delete(arg_str(project_id, "project_id")?)
    })
}
