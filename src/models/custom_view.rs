//! Custom view specifics: the constructor and the two request bodies the Python client sends:
//! update `<customView name><owner id/></customView>` (what is set; `shared` is not part of
//! Update Custom View, so it is not sent, as in the Python client) and the publish payload
//! `<customView name shared><owner id/><workbook id/></customView>` (all required; `shared`
//! false when not set, the Python client's default).

use crate::error::{Error, Result};
use crate::models::CustomView;
use crate::xml::RequestWriter;

impl CustomView {
    /// A custom view to publish or update: its name (owner, workbook and shared are set next).
    pub fn new(name: &str) -> Result<CustomView> {
        let mut c = CustomView::default();
        c.set_name(Some(name))?;
        Ok(c)
    }

    /// Whether an update has anything to send (the Python client makes no request otherwise).
    pub(crate) fn has_update(&self) -> bool {
        self.name().is_some() || self.owner_id().is_some() || self.shared().is_some()
    }

    pub(crate) fn update_request(&self) -> Result<Vec<u8>> {
        Ok(RequestWriter::new()
            .element("customView", |e| {
                e.opt_attr("name", self.name())?;
                if let Some(owner) = self.owner_id() {
                    e.child("owner", |c| c.attr("id", owner).map(|_| ()))?;
                }
                Ok(())
            })?
            .finish())
    }

    pub(crate) fn publish_request(&self) -> Result<Vec<u8>> {
        let required = |what: &str, v: Option<&str>| match v {
            Some(v) if !v.trim().is_empty() => Ok(v.to_string()),
            _ => Err(Error::invalid(format!(
                "the custom view to publish needs {what} (Python: \"Custom View Item missing {}\")",
                what.trim_start_matches("a ").trim_start_matches("an ")
            ))),
        };
        let name = required("a name", self.name())?;
        let owner = required("an owner id", self.owner_id())?;
        let workbook = required("a workbook id", self.workbook_id())?;
        Ok(RequestWriter::new()
            .element("customView", |e| {
                e.attr("name", &name)?.attr(
                    "shared",
                    if self.shared() == Some(true) {
                        "true"
                    } else {
                        "false"
                    },
                )?;
                e.child("owner", |c| c.attr("id", &owner).map(|_| ()))?;
                e.child("workbook", |c| c.attr("id", &workbook).map(|_| ()))?;
                Ok(())
            })?
            .finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_bodies() {
        let mut c = CustomView::new("East only").unwrap();
        assert!(c.publish_request().is_err());
        c.set_owner_id(Some("u1")).unwrap();
        c.set_workbook_id(Some("w1")).unwrap();
        assert_eq!(
            String::from_utf8(c.publish_request().unwrap()).unwrap(),
            "<tsRequest><customView name=\"East only\" shared=\"false\"><owner id=\"u1\"/><workbook id=\"w1\"/></customView></tsRequest>"
        );
        c.set_shared(Some(true));
        assert_eq!(
            String::from_utf8(c.update_request().unwrap()).unwrap(),
            "<tsRequest><customView name=\"East only\"><owner id=\"u1\"/></customView></tsRequest>"
        );
        assert!(!CustomView::default().has_update());
        let e = CustomView::default().publish_request().unwrap_err();
        assert!(e.message().contains("needs a name"), "{}", e.message());
    }
}
