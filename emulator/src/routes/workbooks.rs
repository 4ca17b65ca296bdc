//! Workbooks: publish (`routes::publish`), query for site (paged, filter/sort/fields), query
//! one (with `<views>`), update (name, showTabs, description, project, owner), delete,
//! download (streamed, `Content-Disposition: name="tableau_workbook"; filename=…`), views of a
//! workbook, connections (list, update), preview image.
//!
//! Codes where the references leave a choice: renaming or moving a workbook onto a name that
//! is taken in the target project answers `409015` "Resource Conflict" (the reference gives no
//! workbook code; TSC #280 reports a 409 "Resource Conflict"; 409015 is the data source code).
//! A non-owner, non-administrator updating answers `403027`, deleting `403004`.

use std::collections::HashMap;

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, Fields};
use crate::render;
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::connections::{self, Of};
use crate::routes::download;
use crate::routes::publish::{self, Target};
use crate::routes::{bool_attr, ok, payload};
use crate::state::{FavKind, SiteState, State, Workbook};
use crate::util::now_secs;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::post("sites/{site}/workbooks", |c, r| {
        publish::publish(c, r, Target::Workbook)
    }));
    r.push(Route::get(
        "sites/{site}/workbooks",
        resource::list::<Workbook>,
    ));
    r.push(Route::get(
        "sites/{site}/workbooks/{id}",
        resource::get::<Workbook>,
    ));
    r.push(Route::put("sites/{site}/workbooks/{id}", update));
    r.push(Route::delete("sites/{site}/workbooks/{id}", delete));
    r.push(Route::get("sites/{site}/workbooks/{id}/content", content));
    r.push(Route::get("sites/{site}/workbooks/{id}/views", views));
    r.push(Route::get(
        "sites/{site}/workbooks/{id}/connections",
        |c, r| connections::list(c, r, Of::Workbook),
    ));
    r.push(Route::put(
        "sites/{site}/workbooks/{id}/connections/{conn}",
        |c, r| connections::update(c, r, Of::Workbook),
    ));
    r.push(Route::get(
        "sites/{site}/workbooks/{id}/previewImage",
        preview,
    ));
}

/// Filter/sort fields of workbooks (REST reference, "Filtering and Sorting").
pub const WORKBOOK_FIELDS: &[FieldDef] = &[
    FieldDef::name("name"),
    FieldDef::str("contentUrl"),
    FieldDef::name("projectName"),
    FieldDef::name("ownerName"),
    FieldDef::str("ownerEmail"),
    FieldDef::str("ownerDomain"),
    FieldDef::list("tags"),
    FieldDef::date("createdAt"),
    FieldDef::date("updatedAt"),
    FieldDef::date("lastPublishedAt"),
    FieldDef::int("size"),
    FieldDef::int("sheetCount"),
    FieldDef::int("favoritesTotal"),
    FieldDef::bool("hasExtracts"),
    FieldDef::bool("displayTabs"),
    FieldDef::str_eq("projectId"),
    FieldDef::str_eq("ownerId"),
];

/// The value of a filter/sort field of a workbook.
pub fn workbook_field<'b>(
    ss: &SiteState,
    favs: &HashMap<&str, i64>,
    w: &'b Workbook,
    f: &str,
) -> FVal<'b> {
    let owner = || ss.users.get(&w.owner_id);
    match f {
        "name" => FVal::Str(&w.name),
        "contentUrl" => FVal::Str(&w.content_url),
        "projectName" => FVal::Owned(
            ss.projects
                .get(&w.project_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        ),
        "ownerName" => FVal::Owned(owner().map(|u| u.name.clone()).unwrap_or_default()),
        "ownerEmail" => FVal::Owned(owner().map(|u| u.email.clone()).unwrap_or_default()),
        "ownerDomain" => FVal::Owned(owner().map(|u| u.domain.clone()).unwrap_or_default()),
        "tags" => FVal::List(&w.tags),
        "createdAt" => FVal::Date(Some(w.created_at)),
        "updatedAt" | "lastPublishedAt" => FVal::Date(Some(w.updated_at)),
        "size" => FVal::Int(render::size_mb(w.size_bytes) as i64),
        "sheetCount" => FVal::Int(w.view_ids.len() as i64),
        "favoritesTotal" => FVal::Int(favs.get(w.id.as_str()).copied().unwrap_or(0)),
        "hasExtracts" => FVal::Bool(w.has_extracts),
        "displayTabs" => FVal::Bool(w.show_tabs),
        "projectId" => FVal::Str(&w.project_id),
        "ownerId" => FVal::Str(&w.owner_id),
        _ => FVal::Null,
    }
}

impl Resource for Workbook {
    const LIST: &'static str = "workbooks";
    const FIELDS: &'static [FieldDef] = WORKBOOK_FIELDS;
    const ITEM_BYTES: usize = 700;
    const FAVORITES: Option<FavKind> = Some(FavKind::Workbook);

