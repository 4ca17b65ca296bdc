//! Groups (`/api/{v}/sites/{site}/groups`): create (local or Active Directory), query, update,
//! delete, and membership: the users of a group (with a pager), add and remove one user or many
//! (REST API 3.21+).

use crate::api::{listing, require_id};
use crate::error::{Error, Result};
use crate::models::{Group, Page, User};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::{Method, UrlBuilder};
use crate::xml::RequestWriter;

/// `server.groups()`.
pub struct Groups<'a> {
    server: &'a Server,
}

impl Server {
    /// The group endpoints.
    pub fn groups(&self) -> Groups<'_> {
        Groups { server: self }
    }
}

fn group_id(group: &Group) -> Result<&str> {
    require_id(
        group.id().unwrap_or(""),
        "Group item missing ID. Group must be retrieved from server first.",
    )
}

/// `<users><user id/>…</users>` for the bulk calls.
fn users_request(user_ids: &[&str]) -> Result<Vec<u8>> {
    if user_ids.is_empty() {
        return Err(Error::invalid("the list of user ids is empty"));
    }
    for id in user_ids {
        require_id(id, "User ID must be populated")?;
    }
    Ok(RequestWriter::new()
        .element("users", |e| {
            for id in user_ids {
                e.child("user", |u| {
                    u.attr("id", id)?;
                    Ok(())
                })?;
            }
            Ok(())
        })?
        .finish())
}

impl Groups<'_> {
    /// One page of the site's groups.
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<Group>> {
        let (url, _) = self.server.site_url()?;
        listing::get_page(self.server, url.path("groups"), opts)
    }

    /// Every group of the site, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<Group> {
        listing::pager(self.server, opts, |s, o| s.groups().get(Some(o)))
    }

    /// Creates a group: a local one, or an Active Directory import when `domain_name` is set to
    /// a domain other than "local". Returns it as the server stored it.
    pub fn create(&self, group: &Group) -> Result<Group> {
        let body = group.request(true)?;
        let (url, _) = self.server.site_url()?;
        self.server
            .fetch(Method::Post, url.path("groups"), Some(body))
    }

    /// Updates the group with `group.id()`: its name and minimum site role (for Active Directory
    /// groups: the import settings).
    pub fn update(&self, group: &Group) -> Result<Group> {
        let id = require_id(group.id().unwrap_or(""), "Group item missing ID.")?;
        let body = group.request(false)?;
        let (url, _) = self.server.site_url()?;
        self.server
            .fetch(Method::Put, url.path("groups").segment(id), Some(body))
    }

    /// Imports an Active Directory group as a background job (`asJob=true`); returns the job.
    pub fn create_as_job(&self, group: &Group) -> Result<crate::models::Job> {
        if !group.is_active_directory() {
            return Err(Error::invalid(
                "only Active Directory groups (a domain name other than \"local\") are created as a job",
            ));
        }
        let body = group.request(true)?;
        let (url, _) = self.server.site_url()?;
        self.server.fetch(
            Method::Post,
            url.path("groups").query("asJob", "true"),
            Some(body),
        )
    }

    /// Updates (synchronises) an Active Directory group as a background job; returns the job.
    pub fn update_as_job(&self, group: &Group) -> Result<crate::models::Job> {
        let id = require_id(group.id().unwrap_or(""), "Group item missing ID.")?;
        if !group.is_active_directory() {
            return Err(Error::invalid(
                "Local groups cannot be updated asynchronously.",
            ));
        }
        let body = group.request(false)?;
        let (url, _) = self.server.site_url()?;
        self.server.fetch(
            Method::Put,
            url.path("groups").segment(id).query("asJob", "true"),
            Some(body),
        )
    }

    /// Deletes the group with this LUID (its members stay on the site).
    pub fn delete(&self, id: &str) -> Result<()> {
        let id = require_id(id, "Group ID undefined.")?;
        let (url, _) = self.server.site_url()?;
        self.server
            .send_empty(Method::Delete, url.path("groups").segment(id))
    }

    /// One page of the group's members.
    pub fn populate_users(
        &self,
        group: &Group,
        opts: Option<&RequestOptions>,
    ) -> Result<Page<User>> {
        self.users_page(group_id(group)?, opts)
    }

    /// Every member of the group, page by page.
    pub fn users_pager(&self, group: &Group, opts: Option<&RequestOptions>) -> Result<Pager<User>> {
        let id = group_id(group)?.to_string();
        Ok(listing::pager(self.server, opts, move |s, o| {
            s.groups().users_page(&id, Some(o))
        }))
    }

    fn users_page(&self, id: &str, opts: Option<&RequestOptions>) -> Result<Page<User>> {
        listing::get_page(self.server, self.users_url(id)?, opts)
    }

    fn users_url(&self, group_id: &str) -> Result<UrlBuilder> {
        let (url, _) = self.server.site_url()?;
        Ok(url.path("groups").segment(group_id).path("users"))
    }

    /// Adds the user with this LUID to the group; returns the user.
    pub fn add_user(&self, group: &Group, user_id: &str) -> Result<User> {
        let url = self.users_url(group_id(group)?)?;
        let user_id = require_id(user_id, "User ID undefined.")?;
        let body = RequestWriter::new()
            .element("user", |e| {
                e.attr("id", user_id)?;
                Ok(())
            })?
            .finish();
        self.server.fetch(Method::Post, url, Some(body))
    }

    /// Removes the user with this LUID from the group.
    pub fn remove_user(&self, group: &Group, user_id: &str) -> Result<()> {
        let url = self.users_url(group_id(group)?)?;
        let user_id = require_id(user_id, "User ID undefined.")?;
        self.server.send_empty(Method::Delete, url.segment(user_id))
    }

    /// Adds several users at once (REST API 3.21+); returns them.
    pub fn add_users(&self, group: &Group, user_ids: &[&str]) -> Result<Page<User>> {
        self.server
            .require("3.21", "adding several users to a group at once")?;
        let url = self.users_url(group_id(group)?)?;
        let body = users_request(user_ids)?;
        let label = format!("POST {}", url.clone().build());
        let reply = self.server.send(Method::Post, url, Some(body))?;
        Page::parse(&reply, &label)
    }

    /// Removes several users at once (REST API 3.21+).
    pub fn remove_users(&self, group: &Group, user_ids: &[&str]) -> Result<()> {
        self.server
            .require("3.21", "removing several users from a group at once")?;
        let url = self.users_url(group_id(group)?)?.path("remove");
        let body = users_request(user_ids)?;
        self.server.send(Method::Put, url, Some(body)).map(|_| ())
    }
}
