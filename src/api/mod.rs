//! The endpoint families, one file each, as in the Python client: `server.sites().create(..)` is
//! `server.sites.create(..)`. Each builds the URL, the query and the request XML, calls the
//! transport through [`crate::Server`], and parses the reply into models.

pub mod auth;
mod connections;
mod content;
pub mod custom_views;
pub mod datasources;
pub mod exports;
mod extracts;
pub mod favorites;
pub(crate) mod file_uploads;
pub mod groups;
pub(crate) mod job_watch;
pub mod jobs;
mod listing;
pub mod permissions;
pub mod projects;
pub mod publish;
mod publish_rules;
mod resource;
mod revisions;
pub mod schedules;
pub mod server_info;
pub mod sites;
pub mod subscriptions;
pub mod tag_batch;
mod tags;
pub mod tasks;
pub mod users;
pub mod views;
pub mod workbooks;

pub use auth::Auth;
pub use connections::ConnectionsUpdate;
pub use custom_views::CustomViews;
pub use datasources::Datasources;
pub use favorites::Favorites;
pub use file_uploads::FileUploads;
pub use groups::Groups;
pub use jobs::Jobs;
pub use permissions::{DefaultKind, ItemKind, Permissions};
pub use projects::Projects;
pub use publish::Published;
pub use schedules::Schedules;
pub use sites::Sites;
pub use subscriptions::Subscriptions;
pub use tag_batch::{TagTargets, Tags};
pub use tasks::Tasks;
pub use users::Users;
pub use views::Views;
pub use workbooks::Workbooks;

use crate::error::{Error, Result};

/// Refuses an empty id before any request, with the Python client's message.
pub(crate) fn require_id<'a>(id: &'a str, message: &str) -> Result<&'a str> {
    if id.trim().is_empty() {
        Err(Error::invalid(message))
    } else {
        Ok(id)
    }
}
