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

    /// Checks the rules the server would refuse anyway, with a clearer message.
    fn check(&self) -> Result<()> {
        if self.admin_mode() == Some("ContentOnly") && self.user_quota().is_some() {
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
                    "content_url '{url}' can contain only letters, numbers, dashes, and underscores"
                )));
            }
        }
        Ok(())
    }

    /// `<tsRequest><site .../></tsRequest>` with every attribute that is set.
    pub(crate) fn request(&self, creating: bool) -> Result<Vec<u8>> {
        self.check()?;
        if creating && (self.name().unwrap_or("").is_empty() || self.content_url().is_none()) {
            return Err(Error::invalid("a new site needs a name and a content URL"));
        }
        Ok(RequestWriter::new()
            .element("site", |e| self.write_attrs(e))?
            .finish())
    }
}
