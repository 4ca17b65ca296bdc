//! The emulator's state: sites and everything in them, server-wide identities, jobs.
//!
//! Lives in `Shared::state` behind an `RwLock`. Handlers read the request body first, then
//! take the lock, mutate, copy out what they need to answer and release the lock before
//! writing the response (no lock is ever held across network I/O or file copies).
//!
//! Each site owns its tables (`SiteState`); deleting a site drops them all. Every table keeps
//! creation order (so unsorted paging is stable) with O(1) lookup by id.
//!
//! This module holds the tables, `SiteState` and `State`; each family's records are in their
//! own file (`sites`, `users`, `projects`, `groups`, `content`, `revisions`, `jobs`,
//! `favorites`, `custom_views`).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::util::{new_id, now_secs};

pub mod collections;
mod content;
mod custom_views;
mod favorites;
mod groups;
mod jobs;
mod projects;
mod revisions;
mod sites;
mod users;

pub use collections::Collection;
pub use content::*;
pub use custom_views::*;
pub use favorites::*;
pub use groups::*;
pub use jobs::*;
pub use projects::*;
pub use revisions::*;
pub use sites::*;
pub use users::*;

/// Items stored in a `Table` have a string id.
pub trait HasId {
    fn id(&self) -> &str;
}

/// An insertion-ordered table with O(1) lookup by id. Removal is O(n).
#[derive(Debug, Clone)]
pub struct Table<T> {
    items: Vec<T>,
    index: HashMap<String, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T: HasId> Table<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Inserts (or replaces an item with the same id, keeping its position).
    pub fn insert(&mut self, item: T) {
        let id = item.id().to_string();
        match self.index.get(&id) {
            Some(&i) => self.items[i] = item,
            None => {
                self.index.insert(id, self.items.len());
                self.items.push(item);
            }
        }
    }

