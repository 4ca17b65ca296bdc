//! The routing table: one module per endpoint family, registered with one line each.
//!
//! To add a family (e.g. workbooks): create `routes/workbooks.rs` with
//! `pub fn routes(r: &mut Vec<Route>) { r.push(Route::get("sites/{site}/workbooks", list)); … }`,
//! declare `pub mod workbooks;` below and add `workbooks::routes(&mut r);` to `table()`.
//! Shared machinery of the content families: `publish` (publish and upload-session commits),
//! `download` (streamed downloads, previews), `connections` (connection list/update).

pub mod auth;
pub mod connections;
pub mod connections_bulk;
pub mod custom_views;
pub mod datasources;
pub mod download;
pub mod exports;
pub mod extracts;
pub mod favorites;
pub mod fileuploads;
pub mod group_jobs;
pub mod groups;
pub mod jobs;
pub mod permissions;
pub mod powerpoint;
pub mod projects;
pub mod publish;
pub mod revisions;
pub mod schedules;
pub mod serverinfo;
pub mod sites;
pub mod subscriptions;
pub mod tag_batch;
pub mod tags;
pub mod tasks;
pub mod users;
pub mod view_delete;
pub mod views;
pub mod workbooks;

use crate::errors::ApiError;
use crate::http::Response;
use crate::reply::ReplyWriter;
use crate::router::Route;
use crate::xml::Element;

/// All routes, in matching order.
pub fn table() -> Vec<Route> {
    let mut r = Vec::new();
    serverinfo::routes(&mut r);
    auth::routes(&mut r);
    sites::routes(&mut r);
    projects::routes(&mut r);
    users::routes(&mut r);
    groups::routes(&mut r);
    favorites::routes(&mut r);
    jobs::routes(&mut r);
    workbooks::routes(&mut r);
    views::routes(&mut r);
    view_delete::routes(&mut r);
    connections_bulk::routes(&mut r);
    exports::routes(&mut r);
    custom_views::routes(&mut r);
    powerpoint::routes(&mut r);
    datasources::routes(&mut r);
    revisions::routes(&mut r);
    extracts::routes(&mut r);
    schedules::routes(&mut r);
    tasks::routes(&mut r);
    subscriptions::routes(&mut r);
    fileuploads::routes(&mut r);
    tags::routes(&mut r);
    tag_batch::routes(&mut r);
    permissions::routes(&mut r);
    r
}

/// `DELETE …/{id}` of stored content (workbooks, data sources): administrators and the owner
/// only (`noun` names the item in the 403); the item's files are removed after the state lock is
/// released.
pub fn delete_stored(
    ctx: &crate::router::Ctx,
    noun: &str,
    owner_of: impl FnOnce(&crate::state::SiteState) -> Result<String, ApiError>,
    remove: impl FnOnce(&mut crate::state::SiteState) -> crate::state::Garbage,
) -> Result<Response, ApiError> {
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let owner = owner_of(ss)?;
    let a = ctx.auth();
    if !a.is_admin() && owner != a.user_id {
        return Err(ApiError::forbidden(format!(
            "Only an administrator or the owner may delete the {noun}."
        )));
    }
    let garbage = remove(ss);
    drop(st);
    ctx.collect_garbage(garbage);
    Ok(Response::no_content())
}

/// 200 with the document.
pub fn ok(x: ReplyWriter) -> Response {
    x.into_response(200)
}

/// 201 with the document.
pub fn created(x: ReplyWriter) -> Response {
    x.into_response(201)
}

/// The required child element of `<tsRequest>` (400000 if missing).
pub fn payload<'a>(doc: &'a Element, name: &str) -> Result<&'a Element, ApiError> {
    doc.child(name).ok_or_else(|| {
        ApiError::bad_request(format!(
            "Payload is either malformed XML or incomplete: the <{name}> element is missing"
        ))
    })
}

/// A required, non-empty attribute (400000 if missing).
pub fn required<'a>(el: &'a Element, attr: &str) -> Result<&'a str, ApiError> {
    match el.attr(attr) {
        Some(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(ApiError::bad_request(format!(
            "Payload is either malformed XML or incomplete: the '{attr}' attribute of <{}> is missing or empty",
            el.name
        ))),
    }
}

/// Optional boolean attribute (any case); other values → 400000.
pub fn bool_attr(el: &Element, attr: &str) -> Result<Option<bool>, ApiError> {
    match el.attr(attr) {
        None => Ok(None),
        Some(v) => crate::util::parse_bool(v).map(Some).ok_or_else(|| {
            ApiError::bad_request(format!("The value '{v}' of '{attr}' is not a boolean."))
        }),
    }
}
