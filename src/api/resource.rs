//! A resource of a site (`{site}/{segment}`): its noun for messages, its URL segment and its id
//! messages, and the URLs of the collection, one item and one item's sub-resources. Endpoints
//! every item of several resources has (connections today; tags, permissions, revisions later)
//! are written once against a [`Resource`] (see `connections.rs`).

use crate::api::require_id;
use crate::error::{Error, Result};
use crate::server::Server;
use crate::transport::UrlBuilder;

/// One resource of a site.
pub(crate) struct Resource {
    /// For messages: "workbook", "data source".
    pub noun: &'static str,
    /// The URL collection: "workbooks", "datasources".
    pub segment: &'static str,
    /// The message for an empty id: "Workbook ID undefined.".
    pub id_undefined: &'static str,
    /// The message for an item without an id ("... must be retrieved from server first").
    pub missing_id: &'static str,
}

pub(crate) static WORKBOOK: Resource = Resource {
    noun: "workbook",
    segment: "workbooks",
    id_undefined: "Workbook ID undefined.",
    missing_id: "Workbook item missing ID. Workbook must be retrieved from server first.",
};

pub(crate) static DATASOURCE: Resource = Resource {
    noun: "data source",
    segment: "datasources",
    id_undefined: "Datasource ID undefined.",
    missing_id: "Datasource item missing ID. Datasource must be retrieved from server first.",
};

pub(crate) static VIEW: Resource = Resource {
    noun: "view",
    segment: "views",
    id_undefined: "View item missing ID.",
    missing_id: "View item missing ID.",
};

pub(crate) static CUSTOM_VIEW: Resource = Resource {
    noun: "custom view",
    segment: "customviews",
    id_undefined: "Custom View ID undefined.",
    missing_id: "Custom view item missing ID.",
};

pub(crate) static PROJECT: Resource = Resource {
    noun: "project",
    segment: "projects",
    id_undefined: "Project ID undefined.",
    missing_id: "Project item missing ID.",
};

impl Resource {
    /// `{site}/{segment}`.
    pub(crate) fn url(&self, server: &Server) -> Result<UrlBuilder> {
        Ok(server.site_url()?.0.path(self.segment))
    }

    /// `id` if it is not empty, else the "ID undefined" error.
    pub(crate) fn check_id<'i>(&self, id: &'i str) -> Result<&'i str> {
        require_id(id, self.id_undefined)
    }

    /// `{site}/{segment}/{id}` after checking the id.
    pub(crate) fn item_url(&self, server: &Server, id: &str) -> Result<UrlBuilder> {
        let id = self.check_id(id)?;
        Ok(self.url(server)?.segment(id))
    }

    /// `{site}/{segment}/{id}/{sub}` after checking the id: one item's sub-resource
    /// (`connections`, `views`, `previewImage`, ...).
    pub(crate) fn sub_url(&self, server: &Server, id: &str, sub: &str) -> Result<UrlBuilder> {
        Ok(self.item_url(server, id)?.path(sub))
    }

    /// The id of an item argument, or the "must be retrieved from server first" error.
    pub(crate) fn id_of<'i>(&self, id: Option<&'i str>) -> Result<&'i str> {
        match id {
            Some(i) if !i.trim().is_empty() => Ok(i),
            _ => Err(Error::invalid(self.missing_id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_with_the_resource_messages() {
        assert_eq!(WORKBOOK.check_id("w1").unwrap(), "w1");
        let e = DATASOURCE.check_id("  ").unwrap_err();
        assert_eq!(e.message(), "Datasource ID undefined.");
        assert_eq!(PROJECT.id_of(Some("p1")).unwrap(), "p1");
        let e = WORKBOOK.id_of(None).unwrap_err();
        assert!(e
            .message()
            .ends_with("must be retrieved from server first."));
        assert_eq!(
            PROJECT.id_of(Some(" ")).unwrap_err().message(),
            "Project item missing ID."
        );
        assert_eq!(
            VIEW.check_id("").unwrap_err().message(),
            "View item missing ID."
        );
    }
}
