//! Permissions, written once for every kind of content: the explicit permissions of an item
//! (`{site}/{segment}/{id}/permissions`) and the default permissions a project gives new
//! content of one kind (`{site}/projects/{id}/default-permissions/{segment}`). Each kind is one
//! row of [`ITEM_KINDS`] or [`DEFAULT_KINDS`] (its URL segment and minimum REST API version);
//! flows, databases, tables and virtual connections get their permissions by a row here and
//! three rows in the method table.
//!
//! As in the Python client: populate is one GET (`PermissionsRule` reads the grantee as the last
//! descendant with an id), update one PUT with every rule, and deleting a rule one DELETE per
//! capability at `…/{users|groups|groupSets}/{grantee id}/{capability}/{mode}`. Unlike the
//! Python client (TSC#1301), a populate is one request per call, never repeated.

use crate::api::listing;
use crate::api::resource::{Resource, DATASOURCE, PROJECT, VIEW, WORKBOOK};
use crate::error::{Error, Result};
use crate::models::permissions::request;
use crate::models::{Page, PermissionsRule};
use crate::server::Server;
use crate::transport::{Method, UrlBuilder};

/// The kinds of items with explicit permissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Workbook,
    Datasource,
    View,
    Project,
}

/// The kinds of content a project gives default permissions to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultKind {
    Workbook,
    Datasource,
    Flow,
    Metric,
    Datarole,
    Lens,
    VirtualConnection,
    Database,
    Table,
}

/// One kind of item with permissions: its resource and the version its permissions need.
pub(crate) struct ItemRow {
    kind: ItemKind,
    res: &'static Resource,
    since: &'static str,
}

/// One kind of default permissions: the URL segment under `default-permissions/`, its noun for
/// messages and its version.
pub(crate) struct DefaultRow {
    kind: DefaultKind,
    segment: &'static str,
    noun: &'static str,
    since: &'static str,
}

const fn item(kind: ItemKind, res: &'static Resource, since: &'static str) -> ItemRow {
    ItemRow { kind, res, since }
}

const fn default(
    kind: DefaultKind,
    segment: &'static str,
    noun: &'static str,
    since: &'static str,
) -> DefaultRow {
    DefaultRow {
        kind,
        segment,
        noun,
        since,
    }
}

/// Items with explicit permissions.
pub(crate) static ITEM_KINDS: &[ItemRow] = &[
    item(ItemKind::Workbook, &WORKBOOK, "2.0"),
    item(ItemKind::Datasource, &DATASOURCE, "2.0"),
    item(ItemKind::View, &VIEW, "3.2"),
    item(ItemKind::Project, &PROJECT, "2.0"),
];

/// Default permissions of projects (the lens segment is `lenses`).
pub(crate) static DEFAULT_KINDS: &[DefaultRow] = &[
    default(DefaultKind::Workbook, "workbooks", "workbook", "2.1"),
    default(DefaultKind::Datasource, "datasources", "data source", "2.1"),
    default(DefaultKind::Flow, "flows", "flow", "3.4"),
    default(DefaultKind::Metric, "metrics", "metric", "3.2"),
    default(DefaultKind::Datarole, "dataroles", "data role", "3.4"),
    default(DefaultKind::Lens, "lenses", "lens", "3.4"),
    default(
        DefaultKind::VirtualConnection,
        "virtualConnections",
        "virtual connection",
        "3.23",
    ),
    default(DefaultKind::Database, "databases", "database", "3.23"),
    default(DefaultKind::Table, "tables", "table", "3.23"),
];

/// Where a set of rules lives.
#[derive(Clone, Copy)]
enum Target {
    Item(&'static ItemRow),
    Default(&'static DefaultRow),
}

/// `server.permissions(kind)` or `server.default_permissions(kind)`.
pub struct Permissions<'a> {
    server: &'a Server,
    target: Target,
}

impl Server {
    /// The explicit permissions of items of one kind.
    pub fn permissions(&self, kind: ItemKind) -> Permissions<'_> {
        let row = ITEM_KINDS
            .iter()
            .find(|r| r.kind == kind)
            .expect("every item kind has a row");
        Permissions {
            server: self,
            target: Target::Item(row),
        }
    }

    /// The default permissions projects give new content of one kind.
    pub fn default_permissions(&self, kind: DefaultKind) -> Permissions<'_> {
        let row = DEFAULT_KINDS
            .iter()
            .find(|r| r.kind == kind)
            .expect("every default kind has a row");
        Permissions {
            server: self,
            target: Target::Default(row),
        }
    }
}

impl Permissions<'_> {
    /// What the call is about, for messages: "workbook permissions", "default lens
    /// permissions".
    fn what(&self) -> String {
        match self.target {
            Target::Item(r) => format!("{} permissions", r.res.noun),
            Target::Default(r) => format!("default {} permissions", r.noun),
        }
    }

    /// The rules' URL for the item (or project) with this id, after the version check.
    fn url(&self, id: &str) -> Result<UrlBuilder> {
        let (since, url) = match self.target {
            Target::Item(r) => (r.since, r.res.sub_url(self.server, id, "permissions")?),
            Target::Default(r) => (
                r.since,
                PROJECT
                    .sub_url(self.server, id, "default-permissions")?
                    .path(r.segment),
            ),
        };
        self.server.require(since, &self.what())?;
        Ok(url)
    }

    /// The rules of the item (or project) with this id: one GET.
    pub fn populate(&self, id: &str) -> Result<Page<PermissionsRule>> {
        listing::get_page(self.server, self.url(id)?, None)
    }

    /// Adds `rules` (one PUT with all of them); returns the rules as the server answered.
    pub fn update(&self, id: &str, rules: &[&PermissionsRule]) -> Result<Page<PermissionsRule>> {
        let body = request(rules)?;
        let url = self.url(id)?;
        let label = format!("PUT {}", url.clone().build());
        let bytes = self.server.send(Method::Put, url, Some(body))?;
        Page::parse(&bytes, &label)
    }

    /// Deletes every capability of `rule`: one DELETE each, in order; the first failure stops
    /// (the capabilities before it are deleted).
    pub fn delete(&self, id: &str, rule: &PermissionsRule) -> Result<()> {
        if rule.capability_count() == 0 {
            return Err(Error::invalid(format!(
                "the rule for {} '{}' has no capabilities to delete",
                rule.grantee_type().element(),
                crate::error::echo(rule.grantee_id())
            )));
        }
        let base = self.url(id)?;
        for (name, mode) in rule.capabilities() {
            let url = base
                .clone()
                .path(rule.grantee_type().segment())
                .segment(rule.grantee_id())
                .segment(name)
                .segment(mode.as_str());
            self.server.send_empty(Method::Delete, url)?;
        }
        Ok(())
    }
}
