//! Users (`/api/{v}/sites/{site}/users`): add, query (all or one), update (also the password),
//! remove, and a user's workbooks, favorites and groups; a pager over each listing.

use crate::api::{listing, require_id};
use crate::error::{Error, Result};
use crate::models::{Favorite, Group, Page, User, Workbook};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::secret::Secret;
use crate::server::Server;
use crate::transport::Method;

/// `server.users()`.
pub struct Users<'a> {
    server: &'a Server,
}

impl Server {
    /// The user endpoints.
    pub fn users(&self) -> Users<'_> {
        Users { server: self }
    }
}

/// The id of a user item that must come from the server.
pub(crate) fn user_id(user: &User) -> Result<&str> {
    require_id(user.id().unwrap_or(""), "User item missing ID.")
}

impl Users<'_> {
    /// One page of the site's users. Like the Python client this asks for every attribute
    /// (`fields=_all_`) unless `opts` names the fields.
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<User>> {
        let (url, _) = self.server.site_url()?;
        let mut all = opts.cloned().unwrap_or_default();
        if !all.has_fields() {
            all.add_field("_all_")?;
        }
        listing::get_page(self.server, url.path("users"), Some(&all))
    }

    /// Every user of the site, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<User> {
        listing::pager(self.server, opts, |s, o| s.users().get(Some(o)))
    }

    /// The user with this LUID.
    pub fn get_by_id(&self, id: &str) -> Result<User> {
        let id = require_id(id, "User ID undefined.")?;
        let (url, _) = self.server.site_url()?;
        self.server
            .fetch(Method::Get, url.path("users").segment(id), None)
    }

    /// Adds a user to the site (name, site role, and the auth setting or IdP configuration when
    /// set); returns it as the server stored it (the role may differ when no licence is free).
    pub fn add(&self, user: &User) -> Result<User> {
        let body = user.add_request()?;
        let (url, _) = self.server.site_url()?;
        self.server
            .fetch(Method::Post, url.path("users"), Some(body))
    }

    /// Updates the user with `user.id()`: full name, e-mail, site role (never
    /// `ServerAdministrator`), auth setting and IdP configuration when set, and the password when
    /// given. Returns the user with the server's answer merged in.
    pub fn update(&self, user: &User, password: Option<&str>) -> Result<User> {
        let id = user_id(user)?;
        let password = match password {
            Some("") => return Err(Error::invalid("the new password is empty")),
            Some(p) => Some(Secret::new(p)?),
            None => None,
        };
        let body = user.update_request(password.as_ref())?;
        let (url, _) = self.server.site_url()?;
        let mut updated: User =
            self.server
                .fetch(Method::Put, url.path("users").segment(id), Some(body))?;
        updated.fill_missing_from(user);
        Ok(updated)
    }

    /// Removes the user from the site; what they own goes to `map_assets_to` (a user LUID) when
    /// given, else to the signed-in user.
    pub fn remove(&self, id: &str, map_assets_to: Option<&str>) -> Result<()> {
        let id = require_id(id, "User ID undefined.")?;
        let (url, _) = self.server.site_url()?;
        let mut url = url.path("users").segment(id);
        if let Some(heir) = map_assets_to {
            url = url.query("mapAssetsTo", require_id(heir, "mapAssetsTo is empty.")?);
        }
        self.server.send_empty(Method::Delete, url)
    }

    /// One page of the workbooks the user can use, or only those they own.
    pub fn populate_workbooks(
        &self,
        user: &User,
        opts: Option<&RequestOptions>,
        owned_only: bool,
    ) -> Result<Page<Workbook>> {
        self.workbooks_page(user_id(user)?, opts, owned_only)
    }

    /// Every workbook of [`Users::populate_workbooks`], page by page.
    pub fn workbooks_pager(
        &self,
        user: &User,
        opts: Option<&RequestOptions>,
        owned_only: bool,
    ) -> Result<Pager<Workbook>> {
        let id = user_id(user)?.to_string();
        Ok(listing::pager(self.server, opts, move |s, o| {
            s.users().workbooks_page(&id, Some(o), owned_only)
        }))
    }

    fn workbooks_page(
        &self,
        id: &str,
        opts: Option<&RequestOptions>,
        owned_only: bool,
    ) -> Result<Page<Workbook>> {
        let (url, _) = self.server.site_url()?;
        let mut url = url.path("users").segment(id).path("workbooks");
        if owned_only {
            url = url.query("ownedBy", "true");
        }
        listing::get_page(self.server, url, opts)
    }

    /// One page of the user's favorites (workbooks, views, data sources, projects, flows).
    pub fn populate_favorites(
        &self,
        user: &User,
        opts: Option<&RequestOptions>,
    ) -> Result<Page<Favorite>> {
        self.server.favorites().get(user, opts)
    }

    /// One page of the groups the user belongs to (REST API 3.7+).
    pub fn populate_groups(
        &self,
        user: &User,
        opts: Option<&RequestOptions>,
    ) -> Result<Page<Group>> {
        self.groups_page(user_id(user)?, opts)
    }

    /// Every group of [`Users::populate_groups`], page by page.
    pub fn groups_pager(&self, user: &User, opts: Option<&RequestOptions>) -> Result<Pager<Group>> {
        let id = user_id(user)?.to_string();
        Ok(listing::pager(self.server, opts, move |s, o| {
            s.users().groups_page(&id, Some(o))
        }))
    }

    fn groups_page(&self, id: &str, opts: Option<&RequestOptions>) -> Result<Page<Group>> {
        self.server.require("3.7", "listing a user's groups")?;
        let (url, _) = self.server.site_url()?;
        let url = url.path("users").segment(id).path("groups");
        listing::get_page(self.server, url, opts)
    }
}

#[cfg(test)]
mod tests {
    use crate::models::{Group, User};
    use crate::text::Text;
    use crate::{Credentials, Server, ServerOptions, Status};

    /// A site role the setters refuse, forced past them: the server refuses it too (400013).
    #[test]
    fn a_bad_site_role_forced_past_the_setter_is_refused_by_the_server() {
        let emu = tsc_emulator::Emulator::start(tsc_emulator::Config::default()).unwrap();
        let s = Server::new(&ServerOptions::new(&emu.url()).unwrap()).unwrap();
        s.auth()
            .sign_in(&Credentials::password("admin", "admin", "").unwrap())
            .unwrap();
        let boss = || Some(Text::new("Boss").unwrap());

        let mut u = User::new("forced", "Viewer").unwrap();
        assert_eq!(
            u.set_site_role(Some("Boss")).unwrap_err().status(),
            Status::InvalidArgument
        );
        u.site_role = boss();
        let e = s.users().add(&u).unwrap_err();
        assert_eq!((e.status(), e.code()), (Status::BadRequest, Some("400013")));

        let mut made = s
            .users()
            .add(&User::new("forced", "Viewer").unwrap())
            .unwrap();
        made.site_role = boss();
        let e = s.users().update(&made, None).unwrap_err();
        assert_eq!((e.status(), e.code()), (Status::BadRequest, Some("400013")));

        let mut g = Group::new("forced").unwrap();
        g.minimum_site_role = boss();
        let e = s.groups().create(&g).unwrap_err();
        assert_eq!((e.status(), e.code()), (Status::BadRequest, Some("400013")));
    }
}
