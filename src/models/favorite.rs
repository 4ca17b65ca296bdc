//! Favorite specifics: the constructor, the add request body and the path segment of a delete.

use crate::error::{Error, Result};
use crate::models::Favorite;
use crate::xml::RequestWriter;

impl Favorite {
    /// A favorite to add: its label, what it points to (`"workbook"`, `"view"`, `"datasource"`,
    /// `"project"`, `"flow"`, `"metric"` or `"collection"`) and that content's LUID.
    pub fn new(label: &str, content_type: &str, content_id: &str) -> Result<Favorite> {
        let mut f = Favorite::default();
        f.set_label(Some(label))?;
        f.set_content_type(Some(content_type))?;
        f.set_content_id(Some(content_id))?;
        Ok(f)
    }

    /// `(content type, content id)`, both required.
    pub(crate) fn target(&self) -> Result<(&str, &str)> {
        let kind = self
            .content_type()
            .ok_or_else(|| Error::invalid("the favorite has no content type"))?;
        match self.content_id() {
            Some(id) if !id.trim().is_empty() => Ok((kind, id)),
            _ => Err(Error::invalid("Cannot add item as favorite without ID")),
        }
    }

    /// `<favorite label><{type} id/></favorite>`; the label defaults to the content type, as in
    /// the Python client.
    pub(crate) fn add_request(&self) -> Result<Vec<u8>> {
        let (kind, id) = self.target()?;
        Ok(RequestWriter::new()
            .element("favorite", |e| {
                e.attr("label", self.label().unwrap_or(kind))?;
                e.child(kind, |c| {
                    c.attr("id", id)?;
                    Ok(())
                })?;
                Ok(())
            })?
            .finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_request() {
        let f = Favorite::new("Q1 & Q2", "project", "abc").unwrap();
        assert_eq!(
            String::from_utf8(f.add_request().unwrap()).unwrap(),
            r#"<tsRequest><favorite label="Q1 &amp; Q2"><project id="abc"/></favorite></tsRequest>"#
        );
        assert!(Favorite::new("x", "book", "abc").is_err());
        assert!(Favorite::default().add_request().is_err());
    }
}
