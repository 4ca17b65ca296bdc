//! Sites: create, query (all / by id / by name / by content URL), update, delete.

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::{FVal, FieldDef, ListQuery};
use crate::render;
use crate::router::{Ctx, Request, Route};
use crate::routes::{created, ok, payload};
use crate::state::{default_site_attrs, Site, SiteState, State};
use crate::xml::Element;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::post("sites", create));
    r.push(Route::get("sites", list));
    r.push(Route::get("sites/{siteRef}", get_one));
    r.push(Route::put("sites/{siteRef}", update));
    r.push(Route::delete("sites/{siteRef}", delete));
}

const SITE_FIELDS: &[FieldDef] = &[
    FieldDef::name("name"),
    FieldDef::str("contentUrl"),
    FieldDef::date("createdAt"),
];

fn valid_content_url(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Finds a site by id, or by name/content URL with `?key=name|contentUrl`.
fn resolve<'s>(st: &'s State, req: &Request) -> Result<&'s SiteState, ApiError> {
    let r = req.param("siteRef");
    let found = match req.query.get_ci("key").map(|k| k.to_ascii_lowercase()) {
        Some(k) if k == "name" => st.site_by_name(r),
        Some(k) if k == "contenturl" => st.site_by_url(r),
        Some(k) if k == "id" => st.site(r),
        Some(k) => {
            return Err(ApiError::bad_request(format!(
                "Unknown key '{k}'; use name or contentUrl."
            )))
        }
        None => st.site(r),
    };
    found.ok_or_else(|| ApiError::site_not_found(r))
}

fn int_attr(k: &str, v: &str, min: i64) -> Result<i64, ApiError> {
    match v.trim().parse::<i64>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(ApiError::bad_request(format!(
            "The value '{v}' of '{k}' is not a valid number."
        ))),
    }
}

/// Validates and stores the attributes of a `<site>` request element (except id/name/contentUrl).
fn apply_attrs(site: &mut Site, el: &Element) -> Result<(), ApiError> {
    for (k, v) in &el.attrs {
        match k.as_str() {
            "id" | "name" | "contentUrl" => continue,
            "adminMode" if v != "ContentAndUsers" && v != "ContentOnly" => {
                return Err(ApiError::new(
                    400013,
                    format!("The administrator mode '{v}' is not ContentOnly or ContentAndUsers."),
                ));
            }
            "state" if v != "Active" && v != "Suspended" => {
                return Err(ApiError::bad_request(format!(
                    "The site state '{v}' is not Active or Suspended."
                )));
            }
            "userQuota"
            | "storageQuota"
            | "tierCreatorCapacity"
            | "tierExplorerCapacity"
            | "tierViewerCapacity"
                if !v.is_empty() && !v.eq_ignore_ascii_case("none") =>
            {
                int_attr(k, v, -1)?;
            }
            "revisionLimit" => {
                let n = int_attr(k, v, -1)?;
                if n != -1 && !(2..=10000).contains(&n) {
                    return Err(ApiError::bad_request(format!(
                        "The revision limit '{v}' must be -1 or between 2 and 10000."
                    )));
                }
            }
            _ => {}
        }
        site.set_attr(k, v);
    }
    let set = |k: &str| {
        site.attr(k)
            .map(|v| !v.is_empty() && v != "-1" && !v.eq_ignore_ascii_case("none"))
            .unwrap_or(false)
    };
    if site.attr("adminMode") == Some("ContentOnly") && set("userQuota") {
        return Err(ApiError::new(
            409004,
            "The request cannot set adminMode to ContentOnly and also specify a userQuota value.",
        ));
    }
    if set("userQuota")
        && (set("tierCreatorCapacity") || set("tierExplorerCapacity") || set("tierViewerCapacity"))
    {
        return Err(ApiError::new(
            409004,
            "The request cannot set both tiered capacity attributes and userQuota. One or the other must be null.",
        ));
    }
    Ok(())
}

