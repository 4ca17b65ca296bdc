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
use crate::query::{FVal, FieldDef, Fields, Query};
use crate::render;
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::download;
use crate::state::{FavKind, SiteState, State, View};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/views", resource::list::<View>));
    r.push(Route::get("sites/{site}/views/{id}", resource::get::<View>).since("3.0"));
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

impl Resource for View {
    const LIST: &'static str = "views";
    const FIELDS: &'static [FieldDef] = VIEW_FIELDS;
    const ITEM_BYTES: usize = 600;
    const FAVORITES: Option<FavKind> = Some(FavKind::View);

    fn items<'s>(_: &'s State, ss: &'s SiteState) -> Items<'s, View> {
        Items::Table(&ss.views)
    }
    fn not_found(id: &str) -> ApiError {
        ApiError::view_not_found(id)
    }
    fn field<'a>(sc: &Scope<'_>, item: &'a View, f: &str) -> FVal<'a> {
        view_field(sc.ss, &sc.favorites, item, f)
    }
    /// `includeUsageStatistics=true` adds `<usage totalViewCount/>`.
    fn render(x: &mut ReplyWriter, sc: &Scope<'_>, v: &View, fields: &Fields, _one: bool) {
        let usage = sc.query.flag("includeUsageStatistics");
        render::view_with(x, sc.ss, v, fields, usage);
    }
    fn check(q: &Query) -> Result<(), ApiError> {
        q.bool("includeUsageStatistics").map(|_| ())
    }
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
