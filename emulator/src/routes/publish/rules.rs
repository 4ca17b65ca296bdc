//! The name and mode rules of a publish (CreateNew / Overwrite / Append), checked before the
//! file is taken and again under the lock at commit time.

use crate::content::FileKind;
use crate::errors::ApiError;
use crate::router::Ctx;
use crate::state::SiteState;

use super::body::Options;
use super::payload::Meta;
use super::Target;

/// The project of the payload (the default project if none is named): 404005 if unknown.
fn resolve_project(ss: &SiteState, project: Option<&str>) -> Result<String, ApiError> {
    match project {
        Some(p) => ss
            .projects
            .get(p)
            .map(|p| p.id.clone())
            .ok_or_else(|| ApiError::project_not_found(p)),
        None => ss.default_project().map(|p| p.id.clone()).ok_or_else(|| {
            ApiError::bad_request(
                "The request names no project and the site has no default project.",
            )
        }),
    }
}

/// An item with this name in this project (names compare case-insensitively):
/// (id, owner id, has extracts).
fn existing(
    ss: &SiteState,
    target: Target,
    project: &str,
    name: &str,
) -> Option<(String, String, bool)> {
    match target {
        Target::Workbook => ss
            .workbooks
            .iter()
            .find(|w| w.project_id == project && w.name.eq_ignore_ascii_case(name))
            .map(|w| (w.id.clone(), w.owner_id.clone(), w.has_extracts)),
        Target::Datasource => ss
            .datasources
            .iter()
            .find(|d| d.project_id == project && d.name.eq_ignore_ascii_case(name))
            .map(|d| (d.id.clone(), d.owner_id.clone(), d.has_extracts)),
    }
}

/// What the commit will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Plan {
    Create,
    Overwrite(String),
    Append(String),
}

/// The name and mode rules, checked before the file is taken and again at commit time.
pub(super) fn plan(
    ctx: &Ctx,
    ss: &SiteState,
    target: Target,
    opts: &Options,
    meta: &mut Meta,
    project: Option<&str>,
    kind: FileKind,
) -> Result<Plan, ApiError> {
    let pid = resolve_project(ss, project)?;
    meta.set_project(pid.clone());
    let name = meta.name().to_string();
    let what = target.element();
    let found = existing(ss, target, &pid, &name);
    let a = ctx.auth();
    let may_replace = |owner: &str| a.is_admin() || owner == a.user_id;
    if opts.append {
        let Some((id, owner, extract)) = found else {
            return Err(ApiError::datasource_not_found(&name).with_summary("Data source not found"));
        };
        if !matches!(kind, FileKind::Hyper | FileKind::Tde) || !extract {
            return Err(publishing_error(
                &name,
                "data can be appended only from a .hyper or .tde file to a data source that is an extract",
            ));
        }
        if !may_replace(&owner) {
            return Err(insufficient(what));
        }
        return Ok(Plan::Append(id));
    }
    match found {
        None => Ok(Plan::Create),
        Some((id, owner, _)) if opts.overwrite => {
            if may_replace(&owner) {
                Ok(Plan::Overwrite(id))
            } else {
                Err(insufficient(what))
            }
        }
        Some(_) => Err(ApiError::new(
            403007,
            format!(
                "The {what} '{name}' already exists and may not be overwritten without the 'overwrite' flag set to 'true'."
            ),
        )),
    }
}

fn insufficient(what: &str) -> ApiError {
    ApiError::new(
        403007,
        format!("The caller may not replace a {what} owned by another user."),
    )
}

pub(super) fn publishing_error(file: &str, detail: &str) -> ApiError {
    ApiError::new(
        400011,
        format!("There was a problem publishing the file '{file}': {detail}"),
    )
}