fn create(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    ctx.require_server_admin()?;
    let el = payload(&doc, "site")?;
    let name = el.attr("name").unwrap_or("").trim().to_string();
    if name.is_empty() {
        return Err(ApiError::bad_request("The site name is missing or empty."));
    }
    let url = el
        .attr("contentUrl")
        .ok_or_else(|| ApiError::bad_request("The contentUrl attribute is missing."))?
        .to_string();
    if !valid_content_url(&url) {
        return Err(ApiError::bad_request(format!(
            "The content URL '{url}' can contain only letters, numbers, dashes, and underscores."
        )));
    }
    if url.is_empty() {
        return Err(ApiError::new(
            409002,
            "The content URL '' already belongs to the Default site.",
        ));
    }
    let mut probe = Site {
        id: String::new(),
        name: name.clone(),
        content_url: url.clone(),
        attrs: default_site_attrs(),
        created_at: 0,
    };
    apply_attrs(&mut probe, el)?;
    let mut st = ctx.state_mut();
    if st.site_by_name(&name).is_some() {
        return Err(ApiError::new(
            409001,
            format!("A site with the name '{name}' already exists."),
        ));
    }
    if st.site_by_url(&url).is_some() {
        return Err(ApiError::new(
            409002,
            format!("A site with the content URL '{url}' already exists."),
        ));
    }
    let id = st.create_site(&name, &url, probe.attrs);
    let ss = st.site(&id).expect("just created");
    let mut x = ctx.reply(2048);
    render::site(&mut x, &ss.site, None);
    Ok(created(x))
}

fn list(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let lq = ListQuery::parse(&req.query, SITE_FIELDS)?;
    let st = ctx.state();
    let a = ctx.auth();
    let visible: Vec<&SiteState> = st
        .sites
        .iter()
        .filter(|s| a.server_admin || s.user_by_name(&a.user_name).is_some())
        .collect();
    let get = crate::query::accessor(|s: &&SiteState, f: &str| match f {
        "name" => FVal::Str(&s.site.name),
        "contentUrl" => FVal::Str(&s.site.content_url),
        "createdAt" => FVal::Date(Some(s.site.created_at)),
        _ => FVal::Null,
    });
    crate::resource::page(ctx, &lq, "sites", 1500, visible.iter(), get, |x, s, _| {
        render::site(x, &s.site, None)
    })
}

fn get_one(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let st = ctx.state();
    let ss = resolve(&st, req)?;
    let a = ctx.auth();
    if !a.server_admin && ss.user_by_name(&a.user_name).is_none() {
        return Err(ApiError::site_not_found(req.param("siteRef")));
    }
    let usage = if req.query.flag("includeUsageStatistics") {
        let storage: u64 = ss.workbooks.iter().map(|w| w.size_bytes).sum::<u64>()
            + ss.datasources.iter().map(|d| d.size_bytes).sum::<u64>();
        Some((ss.users.len(), render::size_mb(storage)))
    } else {
        None
    };
    let mut x = ctx.reply(2048);
    render::site(&mut x, &ss.site, usage);
    Ok(ok(x))
}

fn update(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let el = payload(&doc, "site")?.clone();
    let mut st = ctx.state_mut();
    let id = resolve(&st, req)?.id.clone();
    let a = ctx.auth();
    if !(a.server_admin || (a.is_admin() && id == a.site_id)) {
        return Err(ApiError::forbidden(
            "Only administrators can update the site.",
        ));
    }
    let current = st.site(&id).expect("resolved").site.clone();
    let mut next = current.clone();
    if let Some(name) = el.attr("name").filter(|n| !n.trim().is_empty()) {
        if !name.eq_ignore_ascii_case(&current.name) && st.site_by_name(name).is_some() {
            return Err(ApiError::new(
                409001,
                format!("A site with the name '{name}' already exists."),
            ));
        }
        next.name = name.to_string();
    }
    if let Some(url) = el.attr("contentUrl") {
        if url != current.content_url {
            if !valid_content_url(url) {
                return Err(ApiError::bad_request(format!(
                    "The content URL '{url}' can contain only letters, numbers, dashes, and underscores."
                )));
            }
            if current.is_default() || url.is_empty() {
                return Err(ApiError::bad_request(
                    "The content URL of the Default site cannot be changed.",
                ));
            }
            if st.site_by_url(url).is_some_and(|s| s.id != id) {
                return Err(ApiError::new(
                    409002,
                    format!("A site with the content URL '{url}' already exists."),
                ));
            }
            next.content_url = url.to_string();
        }
    }
    apply_attrs(&mut next, &el)?;
    let ss = st.site_mut(&id).expect("resolved");
    ss.site = next;
    let mut x = ctx.reply(2048);
    render::site(&mut x, &ss.site, None);
    Ok(ok(x))
}

fn delete(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    ctx.require_server_admin()?;
    let mut st = ctx.state_mut();
    let ss = resolve(&st, req)?;
    if ss.site.is_default() {
        return Err(ApiError::new(403002, "The Default site cannot be deleted."));
    }
    let id = ss.id.clone();
    st.sites.remove(&id);
    drop(st);
    ctx.shared.sessions().remove_where(|s| s.site_id == id);
    let dir = ctx.site_dir(&id);
    if dir.exists() {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(Response::no_content())
}