    fn items<'s>(_: &'s State, ss: &'s SiteState) -> Items<'s, Workbook> {
        Items::Table(&ss.workbooks)
    }
    fn not_found(id: &str) -> ApiError {
        ApiError::workbook_not_found(id)
    }
    fn field<'a>(sc: &Scope<'_>, item: &'a Workbook, f: &str) -> FVal<'a> {
        workbook_field(sc.ss, &sc.favorites, item, f)
    }
    /// Alone, with its `<views>`.
    fn render(x: &mut ReplyWriter, sc: &Scope<'_>, w: &Workbook, fields: &Fields, one: bool) {
        render::workbook_with(x, sc.ss, w, fields, one);
    }
}

fn update(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let view_acceleration = req
        .query
        .bool("includeViewAccelerationStatus")?
        .unwrap_or(false);
    let doc = req.document()?;
    let el = payload(&doc, "workbook")?;
    let show_tabs = bool_attr(el, "showTabs")?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let cur = resource::in_table(&ss.workbooks, &id)?.clone();
    let a = ctx.auth();
    if !a.is_admin() && cur.owner_id != a.user_id {
        return Err(ApiError::new(
            403027,
            "Only an administrator or the owner may update the workbook.",
        )
        .with_summary("Update forbidden"));
    }
    let mut next = cur.clone();
    if let Some(n) = el.attr("name") {
        if n.trim().is_empty() {
            return Err(ApiError::bad_request("The workbook name cannot be empty."));
        }
        next.name = n.to_string();
    }
    if let Some(t) = show_tabs {
        next.show_tabs = t;
    }
    if let Some(d) = el.attr("description") {
        next.description = d.to_string();
    }
    if let Some(p) = el.child("dataFreshnessPolicy") {
        next.data_freshness = Some(crate::freshness::parse(p)?);
    }
    if let Some(c) = el.child("dataAccelerationConfig") {
        next.acceleration.apply(c, now_secs())?;
    }
    if let Some(p) = el.child("project").and_then(|p| p.attr("id")) {
        next.project_id = ss
            .projects
            .get(p)
            .map(|p| p.id.clone())
            .ok_or_else(|| ApiError::project_not_found(p))?;
    }
    if let Some(o) = el.child("owner").and_then(|o| o.attr("id")) {
        next.owner_id = ss
            .users
            .get(o)
            .map(|u| u.id.clone())
            .ok_or_else(|| ApiError::user_not_found(o))?;
    }
    if (next.name != cur.name || next.project_id != cur.project_id)
        && ss.workbooks.iter().any(|w| {
            w.id != id && w.project_id == next.project_id && w.name.eq_ignore_ascii_case(&next.name)
        })
    {
        return Err(ApiError::new(
            409015,
            format!(
                "A workbook named '{}' already exists in the target project.",
                next.name
            ),
        ));
    }
    if next.name != cur.name {
        next.file_name = format!("{}.{}", next.name, next.file_ext);
    }
    next.updated_at = now_secs();
    for vid in &next.view_ids {
        if let Some(v) = ss.views.get_mut(vid) {
            v.owner_id = next.owner_id.clone();
            v.project_id = next.project_id.clone();
        }
    }
    let mut x = ctx.reply(2048);
    render::workbook_full(
        &mut x,
        ss,
        &next,
        &Fields::default(),
        true,
        view_acceleration,
    );
    ss.workbooks.insert(next);
    Ok(ok(x))
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let id = req.param("id").to_string();
    crate::routes::delete_stored(
        ctx,
        "workbook",
        |ss| resource::in_table(&ss.workbooks, &id).map(|w| w.owner_id.clone()),
        |ss| ss.delete_workbook(&id),
    )
}

/// `GET …/workbooks/{id}/content[?includeExtract=false]`: the published bytes, whatever
/// `includeExtract` says (the emulator does not repackage workbooks).
fn content(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    req.query.bool("includeExtract")?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let w = resource::in_table(&ss.workbooks, req.param("id"))?;
    let part = Target::Workbook.file_part();
    download::stored(ctx, part, &w.file_path, &w.file_ext, &w.file_name)
}

/// `GET …/workbooks/{id}/views[?includeUsageStatistics=true]` (not paged).
fn views(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let usage = req.query.bool("includeUsageStatistics")?.unwrap_or(false);
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let w = resource::in_table(&ss.workbooks, req.param("id"))?;
    let mut x = ctx.reply(w.view_ids.len() * 500 + 64);
    x.open("views").close();
    for vid in &w.view_ids {
        if let Some(v) = ss.views.get(vid) {
            render::view_with(&mut x, ss, v, &Fields::default(), usage);
        }
    }
    x.end("views");
    Ok(ok(x))
}

/// `GET …/workbooks/{id}/previewImage`: the PNG of the workbook's default view.
fn preview(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let w = resource::in_table(&ss.workbooks, req.param("id"))?;
    let seed = w.default_view_id.clone().unwrap_or_else(|| w.id.clone());
    drop(st);
    Ok(download::preview_answer(&seed))
}
