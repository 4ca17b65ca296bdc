//! Tags of many items at once (REST API 3.9): `PUT sites/{site}/tags:batchCreate` and
//! `tags:batchDelete` with `<tagBatch><tags><tag label/>…</tags><contents><content id
//! contentType/>…</contents></tagBatch>`. Every item is checked first (an unknown one → its
//! not-found code, 404006 / 404011 / 404004; kinds the emulator keeps no tags for → 404000; a
//! bad content type or an empty list → 400000; an item the caller may not change → 403004), so
//! the batch changes all the items or none. Deleting a label an item lacks is not an error
//! here. The answer echoes the batch.

use crate::errors::ApiError;
use crate::http::Response;
use crate::render;
use crate::router::{Ctx, Request, Route};
use crate::routes::tags::{add_label, may_change, remove_label, tags_of, Of};
use crate::routes::{ok, payload, required};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::put("sites/{site}/tags:batchCreate", |c, r| batch(c, r, true)).since("3.9"));
    r.push(Route::put("sites/{site}/tags:batchDelete", |c, r| batch(c, r, false)).since("3.9"));
}

/// Kinds Tableau tags in batches; `Some` for those the emulator keeps.
fn kind(content_type: &str) -> Result<Option<Of>, ApiError> {
    Ok(match content_type.to_ascii_lowercase().as_str() {
        "workbook" => Some(Of::Workbook),
        "view" => Some(Of::View),
        "datasource" => Some(Of::Datasource),
        "flow" | "table" | "database" | "column" | "metric" | "virtualconnection" => None,
        _ => {
            return Err(ApiError::bad_request(format!(
                "The content type '{content_type}' is not one that can be tagged."
            )))
        }
    })
}

fn batch(ctx: &Ctx, req: &mut Request, add: bool) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let b = payload(&doc, "tagBatch")?;
    let mut labels = Vec::new();
    for t in payload(b, "tags")?.children_named("tag") {
        labels.push(required(t, "label")?.trim().to_string());
    }
    let mut items = Vec::new();
    for c in payload(b, "contents")?.children_named("content") {
        let id = required(c, "id")?.to_string();
        let content_type = required(c, "contentType")?.to_string();
        items.push((kind(&content_type)?, id, content_type));
    }
    if labels.is_empty() || items.is_empty() {
        return Err(ApiError::bad_request(
            "A tag batch needs at least one <tag> and one <content>.",
        ));
    }
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    for (of, id, content_type) in &items {
        let Some(of) = of else {
            return Err(ApiError::new(
                404000,
                format!("The {content_type} '{id}' could not be found."),
            ));
        };
        let (_, owner) = tags_of(ss, *of, id)?;
        may_change(ctx, &owner)?;
    }
    for (of, id, _) in &items {
        let (tags, _) = tags_of(ss, of.expect("checked above"), id)?;
        for l in &labels {
            if add {
                add_label(tags, l);
            } else {
                remove_label(tags, l);
            }
        }
    }
    let mut x = ctx.reply(128 + labels.len() * 40 + items.len() * 90);
    x.open("tagBatch").close();
    render::tags(&mut x, &labels);
    x.open("contents").close();
    for (_, id, content_type) in &items {
        x.open("content")
            .attr("id", id)
            .attr("contentType", content_type)
            .empty();
    }
    x.end("contents");
    x.end("tagBatch");
    Ok(ok(x))
}
