//! Active Directory groups, when the emulator has Active Directory (`/_emulator/settings?
//! activeDirectory=true`; otherwise an `<import>` is refused with `403011`): `POST …/groups`
//! and `PUT …/groups/{id}` with `<group name><import source="ActiveDirectory" domainName
//! siteRole [grantLicenseMode]/></group>` import or synchronise the group, at once (201/200 with
//! the group) or with `asJob=true` as a job (202 with a `GroupImport` / `GroupSync` job that
//! progresses over `jobDelayMs`). A site role is required (`400000`); a name taken `409009`.

use std::sync::atomic::Ordering;

use crate::errors::ApiError;
use crate::http::Response;
use crate::query::Fields;
use crate::render;
use crate::router::{Ctx, Request};
use crate::routes::required;
use crate::state::{Group, JobSubject, SITE_ROLES};
use crate::xml::Element;

fn not_configured() -> ApiError {
    ApiError::new(
        403011,
        "The request contains an <import> element, but the server is configured for local authentication (Active Directory is not configured).",
    )
}

/// `POST …/groups` (`id` None) or `PUT …/groups/{id}` whose `<group>` has an `<import>`.
pub fn import(
    ctx: &Ctx,
    req: &mut Request,
    el: &Element,
    id: Option<&str>,
) -> Result<Response, ApiError> {
    if !ctx.shared.active_directory.load(Ordering::Relaxed) {
        return Err(not_configured());
    }
    let as_job = req.query.bool("asJob")?.unwrap_or(false);
    let imp = el.child("import").expect("the caller checked");
    if imp.attr("source") != Some("ActiveDirectory") {
        return Err(ApiError::bad_request(
            "The import source must be ActiveDirectory.",
        ));
    }
    let domain = required(imp, "domainName")?.to_string();
    let role = required(imp, "siteRole")?.to_string();
    if !SITE_ROLES.contains(&role.as_str()) {
        return Err(ApiError::new(
            400013,
            format!("The siteRole '{role}' is not a valid site role."),
        ));
    }
    let name = el.attr("name").map(str::trim).unwrap_or("").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let mut g = match id {
        Some(id) => ss
            .groups
            .get(id)
            .cloned()
            .ok_or_else(|| ApiError::group_not_found(id))?,
        None => {
            if name.is_empty() {
                return Err(ApiError::bad_request(
                    "Payload is either malformed XML or incomplete: the 'name' attribute of <group> is missing or empty",
                ));
            }
            Group::new(&name)
        }
    };
    if !name.is_empty()
        && ss
            .groups
            .iter()
            .any(|o| o.id != g.id && o.name.eq_ignore_ascii_case(&name))
    {
        return Err(ApiError::new(
            409009,
            format!("A group named '{name}' already exists on the site (group names are case-insensitive)."),
        ));
    }
    if !name.is_empty() {
        g.name = name;
    }
    g.domain_name = domain;
    g.minimum_site_role = Some(role);
    ss.groups.insert(g.clone());
    if as_job {
        let subject = JobSubject {
            kind: "group".into(),
            id: g.id.clone(),
            name: g.name.clone(),
        };
        let ty = if id.is_some() {
            "GroupSync"
        } else {
            "GroupImport"
        };
        let job = crate::job_outcomes::create(ctx, ss, ty, Some(subject));
        let mut x = ctx.reply(512);
        render::job(&mut x, &job);
        return Ok(x.into_response(202));
    }
    let mut x = ctx.reply(256);
    render::group(&mut x, ss, &g, &Fields::default());
    Ok(x.into_response(if id.is_some() { 200 } else { 201 }))
}
