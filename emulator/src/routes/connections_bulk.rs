//! `PUT sites/{site}/{workbooks|datasources}/{id}/connections` (REST API 3.26, TSC
//! `update_connections`): many connections of one item updated at once.
//!
//! Body: `<connectionLUIDs><connectionLUID>{id}</connectionLUID>…</connectionLUIDs><connection
//! authenticationType [userName] [password] [embedPassword]/>`. Every named connection gets the
//! authentication type and those of the credentials given; the reply is `<connections>` with the
//! updated ones, in the order named. No id, an empty one or no `authenticationType` → 400000; a
//! connection the item does not have → 404020 and nothing changes; others than the owner and
//! administrators → 403029 (workbooks) / 403023 (data sources), as for updating one.

use crate::errors::ApiError;
use crate::http::Response;
use crate::render;
use crate::router::{Ctx, Request, Route};
use crate::routes::connections::{connection_not_found, Of};
use crate::routes::{bool_attr, ok, payload, required};

pub fn routes(r: &mut Vec<Route>) {
    r.push(
        Route::put("sites/{site}/workbooks/{id}/connections", |c, r| {
            update_many(c, r, Of::Workbook)
        })
        .since("3.26"),
    );
    r.push(
        Route::put("sites/{site}/datasources/{id}/connections", |c, r| {
            update_many(c, r, Of::Datasource)
        })
        .since("3.26"),
    );
}

fn update_many(ctx: &Ctx, req: &mut Request, of: Of) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let ids: Vec<String> = payload(&doc, "connectionLUIDs")?
        .children_named("connectionLUID")
        .map(|e| e.text.trim().to_string())
        .collect();
    if ids.is_empty() || ids.iter().any(String::is_empty) {
        return Err(ApiError::bad_request(
            "<connectionLUIDs> must hold at least one non-empty <connectionLUID>.",
        ));
    }
    let el = payload(&doc, "connection")?;
    let auth_type = required(el, "authenticationType")?.to_string();
    let embed = bool_attr(el, "embedPassword")?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let (conns, owner, _) = of.lookup(ss, &id)?;
    of.check_owner(ctx, owner)?;
    if let Some(missing) = ids
        .iter()
        .find(|i| !conns.iter().any(|c| c.id.eq_ignore_ascii_case(i)))
    {
        return Err(connection_not_found(missing));
    }
    let list = of.connections_mut(ss, &id).expect("looked up");
    let mut updated = Vec::with_capacity(ids.len());
    for want in &ids {
        let c = list
            .iter_mut()
            .find(|c| c.id.eq_ignore_ascii_case(want))
            .expect("checked");
        c.auth_type = auth_type.clone();
        if let Some(v) = el.attr("userName") {
            c.user_name = v.to_string();
        }
        if let Some(v) = el.attr("password") {
            c.password = Some(v.to_string());
        }
        if let Some(e) = embed {
            c.embed_password = e;
        }
        updated.push(c.clone());
    }
    let (_, _, item) = of.lookup(ss, &id)?;
    let mut x = ctx.reply(updated.len() * 300 + 64);
    x.open("connections").close();
    for c in &updated {
        render::connection(&mut x, c, item);
    }
    x.end("connections");
    Ok(ok(x))
}
