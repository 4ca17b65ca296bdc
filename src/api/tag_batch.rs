//! Tags of many items at once (`server.tags` in the Python client): `PUT
//! sites/{site}/tags:batchCreate` and `tags:batchDelete` (REST API 3.9) send the same labels for
//! a list of items of any kind, `<tagBatch><tags><tag label/>…</tags><contents><content id
//! contentType/>…</contents></tagBatch>`, in one request each. The list of items is a
//! [`TagTargets`]; each entry's kind is the Python client's class name without `Item`.

use crate::api::tags;
use crate::error::{Error, Result};
use crate::server::Server;
use crate::transport::Method;
use crate::xml::{self, RequestWriter};

/// The kinds of content the REST API tags in batches, as sent (`contentType`).
const KINDS: &[&str] = &[
    "Workbook",
    "Datasource",
    "View",
    "Flow",
    "Table",
    "Database",
    "Column",
    "Metric",
    "VirtualConnection",
];

/// Items to tag: (content type, id) pairs, in order.
#[derive(Clone, Debug, Default)]
pub struct TagTargets {
    items: Vec<(&'static str, String)>,
}

impl TagTargets {
    pub fn new() -> TagTargets {
        TagTargets::default()
    }

    /// Adds an item: its kind (`workbook`, `Datasource`, …, any case) and its id.
    pub fn add(&mut self, content_type: &str, id: &str) -> Result<()> {
        let kind = KINDS
            .iter()
            .find(|k| k.eq_ignore_ascii_case(content_type.trim()))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "the content type {:?} is not one the REST API tags ({})",
                    crate::error::echo(content_type),
                    KINDS.join(", ")
                ))
            })?;
        if id.trim().is_empty() {
            return Err(Error::invalid("an item to tag has an empty id"));
        }
        self.items.push((kind, id.to_string()));
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// `server.tags()`.
pub struct Tags<'a> {
    server: &'a Server,
}

impl Server {
    /// Tags of many items at once.
    pub fn tags(&self) -> Tags<'_> {
        Tags { server: self }
    }
}

impl Tags<'_> {
    /// Adds `labels` to every item of `targets`; the labels the server answers.
    pub fn batch_add(&self, labels: &[&str], contents: &TagTargets) -> Result<Vec<String>> {
        self.batch(
            "batchCreate",
            "adding tags to several items",
            labels,
            contents,
        )
    }

    /// Removes `labels` from every item of `targets`; the labels the server answers.
    pub fn batch_delete(&self, labels: &[&str], contents: &TagTargets) -> Result<Vec<String>> {
        self.batch(
            "batchDelete",
            "deleting tags from several items",
            labels,
            contents,
        )
    }

    fn batch(
        &self,
        action: &str,
        what: &str,
        labels: &[&str],
        contents: &TagTargets,
    ) -> Result<Vec<String>> {
        self.server.require("3.9", what)?;
        if labels.is_empty() || labels.iter().any(|l| l.trim().is_empty()) {
            return Err(Error::invalid(format!(
                "{what}: give at least one tag label, none empty"
            )));
        }
        if contents.is_empty() {
            return Err(Error::invalid(format!(
                "{what}: no items to tag (add them with tsc_tag_targets_add)"
            )));
        }
        let (site, _) = self.server.site_url()?;
        let url = site.path(&format!("tags:{action}"));
        let body = RequestWriter::new()
            .element("tagBatch", |b| {
                b.child("tags", |t| tags::write_labels(t, labels))?;
                b.child("contents", |cs| {
                    for (kind, id) in &contents.items {
                        cs.child("content", |c| {
                            c.attr("id", id)?.attr("contentType", kind).map(drop)
                        })?;
                    }
                    Ok(())
                })
                .map(drop)
            })?
            .finish();
        let label = format!("PUT {}", url.clone().build());
        let bytes = self.server.send(Method::Put, url, Some(body))?;
        let reply = xml::parse_reply(&bytes, &label)?;
        let batch = reply.expect("tagBatch", &label)?;
        xml::child(batch, "tags").map_or(Ok(Vec::new()), tags::read_labels)
    }
}
