//! Permissions: one generic handler for the explicit permissions of an item and one for the
//! default permissions of a project, over the content kinds of `crate::permissions`:
//!
//! * `GET|PUT sites/{site}/{kind}/{id}/permissions` (kind: workbooks, datasources, views,
//!   projects, flows) → 200 `<permissions><{item} id name/><granteeCapabilities>…`; a PUT adds
//!   the body's rules (a capability the grantee has takes the new mode) and answers with them;
//! * `DELETE sites/{site}/{kind}/{id}/permissions/{users|groups|groupSets}/{gid}/{cap}/{mode}`
//!   → 204 (a capability the grantee does not have with this mode → 404);
//! * the same three under `sites/{site}/projects/{id}/default-permissions/{kind}` (kind:
//!   workbooks, datasources, metrics, dataroles, flows, lenses, virtualConnections, databases,
//!   tables);
//! * `POST|GET sites/{site}/groupsets` (3.22): group sets, the third kind of grantee.
//!
//! Checks, with Tableau's codes: unknown item (404004/404005/404006/404011, 404 for flows),
//! unknown user 404002, unknown group or group set 404012, a capability the content kind does
//! not have 400009, a capability twice for one grantee in one request 409003; only
//! administrators and the item's owner change permissions (403004). Rules are kept in
//! XML and JSON alike (the reply is written once with `ReplyWriter`).

use crate::errors::ApiError;
use crate::http::Response;
use crate::permissions::{
    self, ContentKind, GranteeKind, GroupSet, Target, DEFAULT_KINDS, ITEM_KINDS,
};
use crate::router::{ApiVersion, Ctx, Request, Route};
use crate::routes::{created, ok, payload, required};
use crate::state::SiteState;
use crate::util::new_id;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("sites/{site}/{kind}/{id}/permissions", item));
    r.push(Route::put("sites/{site}/{kind}/{id}/permissions", item));
    r.push(Route::delete(
        "sites/{site}/{kind}/{id}/permissions/{gkind}/{gid}/{cap}/{mode}",
        item,
    ));
    r.push(Route::get(
        "sites/{site}/projects/{id}/default-permissions/{kind}",
        default,
    ));
    r.push(Route::put(
        "sites/{site}/projects/{id}/default-permissions/{kind}",
        default,
    ));
    r.push(Route::delete(
        "sites/{site}/projects/{id}/default-permissions/{kind}/{gkind}/{gid}/{cap}/{mode}",
        default,
    ));
    r.push(Route::post("sites/{site}/groupsets", create_group_set).since("3.22"));
    r.push(Route::get("sites/{site}/groupsets", list_group_sets).since("3.22"));
}

/// The item's (name, owner), or the kind's not-found error.
fn item_of(ss: &SiteState, kind: &ContentKind, id: &str) -> Result<(String, String), ApiError> {
    let found = match kind.segment {
        "workbooks" => ss.workbooks.get(id).map(|w| (&w.name, &w.owner_id)),
        "datasources" => ss.datasources.get(id).map(|d| (&d.name, &d.owner_id)),
        "views" => ss.views.get(id).map(|v| (&v.name, &v.owner_id)),
        "projects" => ss.projects.get(id).map(|p| (&p.name, &p.owner_id)),
        "flows" => ss.flows.get(id).map(|f| (&f.name, &f.owner_id)),
        _ => None,
    };
    found
        .map(|(n, o)| (n.clone(), o.clone()))
        .ok_or_else(|| match kind.segment {
            "workbooks" => ApiError::workbook_not_found(id),
            "datasources" => ApiError::datasource_not_found(id),
            "views" => ApiError::view_not_found(id),
            "projects" => ApiError::project_not_found(id),
            _ => ApiError::new(
                404000,
                format!("The {} '{id}' could not be found.", kind.element),
            ),
        })
}

fn may_change(ctx: &Ctx, owner: &str) -> Result<(), ApiError> {
    let a = ctx.auth();
    if a.is_admin() || a.user_id == owner {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "Only an administrator or the owner may change permissions.",
        ))
    }
}

/// `{kind}/{id}/permissions[/…]` of any item kind.
fn item(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let path = format!("{}/{}/permissions", req.param("kind"), req.param("id"));
    let kind = permissions::kind_of(ITEM_KINDS, req.param("kind"), ctx.version, &path)?;
    let id = req.param("id").to_string();
    let target = Target::Item(kind.segment, id.clone());
    handle(ctx, req, kind, kind, &id, target)
}

/// `projects/{id}/default-permissions/{kind}[/…]` of any default kind.
fn default(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let path = format!(
        "projects/{}/default-permissions/{}",
        req.param("id"),
        req.param("kind")
    );
    let kind = permissions::kind_of(DEFAULT_KINDS, req.param("kind"), ctx.version, &path)?;
    let project = permissions::kind_of(ITEM_KINDS, "projects", ApiVersion(2, 0), &path)?;
    let id = req.param("id").to_string();
    let target = Target::Default(id.clone(), kind.segment);
    handle(ctx, req, kind, project, &id, target)
}

