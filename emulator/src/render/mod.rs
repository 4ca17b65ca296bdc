//! How each resource is written (XML or JSON, through `ReplyWriter`). List handlers pass the
//! request's `Fields` projection; single-item answers use `Fields::default()` (Tableau's
//! default attribute set) or `Fields::everything()`.
//!
//! The content writers (`workbook`, `view`, `datasource`, `flow`) are the basic shapes used by
//! favorites and `users/{id}/workbooks`; the content families may extend them.
//!
//! One file per family (`sites`, `projects`, `users`, `groups`, `jobs`, `content`,
//! `favorites`); this module keeps what they share (owner and project references, tags, sizes).

use crate::query::Fields;
use crate::reply::ReplyWriter;
use crate::state::{
    Connection, Datasource, FavKind, Favorite, Flow, Group, Job, Project, Site, SiteState,
    UploadSession, User, View, Workbook,
};
use crate::util::fmt_ts;

mod content;
mod favorites;
mod groups;
mod jobs;
mod projects;
mod sites;
mod users;

pub use content::*;
pub use favorites::*;
pub use groups::*;
pub use jobs::*;
pub use projects::*;
pub use sites::*;
pub use users::*;

pub(crate) fn owner(x: &mut ReplyWriter, ss: &SiteState, owner_id: &str, f: &Fields) {
    x.open("owner").attr("id", owner_id);
    if f.wants_nested("owner") {
        if let Some(u) = ss.users.get(owner_id) {
            if f.want_nested("owner", "name") {
                x.attr("name", &u.name);
            }
            if f.want_nested("owner", "fullName") {
                x.attr("fullName", &u.full_name);
            }
            if f.want_nested("owner", "email") && !u.email.is_empty() {
                x.attr("email", &u.email);
            }
            if f.want_nested("owner", "siteRole") {
                x.attr("siteRole", &u.site_role);
            }
            if f.want_nested("owner", "lastLogin") {
                if let Some(t) = u.last_login {
                    x.attr("lastLogin", &fmt_ts(t));
                }
            }
        }
    }
    x.empty();
}

/// Size in MB as Tableau reports it (rounded up; 0 only for empty files).
pub fn size_mb(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

pub(crate) fn tags(x: &mut ReplyWriter, tags: &[String]) {
    x.open("tags").close();
    for t in tags {
        x.open("tag").attr("label", t).empty();
    }
    x.end("tags");
}

pub(crate) fn project_ref(x: &mut ReplyWriter, ss: &SiteState, id: &str) {
    x.open("project").attr("id", id);
    if let Some(p) = ss.projects.get(id) {
        x.attr("name", &p.name);
    }
    x.empty();
}

/// Should the child element `prefix` (`project`, `owner`, `tags`…) be written? Yes for the
/// default and `_all_` sets, when a nested field (`owner.name`) is asked for, or when one of
/// the flat `aliases` (`projectName`) is.
pub(crate) fn child_wanted(f: &Fields, prefix: &str, aliases: &[&str]) -> bool {
    f.all || f.default || f.wants_nested(prefix) || aliases.iter().any(|a| f.names.contains(*a))
}

/// `<project id name/>` / `<owner id name/>` reference of a content item.
pub(crate) fn content_project(x: &mut ReplyWriter, ss: &SiteState, id: &str, f: &Fields) {
    if child_wanted(f, "project", &["projectName", "projectId"]) {
        project_ref(x, ss, id);
    }
}

pub(crate) fn content_owner(x: &mut ReplyWriter, ss: &SiteState, owner_id: &str, f: &Fields) {
    if !child_wanted(f, "owner", &["ownerName", "ownerEmail", "ownerId"]) {
        return;
    }
    if f.wants_nested("owner") {
        owner(x, ss, owner_id, f);
        return;
    }
    x.open("owner").attr("id", owner_id);
    if let Some(u) = ss.users.get(owner_id) {
        x.attr("name", &u.name);
    }
    x.empty();
}

/// How many users have the item among their favorites.
pub fn favorites_total(ss: &SiteState, kind: FavKind, id: &str) -> usize {
    ss.favorites
        .iter()
        .filter(|f| f.kind == kind && f.item_id == id)
        .count()
}
