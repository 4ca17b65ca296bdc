//! Permissions state and rules: explicit permissions per item (workbook, data source, view,
//! project, flow) and default permissions per project and content kind, as grantee rules
//! (`<granteeCapabilities>`: a user, group or group set and its capabilities, each `Allow` or
//! `Deny`). The routes are in `routes/permissions.rs`; this module knows the content kinds, which
//! capabilities each accepts, how a request's rules are read and checked with Tableau's codes,
//! how they merge into the stored ones and how a `<permissions>` reply is written.
//!
//! Group sets (REST API 3.22) exist here only as grantees: `POST sites/{site}/groupsets` or the
//! control endpoint `POST /_emulator/groupsets?site=URL&name=N[&id=LUID]` makes one.

use std::collections::HashMap;

use crate::errors::ApiError;
use crate::reply::ReplyWriter;
use crate::router::ApiVersion;
use crate::state::SiteState;
use crate::xml::Element;

/// Who a rule is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GranteeKind {
    User,
    Group,
    GroupSet,
}

impl GranteeKind {
    pub const ALL: [GranteeKind; 3] =
        [GranteeKind::User, GranteeKind::Group, GranteeKind::GroupSet];

    /// The element naming the grantee in `<granteeCapabilities>`.
    pub fn element(self) -> &'static str {
        match self {
            GranteeKind::User => "user",
            GranteeKind::Group => "group",
            GranteeKind::GroupSet => "groupSet",
        }
    }

    /// The URL segment of a delete (`…/permissions/{users|groups|groupSets}/…`).
    pub fn segment(self) -> &'static str {
        match self {
            GranteeKind::User => "users",
            GranteeKind::Group => "groups",
            GranteeKind::GroupSet => "groupSets",
        }
    }

    pub fn from_segment(s: &str) -> Option<GranteeKind> {
        Self::ALL.into_iter().find(|k| k.segment() == s)
    }
}

/// One grantee's capabilities, in the order they were granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub kind: GranteeKind,
    pub id: String,
    /// (capability, mode) with mode `Allow` or `Deny`; each capability once.
    pub caps: Vec<(String, String)>,
}

/// A group set: a grantee made of groups (REST API 3.22).
#[derive(Debug, Clone)]
pub struct GroupSet {
    pub id: String,
    pub name: String,
}

/// The permissions of one site.
#[derive(Debug, Clone, Default)]
pub struct Permissions {
    /// (item kind's URL segment, item id) → rules.
    items: HashMap<(&'static str, String), Vec<Rule>>,
    /// (project id, default kind's URL segment) → rules.
    defaults: HashMap<(String, &'static str), Vec<Rule>>,
    pub group_sets: Vec<GroupSet>,
}

/// A kind of content that has permissions: its URL segment, the element naming an item of it
/// in a `<permissions>` reply, the capabilities Tableau accepts for it and the REST API version
/// its permissions need.
pub struct ContentKind {
    pub segment: &'static str,
    pub element: &'static str,
    pub capabilities: &'static [&'static str],
    pub since: ApiVersion,
}

const WORKBOOK_CAPS: &[&str] = &[
    "AddComment",
    "ChangeHierarchy",
    "ChangePermissions",
    "CreateRefreshMetrics",
    "Delete",
    "ExportData",
    "ExportImage",
    "ExportXml",
    "ExtractRefresh",
    "Filter",
    "Read",
    "RunExplainData",
    "ShareView",
    "ViewComments",
    "ViewUnderlyingData",
    "WebAuthoring",
    "Write",
];
const VIEW_CAPS: &[&str] = &[
    "AddComment",
    "ChangePermissions",
    "Delete",
    "ExportData",
    "ExportImage",
    "Filter",
    "Read",
    "ShareView",
    "ViewComments",
    "ViewUnderlyingData",
    "WebAuthoring",
];
const DATASOURCE_CAPS: &[&str] = &[
    "ChangeHierarchy",
    "ChangePermissions",
    "Connect",
    "Delete",
    "ExportXml",
    "ExtractRefresh",
    "PulseMetricDefine",
    "Read",
    "SaveAs",
    "VizqlDataApiAccess",
    "Write",
];
const PROJECT_CAPS: &[&str] = &["ProjectLeader", "Read", "Write"];
const FLOW_CAPS: &[&str] = &[
    "ChangeHierarchy",
    "ChangePermissions",
    "Delete",
    "Execute",
    "ExportXml",
    "Read",
    "WebAuthoringForFlows",
    "Write",
];
const PLAIN_CAPS: &[&str] = &[
    "ChangeHierarchy",
    "ChangePermissions",
    "Delete",
    "Read",
    "Write",
];
const VIRTUAL_CONNECTION_CAPS: &[&str] = &[
    "ChangeHierarchy",
    "ChangePermissions",
    "Connect",
    "Delete",
    "Read",
    "Write",
];
const CATALOG_CAPS: &[&str] = &["ChangePermissions", "Read", "Write"];

const fn kind(
    segment: &'static str,
    element: &'static str,
    capabilities: &'static [&'static str],
    since: ApiVersion,
) -> ContentKind {
    ContentKind {
        segment,
        element,
        capabilities,
        since,
    }
}

