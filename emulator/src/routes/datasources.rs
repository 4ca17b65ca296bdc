//! Data sources: publish (`routes::publish`: CreateNew / Overwrite / Append, `.tds`,
//! `.tdsx`, `.hyper`, `.tde`), query for site (paged, filter/sort/fields), query one, update
//! (name, project, owner, certification and its note, description, encryptExtracts,
//! useRemoteQueryAgent), delete, download (streamed, `name="tableau_datasource"`),
//! connections (list, update).
//!
//! Update: a name taken in the target project → `409015`; a non-owner, non-administrator
//! updating → `403032` (changing the owner: `403027`), deleting → `403004`. TSC sends
//! `isCertified="none"` for items it built itself; that value leaves certification unchanged.

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
use crate::state::{Datasource, FavKind, SiteState, State};
use crate::util::now_secs;
use crate::xml::Element;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::post("sites/{site}/datasources", |c, r| {
        publish::publish(c, r, Target::Datasource)
    }));
    r.push(Route::get(
        "sites/{site}/datasources",
        resource::list::<Datasource>,
    ));
    r.push(Route::get(
        "sites/{site}/datasources/{id}",
        resource::get::<Datasource>,
    ));
    r.push(Route::put("sites/{site}/datasources/{id}", update));
    r.push(Route::delete("sites/{site}/datasources/{id}", delete));
    r.push(Route::get("sites/{site}/datasources/{id}/content", content));
    r.push(Route::get(
        "sites/{site}/datasources/{id}/connections",
        |c, r| connections::list(c, r, Of::Datasource),
    ));
    r.push(Route::put(
        "sites/{site}/datasources/{id}/connections/{conn}",
        |c, r| connections::update(c, r, Of::Datasource),
    ));
}

/// Filter/sort fields of data sources.
pub const DATASOURCE_FIELDS: &[FieldDef] = &[
    FieldDef::name("name"),
    FieldDef::str("contentUrl"),
    FieldDef::str_eq("type"),
    FieldDef::date("createdAt"),
    FieldDef::date("updatedAt"),
    FieldDef::int("favoritesTotal"),
    FieldDef::int("size"),
    FieldDef::name("ownerName"),
    FieldDef::str("ownerEmail"),
    FieldDef::name("projectName"),
    FieldDef::list("tags"),
    FieldDef::bool("hasExtracts"),
    FieldDef::bool("isCertified"),
    FieldDef::str("connectionType"),
    FieldDef::str("serverName"),
    FieldDef::str("databaseName"),
    FieldDef::str("databaseUserName"),
    FieldDef::str("authenticationType"),
    FieldDef::str_eq("projectId"),
    FieldDef::str_eq("ownerId"),
];

fn first_conn<'b>(
    d: &'b Datasource,
    f: impl Fn(&'b crate::state::Connection) -> &'b str,
) -> FVal<'b> {
    FVal::Str(d.connections.first().map(f).unwrap_or(""))
}

fn datasource_field<'b>(
    ss: &SiteState,
    favs: &HashMap<&str, i64>,
    d: &'b Datasource,
    f: &str,
) -> FVal<'b> {
    let owner = || ss.users.get(&d.owner_id);
    match f {
        "name" => FVal::Str(&d.name),
        "contentUrl" => FVal::Str(&d.content_url),
        "type" => FVal::Str(&d.ds_type),
        "createdAt" => FVal::Date(Some(d.created_at)),
        "updatedAt" => FVal::Date(Some(d.updated_at)),
        "favoritesTotal" => FVal::Int(favs.get(d.id.as_str()).copied().unwrap_or(0)),
        "size" => FVal::Int(render::size_mb(d.size_bytes) as i64),
        "ownerName" => FVal::Owned(owner().map(|u| u.name.clone()).unwrap_or_default()),
        "ownerEmail" => FVal::Owned(owner().map(|u| u.email.clone()).unwrap_or_default()),
        "projectName" => FVal::Owned(
            ss.projects
                .get(&d.project_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        ),
        "tags" => FVal::List(&d.tags),
        "hasExtracts" => FVal::Bool(d.has_extracts),
        "isCertified" => FVal::Bool(d.certified),
        "connectionType" => first_conn(d, |c| &c.conn_type),
        "serverName" => first_conn(d, |c| &c.server_address),
        "databaseName" => first_conn(d, |c| &c.db_name),
        "databaseUserName" => first_conn(d, |c| &c.user_name),
        "authenticationType" => first_conn(d, |c| &c.auth_type),
        "projectId" => FVal::Str(&d.project_id),
        "ownerId" => FVal::Str(&d.owner_id),
        _ => FVal::Null,
    }
}

