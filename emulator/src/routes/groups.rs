//! Groups: create (local; AD import → 403011), query, update, delete, users in a group,
//! add user(s), remove user(s).

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, Fields, ListQuery};
use crate::render;
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::{created, ok, payload, required};
use crate::state::{Group, SiteState, State, User, SITE_ROLES};
use crate::xml::Element;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::post("sites/{site}/groups", create));
    r.push(Route::get("sites/{site}/groups", resource::list::<Group>));
    r.push(Route::get(
        "sites/{site}/groups/{id}",
        resource::get::<Group>,
    ));
    r.push(Route::put("sites/{site}/groups/{id}", update));
    r.push(Route::delete("sites/{site}/groups/{id}", delete));
    r.push(Route::get("sites/{site}/groups/{id}/users", users));
    r.push(Route::post("sites/{site}/groups/{id}/users", add_users));
    r.push(Route::put("sites/{site}/groups/{id}/users/remove", remove_users).since("3.21"));
    r.push(Route::delete(
        "sites/{site}/groups/{id}/users/{user}",
        remove_user,
    ));
}

pub const GROUP_FIELDS: &[FieldDef] = &[
    FieldDef::name("name"),
    FieldDef::str("domainName"),
    FieldDef::str("domainNickname"),
    FieldDef::bool("isLocal"),
    FieldDef::int("userCount"),
    FieldDef::str("minimumSiteRole"),
    FieldDef::str("id"),
    FieldDef::date("createdAt"),
];

pub fn group_field<'b>(ss: &SiteState, g: &'b Group, f: &str) -> FVal<'b> {
    match f {
        "name" => FVal::Str(&g.name),
        "id" => FVal::Str(&g.id),
        "domainName" | "domainNickname" => FVal::Str(&g.domain_name),
        "isLocal" => FVal::Bool(g.domain_name == "local"),
        "userCount" => FVal::Int(render::group_user_count(ss, g) as i64),
        "minimumSiteRole" => FVal::Str(g.minimum_site_role.as_deref().unwrap_or("")),
        "createdAt" => FVal::Date(Some(g.created_at)),
        _ => FVal::Null,
    }
}

fn ad_not_configured() -> ApiError {
    ApiError::new(
        403011,
        "The request contains an <import> element, but the server is configured for local authentication (Active Directory is not configured).",
    )
}

fn check_min_role(el: &Element) -> Result<Option<String>, ApiError> {
    match el.attr("minimumSiteRole").filter(|s| !s.is_empty()) {
        Some(r) if SITE_ROLES.contains(&r) => Ok(Some(r.to_string())),
        Some(r) => Err(ApiError::new(
            400013,
            format!("The minimumSiteRole '{r}' is not a valid site role."),
        )),
        None => Ok(None),
    }
}

fn name_conflict(name: &str) -> ApiError {
    ApiError::new(
        409009,
        format!(
            "A group named '{name}' already exists on the site (group names are case-insensitive)."
        ),
    )
}

/// The fields of a group answered alone: the default ones and `userCount`.
fn answer_fields() -> Fields {
    let mut f = Fields::default();
    f.names.insert("userCount".into());
    f
}

fn group_answer(ctx: &Ctx, ss: &SiteState, g: &Group, status: u16) -> Response {
    let mut x = ctx.reply(256);
    render::group(&mut x, ss, g, &answer_fields());
    x.into_response(status)
}

fn create(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    ctx.require_admin()?;
    let el = payload(&doc, "group")?;
    if el.child("import").is_some() {
        return crate::routes::group_jobs::import(ctx, req, el, None);
    }
    let name = required(el, "name")?.trim().to_string();
    let min_role = check_min_role(el)?;
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    if ss.groups.iter().any(|g| g.name.eq_ignore_ascii_case(&name)) {
        return Err(name_conflict(&name));
    }
    let mut g = Group::new(&name);
    g.minimum_site_role = min_role;
    let resp = group_answer(ctx, ss, &g, 201);
    ss.groups.insert(g);
    let _ = created;
    Ok(resp)
}

impl Resource for Group {
    const LIST: &'static str = "groups";
    const FIELDS: &'static [FieldDef] = GROUP_FIELDS;
    const ITEM_BYTES: usize = 200;

    fn items<'s>(_: &'s State, ss: &'s SiteState) -> Items<'s, Group> {
        Items::Table(&ss.groups)
    }
    fn not_found(id: &str) -> ApiError {
        ApiError::group_not_found(id)
    }
    fn field<'a>(sc: &Scope<'_>, g: &'a Group, f: &str) -> FVal<'a> {
        group_field(sc.ss, g, f)
    }
    /// Alone (query, create, update): with `userCount`.
    fn render(x: &mut ReplyWriter, sc: &Scope<'_>, g: &Group, fields: &Fields, one: bool) {
        if one {
            render::group(x, sc.ss, g, &answer_fields());
        } else {
            render::group(x, sc.ss, g, fields);
        }
    }
}