/// The items with explicit permissions (`sites/{site}/{segment}/{id}/permissions`).
pub const ITEM_KINDS: &[ContentKind] = &[
    kind("workbooks", "workbook", WORKBOOK_CAPS, ApiVersion(2, 0)),
    kind(
        "datasources",
        "datasource",
        DATASOURCE_CAPS,
        ApiVersion(2, 0),
    ),
    kind("views", "view", VIEW_CAPS, ApiVersion(3, 2)),
    kind("projects", "project", PROJECT_CAPS, ApiVersion(2, 0)),
    kind("flows", "flow", FLOW_CAPS, ApiVersion(3, 3)),
];

/// The kinds of a project's default permissions
/// (`sites/{site}/projects/{id}/default-permissions/{segment}`).
pub const DEFAULT_KINDS: &[ContentKind] = &[
    kind("workbooks", "workbook", WORKBOOK_CAPS, ApiVersion(2, 1)),
    kind(
        "datasources",
        "datasource",
        DATASOURCE_CAPS,
        ApiVersion(2, 1),
    ),
    kind("metrics", "metric", PLAIN_CAPS, ApiVersion(3, 2)),
    kind("dataroles", "datarole", PLAIN_CAPS, ApiVersion(3, 4)),
    kind("flows", "flow", FLOW_CAPS, ApiVersion(3, 4)),
    kind("lenses", "lens", PLAIN_CAPS, ApiVersion(3, 4)),
    kind(
        "virtualConnections",
        "virtualConnection",
        VIRTUAL_CONNECTION_CAPS,
        ApiVersion(3, 23),
    ),
    kind("databases", "database", CATALOG_CAPS, ApiVersion(3, 23)),
    kind("tables", "table", CATALOG_CAPS, ApiVersion(3, 23)),
];

/// The kind of this URL segment in `kinds`, if the URL version has it (else 404003).
pub fn kind_of<'k>(
    kinds: &'k [ContentKind],
    segment: &str,
    version: ApiVersion,
    path: &str,
) -> Result<&'k ContentKind, ApiError> {
    kinds
        .iter()
        .find(|k| k.segment == segment && version >= k.since)
        .ok_or_else(|| ApiError::unknown_resource(path))
}

/// 400009: a capability the content kind does not have.
pub fn invalid_capability(name: &str, kind: &ContentKind) -> ApiError {
    ApiError::new(
        400009,
        format!(
            "The capability '{name}' is not valid for {}: use one of {}.",
            kind.segment,
            kind.capabilities.join(", ")
        ),
    )
    .with_summary("Invalid capability")
}

/// 404012 for a group set that does not exist (group sets are groups of groups).
fn group_set_not_found(id: &str) -> ApiError {
    ApiError::new(404012, format!("Group set '{id}' could not be found."))
        .with_summary("Group set not found")
}

/// 409003: one request that names the same capability twice for one grantee.
fn duplicate(rule: &Rule, cap: &str) -> ApiError {
    ApiError::new(
        409003,
        format!(
            "The capability '{cap}' is given twice for {} '{}' in this request.",
            rule.kind.element(),
            rule.id
        ),
    )
    .with_summary("Duplicate permission")
}

