//! The `request_payload` of a publish: name, description, project, per-target attributes and
//! connection credentials.

use crate::errors::ApiError;
use crate::ingest::{ConnectionInput, ConnectionSpec, Credentials, DatasourceMeta, WorkbookMeta};
use crate::routes::bool_attr;
use crate::xml::Element;

use super::Target;

/// Credentials of a `<connectionCredentials>` element (`embed` must be a boolean: 400008).
fn credentials(el: &Element) -> Result<Credentials, ApiError> {
    let b = |k: &str| -> Result<bool, ApiError> {
        match el.attr(k) {
            None => Ok(false),
            Some(v) => crate::util::parse_bool(v).ok_or_else(|| {
                ApiError::new(
                    400008,
                    format!("The {k} attribute of <connectionCredentials> must be true or false, not '{v}'."),
                )
            }),
        }
    };
    Ok(Credentials {
        name: el.attr("name").unwrap_or("").to_string(),
        password: el.attr("password").unwrap_or("").to_string(),
        embed: b("embed")?,
        oauth: b("oAuth")?,
    })
}

/// `<connectionCredentials>` and `<connections>` of a publish payload.
fn connection_input(el: &Element) -> Result<ConnectionInput, ApiError> {
    let mut input = ConnectionInput::default();
    if let Some(c) = el.child("connectionCredentials") {
        input.all = Some(credentials(c)?);
    }
    if let Some(conns) = el.child("connections") {
        for c in conns.children_named("connection") {
            input.per_server.push(ConnectionSpec {
                server: c.attr("serverAddress").unwrap_or("").to_string(),
                port: c
                    .attr("serverPort")
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
                database: c
                    .attr("databaseName")
                    .filter(|d| !d.is_empty())
                    .map(str::to_string),
                credentials: c
                    .child("connectionCredentials")
                    .map(credentials)
                    .transpose()?,
            });
        }
    }
    Ok(input)
}

fn required_name(el: &Element, target: Target) -> Result<String, ApiError> {
    match el.attr("name").map(str::trim) {
        Some(n) if !n.is_empty() => Ok(n.to_string()),
        _ => Err(ApiError::bad_request(format!(
            "The <{}> element of the request_payload has no name.",
            target.element()
        ))),
    }
}

/// What the payload says, per target.
pub(super) enum Meta {
    Workbook(WorkbookMeta),
    Datasource(DatasourceMeta),
}

impl Meta {
    pub(super) fn parse(
        el: &Element,
        target: Target,
        owner: &str,
    ) -> Result<(Meta, Option<String>), ApiError> {
        let name = required_name(el, target)?;
        let project = el
            .child("project")
            .and_then(|p| p.attr("id"))
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        let connections = connection_input(el)?;
        let description = el.attr("description").map(str::to_string);
        let meta = match target {
            Target::Workbook => Meta::Workbook(WorkbookMeta {
                name,
                description,
                show_tabs: bool_attr(el, "showTabs")?,
                project_id: String::new(),
                owner_id: owner.to_string(),
                hidden_views: el
                    .child("views")
                    .map(|v| {
                        v.children_named("view")
                            .filter(|v| {
                                v.attr("hidden")
                                    .and_then(crate::util::parse_bool)
                                    .unwrap_or(false)
                            })
                            .filter_map(|v| v.attr("name").map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                connections,
            }),
            Target::Datasource => Meta::Datasource(DatasourceMeta {
                name,
                description,
                project_id: String::new(),
                owner_id: owner.to_string(),
                certified: bool_attr(el, "isCertified")?,
                certification_note: el.attr("certificationNote").map(str::to_string),
                use_remote_query_agent: bool_attr(el, "useRemoteQueryAgent")?,
                encrypt_extracts: bool_attr(el, "encryptExtracts")?,
                connections,
            }),
        };
        Ok((meta, project))
    }

    pub(super) fn name(&self) -> &str {
        match self {
            Meta::Workbook(m) => &m.name,
            Meta::Datasource(m) => &m.name,
        }
    }

    pub(super) fn set_project(&mut self, id: String) {
        match self {
            Meta::Workbook(m) => m.project_id = id,
            Meta::Datasource(m) => m.project_id = id,
        }
    }
}
