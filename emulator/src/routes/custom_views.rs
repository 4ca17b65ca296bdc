//! Custom views of a site (REST API 3.18): query (paged; filter and sort on `name`, `viewId`,
//! `workbookId`, `ownerId`; administrators see all, other users their own and the shared ones), query one, update (name, owner), delete (3.19), and the view
//! exports of a custom view: image (3.18), PDF and data (CSV, 3.23), drawn by the view export
//! functions of `exports.rs` with the custom view's saved filters and then the request's
//! `vf_` filters. Publish and download of the definition are routes of the experimental API,
//! `/api/exp/sites/{site}/customviews` (3.21; `exp/` patterns, see `router.rs`).
//!
//! A definition is a JSON object, kept byte for byte. The emulator reads two members of it:
//! `"view"`, the name or LUID of the view of the workbook it customises (the workbook's first
//! view without it), and `"filters"`, an object of field → value or array of values, the
//! filters saved with it (`{"view":"Sales","filters":{"Region":["East"]}}`).
//!
//! Errors: an unknown custom view `404048`; an unknown workbook `404006`, owner `404002`,
//! view `404011`; a payload without name, owner or workbook, or a definition that is not a JSON
//! object, `400000`; an unknown upload session `404015`.

use std::io::Read;

use crate::content::pdf;
use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, Fields, ListQuery};
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::exports::{self, Filter};
use crate::routes::publish::{drain, take_upload};
use crate::routes::{bool_attr, created, ok, payload, required};
use crate::state::{CustomView, SiteState, State};
use crate::util::{fmt_ts, new_id, now_secs};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/customviews", list).since("3.18"));
    r.push(Route::get("sites/{site}/customviews/{id}", resource::get::<CustomView>).since("3.18"));
    r.push(Route::put("sites/{site}/customviews/{id}", update).since("3.18"));
    r.push(Route::delete("sites/{site}/customviews/{id}", delete).since("3.19"));
    r.push(Route::get("sites/{site}/customviews/{id}/image", image).since("3.18"));
    r.push(Route::get("sites/{site}/customviews/{id}/pdf", pdf_export).since("3.23"));
    r.push(Route::get("sites/{site}/customviews/{id}/data", data).since("3.23"));
    r.push(Route::post("exp/sites/{site}/customviews", publish));
    r.push(Route::get(
        "exp/sites/{site}/customviews/{id}/content",
        download,
    ));
}

/// The largest definition accepted (they are a few KB).
const MAX_DEFINITION: usize = 64 * 1024 * 1024;
/// The multipart part of the definition.
const FILE_PART: &str = "tableau_customview";

const FIELDS: &[FieldDef] = &[
    FieldDef::name("name"),
    FieldDef::str_eq("viewId"),
    FieldDef::str_eq("workbookId"),
    FieldDef::str_eq("ownerId"),
];

fn not_found(id: &str) -> ApiError {
    ApiError::new(404048, format!("Custom view '{id}' could not be found."))
}

fn render(x: &mut ReplyWriter, ss: &SiteState, c: &CustomView) {
    x.open("customView")
        .attr("id", &c.id)
        .attr("name", &c.name)
        .attr("createdAt", &fmt_ts(c.created_at))
        .attr("updatedAt", &fmt_ts(c.updated_at));
    if let Some(t) = c.last_accessed_at {
        x.attr("lastAccessedAt", &fmt_ts(t));
    }
    x.attr_bool("shared", c.shared).close();
    let named = |x: &mut ReplyWriter, el: &str, id: &str, name: Option<&str>| {
        x.open(el).attr("id", id);
        if let Some(n) = name {
            x.attr("name", n);
        }
        x.empty();
    };
    named(
        x,
        "view",
        &c.view_id,
        ss.views.get(&c.view_id).map(|v| v.name.as_str()),
    );
    named(
        x,
        "workbook",
        &c.workbook_id,
        ss.workbooks.get(&c.workbook_id).map(|w| w.name.as_str()),
    );
    named(
        x,
        "owner",
        &c.owner_id,
        ss.users.get(&c.owner_id).map(|u| u.name.as_str()),
    );
    x.end("customView");
}

impl Resource for CustomView {
    const LIST: &'static str = "customViews";
    const FIELDS: &'static [FieldDef] = FIELDS;
    const ITEM_BYTES: usize = 500;

    fn items<'s>(_: &'s State, ss: &'s SiteState) -> Items<'s, CustomView> {
        Items::Table(&ss.custom_views)
    }
    fn not_found(id: &str) -> ApiError {
        not_found(id)
    }
    fn field<'a>(_: &Scope<'_>, c: &'a CustomView, f: &str) -> FVal<'a> {
        match f {
            "name" => FVal::Str(&c.name),
            "viewId" => FVal::Str(&c.view_id),
            "workbookId" => FVal::Str(&c.workbook_id),
            "ownerId" => FVal::Str(&c.owner_id),
            _ => FVal::Null,
        }
    }
    fn render(x: &mut ReplyWriter, sc: &Scope<'_>, c: &CustomView, _: &Fields, _: bool) {
        render(x, sc.ss, c);
    }
}

