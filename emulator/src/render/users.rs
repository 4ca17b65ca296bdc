//! `<user>` in lists and answered alone.

use super::*;

/// A user in a list (`users`, group members, ...).
pub fn user(x: &mut ReplyWriter, u: &User, f: &Fields) {
    const R: &str = "user";
    x.open("user");
    if f.want(R, "id", true) {
        x.attr("id", &u.id);
    }
    if f.want(R, "name", true) {
        x.attr("name", &u.name);
    }
    if f.want(R, "siteRole", true) {
        x.attr("siteRole", &u.site_role);
    }
    if let Some(t) = u.last_login {
        if f.want(R, "lastLogin", true) {
            x.attr("lastLogin", &fmt_ts(t));
        }
    }
    if f.want(R, "externalAuthUserId", true) {
        x.attr("externalAuthUserId", &u.external_auth_user_id);
    }
    if f.want(R, "fullName", false) {
        x.attr("fullName", &u.full_name);
    }
    if f.want(R, "email", false) && !u.email.is_empty() {
        x.attr("email", &u.email);
    }
    if f.want(R, "authSetting", false) {
        x.attr("authSetting", &u.auth_setting);
    }
    if f.want(R, "locale", false) && !u.locale.is_empty() {
        x.attr("locale", &u.locale);
    }
    if f.want(R, "language", false) && !u.language.is_empty() {
        x.attr("language", &u.language);
    }
    if let Some(idp) = &u.idp_configuration_id {
        if f.want(R, "idpConfigurationId", false) {
            x.attr("idpConfigurationId", idp);
        }
    }
    if f.all || f.want(R, "domainName", false) {
        x.close();
        x.open("domain").attr("name", &u.domain).empty();
        x.end("user");
    } else {
        x.empty();
    }
}

/// A user answered on its own (query user, add user): every attribute plus `<domain>`.
pub fn user_full(x: &mut ReplyWriter, u: &User) {
    x.open("user")
        .attr("id", &u.id)
        .attr("name", &u.name)
        .attr("siteRole", &u.site_role)
        .attr("authSetting", &u.auth_setting);
    if let Some(t) = u.last_login {
        x.attr("lastLogin", &fmt_ts(t));
    }
    x.attr("externalAuthUserId", &u.external_auth_user_id);
    if !u.full_name.is_empty() {
        x.attr("fullName", &u.full_name);
    }
    if !u.email.is_empty() {
        x.attr("email", &u.email);
    }
    if !u.locale.is_empty() {
        x.attr("locale", &u.locale);
    }
    if !u.language.is_empty() {
        x.attr("language", &u.language);
    }
    x.attr_opt("idpConfigurationId", u.idp_configuration_id.as_deref());
    x.close();
    x.open("domain").attr("name", &u.domain).empty();
    x.end("user");
}
