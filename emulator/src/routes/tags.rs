//! Tags of workbooks, views and data sources: add (`PUT …/{id}/tags` with
//! `<tags><tag label/>…</tags>` → 200 with all the item's tags) and delete
//! (`DELETE …/{id}/tags/{label}` → 204; a tag the item does not have → 404007). Labels compare
//! case-insensitively; adding a tag the item has is a no-op. Only administrators and the
//! owner may change tags (403004). TSC's `update()` of these items syncs tags this way first.

use crate::errors::ApiError;
use crate::http::Response;
use crate::render;
use crate::router::{Ctx, Request, Route};
use crate::routes::{ok, payload};
use crate::state::SiteState;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::put("sites/{site}/workbooks/{id}/tags", |c, r| {
        add(c, r, Of::Workbook)
    }));
    r.push(Route::delete(
        "sites/{site}/workbooks/{id}/tags/{tag}",
        |c, r| delete(c, r, Of::Workbook),
    ));
    r.push(Route::put("sites/{site}/views/{id}/tags", |c, r| add(c, r, Of::View)).since("2.6"));
    r.push(
        Route::delete("sites/{site}/views/{id}/tags/{tag}", |c, r| {
            delete(c, r, Of::View)
        })
        .since("2.6"),
    );
    r.push(
        Route::put("sites/{site}/datasources/{id}/tags", |c, r| {
            add(c, r, Of::Datasource)
        })
        .since("2.6"),
    );
    r.push(
        Route::delete("sites/{site}/datasources/{id}/tags/{tag}", |c, r| {
            delete(c, r, Of::Datasource)
        })
        .since("2.6"),
    );
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Of {
    Workbook,
    View,
    Datasource,
}

/// The item's tags and owner (404006 / 404011 / 404004 if unknown).
pub(crate) fn tags_of<'s>(
    ss: &'s mut SiteState,
    of: Of,
    id: &str,
) -> Result<(&'s mut Vec<String>, String), ApiError> {
    match of {
        Of::Workbook => ss
            .workbooks
            .get_mut(id)
            .map(|w| (&mut w.tags, w.owner_id.clone()))
            .ok_or_else(|| ApiError::workbook_not_found(id)),
        Of::View => ss
            .views
            .get_mut(id)
            .map(|v| (&mut v.tags, v.owner_id.clone()))
            .ok_or_else(|| ApiError::view_not_found(id)),
        Of::Datasource => ss
            .datasources
            .get_mut(id)
            .map(|d| (&mut d.tags, d.owner_id.clone()))
            .ok_or_else(|| ApiError::datasource_not_found(id)),
    }
}

pub(crate) fn may_change(ctx: &Ctx, owner: &str) -> Result<(), ApiError> {
    let a = ctx.auth();
    if a.is_admin() || a.user_id == owner {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "Only an administrator or the owner may change the tags.",
        ))
    }
}

/// Adds `label` to `tags` unless the item has it already (labels compare without case).
pub(crate) fn add_label(tags: &mut Vec<String>, label: &str) {
    if !tags.iter().any(|t| t.eq_ignore_ascii_case(label)) {
        tags.push(label.to_string());
    }
}

/// Removes `label` from `tags`; whether the item had it.
pub(crate) fn remove_label(tags: &mut Vec<String>, label: &str) -> bool {
    let before = tags.len();
    tags.retain(|t| !t.eq_ignore_ascii_case(label));
    tags.len() != before
}

fn add(ctx: &Ctx, req: &mut Request, of: Of) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let el = payload(&doc, "tags")?;
    let mut labels = Vec::new();
    for t in el.children_named("tag") {
        match t.attr("label").map(str::trim) {
            Some(l) if !l.is_empty() => labels.push(l.to_string()),
            _ => return Err(ApiError::bad_request("A <tag> has no label.")),
        }
    }
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let (tags, owner) = tags_of(ss, of, &id)?;
    may_change(ctx, &owner)?;
    for l in &labels {
        add_label(tags, l);
    }
    let mut x = ctx.reply(64 + tags.len() * 40);
    render::tags(&mut x, tags);
    Ok(ok(x))
}

fn delete(ctx: &Ctx, req: &mut Request, of: Of) -> Result<Response, ApiError> {
    let id = req.param("id").to_string();
    let label = req.param("tag").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let (tags, owner) = tags_of(ss, of, &id)?;
    may_change(ctx, &owner)?;
    if !remove_label(tags, &label) {
        return Err(ApiError::new(
            404007,
            format!("The tag '{label}' is not a tag of this item."),
        )
        .with_summary("Tag not found"));
    }
    Ok(Response::no_content())
}