/// Whether the grantee exists on the site.
pub fn grantee_exists(ss: &SiteState, kind: GranteeKind, id: &str) -> bool {
    match kind {
        GranteeKind::User => ss.users.contains(id),
        GranteeKind::Group => ss.groups.contains(id),
        GranteeKind::GroupSet => ss.permissions.group_sets.iter().any(|g| g.id == id),
    }
}

/// The grantee's not-found error (404002 user, 404012 group or group set).
pub fn grantee_not_found(kind: GranteeKind, id: &str) -> ApiError {
    match kind {
        GranteeKind::User => ApiError::user_not_found(id),
        GranteeKind::Group => ApiError::group_not_found(id),
        GranteeKind::GroupSet => group_set_not_found(id),
    }
}

/// The rules of a `<tsRequest><permissions>` body, checked: every grantee exists on the site,
/// every capability belongs to `kind` with mode `Allow` or `Deny`, no capability twice for a
/// grantee.
pub fn read_rules(
    doc: &Element,
    kind: &ContentKind,
    ss: &SiteState,
) -> Result<Vec<Rule>, ApiError> {
    let perms = crate::routes::payload(doc, "permissions")?;
    let mut rules: Vec<Rule> = Vec::new();
    for gc in perms.children_named("granteeCapabilities") {
        let (gkind, gid) = GranteeKind::ALL
            .into_iter()
            .find_map(|k| {
                gc.child(k.element())
                    .and_then(|e| e.attr("id"))
                    .map(|id| (k, id.trim().to_string()))
            })
            .filter(|(_, id)| !id.is_empty())
            .ok_or_else(|| {
                ApiError::bad_request(
                    "A <granteeCapabilities> names no <user id>, <group id> or <groupSet id>.",
                )
            })?;
        if !grantee_exists(ss, gkind, &gid) {
            return Err(grantee_not_found(gkind, &gid));
        }
        let mut rule = Rule {
            kind: gkind,
            id: gid,
            caps: Vec::new(),
        };
        let caps = gc.child("capabilities").ok_or_else(|| {
            ApiError::bad_request("A <granteeCapabilities> has no <capabilities>.")
        })?;
        for c in caps.children_named("capability") {
            let name = crate::routes::required(c, "name")?;
            let mode = crate::routes::required(c, "mode")?;
            if !kind.capabilities.contains(&name) {
                return Err(invalid_capability(name, kind));
            }
            if mode != "Allow" && mode != "Deny" {
                return Err(ApiError::bad_request(format!(
                    "The mode '{mode}' of capability '{name}' is not Allow or Deny."
                )));
            }
            if rule.caps.iter().any(|(n, _)| n == name) {
                return Err(duplicate(&rule, name));
            }
            rule.caps.push((name.to_string(), mode.to_string()));
        }
        // The same grantee twice in one request: its capabilities are one rule.
        match rules
            .iter_mut()
            .find(|r| r.kind == rule.kind && r.id == rule.id)
        {
            Some(r) => {
                for (n, m) in rule.caps {
                    if r.caps.iter().any(|(x, _)| *x == n) {
                        return Err(duplicate(r, &n));
                    }
                    r.caps.push((n, m));
                }
            }
            None => rules.push(rule),
        }
    }
    Ok(rules)
}

/// Adds `new` to `stored`: a capability the grantee has gets the new mode, others are added.
fn merge(stored: &mut Vec<Rule>, new: &[Rule]) {
    for rule in new {
        match stored
            .iter_mut()
            .find(|r| r.kind == rule.kind && r.id == rule.id)
        {
            Some(r) => {
                for (n, m) in &rule.caps {
                    match r.caps.iter_mut().find(|(x, _)| x == n) {
                        Some(c) => c.1 = m.clone(),
                        None => r.caps.push((n.clone(), m.clone())),
                    }
                }
            }
            None => stored.push(rule.clone()),
        }
    }
}

