//! Fetching one page of any listing endpoint: options applied to the query, reply parsed into a
//! [`Page`].

use crate::error::Result;
use crate::models::{Model, Page};
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
