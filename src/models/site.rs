//! Site specifics: the constructor and the create/update request bodies.

use crate::error::{Error, Result};
use crate::models::Site;
use crate::xml::RequestWriter;

impl Site {
    /// A new site to create, with its name and content URL.
    pub fn new(name: &str, content_url: &str) -> Result<Site> {
        let mut s = Site::default();
        s.set_name(Some(name))?;
        s.set_content_url(Some(content_url))?;
        Ok(s)
    }

    /// Whether a licence tier capacity is set: then the user quota is not sent.
    fn has_tiers(&self) -> bool {
        self.tier_creator_capacity().is_some()
            || self.tier_explorer_capacity().is_some()
            || self.tier_viewer_capacity().is_some()
    }

    /// Checks the rules the server would refuse anyway, with a clearer message.
    fn check(&self, creating: bool) -> Result<()> {
        if !creating && self.name().is_some_and(|n| n.trim().is_empty()) {
            return Err(Error::invalid(
                "a site's name cannot be empty: set a name, or leave it unset (NULL) to keep the current one",
            ));
        }
        if self.admin_mode() == Some("ContentOnly")
            && self.user_quota().is_some()
            && !self.has_tiers()
        {
            return Err(Error::invalid(
                "you cannot set admin_mode to ContentOnly and also set a user quota",
            ));
        }
        if let Some(url) = self.content_url() {
            if !url
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(Error::invalid(format!(
                    "content_url '{}' can contain only letters, numbers, dashes, and underscores",
                    crate::error::echo(url)
                )));
            }
        }
        Ok(())
    }

    /// `<tsRequest><site .../></tsRequest>` with every attribute that is set, but `userQuota` only
    /// when no tier capacity is set: the server refuses both together (user-based licensing or
    /// tiered licensing), and a site read from a tiered server carries both, so the tiers win
    /// (the Python client's `user_quota` reads as None then).
    pub(crate) fn request(&self, creating: bool) -> Result<Vec<u8>> {
        self.check(creating)?;
        let mut sent = self.clone();
        if sent.has_tiers() {
            sent.user_quota = None;
        }
        if creating && (self.name().unwrap_or("").is_empty() || self.content_url().is_none()) {
            return Err(Error::invalid("a new site needs a name and a content URL"));
        }
        Ok(RequestWriter::new()
            .element("site", |e| sent.write_attrs(e))?
            .finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(s: &Site, creating: bool) -> String {
        String::from_utf8(s.request(creating).unwrap()).unwrap()
    }

    #[test]
    fn user_quota_and_tier_capacities_are_never_sent_together() {
        let mut s = Site::new("Sales", "sales").unwrap();
        s.set_user_quota(Some(15));
        assert!(body(&s, true).contains("userQuota=\"15\""));
        s.set_tier_creator_capacity(Some(5));
        s.set_tier_viewer_capacity(Some(10));
        let b = body(&s, false);
        assert!(!b.contains("userQuota"), "{b}");
        assert!(b.contains("tierCreatorCapacity=\"5\"") && b.contains("tierViewerCapacity=\"10\""));
        // ContentOnly forbids a user quota, but one that is not sent does not count.
        s.set_admin_mode(Some("ContentOnly")).unwrap();
        assert!(s.request(false).is_ok());
    }

    #[test]
    fn an_update_refuses_an_empty_name() {
        let mut s = Site::default();
        s.set_name(Some("")).unwrap();
        let e = s.request(false).unwrap_err();
        assert_eq!(e.status(), crate::error::Status::InvalidArgument);
        assert!(e.message().contains("site's name cannot be empty"), "{e}");
        s.set_name(Some("  ")).unwrap();
        assert!(s.request(false).is_err());
        s.set_name(None).unwrap();
        assert!(s.request(false).is_ok());
    }
}
