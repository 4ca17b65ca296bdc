//! Connections of workbooks and data sources, shared by both families: list
//! (`GET …/{id}/connections`, unpaged) and update one (`PUT …/{id}/connections/{conn}`); many at
//! once is `connections_bulk`.
//!
//! Update body (TSC `update_connection`): `<connection serverAddress serverPort userName
//! password embedPassword queryTaggingEnabled authenticationType/>`; attributes left out keep
//! their value. Only an administrator or the item's owner may update (403029 for workbooks,
//! 403023 for data sources); an unknown connection is 404020.

use crate::errors::ApiError;
use crate::http::Response;
use crate::render;
use crate::router::{Ctx, Request};
use crate::routes::{bool_attr, ok, payload};
use crate::state::{Connection, SiteState};
use crate::util::now_secs;

/// What `Of::lookup` finds: the connections, the owner id and the data source reference
/// written into each connection (data sources only).
type Found<'s> = (&'s [Connection], &'s str, Option<(&'s str, &'s str)>);

/// Whose connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Of {
    Workbook,
    Datasource,
}

impl Of {
    fn not_found(self, id: &str) -> ApiError {
        match self {
            Of::Workbook => ApiError::workbook_not_found(id),
            Of::Datasource => ApiError::datasource_not_found(id),
        }
    }

    pub(crate) fn lookup<'s>(self, ss: &'s SiteState, id: &str) -> Result<Found<'s>, ApiError> {
        match self {
            Of::Workbook => ss
                .workbooks
                .get(id)
                .map(|w| (w.connections.as_slice(), w.owner_id.as_str(), None))
                .ok_or_else(|| self.not_found(id)),
            Of::Datasource => ss
                .datasources
                .get(id)
                .map(|d| {
                    (
                        d.connections.as_slice(),
                        d.owner_id.as_str(),
                        Some((d.id.as_str(), d.name.as_str())),
                    )
                })
                .ok_or_else(|| self.not_found(id)),
        }
    }

    pub(crate) fn connections_mut<'s>(
        self,
        ss: &'s mut SiteState,
        id: &str,
    ) -> Option<&'s mut Vec<Connection>> {
        match self {
            Of::Workbook => ss.workbooks.get_mut(id).map(|w| {
                w.updated_at = now_secs();
                &mut w.connections
            }),
            Of::Datasource => ss.datasources.get_mut(id).map(|d| {
                d.updated_at = now_secs();
                &mut d.connections
            }),
        }
    }
}

impl Of {
    /// Only an administrator or the item's owner may update its connections (403029 for
    /// workbooks, 403023 for data sources).
    pub(crate) fn check_owner(self, ctx: &Ctx, owner: &str) -> Result<(), ApiError> {
        let a = ctx.auth();
        if a.is_admin() || owner == a.user_id {
            return Ok(());
        }
        let code = match self {
            Of::Workbook => 403029,
            Of::Datasource => 403023,
        };
        Err(ApiError::new(
            code,
            "Only an administrator or the owner may update the connection.",
        )
        .with_summary("Update forbidden"))
    }
}

/// 404020 for a connection the item does not have.
pub(crate) fn connection_not_found(id: &str) -> ApiError {
    ApiError::new(404020, format!("Connection '{id}' could not be found."))
        .with_summary("Connection not found")
}

/// `GET …/{id}/connections`
pub fn list(ctx: &Ctx, req: &mut Request, of: Of) -> Result<Response, ApiError> {
    let st = ctx.state();
    let ss = ctx.site(&st)?;
    let (conns, _, item) = of.lookup(ss, req.param("id"))?;
    let mut x = ctx.reply(conns.len() * 300 + 64);
    x.open("connections").close();
    for c in conns {
        render::connection(&mut x, c, item);
    }
    x.end("connections");
    Ok(ok(x))
}

/// `PUT …/{id}/connections/{conn}`
pub fn update(ctx: &Ctx, req: &mut Request, of: Of) -> Result<Response, ApiError> {
    let doc = req.document()?;
    let el = payload(&doc, "connection")?;
    let embed = bool_attr(el, "embedPassword")?;
    let tagging = bool_attr(el, "queryTaggingEnabled")?;
    let id = req.param("id").to_string();
    let conn_id = req.param("conn").to_string();
    let mut st = ctx.state_mut();
    let ss = ctx.site_mut(&mut st)?;
    let (conns, owner, _) = of.lookup(ss, &id)?;
    of.check_owner(ctx, owner)?;
    if !conns.iter().any(|c| c.id.eq_ignore_ascii_case(&conn_id)) {
        return Err(connection_not_found(&conn_id));
    }
    let list = of.connections_mut(ss, &id).expect("looked up");
    let c = list
        .iter_mut()
        .find(|c| c.id.eq_ignore_ascii_case(&conn_id))
        .expect("checked");
    if let Some(v) = el.attr("serverAddress") {
        c.server_address = v.to_string();
    }
    if let Some(v) = el.attr("serverPort") {
        c.server_port = v.to_string();
    }
    if let Some(v) = el.attr("userName") {
        c.user_name = v.to_string();
    }
    if let Some(v) = el.attr("password") {
        c.password = Some(v.to_string());
    }
    if let Some(v) = el.attr("authenticationType") {
        c.auth_type = v.to_string();
    }
    if let Some(e) = embed {
        c.embed_password = e;
    }
    if tagging.is_some() {
        c.query_tagging = tagging;
    }
    let c = c.clone();
    let (_, _, item) = of.lookup(ss, &id)?;
    let mut x = ctx.reply(512);
    render::connection(&mut x, &c, item);
    Ok(ok(x))
}
