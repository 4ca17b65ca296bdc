//! Favorites: add (`PUT favorites/{user}`), list (`GET favorites/{user}`), delete
//! (`DELETE favorites/{user}/{workbooks|views|datasources|projects|flows}/{id}`).

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::Paging;
use crate::render;
use crate::router::{Ctx, Request, Route};
use crate::routes::{ok, payload};
use crate::state::{FavKind, Favorite, SiteState};
use crate::util::{new_id, now_secs};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/favorites/{user}", list));
    r.push(Route::put("sites/{site}/favorites/{user}", add));
    r.push(Route::delete(
        "sites/{site}/favorites/{user}/{kind}/{item}",
        delete,
    ));
}

fn check_user<'s>(
    ctx: &Ctx,
    ss: &'s SiteState,
    user: &str,
    write: bool,
) -> Result<&'s str, ApiError> {
    let u = ss
        .users
        .get(user)
        .ok_or_else(|| ApiError::user_not_found(user))?;
    let a = ctx.auth();
    if write && !a.is_admin() && u.id != a.user_id {
        return Err(ApiError::forbidden(
            "Only administrators can change another user's favorites.",
        ));
    }
    Ok(&u.id)
}

fn not_found(kind: FavKind, id: &str) -> ApiError {
    match kind {
        FavKind::Workbook => ApiError::workbook_not_found(id),
        FavKind::View => ApiError::view_not_found(id),
        FavKind::Datasource => ApiError::datasource_not_found(id),
        FavKind::Project => ApiError::project_not_found(id),
        _ => ApiError::new(
            404003,
            format!("The {} '{id}' could not be found.", kind.element()),
        ),
    }
}

/// Writes `<favorites>` for a user (with pagination when `paging` is given).
fn answer(
    ctx: &Ctx,
    ss: &SiteState,
    user_id: &str,
    paging: Option<Paging>,
) -> Result<Response, ApiError> {
    let favs: Vec<&Favorite> = ss
        .favorites
        .iter()
        .filter(|f| f.user_id == user_id && ss.item_name(f.kind, &f.item_id).is_some())
        .collect();
    let total = favs.len();
    let mut x = ctx.reply(total * 600);
    let range = match paging {
        Some(p) => {
            let r = p.range(total)?;
            x.pagination(p.page_number, p.page_size, total);
            r
        }
        None => 0..total,
    };
    x.open("favorites").close();
    for (i, f) in favs[range.clone()].iter().enumerate() {
        render::favorite(&mut x, ss, f, range.start + i);
    }
    x.end("favorites");
    Ok(ok(x))
}

fn list(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let paging = Paging::from_query(&req.query)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let uid = check_user(ctx, ss, req.param("user"), false)?.to_string();
    answer(ctx, ss, &uid, Some(paging))
}

fn add(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let fav = payload(&doc, "favorite")?;
    let target = fav
        .children
        .iter()
        .find(|c| FavKind::parse(&c.name).is_some())
        .ok_or_else(|| {
            ApiError::bad_request(
                "The <favorite> element names no workbook, view, datasource, project, flow or collection.",
            )
        })?;
    let kind = FavKind::parse(&target.name).expect("checked");
    let item = target
        .attr("id")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::bad_request("The favorite item has no id."))?
        .to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let uid = check_user(ctx, ss, req.param("user"), true)?.to_string();
    let name = ss
        .item_name(kind, &item)
        .ok_or_else(|| not_found(kind, &item))?
        .to_string();
    let label = match fav.attr("label") {
        Some(l) if l.trim().is_empty() => {
            return Err(ApiError::new(
                400005,
                "The favorite label is empty or consists of only white space characters.",
            ))
        }
        Some(l) => l.to_string(),
        None => name,
    };
    let item_id = match kind {
        FavKind::Workbook => ss.workbooks.get(&item).map(|w| w.id.clone()),
        FavKind::View => ss.views.get(&item).map(|v| v.id.clone()),
        FavKind::Datasource => ss.datasources.get(&item).map(|d| d.id.clone()),
        FavKind::Project => ss.projects.get(&item).map(|p| p.id.clone()),
        FavKind::Flow => ss.flows.get(&item).map(|f| f.id.clone()),
        FavKind::Collection => ss.collections.get(&item).map(|c| c.id.clone()),
        _ => None,
    }
    .unwrap_or(item);
    if ss
        .favorites
        .iter()
        .any(|f| f.user_id == uid && f.kind == kind && f.item_id == item_id)
    {
        return Err(ApiError::new(
            409007,
            format!(
                "The {} '{item_id}' is already a favorite of the user.",
                kind.element()
            ),
        ));
    }
    if ss
        .favorites
        .iter()
        .any(|f| f.user_id == uid && f.kind == kind && f.label == label)
    {
        return Err(ApiError::new(
            409007,
            format!(
                "There is already a favorite labelled '{label}' for a different {}.",
                kind.element()
            ),
        ));
    }
    ss.favorites.insert(Favorite {
        id: new_id(),
        user_id: uid.clone(),
        kind,
        item_id,
        label,
        added_at: now_secs(),
    });
    answer(ctx, ss, &uid, None)
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let kind =
        FavKind::parse(req.param("kind")).ok_or_else(|| ApiError::unknown_resource(&req.path))?;
    let item = req.param("item").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let uid = check_user(ctx, ss, req.param("user"), true)?.to_string();
    if ss.item_name(kind, &item).is_none() {
        return Err(not_found(kind, &item));
    }
    let removed = ss.favorites.retain_or_take(|f| {
        !(f.user_id == uid && f.kind == kind && f.item_id.eq_ignore_ascii_case(&item))
    });
    if removed.is_empty() {
        return Err(ApiError::new(
            404010,
            format!(
                "The {} '{item}' is not a favorite of the user.",
                kind.element()
            ),
        ));
    }
    Ok(Response::no_content())
}
