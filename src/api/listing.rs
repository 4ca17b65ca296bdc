//! What every listing endpoint shares: fetching one page (options applied to the query, reply
//! parsed into a [`Page`]) and a [`Pager`] over such fetches.

use crate::error::Result;
use crate::models::{Model, Page};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::{Method, UrlBuilder};

/// GETs `url` with `opts` and parses the page.
pub(crate) fn get_page<T: Model>(
    server: &Server,
    url: UrlBuilder,
    opts: Option<&RequestOptions>,
) -> Result<Page<T>> {
    let url = match opts {
        Some(o) => o.apply(url),
        None => url,
    };
    let label = format!("GET {}", url.clone().build());
    let body = server.send(Method::Get, url, None)?;
    Page::parse(&body, &label)
}

/// A pager whose pages come from `get` on a clone of `server` (so read-ahead threads can use it).
pub(crate) fn pager<T: Model>(
    server: &Server,
    opts: Option<&RequestOptions>,
    get: impl Fn(&Server, &RequestOptions) -> Result<Page<T>> + Send + Sync + 'static,
) -> Pager<T> {
    let server = server.clone();
    Pager::new(opts, move |o| get(&server, o))
}