impl Resource for Datasource {
    const LIST: &'static str = "datasources";
    const FIELDS: &'static [FieldDef] = DATASOURCE_FIELDS;
    const ITEM_BYTES: usize = 700;
    const FAVORITES: Option<FavKind> = Some(FavKind::Datasource);

    fn items<'s>(_: &'s State, ss: &'s SiteState) -> Items<'s, Datasource> {
        Items::Table(&ss.datasources)
    }
    fn not_found(id: &str) -> ApiError {
        ApiError::datasource_not_found(id)
    }
    fn field<'a>(sc: &Scope<'_>, item: &'a Datasource, f: &str) -> FVal<'a> {
        datasource_field(sc.ss, &sc.favorites, item, f)
    }
    fn render(x: &mut ReplyWriter, sc: &Scope<'_>, d: &Datasource, fields: &Fields, _one: bool) {
        render::datasource_with(x, sc.ss, d, fields);
    }
}

/// `isCertified` of an update: a boolean, or TSC's `none` for "not set".
fn certified_attr(el: &Element) -> Result<Option<bool>, ApiError> {
    match el.attr("isCertified") {
        Some(v) if v.eq_ignore_ascii_case("none") || v.is_empty() => Ok(None),
        _ => bool_attr(el, "isCertified"),
    }
}

fn update(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let el = payload(&doc, "datasource")?;
    let certified = certified_attr(el)?;
    let encrypt = bool_attr(el, "encryptExtracts")?;
    let remote = bool_attr(el, "useRemoteQueryAgent")?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let cur = resource::in_table(&ss.datasources, &id)?.clone();
    let a = ctx.auth();
    let mut next = cur.clone();
    if let Some(o) = el.child("owner").and_then(|o| o.attr("id")) {
        next.owner_id = ss
            .users
            .get(o)
            .map(|u| u.id.clone())
            .ok_or_else(|| ApiError::user_not_found(o))?;
        if next.owner_id != cur.owner_id && !a.is_admin() {
            return Err(ApiError::new(
                403027,
                "Only an administrator may change the owner of a data source.",
            )
            .with_summary("Owner update forbidden"));
        }
    }
    if !a.is_admin() && cur.owner_id != a.user_id {
        return Err(ApiError::new(
            403032,
            "Only an administrator or the owner may update the data source.",
        )
        .with_summary("Update forbidden"));
    }
    if let Some(n) = el.attr("name") {
        if n.trim().is_empty() {
            return Err(ApiError::bad_request(
                "The data source name cannot be empty.",
            ));
        }
        next.name = n.to_string();
    }
    if let Some(p) = el.child("project").and_then(|p| p.attr("id")) {
        next.project_id = ss
            .projects
            .get(p)
            .map(|p| p.id.clone())
            .ok_or_else(|| ApiError::project_not_found(p))?;
    }
    if let Some(c) = certified {
        next.certified = c;
    }
    if let Some(n) = el.attr("certificationNote") {
        next.certification_note = n.to_string();
    }
    if let Some(d) = el.attr("description") {
        next.description = d.to_string();
    }
    if let Some(e) = encrypt {
        next.encrypt_extracts = e;
    }
    if let Some(r) = remote {
        next.use_remote_query_agent = r;
    }
    if (next.name != cur.name || next.project_id != cur.project_id)
        && ss.datasources.iter().any(|d| {
            d.id != id && d.project_id == next.project_id && d.name.eq_ignore_ascii_case(&next.name)
        })
    {
        return Err(ApiError::new(
            409015,
            format!(
                "A data source named '{}' already exists in the target project.",
                next.name
            ),
        )
        .with_summary("Data source name conflict"));
    }
    if next.name != cur.name {
        next.file_name = format!("{}.{}", next.name, next.file_ext);
    }
    next.updated_at = now_secs();
    let mut x = ctx.reply(1024);
    render::datasource(&mut x, ss, &next);
    ss.datasources.insert(next);
    Ok(ok(x))
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let id = req.param("id").to_string();
    crate::routes::delete_stored(
        ctx,
        "data source",
        |ss| resource::in_table(&ss.datasources, &id).map(|d| d.owner_id.clone()),
        |ss| ss.delete_datasource(&id),
    )
}

/// `GET …/datasources/{id}/content[?includeExtract=false]`: the published bytes.
fn content(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    req.query.bool("includeExtract")?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let d = resource::in_table(&ss.datasources, req.param("id"))?;
    let part = Target::Datasource.file_part();
    download::stored(ctx, part, &d.file_path, &d.file_ext, &d.file_name)
}