    /// Lookup by id; ids are compared lower-cased.
    pub fn get(&self, id: &str) -> Option<&T> {
        match self.index.get(id) {
            Some(&i) => Some(&self.items[i]),
            None => {
                let l = id.to_ascii_lowercase();
                if l == id {
                    None
                } else {
                    self.index.get(&l).map(|&i| &self.items[i])
                }
            }
        }
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        let i = match self.index.get(id) {
            Some(&i) => i,
            None => *self.index.get(&id.to_ascii_lowercase())?,
        };
        Some(&mut self.items[i])
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    pub fn remove(&mut self, id: &str) -> Option<T> {
        let i = match self.index.get(id) {
            Some(&i) => i,
            None => *self.index.get(&id.to_ascii_lowercase())?,
        };
        let item = self.items.remove(i);
        self.reindex();
        Some(item)
    }

    /// Keeps only the items for which `keep` is true; returns the removed ones.
    pub fn retain_or_take(&mut self, mut keep: impl FnMut(&T) -> bool) -> Vec<T> {
        let mut removed = Vec::new();
        let mut kept = Vec::with_capacity(self.items.len());
        for it in self.items.drain(..) {
            if keep(&it) {
                kept.push(it);
            } else {
                removed.push(it);
            }
        }
        self.items = kept;
        if !removed.is_empty() {
            self.reindex();
        }
        removed
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (i, it) in self.items.iter().enumerate() {
            self.index.insert(it.id().to_string(), i);
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

macro_rules! has_id {
    ($($t:ty),*) => { $(impl HasId for $t { fn id(&self) -> &str { &self.id } })* };
}

/// Site roles accepted anywhere (Tableau's current and legacy names).
pub const SITE_ROLES: &[&str] = &[
    "Creator",
    "Explorer",
    "ExplorerCanPublish",
    "Guest",
    "Interactor",
    "Publisher",
    "ReadOnly",
    "ServerAdministrator",
    "SiteAdministrator",
    "SiteAdministratorCreator",
    "SiteAdministratorExplorer",
    "SupportUser",
    "Unlicensed",
    "UnlicensedWithPublish",
    "Viewer",
    "ViewerWithPublish",
];

pub const AUTH_SETTINGS: &[&str] = &["ServerDefault", "SAML", "OpenID", "TableauIDWithMFA"];

pub fn is_admin_role(role: &str) -> bool {
    matches!(
        role,
        "ServerAdministrator"
            | "SiteAdministrator"
            | "SiteAdministratorCreator"
            | "SiteAdministratorExplorer"
    )
}

/// Roles that may publish content.
pub fn can_publish(role: &str) -> bool {
    is_admin_role(role)
        || matches!(
            role,
            "Creator"
                | "ExplorerCanPublish"
                | "Publisher"
                | "UnlicensedWithPublish"
                | "ViewerWithPublish"
        )
}

has_id!(
    Site,
    User,
    Project,
    Group,
    Workbook,
    View,
    Datasource,
    Flow,
    UploadSession,
    Job,
    Favorite,
    CustomView
);

/// Everything that belongs to one site.
#[derive(Debug, Clone)]
pub struct SiteState {
    pub id: String,
    pub site: Site,
    pub users: Table<User>,
    pub groups: Table<Group>,
    pub projects: Table<Project>,
    pub workbooks: Table<Workbook>,
    pub views: Table<View>,
    pub datasources: Table<Datasource>,
    pub flows: Table<Flow>,
    pub jobs: Table<Job>,
    pub favorites: Table<Favorite>,
    pub custom_views: Table<CustomView>,
    pub uploads: Table<UploadSession>,
    /// Collections, to be favorites (`collections.rs`).
    pub collections: Table<Collection>,
    /// Explicit and default permissions, group sets (`crate::permissions`).
    pub permissions: crate::permissions::Permissions,
    /// The next number of a workbook or data source (their web pages are `…/workbooks/N`).
    pub next_number: u64,
}

impl HasId for SiteState {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Files that stopped being referenced by state (to delete after releasing the lock).
pub type Garbage = Vec<PathBuf>;

impl SiteState {
    pub fn new(site: Site) -> SiteState {
        let mut all = Group::new("All Users");
        all.all_users = true;
        let mut groups = Table::new();
        groups.insert(all);
        SiteState {
            id: site.id.clone(),
            site,
            users: Table::new(),
            groups,
            projects: Table::new(),
            workbooks: Table::new(),
            views: Table::new(),
            datasources: Table::new(),
            flows: Table::new(),
            jobs: Table::new(),
            favorites: Table::new(),
            custom_views: Table::new(),
            uploads: Table::new(),
            collections: Table::new(),
            permissions: Default::default(),
            next_number: 1,
        }
    }

    /// A new number for a workbook or data source of this site.
    pub fn take_number(&mut self) -> u64 {
        let n = self.next_number;
        self.next_number += 1;
        n
    }

    /// Where a page of this site is in the web UI, after the server's address:
    /// `#/site/{contentUrl}/{page}` (`#/{page}` on the Default site), as in Tableau's
    /// `webpageUrl`.
    pub fn webpage(&self, page: &str) -> String {
        match self.site.content_url.as_str() {
            "" => format!("#/{page}"),
            s => format!("#/site/{s}/{page}"),
        }
    }

    /// The site's "All Users" group.
    pub fn all_users_group(&self) -> Option<&Group> {
        self.groups.iter().find(|g| g.all_users)
    }

    pub fn user_by_name(&self, name: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.name.eq_ignore_ascii_case(name))
    }

    pub fn default_project(&self) -> Option<&Project> {
        self.projects.iter().find(|p| p.is_default)
    }

    /// Ids of `root` and all projects nested below it.
    pub fn project_subtree(&self, root: &str) -> HashSet<String> {
        let mut set = HashSet::new();
        set.insert(root.to_string());
        loop {
            let before = set.len();
            for p in self.projects.iter() {
                if let Some(parent) = &p.parent_id {
                    if set.contains(parent) {
                        set.insert(p.id.clone());
                    }
                }
            }
            if set.len() == before {
                break;
            }
        }
        set
    }

    /// Number of direct child projects of `id`.
    pub fn child_project_count(&self, id: &str) -> usize {
        self.projects
            .iter()
            .filter(|p| p.parent_id.as_deref() == Some(id))
            .count()
    }

    /// Removes a project, its nested projects and all content in them. Returns files to delete.
    pub fn delete_project_tree(&mut self, root: &str) -> Garbage {
        let ids = self.project_subtree(root);
        self.projects.retain_or_take(|p| !ids.contains(&p.id));
        let mut garbage = Vec::new();
        let wbs: Vec<String> = self
            .workbooks
            .iter()
            .filter(|w| ids.contains(&w.project_id))
            .map(|w| w.id.clone())
            .collect();
        for wb in wbs {
            garbage.extend(self.delete_workbook(&wb));
        }
        let dss: Vec<String> = self
            .datasources
            .iter()
            .filter(|d| ids.contains(&d.project_id))
            .map(|d| d.id.clone())
            .collect();
        for ds in dss {
            garbage.extend(self.delete_datasource(&ds));
        }
        for f in self.flows.retain_or_take(|f| !ids.contains(&f.project_id)) {
            self.remove_favorites_of(FavKind::Flow, &f.id);
            garbage.push(f.file_path);
        }
        self.favorites
            .retain_or_take(|f| !(f.kind == FavKind::Project && ids.contains(&f.item_id)));
        garbage
    }

    /// Removes a workbook, its views and custom views and favorites pointing at them. Returns files to delete.
    pub fn delete_workbook(&mut self, id: &str) -> Garbage {
        let mut garbage = Vec::new();
        if let Some(wb) = self.workbooks.remove(id) {
            for v in self.views.retain_or_take(|v| v.workbook_id != wb.id) {
                self.remove_favorites_of(FavKind::View, &v.id);
                if let Some(p) = v.preview_path {
                    garbage.push(p);
                }
            }
            self.remove_favorites_of(FavKind::Workbook, &wb.id);
            self.custom_views.retain_or_take(|c| c.workbook_id != wb.id);
            garbage.extend(wb.history.files(&wb.file_path));
            garbage.push(wb.file_path);
        }
        garbage
    }

    /// Removes a data source and favorites pointing at it. Returns files to delete.
    pub fn delete_datasource(&mut self, id: &str) -> Garbage {
        let mut garbage = Vec::new();
        if let Some(ds) = self.datasources.remove(id) {
            self.remove_favorites_of(FavKind::Datasource, &ds.id);
            garbage.extend(ds.history.files(&ds.file_path));
            garbage.push(ds.file_path);
        }
        garbage
    }

    pub fn remove_favorites_of(&mut self, kind: FavKind, item_id: &str) {
        self.favorites
            .retain_or_take(|f| !(f.kind == kind && f.item_id == item_id));
    }

    /// Does the user own workbooks, data sources or flows?
    pub fn owns_content(&self, user_id: &str) -> bool {
        self.workbooks.iter().any(|w| w.owner_id == user_id)
            || self.datasources.iter().any(|d| d.owner_id == user_id)
            || self.flows.iter().any(|f| f.owner_id == user_id)
    }

    /// Moves ownership of everything `from` owns to `to`.
    pub fn transfer_ownership(&mut self, from: &str, to: &str) {
        for w in self.workbooks.iter_mut().filter(|w| w.owner_id == from) {
            w.owner_id = to.to_string();
        }
        for v in self.views.iter_mut().filter(|v| v.owner_id == from) {
            v.owner_id = to.to_string();
        }
        for d in self.datasources.iter_mut().filter(|d| d.owner_id == from) {
            d.owner_id = to.to_string();
        }
        for f in self.flows.iter_mut().filter(|f| f.owner_id == from) {
            f.owner_id = to.to_string();
        }
        for p in self.projects.iter_mut().filter(|p| p.owner_id == from) {
            p.owner_id = to.to_string();
        }
    }

    /// Name of a favorite target, if it exists on this site.
    pub fn item_name(&self, kind: FavKind, id: &str) -> Option<&str> {
        match kind {
            FavKind::Workbook => self.workbooks.get(id).map(|w| w.name.as_str()),
            FavKind::View => self.views.get(id).map(|v| v.name.as_str()),
            FavKind::Datasource => self.datasources.get(id).map(|d| d.name.as_str()),
            FavKind::Project => self.projects.get(id).map(|p| p.name.as_str()),
            FavKind::Flow => self.flows.get(id).map(|f| f.name.as_str()),
            FavKind::Collection => self.collections.get(id).map(|c| c.name.as_str()),
            FavKind::Metric => None,
        }
    }

    /// Creates a job (completing after `delay_ms`) and returns a copy.
    pub fn create_job(
        &mut self,
        job_type: &str,
        subject: Option<JobSubject>,
        delay_ms: u64,
    ) -> Job {
        let job = Job::new(job_type, subject, delay_ms);
        self.jobs.insert(job.clone());
        job
    }

    /// Content-URL unique on this site for workbooks (Tableau appends `_0`, `_1`, …).
    pub fn unique_workbook_url(&self, name: &str) -> String {
        let base = crate::util::content_url_from_name(name);
        let taken: HashSet<&str> = self
            .workbooks
            .iter()
            .map(|w| w.content_url.as_str())
            .collect();
        unique_url(&base, &taken)
    }

    pub fn unique_datasource_url(&self, name: &str) -> String {
        let base = crate::util::content_url_from_name(name);
        let taken: HashSet<&str> = self
            .datasources
            .iter()
            .map(|d| d.content_url.as_str())
            .collect();
        unique_url(&base, &taken)
    }
}

fn unique_url(base: &str, taken: &HashSet<&str>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (0..)
        .map(|i| format!("{base}_{i}"))
        .find(|c| !taken.contains(c.as_str()))
        .unwrap_or_else(|| base.to_string())
}

/// The whole server.
#[derive(Debug, Default)]
pub struct State {
    /// The server's listening address (`http://127.0.0.1:PORT`): the start of `webpageUrl`s
    /// answered to a request without a usable `Host` header.
    pub web_base: String,
    pub sites: Table<SiteState>,
    /// Server-wide identities by lower-cased name.
    pub identities: HashMap<String, Identity>,
    /// Server-wide schedules, site tasks and subscriptions (`schedules.rs`).
    pub scheduling: crate::schedules::Scheduling,
}

impl State {
    pub fn site(&self, id: &str) -> Option<&SiteState> {
        self.sites.get(id)
    }

    pub fn site_mut(&mut self, id: &str) -> Option<&mut SiteState> {
        self.sites.get_mut(id)
    }

    /// Site by content URL (case-insensitive; "" = Default).
    pub fn site_by_url(&self, url: &str) -> Option<&SiteState> {
        self.sites
            .iter()
            .find(|s| s.site.content_url.eq_ignore_ascii_case(url))
    }

    pub fn site_by_name(&self, name: &str) -> Option<&SiteState> {
        self.sites
            .iter()
            .find(|s| s.site.name.eq_ignore_ascii_case(name))
    }

    pub fn identity(&self, name: &str) -> Option<&Identity> {
        self.identities.get(&name.to_lowercase())
    }

    pub fn identity_mut(&mut self, name: &str) -> Option<&mut Identity> {
        self.identities.get_mut(&name.to_lowercase())
    }

    /// Ensures an identity exists for `name` (no password) and returns it.
    pub fn ensure_identity(&mut self, name: &str) -> &mut Identity {
        self.identities
            .entry(name.to_lowercase())
            .or_insert_with(|| Identity {
                name: name.to_string(),
                password: None,
                server_admin: false,
                pats: Vec::new(),
            })
    }

    pub fn server_admin_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .identities
            .values()
            .filter(|i| i.server_admin)
            .map(|i| i.name.clone())
            .collect();
        v.sort();
        v
    }

    /// Creates a site with its `default` project, "All Users" group and a
    /// ServerAdministrator user row for every server admin. Returns the site id.
    pub fn create_site(
        &mut self,
        name: &str,
        content_url: &str,
        attrs: Vec<(String, String)>,
    ) -> String {
        let now = now_secs();
        let site = Site {
            id: new_id(),
            name: name.to_string(),
            content_url: content_url.to_string(),
            attrs,
            created_at: now,
        };
        let id = site.id.clone();
        let mut ss = SiteState::new(site);
        let mut first_admin: Option<String> = None;
        for admin in self.server_admin_names() {
            let u = User::new(&admin, "ServerAdministrator");
            if first_admin.is_none() {
                first_admin = Some(u.id.clone());
            }
            ss.users.insert(u);
        }
        ss.projects.insert(Project {
            id: new_id(),
            name: "default".to_string(),
            description: "The default project that was automatically created by Tableau."
                .to_string(),
            content_permissions: "ManagedByOwner".to_string(),
            parent_id: None,
            owner_id: first_admin.unwrap_or_default(),
            created_at: now,
            updated_at: now,
            is_default: true,
        });
        self.sites.insert(ss);
        id
    }

    /// Adds a server administrator identity and its user row on every site.
    pub fn add_server_admin(&mut self, name: &str, password: &str) {
        let ident = self.ensure_identity(name);
        ident.password = Some(password.to_string());
        ident.server_admin = true;
        for ss in self.sites.iter_mut() {
            match ss
                .users
                .iter_mut()
                .find(|u| u.name.eq_ignore_ascii_case(name))
            {
                Some(u) => u.site_role = "ServerAdministrator".to_string(),
                None => ss.users.insert(User::new(name, "ServerAdministrator")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_keeps_order() {
        let mut t: Table<Group> = Table::new();
        let ids: Vec<String> = (0..5)
            .map(|i| {
                let g = Group::new(&format!("g{i}"));
                let id = g.id.clone();
                t.insert(g);
                id
            })
            .collect();
        assert!(t.remove(&ids[1]).is_some());
        assert_eq!(t.len(), 4);
        let names: Vec<&str> = t.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["g0", "g2", "g3", "g4"]);
        assert!(t.get(&ids[3].to_uppercase()).is_some());
        assert!(t.get(&ids[1]).is_none());
    }

    #[test]
    fn project_tree_deletion() {
        let mut st = State::default();
        st.add_server_admin("admin", "pw");
        let sid = st.create_site("Default", "", default_site_attrs());
        let ss = st.site_mut(&sid).unwrap();
        let mk = |name: &str, parent: Option<&str>| Project {
            id: new_id(),
            name: name.into(),
            description: String::new(),
            content_permissions: "ManagedByOwner".into(),
            parent_id: parent.map(|s| s.to_string()),
            owner_id: String::new(),
            created_at: 0,
            updated_at: 0,
            is_default: false,
        };
        let a = mk("a", None);
        let b = mk("b", Some(&a.id));
        let c = mk("c", Some(&b.id));
        let d = mk("d", None);
        let (aid, did) = (a.id.clone(), d.id.clone());
        for p in [a, b, c, d] {
            ss.projects.insert(p);
        }
        ss.workbooks.insert(Workbook {
            id: new_id(),
            project_id: ss
                .projects
                .iter()
                .find(|p| p.name == "c")
                .unwrap()
                .id
                .clone(),
            ..Default::default()
        });
        assert_eq!(ss.projects.len(), 5);
        ss.delete_project_tree(&aid);
        assert_eq!(ss.projects.len(), 2);
        assert!(ss.projects.get(&did).is_some());
        assert!(ss.workbooks.is_empty());
    }

    #[test]
    fn job_clock() {
        let mut j = Job::new("PublishWorkbook", None, 0);
        assert_eq!(j.progress, 0);
        assert!(j.completed_at.is_none());
        j.tick();
        assert_eq!(j.progress, 100);
        assert_eq!(j.finish_code, 0);
        assert_eq!(j.status(), "Success");
        // Queued for the first half of the delay, running in the second, then done.
        let mut j = Job::new("PublishWorkbook", None, 60_000);
        let t0 = j.complete_at_ms - 60_000;
        j.tick_at(t0 + 1_000);
        assert_eq!((j.status(), j.progress), ("Pending", 0));
        assert!(j.started_at.is_none());
        j.tick_at(t0 + 45_000);
        assert_eq!((j.status(), j.progress), ("InProgress", 50));
        assert!(j.started_at.is_some() && j.completed_at.is_none());
        j.tick_at(t0 + 60_000);
        assert_eq!((j.status(), j.progress), ("Success", 100));
    }
}