/// GET, PUT or DELETE of the rules at `target`: `kind` decides the capabilities, `owner_kind`
/// and `id` the item they belong to (the project, for default permissions).
fn handle(
    ctx: &Ctx,
    req: &mut Request,
    kind: &ContentKind,
    owner_kind: &ContentKind,
    id: &str,
    target: Target,
) -> Result<Response, ApiError> {
    let method = req.method;
    match method {
        crate::http::Method::Get => {
            let st = ctx.state();
            let ss = ctx.site(&st)?;
            let (name, _) = item_of(ss, owner_kind, id)?;
            let rules = ss.permissions.rules(&target);
            let mut x = ctx.reply(256 + rules.len() * 256);
            permissions::write(&mut x, (owner_kind.element, id, &name), rules, ss);
            Ok(ok(x))
        }
        crate::http::Method::Put => {
            let doc = req.document()?;
            let mut st = ctx.state_mut();
            let ss = ctx.site_mut(&mut st)?;
            let (name, owner) = item_of(ss, owner_kind, id)?;
            may_change(ctx, &owner)?;
            let rules = permissions::read_rules(&doc, kind, ss)?;
            permissions::prune(ss);
            ss.permissions.add(&target, &rules);
            let mut x = ctx.reply(256 + rules.len() * 256);
            permissions::write(&mut x, (owner_kind.element, id, &name), &rules, ss);
            Ok(ok(x))
        }
        _ => {
            let gkind = GranteeKind::from_segment(req.param("gkind")).ok_or_else(|| {
                ApiError::unknown_resource(&format!(
                    "{}: the grantee kind is users, groups or groupSets",
                    req.param("gkind")
                ))
            })?;
            let (gid, cap, mode) = (req.param("gid"), req.param("cap"), req.param("mode"));
            let mut st = ctx.state_mut();
            let ss = ctx.site_mut(&mut st)?;
            let (_, owner) = item_of(ss, owner_kind, id)?;
            may_change(ctx, &owner)?;
            if !permissions::grantee_exists(ss, gkind, gid) {
                return Err(permissions::grantee_not_found(gkind, gid));
            }
            if !kind.capabilities.contains(&cap) {
                return Err(permissions::invalid_capability(cap, kind));
            }
            if !ss.permissions.remove(&target, gkind, gid, cap, mode) {
                return Err(ApiError::new(
                    404000,
                    format!(
                        "The {} '{gid}' has no capability '{cap}' with mode '{mode}' here.",
                        gkind.element()
                    ),
                )
                .with_summary("Permission not found"));
            }
            Ok(Response::no_content())
        }
    }
}

fn write_group_set(x: &mut crate::reply::ReplyWriter, g: &GroupSet) {
    x.open("groupSet")
        .attr("id", &g.id)
        .attr("name", &g.name)
        .attr_num("groupCount", 0)
        .empty();
}

/// `POST sites/{site}/groupsets` with `<groupSet name/>` → 201 with the group set.
fn create_group_set(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_admin()?;
    let doc = req.document()?;
    let name = required(payload(&doc, "groupSet")?, "name")?
        .trim()
        .to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let g = add_group_set(ss, &name, None)?;
    let mut x = ctx.reply(128);
    write_group_set(&mut x, &g);
    Ok(created(x))
}

fn list_group_sets(ctx: &Ctx, _req: &mut Request) -> Result<Response, ApiError> {
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let sets = &ss.permissions.group_sets;
    let mut x = ctx.reply(128 + sets.len() * 128);
    x.pagination(1, sets.len().max(1), sets.len());
    x.open("groupSets").close();
    for g in sets {
        write_group_set(&mut x, g);
    }
    x.end("groupSets");
    Ok(ok(x))
}

/// Adds a group set (409009 if the name or the id is taken).
pub fn add_group_set(
    ss: &mut SiteState,
    name: &str,
    id: Option<&str>,
) -> Result<GroupSet, ApiError> {
    let sets = &mut ss.permissions.group_sets;
    if sets
        .iter()
        .any(|g| g.name.eq_ignore_ascii_case(name) || Some(g.id.as_str()) == id)
    {
        return Err(ApiError::new(
            409009,
            format!("A group set named '{name}' (or with this id) already exists."),
        ));
    }
    let g = GroupSet {
        id: id.map_or_else(new_id, str::to_string),
        name: name.to_string(),
    };
    sets.push(g.clone());
    Ok(g)
}

/// `POST /_emulator/groupsets?site=URL&name=N[&id=LUID]`: a group set for tests (201 with it).
pub fn control(
    shared: &crate::server::Shared,
    q: &crate::query::Query,
) -> Result<Response, ApiError> {
    let mut st = shared.write();
    let site_url = q.get("site").unwrap_or("");
    let site_id = st
        .site_by_url(site_url)
        .map(|s| s.id.clone())
        .ok_or_else(|| ApiError::site_not_found(site_url))?;
    let ss = st.site_mut(&site_id).expect("site exists");
    let name = q
        .get("name")
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::bad_request("name is required"))?;
    let g = add_group_set(ss, name, q.get("id").filter(|i| !i.is_empty()))?;
    let mut x = crate::reply::ReplyWriter::response(128);
    write_group_set(&mut x, &g);
    Ok(x.into_response(201))
}
