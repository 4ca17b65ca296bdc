//! Users: add, query all (filter/sort/fields), query one, update (password works for sign-in
//! afterwards), remove (`mapAssetsTo`), a user's workbooks (`ownedBy`) and groups.

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, Fields, ListQuery};
use crate::render;
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::{created, ok, payload};
use crate::state::{Group, SiteState, State, User, Workbook, AUTH_SETTINGS, SITE_ROLES};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::post("sites/{site}/users", add));
    r.push(Route::get("sites/{site}/users", resource::list::<User>));
    r.push(Route::get("sites/{site}/users/{id}", resource::get::<User>));
    r.push(Route::put("sites/{site}/users/{id}", update));
    r.push(Route::delete("sites/{site}/users/{id}", remove));
    r.push(Route::get("sites/{site}/users/{id}/workbooks", workbooks));
    r.push(Route::get("sites/{site}/users/{id}/groups", groups).since("3.7"));
}

pub const USER_FIELDS: &[FieldDef] = &[
    FieldDef::name("name"),
    FieldDef::str("siteRole"),
    FieldDef::date("lastLogin"),
    FieldDef::str("friendlyName"),
    FieldDef::str("fullName"),
    FieldDef::str("email"),
    FieldDef::str("luid"),
    FieldDef::str("id"),
    FieldDef::str("domainName"),
    FieldDef::str("authSetting"),
    FieldDef::date("createdAt"),
];

pub fn user_field<'b>(u: &'b User, f: &str) -> FVal<'b> {
    match f {
        "name" => FVal::Str(&u.name),
        "siteRole" => FVal::Str(&u.site_role),
        "lastLogin" => FVal::Date(u.last_login),
        "friendlyName" | "fullName" => FVal::Str(&u.full_name),
        "email" => FVal::Str(&u.email),
        "luid" | "id" => FVal::Str(&u.id),
        "domainName" => FVal::Str(&u.domain),
        "authSetting" => FVal::Str(&u.auth_setting),
        "createdAt" => FVal::Date(Some(u.created_at)),
        _ => FVal::Null,
    }
}

fn check_role(role: &str) -> Result<(), ApiError> {
    if SITE_ROLES.contains(&role) {
        Ok(())
    } else {
        Err(ApiError::new(
            400013,
            format!(
                "The site role '{role}' is invalid. The value of the siteRole attribute must be Creator, Explorer, ExplorerCanPublish, SiteAdministratorCreator, SiteAdministratorExplorer, Unlicensed, or Viewer."
            ),
        ))
    }
}

fn check_auth_setting(v: &str) -> Result<(), ApiError> {
    if AUTH_SETTINGS.contains(&v) {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "The authSetting '{v}' is not one of ServerDefault, SAML, OpenID, TableauIDWithMFA."
        )))
    }
}

fn add(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    ctx.require_admin()?;
    let el = payload(&doc, "user")?;
    let name = el.attr("name").unwrap_or("").trim().to_string();
    if name.is_empty() {
        return Err(ApiError::bad_request("The user name is missing or empty."));
    }
    let role = el.attr("siteRole").unwrap_or("");
    if role.is_empty() {
        return Err(ApiError::new(400013, "The siteRole attribute is missing."));
    }
    check_role(role)?;
    if role == "Guest" {
        return Err(ApiError::new(
            409005,
            "The REST API doesn't allow adding a user with the guest role to a site.",
        ));
    }
    if let Some(a) = el.attr("authSetting") {
        check_auth_setting(a)?;
    }
    let mut st = ctx.state_mut();
    {
        let ss = ctx.site(&st)?;
        if ss.user_by_name(&name).is_some() {
            return Err(ApiError::new(
                409000,
                format!("The user '{name}' already exists on the site."),
            ));
        }
    }
    let is_server_admin = st.ensure_identity(&name).server_admin;
    let ss = ctx.site_mut(&mut st)?;
    let mut u = User::new(
        &name,
        if is_server_admin {
            "ServerAdministrator"
        } else {
            role
        },
    );
    if let Some(a) = el.attr("authSetting") {
        u.auth_setting = a.to_string();
    }
    u.idp_configuration_id = el.attr("idpConfigurationId").map(str::to_string);
    if let Some(e) = el.attr("email") {
        u.email = e.to_string();
    }
    if let Some(f) = el.attr("fullName") {
        u.full_name = f.to_string();
    }
    let mut x = ctx.reply(256);
    x.open("user")
        .attr("id", &u.id)
        .attr("name", &u.name)
        .attr("siteRole", &u.site_role)
        .attr("authSetting", &u.auth_setting)
        .attr("externalAuthUserId", &u.external_auth_user_id)
        .attr_opt("idpConfigurationId", u.idp_configuration_id.as_deref())
        .empty();
    ss.users.insert(u);
    Ok(created(x))
}