/// `GET sites/{site}/customviews`: administrators see every custom view of the site, other
/// users their own and the shared ones (as Tableau lists them without an `ownerId` filter).
fn list(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, FIELDS)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let sc = Scope::new::<CustomView>(&st, ss, &req.query);
    let a = ctx.auth();
    let visible = ss
        .custom_views
        .iter()
        .filter(|c| a.is_admin() || c.shared || c.owner_id == a.user_id);
    resource::list_of(ctx, &lq, &sc, visible)
}

/// The custom view's owner is the caller, or the caller is an administrator (403000 otherwise).
fn may_change(ctx: &Ctx, c: &CustomView) -> Result<(), ApiError> {
    let a = ctx.auth();
    if a.is_admin() || a.user_id == c.owner_id {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "Only an administrator or the owner may change or delete the custom view.",
        ))
    }
}

fn update(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let el = payload(&doc, "customView")?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let mut c = resource::in_table(&ss.custom_views, &id)?.clone();
    may_change(ctx, &c)?;
    if let Some(n) = el.attr("name") {
        if n.trim().is_empty() {
            return Err(ApiError::bad_request(
                "The custom view's name cannot be empty.",
            ));
        }
        c.name = n.to_string();
    }
    if let Some(owner) = el.child("owner") {
        let uid = required(owner, "id")?;
        let u = ss
            .users
            .get(uid)
            .ok_or_else(|| ApiError::user_not_found(uid))?;
        c.owner_id = u.id.clone();
    }
    c.updated_at = now_secs();
    ss.custom_views.insert(c.clone());
    let mut x = ctx.reply(512);
    render(&mut x, ss, &c);
    Ok(ok(x))
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let c = resource::in_table(&ss.custom_views, &id)?;
    may_change(ctx, c)?;
    ss.custom_views.remove(&id);
    Ok(Response::no_content())
}

/// The custom view `id` (marked accessed now), its view and its saved filters followed by the
/// request's: what an export draws.
fn export_target(ctx: &Ctx, req: &Request) -> Result<(crate::state::View, Vec<Filter>), ApiError> {
    let id = req.param("id");
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let c = ss.custom_views.get_mut(id).ok_or_else(|| not_found(id))?;
    c.last_accessed_at = Some(now_secs());
    let mut filters = c.filters.clone();
    let view_id = c.view_id.clone();
    filters.extend(exports::view_filters(&req.query));
    let v = resource::in_table(&ss.views, &view_id)?.clone();
    Ok((v, filters))
}

fn image(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let size = exports::image_size(&req.query)?;
    let as_svg = exports::wants_svg(ctx, &req.query)?;
    let (v, filters) = export_target(ctx, req)?;
    Ok(if as_svg {
        exports::svg_image(&v, &filters, size)
    } else {
        exports::png(&v, &filters, size)
    })
}

fn data(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    exports::check_max_age(&req.query)?;
    let (v, filters) = export_target(ctx, req)?;
    Ok(exports::csv(&v, &filters))
}

fn pdf_export(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let size = exports::page(&req.query)?;
    let (v, filters) = export_target(ctx, req)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let doc = pdf::document(&[exports::view_page(ss, &v, &filters)], size);
    drop(st);
    Ok(Response::bytes(200, "application/pdf", doc))
}

/// `GET /api/exp/sites/{site}/customviews/{id}/content`: the definition as published.
fn download(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let id = req.param("id");
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let c = ss.custom_views.get_mut(id).ok_or_else(|| not_found(id))?;
    c.last_accessed_at = Some(now_secs());
    let (body, name) = (c.definition.clone(), c.file_name.clone());
    drop(st);
    let r = Response::bytes(200, "application/octet-stream", body);
    Ok(match ctx.shared.disposition().header(FILE_PART, &name) {
        Some(h) => r.with_header("Content-Disposition", h),
        None => r,
    })
}

/// What a definition says: the view it customises (name or id, if given) and its filters.
pub fn read_definition(bytes: &[u8]) -> Result<(Option<String>, Vec<Filter>), ApiError> {
    let bad = |why: &str| {
        ApiError::bad_request(format!(
            "The {FILE_PART} part is not a custom view definition: {why}."
        ))
    };
    let v: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| bad(&format!("not JSON ({e})")))?;
    let o = v.as_object().ok_or_else(|| bad("not a JSON object"))?;
    let view = match o.get("view") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(bad("\"view\" is not a string")),
    };
    let mut filters = Vec::new();
    if let Some(f) = o.get("filters") {
        let f = f
            .as_object()
            .ok_or_else(|| bad("\"filters\" is not an object"))?;
        for (field, vals) in f {
            let vals = match vals {
                serde_json::Value::String(s) => vec![s.clone()],
                serde_json::Value::Array(a) => a
                    .iter()
                    .map(|x| x.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| bad("a filter value is not a string"))?,
                _ => return Err(bad("a filter is neither a string nor an array")),
            };
            filters.push((field.clone(), vals));
        }
    }
    Ok((view, filters))
}