fn update(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    ctx.require_admin()?;
    let el = payload(&doc, "group")?;
    let id = req.param("id").to_string();
    if el.child("import").is_some() {
        return crate::routes::group_jobs::import(ctx, req, el, Some(&id));
    }
    let as_job = req.query.bool("asJob")?.unwrap_or(false);
    let min_role = check_min_role(el)?;
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let cur = ss
        .groups
        .get(&id)
        .ok_or_else(|| ApiError::group_not_found(&id))?
        .clone();
    if el.child("import").is_some() {
        return Err(ad_not_configured());
    }
    if as_job {
        return Err(ApiError::bad_request(
            "Local groups cannot be updated asynchronously (asJob=true).",
        ));
    }
    let mut next = cur.clone();
    if let Some(name) = el.attr("name").filter(|n| !n.trim().is_empty()) {
        if name != cur.name {
            if cur.all_users {
                return Err(ApiError::forbidden(
                    "The 'All Users' group cannot be renamed.",
                ));
            }
            if ss
                .groups
                .iter()
                .any(|g| g.id != cur.id && g.name.eq_ignore_ascii_case(name))
            {
                return Err(name_conflict(name));
            }
            next.name = name.to_string();
        }
    }
    if el.attr("minimumSiteRole").is_some() {
        next.minimum_site_role = min_role;
    }
    let resp = group_answer(ctx, ss, &next, 200);
    ss.groups.insert(next);
    Ok(resp)
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_admin()?;
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let g = ss
        .groups
        .get(&id)
        .ok_or_else(|| ApiError::group_not_found(&id))?;
    if g.all_users {
        return Err(ApiError::forbidden(
            "The 'All Users' group cannot be deleted.",
        ));
    }
    ss.groups.remove(&id);
    Ok(Response::no_content())
}

fn users(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, User::FIELDS)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let g = resource::in_table(&ss.groups, req.param("id"))?;
    let sc = Scope::new::<User>(&st, ss, &req.query);
    if g.all_users {
        resource::list_of(ctx, &lq, &sc, ss.users.iter())
    } else {
        let members = g.members.iter().filter_map(|m| ss.users.get(m));
        resource::list_of(ctx, &lq, &sc, members)
    }
}

fn member_answer(x: &mut crate::reply::ReplyWriter, u: &User) {
    render::user(x, u, &Fields::everything());
}

fn add_users(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    ctx.require_admin()?;
    let id = req.param("id").to_string();
    // Single `<user id/>` or bulk `<users><user id/>…</users>` (3.21).
    let (bulk, ids): (bool, Vec<String>) = if let Some(us) = doc.child("users") {
        (
            true,
            us.children_named("user")
                .filter_map(|u| u.attr("id"))
                .map(str::to_string)
                .collect(),
        )
    } else {
        let u = payload(&doc, "user")?;
        (false, vec![required(u, "id")?.to_string()])
    };
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let g = ss
        .groups
        .get(&id)
        .ok_or_else(|| ApiError::group_not_found(&id))?;
    let mut resolved = Vec::with_capacity(ids.len());
    for uid in &ids {
        let u = ss
            .users
            .get(uid)
            .ok_or_else(|| ApiError::user_not_found(uid))?;
        if !bulk && g.has_member(&u.id) {
            return Err(ApiError::new(
                409011,
                format!(
                    "The user '{}' is already a member of the group '{}'.",
                    u.name, g.name
                ),
            ));
        }
        resolved.push(u.clone());
    }
    let g = ss.groups.get_mut(&id).expect("checked");
    if !g.all_users {
        for u in &resolved {
            g.add_member(&u.id);
        }
    }
    let mut x = ctx.reply(resolved.len() * 300);
    if bulk {
        x.open("users").close();
        for u in &resolved {
            member_answer(&mut x, u);
        }
        x.end("users");
    } else {
        member_answer(&mut x, &resolved[0]);
    }
    Ok(ok(x))
}

fn remove_user(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_admin()?;
    let id = req.param("id").to_string();
    let uid = req.param("user").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let g = ss
        .groups
        .get(&id)
        .ok_or_else(|| ApiError::group_not_found(&id))?;
    let u = ss
        .users
        .get(&uid)
        .ok_or_else(|| ApiError::user_not_found(&uid))?;
    if g.all_users {
        return Err(ApiError::new(
            400032,
            "Users cannot be removed from the 'All Users' group.",
        ));
    }
    if !g.has_member(&u.id) {
        return Err(ApiError::new(
            404002,
            format!(
                "The user '{uid}' is not a member of the group '{}'.",
                g.name
            ),
        ));
    }
    let u_id = u.id.clone();
    ss.groups
        .get_mut(&id)
        .expect("checked")
        .remove_member(&u_id);
    Ok(Response::no_content())
}

fn remove_users(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    ctx.require_admin()?;
    let id = req.param("id").to_string();
    let us = payload(&doc, "users")?;
    let ids: Vec<String> = us
        .children_named("user")
        .filter_map(|u| u.attr("id"))
        .map(str::to_string)
        .collect();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let g = ss
        .groups
        .get(&id)
        .ok_or_else(|| ApiError::group_not_found(&id))?;
    if g.all_users {
        return Err(ApiError::new(
            400032,
            "Users cannot be removed from the 'All Users' group.",
        ));
    }
    let mut resolved = Vec::new();
    for uid in &ids {
        resolved.push(
            ss.users
                .get(uid)
                .ok_or_else(|| ApiError::user_not_found(uid))?
                .id
                .clone(),
        );
    }
    let g = ss.groups.get_mut(&id).expect("checked");
    for u in resolved {
        g.remove_member(&u);
    }
    Ok(Response::no_content())
}
