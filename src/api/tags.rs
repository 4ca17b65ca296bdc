//! Tags of an item (workbooks, data sources, views; flows and the rest later), written once
//! against a [`Resource`]: add labels (`PUT …/{id}/tags`, one request), delete labels (`DELETE
//! …/{id}/tags/{label}`, one request each, as the REST API has no bulk delete), and
//! synchronise an item's tag changes, as the Python client's `update_tags` does: only the labels
//! the caller added or removed since the server answered are sent, so tags someone else added
//! meanwhile are kept.

use crate::api::resource::Resource;
use crate::error::{Error, Result};
use crate::models::field;
use crate::server::Server;
use crate::transport::Method;
use crate::xml::{self, Element, RequestWriter};

/// Checks the labels of a call: at least one, none empty.
fn check_labels(labels: &[&str], what: &str) -> Result<()> {
    if labels.is_empty() {
        return Err(Error::invalid(format!(
            "{what}: give at least one tag label"
        )));
    }
    if labels.iter().any(|l| l.is_empty()) {
        return Err(Error::invalid(format!(
            "{what}: a tag label cannot be empty"
        )));
    }
    Ok(())
}

/// Adds `labels` to the item; returns the labels the server answers (the item's tags after
/// the call on current servers).
pub(crate) fn add(
    server: &Server,
    res: &Resource,
    id: &str,
    labels: &[&str],
) -> Result<Vec<String>> {
    let url = res.sub_url(server, id, "tags")?;
    check_labels(labels, &format!("adding tags to a {}", res.noun))?;
    let body = RequestWriter::new()
        .element("tags", |t| write_labels(t, labels))?
        .finish();
    let label = format!("PUT {}", url.clone().build());
    let bytes = server.send(Method::Put, url, Some(body))?;
    let reply = xml::parse_reply(&bytes, &label)?;
    read_labels(reply.expect("tags", &label)?)
}

/// `<tag label="…"/>` for each label, inside the `<tags>` element being written.
pub(crate) fn write_labels(tags: &mut Element<'_>, labels: &[&str]) -> Result<()> {
    for l in labels {
        tags.child("tag", |c| c.attr("label", l).map(drop))?;
    }
    Ok(())
}

/// The labels of a `<tags>` element of a reply.
pub(crate) fn read_labels(tags: roxmltree::Node<'_, '_>) -> Result<Vec<String>> {
    Ok(field::tags(tags)?
        .iter()
        .map(|t| t.as_str().to_string())
        .collect())
}

/// Deletes `labels` from the item, one request per label, in order; stops at the first failure.
pub(crate) fn delete(server: &Server, res: &Resource, id: &str, labels: &[&str]) -> Result<()> {
    res.check_id(id)?;
    check_labels(labels, &format!("deleting tags from a {}", res.noun))?;
    delete_each(server, res, id, labels, false)
}

/// `DELETE …/tags/{label}` for each label in order; with `gone_is_done`, a label the item does not
/// have (`404007`) counts as deleted.
fn delete_each(
    server: &Server,
    res: &Resource,
    id: &str,
    labels: &[&str],
    gone_is_done: bool,
) -> Result<()> {
    let base = res.sub_url(server, id, "tags")?;
    for l in labels {
        match server.send_empty(Method::Delete, base.clone().segment(l)) {
            Err(e) if gone_is_done && e.code() == Some(TAG_NOT_FOUND) => {}
            other => other?,
        }
    }
    Ok(())
}

/// Sends an item's tag changes: `added` in one request, then each of `removed`. A removed label
/// the item no longer has (someone removed it meanwhile: `404007`) is already where the caller
/// wants it, so it is not an error here.
pub(crate) fn sync(
    server: &Server,
    res: &Resource,
    id: &str,
    (added, removed): (Vec<&str>, Vec<&str>),
) -> Result<()> {
    if !added.is_empty() {
        add(server, res, id, &added)?;
    }
    delete_each(server, res, id, &removed, true)
}

/// The server's answer for a label the item does not have.
const TAG_NOT_FOUND: &str = "404007";
