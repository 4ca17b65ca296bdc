//! Collections of a site (Tableau's lists of content), as far as the emulator keeps them: an id,
//! a name and an owner, so that they can be favorites (TSC 0.42 `favorites` with `collection`
//! items). The REST API offers no way to make one; `POST /_emulator/collections` does.

use crate::errors::ApiError;
use crate::http::Response;
use crate::reply::ReplyWriter;
use crate::state::{HasId, SiteState};
use crate::util::new_id;

/// A collection.
#[derive(Debug, Clone, Default)]
pub struct Collection {
    pub id: String,
    pub name: String,
    pub owner_id: String,
}

impl HasId for Collection {
    fn id(&self) -> &str {
        &self.id
    }
}

/// `<collection id name/>`.
pub fn write(x: &mut ReplyWriter, c: &Collection) {
    x.open("collection")
        .attr("id", &c.id)
        .attr("name", &c.name)
        .empty();
}

/// `POST /_emulator/collections?site=CONTENTURL&name=N[&id=LUID][&owner=USER_NAME]` → 201
/// `<collection id name/>`; a taken id → 409 `409000`, no name → 400 `400000`.
pub fn control(
    shared: &crate::server::Shared,
    q: &crate::query::Query,
) -> Result<Response, ApiError> {
    let mut st = shared.write();
    let site_url = q.get("site").unwrap_or("");
    let site_id = st
        .site_by_url(site_url)
        .map(|s| s.id.clone())
        .ok_or_else(|| ApiError::site_not_found(site_url))?;
    let ss: &mut SiteState = st.site_mut(&site_id).expect("site exists");
    let name = q
        .get("name")
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::bad_request("name is required"))?;
    let id = q
        .get("id")
        .filter(|i| !i.is_empty())
        .map(str::to_string)
        .unwrap_or_else(new_id);
    if ss.collections.get(&id).is_some() {
        return Err(ApiError::new(
            409000,
            format!("The collection id '{id}' is taken."),
        ));
    }
    let owner_id = q
        .get("owner")
        .and_then(|n| ss.user_by_name(n))
        .map(|u| u.id.clone())
        .unwrap_or_default();
    let c = Collection {
        id,
        name: name.to_string(),
        owner_id,
    };
    ss.collections.insert(c.clone());
    let mut x = ReplyWriter::response(128);
    write(&mut x, &c);
    Ok(x.into_response(201))
}
