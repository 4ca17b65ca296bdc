//! `auth/signin` (password, personal access token, connected-app JWT; impersonation),
//! `auth/signout`, `auth/switchSite`.

use crate::auth::{fmt_duration, verify_jwt, Session};
use crate::errors::ApiError;
use crate::http::Response;
use crate::router::{Ctx, Request, Route};
use crate::routes::{ok, payload};
use crate::util::now_secs;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::post("auth/signin", sign_in).public());
    r.push(Route::post("auth/signout", sign_out));
    r.push(Route::post("auth/switchSite", switch_site).since("2.6"));
}

fn signin_error(why: &str) -> ApiError {
    ApiError::new(
        401001,
        format!("Error signing in to Tableau Server ({why})"),
    )
}

fn credentials(ctx: &Ctx, s: &Session, content_url: &str) -> Response {
    let mut x = ctx.reply(256);
    x.open("credentials")
        .attr("token", &s.token)
        .attr(
            "estimatedTimeToExpiration",
            &fmt_duration(ctx.shared.session_idle()),
        )
        .close();
    x.open("site")
        .attr("id", &s.site_id)
        .attr("contentUrl", content_url)
        .empty();
    x.open("user").attr("id", &s.user_id).empty();
    x.end("credentials");
    ok(x)
}

fn sign_in(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let cred = payload(&doc, "credentials")?;
    let content_url = cred
        .child("site")
        .and_then(|s| s.attr("contentUrl"))
        .unwrap_or("");
    let impersonate = cred
        .child("user")
        .and_then(|u| u.attr("id"))
        .filter(|s| !s.is_empty());
    let name = cred.attr("name");
    let password = cred.attr("password");
    let pat_name = cred.attr("personalAccessTokenName");
    let pat_secret = cred.attr("personalAccessTokenSecret");
    let jwt = cred.attr("jwt");
    let kinds = [
        name.is_some() || password.is_some(),
        pat_name.is_some() || pat_secret.is_some(),
        jwt.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if kinds == 0 {
        return Err(ApiError::bad_request(
            "The credentials element has neither a name and password, a personal access token nor a JWT.",
        ));
    }
    if kinds > 1 {
        return Err(ApiError::bad_request(
            "The credentials element contains more than one kind of credentials.",
        ));
    }

    let mut st = ctx.state_mut();
    let site_id = st
        .site_by_url(content_url)
        .map(|s| s.id.clone())
        .ok_or_else(|| signin_error("unknown site"))?;
    // Resolve the identity.
    let (identity_name, used_pat) = if let Some(jwt) = jwt {
        let app = ctx
            .shared
            .config
            .connected_app
            .as_ref()
            .ok_or_else(|| signin_error("no connected app is configured"))?;
        let sub = verify_jwt(app, jwt).map_err(|why| signin_error(&why))?;
        (sub, None)
    } else if pat_name.is_some() || pat_secret.is_some() {
        let (pn, ps) = match (pat_name, pat_secret) {
            (Some(n), Some(s)) if !n.is_empty() && !s.is_empty() => (n, s),
            _ => return Err(signin_error("incomplete personal access token")),
        };
        let ident = st
            .identities
            .values()
            .find(|i| i.pats.iter().any(|(n, s)| n == pn && s == ps))
            .ok_or_else(|| signin_error("invalid personal access token"))?;
        (ident.name.clone(), Some(pn.to_string()))
    } else {
        let (n, p) = match (name, password) {
            (Some(n), Some(p)) => (n, p),
            _ => return Err(signin_error("missing name or password")),
        };
        let ident = st
            .identity(n)
            .ok_or_else(|| signin_error("invalid credentials"))?;
        if ident.password.as_deref() != Some(p) {
            return Err(signin_error("invalid credentials"));
        }
        (ident.name.clone(), None)
    };
    let server_admin = st
        .identity(&identity_name)
        .map(|i| i.server_admin)
        .unwrap_or(false);
    let ss = st
        .site_mut(&site_id)
        .ok_or_else(|| signin_error("unknown site"))?;
    let user_id = ss
        .user_by_name(&identity_name)
        .map(|u| u.id.clone())
        .ok_or_else(|| signin_error("the user is not a member of the site"))?;
    let role = ss
        .users
        .get(&user_id)
        .map(|u| u.site_role.clone())
        .unwrap_or_default();
    if role == "Unlicensed" {
        return Err(signin_error("the user is unlicensed"));
    }
    if !server_admin && ss.site.attr("state") == Some("Suspended") {
        return Err(signin_error("the site is suspended"));
    }
    let (uid, uname) = match impersonate {
        Some(target) => {
            if !server_admin {
                return Err(signin_error("only server administrators can impersonate"));
            }
            let t = ss
                .users
                .get(target)
                .ok_or_else(|| ApiError::user_not_found(target))?;
            (t.id.clone(), t.name.clone())
        }
        None => (user_id, identity_name.clone()),
    };
    if let Some(u) = ss.users.get_mut(&uid) {
        u.last_login = Some(now_secs());
    }
    let actual_url = ss.site.content_url.clone();
    drop(st);
    let pat = if impersonate.is_none() {
        used_pat.as_deref()
    } else {
        None
    };
    let session = ctx.shared.sessions().open(&site_id, &uid, &uname, pat);
    Ok(credentials(ctx, &session, &actual_url))
}

fn sign_out(ctx: &Ctx, _req: &mut Request) -> Result<Response, ApiError> {
    ctx.shared.sessions().remove(&ctx.auth().token);
    Ok(Response::no_content())
}

fn switch_site(ctx: &Ctx, req: &mut Request) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let site = payload(&doc, "site")?;
    let url = site.attr("contentUrl").unwrap_or("");
    let a = ctx.auth().clone();
    let err = |why: &str| {
        ApiError::new(
            401003,
            format!("There was a problem switching sites: {why}"),
        )
    };
    let mut st = ctx.state_mut();
    let target = st
        .site_by_url(url)
        .map(|s| s.id.clone())
        .ok_or_else(|| err("the site was not found"))?;
    if target == a.site_id {
        return Err(ApiError::new(
            403070,
            "The site specified as the destination site is also the current site.",
        ));
    }
    let ss = st
        .site_mut(&target)
        .ok_or_else(|| err("the site was not found"))?;
    if !a.server_admin && ss.site.attr("state") == Some("Suspended") {
        return Err(err("the site is suspended"));
    }
    let user = ss
        .user_by_name(&a.user_name)
        .filter(|u| u.site_role != "Unlicensed")
        .map(|u| u.id.clone())
        .ok_or_else(|| err("the user is not a member of the site"))?;
    if let Some(u) = ss.users.get_mut(&user) {
        u.last_login = Some(now_secs());
    }
    let content_url = ss.site.content_url.clone();
    drop(st);
    let pat = ctx.session.as_ref().and_then(|s| s.pat_name.clone());
    let mut sessions = ctx.shared.sessions();
    sessions.remove(&a.token);
    let s = sessions.open(&target, &user, &a.user_name, pat.as_deref());
    drop(sessions);
    Ok(credentials(ctx, &s, &content_url))
}
