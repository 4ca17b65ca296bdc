//! Initial state (the admin and the Default site) and `--seed demo`.
//!
//! Demo content (what `--seed demo` creates):
//! * sites: Default (""), "Marketing" (`marketing`), "Finance" (`finance`)
//! * users (password = the user name + "pw", e.g. `alicepw`): on Default: alice (Creator),
//!   bob (Explorer), carol (Viewer), dave (SiteAdministratorCreator), erin (Unlicensed);
//!   on Marketing: alice (Creator), bob (Viewer); on Finance: carol (SiteAdministratorExplorer)
//! * projects on Default: default, Sales (→ Q1 Reports, Q2 Reports), Marketing, Finance,
//!   Samples; on Marketing: default, Campaigns; on Finance: default, Budgets
//! * groups on Default: All Users, Analysts (alice, bob), Executives (carol, dave), Sales Team
//!   (alice); on Marketing: All Users, Creative (alice)
//! * favorites: alice's favorite project "Sales" on Default
//!
//! Workbooks, views, data sources and their favorites: see `seed_content`.

use std::path::Path;

use crate::state::{default_site_attrs, FavKind, Favorite, Group, Project, State, User};
use crate::util::{new_id, now_secs};
use crate::Config;

/// The server as it starts: the admin (a server administrator with the configured password
/// and PATs) and the Default site.
pub fn init(state: &mut State, config: &Config) {
    state.add_server_admin(&config.admin_user, &config.admin_password);
    state
        .identity_mut(&config.admin_user)
        .expect("admin exists")
        .pats = config.pats.clone();
    state.create_site("Default", "", default_site_attrs());
}

fn add_user(state: &mut State, site: &str, name: &str, role: &str, full: &str) -> String {
    state.ensure_identity(name).password = Some(format!("{name}pw"));
    let ss = state.site_mut(site).expect("site");
    let mut u = User::new(name, role);
    u.full_name = full.to_string();
    u.email = format!("{name}@example.com");
    let id = u.id.clone();
    ss.users.insert(u);
    id
}

fn add_project(
    state: &mut State,
    site: &str,
    name: &str,
    parent: Option<&str>,
    owner: &str,
    desc: &str,
) -> String {
    let ss = state.site_mut(site).expect("site");
    let now = now_secs();
    let p = Project {
        id: new_id(),
        name: name.to_string(),
        description: desc.to_string(),
        content_permissions: "ManagedByOwner".into(),
        parent_id: parent.map(str::to_string),
        owner_id: owner.to_string(),
        created_at: now,
        updated_at: now,
        is_default: false,
    };
    let id = p.id.clone();
    ss.projects.insert(p);
    id
}

fn add_group(state: &mut State, site: &str, name: &str, members: &[&str]) -> String {
    let ss = state.site_mut(site).expect("site");
    let mut g = Group::new(name);
    for m in members {
        g.add_member(m);
    }
    let id = g.id.clone();
    ss.groups.insert(g);
    id
}

/// Seeds the demo sites, users, projects, groups and favorites.
pub fn seed_demo(state: &mut State, data_dir: &Path) {
    let default = state.site_by_url("").expect("Default site").id.clone();
    let marketing = state.create_site("Marketing", "marketing", default_site_attrs());
    let finance = state.create_site("Finance", "finance", default_site_attrs());

    let alice = add_user(state, &default, "alice", "Creator", "Alice Anders");
    let bob = add_user(state, &default, "bob", "Explorer", "Bob Brown");
    let carol = add_user(state, &default, "carol", "Viewer", "Carol Chen");
    let dave = add_user(
        state,
        &default,
        "dave",
        "SiteAdministratorCreator",
        "Dave Diaz",
    );
    add_user(state, &default, "erin", "Unlicensed", "Erin Evans");
    let m_alice = add_user(state, &marketing, "alice", "Creator", "Alice Anders");
    add_user(state, &marketing, "bob", "Viewer", "Bob Brown");
    add_user(
        state,
        &finance,
        "carol",
        "SiteAdministratorExplorer",
        "Carol Chen",
    );

    let sales = add_project(
        state,
        &default,
        "Sales",
        None,
        &alice,
        "Sales dashboards and reports",
    );
    add_project(
        state,
        &default,
        "Q1 Reports",
        Some(&sales),
        &alice,
        "First quarter",
    );
    add_project(
        state,
        &default,
        "Q2 Reports",
        Some(&sales),
        &alice,
        "Second quarter",
    );
    add_project(
        state,
        &default,
        "Marketing",
        None,
        &dave,
        "Campaign analytics",
    );
    add_project(
        state,
        &default,
        "Finance",
        None,
        &dave,
        "Budgets and forecasts",
    );
    add_project(state, &default, "Samples", None, &dave, "Sample content");
    add_project(
        state,
        &marketing,
        "Campaigns",
        None,
        &m_alice,
        "Campaign results",
    );
    let f_admin = state
        .site(&finance)
        .and_then(|s| s.default_project())
        .map(|p| p.owner_id.clone())
        .unwrap_or_default();
    add_project(state, &finance, "Budgets", None, &f_admin, "Yearly budgets");

    add_group(state, &default, "Analysts", &[&alice, &bob]);
    add_group(state, &default, "Executives", &[&carol, &dave]);
    add_group(state, &default, "Sales Team", &[&alice]);
    add_group(state, &marketing, "Creative", &[&m_alice]);

    let ss = state.site_mut(&default).expect("site");
    ss.favorites.insert(Favorite {
        id: new_id(),
        user_id: alice,
        kind: FavKind::Project,
        item_id: sales,
        label: "Sales".into(),
        added_at: now_secs(),
    });
    crate::seed_content::seed_demo_content(state, data_dir);
}