impl Resource for User {
    const LIST: &'static str = "users";
    const FIELDS: &'static [FieldDef] = USER_FIELDS;
    const ITEM_BYTES: usize = 260;

    fn items<'s>(_: &'s State, ss: &'s SiteState) -> Items<'s, User> {
        Items::Table(&ss.users)
    }
    fn not_found(id: &str) -> ApiError {
        ApiError::user_not_found(id)
    }
    fn field<'a>(_sc: &Scope<'_>, u: &'a User, f: &str) -> FVal<'a> {
        user_field(u, f)
    }
    /// Alone (query user, add user): every attribute plus `<domain>`.
    fn render(x: &mut ReplyWriter, _sc: &Scope<'_>, u: &User, fields: &Fields, one: bool) {
        if one {
            render::user_full(x, u);
        } else {
            render::user(x, u, fields);
        }
    }
}

fn update(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let el = payload(&doc, "user")?;
    let id = req.param("id").to_string();
    let a = ctx.auth().clone();
    let self_update = id.eq_ignore_ascii_case(&a.user_id);
    if !a.is_admin() && !self_update {
        return Err(ApiError::forbidden(
            "Only administrators can update other users.",
        ));
    }
    if let Some(r) = el.attr("siteRole") {
        check_role(r)?;
    }
    if let Some(v) = el.attr("authSetting") {
        check_auth_setting(v)?;
    }
    if let Some(e) = el.attr("email").filter(|e| !e.is_empty()) {
        if !e.contains('@') || e.starts_with('@') || e.ends_with('@') {
            return Err(ApiError::bad_request(format!(
                "The email address '{e}' is not valid."
            )));
        }
    }
    let mut st = ctx.state_mut();
    let ss = ctx.site(&st)?;
    let cur = ss
        .users
        .get(&id)
        .ok_or_else(|| ApiError::user_not_found(&id))?
        .clone();
    if let Some(r) = el.attr("siteRole") {
        if r != cur.site_role && self_update {
            return Err(ApiError::new(
                403009,
                "A user cannot update their own licensing role.",
            ));
        }
        if cur.site_role == "Guest" {
            return Err(ApiError::new(
                403009,
                "The Guest user is a special user and cannot be updated.",
            ));
        }
    }
    let new_name = el
        .attr("name")
        .filter(|n| !n.trim().is_empty() && *n != cur.name);
    if let Some(n) = new_name {
        if ss
            .users
            .iter()
            .any(|u| u.id != cur.id && u.name.eq_ignore_ascii_case(n))
        {
            return Err(ApiError::new(
                409000,
                format!("A user named '{n}' is already registered on the site."),
            ));
        }
    }
    // Identity changes (password, rename) are server-wide.
    if let Some(n) = new_name {
        if !n.eq_ignore_ascii_case(&cur.name) && st.identity(n).is_some() {
            return Err(ApiError::new(
                409000,
                format!("A user named '{n}' already exists on the server."),
            ));
        }
        if let Some(mut ident) = st.identities.remove(&cur.name.to_lowercase()) {
            ident.name = n.to_string();
            st.identities.insert(n.to_lowercase(), ident);
        }
    }
    let ident_name = new_name.unwrap_or(&cur.name).to_string();
    if let Some(p) = el.attr("password") {
        st.ensure_identity(&ident_name).password = Some(p.to_string());
    }
    let server_admin = st
        .identity(&ident_name)
        .map(|i| i.server_admin)
        .unwrap_or(false);
    let ss = ctx.site_mut(&mut st)?;
    let u = ss.users.get_mut(&id).expect("checked above");
    if let Some(n) = new_name {
        u.name = n.to_string();
    }
    if let Some(v) = el.attr("fullName") {
        u.full_name = v.to_string();
    }
    if let Some(v) = el.attr("email") {
        u.email = v.to_string();
    }
    if let Some(v) = el.attr("siteRole") {
        if !server_admin {
            u.site_role = v.to_string();
        }
    }
    if let Some(v) = el.attr("authSetting") {
        u.auth_setting = v.to_string();
    }
    if let Some(v) = el.attr("idpConfigurationId") {
        u.idp_configuration_id = Some(v.to_string());
    }
    let u = u.clone();
    drop(st);
    if new_name.is_some() {
        // Sessions carry the identity name.
        let mut sessions = ctx.shared.sessions();
        sessions.remove_where(|s| s.user_id == u.id);
    }
    let mut x = ctx.reply(256);
    x.open("user")
        .attr("name", &u.name)
        .attr("fullName", &u.full_name)
        .attr("email", &u.email)
        .attr("siteRole", &u.site_role)
        .attr("authSetting", &u.auth_setting)
        .attr_opt("idpConfigurationId", u.idp_configuration_id.as_deref())
        .empty();
    Ok(ok(x))
}

