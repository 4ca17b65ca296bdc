//! Projects: create (nested), query (paged, filter/sort/fields), update (also TSC's
//! `get_by_id`, a PUT with an empty `<project/>`), delete (with nested projects and content).

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, Fields};
use crate::render;
use crate::reply::ReplyWriter;
use crate::resource::{self, Items, Resource, Scope};
use crate::router::{Ctx, Request, Route};
use crate::routes::{created, ok, payload};
use crate::state::{Project, SiteState, State};
use crate::util::{new_id, now_secs};

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::post("sites/{site}/projects", create));
    r.push(Route::get(
        "sites/{site}/projects",
        resource::list::<Project>,
    ));
    r.push(Route::get(
        "sites/{site}/projects/{id}",
        resource::get::<Project>,
    ));
    r.push(Route::put("sites/{site}/projects/{id}", update));
    r.push(Route::delete("sites/{site}/projects/{id}", delete));
}

pub const PROJECT_FIELDS: &[FieldDef] = &[
    FieldDef::name("name"),
    FieldDef::name("ownerName"),
    FieldDef::str("ownerEmail"),
    FieldDef::str("ownerDomain"),
    FieldDef::str("description"),
    FieldDef::str("contentPermissions"),
    FieldDef::str("parentProjectId"),
    FieldDef::bool("topLevelProject"),
    FieldDef::date("createdAt"),
    FieldDef::date("updatedAt"),
    FieldDef::str("id"),
];

const PERMISSIONS: &[&str] = &[
    "ManagedByOwner",
    "LockedToProject",
    "LockedToProjectWithoutNested",
];

fn check_permissions(ctx: &Ctx, v: &str) -> Result<(), ApiError> {
    if !PERMISSIONS.contains(&v) {
        return Err(ApiError::bad_request(format!(
            "The content permissions '{v}' are not ManagedByOwner, LockedToProject or LockedToProjectWithoutNested."
        )));
    }
    if v == "LockedToProjectWithoutNested" && ctx.version < crate::router::ApiVersion(3, 8) {
        return Err(ApiError::new(
            400008,
            "LockedToProjectWithoutNested is available from REST API 3.8 on.",
        ));
    }
    Ok(())
}

fn name_taken(ss: &SiteState, parent: Option<&str>, name: &str, except: Option<&str>) -> bool {
    ss.projects.iter().any(|p| {
        p.parent_id.as_deref() == parent
            && p.name.eq_ignore_ascii_case(name)
            && Some(p.id.as_str()) != except
    })
}

fn conflict(name: &str) -> ApiError {
    ApiError::new(
        409006,
        format!("A project with the name '{name}' already exists at this level."),
    )
}

fn create(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let el = payload(&doc, "project")?;
    let a = ctx.auth();
    if !a.is_admin() && !crate::state::can_publish(&a.site_role) {
        return Err(ApiError::forbidden(
            "The caller is not allowed to create projects.",
        ));
    }
    let name = el.attr("name").unwrap_or("").trim().to_string();
    if name.is_empty() {
        return Err(ApiError::bad_request(
            "The project name is missing or empty.",
        ));
    }
    let perms = el
        .attr("contentPermissions")
        .filter(|s| !s.is_empty())
        .unwrap_or("ManagedByOwner");
    check_permissions(ctx, perms)?;
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let parent = match el.attr("parentProjectId").filter(|s| !s.is_empty()) {
        Some(p) => Some(
            ss.projects
                .get(p)
                .map(|p| p.id.clone())
                .ok_or_else(|| ApiError::project_not_found(p))?,
        ),
        None => None,
    };
    if name_taken(ss, parent.as_deref(), &name, None) {
        return Err(conflict(&name));
    }
    let owner = match el.child("owner").and_then(|o| o.attr("id")) {
        Some(o) => ss
            .users
            .get(o)
            .map(|u| u.id.clone())
            .ok_or_else(|| ApiError::user_not_found(o))?,
        None => a.user_id.clone(),
    };
    let now = now_secs();
    let p = Project {
        id: new_id(),
        name,
        description: el.attr("description").unwrap_or("").to_string(),
        content_permissions: perms.to_string(),
        parent_id: parent,
        owner_id: owner,
        created_at: now,
        updated_at: now,
        is_default: false,
    };
    let samples = req.query.bool("publishSamples")?.unwrap_or(false);
    let id = p.id.clone();
    ss.projects.insert(p);
    if samples {
        publish_samples(ctx, ss, &id)?;
    }
    let mut x = ctx.reply(512);
    let p = ss.projects.get(&id).expect("just inserted");
    render::project(&mut x, ss, p, &crate::query::Fields::default());
    Ok(created(x))
}

/// `publishSamples=true` (create and update): the sample workbooks go into the project,
/// owned by the caller.
fn publish_samples(ctx: &Ctx, ss: &mut SiteState, project_id: &str) -> Result<(), ApiError> {
    let owner = ctx.auth().user_id.clone();
    crate::seed_content::publish_samples(ss, &ctx.shared.data_dir, project_id, &owner)
        .map(|_| ())
        .map_err(|e| ApiError::internal(format!("cannot publish the samples: {e}")))
}

