//! Views: query for site (paged, filter/sort/fields, `includeUsageStatistics`), query one,
//! and the preview image of a view (`GET sites/{s}/workbooks/{wb}/views/{v}/previewImage`).
//!
//! Views are the published sheets of workbooks (see `ingest`). Each preview fetch counts as a
//! view of the view: it is what `totalViewCount` / `hitsTotal` report. An unknown view is
//! `404011` everywhere (the Get View reference lists 404006 "Resource not found" for it;
//! 404011 "View not found" is the code of the preview methods and of favorites).

use std::collections::HashMap;

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{accessor, FVal, FieldDef, Fields, ListQuery};
use crate::render;
use crate::router::{Ctx, Request, Route};
use crate::routes::download;
use crate::routes::ok;
use crate::routes::workbooks::favorite_counts;
use crate::state::{FavKind, SiteState, View};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/views", list));
    r.push(Route::get("sites/{site}/views/{id}", get_one).since("3.0"));
    r.push(Route::get(
        "sites/{site}/workbooks/{wb}/views/{id}/previewImage",
        preview,
    ));
}

/// Filter/sort fields of views.
pub const VIEW_FIELDS: &[FieldDef] = &[
    FieldDef::name("name"),
    FieldDef::str("viewUrlName"),
    FieldDef::str("contentUrl"),
    FieldDef::name("workbookName"),
    FieldDef::name("projectName"),
    FieldDef::name("ownerName"),
    FieldDef::str("ownerEmail"),
    FieldDef::list("tags"),
    FieldDef::date("createdAt"),
    FieldDef::date("updatedAt"),
    FieldDef::int("hitsTotal"),
    FieldDef::int("sheetNumber"),
    FieldDef::int("favoritesTotal"),
    FieldDef::str_eq("sheetType"),
    FieldDef::str_eq("workbookId"),
    FieldDef::str_eq("projectId"),
    FieldDef::str_eq("ownerId"),
];

fn view_field<'b>(ss: &SiteState, favs: &HashMap<&str, i64>, v: &'b View, f: &str) -> FVal<'b> {
    let wb = || ss.workbooks.get(&v.workbook_id);
    let owner = || ss.users.get(&v.owner_id);
    match f {
        "name" => FVal::Str(&v.name),
        "viewUrlName" => FVal::Str(&v.view_url_name),
        "contentUrl" => FVal::Str(&v.content_url),
        "workbookName" => FVal::Owned(wb().map(|w| w.name.clone()).unwrap_or_default()),
        "projectName" => FVal::Owned(
            ss.projects
                .get(&v.project_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        ),
        "ownerName" => FVal::Owned(owner().map(|u| u.name.clone()).unwrap_or_default()),
        "ownerEmail" => FVal::Owned(owner().map(|u| u.email.clone()).unwrap_or_default()),
        "tags" => FVal::List(&v.tags),
        "createdAt" => FVal::Date(Some(v.created_at)),
        "updatedAt" => FVal::Date(Some(v.updated_at)),
        "hitsTotal" => FVal::Int(v.total_views as i64),
        "sheetNumber" => FVal::Int(
            wb().and_then(|w| w.view_ids.iter().position(|x| *x == v.id))
                .map(|i| i as i64 + 1)
                .unwrap_or(0),
        ),
        "favoritesTotal" => FVal::Int(favs.get(v.id.as_str()).copied().unwrap_or(0)),
        "sheetType" => FVal::Str(&v.sheet_type),
        "workbookId" => FVal::Str(&v.workbook_id),
        "projectId" => FVal::Str(&v.project_id),
        "ownerId" => FVal::Str(&v.owner_id),
        _ => FVal::Null,
    }
}

fn list(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, VIEW_FIELDS)?;
    let usage = req.query.bool("includeUsageStatistics")?.unwrap_or(false);
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let favs = favorite_counts(ss, FavKind::View);
    let get = accessor(|v: &View, f: &str| view_field(ss, &favs, v, f));
    let (page, total) = lq.apply(ss.views.iter(), get)?;
    let mut x = ctx.reply(page.len() * 600 + 256);
    x.pagination(lq.paging.page_number, lq.paging.page_size, total);
    x.open("views").close();
    for v in page {
        render::view_with(&mut x, ss, v, &lq.fields, usage);
    }
    x.end("views");
    Ok(ok(x))
}

fn get_one(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let usage = req.query.bool("includeUsageStatistics")?.unwrap_or(false);
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let id = req.param("id");
    let v = ss
        .views
        .get(id)
        .ok_or_else(|| ApiError::view_not_found(id))?;
    let mut x = ctx.reply(1024);
    render::view_with(
        &mut x,
        ss,
        v,
        &Fields::parse(req.query.get("fields")),
        usage,
    );
    Ok(ok(x))
}

fn preview(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let wb = req.param("wb").to_string();
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    if ss.workbooks.get(&wb).is_none() {
        return Err(ApiError::workbook_not_found(&wb));
    }
    let v = ss
        .views
        .get_mut(&id)
        .filter(|v| v.workbook_id.eq_ignore_ascii_case(&wb))
        .ok_or_else(|| ApiError::view_not_found(&id))?;
    v.total_views += 1;
    let seed = v.id.clone();
    drop(st);
    Ok(download::preview_answer(&seed))
}