/// `POST /api/exp/sites/{site}/customviews[?uploadSessionId=…]`.
fn publish(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let r = publish_inner(ctx, req);
    if r.is_err() {
        drain(req, ctx.shared.config.max_publish_bytes);
    }
    r
}

fn publish_inner(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let session = req
        .query
        .get_ci("uploadSessionId")
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let mut mp = req.multipart()?;
    let mut doc = None;
    let mut file: Option<(Vec<u8>, Option<String>)> = None;
    while let Some(part) = mp.next_part()? {
        match part.name.as_deref().unwrap_or("") {
            "request_payload" if doc.is_none() => {
                let bytes = mp.read_to_vec(1 << 20)?;
                doc = Some(crate::router::parse_document(part.content_type.as_deref(), &bytes)?);
            }
            FILE_PART if file.is_none() && session.is_none() => {
                file = Some((mp.read_to_vec(MAX_DEFINITION)?, part.filename.clone()));
            }
            other => {
                return Err(ApiError::bad_request(format!(
                    "Unexpected part '{other}' in the multipart body; a custom view publish has one request_payload part and, unless it commits an upload session, one {FILE_PART} part."
                )))
            }
        }
    }
    let doc = doc
        .ok_or_else(|| ApiError::bad_request("The multipart body has no request_payload part."))?;
    let el = payload(&doc, "customView")?;
    let name = required(el, "name")?.to_string();
    let shared = bool_attr(el, "shared")?.unwrap_or(false);
    let owner_id = required(payload(el, "owner")?, "id")?.to_string();
    let workbook_id = required(payload(el, "workbook")?, "id")?.to_string();

    let (definition, file_name) = match (file, session) {
        (Some((bytes, filename)), None) => (bytes, filename),
        (None, Some(sid)) => (take_session(ctx, &sid)?, None),
        _ => {
            return Err(ApiError::bad_request(format!(
            "There is no {FILE_PART} attachment in the request and no uploadSessionId parameter."
        )))
        }
    };
    let (view_ref, filters) = read_definition(&definition)?;

    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let w = resource::in_table(&ss.workbooks, &workbook_id)?;
    let owner = ss
        .users
        .get(&owner_id)
        .ok_or_else(|| ApiError::user_not_found(&owner_id))?
        .id
        .clone();
    let view_id = match view_ref {
        Some(r) => w
            .view_ids
            .iter()
            .filter_map(|id| ss.views.get(id))
            .find(|v| v.id.eq_ignore_ascii_case(&r) || v.name == r)
            .map(|v| v.id.clone())
            .ok_or_else(|| ApiError::view_not_found(&r))?,
        None => w.view_ids.first().cloned().ok_or_else(|| {
            ApiError::bad_request(format!(
                "The workbook '{}' has no view to customise.",
                w.name
            ))
        })?,
    };
    let now = now_secs();
    let c = CustomView {
        id: new_id(),
        file_name: file_name
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| format!("{name}.json")),
        name,
        shared,
        view_id,
        workbook_id: w.id.clone(),
        owner_id: owner,
        created_at: now,
        updated_at: now,
        last_accessed_at: None,
        definition,
        filters,
    };
    ss.custom_views.insert(c.clone());
    let mut x = ctx.reply(512);
    render(&mut x, ss, &c);
    Ok(created(x))
}

/// The bytes of the caller's upload session `id`, which is consumed.
fn take_session(ctx: &Ctx, id: &str) -> Result<Vec<u8>, ApiError> {
    let s = {
        let mut st = ctx.state_mut();
        let ss = ctx.site_mut(&mut st)?;
        take_upload(ss, id, &ctx.auth().user_id)?
    };
    // Wait for an append that may still be streaming into the session's file.
    let _io = s.io_lock.lock().unwrap_or_else(|e| e.into_inner());
    let mut bytes = Vec::new();
    let read = std::fs::File::open(&s.file_path)
        .and_then(|f| f.take(MAX_DEFINITION as u64 + 1).read_to_end(&mut bytes));
    let _ = std::fs::remove_file(&s.file_path);
    read.map_err(|e| ApiError::internal(format!("The upload session's file is unreadable: {e}")))?;
    if bytes.len() > MAX_DEFINITION {
        return Err(ApiError::bad_request(
            "The custom view definition is larger than 64 MB.",
        ));
    }
    Ok(bytes)
}
