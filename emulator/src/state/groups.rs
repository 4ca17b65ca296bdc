//! Groups and their members.

use std::collections::HashSet;

use crate::util::{new_id, now_secs};

/// A group. The built-in "All Users" group has `all_users = true` and no stored members:
/// every user of the site is a member.
#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub minimum_site_role: Option<String>,
    pub domain_name: String,
    pub all_users: bool,
    pub members: Vec<String>,
    pub member_set: HashSet<String>,
    pub created_at: i64,
}

impl Group {
    pub fn new(name: &str) -> Group {
        Group {
            id: new_id(),
            name: name.to_string(),
            minimum_site_role: None,
            domain_name: "local".to_string(),
            all_users: false,
            members: Vec::new(),
            member_set: HashSet::new(),
            created_at: now_secs(),
        }
    }

    pub fn has_member(&self, user_id: &str) -> bool {
        self.all_users || self.member_set.contains(user_id)
    }

    /// Adds a member; false if already present.
    pub fn add_member(&mut self, user_id: &str) -> bool {
        if self.member_set.insert(user_id.to_string()) {
            self.members.push(user_id.to_string());
            true
        } else {
            false
        }
    }

    pub fn remove_member(&mut self, user_id: &str) -> bool {
        if self.member_set.remove(user_id) {
            self.members.retain(|m| m != user_id);
            true
        } else {
            false
        }
    }
}
