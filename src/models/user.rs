//! User specifics: the constructor and the add/update request bodies, as the Python client sends
//! them.

use crate::error::{Error, Result};
use crate::models::User;
use crate::secret::Secret;
use crate::xml::RequestWriter;

impl User {
    /// A new user to add, with a name and a site role.
    pub fn new(name: &str, site_role: &str) -> Result<User> {
        let mut u = User::default();
        u.set_name(Some(name))?;
        u.set_site_role(Some(site_role))?;
        Ok(u)
    }

    /// Add: `<user name siteRole [authSetting] [idpConfigurationId]/>`.
    pub(crate) fn add_request(&self) -> Result<Vec<u8>> {
        let name = self.name().unwrap_or("");
        if name.trim().is_empty() {
            return Err(Error::invalid("a new user needs a name"));
        }
        let role = self.site_role().ok_or_else(|| {
            Error::invalid(format!(
                "the new user '{}' needs a site role",
                crate::error::echo(name)
            ))
        })?;
        Ok(RequestWriter::new()
            .element("user", |e| {
                e.attr("name", name)?
                    .attr("siteRole", role)?
                    .opt_attr("authSetting", self.auth_setting())?
                    .opt_attr("idpConfigurationId", self.idp_configuration_id())?;
                Ok(())
            })?
            .finish())
    }

    /// Update: `<user fullName email siteRole authSetting password idpConfigurationId/>`, each
    /// only when set; like the Python client, a `ServerAdministrator` role is never sent (it
    /// cannot be granted through a site).
    pub(crate) fn update_request(&self, password: Option<&Secret>) -> Result<Vec<u8>> {
        let role = self.site_role().filter(|r| *r != "ServerAdministrator");
        Ok(RequestWriter::new()
            .element("user", |e| {
                e.opt_attr("fullName", self.fullname())?
                    .opt_attr("email", self.email())?
                    .opt_attr("siteRole", role)?
                    .opt_attr("authSetting", self.auth_setting())?
                    .opt_attr("password", password.map(Secret::expose))?
                    .opt_attr("idpConfigurationId", self.idp_configuration_id())?;
                Ok(())
            })?
            .finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `GET …/users/{id}` reply as Tableau Server 2022.1 sends it for a user who never signed
    /// in and has no locale or language.
    const RECORDED: &[u8] = br#"<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns="http://tableau.com/api" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><user id="u1" name="jdoe" siteRole="Viewer" authSetting="ServerDefault" externalAuthUserId="" fullName="" email="" locale="" language="" lastLogin=""><domain name="local"/></user></tsResponse>"#;

    #[test]
    fn empty_optional_attributes_of_a_recorded_reply_read_as_absent() {
        use crate::models::Model;
        let reply = crate::xml::parse_reply(RECORDED, "GET x").unwrap();
        let u = User::from_xml(reply.expect("user", "GET x").unwrap()).unwrap();
        assert_eq!(u.name(), Some("jdoe"));
        assert_eq!(u.locale(), None);
        assert_eq!(u.language(), None);
        assert_eq!(u.email(), None);
        assert_eq!(u.external_auth_user_id(), None);
        assert_eq!(u.last_login(), None);
        assert_eq!(u.domain_name(), Some("local"));
    }

    fn text(b: Vec<u8>) -> String {
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn request_bodies() {
        let mut u = User::new("ann", "Viewer").unwrap();
        assert_eq!(
            text(u.add_request().unwrap()),
            r#"<tsRequest><user name="ann" siteRole="Viewer"/></tsRequest>"#
        );
        u.set_auth_setting(Some("SAML")).unwrap();
        u.set_fullname(Some("Ann \"A\" <Lee>")).unwrap();
        u.set_site_role(Some("ServerAdministrator")).unwrap();
        let pw = Secret::new("s3cret&").unwrap();
        assert_eq!(
            text(u.update_request(Some(&pw)).unwrap()),
            r#"<tsRequest><user fullName="Ann &quot;A&quot; &lt;Lee&gt;" authSetting="SAML" password="s3cret&amp;"/></tsRequest>"#
        );
        assert!(User::default().add_request().is_err());
        let mut nameless_role = User::default();
        nameless_role.set_name(Some("x")).unwrap();
        assert!(nameless_role.add_request().is_err());
        assert!(User::new("x", "Boss").is_err());
    }
}
