//! Favorites.

/// Kinds of favorites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FavKind {
    Workbook,
    View,
    Datasource,
    Project,
    Flow,
    Metric,
    Collection,
}

impl FavKind {
    /// From an element name (`workbook`) or a URL segment (`workbooks`, `workbook`).
    pub fn parse(s: &str) -> Option<FavKind> {
        let s = s.to_ascii_lowercase();
        let s = s.strip_suffix('s').unwrap_or(&s);
        Some(match s {
            "workbook" => FavKind::Workbook,
            "view" => FavKind::View,
            "datasource" => FavKind::Datasource,
            "project" => FavKind::Project,
            "flow" => FavKind::Flow,
            "metric" => FavKind::Metric,
            "collection" => FavKind::Collection,
            _ => return None,
        })
    }

    pub fn element(self) -> &'static str {
        match self {
            FavKind::Workbook => "workbook",
            FavKind::View => "view",
            FavKind::Datasource => "datasource",
            FavKind::Project => "project",
            FavKind::Flow => "flow",
            FavKind::Metric => "metric",
            FavKind::Collection => "collection",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Favorite {
    pub id: String,
    pub user_id: String,
    pub kind: FavKind,
    pub item_id: String,
    pub label: String,
    pub added_at: i64,
}
