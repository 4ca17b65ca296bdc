//! What workbooks and data sources share about extracts: refresh now (incremental from REST API
//! 3.25), create an extract (encrypted or not; for a workbook all or some of its data sources)
//! and delete it. Each answers with the job doing it.

use crate::api::require_id;
use crate::api::resource::Resource;
use crate::error::{Error, Result};
use crate::models::{Job, Model};
use crate::server::Server;
use crate::transport::Method;
use crate::xml::{self, RequestWriter};

/// Tableau's code for "a refresh of this item is already queued or running".
pub(crate) const DUPLICATE_REFRESH: &str = "409093";

/// `POST {item}/refresh`: `<tsRequest/>` before 3.25, then `<extractRefresh [incremental]/>`.
/// The duplicate-refresh answer (`409093`) stays a `Conflict` error with that code (the Python
/// client logs it and returns `None`), with a note saying the earlier job goes on.
pub(crate) fn refresh(server: &Server, res: &Resource, id: &str, incremental: bool) -> Result<Job> {
    server.require("2.8", "refreshing an extract")?;
    let url = res.sub_url(server, id, "refresh")?;
    let new_form = server
        .api_version()?
        .is_some_and(|v| v >= crate::auth::ApiVersion::parse("3.25").expect("a version"));
    if incremental && !new_form {
        return Err(Error::invalid(
            "Incremental refresh is only supported in 3.25+",
        ));
    }
    let body = if new_form {
        RequestWriter::new()
            .element("extractRefresh", |e| {
                if incremental {
                    e.attr("incremental", "true")?;
                }
                Ok(())
            })?
            .finish()
    } else {
        RequestWriter::new().finish()
    };
    job_reply(server, Method::Post, url, Some(body)).map_err(|e| {
        if e.code() == Some(DUPLICATE_REFRESH) {
            e.with_note(
                "a refresh of this item is already queued or running: wait for that job instead",
            )
        } else {
            e
        }
    })
}

/// `POST {item}/createExtract?encrypt=..` or `{item}/deleteExtract` with
/// `<datasources includeAll="true"/>` (`datasources` None) or the listed data sources; for data
/// sources (`datasources` None and `whole` false) an empty `<tsRequest/>`.
pub(crate) fn extract_call(
    server: &Server,
    res: &Resource,
    id: &str,
    create: Option<bool>,
    datasources: Option<&[&str]>,
    per_datasource: bool,
) -> Result<Vec<u8>> {
    let url = match create {
        Some(encrypt) => {
            server.require("3.5", "creating an extract")?;
            res.sub_url(server, id, "createExtract")?
                .query("encrypt", if encrypt { "true" } else { "false" })
        }
        None => {
            server.require(
                if per_datasource { "3.3" } else { "3.5" },
                "deleting an extract",
            )?;
            res.sub_url(server, id, "deleteExtract")?
        }
    };
    let body = if per_datasource {
        if let Some(ids) = datasources {
            if ids.is_empty() {
                return Err(Error::invalid("the list of data source ids is empty"));
            }
            for d in ids {
                require_id(d, "Datasource ID undefined.")?;
            }
        }
        RequestWriter::new()
            .element("datasources", |e| {
                match datasources {
                    None => {
                        e.attr("includeAll", "true")?;
                    }
                    Some(ids) => {
                        for d in ids {
                            e.child("datasource", |c| c.attr("id", d).map(|_| ()))?;
                        }
                    }
                }
                Ok(())
            })?
            .finish()
    } else {
        RequestWriter::new().finish()
    };
    server.send(Method::Post, url, Some(body))
}

/// Sends and reads the `<job>` of the reply.
pub(crate) fn job_reply(
    server: &Server,
    method: Method,
    url: crate::transport::UrlBuilder,
    body: Option<Vec<u8>>,
) -> Result<Job> {
    server.fetch(method, url, body)
}

/// The `<job>` of a reply body already received.
pub(crate) fn parse_job(bytes: &[u8], label: &str) -> Result<Job> {
    let reply = xml::parse_reply(bytes, label)?;
    Job::from_xml(reply.expect(Job::ELEMENT, label)?)
}
