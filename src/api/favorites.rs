//! Favorites (`/api/{v}/sites/{site}/favorites/{user}`): a user's favorites (with a pager), add
//! one, delete one.

use crate::api::listing;
use crate::api::users::user_id;
use crate::error::Result;
use crate::models::{Favorite, Page, User};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::Method;

/// `server.favorites()`.
pub struct Favorites<'a> {
    server: &'a Server,
}

impl Server {
    /// The favorites endpoints.
    pub fn favorites(&self) -> Favorites<'_> {
        Favorites { server: self }
    }
}

impl Favorites<'_> {
    /// One page of the user's favorites.
    pub fn get(&self, user: &User, opts: Option<&RequestOptions>) -> Result<Page<Favorite>> {
        self.page(user_id(user)?, opts)
    }

    /// Every favorite of the user, page by page.
    pub fn pager(&self, user: &User, opts: Option<&RequestOptions>) -> Result<Pager<Favorite>> {
        let id = user_id(user)?.to_string();
        Ok(listing::pager(self.server, opts, move |s, o| {
            s.favorites().page(&id, Some(o))
        }))
    }

    fn page(&self, user_id: &str, opts: Option<&RequestOptions>) -> Result<Page<Favorite>> {
        let (url, _) = self.server.site_url()?;
        listing::get_page(self.server, url.path("favorites").segment(user_id), opts)
    }

    /// Adds `favorite` (its label, content type and content id) to the user's favorites.
    pub fn add(&self, user: &User, favorite: &Favorite) -> Result<()> {
        let body = favorite.add_request()?;
        let (url, _) = self.server.site_url()?;
        let url = url.path("favorites").segment(user_id(user)?);
        self.server.send(Method::Put, url, Some(body)).map(|_| ())
    }

    /// Removes the favorite pointing at `favorite`'s content from the user's favorites.
    pub fn delete(&self, user: &User, favorite: &Favorite) -> Result<()> {
        let (kind, id) = favorite.target()?;
        let (url, _) = self.server.site_url()?;
        let url = url
            .path("favorites")
            .segment(user_id(user)?)
            .path(&format!("{kind}s"))
            .segment(id);
        self.server.send_empty(Method::Delete, url)
    }
}