/// Removes one capability of one grantee if it has this mode; whether it did.
fn remove(stored: &mut Vec<Rule>, kind: GranteeKind, id: &str, cap: &str, mode: &str) -> bool {
    let Some(r) = stored.iter_mut().find(|r| r.kind == kind && r.id == id) else {
        return false;
    };
    let before = r.caps.len();
    r.caps.retain(|(n, m)| !(n == cap && m == mode));
    let removed = r.caps.len() != before;
    stored.retain(|r| !r.caps.is_empty());
    removed
}

/// Where a set of rules lives.
#[derive(Debug, Clone)]
pub enum Target {
    /// An item's explicit permissions: (kind segment, item id).
    Item(&'static str, String),
    /// A project's default permissions: (project id, kind segment).
    Default(String, &'static str),
}

impl Permissions {
    fn slot(&mut self, t: &Target) -> &mut Vec<Rule> {
        match t {
            Target::Item(k, id) => self.items.entry((*k, id.clone())).or_default(),
            Target::Default(p, k) => self.defaults.entry((p.clone(), *k)).or_default(),
        }
    }

    /// The rules stored for `t` (none yet: empty).
    pub fn rules(&self, t: &Target) -> &[Rule] {
        let found = match t {
            Target::Item(k, id) => self.items.get(&(*k, id.clone())),
            Target::Default(p, k) => self.defaults.get(&(p.clone(), *k)),
        };
        found.map(Vec::as_slice).unwrap_or(&[])
    }

    /// Adds rules to `t`.
    pub fn add(&mut self, t: &Target, new: &[Rule]) {
        merge(self.slot(t), new);
    }

    /// Removes one capability of one grantee from `t`; whether it was there with this mode.
    pub fn remove(
        &mut self,
        t: &Target,
        kind: GranteeKind,
        id: &str,
        cap: &str,
        mode: &str,
    ) -> bool {
        remove(self.slot(t), kind, id, cap, mode)
    }

    /// Forgets the permissions of a deleted item or project.
    pub fn forget(&mut self, id: &str) {
        self.items.retain(|(_, i), _| i != id);
        self.defaults.retain(|(p, _), _| p != id);
    }
}

/// Whether the item of a kind's URL segment exists (projects for default permissions).
fn item_exists(ss: &SiteState, segment: &str, id: &str) -> bool {
    match segment {
        "workbooks" => ss.workbooks.contains(id),
        "datasources" => ss.datasources.contains(id),
        "views" => ss.views.contains(id),
        "projects" => ss.projects.contains(id),
        "flows" => ss.flows.contains(id),
        _ => false,
    }
}

/// Forgets the rules of items and projects that were deleted, and the rules of grantees that
/// were (called before rules are added, so the state does not grow with deleted content;
/// deleting content does not need to know about permissions).
pub fn prune(ss: &mut SiteState) {
    let dead_items: Vec<(&'static str, String)> = ss
        .permissions
        .items
        .keys()
        .filter(|(k, id)| !item_exists(ss, k, id))
        .cloned()
        .collect();
    let dead_defaults: Vec<(String, &'static str)> = ss
        .permissions
        .defaults
        .keys()
        .filter(|(p, _)| !ss.projects.contains(p))
        .cloned()
        .collect();
    let gone: Vec<(GranteeKind, String)> = ss
        .permissions
        .items
        .values()
        .chain(ss.permissions.defaults.values())
        .flatten()
        .filter(|r| !grantee_exists(ss, r.kind, &r.id))
        .map(|r| (r.kind, r.id.clone()))
        .collect();
    let p = &mut ss.permissions;
    for k in dead_items {
        p.items.remove(&k);
    }
    for k in dead_defaults {
        p.defaults.remove(&k);
    }
    if !gone.is_empty() {
        for rules in p.items.values_mut().chain(p.defaults.values_mut()) {
            rules.retain(|r| !gone.iter().any(|(k, id)| *k == r.kind && *id == r.id));
        }
    }
    p.items.retain(|_, r| !r.is_empty());
    p.defaults.retain(|_, r| !r.is_empty());
}

/// Writes `<permissions>` with the item it is about (`<workbook id name/>`, `<project id
/// name/>`) and one `<granteeCapabilities>` per rule whose grantee still exists.
pub fn write(x: &mut ReplyWriter, about: (&str, &str, &str), rules: &[Rule], ss: &SiteState) {
    let (element, id, name) = about;
    x.open("permissions").close();
    x.open(element).attr("id", id).attr("name", name).empty();
    for r in rules.iter().filter(|r| grantee_exists(ss, r.kind, &r.id)) {
        x.open("granteeCapabilities").close();
        x.open(r.kind.element()).attr("id", &r.id).empty();
        x.open("capabilities").close();
        for (n, m) in &r.caps {
            x.open("capability").attr("name", n).attr("mode", m).empty();
        }
        x.end("capabilities");
        x.end("granteeCapabilities");
    }
    x.end("permissions");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(kind: GranteeKind, id: &str, caps: &[(&str, &str)]) -> Rule {
        Rule {
            kind,
            id: id.into(),
            caps: caps
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    #[test]
    fn merge_sets_modes_and_remove_takes_one_capability() {
        let mut p = Permissions::default();
        let t = Target::Item("workbooks", "w".into());
        p.add(&t, &[rule(GranteeKind::User, "u", &[("Read", "Allow")])]);
        p.add(
            &t,
            &[rule(
                GranteeKind::User,
                "u",
                &[("Read", "Deny"), ("Write", "Allow")],
            )],
        );
        assert_eq!(
            p.rules(&t),
            &[rule(
                GranteeKind::User,
                "u",
                &[("Read", "Deny"), ("Write", "Allow")]
            )]
        );
        assert!(!p.remove(&t, GranteeKind::User, "u", "Read", "Allow"));
        assert!(p.remove(&t, GranteeKind::User, "u", "Read", "Deny"));
        assert!(p.remove(&t, GranteeKind::User, "u", "Write", "Allow"));
        assert!(p.rules(&t).is_empty());
        p.add(&t, &[rule(GranteeKind::Group, "g", &[("Read", "Allow")])]);
        p.forget("w");
        assert!(p.rules(&t).is_empty());
    }

    #[test]
    fn rules_of_deleted_items_projects_and_grantees_are_pruned() {
        let mut st = crate::state::State::default();
        let site = st.create_site("S", "s", crate::state::default_site_attrs());
        let ss = st.site_mut(&site).unwrap();
        let user = crate::state::User::new("u", "Viewer");
        let uid = user.id.clone();
        ss.users.insert(user);
        let project = ss.default_project().unwrap().id.clone();
        let read = [("Read", "Allow")];
        ss.permissions.add(
            &Target::Item("projects", project.clone()),
            &[rule(GranteeKind::User, &uid, &read)],
        );
        ss.permissions.add(
            &Target::Default(project.clone(), "lenses"),
            &[rule(GranteeKind::User, &uid, &read)],
        );
        ss.permissions.add(
            &Target::Item("workbooks", "deleted-workbook".into()),
            &[rule(GranteeKind::User, &uid, &read)],
        );
        ss.permissions.add(
            &Target::Default("deleted-project".into(), "tables"),
            &[rule(GranteeKind::User, &uid, &read)],
        );
        prune(ss);
        assert_eq!(ss.permissions.items.len(), 1);
        assert_eq!(ss.permissions.defaults.len(), 1);
        ss.users.remove(&uid);
        prune(ss);
        assert!(ss.permissions.items.is_empty() && ss.permissions.defaults.is_empty());
    }

    #[test]
    fn every_capability_of_the_python_client_belongs_to_a_kind() {
        const PYTHON: &[&str] = &[
            "AddComment",
            "ChangeHierarchy",
            "ChangePermissions",
            "Connect",
            "Delete",
            "Execute",
            "ExportData",
            "ExportImage",
            "ExportXml",
            "Filter",
            "ProjectLeader",
            "Read",
            "ShareView",
            "ViewComments",
            "ViewUnderlyingData",
            "VizqlDataApiAccess",
            "WebAuthoring",
            "Write",
            "RunExplainData",
            "CreateRefreshMetrics",
            "SaveAs",
            "PulseMetricDefine",
            "ExtractRefresh",
            "WebAuthoringForFlows",
        ];
        for c in PYTHON {
            assert!(
                ITEM_KINDS
                    .iter()
                    .chain(DEFAULT_KINDS)
                    .any(|k| k.capabilities.contains(c)),
                "{c}"
            );
        }
    }
}
