//! Authentication state: credentials (password, personal access token, JWT from a connected app,
//! each with a site and an optional user to impersonate), the signed-in session, and REST API
//! version numbers. The sign-in calls themselves are in `api/auth.rs`.

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::text::Text;
use crate::xml::RequestWriter;
use std::fmt;
use std::sync::Arc;

/// A REST API version such as 3.25 (compared numerically: 3.10 > 3.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApiVersion {
    /// Major number.
    pub major: u16,
    /// Minor number.
    pub minor: u16,
}

impl ApiVersion {
    /// Parses `"3.25"`.
    pub fn parse(s: &str) -> Result<ApiVersion> {
        let bad = || {
            Error::invalid(format!(
                "'{}' is not a REST API version like 3.25",
                crate::error::echo(s)
            ))
        };
        let (a, b) = s.trim().split_once('.').ok_or_else(bad)?;
        let major = a.parse().map_err(|_| bad())?;
        let minor = b.parse().map_err(|_| bad())?;
        if major < 2 {
            return Err(bad());
        }
        Ok(ApiVersion { major, minor })
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Mints a fresh JWT for each sign-in (a connected app's token is accepted once and expires in
/// minutes, so signing in again after a session expires needs a new one).
pub type JwtSource = Arc<dyn Fn() -> Result<String> + Send + Sync>;

#[derive(Clone)]
enum Kind {
    Password { name: Text, password: Secret },
    Pat { name: Text, secret: Secret },
    Jwt { jwt: Secret, is_uat: bool },
    JwtSource { source: JwtSource, is_uat: bool },
}

/// What to sign in with. Secrets are redacted from `Debug` and wiped on drop.
#[derive(Clone)]
pub struct Credentials {
    kind: Kind,
    site: Text,
    impersonate: Option<Text>,
}

impl Credentials {
    /// User name and password, for the site with content URL `site` (`""` = Default site).
    pub fn password(name: &str, password: &str, site: &str) -> Result<Credentials> {
        Ok(Credentials {
            kind: Kind::Password {
                name: Text::new(name)?,
                password: Secret::new(password)?,
            },
            site: Text::new(site)?,
            impersonate: None,
        })
    }

    /// Personal access token name and secret (REST API 3.6+).
    pub fn personal_access_token(name: &str, secret: &str, site: &str) -> Result<Credentials> {
        Ok(Credentials {
            kind: Kind::Pat {
                name: Text::new(name)?,
                secret: Secret::new(secret)?,
            },
            site: Text::new(site)?,
            impersonate: None,
        })
    }

    /// A JSON Web Token signed by a connected app (REST API 3.17+ on Server).
    pub fn jwt(jwt: &str, site: &str) -> Result<Credentials> {
        Ok(Credentials {
            kind: Kind::Jwt {
                jwt: Secret::new(jwt)?,
                is_uat: false,
            },
            site: Text::new(site)?,
            impersonate: None,
        })
    }

    /// A JWT minted by `source` at each sign-in, the first and every sign-in again after the
    /// session expired (REST API 3.17+ on Server).
    pub fn jwt_source(source: JwtSource, site: &str) -> Result<Credentials> {
        Ok(Credentials {
            kind: Kind::JwtSource {
                source,
                is_uat: false,
            },
            site: Text::new(site)?,
            impersonate: None,
        })
    }

    /// Sign in on behalf of the user with this LUID (server administrators only).
    pub fn impersonate(mut self, user_id: Option<&str>) -> Result<Credentials> {
        self.impersonate = user_id.map(Text::new).transpose()?;
        Ok(self)
    }

    /// Marks a JWT as a unified access token (Tableau Cloud). Ignored for other kinds.
    pub fn unified_access_token(mut self, yes: bool) -> Credentials {
        if let Kind::Jwt { is_uat, .. } | Kind::JwtSource { is_uat, .. } = &mut self.kind {
            *is_uat = yes;
        }
        self
    }

    /// A copy to sign in with again when the session expires; `None` for a fixed JWT, which the
    /// server accepts once (a JWT source mints a new one).
    pub(crate) fn reusable(&self) -> Option<Credentials> {
        match self.kind {
            Kind::Jwt { .. } => None,
            _ => Some(self.clone()),
        }
    }

    /// The same credentials for another site (after a site switch).
    pub(crate) fn for_site(&self, content_url: &str) -> Result<Credentials> {
        let mut c = self.clone();
        c.site = Text::new(content_url)?;
        Ok(c)
    }

    /// The site content URL.
    pub fn site(&self) -> &str {
        self.site.as_str()
    }

    /// The minimum REST API version and the feature name, when the kind needs one.
    pub(crate) fn min_version(&self) -> Option<(&'static str, &'static str)> {
        match self.kind {
            Kind::Password { .. } => None,
            Kind::Pat { .. } => Some(("3.6", "personal access token sign-in")),
            Kind::Jwt { .. } | Kind::JwtSource { .. } => {
                Some(("3.17", "JWT (connected app) sign-in"))
            }
        }
    }

    /// The sign-in request body.
    pub(crate) fn request(&self) -> Result<Vec<u8>> {
        let minted = match &self.kind {
            Kind::JwtSource { source, .. } => Some(Secret::new(&source()?)?),
            _ => None,
        };
        RequestWriter::new()
            .element("credentials", |e| {
                match &self.kind {
                    Kind::Password { name, password } => {
                        e.attr("name", name.as_str())?
                            .attr("password", password.expose())?;
                    }
                    Kind::Pat { name, secret } => {
                        e.attr("personalAccessTokenName", name.as_str())?
                            .attr("personalAccessTokenSecret", secret.expose())?;
                    }
                    Kind::Jwt { jwt, is_uat } => {
                        e.attr("jwt", jwt.expose())?
                            .attr("isUat", if *is_uat { "true" } else { "false" })?;
                    }
                    Kind::JwtSource { is_uat, .. } => {
                        let jwt = minted.as_ref().map_or("", |j| j.expose());
                        e.attr("jwt", jwt)?
                            .attr("isUat", if *is_uat { "true" } else { "false" })?;
                    }
                }
                e.child("site", |s| {
                    s.attr("contentUrl", self.site.as_str()).map(|_| ())
                })?;
                if let Some(u) = &self.impersonate {
                    e.child("user", |s| s.attr("id", u.as_str()).map(|_| ()))?;
                }
                Ok(())
            })
            .map(RequestWriter::finish)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.kind {
            Kind::Password { name, .. } => {
                format!("Password {{ name: {name:?}, password: <redacted> }}")
            }
            Kind::Pat { name, .. } => format!("Pat {{ name: {name:?}, secret: <redacted> }}"),
            Kind::Jwt { is_uat, .. } => format!("Jwt {{ jwt: <redacted>, is_uat: {is_uat} }}"),
            Kind::JwtSource { is_uat, .. } => format!("JwtSource {{ is_uat: {is_uat} }}"),
        };
        f.debug_struct("Credentials")
            .field("kind", &format_args!("{kind}"))
            .field("site", &self.site)
            .field("impersonate", &self.impersonate)
            .finish()
    }
}

/// A signed-in session: the token and the site and user it belongs to.
#[derive(Clone)]
pub struct Session {
    pub(crate) token: Secret,
    pub(crate) site_id: Text,
    pub(crate) site_content_url: Text,
    pub(crate) user_id: Text,
}

impl Session {
    /// The session token (send as `X-Tableau-Auth`). Treat as a secret.
    pub fn token(&self) -> &Secret {
        &self.token
    }
    /// The LUID of the signed-in site.
    pub fn site_id(&self) -> &str {
        self.site_id.as_str()
    }
    /// The content URL of the signed-in site.
    pub fn site_content_url(&self) -> &str {
        self.site_content_url.as_str()
    }
    /// The LUID of the signed-in user.
    pub fn user_id(&self) -> &str {
        self.user_id.as_str()
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("token", &self.token)
            .field("site_id", &self.site_id)
            .field("site_content_url", &self.site_content_url)
            .field("user_id", &self.user_id)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert!(ApiVersion::parse("3.10").unwrap() > ApiVersion::parse("3.9").unwrap());
        assert_eq!(ApiVersion::parse("3.25").unwrap().to_string(), "3.25");
        assert!(ApiVersion::parse("three").is_err());
        assert!(ApiVersion::parse("1.0").is_err());
    }

    #[test]
    fn requests_and_debug() {
        let c = Credentials::password("alice", "p&ss\"w", "Sales")
            .unwrap()
            .impersonate(Some("u1"))
            .unwrap();
        let body = String::from_utf8(c.request().unwrap()).unwrap();
        assert_eq!(
            body,
            "<tsRequest><credentials name=\"alice\" password=\"p&amp;ss&quot;w\"><site contentUrl=\"Sales\"/><user id=\"u1\"/></credentials></tsRequest>"
        );
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("p&ss"), "{dbg}");
        let p = Credentials::personal_access_token("tok", "s3cret", "").unwrap();
        assert!(!format!("{p:?}").contains("s3cret"));
        assert!(String::from_utf8(p.request().unwrap())
            .unwrap()
            .contains("personalAccessTokenSecret=\"s3cret\""));
        let j = Credentials::jwt("a.b.c", "x")
            .unwrap()
            .unified_access_token(true);
        assert!(String::from_utf8(j.request().unwrap())
            .unwrap()
            .contains("isUat=\"true\""));
        assert!(!format!("{j:?}").contains("a.b.c"));
    }
}
