//! Users: server-wide identities (credentials) and the user rows of each site.

use crate::util::{new_id, now_secs};

/// A server-wide identity (Tableau's "system user"): credentials live here, a `User` row per
/// site links to it by name.
#[derive(Debug, Clone)]
pub struct Identity {
    pub name: String,
    pub password: Option<String>,
    pub server_admin: bool,
    /// Personal access tokens: (name, secret).
    pub pats: Vec<(String, String)>,
}

/// A user on a site.
#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub name: String,
    pub site_role: String,
    pub auth_setting: String,
    pub full_name: String,
    pub email: String,
    pub created_at: i64,
    pub last_login: Option<i64>,
    pub locale: String,
    pub language: String,
    pub external_auth_user_id: String,
    pub idp_configuration_id: Option<String>,
    pub domain: String,
}

impl User {
    pub fn new(name: &str, site_role: &str) -> User {
        User {
            id: new_id(),
            name: name.to_string(),
            site_role: site_role.to_string(),
            auth_setting: "ServerDefault".to_string(),
            full_name: String::new(),
            email: String::new(),
            created_at: now_secs(),
            last_login: None,
            locale: String::new(),
            language: "en".to_string(),
            external_auth_user_id: String::new(),
            idp_configuration_id: None,
            domain: "local".to_string(),
        }
    }
}
