//! Project specifics: the constructor and the create/update request bodies.

use crate::error::{Error, Result};
use crate::models::Project;
use crate::xml::RequestWriter;

impl Project {
    /// A new project to create, with its name.
    pub fn new(name: &str) -> Result<Project> {
        let mut p = Project::default();
        p.set_name(Some(name))?;
        Ok(p)
    }

    /// Create: `<project name description contentPermissions parentProjectId/>`.
    /// Update: the same plus `<owner id/>` when set.
    pub(crate) fn request(&self, creating: bool) -> Result<Vec<u8>> {
        if creating && self.name().unwrap_or("").is_empty() {
            return Err(Error::invalid("a new project needs a name"));
        }
        Ok(RequestWriter::new()
            .element("project", |e| {
                self.write_attrs(e)?;
                if !creating {
                    self.write_refs(e)?;
                }
                Ok(())
            })?
            .finish())
    }
}