fn project_field<'b>(ss: &SiteState, p: &'b Project, f: &str) -> FVal<'b> {
    let owner = || ss.users.get(&p.owner_id);
    match f {
        "name" => FVal::Str(&p.name),
        "id" => FVal::Str(&p.id),
        "description" => FVal::Str(&p.description),
        "contentPermissions" => FVal::Str(&p.content_permissions),
        "parentProjectId" => FVal::Str(p.parent_id.as_deref().unwrap_or("")),
        "topLevelProject" => FVal::Bool(p.parent_id.is_none()),
        "createdAt" => FVal::Date(Some(p.created_at)),
        "updatedAt" => FVal::Date(Some(p.updated_at)),
        "ownerName" => FVal::Owned(owner().map(|u| u.name.clone()).unwrap_or_default()),
        "ownerEmail" => FVal::Owned(owner().map(|u| u.email.clone()).unwrap_or_default()),
        "ownerDomain" => FVal::Owned(owner().map(|u| u.domain.clone()).unwrap_or_default()),
        _ => FVal::Null,
    }
}

impl Resource for Project {
    const LIST: &'static str = "projects";
    const FIELDS: &'static [FieldDef] = PROJECT_FIELDS;

    fn items<'s>(_: &'s State, ss: &'s SiteState) -> Items<'s, Project> {
        Items::Table(&ss.projects)
    }
    fn not_found(id: &str) -> ApiError {
        ApiError::project_not_found(id)
    }
    fn field<'a>(sc: &Scope<'_>, p: &'a Project, f: &str) -> FVal<'a> {
        project_field(sc.ss, p, f)
    }
    fn render(x: &mut ReplyWriter, sc: &Scope<'_>, p: &Project, fields: &Fields, _one: bool) {
        render::project(x, sc.ss, p, fields);
    }
}

fn update(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document_opt()?;
    let el = match &doc {
        Some(d) => Some(payload(d, "project")?.clone()),
        None => None,
    };
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let cur = ss
        .projects
        .get(&id)
        .ok_or_else(|| ApiError::project_not_found(&id))?
        .clone();
    let samples = req.query.bool("publishSamples")?.unwrap_or(false);
    let a = ctx.auth();
    if samples && !a.is_admin() && cur.owner_id != a.user_id {
        return Err(ApiError::new(
            403004,
            "The caller is not allowed to update this project.",
        ));
    }
    let el = match el {
        Some(e) if !e.attrs.is_empty() || !e.children.is_empty() => e,
        _ => {
            // TSC's get_by_id: an empty update returns the project unchanged.
            if samples {
                publish_samples(ctx, ss, &id)?;
            }
            let mut x = ctx.reply(512);
            render::project(&mut x, ss, &cur, &crate::query::Fields::default());
            return Ok(ok(x));
        }
    };
    if let Some(body_id) = el.attr("id") {
        if !body_id.eq_ignore_ascii_case(&id) {
            return Err(ApiError::new(
                404009,
                "The project id in the request body does not match the URI.",
            ));
        }
    }
    let a = ctx.auth();
    if !a.is_admin() && cur.owner_id != a.user_id {
        return Err(ApiError::new(
            403004,
            "The caller is not allowed to update this project.",
        ));
    }
    let mut next = cur.clone();
    if let Some(name) = el.attr("name") {
        if name.trim().is_empty() {
            return Err(ApiError::bad_request("The project name cannot be empty."));
        }
        if name != cur.name {
            if cur.is_default {
                return Err(ApiError::new(
                    403005,
                    "The default project cannot be renamed.",
                ));
            }
            next.name = name.to_string();
        }
    }
    if let Some(d) = el.attr("description") {
        next.description = d.to_string();
    }
    if let Some(cp) = el.attr("contentPermissions").filter(|s| !s.is_empty()) {
        check_permissions(ctx, cp)?;
        next.content_permissions = cp.to_string();
    }
    if let Some(parent) = el.attr("parentProjectId") {
        if parent.is_empty() {
            next.parent_id = None;
        } else {
            let pid = ss
                .projects
                .get(parent)
                .map(|p| p.id.clone())
                .ok_or_else(|| ApiError::project_not_found(parent))?;
            if ss.project_subtree(&id).contains(&pid) {
                return Err(ApiError::bad_request(
                    "A project cannot be moved into itself or one of its nested projects.",
                ));
            }
            if cur.is_default {
                return Err(ApiError::new(
                    403005,
                    "The default project cannot be moved.",
                ));
            }
            next.parent_id = Some(pid);
        }
    }
    if let Some(o) = el.child("owner").and_then(|o| o.attr("id")) {
        next.owner_id = ss
            .users
            .get(o)
            .map(|u| u.id.clone())
            .ok_or_else(|| ApiError::user_not_found(o))?;
    }
    if (next.name != cur.name || next.parent_id != cur.parent_id)
        && name_taken(ss, next.parent_id.as_deref(), &next.name, Some(&id))
    {
        return Err(conflict(&next.name));
    }
    next.updated_at = now_secs();
    ss.projects.insert(next);
    if samples {
        publish_samples(ctx, ss, &id)?;
    }
    let mut x = ctx.reply(512);
    let next = ss.projects.get(&id).expect("still there");
    render::project(&mut x, ss, next, &crate::query::Fields::default());
    Ok(ok(x))
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let id = req.param("id").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let p = ss
        .projects
        .get(&id)
        .ok_or_else(|| ApiError::project_not_found(&id))?;
    if p.is_default {
        return Err(ApiError::new(
            403003,
            "The default project cannot be deleted.",
        ));
    }
    let a = ctx.auth();
    if !a.is_admin() && p.owner_id != a.user_id {
        return Err(ApiError::new(
            403004,
            "The caller is not allowed to delete this project.",
        ));
    }
    let garbage = ss.delete_project_tree(&id);
    drop(st);
    ctx.collect_garbage(garbage);
    Ok(Response::no_content())
}
