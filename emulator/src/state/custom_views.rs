//! Custom views of a site: a view of a workbook saved by its owner with filters, created by
//! publishing a definition (JSON) through `POST /api/exp/sites/{site}/customviews`. The
//! definition is kept byte for byte (downloads give it back as published); the filters it
//! saves are read from it once, for exports.

use crate::routes::exports::Filter;

/// A custom view.
#[derive(Debug, Clone, Default)]
pub struct CustomView {
    pub id: String,
    pub name: String,
    /// Visible to other users (`shared="true"`).
    pub shared: bool,
    pub view_id: String,
    pub workbook_id: String,
    pub owner_id: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Set when its image, PDF, data or definition is fetched.
    pub last_accessed_at: Option<i64>,
    /// The published definition, as received.
    pub definition: Vec<u8>,
    /// The file name it was published under (announced by downloads).
    pub file_name: String,
    /// The filters the definition saves, applied to every export.
    pub filters: Vec<Filter>,
}
