//! `GET serverinfo` (no auth) and `GET sessions/current`.

use crate::errors::ApiError;
use crate::http::Response;
use crate::router::{Ctx, Request, Route};
use crate::routes::ok;
use crate::util::fmt_ts;

pub fn routes(r: &mut Vec<Route>) {
    r.push(Route::get("serverinfo", server_info).public());
    r.push(Route::get("sessions/current", current_session));
}

/// (product version, build) for a REST API version.
fn product_for(api: &str) -> (&'static str, &'static str) {
    match api {
        "3.29" => ("2026.2.0", "20262.26.0512.1200"),
        "3.28" => ("2026.1.0", "20261.26.0210.1200"),
        "3.27" => ("2025.3.0", "20253.25.0915.1200"),
        "3.26" => ("2025.2.0", "20252.25.0610.1200"),
        "3.25" => ("2025.1.0", "20251.25.0212.1200"),
        "3.24" => ("2024.3.0", "20243.24.1010.1200"),
        "3.23" => ("2024.2.0", "20242.24.0613.1200"),
        "3.22" => ("2024.2.0", "20242.24.0613.1200"),
        "3.21" => ("2023.3.0", "20233.23.1017.0948"),
        "3.20" => ("2023.2.0", "20232.23.0611.2007"),
        "3.19" => ("2023.1.0", "20231.23.0310.1045"),
        "3.18" => ("2022.4.0", "20224.22.1210.1109"),
        "3.17" => ("2022.3.0", "20223.22.0920.1411"),
        "3.16" => ("2022.2.0", "20222.22.0616.1138"),
        "3.15" => ("2022.1.0", "20221.22.0315.1023"),
        _ => ("2025.1.0", "20251.25.0212.1200"),
    }
}

fn server_info(ctx: &Ctx, _req: &mut Request) -> Result<Response, ApiError> {
    let v = &ctx.shared.config.api_version;
    let (product, build) = product_for(v);
    let mut x = ctx.reply(256);
    x.open("serverInfo").close();
    x.open("productVersion").attr("build", build).close();
    x.text(product).end("productVersion");
    x.text_element("prepConductorVersion", build);
    x.text_element("restApiVersion", v);
    x.text_element("platform", "linux");
    x.end("serverInfo");
    Ok(ok(x))
}

fn current_session(ctx: &Ctx, _req: &mut Request) -> Result<Response, ApiError> {
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let a = ctx.auth();
    let u = ss.users.get(&a.user_id).ok_or_else(|| {
        ApiError::new(401002, "Invalid authentication credentials were provided.")
    })?;
    let mut x = ctx.reply(256);
    x.open("session").close();
    x.open("site")
        .attr("id", &ss.site.id)
        .attr("name", &ss.site.name)
        .attr("contentUrl", &ss.site.content_url)
        .empty();
    x.open("user")
        .attr("id", &u.id)
        .attr("name", &u.name)
        .attr("siteRole", &u.site_role);
    if let Some(t) = u.last_login {
        x.attr("lastLogin", &fmt_ts(t));
    }
    x.attr("externalAuthUserId", &u.external_auth_user_id)
        .empty();
    x.end("session");
    Ok(ok(x))
}
