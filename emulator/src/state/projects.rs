//! Projects.

/// A project.
#[derive(Debug, Clone)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub description: String,
    pub content_permissions: String,
    pub parent_id: Option<String>,
    pub owner_id: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// The built-in `default` project.
    pub is_default: bool,
}