fn remove(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_admin()?;
    let id = req.param("id").to_string();
    let map_to = req
        .query
        .get("mapAssetsTo")
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let a = ctx.auth().clone();
    let mut st = ctx.state_mut();
    let ss = ctx.site(&st)?;
    let u = ss
        .users
        .get(&id)
        .ok_or_else(|| ApiError::user_not_found(&id))?
        .clone();
    if st
        .identity(&u.name)
        .map(|i| i.server_admin)
        .unwrap_or(false)
    {
        return Err(ApiError::forbidden(
            "Server administrators cannot be removed from a site.",
        ));
    }
    let target = match &map_to {
        Some(t) => {
            let tu = ss.users.get(t).ok_or_else(|| ApiError::user_not_found(t))?;
            if tu.id == u.id {
                return Err(ApiError::bad_request(
                    "mapAssetsTo cannot be the user being removed.",
                ));
            }
            Some(tu.id.clone())
        }
        None => None,
    };
    if target.is_none() && ss.owns_content(&u.id) {
        return Err(ApiError::new(
            409003,
            format!(
                "The user '{}' still owns content on the site and cannot be removed.",
                u.name
            ),
        ));
    }
    let ss = ctx.site_mut(&mut st)?;
    let heir = target.unwrap_or_else(|| a.user_id.clone());
    ss.transfer_ownership(&u.id, &heir);
    for g in ss.groups.iter_mut() {
        g.remove_member(&u.id);
    }
    ss.favorites.retain_or_take(|f| f.user_id != u.id);
    ss.users.remove(&u.id);
    drop(st);
    ctx.shared.sessions().remove_where(|s| s.user_id == u.id);
    Ok(Response::no_content())
}

/// A user's workbooks (`ownedBy=true`: only those the user owns; otherwise every workbook,
/// as the emulator has no permissions). Filters, sort and fields as for site workbooks.
fn workbooks(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, Workbook::FIELDS)?;
    let owned_only = req.query.flag("ownedBy");
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let u = resource::in_table(&ss.users, req.param("id"))?;
    let sc = Scope::new::<Workbook>(&st, ss, &req.query);
    let items = ss
        .workbooks
        .iter()
        .filter(|w| !owned_only || w.owner_id == u.id);
    resource::list_of(ctx, &lq, &sc, items)
}

fn groups(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, Group::FIELDS)?;
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let u = resource::in_table(&ss.users, req.param("id"))?;
    let sc = Scope::new::<Group>(&st, ss, &req.query);
    resource::list_of(
        ctx,
        &lq,
        &sc,
        ss.groups.iter().filter(|g| g.has_member(&u.id)),
    )
}
