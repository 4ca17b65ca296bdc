//! Group specifics: the constructor and the create/update request bodies, local or Active
//! Directory, as the Python client sends them.

use crate::error::{Error, Result};
use crate::models::Group;
use crate::xml::RequestWriter;

impl Group {
    /// A new local group to create, with its name.
    pub fn new(name: &str) -> Result<Group> {
        let mut g = Group::default();
        g.set_name(Some(name))?;
        Ok(g)
    }

    /// Whether the group comes from Active Directory (a domain other than "local").
    pub fn is_active_directory(&self) -> bool {
        self.domain_name().is_some_and(|d| d != "local")
    }

    /// Local: `<group name [minimumSiteRole]/>`. Active Directory:
    /// `<group name><import source="ActiveDirectory" domainName siteRole [grantLicenseMode]/></group>`
    /// (an update needs the site role).
    pub(crate) fn request(&self, creating: bool) -> Result<Vec<u8>> {
        let name = self.name().unwrap_or("");
        if name.trim().is_empty() {
            return Err(Error::invalid("the group needs a name"));
        }
        let ad = self.is_active_directory();
        if ad && !creating && self.minimum_site_role().is_none() {
            return Err(Error::invalid(
                "an Active Directory group update needs the minimum site role",
            ));
        }
        Ok(RequestWriter::new()
            .element("group", |e| {
                e.attr("name", name)?;
                if !ad {
                    e.opt_attr("minimumSiteRole", self.minimum_site_role())?;
                    return Ok(());
                }
                e.child("import", |i| {
                    i.attr("source", "ActiveDirectory")?
                        .opt_attr("domainName", self.domain_name())?
                        .opt_attr("siteRole", self.minimum_site_role())?
                        .opt_attr("grantLicenseMode", self.license_mode())?;
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
    fn request_bodies() {
        let mut g = Group::new("Sales, EMEA").unwrap();
        g.set_minimum_site_role(Some("Viewer")).unwrap();
        assert_eq!(
            String::from_utf8(g.request(true).unwrap()).unwrap(),
            r#"<tsRequest><group name="Sales, EMEA" minimumSiteRole="Viewer"/></tsRequest>"#
        );
        g.set_domain_name(Some("example.com")).unwrap();
        g.set_license_mode(Some("onSync")).unwrap();
        assert_eq!(
            String::from_utf8(g.request(false).unwrap()).unwrap(),
            r#"<tsRequest><group name="Sales, EMEA"><import source="ActiveDirectory" domainName="example.com" siteRole="Viewer" grantLicenseMode="onSync"/></group></tsRequest>"#
        );
        g.set_minimum_site_role(None).unwrap();
        assert!(g.request(false).is_err());
        assert!(g.request(true).is_ok());
        assert!(Group::default().request(true).is_err());
    }
}
